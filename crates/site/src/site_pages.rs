//! The blog's pages (`pages/` beside `posts/`): an About page, a projects page. Markdown
//! like posts, read, imported (whatever engine they were written for) and rendered by the
//! same code, in the same publishing pass, but published at their own address
//! (`pages/about.md` → `/about/`, [`routes::page`]) and never in lists, tags, feeds or the
//! post index.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;
use blog_core::author::Author;
use blog_core::config::{sort_menu, MenuLink, PageLink, SiteIdentity};
use blog_core::error::PostError;
use blog_core::post::{Checked, Post, PostMeta};
use blog_core::publish::{alias_file, PublishedSite};
use blog_core::routes;

use crate::check::{self, Diagnostic, Severity};
use crate::import::{self, Imported};
use crate::publish;
use std::collections::BTreeSet;

/// One page, read and rendered.
#[derive(Clone, Debug)]
pub struct SitePage {
    /// Its address, ending in `/`: `/about/`.
    pub path: String,
    /// Its file, as messages name it: `pages/about.md` (or `posts/about.md`, a post file
    /// its engine published as a page).
    pub file: String,
    /// Its text in this blog's form (front matter, then the body), published at
    /// [`routes::page_source`].
    pub source: String,
    /// Rendered for the site's base path.
    pub post: Post,
    /// Files it refers to by relative path or keeps beside it: (the file, the site path it
    /// is published at).
    pub files: Vec<(PathBuf, String)>,
    /// Its entry in the header's menu, when it asks for one.
    pub menu: Option<MenuLink>,
}

impl SitePage {
    /// Its entry in the search index: its address in place of a slug
    /// ([`routes::entry`]), its title, description and text; no date, author or terms.
    pub fn search_entry(&self) -> PostMeta {
        PostMeta {
            slug: self.path.clone(),
            file: routes::page_source(&self.path),
            authors: Vec::new(),
            tags: Vec::new(),
            categories: Vec::new(),
            series: None,
            aliases: Vec::new(),
            translations: Vec::new(),
            ..self.post.meta.clone()
        }
    }

    /// What every page embeds of it: its address and head.
    pub fn link(&self) -> PageLink {
        PageLink {
            path: self.path.clone(),
            title: self.post.meta.title.clone(),
            description: self.post.meta.description.clone(),
            image: self
                .post
                .meta
                .og_image
                .clone()
                .or(self.post.meta.image.clone()),
        }
    }
}

/// `site` with its pages known (`SiteIdentity::pages`) and in its menu after the entries
/// of `site.yaml`, which every page embeds.
pub fn with_pages(site: &PublishedSite, pages: &[SitePage]) -> PublishedSite {
    PublishedSite {
        info: identity_with(&site.info, pages),
        ..site.clone()
    }
}

/// The site's identity (`site.yaml`) with its pages, and their menu entries after its own
/// (`sort_menu`: by weight, ties in that order).
pub fn identity_with(info: &SiteIdentity, pages: &[SitePage]) -> SiteIdentity {
    let mut menu = info.menu.clone();
    menu.extend(pages.iter().filter_map(|page| page.menu.clone()));
    sort_menu(&mut menu);
    SiteIdentity {
        pages: pages.iter().map(SitePage::link).collect(),
        menu,
        ..info.clone()
    }
}

/// Every page of a blog, and what is wrong with them.
#[derive(Debug, Default)]
pub struct Pages {
    /// The pages, by address.
    pub pages: Vec<SitePage>,
    /// `pages/x.md:3: warning: …`, as `check` says them of posts.
    pub warnings: Vec<Diagnostic>,
    /// Pages that cannot be published (unreadable, or an address that is not theirs to
    /// take), as `pages/x.md:3: message`.
    pub problems: Vec<String>,
}

/// What the posts pass found that pages are checked against, and the files among the posts
/// their engine published as pages.
pub struct Posts<'a> {
    /// The posts folder.
    pub dir: &'a Path,
    /// Post files that are pages (`layout: page`…, [`Imported::page`]).
    pub as_pages: Vec<Imported>,
    /// Every file's path under `posts/` (a bundle's files are published with its page).
    pub all: &'a BTreeSet<String>,
    /// A post file's text as written, by its path under `posts/`.
    pub original: &'a (dyn Fn(&str) -> String + Sync),
    /// Every post's slug (links to posts).
    pub slugs: &'a HashSet<&'a str>,
    /// The author registry (bylines).
    pub authors: &'a [Author],
    /// Whether a site path is a file the site has.
    pub shipped: &'a (dyn Fn(&str) -> bool + Sync),
}

impl Pages {
    /// Whether site path `path` (`/about/`, `/about`, a file a page publishes) is one the
    /// pages make: links to it lead somewhere.
    pub fn ships(&self, path: &str) -> bool {
        let wanted = path.trim_end_matches('/');
        !wanted.is_empty()
            && self.pages.iter().any(|page| {
                page.path.trim_end_matches('/') == wanted
                    || page.files.iter().any(|(_, site_path)| site_path == path)
            })
    }
}

/// A page read and rendered, before it is checked.
struct Read {
    page: SitePage,
    imported: Imported,
    checked: Checked,
    /// Why a post file is a page; `None` for a file under `pages/`.
    why: Option<String>,
}

/// Reads, imports and renders every page under `dir` (none when there is no such folder),
/// and the post files that are pages (`posts.as_pages`), for `base`; drafts only when
/// `include_drafts`. A folder that cannot be read is a problem named in the result.
pub fn load(dir: &Path, base: &str, include_drafts: bool, posts: Posts) -> Pages {
    let mut found = Pages::default();
    let folder = if dir.is_dir() {
        match publish::read_posts(dir) {
            Ok(mut folder) => {
                // A page has no date: the form posts share gets a fixed one, never the
                // file's time (a checkout's builds would differ).
                for file in &mut folder.files {
                    file.modified = Some(0);
                }
                folder
            }
            Err(error) => {
                found.problems.push(format!("{error:#}"));
                publish::PostsFolder::default()
            }
        }
    } else {
        publish::PostsFolder::default()
    };
    let imports = import::import_all(&folder.files, &|p| folder.has(p));
    let from_pages = imports.into_iter().map(|result| (result, None));
    let from_posts = posts.as_pages.into_iter().map(|page| {
        let why = page.page.clone();
        (Ok(page), why)
    });
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut read = Vec::new();
    for (result, why) in from_pages.chain(from_posts) {
        let files = match why {
            None => (dir, &folder.all),
            Some(_) => (posts.dir, posts.all),
        };
        match read_page(result, why, files, base, include_drafts, &mut taken) {
            Ok(Some(page)) => read.push(page),
            Ok(_) => {}
            Err(problem) => found.problems.push(problem),
        }
    }
    found.pages = read.iter().map(|r| r.page.clone()).collect();
    // Checked once every page's address and files are known: pages link to each other.
    let shipped = |path: &str| (posts.shipped)(path) || found.ships(path);
    let mut warnings = Vec::new();
    for Read {
        page,
        imported,
        checked,
        why,
    } in &read
    {
        let original = || match why {
            None => folder.original(&imported.path),
            Some(_) => (posts.original)(&imported.path),
        };
        let said = check::post_warnings(
            imported,
            &original,
            &page.post,
            checked,
            posts.slugs,
            posts.authors,
            &shipped,
        );
        warnings.extend(said.into_iter().map(|w| Diagnostic {
            message: in_folder(why.is_none(), w.message),
            ..w
        }));
        if let Some(why) = why {
            let name = imported
                .path
                .strip_prefix("pages/")
                .unwrap_or(&imported.path);
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                message: format!(
                    "{}: {why} makes this a page, published at {} and not in the post list or feeds; move it to pages/{name}",
                    page.file, page.path
                ),
            });
        }
    }
    found.warnings = warnings;
    found.pages.sort_by(|a, b| a.path.cmp(&b.path));
    found.warnings.sort_by(|a, b| a.message.cmp(&b.message));
    found
}

/// One page read and rendered at its address (`taken` holds the addresses of the pages
/// before it), or why it cannot be published.
fn read_page(
    result: Result<Imported, PostError>,
    why: Option<String>,
    (root, all): (&Path, &BTreeSet<String>),
    base: &str,
    include_drafts: bool,
    taken: &mut HashMap<String, String>,
) -> Result<Option<Read>, String> {
    let mut imported = result.map_err(|e| in_folder(why.is_none(), e.to_string()))?;
    // A page is not dated: its file's time only fills the form posts share.
    imported
        .notes
        .retain(|note| !note.message.starts_with(import::UNDATED_NOTE));
    let folder_name = if why.is_none() { "pages" } else { "posts" };
    let shown = format!("{folder_name}/{}", imported.path);
    // Read once for what is wrong with it and its `permalink`; its address known, rendered
    // again as the app renders it, named by its source's site path (its links are the
    // page's own: `#section` is `/about/#section`).
    let (read, _) = Post::parse_checked(&imported.path, &imported.text, base)
        .map_err(|e| in_folder(why.is_none(), e.to_string()))?;
    // A draft left out takes no address.
    if read.meta.draft && !include_drafts {
        return Ok(None);
    }
    let mut aliases = read.meta.aliases;
    let address = match &why {
        None => routes::page(&imported.path),
        Some(_) => address_of_post_file(&imported.path, &mut aliases),
    };
    let Some(path) = address else {
        return Err(format!(
            "{shown}: a page here would be the home page, which lists the posts; give it a name of its own (pages/about.md is /about/)"
        ));
    };
    if let Some(segment) = routes::reserved_by(&path) {
        return Err(format!(
            "{shown}: the address {path} is the site's own (/{segment}/ is for {}); rename the file",
            what_is_at(segment)
        ));
    }
    if let Some(other) = taken.get(&path) {
        return Err(format!(
            "{shown}: the address {path} is already {other}'s; rename one of them"
        ));
    }
    let (mut post, checked) =
        Post::parse_checked(&routes::page_source(&path), &imported.text, base)
            .map_err(|e| in_folder(why.is_none(), e.to_string()))?;
    post.meta.aliases = aliases;
    taken.insert(path.clone(), shown.clone());
    let files = page_files(&imported, all)
        .into_iter()
        .map(|(file, site_path)| (root.join(file), site_path))
        .collect();
    let menu = imported.menu.clone().map(|(label, weight)| MenuLink {
        label: label.unwrap_or_else(|| post.meta.title.clone()),
        url: path.clone(),
        weight,
    });
    let page = SitePage {
        path,
        file: shown,
        source: imported.text.clone(),
        post,
        files,
        menu,
    };
    Ok(Some(Read {
        page,
        imported,
        checked,
        why,
    }))
}

/// The files a page publishes with it, as the import's links name them (under the
/// address its import gave it, `/posts/<slug>/`: pages share the import of posts).
fn page_files(page: &Imported, all: &BTreeSet<String>) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = page
        .resources
        .iter()
        .map(|(source, name)| (source.clone(), routes::post_file(&page.slug, name)))
        .collect();
    if let Some(bundle) = &page.bundle {
        let prefix = format!("{bundle}/");
        for path in all.iter().filter(|p| p.starts_with(&prefix)) {
            if !import::is_post_file(path) && !files.iter().any(|(s, _)| s == path) {
                files.push((
                    path.clone(),
                    routes::post_file(&page.slug, &path[prefix.len()..]),
                ));
            }
        }
    }
    files
}

/// The address of a post file that is a page (`path` under `posts/`): its `permalink` when
/// that names a folder (Jekyll's `permalink: /about/`, the first of `aliases`, taken out of
/// them), else its file's (`posts/about.md` → `/about/`, Pelican's `posts/pages/about.md` →
/// `/about/`).
fn address_of_post_file(path: &str, aliases: &mut Vec<String>) -> Option<String> {
    let permalink = aliases.first().and_then(|alias| {
        let file = alias_file(alias)?;
        let folder = file.strip_suffix("/index.html")?;
        Some(format!("/{folder}/"))
    });
    if let Some(address) = permalink {
        aliases.remove(0);
        return Some(address);
    }
    routes::page(path.strip_prefix("pages/").unwrap_or(path))
}

/// Pages whose address is also an old address of a post (its `aliases`, or a Jekyll
/// `permalink` it had), as errors naming both files: the post's redirect page and the page
/// cannot both be there. `posts` are the indexed posts, their `file` still under `posts/`.
pub fn taken_by_posts(pages: &[SitePage], posts: &[PostMeta]) -> Vec<String> {
    let mut found = Vec::new();
    for page in pages {
        let file = alias_file(&page.path);
        for post in posts {
            if post.aliases.iter().any(|alias| alias_file(alias) == file) {
                found.push(format!(
                    "{}: the address {} is also an old address of posts/{} (its aliases); remove that alias or rename the page",
                    page.file, page.path, post.file
                ));
            }
        }
    }
    found
}

/// What a reserved segment is for, in a message.
fn what_is_at(segment: &str) -> &'static str {
    match segment {
        routes::POSTS => "posts",
        routes::PAGE => "the list's pages",
        routes::TAGS | routes::CATEGORIES | routes::SERIES => {
            "the lists of a tag, category or series"
        }
        routes::AUTHORS => "authors' pages",
        routes::SEARCH => "search",
        "images" => "the site's images",
        _ => "the app's files",
    }
}

/// A message the post pipeline wrote about a file under `posts/`, said of the same file
/// under `pages/` when `in_pages` (pages are read by the same code, which names its folder
/// `posts/`).
fn in_folder(in_pages: bool, message: String) -> String {
    match message.strip_prefix("posts/").filter(|_| in_pages) {
        Some(rest) => format!("pages/{rest}"),
        None => message,
    }
}

/// The pages' warnings and problems as `check` lists them.
pub fn diagnostics(pages: &Pages) -> impl Iterator<Item = Diagnostic> + '_ {
    let problems = pages.problems.iter().map(|message| Diagnostic {
        severity: Severity::Error,
        message: message.clone(),
    });
    problems.chain(pages.warnings.iter().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    /// A blog whose posts have these slugs, none of them a page, no files, no authors.
    fn no_posts<'a>(slugs: &'a HashSet<&'a str>) -> Posts<'a> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        Posts {
            dir: Path::new("posts"),
            as_pages: Vec::new(),
            original: &|_| String::new(),
            all: &NONE,
            slugs,
            authors: &[],
            shipped: &|_| false,
        }
    }

    fn load_from(files: &[(&str, &str)], drafts: bool) -> Pages {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RUN: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "blogtool-pages-{}-{}",
            std::process::id(),
            RUN.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        write(&dir, files);
        let slugs: HashSet<&str> = ["hello"].into_iter().collect();
        let found = load(&dir, "/blog/", drafts, no_posts(&slugs));
        std::fs::remove_dir_all(&dir).unwrap();
        found
    }

    #[test]
    fn every_page_gets_its_address_and_title() {
        let found = load_from(
            &[
                (
                    "about.md",
                    "---\ntitle: About me\n---\nHi, [a post](/posts/hello).\n",
                ),
                ("projects/index.md", "# Projects\n\nThings I made.\n"),
                ("Now.md", "What I do now.\n"),
            ],
            false,
        );
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        let got: Vec<(&str, &str)> = found
            .pages
            .iter()
            .map(|p| (p.path.as_str(), p.post.meta.title.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("/about/", "About me"),
                ("/now/", "Now"),
                ("/projects/", "Projects")
            ]
        );
        // Rendered for the base path, like posts.
        assert!(found.pages[0]
            .post
            .html
            .contains("href=\"/blog/posts/hello\""));
        assert!(found.pages[0].source.starts_with("---\n"));
    }

    #[test]
    fn an_address_that_is_not_the_pages_to_take_is_an_error_naming_both() {
        let found = load_from(
            &[
                ("about.md", "# About\n"),
                ("about/index.md", "# About again\n"),
                ("tags.md", "# My tags\n"),
                ("index.md", "# Home\n"),
                ("fine.md", "# Fine\n"),
            ],
            false,
        );
        assert_eq!(
            found.problems,
            [
                "pages/about/index.md: the address /about/ is already pages/about.md's; rename one of them",
                "pages/index.md: a page here would be the home page, which lists the posts; give it a name of its own (pages/about.md is /about/)",
                "pages/tags.md: the address /tags/ is the site's own (/tags/ is for the lists of a tag, category or series); rename the file",
            ]
        );
        let paths: Vec<&str> = found.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/about/", "/fine/"]);
    }

    #[test]
    fn problems_and_warnings_name_the_file_under_pages() {
        let found = load_from(
            &[
                ("bad.md", "---\ntitle: [unclosed\n---\nx\n"),
                ("links.md", "# Links\n\n[gone](/posts/nothing-here)\n"),
                ("draft.md", "---\ntitle: Soon\ndraft: true\n---\nx\n"),
            ],
            false,
        );
        let all = found.problems.join("\n");
        assert!(all.starts_with("pages/bad.md"), "{all}");
        let warnings: Vec<String> = found.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            warnings.iter().any(
                |w| w.starts_with("pages/links.md:3: warning: link to \"/posts/nothing-here\"")
            ),
            "{warnings:?}"
        );
        assert!(found.pages.iter().all(|p| p.path != "/draft/"));
        // A draft left out takes no address; no page carries its file's time.
        let beside = load_from(
            &[
                ("about.md", "---\ntitle: Old\ndraft: true\n---\nx\n"),
                ("about/index.md", "# About\n"),
            ],
            false,
        );
        assert!(beside.problems.is_empty(), "{:?}", beside.problems);
        assert_eq!(beside.pages[0].path, "/about/");
        assert!(
            beside.pages[0].source.contains("1970-01-01"),
            "{}",
            beside.pages[0].source
        );
        let with_drafts = load_from(
            &[("draft.md", "---\ntitle: Soon\ndraft: true\n---\nx\n")],
            true,
        );
        assert_eq!(with_drafts.pages[0].path, "/draft/");
    }

    #[test]
    fn no_pages_folder_is_no_pages() {
        let slugs = HashSet::new();
        let found = load(
            Path::new("/nonexistent/pages"),
            "/",
            false,
            no_posts(&slugs),
        );
        assert!(found.pages.is_empty() && found.problems.is_empty());
    }
}
