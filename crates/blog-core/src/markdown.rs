//! Markdown to HTML: the one place that configures pulldown-cmark and post-processes its events.
//!
//! Everything the site renders goes through [`render`], in the browser and in native tools, so
//! a post looks the same wherever it is turned into HTML.

use std::collections::HashMap;

use pulldown_cmark::{
    html, BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd,
};

use crate::highlight;
use crate::routes::{self, under_base};
use crate::sanitize::{Piece, Sanitizer};

use crate::slug::slugify;
use crate::url::{is_allowed_url, UrlUse};

/// Words per minute used for reading time; a common figure for screen reading.
const WORDS_PER_MINUTE: usize = 200;
/// Longest excerpt taken from the first paragraph when a post has no description.
const EXCERPT_CHARS: usize = 180;

/// The pulldown-cmark options every render uses: GitHub-flavoured tables, footnotes,
/// strikethrough, task lists and alerts (`> [!NOTE]`), smart punctuation, and
/// `{#id .class}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One heading of a rendered post, for tables of contents and permalinks.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Where a post is published, so its links can be made absolute: links and images must work
/// whether the site lives at `/` or under a sub-path, and `#fragment` links must survive the
/// page's `<base href>`, which would otherwise point them at the home page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkContext {
    /// The site's base path, `/` or `/blog/`.
    pub base: String,
    /// The path of the page the HTML will be shown on, e.g. `/blog/posts/hello`.
    pub page: String,
}

/// A code block's copy button as rendered, in the engine's words: the page showing the
/// post puts the site's in ([`crate::i18n::Strings::localize_body`]), so the post's HTML
/// is the same whatever the language, and the reader in the browser needs no table.
pub const COPY_BUTTON: &str = "<button type=\"button\" class=\"copy-code\">Copy</button>";
/// A done task list item's checkbox, as rendered (see [`COPY_BUTTON`]).
pub const TASK_DONE: &str = "<input type=\"checkbox\" disabled checked aria-label=\"Done\">";
/// An open task list item's checkbox, as rendered (see [`COPY_BUTTON`]).
pub const TASK_OPEN: &str = "<input type=\"checkbox\" disabled aria-label=\"Not done\">";

impl LinkContext {
    /// The context for a post with this slug on a site under `base`.
    pub fn for_post(base: &str, slug: &str) -> LinkContext {
        LinkContext {
            base: base.to_string(),
            page: under_base(base, &routes::post(slug)),
        }
    }

    /// The context for one of the blog's pages, at site path `path` (`/about/`).
    pub fn for_page(base: &str, path: &str) -> LinkContext {
        LinkContext {
            base: base.to_string(),
            page: under_base(base, path),
        }
    }

    /// Resolves a link or image URL written in a post.
    ///
    /// - `#part` → this page's path plus the fragment;
    /// - `http(s):`, `mailto:` and `//host` URLs are kept as written;
    /// - `other-post.md` (optionally `#part`) → that post's address;
    /// - any other path, with or without a leading `/`, `./` or `../`, is taken from the site
    ///   root: `images/x.png` and `/images/x.png` both become `<base>images/x.png`.
    pub fn resolve(&self, url: &str) -> String {
        if url.starts_with('#') {
            return format!("{}{url}", self.page);
        }
        if is_external(url) || url.contains(':') {
            return url.to_string();
        }
        let split = url.find(['?', '#']).unwrap_or(url.len());
        let (path, rest) = url.split_at(split);
        let mut path = path;
        while let Some(stripped) = path.strip_prefix("./").or_else(|| path.strip_prefix("../")) {
            path = stripped;
        }
        match path.strip_suffix(".md") {
            Some(file) => {
                let slug = file.rsplit('/').next().unwrap_or(file);
                format!("{}{rest}", under_base(&self.base, &routes::post(slug)))
            }
            None => format!("{}{rest}", under_base(&self.base, path)),
        }
    }
}

/// Whether a URL leaves the site: absolute `http(s)` or protocol-relative.
fn is_external(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || url.starts_with("//")
}

/// Renders Markdown for a page at the site root; see [`render_at`].
pub fn render(markdown: &str) -> Rendered {
    render_at(markdown, &LinkContext::for_post("/", "post"))
}

/// Renders Markdown to HTML for the page described by `links`.
///
/// Raw HTML in the source goes through the allowlist [`Sanitizer`], and links or images whose
/// URL is not allowed by [`is_allowed_url`] keep their text but lose the URL: a post can never
/// run script in the reader's browser. Headings get unique ids and a permalink, images load
/// lazily, external links get `rel="noopener noreferrer"`, and footnote ids are prefixed so
/// they cannot clash with the page's own ids.
pub fn render_at(markdown: &str, links: &LinkContext) -> Rendered {
    render_events(
        Parser::new_ext(markdown, options()).collect(),
        markdown.len(),
        links,
    )
}

/// [`render_at`], also returning what `check` reports of the same parse (native tools: a
/// build renders each post once and checks what it rendered).
pub fn render_noticing(markdown: &str, links: &LinkContext) -> (Rendered, Noticed) {
    let (events, starts): (Vec<Event<'_>>, Vec<usize>) = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| (event, range.start))
        .unzip();
    let noticed = notice(&events, &starts);
    (render_events(events, markdown.len(), links), noticed)
}

/// Renders parsed events of a Markdown text of `len` bytes.
fn render_events(mut events: Vec<Event<'_>>, len: usize, links: &LinkContext) -> Rendered {
    let headings = assign_heading_ids(&mut events);
    let (words, excerpt) = measure(&events);
    let events = transform(events, &headings, links);
    let mut out = String::with_capacity(len * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
        words,
        excerpt,
    }
}

/// The table of contents of a post with at least three sections: the top-level headings
/// and the level below them. A single heading above all others (a title inside the body)
/// does not count as a section level. Empty when the post is too short to need one.
pub fn table_of_contents(headings: &[Heading]) -> Vec<&Heading> {
    table_of_contents_when(headings, None)
}

/// The table of contents as the post asks for it: `Some(true)` (Hugo's `ShowToc`) lists
/// the sections however few, `Some(false)` none, `None` as [`table_of_contents`].
pub fn table_of_contents_when(headings: &[Heading], wanted: Option<bool>) -> Vec<&Heading> {
    if wanted == Some(false) {
        return Vec::new();
    }
    let Some(mut top) = headings.iter().map(|h| h.level).min() else {
        return Vec::new();
    };
    if headings.iter().filter(|h| h.level == top).count() == 1 {
        match headings.iter().map(|h| h.level).filter(|&l| l > top).min() {
            Some(next) => top = next,
            None => return Vec::new(),
        }
    }
    if wanted.is_none() && headings.iter().filter(|h| h.level == top).count() < 3 {
        return Vec::new();
    }
    headings
        .iter()
        .filter(|h| h.level >= top && h.level <= top + 1)
        .collect()
}

/// A link or image URL written in Markdown, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The URL as written.
    pub url: String,
    /// Whether it is an image (otherwise a link).
    pub image: bool,
    /// Byte offset in the Markdown where the link or image starts.
    pub offset: usize,
}

/// What a Markdown text refers to and what of it a page leaves out, for `check`, with byte
/// offsets into the text: see [`render_noticing`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Noticed {
    /// Every link and image URL, in order: Markdown links and images, and `href`/`src`
    /// attributes in raw HTML (an `<img>`'s `src` is an image).
    pub references: Vec<Reference>,
    /// Elements of raw HTML that pages leave out (`script`, `iframe` from unknown hosts,
    /// `object`…), each with the offset of the HTML it is in.
    pub removed_html: Vec<(usize, String)>,
}

/// Every link and image URL in `markdown`, in order (see [`Noticed::references`]).
pub fn references(markdown: &str) -> Vec<Reference> {
    let (events, starts): (Vec<Event<'_>>, Vec<usize>) = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| (event, range.start))
        .unzip();
    notice(&events, &starts).references
}

/// What `check` needs of parsed `events`, each starting at the byte offset of the same
/// position in `starts`.
fn notice(events: &[Event<'_>], starts: &[usize]) -> Noticed {
    let mut references = Vec::new();
    // The raw HTML with where each piece starts: an HTML block whole (pulldown-cmark reports
    // it line by line, and a tag may span lines), inline HTML tag by tag.
    let mut pieces: Vec<(usize, String)> = Vec::new();
    let mut in_block = false;
    for (event, &start) in events.iter().zip(starts) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => references.push(Reference {
                url: dest_url.to_string(),
                image: false,
                offset: start,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => references.push(Reference {
                url: dest_url.to_string(),
                image: true,
                offset: start,
            }),
            Event::Start(Tag::HtmlBlock) => {
                in_block = true;
                pieces.push((start, String::new()));
            }
            Event::End(TagEnd::HtmlBlock) => in_block = false,
            Event::Html(html) if in_block => {
                if let Some((_, block)) = pieces.last_mut() {
                    block.push_str(html);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                pieces.push((start, html.to_string()));
            }
            _ => {}
        }
    }
    let mut removed_html = Vec::new();
    for (offset, html) in &pieces {
        references.extend(html_references(html, *offset));
        removed_html.extend(
            crate::sanitize::removed_elements(html)
                .into_iter()
                .map(|name| (*offset, name)),
        );
    }
    references.sort_by_key(|r| r.offset);
    Noticed {
        references,
        removed_html,
    }
}

/// `href` and `src` attribute values in a piece of raw HTML that starts at `offset`.
fn html_references(html: &str, offset: usize) -> Vec<Reference> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for attribute in ["href=", "src="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attribute) {
            let at = from + i;
            from = at + attribute.len();
            // A whole attribute name, not the end of another (`data-src=`).
            if at > 0 && !lower.as_bytes()[at - 1].is_ascii_whitespace() {
                continue;
            }
            let Some(value) = attribute_value(&html[from..]) else {
                continue;
            };
            let tag_start = lower[..at].rfind('<').unwrap_or(0);
            let image = attribute == "src=" && lower[tag_start..].starts_with("<img");
            let url = crate::html::decode_entities(value.trim());
            if !url.is_empty() {
                found.push(Reference {
                    url,
                    image,
                    offset: offset + at,
                });
            }
        }
    }
    found.sort_by_key(|r| r.offset);
    found
}

/// An HTML attribute's value at the start of `rest` (just after its `=`): quoted, or up to
/// the next space or `>`. `None` for a quote that never closes, or nothing at all.
pub fn attribute_value(rest: &str) -> Option<&str> {
    match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].find(q).map(|end| &rest[1..1 + end]),
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next(),
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
        // An id the author wrote is kept exactly (`{#Setup_Guide}`: their links use it),
        // when it is a plain identifier; anything else becomes a slug.
        let base = given
            .map(|g| if is_plain_id(&g) { g } else { slugify(&g) })
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

/// Element ids the site's own pages use, and names its scripts read from `window` (an
/// element with that id would shadow them). Headings never take these; a test checks that
/// every id written in the app's sources is here.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "app",
    "blog-data",
    "app-preloads",
    "toc-title",
    "comments",
    "comments-title",
    "related-title",
    "series-title",
    "embed-title",
    "featured-title",
    "search-input",
    "search-results",
    "search-status",
    "wasmBindings",
];

/// Whether an author's heading id can be used as written: ASCII letters, digits, `-`, `_`,
/// `.` and `:`, starting with a letter, and none of the page's own ids in any case.
fn is_plain_id(id: &str) -> bool {
    id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        && !RESERVED_IDS.iter().any(|r| r.eq_ignore_ascii_case(id))
}

/// Returns `base`, or `base-1`, `base-2`… if already used.
fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let mut candidate = base.clone();
    loop {
        // Ids the page itself uses count as taken, so a heading can never shadow them
        // (heading ids are lowercase slugs, so they cannot name the camelCase globals scripts
        // define either). Marked taken when first met, not for every post up front: that
        // map cost a twentieth of the pipeline.
        if RESERVED_IDS.contains(&candidate.as_str()) && !used.contains_key(&candidate) {
            used.insert(candidate.clone(), 1);
        }
        let Some(count) = used.get_mut(&candidate) else {
            break;
        };
        *count += 1;
        candidate = format!("{base}-{}", *count - 1);
    }
    used.insert(candidate.clone(), 1);
    candidate
}

/// `text` with the smart punctuation bodies get (`"a"` → “a”, `it's` → it’s, `--` → –,
/// `...` → …), and nothing else changed: for titles, which are plain text.
pub fn smart_punctuation(text: &str) -> String {
    // Most titles have nothing smart punctuation changes: no parser for them (it was a
    // twentieth of the pipeline). A line break or NUL goes the long way, as Markdown changes
    // those too.
    if !text.contains(['\'', '"', '-', '.', '\n', '\r', '\0']) {
        return text.trim().to_string();
    }
    smart_punctuation_parsed(text)
}

/// [`smart_punctuation`] by pulldown-cmark, for any title.
fn smart_punctuation_parsed(text: &str) -> String {
    // Every other ASCII punctuation mark is escaped, so Markdown reads none as syntax; the
    // leading `x ` keeps a title such as `1. Intro` or `- Notes` a paragraph.
    let mut escaped = String::from("x ");
    for c in text.trim().chars() {
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    match out.strip_prefix("x ") {
        Some(title) => title.to_string(),
        None => text.trim().to_string(),
    }
}

/// Plain text of every paragraph in `markdown`, joined by spaces, without code blocks,
/// headings or inline script: a `<!--more-->` summary, whole.
pub fn summary_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut hidden = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => depth += 1,
            Event::End(TagEnd::Paragraph) => {
                depth = depth.saturating_sub(1);
                text.push(' ');
            }
            Event::InlineHtml(h) => hidden = hides_text(&h, hidden),
            Event::Text(t) | Event::Code(t) if depth > 0 && !hidden => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether text after this inline HTML tag is script or style code, not prose: readers
/// never see it, so it is no part of an excerpt.
fn hides_text(tag: &str, hidden: bool) -> bool {
    let lower = tag
        .trim_start()
        .get(..8)
        .unwrap_or(tag)
        .to_ascii_lowercase();
    if lower.starts_with("<script") || lower.starts_with("<style") {
        !tag.trim_end().to_ascii_lowercase().ends_with("</script>")
            && !tag.trim_end().to_ascii_lowercase().ends_with("</style>")
    } else if lower.starts_with("</script") || lower.starts_with("</style") {
        false
    } else {
        hidden
    }
}

/// Counts words and captures the first paragraph's text.
fn measure(events: &[Event<'_>]) -> (usize, String) {
    let mut words = 0;
    let mut excerpt = String::new();
    let mut in_first_paragraph = false;
    let mut first_done = false;
    let mut hidden = false;
    for event in events {
        match event {
            Event::InlineHtml(h) => hidden = hides_text(h, hidden),
            Event::Text(_) | Event::Code(_) if hidden => {}
            Event::Start(Tag::Paragraph) if !first_done => in_first_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_first_paragraph => {
                in_first_paragraph = false;
                first_done = true;
            }
            Event::Text(t) | Event::Code(t) => {
                words += count_words(t);
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

/// Words in `text`, as `split_whitespace` counts them. Counted by one branch-free pass over
/// its bytes (iterating chars cost a third of the rendering time), which also notes the
/// lead bytes of the non-ASCII spaces (0xC2 for U+0085 and U+00A0, 0xE1 for U+1680, 0xE2 for
/// U+2000–U+205F, 0xE3 for U+3000); only text that has one of those bytes is checked for such
/// a space, and counted by chars if it has one.
fn count_words(text: &str) -> usize {
    const SPACE: u8 = 1;
    const MAYBE_SPACE: u8 = 2;
    const CLASS: [u8; 256] = {
        let mut table = [0; 256];
        let mut b = b'\t';
        while b <= b'\r' {
            table[b as usize] = SPACE;
            b += 1;
        }
        table[b' ' as usize] = SPACE;
        table[0xc2] = MAYBE_SPACE;
        table[0xe1] = MAYBE_SPACE;
        table[0xe2] = MAYBE_SPACE;
        table[0xe3] = MAYBE_SPACE;
        table
    };
    // A word starts at each non-space byte that follows a space (or the start).
    let mut words = 0;
    let mut after_space = true;
    let mut maybe = 0;
    for &b in text.as_bytes() {
        let class = CLASS[usize::from(b)];
        let space = class == SPACE;
        words += usize::from(!space & after_space);
        after_space = space;
        maybe |= class;
    }
    if maybe & MAYBE_SPACE != 0 && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()) {
        return text.split_whitespace().count();
    }
    words
}

/// Shortens `text` to at most `max` characters at a word boundary, adding an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    // The first `max` characters, found without counting or copying the rest.
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut,
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    )
}

/// Rewrites the event stream into safe, site-aware HTML: raw HTML is sanitized; links and
/// images are checked, resolved and written by hand (to add `rel` and `loading`); headings
/// get permalinks; footnotes get prefixed ids and back-links.
fn transform<'a>(
    events: Vec<Event<'a>>,
    headings: &[Heading],
    links: &LinkContext,
) -> Vec<Event<'a>> {
    // For every open link: whether its start tag was dropped, so the end is too.
    let mut dropped: Vec<bool> = Vec::new();
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let number = |name: &str, footnotes: &mut HashMap<String, usize>| {
        let next = footnotes.len() + 1;
        *footnotes.entry(name.to_string()).or_insert(next)
    };
    let mut heading_index = 0;
    // Footnote definitions, moved to the end; where the open one starts in `out`.
    let mut notes: Vec<Event<'a>> = Vec::new();
    let mut note_start: Option<usize> = None;
    let mut sanitizer = Sanitizer::for_page(links.clone());
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                out.extend(sanitizer.feed(&raw).into_iter().map(piece_event));
            }
            // Text inside a removed element (`<script>…</script>` inline) goes with it.
            Event::Text(_) | Event::Code(_) if sanitizer.is_skipping() => {}
            Event::End(
                end @ (TagEnd::Paragraph
                | TagEnd::HtmlBlock
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)),
            ) => {
                out.extend(sanitizer.end_block().into_iter().map(piece_event));
                match end {
                    TagEnd::BlockQuote(Some(_)) => out.push(Event::Html("</div>\n".into())),
                    end => out.push(Event::End(end)),
                }
            }
            // GitHub's alerts (Hugo, Astro and docsify posts use them too): a titled
            // callout, not a quotation.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = match kind {
                    BlockQuoteKind::Note => ("note", "Note"),
                    BlockQuoteKind::Tip => ("tip", "Tip"),
                    BlockQuoteKind::Important => ("important", "Important"),
                    BlockQuoteKind::Warning => ("warning", "Warning"),
                    BlockQuoteKind::Caution => ("caution", "Caution"),
                };
                out.push(Event::Html(
                    format!(
                        "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let allowed = is_allowed_url(&dest_url, UrlUse::Link);
                dropped.push(!allowed);
                if allowed {
                    let mut tag = String::from("<a href=\"");
                    crate::html::escape_url_into(&mut tag, &links.resolve(&dest_url));
                    tag.push('"');
                    if !title.is_empty() {
                        tag.push_str(" title=\"");
                        crate::html::escape_into(&mut tag, &title);
                        tag.push('"');
                    }
                    if is_external(&dest_url) {
                        tag.push_str(" rel=\"noopener noreferrer\"");
                    }
                    tag.push('>');
                    out.push(Event::InlineHtml(tag.into()));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push(Event::InlineHtml("</a>".into()));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = take_alt_text(&mut events);
                if is_allowed_url(&dest_url, UrlUse::Image) {
                    let mut tag = String::from("<img src=\"");
                    crate::html::escape_url_into(&mut tag, &links.resolve(&dest_url));
                    tag.push_str("\" alt=\"");
                    crate::html::escape_into(&mut tag, &alt);
                    tag.push('"');
                    if !title.is_empty() {
                        tag.push_str(" title=\"");
                        crate::html::escape_into(&mut tag, &title);
                        tag.push('"');
                    }
                    tag.push_str(" loading=\"lazy\" decoding=\"async\">");
                    out.push(Event::InlineHtml(tag.into()));
                } else {
                    out.push(Event::Text(alt.into()));
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(h) = headings.get(heading_index) {
                    let mut anchor = String::from(" <a class=\"heading-anchor\" href=\"");
                    crate::html::escape_url_into(&mut anchor, &format!("{}#{}", links.page, h.id));
                    anchor.push_str("\" aria-label=\"Link to the section ");
                    crate::html::escape_into(&mut anchor, &h.text);
                    anchor.push_str("\">#</a>");
                    out.push(Event::InlineHtml(anchor.into()));
                }
                heading_index += 1;
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::FootnoteReference(name) => {
                let n = number(&name, &mut footnotes);
                let id = slugify(&name);
                let mut html = String::from("<sup class=\"footnote-reference\" id=\"fnref-");
                crate::html::escape_into(&mut html, &id);
                html.push_str("\"><a href=\"");
                crate::html::escape_url_into(&mut html, &format!("{}#fn-{id}", links.page));
                html.push_str(&format!("\">{n}</a></sup>"));
                out.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = number(&name, &mut footnotes);
                let id = slugify(&name);
                let mut html = String::from("<div class=\"footnote-definition\" id=\"fn-");
                crate::html::escape_into(&mut html, &id);
                html.push_str(&format!(
                    "\"><sup class=\"footnote-definition-label\">{n}</sup><a class=\"footnote-back\" href=\""
                ));
                crate::html::escape_url_into(&mut html, &format!("{}#fnref-{id}", links.page));
                html.push_str("\" aria-label=\"Back to the text\">↩</a>");
                note_start = Some(out.len());
                out.push(Event::Html(html.into()));
            }
            // Notes are gathered at the end of the article, wherever they were written, as
            // Goldmark, kramdown and remark do.
            Event::End(TagEnd::FootnoteDefinition) => {
                out.push(Event::Html("</div>\n".into()));
                if let Some(start) = note_start.take() {
                    notes.extend(out.drain(start..));
                }
            }
            // Checkboxes and scrollable code blocks need names and keyboard access.
            Event::TaskListMarker(done) => out.push(Event::InlineHtml(
                format!("{} ", if done { TASK_DONE } else { TASK_OPEN }).into(),
            )),
            // Code blocks get a copy button (shown once the app runs) and, for languages
            // the highlighter knows, coloured tokens.
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => fence_language(info),
                    CodeBlockKind::Indented => None,
                };
                let mut html =
                    format!("<div class=\"code-block\">{COPY_BUTTON}<pre tabindex=\"0\"><code");
                if let Some(lang) = &lang {
                    html.push_str(" class=\"language-");
                    crate::html::escape_into(&mut html, lang);
                    html.push('"');
                }
                html.push('>');
                if let Some(lang) = lang.filter(|l| highlight::supports(l)) {
                    let mut code = String::new();
                    for event in events.by_ref() {
                        match event {
                            Event::Text(t) => code.push_str(&t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    html.push_str(&highlight::highlight(&lang, &code).unwrap_or_default());
                    html.push_str(CODE_BLOCK_END);
                }
                out.push(Event::Html(html.into()));
            }
            Event::End(TagEnd::CodeBlock) => out.push(Event::Html(CODE_BLOCK_END.into())),
            other => out.push(other),
        }
    }
    out.extend(sanitizer.finish().into_iter().map(piece_event));
    if !notes.is_empty() {
        out.push(Event::Html(
            "<section class=\"footnotes\" aria-label=\"Footnotes\">\n".into(),
        ));
        out.extend(notes);
        out.push(Event::Html("</section>\n".into()));
    }
    out
}

/// The language of a fenced code block's info string, in the forms engines accept:
/// `rust`, `rust,ignore` (rustdoc), `js {linenos=true}` (Hugo), `{.python #id}` (pandoc,
/// kramdown), `jsx{2,5}` (Docusaurus, Gatsby), `js:title=a.js` (gatsby-remark-code-titles),
/// `ts [config.ts]` (VitePress).
pub fn fence_language(info: &str) -> Option<String> {
    let info = info.trim();
    let word = match info.strip_prefix('{') {
        Some(attributes) => attributes
            .split([' ', '}'])
            .find_map(|a| a.strip_prefix('.'))?,
        None => info
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | ':' | '['))
            .next()?,
    };
    (!word.is_empty()).then(|| word.to_string())
}

/// What closes a code block opened in [`transform`].
const CODE_BLOCK_END: &str = "</code></pre></div>\n";

/// A sanitizer piece as an event: markup verbatim, text escaped by the writer.
fn piece_event<'a>(piece: Piece) -> Event<'a> {
    match piece {
        Piece::Markup(m) => Event::InlineHtml(m.into()),
        Piece::Text(t) => Event::Text(t.into()),
    }
}

/// Consumes the events inside an image up to its end and returns their plain text (the alt).
fn take_alt_text<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 1;
    for event in events.by_ref() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
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
            r.html.contains(
                "<h2 id=\"intro-1\">Intro <a class=\"heading-anchor\" href=\"/posts/post#intro-1\""
            ),
            "{}",
            r.html
        );
    }

    #[test]
    fn heading_ids_cannot_shadow_the_page_or_globals() {
        let r =
            render("# Main\n\n## App {#app}\n\n## X {#wasmBindings}\n\n## Contents {#toc-title}\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "app-1", "wasmbindings", "toc-title-1"]);
    }

    #[test]
    fn sanitizes_raw_html_in_blocks_and_inline() {
        let html = render(
            "<script>\nalert(1)\n</script>\n\nhi <img src=x onerror=alert(1)> <kbd>K</kbd> \
             <span onclick=x>in <script>bad()</script>line</span>\n\n<details><summary>S</summary>\n\nBody\n\n</details>\n",
        )
        .html;
        assert!(
            !html.contains("script") && !html.contains("alert") && !html.contains("bad()"),
            "{html}"
        );
        assert!(
            !html.contains("onerror") && !html.contains("onclick"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"/x\" loading=\"lazy\" decoding=\"async\">"),
            "{html}"
        );
        assert!(html.contains("<kbd>K</kbd>"), "{html}");
        assert!(html.contains("<span>in line</span>"), "{html}");
        assert!(html.contains("<details><summary>S</summary>"), "{html}");
        assert!(html.contains("</details>"), "{html}");
    }

    #[test]
    fn an_unclosed_removed_element_does_not_swallow_the_rest() {
        let html = render(
            "<select onfocus=alert(1) autofocus>\n\nStill here.\n\nx <textarea> y\n\nAnd here.\n",
        )
        .html;
        assert!(
            html.contains("Still here.") && html.contains("And here."),
            "{html}"
        );
        assert!(
            !html.contains("select") && !html.contains("textarea"),
            "{html}"
        );
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

    fn at(markdown: &str, base: &str) -> String {
        render_at(markdown, &LinkContext::for_post(base, "here")).html
    }

    #[test]
    fn resolves_links_against_the_site_and_page() {
        let links = LinkContext::for_post("/blog/", "here");
        let cases = [
            ("#part", "/blog/posts/here#part"),
            ("other-post.md", "/blog/posts/other-post"),
            ("./other-post.md#intro", "/blog/posts/other-post#intro"),
            ("../posts/other-post.md", "/blog/posts/other-post"),
            ("/images/x.png", "/blog/images/x.png"),
            ("images/x.png", "/blog/images/x.png"),
            ("/posts/x?q=1", "/blog/posts/x?q=1"),
            ("https://example.com/a.md", "https://example.com/a.md"),
            ("//cdn.example/x.png", "//cdn.example/x.png"),
            ("mailto:a@example.com", "mailto:a@example.com"),
        ];
        for (url, want) in cases {
            assert_eq!(links.resolve(url), want, "{url}");
        }
    }

    #[test]
    fn images_load_lazily_keep_alt_text_and_resolve() {
        let html = at(
            "![A *fine* <cat> & dog](/images/cat.png \"Title\")",
            "/blog/",
        );
        assert_eq!(
            html,
            "<p><img src=\"/blog/images/cat.png\" alt=\"A fine &lt;cat&gt; &amp; dog\" title=\"Title\" loading=\"lazy\" decoding=\"async\"></p>\n"
        );
    }

    #[test]
    fn only_external_links_get_noopener() {
        let html = at(
            "[out](https://example.com) [in](/posts/x) [post](x.md)",
            "/",
        );
        assert!(
            html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\">out</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"/posts/x\">in</a>"), "{html}");
        assert!(html.contains("<a href=\"/posts/x\">post</a>"), "{html}");
    }

    #[test]
    fn footnotes_get_prefixed_ids_and_links_back() {
        let html = at("One[^a] two[^b] again[^a].\n\n[^b]: Bee.\n[^a]: Ay.\n", "/");
        assert!(html.contains("<sup class=\"footnote-reference\" id=\"fnref-a\"><a href=\"/posts/here#fn-a\">1</a></sup>"), "{html}");
        assert!(html.contains("<sup class=\"footnote-reference\" id=\"fnref-b\"><a href=\"/posts/here#fn-b\">2</a></sup>"), "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"fn-b\"><sup class=\"footnote-definition-label\">2</sup>"), "{html}");
        assert!(
            html.contains("href=\"/posts/here#fnref-a\" aria-label=\"Back to the text\""),
            "{html}"
        );
    }

    #[test]
    fn builds_a_table_of_contents_for_three_or_more_sections() {
        let toc = |md: &str| {
            let r = render(md);
            table_of_contents(&r.headings)
                .iter()
                .map(|h| h.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            toc("## A\n## B\n### B1\n#### deep\n## C\n"),
            ["a", "b", "b1", "c"]
        );
        assert_eq!(toc("# Title\n## A\n## B\n## C\n"), ["a", "b", "c"]);
        assert!(toc("## A\n## B\n").is_empty());
        assert!(toc("no headings").is_empty());
    }

    #[test]
    fn lists_references_with_offsets() {
        let md = "Intro [a](x.md)\n\n![pic](/images/p.png)\n";
        let refs = references(md);
        assert_eq!(refs.len(), 2);
        assert_eq!((refs[0].url.as_str(), refs[0].image), ("x.md", false));
        assert_eq!(
            (refs[1].url.as_str(), refs[1].image, refs[1].offset),
            ("/images/p.png", true, 17)
        );
    }

    #[test]
    fn counts_words_like_split_whitespace() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "a\tb\nc\x0bd\x0ce\rf",
            "café au lait",
            "a\u{a0}b\u{3000}c\u{2009}d\u{85}e",
            "中文 ≠ 日本語 — “quoted”",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("short", 12), "short");
        assert_eq!(shorten("  exactly twelve  ", 14), "exactly twelve");
        assert_eq!(shorten("éééé ééééé éé", 12), "éééé ééééé…");
        assert_eq!(
            shorten("中文中文中文中文中文中文中文", 12),
            "中文中文中文中文中文中文…"
        );
    }

    #[test]
    fn titles_without_smart_punctuation_skip_the_parser_and_come_out_the_same() {
        for title in [
            "Plain title",
            "  Padded   inside\tand out  ",
            "C# & C++ <b>bold</b> *x* _y_ `z` [l](u) ![i](j) \\ ~s~ ==m==",
            "# Not a heading",
            "1) Not a list + - * >",
            "&amp; &#169; &copy entities",
            "中文標題 café über naïve",
            "emoji 🎉 :tada: and | pipes | here",
            "trailing backslash \\",
            "<!-- comment --> <script>",
            "a\u{a0}b\u{3000}c",
        ] {
            assert_eq!(
                smart_punctuation(title),
                smart_punctuation_parsed(title),
                "{title:?}"
            );
        }
    }

    #[test]
    fn headings_never_take_the_page_own_ids() {
        let r = render("## Main\n\n## Main\n\n## App\n\n## Blog data\n\n## App 1\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "main-2", "app-1", "blog-data-1", "app-1-1"]);
    }
    #[test]
    fn github_alerts_become_titled_callouts() {
        let html =
            render("> [!NOTE]\n> Read **this**.\n\n> [!WARNING]\n> Hot.\n\n> A quote.\n").html;
        assert!(html.contains("<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note</p>"), "{html}");
        assert!(html.contains("<strong>this</strong>"), "{html}");
        assert!(
            html.contains("callout-warning") && !html.contains("[!"),
            "{html}"
        );
        assert!(
            html.contains("<blockquote>"),
            "a plain quote stays a quote: {html}"
        );
    }

    #[test]
    fn author_heading_ids_are_kept_exactly() {
        let r = render(
            "[go](#Setup_Guide)\n\n## Setup {#Setup_Guide}\n\n## Main {#Main}\n\n## Odd {#Ünï}\n",
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["Setup_Guide", "main-1", "ünï"]);
        assert!(
            r.html.contains("href=\"/posts/post#Setup_Guide\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn footnotes_are_gathered_at_the_end() {
        let html = render("Rye.[^1]\n\n[^1]: Enzymes.\n\nSo a shorter proof.\n").html;
        let note = html.find("Enzymes").unwrap();
        let after = html.find("So a shorter proof").unwrap();
        assert!(after < note, "{html}");
        assert!(html.trim_end().ends_with("</section>"), "{html}");
    }

    #[test]
    fn titles_get_the_punctuation_bodies_get() {
        let cases = [
            ("It's \"done\" -- at last...", "It’s “done” – at last…"),
            ("1. Intro", "1. Intro"),
            (
                "- Notes *not emphasis* [x](y) <b>",
                "- Notes *not emphasis* [x](y) <b>",
            ),
            ("C# & C++ --- compared", "C# & C++ — compared"),
            ("Node.js vs. Python—Choosing", "Node.js vs. Python—Choosing"),
            ("# Not a heading", "# Not a heading"),
        ];
        for (title, want) in cases {
            assert_eq!(smart_punctuation(title), want, "{title}");
        }
    }

    #[test]
    fn check_sees_html_written_over_several_lines() {
        let md = "Text.\n\n<iframe\n  src=\"https://evil.example/x\"\n></iframe>\n\n<figure>\n  <img\n    src=\"/images/a.png\"\n  />\n</figure>\n";
        let links = LinkContext::for_post("/", "p");
        let (rendered, noticed) = render_noticing(md, &links);
        let removed = &noticed.removed_html;
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert_eq!(removed[0].1, "iframe");
        assert_eq!(&md[removed[0].0..removed[0].0 + 7], "<iframe");
        let images: Vec<&str> = noticed
            .references
            .iter()
            .filter(|r| r.image)
            .map(|r| r.url.as_str())
            .collect();
        assert_eq!(images, ["/images/a.png"]);
        assert_eq!(noticed.references, references(md));
        // Noticing changes nothing of the page.
        assert_eq!(rendered, render_at(md, &links));
    }
}
