//! Python-Markdown's and PyMdown Extensions' syntax (MkDocs Material, Pelican) and the
//! abbreviations kramdown and PHP Markdown Extra share: content tabs (`=== "Label"`),
//! keys (`++ctrl+c++`), inserted text (`^^new^^`), and `*[HTML]: …` abbreviations.
//! Sources: <https://facelessuser.github.io/pymdown-extensions/extensions/tabbed/>,
//! <https://facelessuser.github.io/pymdown-extensions/extensions/keys/>,
//! <https://facelessuser.github.io/pymdown-extensions/extensions/caret/>,
//! <https://python-markdown.github.io/extensions/abbreviations/>.

use super::body::{escape_markdown, Body};
use super::prose::outside_code;

impl Body {
    /// Content tabs: each tab's label in bold, then what it holds, out of its indentation
    /// (as a page without script would show every tab).
    pub(super) fn content_tabs(&mut self) {
        let prose = self.prose_lines();
        // The open tab's indentation (tabs nest in admonitions and lists).
        let mut inside: Option<String> = None;
        for i in 0..self.line_count() {
            let line = self.line(i).1.to_string();
            let indent: String = line.chars().take_while(|c| *c == ' ').collect();
            let label = prose
                .binary_search(&i)
                .is_ok()
                .then(|| tab_label(&line[indent.len()..]))
                .flatten();
            if let Some(label) = label {
                *self.line_mut(i) = format!("{indent}**{}**\n", escape_markdown(&label));
                inside = Some(indent);
                continue;
            }
            let Some(tab) = &inside else {
                continue;
            };
            if line.trim().is_empty() {
                continue;
            }
            let inner = line
                .strip_prefix(tab.as_str())
                .and_then(|l| l.strip_prefix("    ").or_else(|| l.strip_prefix('\t')));
            match inner {
                Some(inner) => *self.line_mut(i) = format!("{tab}{inner}"),
                None => inside = None,
            }
        }
    }

    /// Keys, inserted text and abbreviations (see the module's documentation).
    pub(super) fn pymdown_inline(&mut self) {
        let abbreviations = self.take_abbreviations();
        for i in self.prose_lines() {
            let line = self.line(i).1;
            if !line.contains("++") && !line.contains("^^") && abbreviations.is_empty() {
                continue;
            }
            let changed = outside_code(line, |text| {
                let text = keys(&inserted(text));
                abbreviate(&text, &abbreviations)
            });
            *self.line_mut(i) = changed;
        }
    }

    /// The `*[ABBR]: Full words` definition lines, taken out of the body.
    fn take_abbreviations(&mut self) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for i in self.prose_lines() {
            let line = self.line(i).1.trim();
            let Some((name, full)) = line
                .strip_prefix("*[")
                .and_then(|rest| rest.split_once("]:"))
            else {
                continue;
            };
            // `*[Update]: this is outdated.*` is an italic note, not a definition.
            if name.is_empty() || name.contains(']') || full.trim_end().ends_with('*') {
                continue;
            }
            found.push((name.to_string(), full.trim().to_string()));
            self.line_mut(i).clear();
        }
        found
    }
}

/// The label of a content tab's opening line: `=== "Label"`, `===! "Label"` (a new set),
/// `===+ "Label"` (the selected one).
fn tab_label(line: &str) -> Option<String> {
    let rest = line.strip_prefix("===")?;
    let rest = rest.strip_prefix(['!', '+']).unwrap_or(rest);
    let rest = rest.strip_prefix(' ')?.trim();
    let label = rest.strip_prefix('"')?.strip_suffix('"')?;
    Some(label.to_string())
}

/// `++ctrl+alt+del++` as `<kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd>`; a quoted key
/// (`++"My key"++`) as written.
fn keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("++") {
        let inner_start = start + 2;
        let Some(len) = rest[inner_start..].find("++") else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let names: Vec<&str> = inner.split('+').collect();
        let plain = !inner.is_empty()
            && names.iter().all(|n| {
                !n.is_empty()
                    && (n
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        || (n.len() > 1 && n.starts_with('"') && n.ends_with('"')))
            });
        if !plain {
            out.push_str(&rest[..inner_start]);
            rest = &rest[inner_start..];
            continue;
        }
        out.push_str(&rest[..start]);
        let shown: Vec<String> = names
            .iter()
            .map(|n| format!("<kbd>{}</kbd>", blog_core::html::escape(&key_name(n))))
            .collect();
        out.push_str(&shown.join("+"));
        rest = &rest[inner_start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// A key's name as pymdownx.keys shows it: its own words for the common ones, else the
/// name with a capital.
fn key_name(name: &str) -> String {
    if let Some(quoted) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        return quoted.to_string();
    }
    let known = match name.to_ascii_lowercase().as_str() {
        "ctrl" | "control" => "Ctrl",
        "alt" => "Alt",
        "shift" => "Shift",
        "cmd" | "command" => "Cmd",
        "opt" | "option" => "Option",
        "meta" | "super" => "Meta",
        "windows" | "win" => "Win",
        "del" | "delete" => "Del",
        "backspace" => "Backspace",
        "enter" | "return" => "Enter",
        "esc" | "escape" => "Esc",
        "tab" => "Tab",
        "space" => "Space",
        "up" | "arrow-up" => "Up",
        "down" | "arrow-down" => "Down",
        "left" | "arrow-left" => "Left",
        "right" | "arrow-right" => "Right",
        "page-up" => "Page Up",
        "page-down" => "Page Down",
        "home" => "Home",
        "end" => "End",
        "insert" | "ins" => "Ins",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| format!("{}{}", c.to_uppercase(), chars.as_str()))
        .unwrap_or_default()
}

/// `^^inserted^^` as `<ins>inserted</ins>`.
fn inserted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("^^") {
        let Some(len) = rest[start + 2..].find("^^") else {
            break;
        };
        let inner = &rest[start + 2..start + 2 + len];
        if inner.is_empty() || inner.starts_with(' ') || inner.ends_with(' ') {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        out.push_str(&format!("<ins>{inner}</ins>"));
        rest = &rest[start + 4 + len..];
    }
    out.push_str(rest);
    out
}

/// Each whole-word use of an abbreviation in `text` as `<abbr title="…">`, outside tags,
/// link addresses and bare URLs.
fn abbreviate(text: &str, abbreviations: &[(String, String)]) -> String {
    let mut text = text.to_string();
    for (name, full) in abbreviations {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (at, _) in text.match_indices(name.as_str()) {
            let before = &text[..at];
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            let in_tag = before.rfind('<') > before.rfind('>');
            let in_address = before.rfind("](") > before.rfind(')');
            let token_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            // Inside a bare URL: the word it is in started one before it.
            let in_url =
                text[token_start..at].contains("://") || text[token_start..at].starts_with("www.");
            if word(before.chars().next_back())
                || word(text[at + name.len()..].chars().next())
                || in_tag
                || in_address
                || in_url
            {
                continue;
            }
            out.push_str(&text[last..at]);
            out.push_str(&format!(
                "<abbr title=\"{}\">{name}</abbr>",
                blog_core::html::escape(full)
            ));
            last = at + name.len();
        }
        out.push_str(&text[last..]);
        text = out;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> String {
        let mut body = Body::new(text, 1);
        body.content_tabs();
        body.pymdown_inline();
        body.finish().0
    }

    #[test]
    fn mkdocs_content_tabs_show_every_tab_under_its_label() {
        let out = body("=== \"Python\"\n\n    ```py\n    print(1)\n    ```\n\n===+ \"Shell\"\n\n    Run **it**.\n\nAfter.\n");
        let html = blog_core::markdown::render(&out).html;
        assert!(html.contains("<p><strong>Python</strong></p>"), "{html}");
        assert!(html.contains("language-py"), "{html}");
        assert!(html.contains("<p><strong>Shell</strong></p>"), "{html}");
        assert!(html.contains("<p>Run <strong>it</strong>.</p>"), "{html}");
        assert!(html.contains("<p>After.</p>"), "{html}");
        assert!(!html.contains("==="), "{html}");
    }

    #[test]
    fn mkdocs_keys_insertions_and_abbreviations() {
        let out = body("See [the API](https://x.org/API/v1) and https://x.org/API too; the API.\n\n*[Update]: this is outdated.*\n\n*[API]: Application programming interface\n");
        assert!(
            out.contains("(https://x.org/API/v1)") && out.contains("https://x.org/API too"),
            "{out}"
        );
        assert!(
            out.contains("the <abbr title=\"Application programming interface\">API</abbr>.")
                && out.contains("[the <abbr"),
            "{out}"
        );
        assert!(out.contains("*[Update]: this is outdated.*"), "{out}");
        let out = body("Press ++ctrl+alt+del++ or ++cmd+\"My key\"++, not a++b or C++.\n\nThis ^^was added^^ and 2^^3 stays.\n\nThe HTML spec and HTML5 and `HTML`.\n\n*[HTML]: Hyper Text Markup Language\n");
        assert!(
            out.contains("Press <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd> or <kbd>Cmd</kbd>+<kbd>My key</kbd>, not a++b or C++."),
            "{out}"
        );
        assert!(
            out.contains("This <ins>was added</ins> and 2^^3 stays."),
            "{out}"
        );
        assert!(
            out.contains("The <abbr title=\"Hyper Text Markup Language\">HTML</abbr> spec and HTML5 and `HTML`."),
            "{out}"
        );
        assert!(!out.contains("*[HTML]"), "{out}");
    }
}
