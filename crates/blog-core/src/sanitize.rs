//! The allowlist sanitizer for raw HTML in posts.
//!
//! pulldown-cmark passes raw HTML through untouched. Everything it hands us as HTML goes
//! through [`Sanitizer`]: formatting tags authors use (`<kbd>`, `<sup>`, `<details>`, `<br>`…)
//! are rebuilt from their parsed name and allowed attributes, URLs are checked by
//! [`is_allowed_url`] after entity decoding, dangerous elements (`script`, `style`, `iframe`,
//! `object`, `embed`, `form`…) are removed with their content, and any other tag is dropped
//! while its text stays. Closing tags are only written for elements the sanitizer opened, and
//! everything still open is closed at the end, so post HTML can never close or escape the
//! element it is placed in.

use crate::html::{self, decode_entities};
use crate::markdown::LinkContext;
use crate::url::{is_allowed_url, UrlUse};

/// Elements kept, with the attributes each may carry (besides `title`, `lang`, `dir`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("abbr", &[]),
    ("b", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("dd", &[]),
    ("del", &[]),
    ("details", &["open"]),
    ("dfn", &[]),
    // `tabindex="0"` only: a formula wider than the page scrolls, and keyboards must reach it.
    ("div", &["tabindex"]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "srcset", "alt", "width", "height"]),
    ("ins", &[]),
    ("kbd", &[]),
    ("li", &[]),
    ("mark", &[]),
    ("audio", &["src", "preload", "loop", "muted"]),
    (
        "video",
        &[
            "src",
            "poster",
            "preload",
            "loop",
            "muted",
            "playsinline",
            "width",
            "height",
        ],
    ),
    ("source", &["src", "type", "srcset", "media"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    ("picture", &[]),
    // MathML Core, which maths in posts is typeset as (when publishing).
    ("math", &["display", "xmlns"]),
    ("semantics", &[]),
    ("annotation", &["encoding"]),
    ("mrow", &[]),
    ("mi", &["mathvariant"]),
    ("mn", &[]),
    (
        "mo",
        &[
            "stretchy",
            "fence",
            "separator",
            "lspace",
            "rspace",
            "form",
            "largeop",
            "movablelimits",
            "symmetric",
            "minsize",
            "maxsize",
            "accent",
        ],
    ),
    ("mtext", &[]),
    ("ms", &[]),
    ("mspace", &["width", "height", "depth"]),
    ("msup", &[]),
    ("msub", &[]),
    ("msubsup", &[]),
    ("mfrac", &["linethickness"]),
    ("msqrt", &[]),
    ("mroot", &[]),
    ("mover", &["accent"]),
    ("munder", &["accentunder"]),
    ("munderover", &["accent", "accentunder"]),
    ("mmultiscripts", &[]),
    ("mprescripts", &[]),
    (
        "mtable",
        &[
            "columnalign",
            "rowalign",
            "columnspacing",
            "rowspacing",
            "displaystyle",
        ],
    ),
    ("mtr", &[]),
    ("mtd", &["columnalign", "columnspan", "rowspan"]),
    ("mstyle", &["displaystyle", "scriptlevel", "mathvariant"]),
    (
        "mpadded",
        &["width", "height", "depth", "lspace", "voffset"],
    ),
    ("mphantom", &[]),
    ("merror", &[]),
    ("ol", &["start", "reversed"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("thead", &[]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

/// Class names posts may use: the ones this blog's own conversions write (diagrams).
const ALLOWED_CLASSES: &[&str] = &[
    // Callouts with a title or a fold of their own (other engines' admonitions, imported).
    "callout",
    "callout-title",
    "callout-note",
    "callout-tip",
    "callout-important",
    "callout-warning",
    "callout-caution",
    // A GitHub picture with no emoji, by name (`:octocat:`).
    "emoji-name",
    // A code block's title (other engines' `title="…"` on its fence).
    "code-title",
    "diagram",
    "diagram-light",
    "diagram-dark",
    "diagram-source",
    "math-display",
    "math-error",
    // Equation numbers, and the layout of pulldown-latex's tables (AMS environments, arrays,
    // cases, matrices), which the stylesheet gives the alignment TeX gives them.
    "eqno",
    "menv-alignlike",
    "menv-align",
    "menv-arraylike",
    "menv-cases",
    "menv-cells-left",
    "menv-cells-right",
    "menv-matrix",
    "menv-multline",
    "cell-left",
    "cell-right",
    "menv-left-solid",
    "menv-right-solid",
    "menv-left-dashed",
    "menv-right-dashed",
];

/// What starts the `id` of a labelled equation's number.
const EQUATION_ANCHOR: &str = "eq:";

/// The `id` of the number of an equation with `\label{label}` (MathJax's and KaTeX's
/// cross-references): `eq:` then the label, each character other than an ASCII letter, digit,
/// `-`, `_`, `.` or `:` written as `-`. An `id` of this shape on a number cell (`<mtd>`) is
/// the only one a post may carry, so it cannot clash with the page's own.
pub fn equation_anchor(label: &str) -> String {
    let safe: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{EQUATION_ANCHOR}{safe}")
}

/// Whether `id` is one [`equation_anchor`] writes.
fn is_equation_anchor(id: &str) -> bool {
    id.strip_prefix(EQUATION_ANCHOR).is_some_and(|label| {
        !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    })
}

/// Attributes any allowed element may carry.
const GLOBAL_ATTRIBUTES: &[&str] = &["title", "lang", "dir"];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "br",
    "hr",
    "img",
    "wbr",
    "source",
    "track",
    "mspace",
    "mprescripts",
];

/// Elements removed together with everything inside them.
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "template",
    "noscript",
    "textarea",
    "select",
    "svg",
    "frameset",
    "frame",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "title",
    "head",
    "applet",
    "canvas",
];

/// Video hosts whose `<iframe>` players become a link to the video (the page's content
/// policy loads no third-party frame): the embed URL's prefix, and the watch URL before
/// the video's id.
const VIDEO_FRAMES: &[(&str, &str, &str)] = &[
    (
        "https://www.youtube-nocookie.com/embed/",
        "https://www.youtube.com/watch?v=",
        "YouTube",
    ),
    (
        "https://www.youtube.com/embed/",
        "https://www.youtube.com/watch?v=",
        "YouTube",
    ),
    (
        "https://youtube.com/embed/",
        "https://www.youtube.com/watch?v=",
        "YouTube",
    ),
    (
        "https://player.vimeo.com/video/",
        "https://vimeo.com/",
        "Vimeo",
    ),
];

/// The elements in a piece of raw HTML that are removed with their content (by name,
/// lowercased, as written), leaving out video players that become links.
pub fn removed_elements(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        match scan_markup(rest) {
            Some((
                len,
                Markup::Tag {
                    name,
                    closing: false,
                    attributes,
                },
            )) => {
                let video = name == "iframe"
                    && attributes
                        .iter()
                        .any(|(a, v)| a == "src" && video_link(v).is_some());
                if DROP_WITH_CONTENT.contains(&name.as_str()) && !video {
                    found.push(name);
                }
                rest = &rest[len..];
            }
            Some((len, _)) => rest = &rest[len..],
            None => rest = &rest[1..],
        }
    }
    found
}

/// For an `<iframe src>` of a known video host, the video's own page and the host's name.
pub fn video_link(src: &str) -> Option<(String, &'static str)> {
    VIDEO_FRAMES.iter().find_map(|(prefix, watch, host)| {
        let id = src.strip_prefix(prefix)?;
        let id = id.split(['?', '#', '/']).next()?;
        (!id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| (format!("{watch}{id}"), *host))
    })
}

/// A piece of sanitized output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Markup written by the sanitizer, safe to emit as is.
    Markup(String),
    /// Text to be escaped by the writer.
    Text(String),
}

/// Sanitizes a stream of raw HTML fragments (the pieces pulldown-cmark reports), keeping
/// track of open elements across fragments.
#[derive(Debug, Default)]
pub struct Sanitizer {
    /// Allowed elements opened and not yet closed.
    open: Vec<&'static str>,
    /// Name of the dangerous element whose content is being skipped, and nesting depth.
    skipping: Option<(String, usize)>,
    /// The start of a tag written over several lines (as Prettier formats long tags),
    /// waiting for the rest: pulldown-cmark reports an HTML block line by line.
    pending: String,
    /// Where the HTML is shown, to resolve its URLs as Markdown's are; `None` keeps them.
    links: Option<LinkContext>,
}

impl Sanitizer {
    /// A sanitizer with nothing open.
    pub fn new() -> Sanitizer {
        Sanitizer::default()
    }

    /// A sanitizer for HTML shown on the page `links` describes: `href`, `src` and
    /// `srcset` site paths get the site's base path (absolute in feeds), and only links
    /// that leave the site get `rel="noopener noreferrer"`.
    pub fn for_page(links: LinkContext) -> Sanitizer {
        Sanitizer {
            links: Some(links),
            ..Sanitizer::default()
        }
    }

    /// Whether text outside HTML fragments should be dropped (inside a removed element).
    pub fn is_skipping(&self) -> bool {
        self.skipping.is_some()
    }

    /// Sanitizes one fragment.
    pub fn feed(&mut self, html: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        let joined;
        let mut rest = if self.pending.is_empty() {
            html
        } else {
            self.pending.push_str(html);
            joined = std::mem::take(&mut self.pending);
            joined.as_str()
        };
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.text(rest, &mut out);
                break;
            };
            self.text(&rest[..lt], &mut out);
            rest = &rest[lt..];
            match scan_markup(rest) {
                Some((len, markup)) => {
                    self.markup(markup, &mut out);
                    rest = &rest[len..];
                }
                // A tag still open at the end of the fragment may go on in the next one.
                None if starts_tag(rest) && rest.len() < MAX_PENDING => {
                    self.pending = rest.to_string();
                    break;
                }
                None => {
                    // A lone `<` is text.
                    self.text("<", &mut out);
                    rest = &rest[1..];
                }
            }
        }
        out
    }

    /// Ends skipping at the end of a Markdown block: an unclosed `<select>` or `<style>` in
    /// one paragraph must not swallow the rest of the post.
    pub fn end_block(&mut self) -> Vec<Piece> {
        self.skipping = None;
        self.flush_pending()
    }

    /// What was held back as the start of a tag, as text, when no end came.
    fn flush_pending(&mut self) -> Vec<Piece> {
        let pending = std::mem::take(&mut self.pending);
        let mut out = Vec::new();
        if !pending.is_empty() {
            self.text("<", &mut out);
            out.extend(self.feed(&pending[1..]));
        }
        out
    }

    /// Closes every element still open; call once at the end of the document.
    pub fn finish(&mut self) -> Vec<Piece> {
        self.skipping = None;
        let mut out = self.flush_pending();
        out.extend(
            self.open
                .drain(..)
                .rev()
                .map(|name| Piece::Markup(format!("</{name}>"))),
        );
        out
    }

    /// A site path or URL as the page needs it.
    fn resolve(&self, url: &str) -> String {
        match &self.links {
            Some(links) if !url.starts_with("//") => links.resolve(url),
            _ => url.to_string(),
        }
    }

    fn text(&self, text: &str, out: &mut Vec<Piece>) {
        if !text.is_empty() && self.skipping.is_none() {
            out.push(Piece::Text(decode_entities(text)));
        }
    }

    fn markup(&mut self, markup: Markup, out: &mut Vec<Piece>) {
        let Markup::Tag {
            name,
            closing,
            attributes,
        } = markup
        else {
            return; // Comments, doctypes, processing instructions: dropped.
        };
        if let Some((skipped, depth)) = &mut self.skipping {
            if *skipped == name {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skipping = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            return;
        }
        if name == "iframe" && !closing {
            let src = attributes
                .iter()
                .find(|(a, _)| a == "src")
                .map(|(_, v)| v.as_str());
            if let Some((url, host)) = src.and_then(video_link) {
                out.push(Piece::Markup(format!(
                    "<a class=\"video-link\" href=\"{}\" rel=\"noopener noreferrer\">▶ Watch on {host}</a>",
                    html::escape(&url)
                )));
            }
        }
        if DROP_WITH_CONTENT.contains(&name.as_str()) {
            if !closing {
                self.skipping = Some((name, 1));
            }
            return;
        }
        let Some(&(allowed, allowed_attributes)) = ALLOWED.iter().find(|(n, _)| *n == name) else {
            return;
        };
        if closing {
            if let Some(pos) = self.open.iter().rposition(|&n| n == allowed) {
                // Close anything opened inside it first, so the output nests properly.
                for inner in self.open.drain(pos..).rev() {
                    out.push(Piece::Markup(format!("</{inner}>")));
                }
            }
            return;
        }
        let mut tag = format!("<{allowed}");
        for (attr, value) in attributes {
            if attr == "class" {
                let known: Vec<&str> = value
                    .split_whitespace()
                    .filter(|c| ALLOWED_CLASSES.contains(c))
                    .collect();
                if !known.is_empty() {
                    tag.push_str(&format!(" class=\"{}\"", known.join(" ")));
                }
                continue;
            }
            if attr == "id" {
                if allowed == "mtd" && is_equation_anchor(&value) {
                    tag.push_str(&format!(" id=\"{}\"", html::escape(&value)));
                }
                continue;
            }
            if !allowed_attributes.contains(&attr.as_str())
                && !GLOBAL_ATTRIBUTES.contains(&attr.as_str())
            {
                continue;
            }
            let value = match attr.as_str() {
                "tabindex" if value != "0" => continue,
                "href" if !is_allowed_url(&value, UrlUse::Link) => continue,
                "href" => self.resolve(&value),
                "src" | "poster" if !is_allowed_url(&value, src_use(allowed)) => continue,
                "src" | "poster" => self.resolve(&upgrade(&value)),
                "srcset" => match self.srcset(&value) {
                    Some(srcset) => srcset,
                    None => continue,
                },
                // MathML sizes are lengths (`0.167em`); HTML ones plain numbers.
                "width" | "height" | "depth" | "lspace" | "rspace" | "voffset"
                    if allowed.starts_with('m') && !is_length(&value) =>
                {
                    continue
                }
                "width" | "height" | "colspan" | "rowspan" | "start"
                    if !allowed.starts_with('m')
                        && (!value.bytes().all(|b| b.is_ascii_digit()) || value.is_empty()) =>
                {
                    continue
                }
                _ => value,
            };
            tag.push(' ');
            tag.push_str(&attr);
            tag.push_str("=\"");
            tag.push_str(&html::escape(&value));
            tag.push('"');
        }
        match allowed {
            "a" if leaves_site(&tag) => tag.push_str(" rel=\"noopener noreferrer\""),
            "img" => tag.push_str(" loading=\"lazy\" decoding=\"async\""),
            // A player the reader cannot start is no player.
            "audio" | "video" => tag.push_str(" controls"),
            _ => {}
        }
        tag.push('>');
        out.push(Piece::Markup(tag));
        // MathML has no void elements for the HTML parser: an empty one must be closed, or
        // the rest of the formula would end up inside it.
        if matches!(allowed, "mspace" | "mprescripts") {
            out.push(Piece::Markup(format!("</{allowed}>")));
        } else if !VOID.contains(&allowed) {
            self.open.push(allowed);
        }
    }
}

/// Longest tag start held back for the next fragment; longer is not a tag someone wrote.
const MAX_PENDING: usize = 4096;

/// Whether `s` (starting with `<`) opens a tag: `<name` or `</name`.
fn starts_tag(s: &str) -> bool {
    let name = s.strip_prefix("</").or_else(|| s.strip_prefix('<'));
    name.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// What an element's `src` loads, for the URL policy: media and sources are like links
/// (`https:` or a site path), images also allow `data:` images.
fn src_use(element: &str) -> UrlUse {
    match element {
        "img" => UrlUse::Image,
        _ => UrlUse::Link,
    }
}

/// `http:` media loaded over `https:`: pages forbid mixed content.
fn upgrade(url: &str) -> String {
    match url.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("http://") => format!("https://{}", &url[7..]),
        _ => url.to_string(),
    }
}

/// Whether `value` is a MathML length: a number with an optional unit (`1em`, `-0.5ex`).
fn is_length(value: &str) -> bool {
    let number = value.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    let unit = &value[number.len()..];
    !number.is_empty()
        && number
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+')
        && matches!(unit, "" | "em" | "ex" | "px" | "pt" | "%" | "mu")
}

/// Whether the `<a …` tag written so far links off the site.
fn leaves_site(tag: &str) -> bool {
    let href = tag.split("href=\"").nth(1).unwrap_or("");
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || href.starts_with("//")
}

impl Sanitizer {
    /// A `srcset` with every candidate URL checked and resolved; `None` when none is left.
    fn srcset(&self, value: &str) -> Option<String> {
        let candidates: Vec<String> = value
            .split(',')
            .filter_map(|candidate| {
                let mut parts = candidate.split_whitespace();
                let url = parts.next()?;
                if !is_allowed_url(url, UrlUse::Image) || url.starts_with("data:") {
                    return None;
                }
                let mut out = self.resolve(&upgrade(url));
                for descriptor in parts {
                    out.push(' ');
                    out.push_str(descriptor);
                }
                Some(out)
            })
            .collect();
        (!candidates.is_empty()).then(|| candidates.join(", "))
    }
}

/// Sanitizes a whole HTML string.
pub fn sanitize_html(html: &str) -> String {
    let mut sanitizer = Sanitizer::new();
    let mut pieces = sanitizer.feed(html);
    pieces.extend(sanitizer.finish());
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Markup(m) => m,
            Piece::Text(t) => html::escape(&t),
        })
        .collect()
}

/// A scanned piece of markup.
#[derive(Debug)]
enum Markup {
    /// A start or end tag, name lowercased, attributes decoded.
    Tag {
        name: String,
        closing: bool,
        attributes: Vec<(String, String)>,
    },
    /// A comment, doctype, CDATA section or processing instruction.
    Other,
}

/// Reads the markup at the start of `s` (which begins with `<`); returns its length.
fn scan_markup(s: &str) -> Option<(usize, Markup)> {
    let bytes = s.as_bytes();
    if let Some(comment) = s.strip_prefix("<!--") {
        let end = comment.find("-->").map(|i| i + 7).unwrap_or(s.len());
        return Some((end, Markup::Other));
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        let end = s.find('>').map(|i| i + 1).unwrap_or(s.len());
        return Some((end, Markup::Other));
    }
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = name_start;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return None, // Unterminated tag: not markup.
            Some(b'>') => {
                i += 1;
                break;
            }
            _ => {}
        }
        let attr_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let attr = s[attr_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = s[i + 1..].find(q as char)? + i + 1;
                    value = decode_entities(&s[i + 1..end]);
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&s[start..i]);
                }
            }
        }
        if !attr.is_empty() {
            attributes.push((attr, value));
        }
    }
    Some((
        i,
        Markup::Tag {
            name,
            closing,
            attributes,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_formatting_authors_use() {
        let cases = [
            ("Press <kbd>Ctrl</kbd>+<kbd>C</kbd>", "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>"),
            ("x<sup>2</sup> and H<sub>2</sub>O", "x<sup>2</sup> and H<sub>2</sub>O"),
            ("line<br>break<br/>", "line<br>break<br>"),
            (
                "<math><mi>a</mi><mspace width=\"1em\"/><mi>b</mi></math>",
                "<math><mi>a</mi><mspace width=\"1em\"></mspace><mi>b</mi></math>",
            ),
            // An equation number's anchor is the only `id` a post keeps.
            (
                "<mtable><mtr><mtd class=\"eqno\" id=\"eq:energy\">(1)</mtd></mtr></mtable>",
                "<mtable><mtr><mtd class=\"eqno\" id=\"eq:energy\">(1)</mtd></mtr></mtable>",
            ),
            (
                "<mtd id=\"main\">a</mtd><mtd id=\"eq:a b\">b</mtd><p id=\"eq:x\">c</p>",
                "<mtd>a</mtd><mtd>b</mtd><p>c</p>",
            ),
            (
                "<details open><summary>More</summary>Hidden</details>",
                "<details open=\"\"><summary>More</summary>Hidden</details>",
            ),
            ("<abbr title=\"HyperText\">HTML</abbr>", "<abbr title=\"HyperText\">HTML</abbr>"),
            (
                "<a href=\"https://example.com\">x</a>",
                "<a href=\"https://example.com\" rel=\"noopener noreferrer\">x</a>",
            ),
            (
                "<img src=\"/images/a.png\" alt=\"A\" width=\"10\">",
                "<img src=\"/images/a.png\" alt=\"A\" width=\"10\" loading=\"lazy\" decoding=\"async\">",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize_html(input), want, "{input}");
        }
    }

    #[test]
    fn removes_what_can_run_or_load_code() {
        let cases = [
            ("<script>alert(1)</script>after", "after"),
            ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ""),
            ("<style>body{display:none}</style>ok", "ok"),
            ("<iframe src=\"https://evil.example\"></iframe>", ""),
            ("<object data=x></object><embed src=x>", ""),
            ("<form action=x><input name=a></form>", ""),
            (
                "<img src=x onerror=alert(1)>",
                "<img src=\"x\" loading=\"lazy\" decoding=\"async\">",
            ),
            (
                "<b onclick=\"alert(1)\" style=\"background:url(x)\">b</b>",
                "<b>b</b>",
            ),
            ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
            (
                "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
                "<img loading=\"lazy\" decoding=\"async\">",
            ),
            ("<svg><script>alert(1)</script></svg>text", "text"),
            ("<!-- <script>alert(1)</script> -->ok", "ok"),
            (
                "<div id=\"location\" class=\"skip-link\">x</div>",
                "<div>x</div>",
            ),
            (
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                // MathML is kept as maths; the link it tried to carry is not.
                "<math><mi>x</mi></math>",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize_html(input), want, "{input}");
        }
    }

    #[test]
    fn output_is_well_nested_and_cannot_close_its_container() {
        assert_eq!(sanitize_html("</div></article>text"), "text");
        assert_eq!(sanitize_html("<b><i>x</b>y"), "<b><i>x</i></b>y");
        assert_eq!(
            sanitize_html("<details><summary>s"),
            "<details><summary>s</summary></details>"
        );
        assert_eq!(
            sanitize_html("a < b and <3 and <"),
            "a &lt; b and &lt;3 and &lt;"
        );
    }

    #[test]
    fn keeps_state_across_fragments() {
        let mut s = Sanitizer::new();
        assert_eq!(s.feed("<script>"), vec![]);
        assert!(s.is_skipping());
        assert_eq!(s.feed("alert(1)"), vec![]);
        assert_eq!(s.feed("</script>"), vec![]);
        assert!(!s.is_skipping());
        assert_eq!(s.feed("<kbd>"), vec![Piece::Markup("<kbd>".into())]);
        assert_eq!(s.finish(), vec![Piece::Markup("</kbd>".into())]);
    }

    #[test]
    fn sanitizing_its_own_output_changes_nothing() {
        let inputs = [
            "<b>x</b><script>y</script><img src=/a.png onerror=z><a href=https://e.x>l</a>",
            "<details open><summary>s</summary><p>p &amp; q &lt;r&gt;</p></details>",
            "<<b>>a &#60;script&#62; <i title='\"q\"'>t</i>",
        ];
        for input in inputs {
            let once = sanitize_html(input);
            assert_eq!(sanitize_html(&once), once, "{input}");
        }
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("a&amp;b&#60;&#x3E;&colon;&unknown;&"),
            "a&b<>:&unknown;&"
        );
        assert_eq!(decode_entities("&#0;&#x110000;"), "\u{fffd}\u{fffd}");
    }
}
