//! The commands themselves: native only, as they read and write the file system.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use blog_core::build::{self, in_public, now, read_posts, PublishOptions};
use blog_core::check::{self, Diagnostic, Severity};
use blog_core::config::Settings;
use blog_core::import;

const USAGE: &str = "usage:
  blogtool publish [--posts DIR] --out DIR [--public DIR] [--drafts] [--future] [--skip-broken] [--show-problems]
  blogtool check [--posts DIR] [--public DIR]
  blogtool new \"Title\" [--posts DIR] [--author NAME]";

/// Runs the command line; see the binary's documentation.
pub(crate) fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(error) => {
            // `{:#}` gives the whole chain: what failed, then why.
            eprintln!("blogtool: {error:#}");
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
    show_problems: bool,
    positional: Vec<String>,
}

impl Args {
    /// The site's own files (`--public`, else `public/`), which posts' site paths name.
    fn public(&self) -> PathBuf {
        self.public
            .clone()
            .unwrap_or_else(|| PathBuf::from("public"))
    }
}

fn parse_args(rest: &[String]) -> Result<Args> {
    let mut args = Args::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--posts" => args.posts = Some(value("--posts")?.into()),
            "--public" => args.public = Some(value("--public")?.into()),
            "--out" => args.out = Some(value("--out")?.into()),
            "--author" => args.author = Some(value("--author")?),
            "--drafts" => args.drafts = true,
            "--future" => args.future = true,
            "--skip-broken" => args.skip_broken = true,
            "--show-problems" => args.show_problems = true,
            other if other.starts_with("--") => {
                bail!("unknown option `{other}`\n{USAGE}")
            }
            other => args.positional.push(other.to_string()),
        }
    }
    Ok(args)
}

fn run(argv: &[String]) -> Result<ExitCode> {
    let (command, rest) = argv.split_first().context(USAGE)?;
    let args = parse_args(rest)?;
    let posts = args.posts.clone().unwrap_or_else(|| PathBuf::from("posts"));
    match command.as_str() {
        "publish" => publish(&posts, &args),
        "check" => check(&posts, &args),
        "new" => new(&posts, &args),
        other => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

fn publish(posts: &Path, args: &Args) -> Result<ExitCode> {
    let out = args.out.as_ref().context("publish needs --out DIR")?;
    let started = std::time::Instant::now();
    let published = build::publish(&PublishOptions {
        posts,
        out,
        public: &args.public(),
        // The app renders posts itself, under whatever path the site is served from.
        base: "/",
        include_drafts: args.drafts,
        include_future: args.future,
        skip_broken: args.skip_broken,
        show_problems: args.show_problems,
    })?;
    eprintln!(
        "blogtool: published {} posts into {} in {:.1} s",
        published.index.posts.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn check(posts: &Path, args: &Args) -> Result<ExitCode> {
    let public = args.public();
    let folder = read_posts(posts)?;
    let exists = |site_path: &str| in_public(&public, site_path);
    let mut findings = check::check(&folder.files, folder.authors.as_deref(), &exists, &|p| {
        folder.has(p)
    });
    // The settings file is checked too: a mistake there fails every build.
    match Settings::load() {
        Ok(config) => findings.extend(config.warnings.into_iter().map(|message| Diagnostic {
            severity: Severity::Warning,
            message,
        })),
        Err(message) => findings.push(Diagnostic {
            severity: Severity::Error,
            message,
        }),
    }
    for finding in &findings {
        println!("{finding}");
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    println!(
        "checked {} posts: {errors} error(s), {warnings} warning(s)",
        folder.files.len()
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn new(posts: &Path, args: &Args) -> Result<ExitCode> {
    let [title] = args.positional.as_slice() else {
        bail!("new needs exactly one title\n{USAGE}");
    };
    let (slug, text) = check::new_post(title, &now()?.iso(), args.author.as_deref());
    // The new post needs an address no post has, whatever folder or `slug:` gives theirs.
    let folder = read_posts(posts)?;
    let taken: BTreeSet<String> = import::import_all(&folder.files, &|p| folder.has(p))
        .into_iter()
        .flatten()
        .map(|p| p.slug)
        .collect();
    for n in 1..=1000 {
        let candidate = if n == 1 {
            slug.clone()
        } else {
            format!("{slug}-{n}")
        };
        if taken.contains(&candidate) {
            continue;
        }
        let path = posts.join(format!("{candidate}.md"));
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
        };
        std::io::Write::write_all(&mut file, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    bail!(
        "cannot find a free file name for \"{slug}\" in {}",
        posts.display()
    )
}
