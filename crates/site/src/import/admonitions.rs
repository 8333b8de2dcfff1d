//! Admonitions of every dialect, as this blog's callouts: Docusaurus' and VitePress'
//! `:::note[Title]` … `:::` fences (nested with more colons), MkDocs Material's
//! `!!! note "Title"` and collapsible `??? note` / `???+ note` blocks, and Obsidian's
//! `> [!tip]- Title` callouts with custom types and folding.
//!
//! A callout with its kind's own title and no folding is a GitHub alert (`> [!TIP]`);
//! one with a title of its own is a titled callout, and one that folds a `<details>`.
//! Syntax: <https://docusaurus.io/docs/markdown-features/admonitions>,
//! <https://vitepress.dev/guide/markdown#custom-containers>,
//! <https://squidfunk.github.io/mkdocs-material/reference/admonitions/>,
//! <https://help.obsidian.md/Editing+and+formatting/Callouts>.

use super::body::Body;

/// The GitHub alert kind (`NOTE`, `TIP`, `IMPORTANT`, `WARNING`, `CAUTION`) closest to an
/// admonition type of any dialect — and of Hugo themes' callout shortcodes and Jekyll
/// themes' callout classes, which use the same words; a type no dialect names (Obsidian's
/// custom ones) is a note. `caution` is a warning, as in MkDocs and Docusaurus.
pub(super) fn kind_of(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" | "new" => "TIP",
        "important" => "IMPORTANT",
        "warning" | "caution" | "attention" | "warn" => "WARNING",
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "CAUTION",
        _ => "NOTE",
    }
}

/// The opening and closing HTML of a callout of admonition type `name` (any dialect's)
/// titled `title`, or its type's name: for wrappers whose content cannot be quoted line by
/// line (MDX's `<Admonition>`).
pub(super) fn html_callout(name: &str, title: Option<&str>) -> (String, String) {
    let kind = kind_of(name);
    let title = title
        .map(str::to_string)
        .or_else(|| named(name))
        .unwrap_or_else(|| {
            let lower = kind.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| format!("{}{}", c.to_ascii_uppercase(), chars.as_str()))
                .unwrap_or_default()
        });
    Found {
        kind,
        title: Some(title),
        fold: Fold::None,
    }
    .open_close()
}

/// How a callout folds: not at all, closed, or open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fold {
    None,
    Closed,
    Open,
    /// No callout at all: a container whose markers only go.
    Plain,
}

/// A callout found in the body: where it starts and ends (lines of the body), what it is,
/// and its content's lines (already out of their quote or indent).
struct Found {
    kind: &'static str,
    title: Option<String>,
    fold: Fold,
}

impl Found {
    /// The line that opens the callout, and the text that closes it.
    fn open_close(&self) -> (String, String) {
        if self.fold == Fold::Plain {
            return (String::new(), String::new());
        }
        let kind = self.kind.to_ascii_lowercase();
        let escape = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let title = self.title.as_deref().map(escape).unwrap_or_else(|| {
            let mut name = kind.clone();
            name[..1].make_ascii_uppercase();
            name
        });
        match (self.fold, self.title.is_some()) {
            (Fold::None, false) => (format!("> [!{}]", self.kind), String::new()),
            (Fold::None, true) => (
                format!(
                    "<div class=\"callout callout-{kind}\"><p class=\"callout-title\">{title}</p>\n"
                ),
                "\n</div>".to_string(),
            ),
            (fold, _) => (
                format!(
                    "<details class=\"callout callout-{kind}\"{}><summary class=\"callout-title\">{title}</summary>\n",
                    if fold == Fold::Open { " open" } else { "" }
                ),
                "\n</details>".to_string(),
            ),
        }
    }

    /// Whether its content is quoted (a GitHub alert) rather than inside HTML.
    fn quoted(&self) -> bool {
        self.fold == Fold::None && self.title.is_none()
    }
}

/// The title an admonition of type `name` shows when it names none: the type's name,
/// capitalised (`info` → "Info"), unless that is the callout's own title anyway.
fn named(name: &str) -> Option<String> {
    let kind = kind_of(name);
    if name.eq_ignore_ascii_case(kind) {
        return None;
    }
    let mut chars = name.chars();
    let first: String = chars.next()?.to_uppercase().collect();
    Some(format!("{first}{}", chars.as_str()))
}

/// A title as written: quotes around it go; an empty one is none.
fn title(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
        .trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl Body {
    /// Every admonition of every dialect, as a callout (see the module's documentation).
    pub(super) fn admonitions(&mut self) {
        self.colon_fences();
        self.mkdocs_blocks();
        self.obsidian_callouts();
    }

    /// `:::type[Title]`, `:::type Title` or `::: type Title` … `:::` (Docusaurus,
    /// VitePress; `details` folds). A fence of more colons holds fences of fewer.
    fn colon_fences(&mut self) {
        let prose = self.prose_lines();
        // Open fences: their colons, what they are, and their first line.
        let mut open: Vec<(usize, Found, usize)> = Vec::new();
        for i in prose {
            let text = self.line(i).1.trim().to_string();
            let colons = text.len() - text.trim_start_matches(':').len();
            if colons < 3 {
                continue;
            }
            let rest = text[colons..].trim();
            if rest.is_empty() {
                if let Some(at) = open.iter().rposition(|(c, _, _)| *c == colons) {
                    // Anything opened inside and never closed ends here too.
                    while open.len() > at {
                        if let Some((_, found, first)) = open.pop() {
                            self.close(&found, first, i);
                        }
                    }
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if name.is_empty() {
                continue;
            }
            let after = rest[name.len()..].trim();
            // `{…}` after the type or title is Docusaurus' attributes: not shown.
            let after = after.split(" {").next().unwrap_or(after);
            let written = after
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .unwrap_or(after);
            // VitePress' containers that are no callout: their markers go, what they hold
            // stays.
            if matches!(name.as_str(), "code-group" | "v-pre" | "raw") {
                self.line_mut(i).clear();
                open.push((
                    colons,
                    Found {
                        kind: "",
                        title: None,
                        fold: Fold::Plain,
                    },
                    i,
                ));
                continue;
            }
            let details = name.eq_ignore_ascii_case("details");
            let found = Found {
                kind: kind_of(&name),
                title: title(written).or_else(|| named(&name)),
                fold: if details { Fold::Closed } else { Fold::None },
            };
            *self.line_mut(i) = found.open_close().0;
            open.push((colons, found, i));
        }
        // Fences never closed end with the post.
        let end = self.line_count();
        while let Some((_, found, first)) = open.pop() {
            self.close(&found, first, end);
        }
    }

    /// Ends the fenced callout `found` opened on line `first` at line `end` (its closing
    /// fence, or the body's line count when it has none): a GitHub alert's content is
    /// quoted.
    fn close(&mut self, found: &Found, first: usize, end: usize) {
        if found.quoted() {
            for k in first + 1..end {
                let line = self.line_mut(k);
                *line = if line.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {}", line.replace('\n', "\n> "))
                };
            }
        }
        let close = found.open_close().1;
        if end < self.line_count() {
            *self.line_mut(end) = close;
        } else if let Some(last) = end.checked_sub(1) {
            self.line_mut(last).push_str(&format!("\n{close}"));
        }
    }

    /// `!!! type "Title"` (or no title, or `""` for none), `??? type` (folded) and
    /// `???+ type` (folded, open), their content the lines indented under them (MkDocs
    /// Material, Python-Markdown's admonition extension).
    fn mkdocs_blocks(&mut self) {
        let prose = self.prose_lines();
        let count = self.line_count();
        for i in prose {
            let text = self.line(i).1.to_string();
            let (fold, rest) = if let Some(rest) = text.strip_prefix("!!! ") {
                (Fold::None, rest)
            } else if let Some(rest) = text.strip_prefix("???+ ") {
                (Fold::Open, rest)
            } else if let Some(rest) = text.strip_prefix("??? ") {
                (Fold::Closed, rest)
            } else {
                continue;
            };
            // Python-Markdown's form: words (the type, then classes that only place it,
            // `!!! note inline end`), then maybe a quoted title, and nothing else
            // (`!!! IMPORTANT: read this` is prose).
            let rest = rest.trim();
            let (words, written) = match rest.find('"') {
                Some(at) => (&rest[..at], rest[at..].trim_end()),
                None => (rest, ""),
            };
            let is_word = |w: &str| {
                w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            };
            let quoted_title = written.is_empty()
                || (written.len() >= 2
                    && written.ends_with('"')
                    && !written[1..written.len() - 1].contains('"'));
            if !words.split_whitespace().all(is_word) || !quoted_title {
                continue;
            }
            let name: String = words.split_whitespace().next().unwrap_or("").to_string();
            if name.is_empty() {
                continue;
            }
            let found = Found {
                kind: kind_of(&name),
                title: if written == "\"\"" {
                    None
                } else {
                    title(written).or_else(|| named(&name))
                },
                fold,
            };
            // Its content: the following lines indented four spaces (or a tab), and the
            // blank lines between them.
            let mut last = i;
            let mut j = i + 1;
            while j < count {
                let line = self.line(j).1;
                if line.starts_with("    ") || line.starts_with('\t') {
                    last = j;
                } else if !line.trim().is_empty() {
                    break;
                }
                j += 1;
            }
            // Without an indented line under it, it is a line of prose.
            if last == i {
                continue;
            }
            let (open, close) = found.open_close();
            *self.line_mut(i) = open;
            for k in i + 1..=last {
                let line = self.line_mut(k);
                let inside = line
                    .strip_prefix("    ")
                    .or_else(|| line.strip_prefix('\t'))
                    .unwrap_or(line.trim_start())
                    .to_string();
                *line = if found.quoted() {
                    if inside.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {inside}")
                    }
                } else {
                    inside
                };
            }
            if !close.is_empty() {
                self.line_mut(last).push_str(&format!("\n{close}"));
            }
        }
    }

    /// `> [!type]` with a title (`> [!tip] Title`), a fold (`-` closed, `+` open) or a type
    /// GitHub has not: the quote's lines become the callout's content.
    fn obsidian_callouts(&mut self) {
        let prose = self.prose_lines();
        let count = self.line_count();
        for i in prose {
            let text = self.line(i).1.to_string();
            // A line another step made (several lines in one) is ours already.
            if text.contains('\n') {
                continue;
            }
            let Some(rest) = text
                .trim_start()
                .strip_prefix("> [!")
                .or_else(|| text.trim_start().strip_prefix(">[!"))
            else {
                continue;
            };
            let Some((name, after)) = rest.split_once(']') else {
                continue;
            };
            // Obsidian's metadata after a `|` (`[!aside|right]`) only places it.
            let name = name.split('|').next().unwrap_or(name);
            let (fold, written) = match after.strip_prefix('-') {
                Some(w) => (Fold::Closed, w),
                None => match after.strip_prefix('+') {
                    Some(w) => (Fold::Open, w),
                    None => (Fold::None, after),
                },
            };
            let standard = ["note", "tip", "important", "warning", "caution"]
                .contains(&name.to_ascii_lowercase().as_str());
            let found = Found {
                kind: kind_of(name),
                title: title(written).or_else(|| named(name)),
                fold,
            };
            if standard && found.quoted() {
                continue; // A GitHub alert already.
            }
            let mut last = i;
            while last + 1 < count && self.line(last + 1).1.trim_start().starts_with('>') {
                last += 1;
            }
            let (open, close) = found.open_close();
            *self.line_mut(i) = open;
            for k in i + 1..=last {
                let line = self.line_mut(k);
                let inside = line.trim_start().trim_start_matches('>');
                *line = inside.strip_prefix(' ').unwrap_or(inside).to_string();
            }
            if !close.is_empty() {
                self.line_mut(last).push_str(&format!("\n{close}"));
            }
        }
    }
}
