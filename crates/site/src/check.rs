//! `check`: everything that can be wrong with a folder of posts, as `file:line: message`.
//!
//! Pure: the caller supplies the files' text and a way to ask whether a site file exists, so
//! the same rules run in the command-line tool and in tests.

use std::collections::HashSet;
use std::fmt;

use crate::import::{self, missing_site_file, Imported, SourceFile};
use blog_core::author;
use blog_core::encoding::repair_mojibake;
use blog_core::front_matter;
use blog_core::index::{BuildOptions, PostIndex};
use blog_core::markdown::{self, LinkContext};
use blog_core::post::Post;
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

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Checks every post of a blog and the registry, reporting every problem of every post.
/// Posts are imported as `blogtool publish` imports them (any engine's format), so what is
/// checked is what will be published. `site_file_exists` answers whether a site path such
/// as `/images/x.png` is shipped (under `public/`); `post_file_exists` whether a path under
/// `posts/` is a file (bundle resources).
///
/// Errors are what keeps a post from publishing (front matter that cannot be read, a
/// duplicate address, a broken registry); everything else a reader would notice (missing
/// images, dead links, dropped template syntax, repaired encodings) is a warning: the post
/// still reads.
pub fn check(
    files: &[SourceFile],
    authors_yaml: Option<&str>,
    site_file_exists: &dyn Fn(&str) -> bool,
    post_file_exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    let imports = import::import_all(files, post_file_exists);
    check_imported(files, &imports, authors_yaml, site_file_exists)
}

/// [`check`] on posts imported already (`imports`: [`import::import_all`]'s results for
/// `files`, in order): a build's own import (`blogtool check` reads and imports the blog
/// as `blogtool build` does, with [`crate::publish::load`]).
pub fn check_imported(
    files: &[SourceFile],
    imports: &[Result<Imported, blog_core::error::PostError>],
    authors_yaml: Option<&str>,
    site_file_exists: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let error = |message: String| Diagnostic {
        severity: Severity::Error,
        message,
    };
    let warning = |message: String| Diagnostic {
        severity: Severity::Warning,
        message,
    };
    let imported: Vec<&Imported> = imports
        .iter()
        .filter_map(|result| {
            result
                .as_ref()
                .map_err(|e| found.push(error(e.to_string())))
                .ok()
        })
        .collect();
    // Slugs, duplicates and the registry: the same rules the build applies.
    let writing = BuildOptions {
        include_drafts: true,
        now: None,
        mark_after: None,
    };
    let sources: Vec<(String, String)> = imported
        .iter()
        .map(|p| (p.path.clone(), p.text.clone()))
        .collect();
    let manifest = PostIndex::build(&sources, authors_yaml, writing);
    found.extend(manifest.problems.iter().map(|p| error(p.message.clone())));
    let registry_warnings = authors_yaml.map(author::registry_warnings);
    found.extend(registry_warnings.into_iter().flatten().map(warning));
    let registry = authors_yaml.map(|y| author::parse_registry(y).unwrap_or_default());
    let slugs: HashSet<&str> = manifest.posts.iter().map(|p| p.slug.as_str()).collect();

    for post in &imported {
        let shown = format!("posts/{}", post.path);
        let place = |line: Option<usize>| match line {
            Some(line) => format!("{shown}:{line}"),
            None => shown.clone(),
        };
        for note in &post.notes {
            found.push(warning(format!("{}: {}", place(note.line), note.message)));
        }
        let original = files
            .iter()
            .find(|f| f.path == post.path)
            .map(|f| import::decode_text(&f.bytes))
            .unwrap_or_default();
        let text = repair_mojibake(&original);
        if let Some(line) = first_changed_line(&original, &text) {
            let (before, after) = sample_repair(&original, &text);
            found.push(warning(format!(
                "{shown}:{line}: text is double-encoded UTF-8 and is shown repaired (\"{before}\" reads \"{after}\"); re-save the file as UTF-8 to fix it for good"
            )));
        }
        let Ok(parsed) = Post::parse(&post.path, &post.text) else {
            continue; // Already reported through the manifest's problems.
        };
        let key_line = |keys: &[&str]| {
            original
                .lines()
                .position(|l| keys.iter().any(|k| l.starts_with(k)))
                .map(|i| i + 1)
        };
        // An author missing from the registry gets a card from the post's own words; only
        // a name close to a registered one (a typo) is worth a word.
        for byline in &parsed.meta.authors {
            let registry = registry.as_deref().unwrap_or_default();
            if author::find(registry, byline).is_some() {
                continue;
            }
            let close = registry.iter().find(|a| {
                let similar = |x: &str| {
                    strsim::normalized_levenshtein(&x.to_lowercase(), &byline.to_lowercase())
                        >= 0.75
                };
                similar(&a.name) || similar(&a.id)
            });
            if let Some(close) = close {
                found.push(warning(format!(
                    "{}: author \"{byline}\" is not in posts/authors.yaml; did you mean \"{}\" ({})?",
                    place(key_line(&["author"])),
                    close.name,
                    close.id
                )));
            }
        }
        let image_line = key_line(&[
            "image",
            "heroImage",
            "coverImage",
            "cover",
            "img",
            "featured_image",
            "header-img",
        ]);
        let Ok(split) = front_matter::split(&post.text) else {
            continue;
        };
        // The images as written: the post keeps only those the URL policy allows.
        let fm = front_matter::parse(&shown, split.yaml, split.yaml_first_line).ok();
        for image in fm
            .iter()
            .flat_map(|fm| fm.image.iter().chain(fm.og_image.iter()))
        {
            if !is_allowed_url(image, UrlUse::Image) {
                found.push(warning(format!(
                    "{}: image URL \"{image}\" is not allowed and is left out (use https or a site path)",
                    place(image_line)
                )));
            } else if let Some(missing) = missing_site_file(image, site_file_exists) {
                found.push(warning(format!(
                    "{}: image {missing} does not exist and is left out (put it under public/)",
                    place(image_line)
                )));
            }
        }
        let links = LinkContext::for_post("/", &parsed.meta.slug);
        let published: HashSet<String> = post
            .resources
            .iter()
            .map(|(_, name)| routes::post_file(&parsed.meta.slug, name))
            .collect();
        for (offset, element) in markdown::removed_html(split.body) {
            let text_line = split.body_first_line + line_of(split.body, offset) - 1;
            found.push(warning(format!(
                "{}: <{element}> is left out: posts cannot run code or load other sites' pages",
                place(post.original_line(text_line))
            )));
        }
        for reference in markdown::references(split.body) {
            let text_line = split.body_first_line + line_of(split.body, reference.offset) - 1;
            let line = post.original_line(text_line);
            let usage = if reference.image {
                UrlUse::Image
            } else {
                UrlUse::Link
            };
            if reference.url.starts_with("http://") && reference.image {
                found.push(warning(format!(
                    "{}: image \"{}\" is loaded over https instead (the page's policy blocks http); check that the host serves it",
                    place(line),
                    reference.url
                )));
                continue;
            }
            if !is_allowed_url(&reference.url, usage) {
                found.push(warning(format!(
                    "{}: URL \"{}\" is not allowed and is left out (use http, https, mailto or a site path)",
                    place(line),
                    reference.url
                )));
                continue;
            }
            let resolved = links.resolve(&reference.url);
            if published.contains(resolved.split(['#', '?']).next().unwrap_or_default()) {
                continue;
            }
            if let Some(target) = routes::post_slug(&resolved) {
                if target != parsed.meta.slug && !slugs.contains(target) {
                    found.push(warning(format!(
                        "{}: link to \"{}\" points to no post (no post has the address {})",
                        place(line),
                        reference.url,
                        routes::post(target)
                    )));
                }
            } else if let Some(missing) = missing_site_file(&reference.url, site_file_exists) {
                let what = if reference.image {
                    "image"
                } else {
                    "linked file"
                };
                let fate = if reference.image {
                    " and is left out"
                } else {
                    ""
                };
                found.push(warning(format!(
                    "{}: {what} {missing} does not exist{fate}",
                    place(line)
                )));
            }
        }
    }
    found.sort_by(|a, b| a.message.cmp(&b.message).then(a.severity.cmp(&b.severity)));
    found.dedup();
    found
}

fn first_changed_line(original: &str, repaired: &str) -> Option<usize> {
    if original == repaired {
        return None;
    }
    original
        .lines()
        .zip(repaired.lines())
        .position(|(a, b)| a != b)
        .map(|i| i + 1)
}

/// The first differing run of characters, before and after repair, for the message.
fn sample_repair(original: &str, repaired: &str) -> (String, String) {
    let common = original
        .chars()
        .zip(repaired.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let before: String = original.chars().skip(common).take(3).collect();
    let after: String = repaired.chars().skip(common).take(1).collect();
    (before, after)
}

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
        check(sources, Some(AUTHORS), &exists, &|_| false)
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
        ];
        assert_eq!(
            messages(&sources),
            [
                "posts/a.md:10: warning: URL \"javascript:x\" is not allowed and is left out (use http, https, mailto or a site path)",
                "posts/a.md:10: warning: image /images/nope.png does not exist and is left out",
                "posts/a.md:4: warning: author \"Anne\" is not in posts/authors.yaml; did you mean \"Ann\" (ann)?",
                "posts/a.md:5: warning: image /images/missing.png does not exist and is left out (put it under public/)",
                "posts/a.md:8: warning: link to \"gone.md\" points to no post (no post has the address /posts/gone)",
                "posts/bad-date.md:3: error: date \"15/03/2025\" is not a date (expected YYYY-MM-DD or RFC 3339)",
                "posts/dup.md: error: slug \"a\" is already used by posts/a.md",
                "posts/js.md:4: warning: image URL \"javascript:alert(1)\" is not allowed and is left out (use https or a site path)",
                "posts/moji.md:5: warning: text is double-encoded UTF-8 and is shown repaired (\"â€™\" reads \"’\"); re-save the file as UTF-8 to fix it for good",
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
