//! The command line: parses the arguments (clap), reads the environment once, resolves
//! every path, and runs the command. A flag beats a `BLOG_*` variable, which beats
//! `site.yaml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::check::{self, Diagnostic, Severity};
use crate::import;
use crate::publish::{self as publishing, now, read_posts, PublishOptions};
use anyhow::{bail, Context, Result};
use blog_core::publish;
use clap::{Args, Parser, Subcommand};

use crate::app::App;
use crate::build::{self, BuildOptions, Mode};

/// Makes, serves, checks and builds a Markdown blog: a folder of posts, with the app inside
/// this one binary.
///
/// Exit status: 0 done; 1 the blog has errors (`check`, or a build stopped by posts that
/// cannot be read) or a file could not be read or written, each said on stderr; 2 the
/// command line is wrong.
#[derive(Parser)]
#[command(name = "blogtool", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Makes a new blog: site.yaml, posts/ with a first post and authors.yaml, public/, a
    /// GitHub Pages workflow and a README.
    Init {
        /// The folder to make it in (the current one when left out); it must be empty.
        dir: Option<PathBuf>,
        /// Write into a folder that is not empty (files of the same name are replaced).
        #[arg(long)]
        force: bool,
    },
    /// Serves the blog as a release build would be, drafts and future posts included, and
    /// reloads the open page whenever anything in the blog folder changes.
    Serve {
        /// The blog folder (the current one when left out).
        dir: Option<PathBuf>,
        /// The port to listen on (the next free one when it is taken).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Open the blog in the default browser.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        folders: Folders,
        /// A built app to serve the blog with instead of the one inside blogtool (working
        /// on the app: `trunk serve` rebuilds it into dist/); reloads when it changes too.
        #[arg(long, value_name = "DIR")]
        app: Option<PathBuf>,
    },
    /// Builds the whole release site from the blog folder: every page prerendered, the app,
    /// search, feeds, sitemap, the offline worker and the embeddable author card.
    Build {
        /// The blog folder (the current one when left out).
        dir: Option<PathBuf>,
        /// Where the site goes (emptied first) [default: DIR/dist]
        #[arg(long, short, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The path the site is published under, such as /blog/ [env: BLOG_BASE; default:
        /// the path of the site's url, else /]
        #[arg(long, env = "BLOG_BASE", hide_env = true)]
        base: Option<String>,
        /// Where the site is published (scheme and host), for feeds and link previews
        /// [env: BLOG_SITE_URL; default: `url:` in site.yaml]
        #[arg(long)]
        url: Option<String>,
        /// Leave posts that cannot be read out (each said as a warning) instead of stopping
        /// [env: BLOG_SKIP_BROKEN]
        #[arg(long)]
        skip_broken: bool,
        #[command(flatten)]
        folders: Folders,
        /// A built app to use instead of the one inside blogtool.
        #[arg(long, value_name = "DIR")]
        app: Option<PathBuf>,
    },
    /// Checks every post, the author registry and site.yaml; prints `file:line: message`
    /// and exits with status 1 when there are errors.
    Check {
        /// The blog folder (the current one when left out).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        folders: Folders,
    },
    /// Writes a new draft post named after the title, dated now, and prints its path.
    New {
        /// The post's title.
        title: String,
        /// Who wrote it (an id from posts/authors.yaml, or a name).
        #[arg(long)]
        author: Option<String>,
        /// The blog folder (the current one when left out).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        folders: Folders,
    },
    /// Writes only the data files the app fetches (posts, index, lists, contexts, search),
    /// for tools that serve the app themselves.
    Publish {
        /// Where the data files go.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The blog folder (the current one when left out).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        folders: Folders,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Include posts dated in the future.
        #[arg(long)]
        future: bool,
        /// Leave posts that cannot be read out instead of failing.
        #[arg(long)]
        skip_broken: bool,
        /// List posts that cannot be read in the index, with their source, so opening one
        /// explains what is wrong.
        #[arg(long)]
        show_problems: bool,
    },
}

/// Where the blog's posts and files are, when not in the blog folder's `posts/` and
/// `public/`.
#[derive(Args)]
struct Folders {
    /// The posts folder [env: BLOG_POSTS; default: DIR/posts]
    #[arg(long, value_name = "DIR", env = "BLOG_POSTS", hide_env = true)]
    posts: Option<PathBuf>,
    /// The blog's own files: images, favicon, custom files [env: BLOG_PUBLIC; default:
    /// DIR/public]
    #[arg(long, value_name = "DIR", env = "BLOG_PUBLIC", hide_env = true)]
    public: Option<PathBuf>,
    /// The pages folder: About and other pages outside the post list [env: BLOG_PAGES;
    /// default: the folder `pages` beside the posts folder]
    #[arg(long, value_name = "DIR", env = "BLOG_PAGES", hide_env = true)]
    pages: Option<PathBuf>,
}

/// The blog folder and its two content folders, resolved against the folder blogtool was
/// started in.
struct Blog {
    dir: PathBuf,
    posts: PathBuf,
    pages: PathBuf,
    public: PathBuf,
}

impl Blog {
    /// Resolves the folders and makes `dir` the working folder: `site.yaml` (or
    /// `BLOG_SITE_CONFIG`, resolved first) is read from there.
    fn enter(dir: Option<PathBuf>, folders: Folders) -> Result<Blog> {
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        let dir = cwd.join(dir.unwrap_or_default());
        // An empty variable is unset, as the shell's `${BLOG_POSTS:-posts}` has it.
        let given =
            |p: Option<PathBuf>| p.filter(|p| !p.as_os_str().is_empty()).map(|p| cwd.join(p));
        let posts = given(folders.posts).unwrap_or_else(|| dir.join("posts"));
        let blog = Blog {
            pages: given(folders.pages).unwrap_or_else(|| posts.with_file_name("pages")),
            posts,
            public: given(folders.public).unwrap_or_else(|| dir.join("public")),
            dir,
        };
        if let Some(config) = std::env::var_os("BLOG_SITE_CONFIG").filter(|v| !v.is_empty()) {
            // SAFETY: set before any thread starts (the command line is read first).
            std::env::set_var("BLOG_SITE_CONFIG", cwd.join(config));
        }
        std::env::set_current_dir(&blog.dir)
            .with_context(|| format!("cannot open the blog folder {}", blog.dir.display()))?;
        Ok(blog)
    }
}

/// Runs the command line; see [`Cli`].
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            // `{:#}` gives the whole chain: what failed, then why.
            eprintln!("blogtool: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    let skip_env = std::env::var_os("BLOG_SKIP_BROKEN").is_some_and(|v| !v.is_empty());
    match command {
        Command::Init { dir, force } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            crate::init::init(&dir, force)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            dir,
            out,
            base,
            url,
            skip_broken,
            folders,
            app,
        } => {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            let app = load_app(app.map(|a| cwd.join(a)))?;
            let out = out.map(|o| cwd.join(o));
            let blog = Blog::enter(dir, folders)?;
            let settings = crate::i18n::load_settings().map_err(anyhow::Error::msg)?;
            let url = url
                .or_else(|| settings.url.clone())
                .context("site.yaml has no `url:` (where the blog is published): add one, or pass --url https://…")?;
            let options = BuildOptions {
                out: out.unwrap_or_else(|| blog.dir.join("dist")),
                base: base_path(base.as_deref(), &url),
                posts: blog.posts,
                pages: blog.pages,
                public: blog.public,
                url,
                settings,
                skip_broken: skip_broken || skip_env,
                mode: Mode::Release,
                app: &app,
                diagram_cache: None,
            };
            let summary = build::build(&options)?;
            eprintln!(
                "blogtool: built {} for {}: {summary}",
                options.out.display(),
                options.url.trim_end_matches('/').to_string() + &options.base
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            dir,
            port,
            open,
            folders,
            app,
        } => {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            let app_dir = app.map(|a| cwd.join(a));
            let blog = Blog::enter(dir, folders)?;
            crate::serve::serve(crate::serve::ServeOptions {
                dir: blog.dir,
                posts: blog.posts,
                pages: blog.pages,
                public: blog.public,
                port,
                open,
                app_dir,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { dir, folders } => {
            let blog = Blog::enter(dir, folders)?;
            check(&blog)
        }
        Command::New {
            title,
            author,
            dir,
            folders,
        } => {
            let blog = Blog::enter(dir, folders)?;
            new(&blog.posts, &title, author.as_deref())
        }
        Command::Publish {
            out,
            dir,
            folders,
            drafts,
            future,
            skip_broken,
            show_problems,
        } => {
            let out = std::env::current_dir()
                .context("cannot read the current folder")?
                .join(out);
            let blog = Blog::enter(dir, folders)?;
            let settings = crate::i18n::load_settings().map_err(anyhow::Error::msg)?;
            let started = std::time::Instant::now();
            let output = crate::output::Output::new(&out, false)?;
            let published = publishing::publish(&PublishOptions {
                posts: &blog.posts,
                pages: &blog.pages,
                output: &output,
                out: &out,
                public: &blog.public,
                // The app renders posts itself, under whatever path the site is served from.
                base: "/",
                include_drafts: drafts,
                include_future: future,
                skip_broken: skip_broken || skip_env,
                show_problems,
                diagram_cache: None,
                settings: &settings,
                cache: None,
                changed: &[],
            })?;
            eprintln!(
                "blogtool: published {} posts into {} in {:.1} s",
                published.index.posts.len(),
                out.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The app a build uses: the folder given, else the one inside blogtool.
pub(crate) fn load_app(dir: Option<PathBuf>) -> Result<App> {
    match dir {
        Some(dir) => App::from_dir(&dir),
        None => App::embedded(),
    }
}

/// The path prefix: `--base` (or `BLOG_BASE`), else the path of the site's URL
/// (`https://you.github.io/blog/` → `/blog/`), else `/`; always with both slashes.
fn base_path(given: Option<&str>, url: &str) -> String {
    let given = given.filter(|b| !b.trim().is_empty());
    publish::base_path(given.unwrap_or(publish::split_site_url(url).1))
}

fn check(blog: &Blog) -> Result<ExitCode> {
    // Read and imported as `build` reads them: one pipeline.
    let (posts, mut findings) =
        crate::build::Site::default().check(&blog.posts, &blog.pages, &blog.public)?;
    // The settings file is checked too: a mistake there fails every build.
    match crate::i18n::load_settings() {
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
    println!("checked {posts} posts: {errors} error(s), {warnings} warning(s)");
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn new(posts: &Path, title: &str, author: Option<&str>) -> Result<ExitCode> {
    let (slug, text) = check::new_post(title, &now()?.iso(), author);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_path_comes_from_the_flag_else_the_sites_url() {
        let cases = [
            (Some("/blog/"), "https://x.example", "/blog/"),
            (Some("blog"), "https://x.example/other/", "/blog/"),
            (Some(""), "https://x.example/notes", "/notes/"),
            (None, "https://you.github.io/blog/", "/blog/"),
            (None, "https://x.example", "/"),
            (None, "https://x.example/", "/"),
        ];
        for (given, url, want) in cases {
            assert_eq!(base_path(given, url), want, "{given:?} {url}");
        }
    }

    #[test]
    fn every_command_has_help_and_the_tool_a_version() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        let help = Cli::command().render_long_help().to_string();
        for command in ["init", "serve", "build", "check", "new", "publish"] {
            assert!(help.contains(command), "{command} missing from:\n{help}");
        }
        assert!(Cli::command().get_version().is_some());
    }
}
