//! MDX (Docusaurus, Gatsby, Astro, Nextra) read as the Markdown it holds: `import` and
//! `export` statements go (they load code), JSX components that wrap Markdown keep what
//! they wrap — tab sets show each tab under its label, `<Admonition>` and its kin become
//! callouts — and the common embed components become links. Other components have no
//! Markdown form and are left out with a note. Source: <https://mdxjs.com/docs/what-is-mdx/>,
//! <https://docusaurus.io/docs/markdown-features/tabs>,
//! <https://docusaurus.io/docs/markdown-features/admonitions#usage-in-jsx>.

use super::admonitions::html_callout;
use super::body::{escape_markdown, fence_marker, Body};
use super::prose::outside_code;
use super::Note;

/// An open component whose closing tag writes something: its name, what the closing
/// becomes, and how far its children are indented (MDX has no indented code, so authors
/// indent JSX children freely).
struct Open {
    name: String,
    close: String,
    indent: Option<usize>,
}

/// Components that wrap a tab: their label attribute, in order of preference.
const TAB_LABELS: &[&str] = &["label", "title", "value"];

/// Whether `body` uses MDX's `import … from "…"` at the start of a line outside code:
/// Docusaurus reads `.md` files as MDX too, and authors import components there.
pub(super) fn uses_mdx(body: &Body) -> bool {
    body.prose_lines().into_iter().any(|i| {
        let line = body.line(i).1;
        line.starts_with("import ")
            && line.contains(" from ")
            && line.trim_end().trim_end_matches(';').ends_with(['"', '\''])
    })
}

impl Body {
    /// MDX's statements and components, as the module's documentation says.
    pub(super) fn strip_mdx(&mut self, notes: &mut Vec<Note>) {
        self.unwrap_mdx_code_blocks();
        let prose = self.prose_lines();
        let mut in_statement = false;
        let mut open: Vec<Open> = Vec::new();
        // An opening tag over several lines, from its first line on.
        let mut pending: Option<(usize, usize, String)> = None;
        for i in prose {
            let (number, line) = self.line(i);
            let line = line.to_string();
            if let Some((first, first_number, mut tag)) = pending.take() {
                tag.push('\n');
                tag.push_str(&line);
                self.line_mut(i).clear();
                match tag_end(&tag) {
                    Some(end) => {
                        let converted = component(&tag, end, first_number, &mut open, notes);
                        *self.line_mut(first) = converted;
                    }
                    None => pending = Some((first, first_number, tag)),
                }
                continue;
            }
            if line.contains("require(") || line.contains("useBaseUrl(") {
                *self.line_mut(i) = static_paths(&line);
            }
            let line = self.line(i).1.to_string();
            let trimmed = line.trim_start();
            if in_statement {
                // MDX ends an `import`/`export` block at a blank line, whatever it holds.
                in_statement = !trimmed.is_empty() && !ends_statement(trimmed);
                self.line_mut(i).clear();
                continue;
            }
            if trimmed.starts_with("import ") || trimmed.starts_with("export ") {
                in_statement = !ends_statement(trimmed);
                self.line_mut(i).clear();
                continue;
            }
            // A closing tag of a component.
            if let Some(name) = trimmed
                .strip_prefix("</")
                .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
            {
                let name: String = name.chars().take_while(|&c| is_name(c)).collect();
                let after = trimmed[2 + name.len()..].trim_start();
                let after = after.strip_prefix('>').unwrap_or(after);
                let close = match open.iter().rposition(|o| o.name == name) {
                    Some(at) => open.remove(at).close,
                    None => String::new(),
                };
                *self.line_mut(i) = format!("{close}{after}");
                continue;
            }
            let starts_component = trimmed
                .strip_prefix('<')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()));
            if !starts_component {
                let trimmed = line.trim_start();
                // A child line of open components: out of its JSX indentation.
                if let Some(o) = open.last_mut() {
                    // ASCII spaces and tabs only: a no-break space is text.
                    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                    if !trimmed.is_empty() {
                        let strip = *o.indent.get_or_insert(indent);
                        let cut = indent.min(strip);
                        *self.line_mut(i) = line[cut..].to_string();
                    }
                }
                continue;
            }
            match tag_end(trimmed) {
                Some(end) => {
                    let converted = component(trimmed, end, number, &mut open, notes);
                    *self.line_mut(i) = converted;
                }
                None => {
                    pending = Some((i, number, trimmed.to_string()));
                    self.line_mut(i).clear();
                }
            }
        }
    }
}

/// What the component whose opening tag is `text[..end]` becomes, with the rest of
/// its line after it.
fn component(
    text: &str,
    end: usize,
    line: usize,
    open: &mut Vec<Open>,
    notes: &mut Vec<Note>,
) -> String {
    let tag = &text[..end];
    let mut after = text[end..].to_string();
    let self_closing = tag.ends_with("/>");
    let name: String = tag[1..].chars().take_while(|&c| is_name(c)).collect();
    let attributes = attributes(&tag[1 + name.len()..]);
    let attribute = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            attributes
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
        })
    };
    // Closed on the same line: what it wraps is the rest up to its closing tag.
    let closing = format!("</{name}>");
    let closed_here = !self_closing && after.contains(&closing);
    let mut wrap = |opening: String, close: String| {
        if closed_here {
            after = after.replacen(&closing, &close, 1);
        } else if !self_closing {
            open.push(Open {
                name: name.clone(),
                close,
                indent: None,
            });
        }
        format!("{opening}{after}")
    };
    let simple = name.rsplit('.').next().unwrap_or(&name);
    match simple {
        // Docusaurus' `Tabs`/`TabItem`, Starlight's `Tabs`/`TabItem`, Nextra's `Tabs.Tab`.
        "Tabs" | "TabGroup" | "CodeGroup" => wrap(String::new(), String::new()),
        "TabItem" | "Tab" => {
            let label = attribute(TAB_LABELS).unwrap_or_default();
            let opening = if label.is_empty() {
                String::new()
            } else {
                format!("**{}**\n\n", escape_markdown(&label))
            };
            wrap(opening, String::new())
        }
        // Docusaurus' `<Admonition type="tip" title="…">`, Nextra's `<Callout
        // type="warning">`, Starlight's `<Aside type="caution" title="…">`.
        "Admonition" | "Callout" | "Aside" => {
            let kind = attribute(&["type", "variant", "kind"]).unwrap_or_else(|| "note".into());
            let title = attribute(&["title"]);
            let (opening, close) = html_callout(&kind, title.as_deref());
            wrap(format!("{opening}\n"), format!("\n{close}\n"))
        }
        "Details" => {
            let summary = attribute(&["summary", "title"]).unwrap_or_else(|| "Details".into());
            wrap(
                format!(
                    "<details><summary>{}</summary>\n\n",
                    blog_core::html::escape(&summary)
                ),
                "\n</details>".to_string(),
            )
        }
        // Video and post embeds of MDX blogs (gatsby-plugin-mdx-embed, Docusaurus
        // sites' own, react-lite-youtube-embed) become links, as Hugo's do here.
        "YouTube" | "Youtube" | "LiteYouTubeEmbed" | "YoutubeEmbed" | "YouTubeEmbed" => {
            match attribute(&["id", "videoId", "youtubeId", "youTubeId"]) {
                Some(id) => wrap(
                    format!("[▶ Watch on YouTube](https://www.youtube.com/watch?v={id})"),
                    String::new(),
                ),
                None => left_out(&name, line, notes, after),
            }
        }
        "Tweet" | "TweetEmbed" => match attribute(&["id", "tweetId", "tweetLink"]) {
            Some(id) if id.contains("://") => wrap(format!("[Post on X]({id})"), String::new()),
            Some(id) => wrap(
                format!("[Post on X](https://x.com/i/status/{id})"),
                String::new(),
            ),
            None => left_out(&name, line, notes, after),
        },
        // VitePress' and others' badges: their text, marked.
        "Badge" => match attribute(&["text"]) {
            Some(text) => wrap(
                format!("<mark>{}</mark>", blog_core::html::escape(&text)),
                String::new(),
            ),
            None => wrap(String::new(), String::new()),
        },
        _ if self_closing => left_out(&name, line, notes, after),
        _ => {
            notes.push(Note {
                line: Some(line),
                message: format!(
                    "MDX component <{name}> has no Markdown form: its tags are left out and what it wraps is kept"
                ),
            });
            wrap(String::new(), String::new())
        }
    }
}

/// A component with nothing to keep: left out, with a note; the rest of its line stays.
fn left_out(name: &str, line: usize, notes: &mut Vec<Note>, after: String) -> String {
    notes.push(Note {
        line: Some(line),
        message: format!("MDX component <{name}> is left out: it is code, with no Markdown form"),
    });
    after
}

/// `<Badge text="beta" />` inside a sentence (VitePress) as its text, marked.
fn inline_badges(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("<Badge") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some(end) = tag_end(tag) else {
            out.push_str(tag);
            return out;
        };
        let text = attributes(&tag[6..end])
            .into_iter()
            .find(|(name, _)| name == "text")
            .map(|(_, text)| text);
        if let Some(text) = text {
            out.push_str(&format!("<mark>{}</mark>", blog_core::html::escape(&text)));
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

impl Body {
    /// VitePress' `<Badge text="…" />` (Vue, in any Markdown file) as its text, marked.
    pub(super) fn badges(&mut self) {
        for i in self.prose_lines() {
            let line = self.line(i).1;
            if line.contains("<Badge") {
                let changed = outside_code(line, inline_badges);
                *self.line_mut(i) = changed;
            }
        }
    }

    /// Docusaurus' ```` ```mdx-code-block ```` fences hold MDX to render, not code: their
    /// fence lines go.
    fn unwrap_mdx_code_blocks(&mut self) {
        let mut i = 0;
        while i < self.line_count() {
            let line = self.line(i).1.trim_start().to_string();
            let Some(marker) = fence_marker(&line).map(str::to_string) else {
                i += 1;
                continue;
            };
            let end = (i + 1..self.line_count()).find(|&j| {
                let l = self.line(j).1.trim();
                l.starts_with(marker.as_str())
                    && l.trim_start_matches(marker.chars().next().unwrap_or('`'))
                        .is_empty()
            });
            let Some(end) = end else {
                return;
            };
            if line[marker.len()..].trim() == "mdx-code-block" {
                self.line_mut(i).clear();
                self.line_mut(end).clear();
            }
            i = end + 1;
        }
    }
}

/// Docusaurus' ways of naming a file of its `static/` folder in JSX and Markdown:
/// `require('@site/static/img/a.png').default` and `useBaseUrl('/img/a.png')`, as the
/// site path (`/img/a.png`); inside `{…}` as a quoted attribute value.
fn static_paths(line: &str) -> String {
    let mut out = line.to_string();
    for (call, prefix) in [("require(", "@site/static/"), ("useBaseUrl(", "")] {
        let mut from = 0;
        while let Some(found) = out[from..].find(call) {
            let at = from + found;
            let args = &out[at + call.len()..];
            let quote = args
                .chars()
                .next()
                .filter(|c| matches!(c, '\'' | '"' | '`'));
            let Some(quote) = quote else {
                from = at + call.len();
                continue;
            };
            let Some(len) = args[1..].find(quote) else {
                break;
            };
            let path = &args[1..=len];
            let Some(site) = path.strip_prefix(prefix) else {
                from = at + call.len();
                continue;
            };
            let mut end = at + call.len() + len + 2;
            if !out[end..].starts_with(')') {
                from = end;
                continue;
            }
            end += 1;
            if out[end..].starts_with(".default") {
                end += 8;
            }
            let site = format!("/{}", site.trim_start_matches('/'));
            // `src={require(…)}`: the braces go, the value is quoted.
            let (start, end, value) = if out[..at].ends_with('{') && out[end..].starts_with('}') {
                (at - 1, end + 1, format!("\"{site}\""))
            } else {
                (at, end, site)
            };
            out.replace_range(start..end, &value);
            from = start + value.len();
        }
    }
    out
}

/// Whether `c` may be in a component's name (`Tabs`, `Tabs.Tab`, `My_Thing`).
fn is_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_'
}

/// Where the opening tag at the start of `text` ends (after its `>`), passing over quoted
/// attribute values and `{…}` expressions; `None` when it goes on past `text`.
fn tag_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') if depth > 0 || text[..i].ends_with('=') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth = depth.saturating_sub(1),
            (None, '>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Where the `{…}` group at the start of `text` ends (after its `}`), passing over
/// strings inside it; the end of `text` when it never closes.
fn brace_end(text: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// A tag's attributes with plain values: `label="A"`, `title='B'`, `id={"x"}`, `default`.
/// Values that are expressions (`{items}`) are left out.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text.trim_start();
    while let Some(c) = rest.chars().next() {
        if c == '/' || c == '>' {
            break;
        }
        let name: String = rest
            .chars()
            .take_while(|&c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
            .collect();
        if name.is_empty() {
            // Something else (`{...props}`): past it.
            let skip = if c == '{' {
                brace_end(rest)
            } else {
                c.len_utf8()
            };
            rest = rest[skip.min(rest.len())..].trim_start();
            continue;
        }
        rest = rest[name.len()..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            found.push((name, String::new()));
            continue;
        };
        let value = value.trim_start();
        let (text, len) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                Some(end) => (Some(value[1..=end].to_string()), end + 2),
                None => (None, value.len()),
            },
            Some('{') => {
                let end = brace_end(value);
                let inner = value[1..end.max(2) - 1].trim();
                let quoted = inner
                    .strip_prefix(['"', '\'', '`'])
                    .and_then(|v| v.strip_suffix(['"', '\'', '`']))
                    .filter(|v| !v.contains(['"', '\'', '`', '$']));
                let number = inner.parse::<f64>().is_ok().then_some(inner);
                (quoted.or(number).map(str::to_string), end)
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(value.len());
                (Some(value[..end].to_string()), end)
            }
        };
        if let Some(text) = text {
            found.push((name, text));
        }
        rest = value[len.min(value.len())..].trim_start();
    }
    found
}

/// Whether an `import`/`export` line (or the last line of one over several lines) ends.
fn ends_statement(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(';') || line.contains(" from ") || line.ends_with('\'') || line.ends_with('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mdx(text: &str) -> (String, Vec<Note>) {
        let mut body = Body::new(text, 1);
        body.set_mdx();
        let mut notes = Vec::new();
        body.strip_mdx(&mut notes);
        body.badges();
        (body.finish().0, notes)
    }

    /// Docusaurus' tabs: each tab's Markdown under its label, out of the JSX indentation.
    #[test]
    fn docusaurus_tabs_keep_every_tab_under_its_label() {
        let text = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n<Tabs groupId=\"os\">\n  <TabItem value=\"mac\" label=\"macOS\" default>\n\n    Install with **brew**.\n\n  </TabItem>\n  <TabItem value=\"linux\">\n    Use the package manager.\n  </TabItem>\n</Tabs>\n\nAfter.\n";
        let (out, notes) = mdx(text);
        let html = blog_core::markdown::render(&out).html;
        assert!(html.contains("<strong>macOS</strong>"), "{html}");
        assert!(
            html.contains("<p>Install with <strong>brew</strong>.</p>"),
            "{html}"
        );
        assert!(html.contains("<strong>linux</strong>"), "{html}");
        assert!(html.contains("Use the package manager."), "{html}");
        assert!(!html.contains("<pre"), "children are no code: {html}");
        assert!(
            !html.contains("TabItem") && !html.contains("import"),
            "{html}"
        );
        assert!(html.contains("<p>After.</p>"), "{html}");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn mdx_admonitions_embeds_and_unknown_components() {
        let text = "<Admonition type=\"warning\" title=\"Mind the gap\">\n  Step **carefully**.\n</Admonition>\n\n<YouTube id=\"abc123\" />\n\n<Chart\n  data={[1, 2, 3]}\n  title=\"Sales\"\n/>\n\n<Highlight color=\"#25c2a0\">\nKept words.\n</Highlight>\n\nA <Badge text=\"beta\" /> label.\n";
        let (out, notes) = mdx(text);
        let html = blog_core::markdown::render(&out).html;
        assert!(html.contains("callout-warning"), "{html}");
        assert!(html.contains("Mind the gap"), "{html}");
        assert!(html.contains("Step <strong>carefully</strong>."), "{html}");
        assert!(
            html.contains("href=\"https://www.youtube.com/watch?v=abc123\""),
            "{html}"
        );
        assert!(!html.contains("Sales") && !html.contains("data="), "{html}");
        assert!(html.contains("Kept words."), "{html}");
        let lines: Vec<Option<usize>> = notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [Some(7), Some(12)], "{notes:?}");
        assert!(notes[0].message.contains("<Chart>"), "{notes:?}");
        // A badge inside a sentence keeps its text.
        assert!(out.contains("A <mark>beta</mark> label."), "{out}");
    }

    /// Docusaurus: `static/` files by `require` and `useBaseUrl`, and MDX inside
    /// ```` ```mdx-code-block ```` fences.
    #[test]
    fn docusaurus_static_paths_and_mdx_code_blocks() {
        let text = "<img src={require('@site/static/img/owl.png').default} alt=\"Owl\" />\n\n![Map](require('@site/static/img/map.png').default)\n\n<img src={useBaseUrl('/img/x.svg')} />\n\n```mdx-code-block\nimport Tabs from '@theme/Tabs';\n\n<Tabs>\n<TabItem label=\"One\">\n\nFirst.\n\n</TabItem>\n</Tabs>\n```\n\n```js\nconst x = require('./y');\n```\n";
        let (out, _) = mdx(text);
        assert!(
            out.contains("<img src=\"/img/owl.png\" alt=\"Owl\" />"),
            "{out}"
        );
        assert!(out.contains("![Map](/img/map.png)"), "{out}");
        assert!(out.contains("<img src=\"/img/x.svg\" />"), "{out}");
        assert!(out.contains("**One**") && out.contains("First."), "{out}");
        assert!(
            !out.contains("mdx-code-block") && !out.contains("import Tabs"),
            "{out}"
        );
        assert!(out.contains("const x = require('./y');"), "{out}");
    }

    #[test]
    fn unicode_spaces_in_jsx_children_are_text() {
        let (out, _) = mdx("<Tabs>\n a\n\u{A0}b\n\u{3000}c\n</Tabs>\n");
        assert!(out.contains("a\n\u{A0}b\n\u{3000}c"), "{out:?}");
    }

    #[test]
    fn attributes_of_a_tag() {
        assert_eq!(
            attributes(" value=\"a\" label='B c' default id={\"x\"} items={list} n={3} />"),
            [
                ("value".to_string(), "a".to_string()),
                ("label".to_string(), "B c".to_string()),
                ("default".to_string(), String::new()),
                ("id".to_string(), "x".to_string()),
                ("n".to_string(), "3".to_string()),
            ]
        );
        assert_eq!(tag_end("<A b={c > d} e=\">\">x"), Some(19));
        assert_eq!(tag_end("<A b=\"open"), None);
    }

    #[test]
    fn docusaurus_md_files_with_imports_are_mdx() {
        assert!(uses_mdx(&Body::new(
            "import Tabs from '@theme/Tabs';\n\nText.\n",
            1
        )));
        assert!(!uses_mdx(&Body::new(
            "import this is prose from a poem\n",
            1
        )));
        assert!(!uses_mdx(&Body::new(
            "```js\nimport x from \"y\";\n```\n",
            1
        )));
    }
}
