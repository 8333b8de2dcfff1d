//! Routes: every path the site has — its pages, the data files the app fetches, its feeds —
//! spelled in this one place, and resolved under the base path the site is published at.
//!
//! Page paths are site paths (`/posts/x`), without the base path; [`under_base`] turns one
//! into the address a link uses (`/blog/posts/x`) and `PublishedSite::url` into an absolute
//! URL. The app's router is built from the same segment names, so a path made here is
//! always one the router knows.

use crate::index::Taxonomy;
use crate::slug::term_slug;

/// First segment of a post's page: `/posts/<slug>`. Also the folder of the published
/// posts and their data files, which live beside the pages.
pub const POSTS: &str = "posts";
/// First segment of list page N (N ≥ 2): `/page/<n>`. Page 1 is the home page.
pub const PAGE: &str = "page";
/// First segment of an author's page: `/authors/<id>`.
pub const AUTHORS: &str = "authors";
/// First segment of a tag's page: `/tags/<term>`.
pub const TAGS: &str = "tags";
/// First segment of a category's page: `/categories/<term>`.
pub const CATEGORIES: &str = "categories";
/// First segment of a series' page: `/series/<term>`.
pub const SERIES: &str = "series";
/// The search page's segment: `/search`, `/search?q=…`.
pub const SEARCH: &str = "search";

/// The home page, which is also page 1 of the post list.
pub const HOME: &str = "/";
/// The "not found" page, written as `404.html` for static hosts.
pub const NOT_FOUND: &str = "/404";
/// The Atom feed.
pub const ATOM_FEED: &str = "/feed.xml";
/// The RSS 2.0 feed.
pub const RSS_FEED: &str = "/rss.xml";
/// The blog's own stylesheet (`public/custom.css`), linked after the engine's when present.
pub const CUSTOM_CSS: &str = "/custom.css";
/// The JSON Feed 1.1 (jsonfeed.org).
pub const JSON_FEED: &str = "/feed.json";
/// The name of the Atom feed beside a term's or author's page.
const FEED_FILE: &str = "feed.xml";
/// The sitemap (sitemaps.org protocol).
pub const SITEMAP: &str = "/sitemap.xml";

/// The site's settings for the app: name, language, theme (`posts/site.json`).
pub const SITE_DATA: &str = "/posts/site.json";
/// The whole post index (`posts/index.json`).
pub const INDEX_DATA: &str = "/posts/index.json";
/// The search index's small first file; the rest are named by it.
pub const SEARCH_META_DATA: &str = "/posts/search/meta.json";
/// Old addresses of posts and where each leads (`publish::Redirects`), for links inside the
/// site that name one.
pub const REDIRECTS_DATA: &str = "/posts/redirects.json";

/// The page of the post with this slug: `/posts/hello-world`.
pub fn post(slug: &str) -> String {
    format!("/{POSTS}/{slug}")
}

/// The slug a post's page path names (`/posts/hello-world#part` → `hello-world`), or
/// `None` for a path that is not a post's page. The inverse of [`post`].
pub fn post_slug(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix('/')?
        .strip_prefix(POSTS)?
        .strip_prefix('/')?;
    let slug = rest.split(['#', '?']).next()?.trim_end_matches('/');
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

/// The address a search result names: a post's slug gives `/posts/<slug>`; a page's entry
/// carries the page's own address in its place (`/about/`), which no slug can be (slugs
/// never start with `/`).
pub fn entry(slug: &str) -> String {
    if is_page_entry(slug) {
        slug.to_string()
    } else {
        post(slug)
    }
}

/// Whether a search entry's slug is a page's address (see [`entry`]).
pub fn is_page_entry(slug: &str) -> bool {
    slug.starts_with('/')
}

/// A file published beside a post (a diagram, a page bundle's image):
/// `/posts/hello-world/diagram-1.svg`.
pub fn post_file(slug: &str, name: &str) -> String {
    format!("/{POSTS}/{slug}/{name}")
}

/// A published post's Markdown, by its file name in the published folder (`hello-world.md`).
pub fn post_source(file: &str) -> String {
    format!("/{POSTS}/{file}")
}

/// The entries around a post (previous, next, related), for opening it without the index.
pub fn post_context_data(slug: &str) -> String {
    format!("/{POSTS}/context/{slug}.json")
}

/// The address of the blog's page in `file` under `pages/`, ending in `/`: `about.md` →
/// `/about/`, `projects/index.md` → `/projects/`, `Notes/Reading List.md` →
/// `/notes/reading-list/` (each folder and the name made a slug, as Hugo and Zola make page
/// addresses). `None` for `pages/index.md` (the home page is the post list) and for a name
/// with nothing to make an address of.
pub fn page(file: &str) -> Option<String> {
    let stem = ["md", "markdown", "mdx"]
        .iter()
        .find_map(|ext| {
            let (stem, found) = file.rsplit_once('.')?;
            found.eq_ignore_ascii_case(ext).then_some(stem)
        })
        .unwrap_or(file);
    let mut segments: Vec<&str> = stem.split('/').collect();
    if segments.len() > 1
        && segments
            .last()
            .is_some_and(|s| s.eq_ignore_ascii_case("index"))
    {
        segments.pop();
    }
    let mut path = String::from("/");
    for segment in segments {
        let slug = crate::slug::slugify(segment);
        if slug.is_empty() || slug == "index" && path == "/" {
            return None;
        }
        path.push_str(&slug);
        path.push('/');
    }
    Some(path)
}

/// A page's Markdown in this blog's form, beside its `index.html`: `/about/index.md`.
pub fn page_source(path: &str) -> String {
    format!("{}/index.md", path.trim_end_matches('/'))
}

/// The page whose source [`page_source`] names `file`: `/about/index.md` → `/about/`.
/// `None` for any other name (a post's file is named under `posts/`, never from `/`).
pub fn page_of_source(file: &str) -> Option<&str> {
    let path = file.strip_suffix("index.md")?;
    (path.starts_with('/') && path.ends_with('/') && !path.starts_with("//")).then_some(path)
}

/// The site's own first path segments, which no page may take (`/tags/`, `/embed/`…): its
/// routes, and the folders of its data and the app's files.
pub fn reserved_segments() -> impl Iterator<Item = &'static str> {
    let folders = [
        EMBED_SCRIPT,
        PARSER_DIR,
        SNIPPETS_DIR,
        IMAGES_DIR,
        LIVE_RELOAD_SCRIPT,
    ]
    .into_iter()
    .filter_map(|path| path.trim_start_matches('/').split('/').next());
    [POSTS, PAGE, TAGS, CATEGORIES, SERIES, AUTHORS, SEARCH]
        .into_iter()
        .chain(folders)
}

/// The reserved segment (see [`reserved_segments`]) site path `path` starts with, if any.
pub fn reserved_by(path: &str) -> Option<&'static str> {
    let first = path.trim_start_matches('/').split('/').next()?;
    reserved_segments().find(|r| *r == first)
}

/// List page `number` (from 1): `/` for the first, `/page/2` after.
pub fn list_page(number: usize) -> String {
    if number <= 1 {
        HOME.to_string()
    } else {
        format!("/{PAGE}/{number}")
    }
}

/// The entries of list page `number` (from 1), cut when publishing.
pub fn list_page_data(number: usize) -> String {
    format!("/{POSTS}/pages/{number}.json")
}

/// A file of the search index, by the name `meta.json` gives it (`shard-3.json`).
pub fn search_data(file: &str) -> String {
    format!("/{POSTS}/search/{file}")
}

/// The page of an author: `/authors/ada-lovelace`. Author ids are already slugs (the
/// registry checks them; bylines outside it get [`term_slug`] of their name).
pub fn author(id: &str) -> String {
    format!("/{AUTHORS}/{id}")
}

/// The page listing the posts with a term: `/tags/rust`, `/categories/woodwork`,
/// `/series/building-a-shelf`. The name is made a slug here ([`term_slug`]).
pub fn term(taxonomy: Taxonomy, name: &str) -> String {
    format!("/{}/{}", taxonomy.segment(), term_slug(name))
}

/// The Atom feed of the posts with a term: `/tags/rust/feed.xml`.
pub fn term_feed(taxonomy: Taxonomy, name: &str) -> String {
    format!("{}/{FEED_FILE}", term(taxonomy, name))
}

/// The Atom feed of an author's posts: `/authors/ada-lovelace/feed.xml`.
pub fn author_feed(id: &str) -> String {
    format!("{}/{FEED_FILE}", author(id))
}

/// The feed of the page at site path `path`, when it has one of its own (a term's or an
/// author's page: see [`term_feed`], [`author_feed`]).
pub fn page_feed(path: &str) -> Option<String> {
    let path = path.trim_end_matches('/');
    let mut parts = path.strip_prefix('/')?.split('/');
    let (first, name) = (parts.next()?, parts.next()?);
    let own = [TAGS, CATEGORIES, SERIES, AUTHORS].contains(&first) && !name.is_empty();
    (own && parts.next().is_none()).then(|| format!("{path}/{FEED_FILE}"))
}

/// The embeddable card's page of an author, for hosts that allow no scripts:
/// `/embed/authors/ada-lovelace/`.
pub fn embedded_author(id: &str) -> String {
    format!("/embed/{AUTHORS}/{id}/")
}

/// The folder of the post reader (Markdown → HTML), a WebAssembly module the app loads
/// only when it first opens a post itself.
pub const PARSER_DIR: &str = "/parser/";
/// The post reader's JS glue.
pub const PARSER_SCRIPT: &str = "/parser/blog-parser.js";
/// The post reader's WebAssembly.
pub const PARSER_WASM: &str = "/parser/blog-parser_bg.wasm";

/// The script that puts an author's card on another website (`<author-card>`).
pub const EMBED_SCRIPT: &str = "/embed/author-card.js";
/// The author registry the card's script reads.
pub const EMBED_AUTHORS: &str = "/embed/authors.json";
/// The card's stylesheet, for the card pages of hosts that allow no scripts.
pub const EMBED_CARD_CSS: &str = "/embed/card.css";
/// The service worker (offline reading).
pub const SERVICE_WORKER: &str = "/sw.js";
/// The empty app page the service worker serves offline for a page not read before.
pub const OFFLINE_SHELL: &str = "/shell.html";
/// What `blogtool serve` adds to a preview, never part of a built site: the script that
/// reloads the page when the blog changes, and the event stream it listens to.
pub const LIVE_RELOAD_SCRIPT: &str = "/__blogtool/live.js";
/// What the live reload script long-polls: the server's build number and problems, as JSON,
/// answered when they change (or after a while).
pub const LIVE_RELOAD_EVENTS: &str = "/__blogtool/events";
/// JavaScript the app's glue imports (wasm-bindgen snippets).
pub const SNIPPETS_DIR: &str = "/snippets/";
/// Images the site ships (`public/images/`), which the service worker keeps once shown.
pub const IMAGES_DIR: &str = "/images/";
/// What crawlers read first: where the sitemap is.
pub const ROBOTS: &str = "/robots.txt";
/// The file static hosts serve for unknown paths (GitHub Pages, Netlify, Cloudflare).
pub const NOT_FOUND_FILE: &str = "/404.html";

/// The search page for `query`: `/search?q=r%C3%A9sum%C3%A9`, or `/search` for an empty
/// query. The query is form-encoded (RFC 3986 unreserved characters kept, space as `+`).
pub fn search(query: &str) -> String {
    let mut out = format!("/{SEARCH}");
    if query.is_empty() {
        return out;
    }
    out.push_str("?q=");
    for byte in query.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Resolves `path` against the site's base path (`/` or `/blog/`). Absolute URLs and
/// protocol-relative ones are returned unchanged; `/images/x.png` becomes `/blog/images/x.png`.
pub fn under_base(base: &str, path: &str) -> String {
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    if has_scheme || path.starts_with("//") {
        return path.to_string();
    }
    let base = base.trim_end_matches('/');
    format!("{base}/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_every_kind_of_page_path() {
        let cases = [
            (post("hello-world"), "/posts/hello-world"),
            (post_file("x", "diagram-1.svg"), "/posts/x/diagram-1.svg"),
            (post_source("x.md"), "/posts/x.md"),
            (post_context_data("x"), "/posts/context/x.json"),
            (list_page(0), "/"),
            (list_page(1), "/"),
            (list_page(2), "/page/2"),
            (list_page_data(2), "/posts/pages/2.json"),
            (search_data("meta.json"), SEARCH_META_DATA),
            (author("ada-lovelace"), "/authors/ada-lovelace"),
            (term(Taxonomy::Tags, "Rust"), "/tags/rust"),
            (term(Taxonomy::Tags, "C++"), "/tags/c-plus-plus"),
            (
                term(Taxonomy::Categories, "Wood work"),
                "/categories/wood-work",
            ),
            (term(Taxonomy::Series, "A shelf"), "/series/a-shelf"),
            (embedded_author("ada"), "/embed/authors/ada/"),
            (entry("hello"), "/posts/hello"),
            (term_feed(Taxonomy::Tags, "Rust"), "/tags/rust/feed.xml"),
            (
                term_feed(Taxonomy::Series, "A shelf"),
                "/series/a-shelf/feed.xml",
            ),
            (author_feed("ada"), "/authors/ada/feed.xml"),
            (entry("/about/"), "/about/"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn reads_the_slug_back_from_a_post_path() {
        let cases = [
            ("/posts/x", Some("x")),
            ("/posts/x/", Some("x")),
            ("/posts/x#part", Some("x")),
            ("/posts/x?q=1", Some("x")),
            ("/posts/", None),
            ("/posts/x/diagram.svg", None),
            ("/postsx", None),
            ("/tags/x", None),
            ("posts/x", None),
        ];
        for (path, want) in cases {
            assert_eq!(post_slug(path), want, "{path}");
        }
        assert_eq!(post_slug(&post("hello")), Some("hello"));
    }

    #[test]
    fn gives_each_page_file_its_address() {
        let cases = [
            ("about.md", Some("/about/")),
            ("About.markdown", Some("/about/")),
            ("projects/index.md", Some("/projects/")),
            ("projects/Index.MD", Some("/projects/")),
            ("Notes/Reading List.md", Some("/notes/reading-list/")),
            ("a/b/c.mdx", Some("/a/b/c/")),
            ("über uns.md", Some("/über-uns/")),
            ("index.md", None),
            ("***.md", None),
            ("x/***/y.md", None),
        ];
        for (file, want) in cases {
            assert_eq!(page(file).as_deref(), want, "{file}");
        }
        assert_eq!(page_source("/about/"), "/about/index.md");
        assert_eq!(page_source("/a/b/"), "/a/b/index.md");
        for path in ["/about/", "/a/b/"] {
            assert_eq!(page_of_source(&page_source(path)), Some(path));
        }
        for file in ["about.md", "a/index.md", "//x/index.md", "/x/notindex.md"] {
            assert_eq!(page_of_source(file), None, "{file}");
        }
    }

    #[test]
    fn knows_the_segments_pages_may_not_take() {
        let reserved: Vec<&str> = reserved_segments().collect();
        for segment in [
            "posts",
            "page",
            "tags",
            "categories",
            "series",
            "authors",
            "search",
            "embed",
            "parser",
            "snippets",
            "images",
            "__blogtool",
        ] {
            assert!(reserved.contains(&segment), "{segment}");
        }
        assert_eq!(reserved_by("/tags/x/"), Some("tags"));
        assert_eq!(reserved_by("/embed/"), Some("embed"));
        assert_eq!(reserved_by("/about/"), None);
        assert_eq!(reserved_by("/postscript/"), None);
    }

    #[test]
    fn finds_the_feed_of_a_term_or_author_page() {
        assert_eq!(
            page_feed(&term(Taxonomy::Tags, "Rust")),
            Some(term_feed(Taxonomy::Tags, "Rust"))
        );
        assert_eq!(page_feed(&author("ada")), Some(author_feed("ada")));
        assert_eq!(
            page_feed("/categories/wood/"),
            Some("/categories/wood/feed.xml".into())
        );
        for path in ["/", "/tags", "/tags/", "/posts/x", "/about/", "/tags/x/y"] {
            assert_eq!(page_feed(path), None, "{path}");
        }
    }

    #[test]
    fn the_readers_files_are_in_its_folder() {
        assert!(PARSER_SCRIPT.starts_with(PARSER_DIR));
        assert!(PARSER_WASM.starts_with(PARSER_DIR));
    }

    #[test]
    fn puts_a_query_in_the_search_url() {
        assert_eq!(search(""), "/search");
        assert_eq!(search("rust wasm"), "/search?q=rust+wasm");
        assert_eq!(search("résumé"), "/search?q=r%C3%A9sum%C3%A9");
        assert_eq!(search("a&b=c#d+"), "/search?q=a%26b%3Dc%23d%2B");
    }

    #[test]
    fn resolves_site_paths_under_the_base() {
        let cases = [
            ("/", "/images/x.png", "/images/x.png"),
            ("/blog/", "/images/x.png", "/blog/images/x.png"),
            ("/blog", "images/x.png", "/blog/images/x.png"),
            (
                "/blog/",
                "https://cdn.example/x.png",
                "https://cdn.example/x.png",
            ),
            ("/blog/", "//cdn.example/x.png", "//cdn.example/x.png"),
        ];
        for (base, path, want) in cases {
            assert_eq!(under_base(base, path), want, "{base} {path}");
        }
    }
}
