//! The blog's pages (`pages/` beside `posts/`): an About page, a projects page. Markdown
//! like posts, read, imported (whatever engine they were written for) and rendered by the
//! same code, in the same publishing pass, but published at their own address
//! (`pages/about.md` → `/about/`, [`routes::page`]) and never in lists, tags, feeds or the
//! post index.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::Result;
use blog_core::author::Author;
use blog_core::config::PageLink;
use blog_core::post::{Post, PostMeta};
use blog_core::publish::{alias_file, PublishedSite};
use blog_core::routes;

use crate::check::{self, Diagnostic, Severity};
use crate::import;
use crate::publish;

/// One page, read and rendered.
#[derive(Clone, Debug)]
pub struct SitePage {
    /// Its address, ending in `/`: `/about/`.
    pub path: String,
    /// Its file under `pages/`.
    pub file: String,
    /// Its text in this blog's form (front matter, then the body), published at
    /// [`routes::page_source`].
    pub source: String,
    /// Rendered for the site's base path.
    pub post: Post,
    /// Files it refers to by relative path or keeps beside it: (path under `pages/`, site
    /// path it is published at).
    pub files: Vec<(String, String)>,
}

impl SitePage {
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

/// `site` with its pages known (`SiteIdentity::pages`), which every page embeds.
pub fn with_pages(site: &PublishedSite, pages: &[SitePage]) -> PublishedSite {
    PublishedSite {
        info: blog_core::config::SiteIdentity {
            pages: pages.iter().map(SitePage::link).collect(),
            ..site.info.clone()
        },
        ..site.clone()
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

/// What the posts pass found that pages are checked against.
pub struct Posts<'a> {
    /// Every post's slug (links to posts).
    pub slugs: &'a HashSet<&'a str>,
    /// The author registry (bylines).
    pub authors: &'a [Author],
    /// Whether a site path is a file the site has.
    pub shipped: &'a (dyn Fn(&str) -> bool + Sync),
}

/// Reads, imports and renders every page under `dir` (none when there is no such folder)
/// for `base`; drafts only when `include_drafts`.
///
/// # Errors
/// A folder or file that cannot be read, named.
pub fn load(dir: &Path, base: &str, include_drafts: bool, posts: &Posts) -> Result<Pages> {
    let mut found = Pages::default();
    if !dir.is_dir() {
        return Ok(found);
    }
    let folder = publish::read_posts(dir)?;
    let imports = import::import_all(&folder.files, &|p| folder.has(p));
    let mut taken: HashMap<String, String> = HashMap::new();
    for result in imports {
        let imported = match result {
            Ok(imported) => imported,
            Err(error) => {
                found.problems.push(in_pages(error.to_string()));
                continue;
            }
        };
        let shown = format!("pages/{}", imported.path);
        let Some(path) = routes::page(&imported.path) else {
            found.problems.push(format!(
                "{shown}: a page here would be the home page, which lists the posts; give it a name of its own (pages/about.md is /about/)"
            ));
            continue;
        };
        if let Some(segment) = routes::reserved_by(&path) {
            found.problems.push(format!(
                "{shown}: the address {path} is the site's own (/{segment}/ is for {}); rename the file",
                what_is_at(segment)
            ));
            continue;
        }
        if let Some(other) = taken.get(&path) {
            found.problems.push(format!(
                "{shown}: the address {path} is already pages/{other}'s; rename one of them"
            ));
            continue;
        }
        let (post, checked) = match Post::parse_checked(&imported.path, &imported.text, base) {
            Ok(read) => read,
            Err(error) => {
                found.problems.push(in_pages(error.to_string()));
                continue;
            }
        };
        if post.meta.draft && !include_drafts {
            continue;
        }
        let original = || {
            folder
                .files
                .iter()
                .find(|f| f.path == imported.path)
                .map(|f| import::decode_text(&f.bytes))
                .unwrap_or_default()
        };
        let warnings = check::post_warnings(
            &imported,
            &original,
            &post,
            &checked,
            posts.slugs,
            posts.authors,
            posts.shipped,
        );
        found
            .warnings
            .extend(warnings.into_iter().map(|w| Diagnostic {
                message: in_pages(w.message),
                ..w
            }));
        taken.insert(path.clone(), imported.path.clone());
        let files = page_files(&imported, &folder);
        found.pages.push(SitePage {
            path,
            file: imported.path,
            source: imported.text,
            post,
            files,
        });
    }
    found.pages.sort_by(|a, b| a.path.cmp(&b.path));
    found.warnings.sort_by(|a, b| a.message.cmp(&b.message));
    Ok(found)
}

/// The files a page publishes with it, as the import's links name them (under the
/// address its import gave it, `/posts/<slug>/`: pages share the import of posts).
fn page_files(page: &import::Imported, folder: &publish::PostsFolder) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = page
        .resources
        .iter()
        .map(|(source, name)| (source.clone(), routes::post_file(&page.slug, name)))
        .collect();
    if let Some(bundle) = &page.bundle {
        let prefix = format!("{bundle}/");
        for path in folder.all.iter().filter(|p| p.starts_with(&prefix)) {
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
                    "pages/{}: the address {} is also an old address of posts/{} (its aliases); remove that alias or rename the page",
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
        routes::TAGS | routes::CATEGORIES | routes::SERIES => "the lists of a tag, category or series",
        routes::AUTHORS => "authors' pages",
        routes::SEARCH => "search",
        "images" => "the site's images",
        _ => "the app's files",
    }
}

/// A message the post pipeline wrote about a file under `posts/`, said of the same file
/// under `pages/` (pages are read by the same code, which names its folder `posts/`).
fn in_pages(message: String) -> String {
    match message.strip_prefix("posts/") {
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
        let posts = Posts {
            slugs: &slugs,
            authors: &[],
            shipped: &|_| false,
        };
        let found = load(&dir, "/blog/", drafts, &posts).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        found
    }

    #[test]
    fn every_page_gets_its_address_and_title() {
        let found = load_from(
            &[
                ("about.md", "---\ntitle: About me\n---\nHi, [a post](/posts/hello).\n"),
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
        assert!(found.pages[0].post.html.contains("href=\"/blog/posts/hello\""));
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
            warnings
                .iter()
                .any(|w| w.starts_with("pages/links.md:3: warning: link to \"/posts/nothing-here\"")),
            "{warnings:?}"
        );
        assert!(found.pages.iter().all(|p| p.path != "/draft/"));
        let with_drafts = load_from(&[("draft.md", "---\ntitle: Soon\ndraft: true\n---\nx\n")], true);
        assert_eq!(with_drafts.pages[0].path, "/draft/");
    }

    #[test]
    fn no_pages_folder_is_no_pages() {
        let slugs = HashSet::new();
        let posts = Posts {
            slugs: &slugs,
            authors: &[],
            shipped: &|_| false,
        };
        let found = load(Path::new("/nonexistent/pages"), "/", false, &posts).unwrap();
        assert!(found.pages.is_empty() && found.problems.is_empty());
    }
}
