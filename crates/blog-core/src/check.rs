//! `check`: everything that can be wrong with a folder of posts, as `file:line: message`.
//!
//! Pure: the caller supplies the files' text and a way to ask whether a site file exists, so
//! the same rules run in the command-line tool and in tests.

use std::collections::HashSet;
use std::fmt;

use crate::author;
use crate::encoding::repair_mojibake;
use crate::front_matter;
use crate::manifest::{BuildOptions, Manifest};
use crate::markdown::{self, LinkContext};
use crate::post::Post;
use crate::url::{is_allowed_url, UrlUse};

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
        match self.severity {
            Severity::Error => f.write_str(&self.message),
            Severity::Warning => match self.message.split_once(": ") {
                Some((place, rest)) => write!(f, "{place}: warning: {rest}"),
                None => write!(f, "warning: {}", self.message),
            },
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

/// Checks posts (`(file name, text)`) and the registry. `site_file_exists` answers whether a
/// site path such as `/images/x.png` is shipped (i.e. exists under `public/`).
pub fn check(
    sources: &[(String, String)],
    authors_yaml: Option<&str>,
    site_file_exists: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let error = |message: String| Diagnostic {
        severity: Severity::Error,
        message,
    };
    // Front matter, slugs, duplicates and the registry: the same rules the build applies.
    let writing = BuildOptions {
        include_drafts: true,
        now: None,
    };
    let manifest = Manifest::build(sources, authors_yaml, writing);
    found.extend(manifest.problems.iter().map(|p| error(p.message.clone())));
    let registry = authors_yaml.map(|y| author::parse_registry(y).unwrap_or_default());
    let slugs: HashSet<&str> = manifest.posts.iter().map(|p| p.slug.as_str()).collect();

    for (file, original) in sources {
        let shown = format!("posts/{file}");
        let text = repair_mojibake(original);
        if let Some(line) = first_changed_line(original, &text) {
            let (before, after) = sample_repair(original, &text);
            found.push(Diagnostic {
                severity: Severity::Warning,
                message: format!(
                    "{shown}:{line}: text is double-encoded UTF-8 and is shown repaired (\"{before}\" reads \"{after}\"); re-save the file as UTF-8 to fix it for good"
                ),
            });
        }
        let Ok(post) = Post::parse(file, original) else {
            continue; // Already reported through the manifest's problems.
        };
        let Ok(split) = front_matter::split(&text) else {
            continue;
        };
        let key_line = |key: &str| {
            split
                .yaml
                .lines()
                .position(|l| l.starts_with(key))
                .map_or(1, |i| i + split.yaml_first_line)
        };
        if let Some(registry) = &registry {
            for byline in &post.meta.authors {
                if author::find(registry, byline).is_none() {
                    found.push(error(format!(
                        "{shown}:{}: author \"{byline}\" is not in posts/authors.yaml",
                        key_line("author")
                    )));
                }
            }
        } else if !post.meta.authors.is_empty() {
            found.push(error(format!(
                "{shown}:{}: names an author but there is no posts/authors.yaml",
                key_line("author")
            )));
        }
        let written_image = front_matter::parse(&shown, split.yaml, split.yaml_first_line)
            .ok()
            .and_then(|fm| fm.image);
        if let Some(image) = written_image.filter(|i| !is_allowed_url(i, UrlUse::Image)) {
            found.push(error(format!(
                "{shown}:{}: image URL \"{image}\" is not allowed (use http, https or a site path)",
                key_line("image")
            )));
        }
        if let Some(image) = &post.meta.image {
            if let Some(missing) = missing_site_file(image, site_file_exists) {
                found.push(error(format!(
                    "{shown}:{}: image {missing} does not exist (put it under public/)",
                    key_line("image")
                )));
            }
        }
        let links = LinkContext::for_post("/", &post.meta.slug);
        for reference in markdown::references(split.body) {
            let line = split.body_first_line + line_of(split.body, reference.offset) - 1;
            let usage = if reference.image {
                UrlUse::Image
            } else {
                UrlUse::Link
            };
            if !is_allowed_url(&reference.url, usage) {
                found.push(error(format!(
                    "{shown}:{line}: URL \"{}\" is not allowed (use http, https, mailto or a site path)",
                    reference.url
                )));
                continue;
            }
            let resolved = links.resolve(&reference.url);
            if let Some(target) = resolved.strip_prefix("/posts/") {
                let target = target.split(['#', '?']).next().unwrap_or_default();
                if !target.is_empty() && target != post.meta.slug && !slugs.contains(target) {
                    found.push(error(format!(
                        "{shown}:{line}: link to \"{}\" points to no post (no post has the slug \"{target}\")",
                        reference.url
                    )));
                }
            } else if let Some(missing) = missing_site_file(&reference.url, site_file_exists) {
                let what = if reference.image {
                    "image"
                } else {
                    "linked file"
                };
                found.push(error(format!(
                    "{shown}:{line}: {what} {missing} does not exist"
                )));
            }
        }
    }
    found.sort_by(|a, b| a.message.cmp(&b.message).then(a.severity.cmp(&b.severity)));
    found.dedup();
    found
}

/// For a local path (not a URL, not a fragment, not a post), the site path that is missing.
fn missing_site_file(url: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
    if url.starts_with('#') || url.contains(':') || url.starts_with("//") {
        return None;
    }
    let resolved = LinkContext::for_post("/", "x").resolve(url);
    let path = resolved.split(['#', '?']).next().unwrap_or_default();
    (!path.is_empty() && path != "/" && !exists(path)).then(|| path.to_string())
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
    let slug = crate::slug::ascii_slug(title);
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
    use crate::post::slug_from_file;

    fn src(file: &str, text: &str) -> (String, String) {
        (file.to_string(), text.to_string())
    }

    const AUTHORS: &str = "ann:\n  name: Ann\n";

    fn messages(sources: &[(String, String)]) -> Vec<String> {
        let exists = |path: &str| path == "/images/ok.png";
        check(sources, Some(AUTHORS), &exists)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_clean_folder_has_no_findings() {
        let sources = [
            src("a.md", "---\ntitle: A\ndate: 2025-01-01\nauthor: Ann\nimage: /images/ok.png\n---\nSee [b](b.md) and [c](/posts/b#x).\n"),
            src("b.md", "---\ntitle: B\ndate: 2025-01-02\n---\n[out](https://example.com) [top](#x)\n"),
        ];
        assert_eq!(messages(&sources), Vec::<String>::new());
    }

    #[test]
    fn reports_each_problem_with_file_and_line() {
        let sources = [
            src("bad-date.md", "---\ntitle: X\ndate: 15/03/2025\n---\n"),
            src("a.md", "---\ntitle: A\ndate: 2025-01-01\nauthor: Zed\nimage: /images/missing.png\n---\n\nSee [gone](gone.md).\n\n![pic](images/nope.png) [js](javascript:x)\n"),
            src("dup.md", "---\ntitle: D\ndate: 2025-01-01\nslug: a\n---\n"),
            src("moji.md", "---\ntitle: M\ndate: 2025-01-01\n---\nitâ€™s\n"),
            src("js.md", "---\ntitle: J\ndate: 2025-01-01\nimage: javascript:alert(1)\n---\n"),
        ];
        assert_eq!(
            messages(&sources),
            [
                "posts/a.md:10: URL \"javascript:x\" is not allowed (use http, https, mailto or a site path)",
                "posts/a.md:10: image /images/nope.png does not exist",
                "posts/a.md:4: author \"Zed\" is not in posts/authors.yaml",
                "posts/a.md:5: image /images/missing.png does not exist (put it under public/)",
                "posts/a.md:8: link to \"gone.md\" points to no post (no post has the slug \"gone\")",
                "posts/bad-date.md:3: date \"15/03/2025\" is not a date (expected YYYY-MM-DD or RFC 3339)",
                "posts/dup.md: slug \"a\" is already used by posts/a.md",
                "posts/js.md:4: image URL \"javascript:alert(1)\" is not allowed (use http, https or a site path)",
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
        assert_eq!(post.meta.title, "Ça “marche”: \"quotes\" \\ and more");
        assert_eq!(post.meta.date.iso(), "2025-06-01");
        assert!(post.meta.draft);
        assert_eq!(slug_from_file(&format!("{slug}.md")), slug);
    }
}
