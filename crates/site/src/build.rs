//! `blogtool build` and what `serve` builds: a whole site from a blog folder and the prebuilt
//! app, as a list of named, timed steps over what publishing read and rendered once (each
//! post is read, imported and rendered once; pages, feeds and the search index are written
//! from that in memory). A [`Site`] keeps what one build read, rendered and wrote, so the
//! next build of the same blog into the same folder ([`Site::update`], `blogtool serve`
//! after a save) reads, renders and writes only what changed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use blog_core::config::Settings;
use blog_core::publish::PublishedSite;
use blog_core::routes;

use crate::app::App;
use crate::check::Diagnostic;
use crate::output::Output;
use crate::publish::{self, PublishOptions};
use crate::render::{self, compress, embeds, offline, pages, template};

/// `js/comments.js`: shows a post's comments when the reader asks.
const COMMENTS_JS: &str = include_str!("../../../js/comments.js");

/// What a build is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A release: what readers get (no drafts, no future posts, a service worker).
    Release,
    /// `blogtool serve`: drafts and future posts included, posts that cannot be read shown
    /// with their problem, no service worker (nothing is cached while writing), and the live
    /// reload script in every page.
    Preview,
}

/// Everything one build needs, resolved by the command line (a flag beats a `BLOG_*`
/// variable, which beats `site.yaml`).
pub struct BuildOptions<'a> {
    /// The posts folder (`posts/`).
    pub posts: PathBuf,
    /// The pages folder (`pages/`: an About page…); missing is no pages.
    pub pages: PathBuf,
    /// The blog's own files (`public/`), copied over the app's: a file of the same name
    /// replaces the app's.
    pub public: PathBuf,
    /// Where the site goes; emptied first.
    pub out: PathBuf,
    /// The path prefix the site is published under (`/`, `/blog/`).
    pub base: String,
    /// The settings (`site.yaml` with the environment's overrides).
    pub settings: Settings,
    /// Where the blog is published (scheme and host), for feeds and link previews.
    pub url: String,
    /// Leave posts that cannot be read out instead of failing.
    pub skip_broken: bool,
    /// Release or preview.
    pub mode: Mode,
    /// The app the site is built around.
    pub app: &'a App,
    /// Where drawn diagrams are kept between builds (`serve`); `None` draws them all.
    pub diagram_cache: Option<PathBuf>,
}

/// What a build did: counts and each step's time, for the summary line.
#[derive(Debug, Default)]
pub struct Summary {
    /// Posts published.
    pub posts: usize,
    /// Pages in the sitemap.
    pub pages: usize,
    /// Posts that cannot be read, as `file:line: message` (a preview publishes the rest; a
    /// release stops before it gets here, unless told to skip them).
    pub problems: Vec<String>,
    /// What else is worth the author's word, as `file:line: warning: message` (what
    /// `blogtool check` says of the posts, settings, diagrams that cannot be drawn).
    pub warnings: Vec<String>,
    /// Each step's name and seconds, in the order run.
    pub steps: Vec<(&'static str, f64)>,
    /// The files written, under the output folder, sorted: only those that changed when
    /// the build was a [`Site::update`]; none for a release build (which does not keep
    /// track).
    pub written: Vec<PathBuf>,
    /// The whole build, in seconds.
    pub seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} posts, {} pages in {:.2} s (",
            self.posts, self.pages, self.seconds
        )?;
        for (at, (name, seconds)) in self.steps.iter().enumerate() {
            let sep = if at == 0 { "" } else { ", " };
            write!(f, "{sep}{name} {seconds:.2}")?;
        }
        write!(f, ")")
    }
}

/// Times the steps of one build.
struct Steps {
    started: Instant,
    steps: Vec<(&'static str, f64)>,
}

impl Steps {
    fn run<T>(&mut self, name: &'static str, step: impl FnOnce() -> Result<T>) -> Result<T> {
        let begun = Instant::now();
        let result = step().context(name)?;
        self.steps.push((name, begun.elapsed().as_secs_f64()));
        Ok(result)
    }
}

/// Builds the whole site into `options.out`, once.
///
/// # Errors
/// Posts that cannot be read (unless `skip_broken`, or in preview), an `out` that is the
/// blog itself, or a file that cannot be read or written; each message names the file.
pub fn build(options: &BuildOptions) -> Result<Summary> {
    Site::default().build(options)
}

/// A blog built into a folder, and what its build read, rendered and wrote, for building it
/// again (see the module's documentation). A preview ([`Mode::Preview`]) remembers; a
/// release build writes once and keeps nothing.
#[derive(Default)]
pub struct Site {
    /// What the last good build wrote; `None` before it, or after a build failed half way
    /// (its folder then holds some files of each build: the next one starts afresh).
    output: Option<Output>,
    /// The posts as read, imported and rendered by the last build.
    cache: publish::Cache,
}

impl Site {
    /// Builds the whole site into `options.out`, emptied first.
    ///
    /// # Errors
    /// As [`build`]'s.
    pub fn build(&mut self, options: &BuildOptions) -> Result<Summary> {
        self.output = None;
        self.run(options, &[])
    }

    /// Builds the site again into the folder of the last build, after the files `changed`
    /// (any path; posts among them are read again even when their size and time look the
    /// same): posts whose text is the same are not imported or rendered again, pages whose
    /// data is the same are not rendered again, only files whose content changed are
    /// written and those no longer made are deleted. The result is what [`Site::build`]
    /// would write. Without a last build, or into another folder, it is a whole build.
    ///
    /// # Errors
    /// As [`build`]'s; the next update is then a whole build.
    pub fn update(&mut self, options: &BuildOptions, changed: &[PathBuf]) -> Result<Summary> {
        if self
            .output
            .as_ref()
            .is_some_and(|output| output.root() != options.out)
        {
            self.output = None;
        }
        self.run(options, changed)
    }

    /// What is wrong with the blog whose posts are in `posts` and own files in `public`, as
    /// `file:line` diagnostics (`blogtool check`): from the same reading and import as its
    /// build, taking what has not changed from this site's last build. Returns how many
    /// post files were checked, and what was found.
    ///
    /// # Errors
    /// A folder or file that cannot be read, named.
    pub fn check(
        &self,
        posts: &Path,
        pages: &Path,
        public: &Path,
    ) -> Result<(usize, Vec<Diagnostic>)> {
        // Without a build to take from (`blogtool check` on its own), nothing is kept either:
        // filling the cache would copy every post and import for no later build.
        let cache = self.output.is_some().then_some(&self.cache);
        let loaded = publish::load(posts, cache, &[])?;
        let checked = loaded.folder.files.len();
        let analysed = publish::analyse(
            loaded,
            publish::Folders {
                posts,
                pages,
                public,
            },
            &|site_path| publish::in_public(public, site_path),
            "/",
            publish::WRITING,
            cache,
        );
        let found = analysed.diagnostics();
        // The files under `pages/` too (post files that are pages are counted already).
        let checked = checked
            + analysed
                .pages
                .pages
                .iter()
                .filter(|page| page.file.starts_with("pages/"))
                .count();
        if let Some(cache) = cache {
            cache.keep_files(analysed.folder.files, analysed.stamps);
        }
        Ok((checked, found))
    }

    /// Whether a build is kept to update (the last one succeeded).
    pub fn is_built(&self) -> bool {
        self.output.is_some()
    }

    fn run(&mut self, options: &BuildOptions, changed: &[PathBuf]) -> Result<Summary> {
        let previous = self.output.take();
        let result = run(options, previous, &mut self.cache, changed);
        match result {
            Ok((summary, output)) => {
                self.output = output;
                Ok(summary)
            }
            Err(error) => {
                self.cache = publish::Cache::default();
                Err(error)
            }
        }
    }
}

fn run(
    options: &BuildOptions,
    previous: Option<Output>,
    cache: &mut publish::Cache,
    changed: &[PathBuf],
) -> Result<(Summary, Option<Output>)> {
    let mut steps = Steps {
        started: Instant::now(),
        steps: Vec::new(),
    };
    let out = &options.out;
    // The footer's Markdown rendered for this base path, once.
    let settings = &options.settings.for_base(&options.base);
    let site = PublishedSite::new(&options.url, &options.base).with_info(settings.info.clone());
    let preview = options.mode == Mode::Preview;
    // The previous build is moved aside at once and deleted while this one is made (on a
    // large blog, deleting its files takes as long as a third of a build). The guard waits
    // for it however this build ends, so no half-deleted folder outlives the process.
    let (output, _deleting) = steps.run("app", || {
        let (output, aside) = match previous {
            Some(previous) => (previous.next(), Vec::new()),
            None => {
                let aside = empty_out(out, &[&options.posts, &options.pages, &options.public])?;
                (Output::new(out, preview)?, aside)
            }
        };
        options.app.write(&output, &site.base)?;
        let deleting = Deleting(Some(std::thread::spawn(move || {
            for old in aside {
                let _ = std::fs::remove_dir_all(old);
            }
        })));
        Ok((output, deleting))
    })?;
    let headers = steps.run("public", || {
        copy_public(&options.public, &output, options.app)
    })?;
    let template = steps.run("template", || {
        let page = options.app.template(&site.base)?;
        template::prepare(&page, out, &site, settings, preview)
    })?;
    let _ = any_spawner::Executor::init_futures_executor();
    // Pages are rendered while the search index is written.
    let (published, written) = steps.run("posts, lists, search and pages", || {
        publish::publish_then(
            &PublishOptions {
                posts: &options.posts,
                pages: &options.pages,
                output: &output,
                out: &output.at(routes::POSTS),
                public: &options.public,
                base: &site.base,
                include_drafts: preview,
                include_future: preview,
                skip_broken: options.skip_broken || preview,
                show_problems: preview,
                diagram_cache: options.diagram_cache.as_deref(),
                settings,
                cache: Some(&*cache),
                changed,
            },
            |published| pages::write_all(&output, &template, &site, published, settings.feed_limit),
        )
    })?;
    let site = crate::site_pages::with_pages(&site, &published.pages);
    steps.run("embed", || {
        let custom = template::custom_stylesheet(out)?.map(|_| site.path(routes::CUSTOM_CSS));
        embeds::write(
            &output,
            &published.index,
            &site.info.language,
            &site.info.strings,
            custom.as_deref(),
        )
    })?;
    if !preview {
        steps.run("offline", || offline::write(&output, &template, &site))?;
    }
    // The script that shows a post's comments when asked, where the blog has comments (a
    // file of that name in its public/ is its own, and stays).
    let comments_script = blog_core::services::COMMENTS_SCRIPT;
    if settings.comments.is_some() && !render::in_dist(&options.public, comments_script).exists() {
        steps.run("comments", || {
            output.write(&output.at(comments_script), COMMENTS_JS)
        })?;
    }
    steps.run("headers", || {
        let posts = template
            .posts_policy(&published.posts)
            .map(|policy| (site.path(&format!("/{}/*", routes::POSTS)), policy));
        render::add_csp_header(&output, &headers, &template.policy, posts)
    })?;
    if settings.precompress && !preview {
        steps.run("compress", || compress::precompress(&output).map(|_| ()))?;
    }
    let files = output.finish();
    let summary = Summary {
        problems: published
            .index
            .problems
            .iter()
            .map(|p| p.message.clone())
            .chain(published.page_problems.iter().cloned())
            .collect(),
        warnings: published.warnings.iter().map(|w| w.to_string()).collect(),
        posts: written.posts,
        pages: written.pages + 1,
        steps: steps.steps,
        seconds: steps.started.elapsed().as_secs_f64(),
        written: files,
    };
    // Freeing a large blog's texts and pages one allocation at a time would take a tenth
    // of a second for nothing: a release build's process ends here. `serve` keeps running,
    // and frees it.
    if !preview {
        std::mem::forget(published);
        return Ok((summary, None));
    }
    Ok((summary, Some(output)))
}

/// Deletes earlier builds moved aside by [`empty_out`], in the background; dropping it waits
/// for the deletion to end.
struct Deleting(Option<std::thread::JoinHandle<()>>);

impl Drop for Deleting {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// Whether `dir` holds a site blogtool built, even one whose build failed half way: the app's
/// own files, which a build writes first, or its post index (a hand-made site, a Trunk
/// project or a checkout has an `index.html`, but not these).
fn is_built_site(dir: &Path) -> bool {
    [
        routes::PARSER_SCRIPT,
        routes::EMBED_SCRIPT,
        routes::INDEX_DATA,
    ]
    .iter()
    .any(|path| render::in_dist(dir, path).is_file())
}

/// Empties `out` for a new build, and returns the folders to delete: the previous build,
/// moved aside (a rename: instant), and any an interrupted build left there. Refuses a
/// folder that holds the blog (its posts, its own files, or the folder it is built from)
/// or lies inside its posts or files, and a folder with files in it that blogtool did not
/// build: a mistyped `--out` must never delete anything else.
fn empty_out(out: &Path, content: &[&Path]) -> Result<Vec<PathBuf>> {
    // `..` and symbolic links resolved: `--out ..` is the folder above, whatever it is called.
    let real = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let out_real = real(out);
    let cwd = std::env::current_dir()
        .map(|d| real(&d))
        .unwrap_or_default();
    let content: Vec<PathBuf> = content.iter().map(|p| real(p)).collect();
    let holds_blog = content
        .iter()
        .chain([&cwd])
        .any(|inside| inside.starts_with(&out_real));
    let inside_content = content.iter().any(|folder| out_real.starts_with(folder));
    if holds_blog || inside_content || out_real.join("site.yaml").is_file() {
        bail!(
            "{} holds the blog itself or is inside its posts or files; build into another folder (--out dist)",
            out.display()
        );
    }
    // Left by a build that was stopped while it deleted: `.<name>.old-<process>`.
    let name = out_real.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.old-");
    let mut aside: Vec<PathBuf> = out_real
        .parent()
        .and_then(|parent| std::fs::read_dir(parent).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    match std::fs::read_dir(&out_real) {
        Ok(mut entries) => {
            if entries.next().is_some() && !is_built_site(&out_real) {
                bail!(
                    "{} has files in it that blogtool did not build; empty it yourself or build into another folder",
                    out.display()
                );
            }
            // The folder itself is moved (a link to it stays a link to it).
            let moved = out_real.with_file_name(format!("{prefix}{}", std::process::id()));
            if std::fs::rename(&out_real, &moved).is_ok() {
                aside.push(moved);
            } else {
                std::fs::remove_dir_all(&out_real)
                    .with_context(|| format!("cannot empty {}", out.display()))?;
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", out.display())),
    }
    std::fs::create_dir_all(&out_real)
        .with_context(|| format!("cannot create {}", out.display()))?;
    Ok(aside)
}

/// Copies the blog's `public/` over the app's files (a file of the same name replaces the
/// app's); no such folder is no files. Returns the text `_headers` starts from: the blog's
/// own, else the app's, else nothing.
fn copy_public(public: &Path, out: &Output, app: &App) -> Result<String> {
    let listing = render::files_under(public)?;
    for folder in &listing.linked_folders {
        eprintln!(
            "warning: {} is a link to a folder and is not copied",
            folder.display()
        );
    }
    let mut headers = app
        .file(render::HEADERS)
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned());
    for file in &listing.files {
        let from = public.join(file);
        if file == render::HEADERS {
            // Written once, with the policy added (`render::add_csp_header`).
            headers = Some(render::read_file(&from)?);
            continue;
        }
        out.copy(&from, Path::new(file))?;
    }
    Ok(headers.unwrap_or_default())
}
