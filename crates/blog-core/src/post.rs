//! A post: front matter and rendered body, parsed from the text of one Markdown file.

use serde::{Deserialize, Serialize};

use crate::date::PostDate;
use crate::encoding::repair_mojibake;
use crate::error::{ErrorKind, PostError};
use crate::front_matter;
use crate::markdown::{self, Heading, LinkContext};
use crate::routes;
use crate::slug::is_valid_slug;
use crate::url::{is_allowed_url, UrlUse};

/// Everything about a post except its body: what the article list and the post index need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMeta {
    /// URL slug: `/posts/<slug>`.
    pub slug: String,
    /// File name inside `posts/`, which the browser fetches.
    pub file: String,
    /// Title.
    pub title: String,
    /// Publication date.
    pub date: PostDate,
    /// Last update, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<PostDate>,
    /// The front matter's description, or an excerpt of the first paragraph.
    pub description: String,
    /// Lead image path or URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The lead image's alternative text (empty: decorative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// Caption under the lead image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_caption: Option<String>,
    /// Image for link previews when it is not the lead image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub og_image: Option<String>,
    /// Author ids or names as written in the front matter.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Topic tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Categories, a second taxonomy with pages like tags'.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The series the post belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Estimated reading time in minutes.
    pub reading_minutes: u32,
    /// Whether the post is a draft.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Whether the post is dated in the future and kept only because this is a preview
    /// (`blogtool serve`); published builds leave such posts out, so never carry it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scheduled: bool,
    /// When the post leaves published builds, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<PostDate>,
    /// Old site paths of the post, each published as a redirect page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The post's language (`zh`), when it says; pages mark the article with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The same post in other languages, as `(language, slug)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<(String, String)>,
    /// Pinned first in the list and marked "Featured".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
    /// Whether the post asks for a table of contents (`toc`, PaperMod's `ShowToc`); `None`
    /// shows one for three or more sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toc: Option<bool>,
}

/// A fully parsed post. Serializable: the browser app receives it from the post reader,
/// the separately loaded WebAssembly module that parses Markdown (`crates/parser`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Front matter and derived figures.
    pub meta: PostMeta,
    /// The body as HTML.
    pub html: String,
    /// The body's headings.
    pub headings: Vec<Heading>,
    /// Whether the description is taken from the body (its first paragraph, or the text
    /// before `<!--more-->`), so a page showing the body does not show it a second time.
    pub description_in_body: bool,
    /// `comments: false`: no comments under this post, whatever the site has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<bool>,
    /// The post's announcement on Mastodon (`mastodon:`), whose replies are its comments
    /// when they come from Mastodon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mastodon: Option<String>,
}

/// The form of [`Post`] the post reader (`crates/parser`) answers the app with. Raised when
/// that form changes, so an app and a reader from different deploys (a tab opened before
/// one) notice instead of misreading each other.
pub const POST_FORMAT: u32 = 1;

/// Hugo's and Jekyll's excerpt separator.
const MORE: &str = "<!--more-->";

/// The slug a file name gives: `hello-world.md` → `hello-world`.
pub fn slug_from_file(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".md").unwrap_or(name)
}

impl Post {
    /// Parses a post. `file` is the file name inside `posts/` (`hello.md`); it names the post
    /// in errors and gives the slug when the front matter has none.
    ///
    /// Double-encoded UTF-8 is repaired first, so titles and body read as the author meant.
    pub fn parse(file: &str, source: &str) -> Result<Post, PostError> {
        Post::parse_at(file, source, "/")
    }

    /// Parses a post shown on a site under `base` (`/` or `/blog/`), which its links and
    /// images are resolved against.
    pub fn parse_at(file: &str, source: &str, base: &str) -> Result<Post, PostError> {
        Post::parse_rendering(file, &repair_mojibake(source), base, |body, links, _| {
            (markdown::render_at(body, links), ())
        })
        .map(|(post, ())| post)
    }

    /// [`Post::parse_at`], also returning what `check` reports of the post, from the same
    /// parse and render (native tools: a build reads each post once).
    pub fn parse_checked(
        file: &str,
        source: &str,
        base: &str,
    ) -> Result<(Post, Checked), PostError> {
        let repaired = repair_mojibake(source);
        let repair = first_repair(source, &repaired);
        Post::parse_rendering(file, &repaired, base, |body, links, read| {
            let (rendered, noticed) = markdown::render_noticing(body, links);
            // `<!--more-->`, the only text cut from the body, holds no line break: lines
            // counted in what was rendered are lines of the post.
            let line = |offset: usize| {
                read.body_first_line
                    + body.as_bytes()[..offset.min(body.len())]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
            };
            let checked = Checked {
                references: noticed
                    .references
                    .into_iter()
                    .map(|r| (line(r.offset), r))
                    .collect(),
                removed_html: noticed
                    .removed_html
                    .into_iter()
                    .map(|(offset, element)| (line(offset), element))
                    .collect(),
                images: read
                    .front_matter
                    .image
                    .iter()
                    .chain(&read.front_matter.og_image)
                    .cloned()
                    .collect(),
                repair: None,
            };
            (rendered, checked)
        })
        .map(|(post, checked)| (post, Checked { repair, ..checked }))
    }

    /// Parses a post, its double-encoded UTF-8 repaired already (`source`), whose body
    /// `render(body, links, what was read)` renders, returning what `render` returns besides
    /// the rendered body.
    fn parse_rendering<T>(
        file: &str,
        source: &str,
        base: &str,
        render: impl FnOnce(&str, &LinkContext, &Read<'_>) -> (markdown::Rendered, T),
    ) -> Result<(Post, T), PostError> {
        let shown = format!("posts/{file}");
        let split = front_matter::split(source).map_err(|kind| PostError {
            file: shown.clone(),
            line: None,
            kind,
        })?;
        let fm = front_matter::parse(&shown, split.yaml, split.yaml_first_line)?;
        let slug = fm
            .slug
            .clone()
            .unwrap_or_else(|| slug_from_file(file).to_string());
        if !is_valid_slug(&slug) {
            return Err(PostError {
                file: shown,
                line: None,
                kind: ErrorKind::BadSlug(slug),
            });
        }
        // A page's source is named by its site path (`/about/index.md`): its links are the
        // page's, not a post's.
        let links = match routes::page_of_source(file) {
            Some(page) => LinkContext::for_page(base, page),
            None => LinkContext::for_post(base, &slug),
        };
        // Hugo's and Jekyll's excerpt separator: what comes before it is the summary.
        // Found from its `<` (a byte search): a substring search over every body cost a
        // twentieth of the whole pipeline.
        let more = split
            .body
            .match_indices('<')
            .map(|(at, _)| at)
            .find(|&at| split.body[at..].starts_with(MORE));
        let (body, summary) = match more {
            Some(cut) => {
                let before = &split.body[..cut];
                let excerpt = markdown::summary_text(before);
                let body = format!("{before}{}", &split.body[cut + MORE.len()..]);
                (std::borrow::Cow::Owned(body), Some(excerpt))
            }
            None => (std::borrow::Cow::Borrowed(split.body), None),
        };
        let read = Read {
            front_matter: &fm,
            body_first_line: split.body_first_line,
        };
        let (rendered, extra) = render(&body, &links, &read);
        let reading_minutes = rendered.reading_minutes();
        let description_in_body = fm.description.is_none();
        Ok((
            Post {
                meta: PostMeta {
                    slug,
                    file: file.to_string(),
                    title: markdown::smart_punctuation(&fm.title),
                    date: fm.date,
                    updated: fm.updated,
                    description: fm
                        .description
                        .or(summary.filter(|s| !s.is_empty()))
                        .unwrap_or(rendered.excerpt),
                    // A lead image must pass the same URL policy as images in the body.
                    image: fm.image.filter(|i| is_allowed_url(i, UrlUse::Image)),
                    image_alt: fm.image_alt,
                    image_caption: fm.image_caption,
                    og_image: fm.og_image.filter(|i| is_allowed_url(i, UrlUse::Image)),
                    authors: fm.authors,
                    tags: fm.tags,
                    categories: fm.categories,
                    series: fm.series,
                    reading_minutes,
                    draft: fm.draft,
                    scheduled: false,
                    expires: fm.expires,
                    aliases: fm.aliases,
                    lang: fm.lang,
                    translations: fm
                        .translations
                        .iter()
                        .filter_map(|t| t.split_once(':'))
                        .map(|(lang, slug)| (lang.to_string(), slug.to_string()))
                        .collect(),
                    featured: fm.featured,
                    toc: fm.toc,
                },
                html: rendered.html,
                headings: rendered.headings,
                description_in_body,
                comments: fm.comments,
                mastodon: fm.mastodon.clone(),
            },
            extra,
        ))
    }
}

/// What [`Post::parse_rendering`] read of a post before rendering its body.
struct Read<'a> {
    front_matter: &'a front_matter::FrontMatter,
    /// 1-based line of the post's text where the body starts.
    body_first_line: usize,
}

/// What `check` reports of a post, noticed while it was parsed and rendered
/// ([`Post::parse_checked`]). Lines are 1-based lines of the text parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// Every link and image URL of the body as written, with its line.
    pub references: Vec<(usize, markdown::Reference)>,
    /// Raw HTML elements the page leaves out, with the line of the HTML they are in.
    pub removed_html: Vec<(usize, String)>,
    /// The lead and preview images as the front matter wrote them (the post keeps only
    /// those the URL policy allows).
    pub images: Vec<String>,
    /// Double-encoded UTF-8 that was repaired: its first line, and a sample of the text
    /// before (three characters) and after (one).
    pub repair: Option<(usize, String, String)>,
}

/// Where `repaired` (the text after [`repair_mojibake`]) first differs from `original`: the
/// line, and the first differing characters before and after, for `check`'s message.
fn first_repair(original: &str, repaired: &str) -> Option<(usize, String, String)> {
    if original == repaired {
        return None;
    }
    let line = original
        .lines()
        .zip(repaired.lines())
        .position(|(a, b)| a != b)?
        + 1;
    let common = original
        .chars()
        .zip(repaired.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let before: String = original.chars().skip(common).take(3).collect();
    let after: String = repaired.chars().skip(common).take(1).collect();
    Some((line, before, after))
}

/// Whether a fetched "post" is really an HTML page: static hosts with an SPA fallback answer
/// a missing `.md` with `index.html` and status 200.
pub fn looks_like_html_page(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = start
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_post_and_derives_what_the_list_needs() {
        let post = Post::parse(
            "hello-world.md",
            "---\ntitle: Hello\ndate: 2025-01-02\n---\n\nFirst words of the post.\n\n## Part\n",
        )
        .unwrap();
        assert_eq!(post.meta.slug, "hello-world");
        assert_eq!(post.meta.description, "First words of the post.");
        assert_eq!(post.meta.reading_minutes, 1);
        assert_eq!(post.headings.len(), 1);
        assert!(post.html.contains(
            "<h2 id=\"part\">Part <a class=\"heading-anchor\" href=\"/posts/hello-world#part\""
        ));
    }

    #[test]
    fn repairs_mojibake_in_title_and_body() {
        let post = Post::parse(
            "x.md",
            "---\ntitle: Pythonâ€”Node\ndate: 2025-01-02\n---\nitâ€™s ðŸ‘‰\n",
        )
        .unwrap();
        assert_eq!(post.meta.title, "Python—Node");
        assert!(post.html.contains("it’s 👉"), "{}", post.html);
    }

    #[test]
    fn rejects_unusable_slugs_naming_the_file() {
        let err = Post::parse(
            "x.md",
            "---\ntitle: T\ndate: 2025-01-02\nslug: ../etc\n---\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "posts/x.md: slug \"../etc\" is not usable in a URL (use lowercase letters, digits and hyphens)"
        );
    }

    #[test]
    fn recognises_an_html_fallback_page() {
        assert!(looks_like_html_page("<!DOCTYPE html><html>"));
        assert!(looks_like_html_page("\n  <html lang=en>"));
        assert!(!looks_like_html_page("---\ntitle: <html> tricks\n---"));
    }
}
