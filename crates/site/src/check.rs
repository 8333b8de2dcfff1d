//! `check`: everything that can be wrong with a folder of posts, as `file:line: message`.
//!
//! Pure: the caller supplies the files' text and a way to ask whether a site file exists, so
//! the same rules run in the command-line tool and in tests.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use crate::import::{self, missing_site_file, Imported, SourceFile};
use crate::publish;
use blog_core::author::{self, Author};
use blog_core::encoding::repair_mojibake;
use blog_core::markdown::LinkContext;
use blog_core::post::{Checked, Post};
use blog_core::routes;
use blog_core::url::{is_allowed_url, UrlUse};

/// How serious a finding is: errors fail the check, warnings only inform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed.
    Error,
    /// Worth knowing.
    Warning,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The full message, `posts/x.md:3: ...`.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.message.split_once(": ") {
            Some((place, rest)) => write!(f, "{place}: {label}: {rest}"),
            None => write!(f, "{label}: {}", self.message),
        }
    }
}

/// Checks every post of a blog and the registry, reporting every problem of every post:
/// `files` imported, read and rendered by the build's own pass ([`publish::analyse`]) for a
/// preview (drafts and future posts included), whose findings this returns. `site_file_exists`
/// answers whether a site path such as `/images/x.png` is shipped (under `public/`); the
/// folder holds only `files`.
///
/// Errors are what keeps a post from publishing (front matter that cannot be read, a
/// duplicate address, a broken registry); everything else a reader would notice (missing
/// images, dead links, dropped template syntax, repaired encodings) is a warning: the post
/// still reads.
pub fn check(
    files: Vec<SourceFile>,
    authors_yaml: Option<String>,
    site_file_exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    let folder = publish::PostsFolder {
        all: files.iter().map(|f| f.path.clone()).collect(),
        files,
        authors: authors_yaml,
        registry_warnings: Vec::new(),
    };
    let loaded = publish::import(folder, Default::default(), None);
    publish::analyse(
        loaded,
        publish::Folders {
            posts: Path::new("posts/"),
            pages: Path::new("pages/"),
            public: Path::new("public/"),
        },
        site_file_exists,
        "/",
        publish::WRITING,
        None,
    )
    .diagnostics()
}

/// What `check` says of one readable post, from what its import and its render noticed
/// (`checked`): its import's notes, repaired encodings, dropped HTML, links and images that
/// lead nowhere or are not allowed, and an author's name close to a registered one.
/// `original` gives the file's text as written (for the lines of front matter keys), `slugs`
/// the posts' addresses, `shipped` whether a site path is a file the site has.
pub(crate) fn post_warnings(
    post: &Imported,
    original: &dyn Fn() -> String,
    rendered: &Post,
    checked: &Checked,
    slugs: &HashSet<&str>,
    registry: &[Author],
    shipped: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut warn = |place: String, message: String| {
        found.push(Diagnostic {
            severity: Severity::Warning,
            message: format!("{place}: {message}"),
        });
    };
    let shown = format!("posts/{}", post.path);
    let place = |line: Option<usize>| match line {
        Some(line) => format!("{shown}:{line}"),
        None => shown.clone(),
    };
    for note in &post.notes {
        warn(place(note.line), note.message.clone());
    }
    // Front matter keys are found in the file as written (the import may have rewritten
    // its front matter); read only when a message needs one.
    let written = std::cell::OnceCell::new();
    let original = || written.get_or_init(original).as_str();
    let key_line = |keys: &[&str]| key_line(original(), keys);
    if let Some((line, before, after)) = &checked.repair {
        let line = post.original_line(*line).or_else(|| {
            let text = original();
            let repaired = repair_mojibake(text);
            text.lines()
                .zip(repaired.lines())
                .position(|(a, b)| a != b)
                .map(|i| i + 1)
        });
        warn(place(line), format!(
            "text is double-encoded UTF-8 and is shown repaired (\"{before}\" reads \"{after}\"); re-save the file as UTF-8 to fix it for good"
        ));
    }
    // A Mastodon thread that names no status shows no replies: say so where it is written.
    if let Some(thread) = &rendered.mastodon {
        if blog_core::services::MastodonThread::parse(thread).is_none() {
            warn(
                place(key_line(&["mastodon", "comments"])),
                format!(
                    "mastodon: \"{thread}\" is not the address of a post on Mastodon or a \
                     server like it (https://server/@user/123…): its replies are not shown as comments"
                ),
            );
        }
    }
    // An author missing from the registry gets a card from the post's own words; only a
    // name close to a registered one (a typo) is worth a word.
    for byline in &rendered.meta.authors {
        if author::find(registry, byline).is_some() {
            continue;
        }
        let similar = |x: &str| {
            strsim::normalized_levenshtein(&x.to_lowercase(), &byline.to_lowercase()) >= 0.75
        };
        if let Some(close) = registry.iter().find(|a| similar(&a.name) || similar(&a.id)) {
            warn(
                place(key_line(&["author"])),
                format!(
                    "author \"{byline}\" is not in posts/authors.yaml; did you mean \"{}\" ({})?",
                    close.name, close.id
                ),
            );
        }
    }
    // Missing lead images were left out (and reported) before the post was rendered.
    for image in checked
        .images
        .iter()
        .filter(|i| !is_allowed_url(i, UrlUse::Image))
    {
        warn(
            place(key_line(LEAD_IMAGE_KEYS)),
            format!(
                "image URL \"{image}\" is not allowed and is left out (use https or a site path)"
            ),
        );
    }
    for (line, element) in &checked.removed_html {
        warn(
            place(post.original_line(*line)),
            format!("<{element}> is left out: posts cannot run code or load other sites' pages"),
        );
    }
    let slug = &rendered.meta.slug;
    let links = LinkContext::for_post("/", slug);
    for (line, reference) in &checked.references {
        let at = place(post.original_line(*line));
        let url = &reference.url;
        if url.starts_with("http://") && reference.image {
            warn(at, format!(
                "image \"{url}\" is loaded over https instead (the page's policy blocks http); check that the host serves it"
            ));
            continue;
        }
        let usage = if reference.image {
            UrlUse::Image
        } else {
            UrlUse::Link
        };
        if !is_allowed_url(url, usage) {
            warn(at, format!(
                "URL \"{url}\" is not allowed and is left out (use http, https, mailto or a site path)"
            ));
            continue;
        }
        let resolved = links.resolve(url);
        if shipped(resolved.split(['#', '?']).next().unwrap_or_default()) {
            continue;
        }
        if let Some(target) = routes::post_slug(&resolved) {
            if target != slug && !slugs.contains(target) {
                warn(
                    at,
                    format!(
                        "link to \"{url}\" points to no post (no post has the address {})",
                        routes::post(target)
                    ),
                );
            }
        } else if let Some(missing) = missing_site_file(url, shipped) {
            let (what, fate) = if reference.image {
                ("image", " and is left out")
            } else {
                ("linked file", "")
            };
            warn(at, format!("{what} {missing} does not exist{fate}"));
        }
    }
    found
}

/// The 1-based line of `text` that starts with one of `keys` (a front matter key).
pub(crate) fn key_line(text: &str, keys: &[&str]) -> Option<usize> {
    text.lines()
        .position(|l| keys.iter().any(|k| l.starts_with(k)))
        .map(|i| i + 1)
}

/// Front matter keys of other engines that name a post's lead or preview image.
pub(crate) const LEAD_IMAGE_KEYS: &[&str] = &[
    "image",
    "heroImage",
    "coverImage",
    "cover",
    "img",
    "featured_image",
    "header-img",
    "og_image",
];

/// Text of a new post titled `title`, dated `date` (`YYYY-MM-DD`), and the slug its file
/// should be named after.
pub fn new_post(title: &str, date: &str, author: Option<&str>) -> (String, String) {
    let slug = import::url_slug(title);
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut text = format!("---\ntitle: {}\ndate: {date}\n", quote(title));
    if let Some(author) = author {
        text.push_str(&format!("author: {}\n", quote(author)));
    }
    text.push_str("description: \"\"\ntags: []\ndraft: true\n---\n\nWrite your post here.\n");
    (slug, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_core::post::slug_from_file;

    fn src(file: &str, text: &str) -> SourceFile {
        SourceFile {
            path: file.to_string(),
            bytes: text.as_bytes().to_vec(),
            modified: None,
        }
    }

    const AUTHORS: &str = "ann:\n  name: Ann\n";

    fn messages(sources: &[SourceFile]) -> Vec<String> {
        let exists = |path: &str| path == "/images/ok.png";
        check(sources.to_vec(), Some(AUTHORS.to_string()), &exists)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_clean_folder_has_no_findings() {
        let sources = [
            src("a.md", "---\ntitle: A\ndate: 2025-01-01\nauthor: Ann\nimage: /images/ok.png\n---\nSee [b](b.md) and [c](/posts/b#x) and [d](/posts/b/).\n"),
            src("b.md", "---\ntitle: B\ndate: 2025-01-02\n---\n[out](https://example.com) [top](#x)\n"),
        ];
        assert_eq!(messages(&sources), Vec::<String>::new());
    }

    #[test]
    fn reports_each_problem_with_file_and_line() {
        let sources = [
            src("bad-date.md", "---\ntitle: X\ndate: 15/03/2025\n---\n"),
            src("a.md", "---\ntitle: A\ndate: 2025-01-01\nauthor: Anne\nimage: /images/missing.png\n---\n\nSee [gone](gone.md).\n\n![pic](images/nope.png) [js](javascript:x)\n"),
            src("dup.md", "---\ntitle: D\ndate: 2025-01-01\nslug: a\n---\n"),
            src("moji.md", "---\ntitle: M\ndate: 2025-01-01\n---\nitâ€™s\n"),
            src("js.md", "---\ntitle: J\ndate: 2025-01-01\nimage: javascript:alert(1)\n---\n"),
            src("toot.md", "---\ntitle: T\ndate: 2025-01-01\nmastodon: https://mastodon.social/@ana\n---\n"),
            src("talk.md", "---\ntitle: K\ndate: 2025-01-01\ncomments: maybe\n---\n"),
        ];
        assert_eq!(
            messages(&sources),
            [
                "posts/a.md:10: warning: URL \"javascript:x\" is not allowed and is left out (use http, https, mailto or a site path)",
                "posts/a.md:10: warning: image /images/nope.png does not exist and is left out (put it under public/)",
                "posts/a.md:4: warning: author \"Anne\" is not in posts/authors.yaml; did you mean \"Ann\" (ann)?",
                "posts/a.md:5: warning: image /images/missing.png does not exist and is left out (put it under public/)",
                "posts/a.md:8: warning: link to \"gone.md\" points to no post (no post has the address /posts/gone)",
                "posts/bad-date.md:3: error: date \"15/03/2025\" is not a date (expected YYYY-MM-DD or RFC 3339)",
                "posts/dup.md: error: slug \"a\" is already used by posts/a.md",
                "posts/js.md:4: warning: image URL \"javascript:alert(1)\" is not allowed and is left out (use https or a site path)",
                "posts/moji.md:5: warning: text is double-encoded UTF-8 and is shown repaired (\"â€™\" reads \"’\"); re-save the file as UTF-8 to fix it for good",
                "posts/talk.md:4: warning: `comments` is neither true nor false: left out",
                "posts/toot.md:4: warning: mastodon: \"https://mastodon.social/@ana\" is not the address of a post on Mastodon or a server like it (https://server/@user/123…): its replies are not shown as comments",
            ]
        );
    }

    #[test]
    fn new_posts_parse_and_get_a_valid_slug() {
        let (slug, text) = new_post(
            "Ça “marche”: \"quotes\" \\ and more",
            "2025-06-01",
            Some("Ann"),
        );
        assert_eq!(slug, "ca-marche-quotes-and-more");
        let post = Post::parse(&format!("{slug}.md"), &text).unwrap();
        assert_eq!(post.meta.title, "Ça “marche”: “quotes” \\ and more");
        assert_eq!(post.meta.date.iso(), "2025-06-01");
        assert!(post.meta.draft);
        assert_eq!(slug_from_file(&format!("{slug}.md")), slug);
        for (title, want) in [
            ("你好世界", "ni-hao-shi-jie"),
            ("Привет", "privet"),
            ("!!!", "post"),
        ] {
            assert_eq!(new_post(title, "2025-06-01", None).0, want);
        }
    }
}
