//! `blogtool`: native commands for authors and the build, sharing the browser's parsing core.
//!
//! ```text
//! blogtool publish [--posts DIR] --out DIR [--drafts] [--future] [--skip-broken]
//!     Writes DIR/index.json (the post index), DIR/pages/N.json (the list's pages, of
//!     `page_size` posts from site.yaml or BLOG_PAGE_SIZE) and copies every published post
//!     into DIR, each post's neighbours and related posts into DIR/context/<slug>.json,
//!     the search index into DIR/search and the site's name and links (from
//!     site.yaml) into DIR/site.json. Drafts and future-dated posts are left out unless asked
//!     for. A post that cannot be read fails the command, unless --skip-broken lists it as
//!     a problem instead (`trunk serve` does, so one bad file never stops you writing).
//! blogtool check [--posts DIR] [--public DIR]
//!     Validates every post, the author registry and site.yaml; prints `file:line: message` and exits
//!     with status 1 when there are errors.
//! blogtool new "Title" [--posts DIR] [--author NAME]
//!     Writes a new draft post named after the title, dated today.
//! ```
//! `BLOG_NOW` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`) overrides the current time.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use blog_core::check::{self, Severity};
use blog_core::config::SiteConfig;
use blog_core::date::PostDate;
use blog_core::manifest::{BuildOptions, Manifest, RelatedIndex};

const USAGE: &str = "usage:
  blogtool publish [--posts DIR] --out DIR [--drafts] [--future] [--skip-broken]
  blogtool check [--posts DIR] [--public DIR]
  blogtool new \"Title\" [--posts DIR] [--author NAME]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("blogtool: {message}");
            ExitCode::from(2)
        }
    }
}

/// Parsed command-line options shared by the commands.
#[derive(Default)]
struct Args {
    posts: Option<PathBuf>,
    public: Option<PathBuf>,
    out: Option<PathBuf>,
    author: Option<String>,
    drafts: bool,
    future: bool,
    skip_broken: bool,
    positional: Vec<String>,
}

fn parse_args(rest: &[String]) -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--posts" => args.posts = Some(value("--posts")?.into()),
            "--public" => args.public = Some(value("--public")?.into()),
            "--out" => args.out = Some(value("--out")?.into()),
            "--author" => args.author = Some(value("--author")?),
            "--drafts" => args.drafts = true,
            "--future" => args.future = true,
            "--skip-broken" => args.skip_broken = true,
            other if other.starts_with("--") => {
                return Err(format!("unknown option `{other}`\n{USAGE}"))
            }
            other => args.positional.push(other.to_string()),
        }
    }
    Ok(args)
}

fn run(argv: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = argv.split_first().ok_or(USAGE)?;
    let args = parse_args(rest)?;
    let posts = args.posts.clone().unwrap_or_else(|| PathBuf::from("posts"));
    match command.as_str() {
        "publish" => publish(&posts, &args),
        "check" => check(&posts, &args),
        "new" => new(&posts, &args),
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

/// The current time, or `BLOG_NOW` when set (for tests and previews).
fn now() -> Result<PostDate, String> {
    match std::env::var("BLOG_NOW") {
        Ok(value) => PostDate::parse(&value).ok_or(format!("BLOG_NOW \"{value}\" is not a date")),
        Err(_) => {
            let seconds = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|e| e.to_string())?
                .as_secs();
            Ok(PostDate::from_unix(seconds))
        }
    }
}

fn publish(posts: &Path, args: &Args) -> Result<ExitCode, String> {
    let out = args.out.as_ref().ok_or("publish needs --out DIR")?;
    let options = BuildOptions {
        include_drafts: args.drafts,
        now: if args.future { None } else { Some(now()?) },
    };
    let (sources, authors) = read_posts(posts)?;
    let config = SiteConfig::load()?;
    let mut manifest = Manifest::build(&sources, authors.as_deref(), options);
    if let Some(author) = &config.info.default_author {
        manifest.credit_default_author(author);
    }
    if !manifest.problems.is_empty() && !args.skip_broken {
        for problem in &manifest.problems {
            eprintln!("error: {}", problem.message);
        }
        return Err(format!(
            "{} post(s) cannot be published; fix them, or pass --skip-broken \
             (BLOG_SKIP_BROKEN=1 for trunk builds) to publish the rest",
            manifest.problems.len()
        ));
    }
    for problem in &manifest.problems {
        eprintln!("warning: {}", problem.message);
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for post in &manifest.posts {
        let from = posts.join(&post.file);
        std::fs::copy(&from, out.join(&post.file))
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    // Posts with problems are copied too, so opening one explains what is wrong.
    for problem in manifest.problems.iter().filter(|p| p.file.ends_with(".md")) {
        let _ = std::fs::copy(posts.join(&problem.file), out.join(&problem.file));
    }
    let json = serde_json::to_string(&manifest).map_err(|e| e.to_string())?;
    let index = out.join("index.json");
    std::fs::write(&index, json).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    // The list's pages, each on its own: the home page of a large blog loads one of them.
    let size = config.page_size;
    // The site's name and links, for pages that do not embed them (`trunk serve`).
    let info = serde_json::to_string(&config.info).map_err(|e| e.to_string())?;
    let file = out.join("site.json");
    std::fs::write(&file, info).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let pages = out.join("pages");
    let _ = std::fs::remove_dir_all(&pages);
    std::fs::create_dir_all(&pages)
        .map_err(|e| format!("cannot create {}: {e}", pages.display()))?;
    for number in 1..=manifest.page_count(size) {
        let page = manifest
            .list_page(number, size)
            .ok_or("page out of range")?;
        let file = pages.join(format!("{number}.json"));
        let json = serde_json::to_string(&page).map_err(|e| e.to_string())?;
        std::fs::write(&file, json).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    write_contexts(&manifest, &out.join("context"))?;
    write_search_index(&manifest, &sources, &out.join("search"))?;
    eprintln!(
        "blogtool: published {} posts into {}",
        manifest.posts.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes what each post's page shows besides the post (its neighbours, related posts and
/// the author registry) as `dir/<slug>.json`, so a post opened in the app never needs the
/// whole index, which grows with the blog.
fn write_contexts(manifest: &Manifest, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let related = RelatedIndex::new(manifest);
    for post in &manifest.posts {
        let context = manifest.context_for(&post.slug, &related);
        let json = serde_json::to_string(&context).map_err(|e| e.to_string())?;
        let file = dir.join(format!("{}.json", post.slug));
        std::fs::write(&file, json).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(())
}

/// Writes the search index into `dir`, replacing the previous build's.
fn write_search_index(
    manifest: &Manifest,
    sources: &[(String, String)],
    dir: &Path,
) -> Result<(), String> {
    let index = blog_core::search::index_posts(manifest, sources);
    let _ = std::fs::remove_dir_all(dir);
    let build = dir.join(&index.meta.build);
    std::fs::create_dir_all(&build)
        .map_err(|e| format!("cannot create {}: {e}", build.display()))?;
    for (path, text) in &index.files {
        let file = dir.join(path);
        std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    let meta = serde_json::to_string(&index.meta).map_err(|e| e.to_string())?;
    let file = dir.join("meta.json");
    std::fs::write(&file, meta).map_err(|e| format!("cannot write {}: {e}", file.display()))
}

fn check(posts: &Path, args: &Args) -> Result<ExitCode, String> {
    let public = args
        .public
        .clone()
        .unwrap_or_else(|| PathBuf::from("public"));
    let (sources, authors) = read_posts(posts)?;
    let exists = |site_path: &str| public.join(site_path.trim_start_matches('/')).is_file();
    let findings = check::check(&sources, authors.as_deref(), &exists);
    for finding in &findings {
        println!("{finding}");
    }
    // The settings file is checked too: a mistake there fails every build.
    let settings = SiteConfig::load().err();
    if let Some(message) = &settings {
        println!("error: {message}");
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
        + usize::from(settings.is_some());
    let warnings = findings.len() - errors;
    println!(
        "checked {} posts: {errors} error(s), {warnings} warning(s)",
        sources.len()
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn new(posts: &Path, args: &Args) -> Result<ExitCode, String> {
    let [title] = args.positional.as_slice() else {
        return Err(format!("new needs exactly one title\n{USAGE}"));
    };
    let (slug, text) = check::new_post(title, &now()?.iso(), args.author.as_deref());
    let path = posts.join(format!("{slug}.md"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Every post as `(file name, text)`, and the registry's text if there is one.
type PostsFolder = (Vec<(String, String)>, Option<String>);

/// Reads every `*.md` file directly inside `dir`, sorted by name, and `authors.yaml`.
fn read_posts(dir: &Path) -> Result<PostsFolder, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut sources = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // Not UTF-8 at all: read what can be read; the post's errors will say the rest.
        sources.push((
            name.to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    sources.sort();
    let authors = match std::fs::read_to_string(dir.join("authors.yaml")) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read authors.yaml: {e}")),
    };
    Ok((sources, authors))
}
