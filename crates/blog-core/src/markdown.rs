//! Markdown to HTML: the one place that configures pulldown-cmark and post-processes its events.
//!
//! Everything the site renders goes through [`render`], in the browser and in native tools, so
//! a post looks the same wherever it is turned into HTML.

use std::collections::HashMap;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::slug::slugify;
use crate::url::{is_allowed_url, UrlUse};

/// Words per minute used for reading time; a common figure for screen reading.
const WORDS_PER_MINUTE: usize = 200;
/// Longest excerpt taken from the first paragraph when a post has no description.
const EXCERPT_CHARS: usize = 180;

/// The pulldown-cmark options every render uses: GitHub-flavoured tables, footnotes,
/// strikethrough and task lists, smart punctuation, and `{#id .class}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One heading of a rendered post, for tables of contents and permalinks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, and so on.
    pub level: u8,
    /// The `id` attribute the heading got, unique within the post.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// A post body rendered to HTML, with what was learnt while rendering it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML of the body.
    pub html: String,
    /// Every heading in document order.
    pub headings: Vec<Heading>,
    /// Number of words of prose and code, for reading time.
    pub words: usize,
    /// Plain text of the first paragraph, shortened to about [`EXCERPT_CHARS`] characters.
    pub excerpt: String,
}

impl Rendered {
    /// Estimated minutes to read, at least one.
    pub fn reading_minutes(&self) -> u32 {
        let minutes = self.words.div_ceil(WORDS_PER_MINUTE).max(1);
        u32::try_from(minutes).unwrap_or(u32::MAX)
    }
}

/// Renders Markdown to HTML.
///
/// Raw HTML in the source is shown as text, not interpreted, and links or images whose URL
/// is not allowed by [`is_allowed_url`] keep their text but lose the URL: a post can never
/// run script in the reader's browser.
pub fn render(markdown: &str) -> Rendered {
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let headings = assign_heading_ids(&mut events);
    let (words, excerpt) = measure(&events);
    let events = neutralise(events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
        words,
        excerpt,
    }
}

/// Gives every heading a unique id (the author's `{#id}` if given, else a slug of its text)
/// and returns the headings.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let level = *level as u8;
        let given = id.as_ref().map(|s| s.to_string());
        let mut text = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j] {
                text.push_str(t);
            }
            j += 1;
        }
        let base = given
            .map(|g| slugify(&g))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(&text));
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let unique = unique_id(&mut used, base);
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(CowStr::from(unique.clone()));
        }
        headings.push(Heading {
            level,
            id: unique,
            text,
        });
        i = j;
    }
    headings
}

/// Returns `base`, or `base-1`, `base-2`… if already used.
fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let mut candidate = base.clone();
    while let Some(count) = used.get_mut(&candidate) {
        *count += 1;
        candidate = format!("{base}-{}", *count - 1);
    }
    used.insert(candidate.clone(), 1);
    candidate
}

/// Counts words and captures the first paragraph's text.
fn measure(events: &[Event<'_>]) -> (usize, String) {
    let mut words = 0;
    let mut excerpt = String::new();
    let mut in_first_paragraph = false;
    let mut first_done = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) if !first_done => in_first_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_first_paragraph => {
                in_first_paragraph = false;
                first_done = true;
            }
            Event::Text(t) | Event::Code(t) => {
                words += t.split_whitespace().count();
                if in_first_paragraph {
                    excerpt.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph => excerpt.push(' '),
            _ => {}
        }
    }
    (words, shorten(&excerpt, EXCERPT_CHARS))
}

/// Shortens `text` to at most `max` characters at a word boundary, adding an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    )
}

/// Turns raw HTML into visible text and strips disallowed link and image URLs.
fn neutralise(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // For every open link or image: whether its start tag was dropped, so the end is too.
    let mut dropped: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            // Block HTML shown as text needs a block around it.
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let allowed = is_allowed_url(dest_url, UrlUse::Link);
                dropped.push(!allowed);
                if allowed {
                    out.push(event);
                }
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                let allowed = is_allowed_url(dest_url, UrlUse::Image);
                dropped.push(!allowed);
                if allowed {
                    out.push(event);
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions_posts_use() {
        let cases = [
            ("| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>"),
            ("~~gone~~", "<del>gone</del>"),
            ("- [x] done\n- [ ] todo\n", "type=\"checkbox\""),
            ("Text[^1].\n\n[^1]: Note.\n", "footnote-definition"),
            ("\"quoted\" it's", "“quoted” it’s"),
        ];
        for (input, needle) in cases {
            let html = render(input).html;
            assert!(html.contains(needle), "{input:?} gave {html}");
        }
    }

    #[test]
    fn gives_headings_unique_ids() {
        let r = render("# Intro\n\n## Intro\n\n## Intro\n\n### Custom {#mine}\n\n## !!!\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["intro", "intro-1", "intro-2", "mine", "section"]);
        assert!(
            r.html.contains("<h2 id=\"intro-1\">Intro</h2>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn shows_raw_html_as_text() {
        let html = render("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>").html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn drops_disallowed_urls_but_keeps_their_text() {
        let html = render("[click](javascript:alert(1)) and ![pic](JaVaScRiPt:x)").html;
        assert!(!html.to_ascii_lowercase().contains("javascript"), "{html}");
        assert!(html.contains("click") && html.contains("pic"), "{html}");
        let ok = render("[site](https://example.com)").html;
        assert!(ok.contains("href=\"https://example.com\""), "{ok}");
    }

    #[test]
    fn counts_words_and_takes_an_excerpt() {
        let body = format!(
            "# Title\n\nFirst paragraph here.\n\n{}",
            "word ".repeat(450)
        );
        let r = render(&body);
        assert_eq!(r.excerpt, "First paragraph here.");
        assert_eq!(r.reading_minutes(), 3);
        assert_eq!(render("").reading_minutes(), 1);
    }

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("short", 12), "short");
    }
}
