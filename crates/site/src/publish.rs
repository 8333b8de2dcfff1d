//! The publishing pass: reads `posts/`, imports every post (whatever engine it was written
//! for), and writes what the app fetches — each post in this blog's own form, the post
//! index, the list's pages, each post's context and the search index — returning all of it
//! in memory, so every page is rendered from it in the same process ([`crate::render`]).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};

use crate::check::{self, Diagnostic, Severity};
use crate::import::{self, Imported, SourceFile};
use blog_core::author;
use blog_core::config::Settings;
use blog_core::date::PostDate;
use blog_core::error::PostError;
use blog_core::index::{BuildOptions, ListPage, PostIndex, RelatedIndex};
use blog_core::post::{Checked, Post};
use blog_core::search;

use crate::output::Output;
use crate::site_pages::{self, Pages, SitePage};
use blog_core::routes;

/// What to publish, from where to where.
#[derive(Clone, Copy)]
pub struct PublishOptions<'a> {
    /// The posts folder (`posts/`).
    pub posts: &'a Path,
    /// The pages folder (`pages/`; none there is no pages).
    pub pages: &'a Path,
    /// The site being written.
    pub output: &'a Output,
    /// Where the published posts and data files go (`dist/posts`), inside `output`.
    pub out: &'a Path,
    /// The site's own files (`public/`), which posts' site paths (`/images/x.png`) name.
    pub public: &'a Path,
    /// The path the site is published under (`/` or `/blog/`): posts are rendered for it
    /// (their links carry it), once, for the search index and their pages.
    pub base: &'a str,
    /// Publish drafts too (while writing).
    pub include_drafts: bool,
    /// Publish posts dated in the future too (while writing); else "now" is the clock's, or
    /// `BLOG_NOW`.
    pub include_future: bool,
    /// Leave a post that cannot be read out (with a warning) instead of failing.
    pub skip_broken: bool,
    /// Also list such a post in the index and publish its source (`blogtool serve`:
    /// opening it explains what is wrong). Published builds never do.
    pub show_problems: bool,
    /// The blog's settings (`site.yaml` with the environment's overrides), read once by the
    /// caller: page size, the site's name and links, the default author.
    pub settings: &'a Settings,
    /// A folder that keeps drawn diagrams between builds (`blogtool serve` rebuilds on every
    /// save; drawing starts a browser and takes seconds), by their name, which is a hash of
    /// their source. `None` draws every diagram.
    pub diagram_cache: Option<&'a Path>,
    /// What the last build of this blog read, imported and rendered, to take what has not
    /// changed from (`blogtool serve`); `None` reads everything.
    pub cache: Option<&'a Cache>,
    /// Files changed since the last build (read again whatever their size and time say).
    pub changed: &'a [PathBuf],
}

/// What publishing read, imported and rendered, for the next build of the same blog: a post
/// file whose size and time are the same (and not named changed) is not read again, one
/// whose bytes are the same is not imported again, and a post whose text is the same is not
/// rendered again.
#[derive(Default)]
pub struct Cache {
    /// Each post file's bytes, by path under `posts/`, with its size and time when read.
    files: Mutex<HashMap<String, (Stamp, Vec<u8>)>>,
    /// Each post file's import, by path and the id of the addresses it was made with, with
    /// a hash of the file's bytes and time.
    imports: Mutex<HashMap<(String, u64), (u64, ImportResult)>>,
    /// The address maps' ids asked for during the current import: what is kept after it.
    addresses: Mutex<std::collections::HashSet<u64>>,
    /// The set of every file under `posts/` the imports were made with (an import looks at
    /// which files exist).
    listing: Mutex<u64>,
    /// Each post rendered, by path under `posts/`, with a hash of the text it was rendered
    /// from.
    renders: Mutex<HashMap<String, (u64, Read)>>,
    /// Every post's context, with a hash of the post index they were found in (they depend
    /// on nothing else).
    contexts: Mutex<Option<(u64, Contexts)>>,
    /// Each post's terms counted for the search index, by slug, with a hash of its entry
    /// and rendered text.
    counted: Mutex<HashMap<String, (u64, search::Counted)>>,
}

/// A post as the build read it: rendered, and what `check` says of it.
type Read = (Post, Checked);

/// Every post's context, and a hash of each one's JSON, in the index's order.
type Contexts = (Vec<PostIndex>, Vec<u64>);

/// What importing one file gave.
pub type ImportResult = Result<Imported, PostError>;

/// A file's size and modification time.
pub(crate) type Stamp = (u64, Option<std::time::SystemTime>);

impl import::ImportMemo for Cache {
    fn get(&self, file: &SourceFile, addresses: u64) -> Option<Result<Imported, PostError>> {
        if let Ok(mut used) = self.addresses.lock() {
            used.insert(addresses);
        }
        let imports = self.imports.lock().ok()?;
        let (made_of, result) = imports.get(&(file.path.clone(), addresses))?;
        (*made_of == source_id(file)).then(|| result.clone())
    }

    fn put(&self, file: &SourceFile, addresses: u64, result: &Result<Imported, PostError>) {
        if let Ok(mut imports) = self.imports.lock() {
            imports.insert(
                (file.path.clone(), addresses),
                (source_id(file), result.clone()),
            );
        }
    }
}

/// A blog's posts as read and imported, before anything is published: what a build and
/// `check` both start from.
pub struct Loaded {
    /// The posts folder as read.
    pub folder: PostsFolder,
    /// Each post file's size and time.
    pub(crate) stamps: HashMap<String, Stamp>,
    /// Each post file imported, in the folder's order: the post in this blog's form, or
    /// why it cannot be read.
    pub imports: Vec<ImportResult>,
}

/// Reads the posts folder `posts` and imports every post (taking from `cache` what has not
/// changed since its build, and reading again the files `changed`).
///
/// # Errors
/// A folder or file that cannot be read, named.
pub fn load(posts: &Path, cache: Option<&Cache>, changed: &[PathBuf]) -> Result<Loaded> {
    let (folder, stamps) = read_posts_with(posts, cache, changed)?;
    Ok(import(folder, stamps, cache))
}

/// Imports every post of `folder` (read with `stamps`), taking from `cache` the imports of
/// files whose bytes have not changed.
pub fn import(
    folder: PostsFolder,
    stamps: HashMap<String, Stamp>,
    cache: Option<&Cache>,
) -> Loaded {
    let memo = cache.map(|c| c.imports_for(&folder.all));
    let imports = match memo {
        Some(memo) => import::import_all_with(&folder.files, &|p| folder.has(p), memo),
        None => import::import_all(&folder.files, &|p| folder.has(p)),
    };
    if let Some(cache) = cache {
        cache.forget_other_imports();
    }
    Loaded {
        folder,
        stamps,
        imports,
    }
}

/// What a preview and `blogtool check` publish: every post, drafts and future ones too.
pub const WRITING: BuildOptions = BuildOptions {
    include_drafts: true,
    now: None,
    mark_after: None,
};

/// A blog's posts read, imported and rendered once, with everything wrong with them found in
/// that pass ([`analyse`]): what a build publishes and `blogtool check` reports.
pub struct Analysed {
    /// The posts folder as read.
    pub folder: PostsFolder,
    /// Each post file's size and time.
    pub(crate) stamps: HashMap<String, Stamp>,
    /// Each readable post file imported, in the folder's order, its missing local images
    /// left out.
    pub imported: Vec<Imported>,
    /// The post index: the posts published (as the options said) and the problems of those
    /// that cannot be read (errors).
    pub manifest: PostIndex,
    /// Each indexed post rendered for the site's base path, in the index's order (its
    /// `meta.file` still the file under `posts/`).
    pub rendered: Vec<Post>,
    /// Everything else worth an author's word (`file:line` warnings), sorted.
    pub warnings: Vec<Diagnostic>,
    /// The blog's pages: `pages/`, and the post files their engine published as pages
    /// (`layout: page`…), read and checked in the same pass; their warnings are in
    /// `warnings`.
    pub pages: Pages,
}

impl Analysed {
    /// Every finding, errors (the index's problems) and warnings, sorted by place: what
    /// `blogtool check` prints.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let errors = self
            .manifest
            .problems
            .iter()
            .map(|p| &p.message)
            .chain(&self.pages.problems)
            .map(|message| Diagnostic {
                severity: Severity::Error,
                message: message.clone(),
            });
        let mut found: Vec<Diagnostic> = errors.chain(self.warnings.iter().cloned()).collect();
        found.sort_by(|a, b| a.message.cmp(&b.message).then(a.severity.cmp(&b.severity)));
        found.dedup();
        found
    }
}

/// The one pass over a blog's posts (`loaded`, read from `folders.posts`) and its pages
/// (`folders.pages`): leaves out the local images the site does not have
/// (`site_file_exists` answers for a site path under the blog's files, `folders.public`,
/// named in messages), renders every post and page for `base` (taking unchanged posts from
/// `cache`), indexes the posts `options` publish, and collects what `check` reports of each
/// as it goes.
pub fn analyse(
    loaded: Loaded,
    folders: Folders,
    site_file_exists: &(dyn Fn(&str) -> bool + Sync),
    base: &str,
    options: BuildOptions,
    cache: Option<&Cache>,
) -> Analysed {
    use rayon::prelude::*;
    let Loaded {
        folder,
        stamps,
        imports,
    } = loaded;
    let mut warnings: Vec<Diagnostic> = folder
        .authors
        .as_deref()
        .map(author::registry_warnings)
        .unwrap_or_default()
        .into_iter()
        .map(|message| Diagnostic {
            severity: Severity::Warning,
            message,
        })
        .collect();
    warnings.extend(folder.registry_warnings.iter().map(|message| Diagnostic {
        severity: Severity::Warning,
        message: message.clone(),
    }));
    // Pelican's reStructuredText posts are not read: said, so none goes missing unseen.
    warnings.extend(
        folder
            .all
            .iter()
            .filter(|path| path.to_ascii_lowercase().ends_with(".rst"))
            .map(|path| Diagnostic {
                severity: Severity::Warning,
                message: format!(
                    "posts/{path}: reStructuredText is not read here, so this post is not published; convert it to Markdown (pandoc -f rst -t gfm)"
                ),
            }),
    );
    let Folders {
        posts: posts_dir,
        pages: pages_dir,
        public,
    } = folders;
    let mut failed = Vec::new();
    let imported: Vec<Imported> = imports
        .into_iter()
        .filter_map(|result| result.map_err(|e| failed.push(e)).ok())
        .collect();
    // Files their engine published as pages are pages here: not indexed.
    let (as_pages, mut imported): (Vec<Imported>, Vec<Imported>) =
        imported.into_iter().partition(|p| p.page.is_some());
    let with_posts = files_with_posts(&imported, &folder);
    let shipped = |path: &str| with_posts.contains(path) || site_file_exists(path);
    let original = |path: &str| folder.original(path);
    warnings.extend(leave_out_missing_images(
        &mut imported,
        public,
        &shipped,
        &original,
    ));
    let sources: Vec<(String, String)> = imported
        .iter()
        .map(|p| (p.path.clone(), p.text.clone()))
        .collect();
    let (mut manifest, rendered) = match cache {
        Some(cache) => PostIndex::build_rendered_with(
            &sources,
            folder.authors.as_deref(),
            options,
            &|file, text| cache.render(file, text, base),
        ),
        None => PostIndex::build_rendered_with(
            &sources,
            folder.authors.as_deref(),
            options,
            &|file, text| Post::parse_checked(file, text, base),
        ),
    };
    // Large blogs: the texts are held in `imported` too, and the build's peak memory counts.
    drop(sources);
    for error in &failed {
        manifest.add_problem(error);
    }
    let by_path: HashMap<&str, &Imported> = imported.iter().map(|p| (p.path.as_str(), p)).collect();
    let slugs: std::collections::HashSet<&str> =
        manifest.posts.iter().map(|p| p.slug.as_str()).collect();
    let mut pages = site_pages::load(
        pages_dir,
        base,
        options.include_drafts,
        site_pages::Posts {
            dir: posts_dir,
            as_pages,
            original: &original,
            all: &folder.all,
            slugs: &slugs,
            authors: &manifest.authors,
            shipped: &shipped,
        },
    );
    pages
        .problems
        .extend(site_pages::taken_by_posts(&pages.pages, &manifest.posts));
    warnings.append(&mut pages.warnings);
    // Links to the pages lead somewhere.
    let shipped = |path: &str| shipped(path) || pages.ships(path);
    let found: Vec<Vec<Diagnostic>> = rendered
        .par_iter()
        .filter_map(|(post, checked)| {
            let import = by_path.get(post.meta.file.as_str())?;
            Some(check::post_warnings(
                import,
                &|| original(&import.path),
                post,
                checked,
                &slugs,
                &manifest.authors,
                &shipped,
            ))
        })
        .collect();
    warnings.extend(found.into_iter().flatten());
    // Notes of posts left out of the index (drafts of a release, posts that cannot be read)
    // are still the file's.
    let indexed: std::collections::HashSet<&str> =
        rendered.iter().map(|(p, _)| p.meta.file.as_str()).collect();
    for post in imported
        .iter()
        .filter(|p| !indexed.contains(p.path.as_str()))
    {
        for note in &post.notes {
            let place = match note.line {
                Some(line) => format!("posts/{}:{line}", post.path),
                None => format!("posts/{}", post.path),
            };
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                message: format!("{place}: {}", note.message),
            });
        }
    }
    drop((by_path, slugs, indexed));
    warnings.sort_by(|a, b| a.message.cmp(&b.message));
    warnings.dedup();
    Analysed {
        folder,
        stamps,
        imported,
        manifest,
        rendered: rendered.into_iter().map(|(post, _)| post).collect(),
        warnings,
        pages,
    }
}

/// A hash of what an import reads of a file: its bytes and time (a post without a date is
/// dated by it).
fn source_id(file: &SourceFile) -> u64 {
    let modified = file.modified.unwrap_or(u64::MAX).to_le_bytes();
    crate::output::hash_parts(&[&file.bytes, &modified])
}

impl Cache {
    /// The import memo for files listed as `all`: none when the listing changed since the
    /// last build (which files exist decides what an import keeps).
    fn imports_for(&self, all: &BTreeSet<String>) -> &dyn import::ImportMemo {
        let paths: Vec<&[u8]> = all.iter().map(|p| p.as_bytes()).collect();
        let listing = crate::output::hash_parts(&paths);
        if let (Ok(mut last), Ok(mut imports)) = (self.listing.lock(), self.imports.lock()) {
            if *last != listing {
                imports.clear();
                *last = listing;
            }
        }
        self
    }

    /// Forgets the imports made with address maps this import did not use (a slug changed
    /// since): only the current ones can be asked for again.
    fn forget_other_imports(&self) {
        if let (Ok(mut used), Ok(mut imports)) = (self.addresses.lock(), self.imports.lock()) {
            imports.retain(|(_, addresses), _| used.contains(addresses));
            used.clear();
        }
    }

    /// Keeps the post files as read, for the next build, and forgets the renders of files
    /// that are gone.
    pub(crate) fn keep_files(&self, files: Vec<SourceFile>, mut stamps: HashMap<String, Stamp>) {
        if let Ok(mut renders) = self.renders.lock() {
            renders.retain(|path, _| stamps.contains_key(path));
        }
        if let Ok(mut kept) = self.files.lock() {
            *kept = files
                .into_iter()
                .filter_map(|file| {
                    Some((file.path.clone(), (stamps.remove(&file.path)?, file.bytes)))
                })
                .collect();
        }
    }

    /// `text` of `file` rendered for `base`, taken from the last build when the same.
    fn render(&self, file: &str, text: &str, base: &str) -> Result<Read, PostError> {
        let id = crate::output::hash_parts(&[base.as_bytes(), text.as_bytes()]);
        if let Some((made_of, post)) = self.renders.lock().ok().and_then(|r| r.get(file).cloned()) {
            if made_of == id {
                return Ok(post);
            }
        }
        let post = Post::parse_checked(file, text, base)?;
        if let Ok(mut renders) = self.renders.lock() {
            renders.insert(file.to_string(), (id, post.clone()));
        }
        Ok(post)
    }
}

/// Everything [`publish`] wrote, in memory.
#[derive(Debug)]
pub struct Published {
    /// The post index as written to `index.json`, newest first.
    pub index: PostIndex,
    /// Each published post: its file under `out` (`<slug>.md`) and its text in this blog's
    /// form, in the index's order.
    pub sources: Vec<(String, String)>,
    /// Each published post rendered for the site's base path (its `meta.file` the published
    /// file), in the index's order: the one render of every post the build makes (feeds,
    /// which need absolute links, render their newest posts again).
    pub posts: Vec<Post>,
    /// The list's pages, as written to `pages/N.json`, from page 1.
    pub list_pages: Vec<ListPage>,
    /// Each post's context (neighbours, related posts, authors), as written to
    /// `context/<slug>.json`, in the index's order.
    pub contexts: Vec<PostIndex>,
    /// A hash of each context's JSON, in the same order: pages that embed one are the
    /// same when it is.
    pub context_ids: Vec<u64>,
    /// A hash of `index.json` (pages that embed the whole index are the same when it is).
    pub index_id: u64,
    /// How long publishing took until the search index, in seconds (the index is written
    /// alongside [`publish_then`]'s work).
    pub seconds: f64,
    /// What is worth the author's word (`file:line` warnings: the settings, the posts as
    /// `check` sees them, diagrams that cannot be drawn), as printed to stderr.
    pub warnings: Vec<Diagnostic>,
    /// The blog's pages (`pages/`), by address, their sources published.
    pub pages: Vec<SitePage>,
    /// Pages that cannot be published, as `pages/x.md:3: message` (left out: a release
    /// stops before unless told to skip them).
    pub page_problems: Vec<String>,
}

/// Whether the site path `site_path` (`/images/x.png`) is a file under `public`.
pub fn in_public(public: &Path, site_path: &str) -> bool {
    public.join(site_path.trim_start_matches('/')).is_file()
}

/// The current time, or `BLOG_NOW` when set (for tests and previews).
pub fn now() -> Result<PostDate> {
    match std::env::var("BLOG_NOW") {
        Ok(value) => {
            PostDate::parse(&value).with_context(|| format!("BLOG_NOW \"{value}\" is not a date"))
        }
        Err(_) => {
            let seconds = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .context("the system clock is before 1970")?
                .as_secs();
            Ok(PostDate::from_unix(seconds))
        }
    }
}

/// Publishes every post under `options.posts` into `options.out` (see `blogtool publish`)
/// and returns what it wrote. Warnings (settings, the author registry, what `check` says of
/// the posts, diagrams that cannot be drawn) are returned, and go to stderr as
/// `file:line: warning: message` unless `show_problems` (`serve` says them itself).
///
/// # Errors
/// A post that cannot be read (unless `skip_broken`), or a
/// file that cannot be read or written; each message names the file.
pub fn publish(options: &PublishOptions) -> Result<Published> {
    publish_then(options, |_| Ok(())).map(|(published, ())| published)
}

/// Publishes as [`publish`] does, and runs `alongside` on what was published while the
/// search index is written: the prerender renders every page meanwhile (the index's last
/// step is one thread's work). Returns what was published and what `alongside` returned.
///
/// # Errors
/// As [`publish`]'s, or `alongside`'s error.
pub fn publish_then<T: Send>(
    options: &PublishOptions,
    alongside: impl FnOnce(&Published) -> Result<T> + Send,
) -> Result<(Published, T)> {
    let started = std::time::Instant::now();
    let PublishOptions {
        posts,
        pages: pages_dir,
        output,
        out,
        public,
        base,
        include_drafts,
        include_future,
        skip_broken,
        show_problems,
        diagram_cache,
        settings: config,
        cache,
        changed,
    } = *options;
    let clock = now()?;
    let options = BuildOptions {
        include_drafts,
        now: (!include_future).then_some(clock),
        mark_after: include_future.then_some(clock),
    };
    let loaded = load(posts, cache, changed)?;
    let Analysed {
        folder,
        stamps,
        mut imported,
        mut manifest,
        rendered,
        warnings: found,
        pages:
            Pages {
                pages: site_pages,
                problems: page_problems,
                ..
            },
    } = analyse(
        loaded,
        Folders {
            posts,
            pages: pages_dir,
            public,
        },
        &|path| in_public(public, path),
        base,
        options,
        cache,
    );
    // The pictures site.yaml names must be the blog's files.
    let pictures = [("logo", &config.info.logo), ("favicon", &config.favicon)]
        .into_iter()
        .filter_map(|(key, path)| {
            let path = path.as_deref().filter(|p| !in_public(public, p))?;
            Some(format!(
                "site.yaml: {key} {path} is not a file under public/; put it there (public{path})"
            ))
        })
        .collect::<Vec<_>>();
    let settings = config
        .warnings
        .iter()
        .chain(&pictures)
        .map(|message| Diagnostic {
            severity: Severity::Warning,
            message: message.clone(),
        });
    let mut warnings: Vec<Diagnostic> = settings.chain(found).collect();
    // `serve` says only what is new at each save (it shows them all on the page).
    let say = |warnings: &[Diagnostic]| {
        if !show_problems {
            for warning in warnings {
                eprintln!("{warning}");
            }
        }
    };
    say(&warnings);
    // Authors described in a post but missing from the registry get a card from what the
    // post says (name, picture, website).
    for profile in imported.iter().flat_map(|p| &p.profiles) {
        if blog_core::author::find(&manifest.authors, &profile.name).is_none() {
            manifest.authors.push(profile.clone());
        }
    }
    if let Some(author) = &config.info.default_author {
        manifest.credit_default_author(author);
    }
    let problems = manifest.problems.len() + page_problems.len();
    if problems > 0 && !skip_broken {
        for problem in &manifest.problems {
            eprintln!("error: {}", problem.message);
        }
        for problem in &page_problems {
            eprintln!("error: {problem}");
        }
        bail!(
            "{problems} post(s) or page(s) cannot be published; fix them, or pass --skip-broken \
             (BLOG_SKIP_BROKEN=1 for trunk builds) to publish the rest"
        );
    }
    for problem in &manifest.problems {
        eprintln!("warning: {}", problem.message);
    }
    if !show_problems {
        for problem in &page_problems {
            eprintln!("warning: {problem}");
        }
    }
    let root = output.root();
    for page in &site_pages {
        let source = root.join(routes::page_source(&page.path).trim_start_matches('/'));
        output.write(&source, &page.source)?;
        for (file, site_path) in &page.files {
            output
                .copy(file, &root.join(site_path.trim_start_matches('/')))
                .with_context(|| format!("cannot publish {}", file.display()))?;
        }
    }
    // Every post is published in this blog's own form, named after its address, whatever
    // its file was called or written for.
    let mut published = Vec::with_capacity(manifest.posts.len());
    let mut rendered_posts = Vec::with_capacity(manifest.posts.len());
    let by_path: std::collections::HashMap<String, usize> = imported
        .iter()
        .enumerate()
        .map(|(at, p)| (p.path.clone(), at))
        .collect();
    for (meta, mut rendered) in manifest.posts.iter_mut().zip(rendered) {
        let post = by_path
            .get(meta.file.as_str())
            .map(|&at| &mut imported[at])
            .with_context(|| format!("posts/{} was indexed but not imported", meta.file))?;
        meta.file = format!("{}.md", meta.slug);
        rendered.meta.file = meta.file.clone();
        publish_resources(posts, output, out, post, &folder)?;
        // Each post is published once (slugs are unique): its text moves, not copied.
        published.push((meta.file.clone(), std::mem::take(&mut post.text)));
        rendered_posts.push(rendered);
    }
    // Diagrams are drawn once, for every post, then shown as pictures.
    let jobs: Vec<(String, import::Diagram)> = published
        .iter()
        .flat_map(|(file, text)| {
            let slug = file.trim_end_matches(".md").to_string();
            import::diagrams(text)
                .into_iter()
                .map(move |d| (slug.clone(), d))
        })
        .collect();
    let (drawn, undrawn) = draw_cached(output, out, &jobs, diagram_cache);
    say(&undrawn);
    warnings.extend(undrawn);
    for ((file, text), rendered) in published.iter_mut().zip(rendered_posts.iter_mut()) {
        let slug = file.trim_end_matches(".md").to_string();
        let mine: Vec<import::Diagram> = drawn
            .iter()
            .filter(|(s, _)| *s == slug)
            .map(|(_, d)| d.clone())
            .collect();
        if !mine.is_empty() {
            *text = import::with_diagrams(text, &slug, &mine);
            // Its text changed: rendered again, as the app will read it.
            *rendered = Post::parse_at(file, text, base).map_err(|e| anyhow!("{e}"))?;
        }
    }
    {
        use rayon::prelude::*;
        published.par_iter().try_for_each(|(file, text)| {
            let path = out.join(file);
            output.write(&path, text)
        })?;
    }
    if show_problems {
        // While writing, opening a broken post explains what is wrong: its source is
        // published under its file name. Published builds never carry it.
        for problem in manifest
            .problems
            .iter()
            .filter(|p| import::is_post_file(&p.file))
        {
            if let Some(file) = folder.files.iter().find(|f| f.path == problem.file) {
                let name = problem.file.rsplit('/').next().unwrap_or(&problem.file);
                output.write(&out.join(name), &file.bytes)?;
            }
        }
    } else {
        manifest.problems.clear();
    }
    if let Some(cache) = cache {
        cache.keep_files(folder.files, stamps);
    }
    let json = serde_json::to_string(&manifest).context("cannot write the post index")?;
    let index = out.join("index.json");
    output.write(&index, &json)?;
    // The list's pages, each on its own: the home page of a large blog loads one of them.
    let size = config.page_size;
    // The site's name and links, for pages that do not embed them (`trunk serve`).
    let info = site_pages::identity_with(&config.info, &site_pages);
    let info = serde_json::to_string(&info).context("cannot write the site's settings")?;
    let file = out.join("site.json");
    output.write(&file, info)?;
    let pages = out.join("pages");
    let mut list_pages = Vec::new();
    for number in 1..=manifest.page_count(size) {
        let page = manifest
            .list_page(number, size)
            .context("page out of range")?;
        let file = pages.join(format!("{number}.json"));
        let json = serde_json::to_string(&page).context("cannot write a page of the list")?;
        output.write(&file, json)?;
        list_pages.push(page);
    }
    let index_id = crate::output::hash(json.as_bytes());
    let (contexts, context_ids) =
        write_contexts(output, &manifest, index_id, &out.join("context"), cache)?;
    let published = Published {
        index: manifest,
        sources: published,
        posts: rendered_posts,
        list_pages,
        contexts,
        context_ids,
        index_id,
        seconds: started.elapsed().as_secs_f64(),
        warnings,
        pages: site_pages,
        page_problems,
    };
    // (A post may be called `search`: its page is written into that folder meanwhile.)
    let search = out.join("search");
    let (searched, result) = rayon::join(
        || {
            write_search_index(
                output,
                &published.index,
                &published.posts,
                &published.pages,
                &search,
                cache,
            )
        },
        || alongside(&published),
    );
    match (searched, result) {
        (Ok(()), Ok(result)) => Ok((published, result)),
        (Err(error), Ok(_)) | (Ok(()), Err(error)) => Err(error),
        (Err(search), Err(error)) => Err(anyhow!("{error:#}; and the search index: {search:#}")),
    }
}

/// The diagrams of `jobs` drawn: those `cache` holds copied from it, the others drawn
/// ([`draw_diagrams`]) and kept there; and why the others stay code blocks.
fn draw_cached(
    output: &Output,
    out: &Path,
    jobs: &[(String, import::Diagram)],
    cache: Option<&Path>,
) -> (Vec<(String, import::Diagram)>, Vec<Diagnostic>) {
    let Some(cache) = cache else {
        let (drawn, _, warnings) = draw_diagrams(output, out, jobs);
        return (drawn, warnings);
    };
    let files = |dir: &Path, name: &str| {
        [format!("{name}.svg"), format!("{name}-dark.svg")].map(|file| dir.join(file))
    };
    let copy_all = |from: [PathBuf; 2], to: [PathBuf; 2]| {
        from.iter()
            .zip(&to)
            .all(|(from, to)| from.is_file() && output.copy(from, to).is_ok())
    };
    // Into the cache: plain copies (the cache is not part of the site).
    let keep_all = |from: [PathBuf; 2], to: [PathBuf; 2]| {
        for (from, to) in from.iter().zip(&to) {
            if to
                .parent()
                .is_some_and(|d| std::fs::create_dir_all(d).is_ok())
            {
                let _ = std::fs::copy(from, to);
            }
        }
    };
    let (mut drawn, missing): (Vec<_>, Vec<_>) = jobs
        .iter()
        .cloned()
        .partition(|(slug, d)| copy_all(files(cache, &d.name), files(&out.join(slug), &d.name)));
    // A diagram that could not be drawn is not tried again on every rebuild (each try
    // starts Node, and Chromium): its name is its source's hash, so an edit tries anew.
    let failed = |name: &str| cache.join(format!("{name}.failed"));
    let to_draw: Vec<_> = missing
        .into_iter()
        .filter(|(_, d)| !failed(&d.name).exists())
        .collect();
    let (fresh, refused, warnings) = draw_diagrams(output, out, &to_draw);
    for (slug, diagram) in &to_draw {
        if fresh.iter().any(|(_, d)| d.name == diagram.name) {
            keep_all(
                files(&out.join(slug), &diagram.name),
                files(cache, &diagram.name),
            );
        } else if refused.contains(&diagram.name) && std::fs::create_dir_all(cache).is_ok() {
            // Only what Mermaid refused: a browser missing or failing now may work later.
            let _ = std::fs::write(failed(&diagram.name), "");
        }
    }
    drawn.extend(fresh);
    (drawn, warnings)
}

/// Draws the diagrams of `jobs` (`(post slug, diagram)`) as SVG pictures in each post's
/// folder under `out` ([`crate::diagrams`]: Mermaid in the machine's Chromium). Returns
/// those drawn, the names of those Mermaid refused, and a warning for each post whose
/// diagrams stay code blocks, saying why.
fn draw_diagrams(
    output: &Output,
    out: &Path,
    jobs: &[(String, import::Diagram)],
) -> (Vec<(String, import::Diagram)>, Vec<String>, Vec<Diagnostic>) {
    if jobs.is_empty() {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let sources: Vec<String> = jobs.iter().map(|(_, d)| d.source.clone()).collect();
    let mut refused = Vec::new();
    let mut warnings = Vec::new();
    let mut warn = |message: String| {
        warnings.push(Diagnostic {
            severity: Severity::Warning,
            message,
        })
    };
    match crate::diagrams::draw(&sources) {
        Ok(results) => {
            let drawn = jobs
                .iter()
                .zip(results)
                .filter_map(|((slug, diagram), result)| {
                    let why = match result {
                        Ok(drawn) => {
                            let files = [
                                (format!("{}.svg", diagram.name), drawn.light),
                                (format!("{}-dark.svg", diagram.name), drawn.dark),
                            ];
                            let written = files.into_iter().try_for_each(|(file, svg)| {
                                output.write(&out.join(slug).join(file), svg)
                            });
                            match written {
                                Ok(()) => return Some((slug.clone(), diagram.clone())),
                                Err(e) => format!("{e:#}"),
                            }
                        }
                        Err(crate::diagrams::NotDrawn::Refused(why)) => {
                            refused.push(diagram.name.clone());
                            why
                        }
                        Err(crate::diagrams::NotDrawn::Failed(why)) => why,
                    };
                    warn(format!(
                        "{}: a diagram cannot be drawn ({why}); its source is shown",
                        blog_core::routes::post(slug)
                    ));
                    None
                })
                .collect();
            (drawn, refused, warnings)
        }
        Err(why) => {
            // Drawing needs a Chromium; a machine without one still builds the blog, and says
            // which posts show their diagrams as code.
            let mut posts: Vec<&str> = jobs.iter().map(|(slug, _)| slug.as_str()).collect();
            posts.dedup();
            for slug in posts {
                warn(format!(
                    "{}: its diagrams are shown as code, as none can be drawn on this machine ({why:#})",
                    blog_core::routes::post(slug)
                ));
            }
            (Vec::new(), refused, warnings)
        }
    }
}

/// Publishes the files a post refers to (and, for a page bundle, every file beside it)
/// into `out/<slug>/`, where its rewritten paths point.
fn publish_resources(
    posts: &Path,
    output: &Output,
    out: &Path,
    post: &Imported,
    folder: &PostsFolder,
) -> Result<()> {
    let mut files: Vec<(String, String)> = post.resources.clone();
    if let Some(bundle) = &post.bundle {
        let prefix = format!("{bundle}/");
        for path in folder.all.iter().filter(|p| p.starts_with(&prefix)) {
            let inside = &path[prefix.len()..];
            // A bundle's other posts (translations) publish on their own.
            if !import::is_post_file(path) && !files.iter().any(|(s, _)| s == path) {
                files.push((path.clone(), inside.to_string()));
            }
        }
    }
    for (source, name) in files {
        let target = out.join(&post.slug).join(&name);
        output
            .copy(&posts.join(&source), &target)
            .with_context(|| format!("cannot publish posts/{source}"))?;
    }
    Ok(())
}

/// The site paths of the files published with posts (a bundle's, files a post refers to by
/// relative path), which are copied later: any post may show another's.
fn files_with_posts(
    imported: &[Imported],
    folder: &PostsFolder,
) -> std::collections::HashSet<String> {
    imported
        .iter()
        .flat_map(|post| {
            let own = blog_core::routes::post(&post.slug);
            // A bundle's files, found by their common prefix in the sorted list of files.
            let beside = post.bundle.iter().flat_map(|bundle| {
                let prefix = format!("{bundle}/");
                folder
                    .all
                    .range(prefix.clone()..)
                    .map_while(move |path| path.strip_prefix(&prefix).map(str::to_string))
            });
            post.resources
                .iter()
                .map(|(_, name)| name.clone())
                .chain(beside)
                .map(move |name| format!("{own}/{name}"))
        })
        .collect()
}

/// Leaves local images the site does not have (`shipped` answers for a site path) out of
/// every post (a reader would see a broken picture), and says which and where; `public`,
/// the blog's own files, is named in the advice. `original(path)` is a post file's text as
/// written, where a lead image's line is found (an import rewrites front matter).
fn leave_out_missing_images(
    imported: &mut [Imported],
    public: &Path,
    shipped: &(dyn Fn(&str) -> bool + Sync),
    original: &(dyn Fn(&str) -> String + Sync),
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let warnings: Vec<Vec<Diagnostic>> = imported
        .par_iter_mut()
        .map(|post| {
            let (text, left_out) = import::leave_out_missing_images(&post.text, shipped);
            let warnings = left_out
                .iter()
                .map(|image| {
                    let line = post.original_line(image.line).or_else(|| {
                        let in_head = image.line <= post.head_lines;
                        in_head
                            .then(|| check::key_line(&original(&post.path), check::LEAD_IMAGE_KEYS))
                            .flatten()
                    });
                    let place = match line {
                        Some(line) => format!("posts/{}:{line}", post.path),
                        None => format!("posts/{}", post.path),
                    };
                    let fix = if image
                        .path
                        .starts_with(&format!("/{}/", blog_core::routes::POSTS))
                    {
                        "put it beside the post".to_string()
                    } else {
                        format!("put it under {}", public.display())
                    };
                    let message = format!(
                        "{place}: image {} does not exist and is left out ({fix})",
                        image.path
                    );
                    Diagnostic {
                        severity: Severity::Warning,
                        message,
                    }
                })
                .collect();
            if !left_out.is_empty() {
                post.text = text;
            }
            warnings
        })
        .collect();
    warnings.into_iter().flatten().collect()
}

/// Writes what each post's page shows besides the post (its neighbours, related posts and
/// the author registry) as `dir/<slug>.json`, so a post opened in the app never needs the
/// whole index, which grows with the blog.
/// Returns the contexts and a hash of each one's JSON, in the index's order.
/// `index_id` is a hash of the index: with the same index as the last build (`cache`), its
/// contexts are the same, and neither found nor written again.
fn write_contexts(
    output: &Output,
    manifest: &PostIndex,
    index_id: u64,
    dir: &Path,
    cache: Option<&Cache>,
) -> Result<Contexts> {
    use rayon::prelude::*;
    let file = |post: &blog_core::post::PostMeta| dir.join(format!("{}.json", post.slug));
    let known = cache
        .and_then(|c| c.contexts.lock().ok()?.take())
        .filter(|(id, (contexts, _))| *id == index_id && contexts.len() == manifest.posts.len())
        .map(|(_, contexts)| contexts);
    let (contexts, ids) = match known {
        Some((contexts, ids)) => {
            // Written again only where this folder does not hold them yet.
            manifest
                .posts
                .par_iter()
                .zip(&contexts)
                .zip(&ids)
                .try_for_each(|((post, context), id)| {
                    output.make(&file(post), *id, || {
                        serde_json::to_string(context).context("cannot write a post's context")
                    })
                })?;
            (contexts, ids)
        }
        None => {
            let related = RelatedIndex::new(manifest);
            let made: Vec<(PostIndex, u64)> = manifest
                .posts
                .par_iter()
                .map(|post| {
                    let context = manifest.context_for(&post.slug, &related);
                    let json =
                        serde_json::to_string(&context).context("cannot write a post's context")?;
                    let id = crate::output::hash(json.as_bytes());
                    output.make(&file(post), id, || Ok(json))?;
                    Ok((context, id))
                })
                .collect::<Result<_>>()?;
            made.into_iter().unzip()
        }
    };
    if let Some(mut kept) = cache.and_then(|c| c.contexts.lock().ok()) {
        *kept = Some((index_id, (contexts.clone(), ids.clone())));
    }
    Ok((contexts, ids))
}

/// Writes the search index into `dir`.
fn write_search_index(
    output: &Output,
    manifest: &PostIndex,
    posts: &[Post],
    pages: &[SitePage],
    dir: &Path,
    cache: Option<&Cache>,
) -> Result<()> {
    let pages: Vec<search::Counted> = pages
        .iter()
        .map(|page| search::count_terms(&page.search_entry(), &page.post))
        .collect();
    let index = match cache {
        Some(cache) => search::index_posts_with(
            manifest,
            posts,
            &|meta, post| {
                let id = serde_json::to_string(meta).map_or(0, |entry| {
                    crate::output::hash_parts(&[entry.as_bytes(), post.html.as_bytes()])
                });
                let known = cache.counted.lock().ok().and_then(|c| {
                    c.get(&meta.slug)
                        .filter(|(made_of, _)| *made_of == id)
                        .map(|(_, counted)| counted.clone())
                });
                known.unwrap_or_else(|| {
                    let counted = search::count_terms(meta, post);
                    if let Ok(mut c) = cache.counted.lock() {
                        c.insert(meta.slug.clone(), (id, counted.clone()));
                    }
                    counted
                })
            },
            pages,
        ),
        None => search::index_posts_with(manifest, posts, &search::count_terms, pages),
    };
    if let Some(mut counted) = cache.and_then(|c| c.counted.lock().ok()) {
        let slugs: std::collections::HashSet<&str> =
            manifest.posts.iter().map(|p| p.slug.as_str()).collect();
        counted.retain(|slug, _| slugs.contains(slug.as_str()));
    }
    for (path, text) in &index.files {
        output.write(&dir.join(path), text)?;
    }
    let meta = serde_json::to_string(&index.meta).context("cannot write the search index")?;
    output.write(&dir.join("meta.json"), meta)
}

/// The blog's content folders, as the command line resolved them.
#[derive(Clone, Copy)]
pub struct Folders<'a> {
    /// The posts (`posts/`).
    pub posts: &'a Path,
    /// The pages (`pages/`; missing is none).
    pub pages: &'a Path,
    /// The blog's own files (`public/`).
    pub public: &'a Path,
}

/// What `posts/` holds: every post file, every other file (bundle resources), and the
/// registry's text if there is one.
#[derive(Default)]
pub struct PostsFolder {
    /// The post files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Every file's path under `posts/` (`/`-separated), posts or not.
    pub all: BTreeSet<String>,
    /// The author registry's text: `authors.yaml`'s, with the authors of other engines'
    /// registries beside the posts (see [`import::authors`]) added.
    pub authors: Option<String>,
    /// Authors of other engines' registries that were left out, as warnings.
    pub registry_warnings: Vec<String>,
}

impl PostsFolder {
    /// Whether `path` (under `posts/`, `/`-separated) is a file.
    pub fn has(&self, path: &str) -> bool {
        self.all.contains(path)
    }

    /// The text of the post file at `path` as written (for the lines of its front matter
    /// keys in messages); empty when there is no such post file.
    pub fn original(&self, path: &str) -> String {
        let file = self.files.iter().find(|f| f.path == path);
        file.map(|f| import::decode_text(&f.bytes))
            .unwrap_or_default()
    }
}

/// Reads every post file (`.md`, `.markdown`, `.mdx`) in `dir` and the folders below it,
/// sorted by path, and `authors.yaml`. Hidden files and folders, and files that other
/// engines keep beside posts without being posts (see below), are skipped.
pub fn read_posts(dir: &Path) -> Result<PostsFolder> {
    read_posts_with(dir, None, &[]).map(|(folder, _)| folder)
}

/// [`read_posts`], taking from `cache` the bytes of files whose size and time are as they
/// were, unless named in `changed`; with each post file's size and time, for
/// [`Cache::keep_files`].
fn read_posts_with(
    dir: &Path,
    cache: Option<&Cache>,
    changed: &[PathBuf],
) -> Result<(PostsFolder, HashMap<String, Stamp>)> {
    let mut known = cache
        .and_then(|c| c.files.lock().ok())
        .map(|mut files| std::mem::take(&mut *files))
        .unwrap_or_default();
    let mut seen = HashMap::new();
    // Paths compared as the file system resolves them (`posts/` may be named relatively,
    // the watcher names files absolutely).
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let real_dir = real(dir);
    let changed: std::collections::HashSet<PathBuf> = changed.iter().map(|p| real(p)).collect();
    let mut folder = PostsFolder {
        files: Vec::new(),
        all: BTreeSet::new(),
        authors: None,
        registry_warnings: Vec::new(),
    };
    let mut registries = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let here = dir.join(&relative);
        let entries =
            std::fs::read_dir(&here).with_context(|| format!("cannot read {}", here.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", here.display()))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                eprintln!(
                    "warning: {}: the name is not valid Unicode; the file is skipped",
                    entry.path().display()
                );
                continue;
            };
            if import::authors::REGISTRY_FILES.contains(&name) {
                let path = entry.path();
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let key = relative.join(name).to_string_lossy().replace('\\', "/");
                registries.push((key, text));
                continue;
            }
            if name.starts_with('.') || (relative.as_os_str().is_empty() && name == "out") {
                continue;
            }
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            // Not posts: docsify's sidebar and navbar and Hugo's section pages (`_name.md`),
            // a folder's README (docsify's home page, a repository's notes), and Jekyll's
            // unpublished `_drafts/`.
            let skipped = if kind.is_dir() {
                name == "_drafts"
            } else {
                name.starts_with('_') || name.eq_ignore_ascii_case("readme.md")
            };
            if skipped {
                // A section's page is no post, but says its folder's undated files are
                // pages (`import::page_kind`).
                if name == import::SECTION_FILE {
                    let key = relative.join(name).to_string_lossy().replace('\\', "/");
                    folder.all.insert(key);
                }
                continue;
            }
            let path = relative.join(name);
            if kind.is_dir() {
                pending.push(path);
                continue;
            }
            let key = path
                .components()
                .filter_map(|c| c.as_os_str().to_str())
                .collect::<Vec<_>>()
                .join("/");
            folder.all.insert(key.clone());
            if !import::is_post_file(&key) {
                continue;
            }
            let full = entry.path();
            // The file's own (a linked post's target's, not the link's).
            let metadata = std::fs::metadata(&full).ok();
            let time = metadata.as_ref().and_then(|m| m.modified().ok());
            let stamp = (metadata.as_ref().map_or(0, |m| m.len()), time);
            let bytes = match known.remove(&key) {
                Some((was, bytes)) if was == stamp && !changed.contains(&real_dir.join(&path)) => {
                    bytes
                }
                _ => std::fs::read(&full)
                    .with_context(|| format!("cannot read {}", full.display()))?,
            };
            seen.insert(key.clone(), stamp);
            let modified = time
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_secs());
            folder.files.push(SourceFile {
                path: key,
                bytes,
                modified,
            });
        }
    }
    folder.files.sort_by(|a, b| a.path.cmp(&b.path));
    let own = match std::fs::read_to_string(dir.join("authors.yaml")) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).context("cannot read authors.yaml"),
    };
    registries.sort();
    (folder.authors, folder.registry_warnings) =
        import::authors::merge(own.as_deref(), &registries);
    Ok((folder, seen))
}
