//! kramdown's own syntax (Jekyll's default Markdown): attribute lists (`{: .class #id
//! key="value"}`) after or before a block and after a span, and the extensions
//! `{::comment}`, `{::options}`, `{::nomarkdown}` and `{:toc}`. Nothing of it shows as
//! text: theme classes that mean a callout become our callouts, an image keeps its width
//! and height, a heading its id, and the rest is dropped with a note.
//!
//! Syntax: <https://kramdown.gettalong.org/syntax.html#inline-attribute-lists> and
//! <https://kramdown.gettalong.org/syntax.html#extensions>.

use super::body::Body;
use super::prose::outside_code;
use super::Note;

/// What an attribute list says: `.class`, `#id` and `key="value"` (or `key='value'`,
/// `key=value`), in order; a bare name refers to a definition (`{:name: …}`) and is kept
/// among the classes it would give, unknown.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Attributes {
    pub(super) classes: Vec<String>,
    pub(super) id: Option<String>,
    pub(super) pairs: Vec<(String, String)>,
}

/// The attribute list `{: …}` or `{:…}` that `text` is (trimmed), if it is one: not an
/// extension (`{::name}`), not a definition (`{:name: …}`), not `{:toc}`.
pub(super) fn attribute_list(text: &str) -> Option<Attributes> {
    let inner = text.trim().strip_prefix("{:")?.strip_suffix('}')?;
    if inner.starts_with(':') || inner.starts_with('/') || inner.trim() == "toc" {
        return None;
    }
    // Some themes' posts close the list with `:}` (`{: .left :}`), which kramdown reads.
    parse(inner.trim_end().strip_suffix(':').unwrap_or(inner))
}

/// Python-Markdown's attribute list (MkDocs, Pelican), whose colon is optional:
/// `{ .md-button }`, `{ width="300" loading=lazy }`, `{#intro}`. Without the colon only
/// `.class`, `#id` and `key=value` count, so `{ braces }` in prose stay text. Source:
/// <https://python-markdown.github.io/extensions/attr_list/>.
fn loose_attribute_list(text: &str) -> Option<Attributes> {
    let text = text.trim();
    if text.starts_with("{:") {
        return attribute_list(text);
    }
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    if inner.trim().is_empty() {
        return None;
    }
    let found = parse(inner)?;
    // A bare word is read as a class by kramdown; here it means prose.
    found
        .classes
        .iter()
        .all(|c| inner.contains(&format!(".{c}")))
        .then_some(found)
}

/// The attributes of the inside of a list (after `{:`, before `}`); `None` when it does not
/// read as one (a definition, or text that only looks like it).
fn parse(inner: &str) -> Option<Attributes> {
    let mut found = Attributes::default();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let end = token_end(rest)?;
        let token = &rest[..end];
        rest = rest[end..].trim_start();
        if let Some(classes) = token.strip_prefix('.') {
            // Chained, `.mx-auto.d-block`, they are several classes.
            let classes = classes.split('.').filter(|c| !c.is_empty());
            found.classes.extend(classes.map(str::to_string));
        } else if let Some(id) = token.strip_prefix('#') {
            found.id = Some(id.to_string());
        } else if let Some((key, value)) = token.split_once('=') {
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            found.pairs.push((key.to_string(), value.to_string()));
        } else if token.ends_with(':') {
            return None; // `{:name: …}` defines a list; it is no list itself.
        } else if token
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        {
            found.classes.push(token.to_string());
        } else {
            return None;
        }
    }
    Some(found)
}

/// Whether `text` is an attribute list definition, `{:name: .class key="v"}`.
fn is_definition(text: &str) -> bool {
    text.strip_prefix("{:")
        .and_then(|t| t.strip_suffix('}'))
        .and_then(|inner| inner.split_once(':'))
        .is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        })
}

/// Where the token at the start of `text` ends: at a space outside quotes.
fn token_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => return Some(at),
            _ => {}
        }
    }
    quote.is_none().then_some(text.len())
}

/// The callout a theme's class stands for (Chirpy's `prompt-*`, Minimal Mistakes'
/// `notice--*`, al-folio's `block-*`, `box-*`, Hydejack's `note` and `message`, Just the
/// Docs' `note`, `warning`…), as a GitHub alert.
pub(super) fn callout(class: &str) -> Option<&'static str> {
    let kind = class
        .strip_prefix("prompt-")
        .or_else(|| class.strip_prefix("notice--"))
        .or_else(|| class.strip_prefix("block-"))
        .or_else(|| class.strip_prefix("box-"))
        .unwrap_or(class);
    // Any class could follow the prefixes: only these name a callout.
    matches!(
        kind,
        "notice"
            | "note"
            | "info"
            | "primary"
            | "highlight"
            | "message"
            | "tip"
            | "success"
            | "new"
            | "warning"
            | "warn"
            | "danger"
            | "error"
            | "caution"
            | "important"
    )
    .then(|| super::admonitions::kind_of(kind))
}

/// Classes that change only how a theme lays something out, dropped without a word: a
/// note for each would say nothing an author can act on.
fn is_layout(class: &str) -> bool {
    matches!(
        class,
        "no_toc"
            | "align-center"
            | "align-left"
            | "align-right"
            | "left"
            | "right"
            | "center"
            | "shadow"
            | "normal"
            | "full"
            | "lead"
            | "text-center"
            | "mx-auto"
            | "d-block"
            | "img-fluid"
            | "rounded"
            // MkDocs Material's buttons: the link stays a link.
            | "md-button"
            | "md-button--primary"
    ) || class.starts_with("w-")
        || class.starts_with("rounded-")
        || class.starts_with("fs-")
        || class.starts_with("mb-")
        || class.starts_with("mt-")
}

impl Body {
    /// Carries kramdown's syntax over (see the module's documentation); returns whether
    /// the post asks for a table of contents (`{:toc}`).
    pub(super) fn kramdown(&mut self, notes: &mut Vec<Note>) -> bool {
        let mut toc = false;
        self.extensions();
        self.markdown_inside_html();
        let prose = self.prose_lines();
        let count = self.line_count();
        let blank = |body: &Body, i: usize| body.line(i).1.trim().is_empty();
        for (at, &i) in prose.iter().enumerate() {
            let (number, text) = self.line(i);
            let text = text.to_string();
            let trimmed = text.trim();
            if matches!(trimmed, "{:toc}" | "{: toc}" | "{:toc }" | "{: toc }") {
                // `* Contents` above it is the list kramdown replaces with the table.
                if at > 0 && prose[at - 1] + 1 == i {
                    let above = self.line(i - 1).1.trim_start();
                    if above.starts_with(['*', '-', '+']) || above.starts_with("1.") {
                        self.line_mut(i - 1).clear();
                    }
                }
                self.line_mut(i).clear();
                toc = true;
                continue;
            }
            // `{:name: .class}` defines attributes for `{: name}` to use: no text of its own.
            if is_definition(trimmed) {
                self.line_mut(i).clear();
                continue;
            }
            if let Some(attributes) = attribute_list(trimmed) {
                self.line_mut(i).clear();
                // After a block (no blank line between), it is that block's; else the next's.
                let after = i > 0 && !blank(self, i - 1);
                let block = if after {
                    let mut first = i - 1;
                    while first > 0 && !blank(self, first - 1) {
                        first -= 1;
                    }
                    Some((first, i - 1))
                } else if i + 1 < count && !blank(self, i + 1) {
                    let mut last = i + 1;
                    while last + 1 < count && !blank(self, last + 1) {
                        last += 1;
                    }
                    Some((i + 1, last))
                } else {
                    None
                };
                self.apply(block, attributes, number, notes);
                continue;
            }
            if text.contains('{') {
                let mut dropped = Vec::new();
                let line = outside_code(&text, |part| span_lists(part, &mut dropped));
                *self.line_mut(i) = line;
                note_classes(&dropped, number, notes);
            }
        }
        toc
    }

    /// Applies a block's attribute list to lines `first..=last` (none: nothing to apply to).
    fn apply(
        &mut self,
        block: Option<(usize, usize)>,
        attributes: Attributes,
        number: usize,
        notes: &mut Vec<Note>,
    ) {
        let Some((first, last)) = block else {
            note_classes(&attributes.classes, number, notes);
            return;
        };
        let mut dropped = Vec::new();
        let mut kind = None;
        for class in &attributes.classes {
            match callout(class) {
                Some(k) if kind.is_none() => kind = Some(k),
                _ => dropped.push(class.clone()),
            }
        }
        let heading = self.line(first).1.trim_start().starts_with('#') && first == last;
        if let Some(kind) = kind {
            let quoted = (first..=last).all(|j| self.line(j).1.trim_start().starts_with('>'));
            for j in first..=last {
                if !quoted {
                    let line = self.line_mut(j);
                    *line = format!("> {line}");
                }
            }
            let line = self.line_mut(first);
            *line = format!("> [!{kind}]\n{line}");
        } else if let (true, Some(id)) = (heading, &attributes.id) {
            let line = self.line_mut(first);
            if !line.trim_end().ends_with('}') {
                *line = format!("{} {{#{id}}}", line.trim_end());
            }
        } else if first == last {
            // An image alone in its paragraph: its size is kept.
            let line = self.line(first).1.to_string();
            let sized = sized_image(line.trim(), &attributes.pairs);
            if let Some(html) = sized {
                *self.line_mut(first) = html;
            }
        }
        note_classes(&dropped, number, notes);
    }

    /// `<div markdown="1">` (or `"block"`): kramdown reads what the element holds as
    /// Markdown. CommonMark does so when blank lines part it from the tags, so the attribute
    /// goes and blank lines come after the opening tag and before its closing one.
    fn markdown_inside_html(&mut self) {
        let prose = self.prose_lines();
        let mut open: Vec<String> = Vec::new();
        for &i in &prose {
            let text = self.line(i).1.to_string();
            let trimmed = text.trim_start();
            if let Some(name) = open.last().cloned() {
                if trimmed.starts_with(&format!("</{name}>")) {
                    open.pop();
                    *self.line_mut(i) = format!("\n{text}");
                    continue;
                }
            }
            // Python-Markdown's `md_in_html` (MkDocs) writes the attribute bare:
            // `<figure markdown>`, `<div markdown>`.
            let bare = || {
                // Only inside the opening tag: "markdown" in its text is a word.
                let tag = &text[..text.find('>')?];
                let at = tag.find(" markdown")?;
                let after = text[at + 9..].chars().next()?;
                matches!(after, '>' | ' ' | '/').then_some((at + 1, 8))
            };
            let Some(at) = [
                "markdown=\"1\"",
                "markdown='1'",
                "markdown=\"block\"",
                "markdown=\"span\"",
                "markdown=1",
            ]
            .iter()
            .find_map(|attribute| text.find(attribute).map(|at| (at, attribute.len())))
            .or_else(bare) else {
                continue;
            };
            if !trimmed.starts_with('<') {
                continue;
            }
            let name: String = trimmed[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let (start, len) = at;
            let without = format!("{}{}", text[..start].trim_end(), &text[start + len..]);
            let closes_here = without.contains(&format!("</{name}>"));
            *self.line_mut(i) = if closes_here {
                without
            } else {
                open.push(name);
                format!("{without}\n")
            };
        }
    }

    /// `{::comment}…{:/comment}` and `{::options … /}` go; `{::nomarkdown}` and its end
    /// go, what is between them stays (raw HTML, shown as such).
    fn extensions(&mut self) {
        let mut in_comment = false;
        let prose = self.prose_lines();
        for i in 0..self.line_count() {
            // Inside a comment every line goes, indented or fenced ones too.
            if !in_comment && prose.binary_search(&i).is_err() {
                continue;
            }
            let line = self.line_mut(i);
            if !in_comment && !line.contains("{::") && !line.contains("{:/") {
                continue;
            }
            let mut out = String::with_capacity(line.len());
            let mut rest = line.as_str();
            loop {
                if in_comment {
                    match rest.find("{:/comment}").or_else(|| rest.find("{:/}")) {
                        Some(end) => {
                            let close = rest[end..].find('}').map_or(rest.len(), |c| end + c + 1);
                            rest = &rest[close..];
                            in_comment = false;
                        }
                        None => break,
                    }
                    continue;
                }
                let Some(start) = rest.find("{::").or_else(|| rest.find("{:/")) else {
                    out.push_str(rest);
                    break;
                };
                out.push_str(&rest[..start]);
                let tag = &rest[start..];
                let Some(close) = tag.find('}') else {
                    out.push_str(tag);
                    break;
                };
                let inside = &tag[3..close];
                let name = inside.split([' ', '/']).next().unwrap_or_default();
                if tag.starts_with("{::") && name == "comment" && !inside.ends_with('/') {
                    in_comment = true;
                }
                rest = &tag[close + 1..];
            }
            *line = out;
        }
    }
}

/// `part` of a line (outside code) without its span attribute lists: an image's width and
/// height are kept (as an `<img>`), other attributes go; dropped classes are added to
/// `dropped`.
fn span_lists(part: &str, dropped: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(start) = rest.find('{') {
        let Some(close) = rest[start..].find('}') else {
            break;
        };
        // A span list follows its element directly: `)`, `]`, `*`, `_` or a backtick
        // (`{:.2f}` after a space is a format string).
        let follows = rest[..start]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, ')' | ']' | '*' | '_' | '`'));
        // Without its colon (Python-Markdown) only after a link or an image: after `_` or
        // `*` it is as likely TeX (`\sum_{i=1}`) as emphasis.
        let candidate = &rest[start..start + close + 1];
        let after_link = rest[..start].ends_with([')', ']']);
        let listed = follows
            .then(|| {
                if candidate.starts_with("{:") {
                    attribute_list(candidate)
                } else if after_link {
                    loose_attribute_list(candidate)
                } else {
                    None
                }
            })
            .flatten();
        let Some(attributes) = listed else {
            out.push_str(&rest[..=start]);
            rest = &rest[start + 1..];
            continue;
        };
        let before = &rest[..start];
        // A span list follows its element directly: `![a](b.png){: width="9"}`.
        let image = before
            .ends_with(')')
            .then(|| image_at_end(before))
            .flatten();
        match image {
            Some(at) if attributes.pairs.iter().any(|(k, _)| is_size(k)) => {
                out.push_str(&before[..at]);
                match sized_image(&before[at..], &attributes.pairs) {
                    Some(html) => out.push_str(&html),
                    None => out.push_str(&before[at..]),
                }
            }
            _ => out.push_str(before),
        }
        dropped.extend(attributes.classes.into_iter().filter(|c| !is_layout(c)));
        rest = &rest[start + close + 1..];
    }
    out.push_str(rest);
    out
}

fn is_size(key: &str) -> bool {
    key == "width" || key == "height"
}

/// Where a Markdown image `![alt](src)` that ends `text` starts.
fn image_at_end(text: &str) -> Option<usize> {
    let open = text.rfind("](")?;
    let start = text[..open].rfind("![")?;
    (!text[start + 2..open].contains(']')).then_some(start)
}

/// The image `![alt](src "title")` that `text` is, as an `<img>` with the width and height
/// of `pairs`; `None` when `text` is no such image or `pairs` has neither.
fn sized_image(text: &str, pairs: &[(String, String)]) -> Option<String> {
    let sizes: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| is_size(k)).collect();
    if sizes.is_empty() {
        return None;
    }
    let rest = text.strip_prefix("![")?;
    let (alt, rest) = rest.split_once("](")?;
    let target = rest.strip_suffix(')')?;
    let src = target.split_whitespace().next()?;
    let src = src.trim_start_matches('<').trim_end_matches('>');
    let attribute = |text: &str| {
        text.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    let mut html = format!("<img src=\"{}\" alt=\"{}\"", attribute(src), attribute(alt));
    for (key, value) in sizes {
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty()
            && value
                .trim_end_matches("px")
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            html.push_str(&format!(" {key}=\"{digits}\""));
        }
    }
    html.push('>');
    Some(html)
}

/// One note for the classes of one attribute list that nothing here shows.
fn note_classes(classes: &[String], line: usize, notes: &mut Vec<Note>) {
    let shown: Vec<String> = classes
        .iter()
        .filter(|c| !is_layout(c))
        .map(|c| format!(".{c}"))
        .collect();
    if shown.is_empty() {
        return;
    }
    notes.push(Note {
        line: Some(line),
        message: format!(
            "kramdown class {} is dropped: this blog's stylesheet has no such class",
            shown.join(" ")
        ),
    });
}
