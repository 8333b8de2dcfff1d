//! TeX maths in posts as MathML (MathML Core, which Chromium, Firefox and Safari render),
//! found and numbered as MathJax and KaTeX's auto-render find and number it on the engines
//! we replace: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and their Markdown-escaped forms
//! (`\\(…\\)`, which Hugo themes with KaTeX use), bare AMS environments, numbered
//! `equation`/`align`/`gather` lines, `\tag`, `\label`, `\ref` and `\eqref`.
//! Code (fenced blocks and code spans) is never touched.

use std::collections::HashMap;

use super::body::{fence_marker, Body, ShortcodeUse};
use super::prose::outside_code;
use super::Note;

/// Display delimiters on lines of their own: opening and closing marks. The escaped forms
/// come first, so `\\[` is not read as `\` then `\[`.
const DISPLAY: &[(&str, &str)] = &[("$$", "$$"), ("\\\\[", "\\\\]"), ("\\[", "\\]")];

/// AMS environments MathJax and KaTeX typeset without delimiters, starred or not.
const ENVIRONMENTS: &[&str] = &[
    "equation", "align", "gather", "multline", "alignat", "flalign", "eqnarray",
];

/// Private-use characters that mark a reference until every label of the post is known:
/// `REF` index `END` inside a formula (the number as text), `LINK` index `END` in prose (a
/// link to the equation).
const REF: char = '\u{E000}';
const LINK: char = '\u{E002}';
const END: char = '\u{E001}';

/// A post's equation numbers, as MathJax's `tags: 'ams'` and KaTeX give them: unstarred
/// `equation`, `align`, `gather`, `alignat` lines count 1, 2, … through the post.
#[derive(Default)]
struct Equations {
    /// The last number given.
    count: usize,
    /// Each `\label`'s number as shown inside its parentheses (`3`, or a `\tag`'s text).
    labels: HashMap<String, String>,
    /// Every `\ref`/`\eqref` met, by the index its marker carries.
    refs: Vec<Reference>,
}

/// One `\ref{label}` or `\eqref{label}`.
struct Reference {
    label: String,
    /// `\eqref`: the number in parentheses.
    parens: bool,
    /// The source as written, kept in prose when no equation has the label.
    source: String,
    line: usize,
}

/// The number a row of an environment shows, and the anchor a `\label` gives it.
struct Number {
    shown: String,
    anchor: Option<String>,
}

impl Body {
    /// Every formula outside code becomes MathML; a formula that does not parse is shown as
    /// its source in a `math-error` code element, with a note. `$4 and $7` are prices, not
    /// maths: a `$` needs its closing `$` and no space inside its edges, as pandoc and
    /// KaTeX's auto-render require.
    pub(super) fn maths(&mut self, notes: &mut Vec<Note>) {
        let mut equations = Equations::default();
        let mut prose = self.prose_lines();
        let mut k = 0;
        while k < prose.len() {
            let i = prose[k];
            if let Some((end, tex)) = self.display_block(&prose[k..]) {
                let (number, line) = self.line(i);
                // Inside a list item the formula keeps the item's indentation.
                let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
                let html = render(&tex, true, number, &mut equations, notes)
                    .split('\n')
                    .map(|l| {
                        if l.is_empty() {
                            String::new()
                        } else {
                            format!("{indent}{l}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                self.replace_lines(i, end, html);
                // Lines after the formula moved up: find where reading goes on.
                prose = self.prose_lines();
                k = prose.iter().position(|&j| j > i).unwrap_or(prose.len());
                continue;
            }
            let (number, line) = self.line(i);
            if line.contains(['$', '\\']) {
                let changed = outside_code(line, |text| {
                    inline_maths(text, number, &mut equations, notes)
                });
                *self.line_mut(i) = changed;
            }
            k += 1;
        }
        if !equations.refs.is_empty() {
            for i in 0..self.line_count() {
                if self.line(i).1.contains([REF, LINK]) {
                    let resolved = equations.resolve(self.line(i).1, notes);
                    *self.line_mut(i) = resolved;
                }
            }
        }
    }

    /// Hugo themes' maths shortcodes, as the delimiters [`Body::maths`] reads: hugo-book's
    /// `{{< katex >}}x{{< /katex >}}` (display with a `display` argument or on lines of its
    /// own), HugoBlox's `{{< math >}}` around delimited TeX (it only protects it from Hugo's
    /// Markdown), and Blowfish's lone `{{< katex >}}` (it only loads KaTeX: it goes).
    pub(super) fn maths_shortcodes(&mut self) {
        self.paired_shortcodes("katex", |args, use_| {
            let display = args.split_whitespace().any(|a| {
                matches!(
                    a.trim_matches(['[', ']']),
                    "display" | "display=true" | "display=\"true\""
                )
            });
            Some(match use_ {
                ShortcodeUse::Unclosed => (String::new(), String::new()),
                ShortcodeUse::Inline if !display => ("\\(".into(), "\\)".into()),
                _ => ("$$".into(), "$$".into()),
            })
        });
        self.paired_shortcodes("math", |_, _| Some((String::new(), String::new())));
    }

    /// ```` ```math ```` blocks (GitHub, GitLab, Docsy) as `$$` display maths; run just
    /// before [`Body::maths`], so until then their TeX is code to every other pass.
    pub(super) fn math_blocks(&mut self) {
        let mut open: Option<(usize, String)> = None;
        for i in 0..self.line_count() {
            let line = self.line(i).1;
            let Some(marker) = fence_marker(line) else {
                continue;
            };
            match &open {
                None => {
                    let info = line.trim()[marker.len()..].trim();
                    open = Some((i, marker.to_string()));
                    if info == "math" {
                        *self.line_mut(i) = "$$".to_string();
                    }
                }
                Some((start, opened)) => {
                    if marker.starts_with(opened.as_str()) && line.trim().len() == marker.len() {
                        if self.line(*start).1 == "$$" {
                            *self.line_mut(i) = "$$".to_string();
                        }
                        open = None;
                    }
                }
            }
        }
    }

    /// A display formula starting at `prose[0]`: the index of its last line and its TeX.
    /// It opens with `$$`, `\[` or `\\[` at the start of a line, or with a bare
    /// `\begin{align}` (MathJax's environments), and closes at the end of a later prose line.
    fn display_block(&self, prose: &[usize]) -> Option<(usize, String)> {
        let first = self.line(prose[0]).1.trim();
        let (open, close, keep) = DISPLAY
            .iter()
            .find(|(open, _)| first.starts_with(open))
            .map(|&(open, close)| (open, close.to_string(), false))
            .or_else(|| {
                let name = environment(first)?;
                Some(("", format!("\\end{{{name}}}"), true))
            })?;
        let after_open = &first[open.len()..];
        // A formula opened and closed on one line is inline work, unless it is all there is.
        if !keep && after_open.contains(close.as_str()) {
            return None;
        }
        // `\[` starts a display only alone on its line: `\[Edit: …` is escaped brackets.
        if open.contains('[') && !after_open.trim().is_empty() {
            return None;
        }
        if keep && first.ends_with(close.as_str()) {
            return Some((prose[0], first.to_string()));
        }
        // The closing line, within the paragraph: MathJax and KaTeX find no formula across
        // a blank line.
        let last = prose[1..]
            .iter()
            .take_while(|&&j| !self.line(j).1.trim().is_empty())
            .position(|&j| self.line(j).1.trim_end().ends_with(close.as_str()))?
            + 1;
        // Only prose lines make up the formula: a code block inside ends the search.
        if prose[last] - prose[0] != last {
            return None;
        }
        let mut tex = vec![after_open.to_string()];
        tex.extend((1..last).map(|k| self.line(prose[k]).1.to_string()));
        let closing = self.line(prose[last]).1.trim_end();
        tex.push(if keep {
            closing.to_string()
        } else {
            closing[..closing.len() - close.len()].to_string()
        });
        if keep {
            tex[0] = first.to_string();
        }
        Some((prose[last], tex.join("\n")))
    }
}

/// The environment a bare `\begin{name}` at the start of `line` opens, when it is one of
/// [`ENVIRONMENTS`].
fn environment(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("\\begin{")?;
    let name = &rest[..rest.find('}')?];
    ENVIRONMENTS
        .contains(&name.trim_end_matches('*'))
        .then_some(name)
}

impl Equations {
    /// `line` with its reference markers replaced by the numbers, now that all are known.
    fn resolve(&self, line: &str, notes: &mut Vec<Note>) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(start) = rest.find([REF, LINK]) {
            out.push_str(&rest[..start]);
            let marker = rest[start..].chars().next().unwrap_or(REF);
            let after = &rest[start + marker.len_utf8()..];
            let Some(reference) = after
                .find(END)
                .and_then(|end| after[..end].parse::<usize>().ok().map(|n| (n, end)))
                .and_then(|(n, end)| Some((self.refs.get(n)?, end)))
            else {
                // Not one of ours (an author's own private-use character): kept.
                out.push(marker);
                rest = after;
                continue;
            };
            let (reference, end) = reference;
            rest = &after[end + END.len_utf8()..];
            let Some(number) = self.labels.get(&reference.label) else {
                notes.push(Note {
                    line: Some(reference.line),
                    message: format!(
                        "`{}` refers to no equation: no `\\label{{{}}}` in this post",
                        reference.source, reference.label
                    ),
                });
                if marker == LINK {
                    out.push_str(&reference.source);
                } else {
                    out.push_str("(??)");
                }
                continue;
            };
            let shown = if reference.parens {
                format!("({number})")
            } else {
                number.clone()
            };
            if marker == LINK {
                out.push_str(&format!(
                    "<a href=\"#{}\">{}</a>",
                    blog_core::html::escape(&blog_core::sanitize::equation_anchor(
                        &reference.label
                    )),
                    blog_core::html::escape(&shown)
                ));
            } else {
                out.push_str(&blog_core::html::escape(&shown));
            }
        }
        out.push_str(rest);
        out
    }

    /// Replaces each `\ref{…}` and `\eqref{…}` in `tex` by `marker`, its index and [`END`].
    fn mark_refs(&mut self, tex: &str, marker: char, line: usize) -> String {
        let mut out = String::with_capacity(tex.len());
        let mut rest = tex;
        while let Some(start) = first_reference(rest) {
            let parens = rest[start..].starts_with("\\eqref{");
            let open = start + if parens { 7 } else { 5 };
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            let label = rest[open..open + len].trim().to_string();
            out.push_str(&rest[..start]);
            let source = rest[start..open + len + 1].to_string();
            rest = &rest[open + len + 1..];
            if label.is_empty() {
                out.push_str(&source);
                continue;
            }
            let index = self.refs.len();
            self.refs.push(Reference {
                label,
                parens,
                source,
                line,
            });
            if marker == REF {
                out.push_str(&format!("\\text{{{REF}{index}{END}}}"));
            } else {
                out.push_str(&format!("{LINK}{index}{END}"));
            }
        }
        out.push_str(rest);
        out
    }

    /// A display formula's TeX ready for pulldown-latex, and the number of each of its
    /// rows: an unstarred environment's rows are numbered unless `\notag`/`\nonumber`,
    /// `\tag{x}` shows `(x)` instead (`\tag*{x}` shows `x`), `\label{k}` names the number.
    /// `None` for numbers when no row has one.
    fn number(&mut self, tex: &str, line: usize, notes: &mut Vec<Note>) -> NumberedTex {
        let trimmed = tex.trim();
        let env = environment(trimmed).filter(|name| {
            trimmed.ends_with(&format!("\\end{{{name}}}"))
                && find_top(trimmed, &format!("\\end{{{name}}}"))
                    == Some(trimmed.len() - name.len() - 6)
        });
        let (name, body) = match env {
            Some(name) => {
                let open = format!("\\begin{{{name}}}");
                let mut body = &trimmed[open.len()..trimmed.len() - name.len() - 6];
                // `alignat{2}`: the column pairs, kept with the name.
                let mut argument = "";
                if name.starts_with("alignat") && body.trim_start().starts_with('{') {
                    let from = body.len() - body.trim_start().len();
                    if let Some(close) = body.find('}') {
                        argument = &body[from..=close];
                        body = &body[close + 1..];
                    }
                }
                (Some((name, argument)), body)
            }
            None => (None, trimmed),
        };
        let numbered = env.is_some_and(|n| !n.ends_with('*'));
        let base = name.map(|(n, _)| n.trim_end_matches('*')).unwrap_or("");
        // `equation` and `multline` are one formula with one number, on its last line.
        let one_number = matches!(base, "" | "equation" | "multline");
        let mut rows: Vec<String> = if one_number {
            vec![body.to_string()]
        } else {
            split_rows(body).into_iter().map(str::to_string).collect()
        };
        if rows.len() > 1 && rows.last().is_some_and(|r| r.trim().is_empty()) {
            rows.pop();
        }
        let mut numbers = Vec::with_capacity(rows.len());
        for row in &mut rows {
            let label = take_command(row, "label");
            let starred_tag = take_command(row, "tag*");
            let tag = take_command(row, "tag");
            let mut unnumbered = false;
            for skip in ["notag", "nonumber"] {
                while take_word(row, skip) {
                    unnumbered = true;
                }
            }
            let shown = match (starred_tag, tag) {
                (Some(text), _) => Some((text.clone(), text)),
                (None, Some(text)) => Some((format!("({text})"), text)),
                (None, None) if numbered && !unnumbered => {
                    self.count += 1;
                    Some((format!("({})", self.count), self.count.to_string()))
                }
                (None, None) => None,
            };
            numbers.push(match (shown, label) {
                (Some((shown, number)), Some(label)) => {
                    if self.labels.insert(label.clone(), number).is_some() {
                        notes.push(Note {
                            line: Some(line),
                            message: format!(
                                "`\\label{{{label}}}` is given twice; references go to the later one"
                            ),
                        });
                    }
                    Some(Number {
                        anchor: Some(blog_core::sanitize::equation_anchor(&label)),
                        shown,
                    })
                }
                (Some((shown, _)), None) => Some(Number {
                    shown,
                    anchor: None,
                }),
                (None, Some(label)) => {
                    notes.push(Note {
                        line: Some(line),
                        message: format!(
                            "`\\label{{{label}}}` is on an equation without a number; references to it show `(??)`"
                        ),
                    });
                    None
                }
                (None, None) => None,
            });
        }
        let body = rows.join("\\\\");
        // pulldown-latex numbers nothing itself here (the numbers are cells of ours), knows
        // no `flalign` or `eqnarray`, and `multline` has no starred form there.
        let tex = match name {
            None if numbers.iter().any(Option::is_some) => {
                format!("\\begin{{equation*}}{body}\\end{{equation*}}")
            }
            None => body,
            Some((_, argument)) => {
                let (env, body) = match base {
                    "multline" => ("multline".to_string(), body),
                    "flalign" => ("align*".to_string(), body),
                    "eqnarray" => ("align*".to_string(), eqnarray_columns(&body)),
                    other => (format!("{other}*"), body),
                };
                format!("\\begin{{{env}}}{argument}{body}\\end{{{env}}}")
            }
        };
        NumberedTex {
            tex,
            numbers: numbers.iter().any(Option::is_some).then_some(numbers),
        }
    }
}

/// A display formula's TeX to typeset and its rows' numbers.
struct NumberedTex {
    tex: String,
    numbers: Option<Vec<Option<Number>>>,
}

/// Where `pattern` first occurs in `tex` outside braces.
fn find_top(tex: &str, pattern: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut chars = tex.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if depth == 0 && tex[i..].starts_with(pattern) {
            return Some(i);
        }
        match c {
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `body` split at its `\\` row ends outside braces and nested environments.
fn split_rows(body: &str) -> Vec<&str> {
    let mut rows = Vec::new();
    let (mut depth, mut nested, mut start) = (0i32, 0i32, 0);
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let rest = &body[i..];
                if rest.starts_with("\\\\") {
                    if depth == 0 && nested == 0 {
                        rows.push(&body[start..i]);
                        start = i + 2;
                    }
                    chars.next();
                } else if rest.starts_with("\\begin{") {
                    nested += 1;
                } else if rest.starts_with("\\end{") {
                    nested -= 1;
                } else if rest[1..].starts_with(|c: char| !c.is_ascii_alphabetic()) {
                    // `\{`, `\}`: an escaped brace is no group.
                    chars.next();
                }
            }
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
    }
    rows.push(&body[start..]);
    rows
}

/// Takes `\name{argument}` out of `row` and returns its argument (the first one).
fn take_command(row: &mut String, name: &str) -> Option<String> {
    let call = format!("\\{name}");
    let mut from = 0;
    while let Some(found) = row[from..].find(&call) {
        let at = from + found;
        let after = at + call.len();
        let rest = row[after..].trim_start();
        // `\tag` is not `\tagged`, nor the start of `\tag*`.
        let next = row[after..].chars().next();
        if next.is_some_and(|c| c.is_ascii_alphabetic() || (c == '*' && !name.ends_with('*')))
            || !rest.starts_with('{')
        {
            from = after;
            continue;
        }
        let open = row.len() - rest.len();
        let mut depth = 0;
        let close = row[open..].char_indices().find_map(|(k, c)| {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(open + k);
                    }
                }
                _ => {}
            }
            None
        })?;
        let argument = row[open + 1..close].trim().to_string();
        row.replace_range(at..=close, "");
        return Some(argument);
    }
    None
}

/// Takes one `\word` (with no argument) out of `row`; whether there was one.
fn take_word(row: &mut String, word: &str) -> bool {
    let call = format!("\\{word}");
    let mut from = 0;
    while let Some(found) = row[from..].find(&call) {
        let at = from + found;
        let end = at + call.len();
        if row[end..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            from = end;
            continue;
        }
        row.replace_range(at..end, "");
        return true;
    }
    false
}

/// `eqnarray`'s `a &=& b` rows as `align`'s `a &= b`: its middle column joins the right one.
fn eqnarray_columns(body: &str) -> String {
    split_rows(body)
        .into_iter()
        .map(|row| {
            let mut seen = 0;
            let mut out = String::with_capacity(row.len());
            let mut escaped = false;
            for c in row.chars() {
                if c == '&' && !escaped {
                    seen += 1;
                    if seen == 2 {
                        continue;
                    }
                }
                escaped = c == '\\' && !escaped;
                out.push(c);
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\\\\")
}

/// Inline formulas in a piece of text outside code, and `\ref`/`\eqref` in its prose.
fn inline_maths(
    text: &str,
    line: usize,
    equations: &mut Equations,
    notes: &mut Vec<Note>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let dollar = find_unescaped(rest, "$");
        // `\\(` is Markdown for `\(`, which is what the reader's page had for KaTeX to find.
        let escaped_paren = rest.find("\\\\(");
        let paren = find_unescaped(rest, "\\(");
        let escaped_bracket = rest.find("\\\\[");
        let bracket = find_unescaped(rest, "\\[");
        let reference = first_reference(rest);
        let candidates = [
            (dollar, "$"),
            (escaped_paren, "\\\\("),
            (paren, "\\("),
            (escaped_bracket, "\\\\["),
            (bracket, "\\["),
            (reference, "ref"),
        ];
        let Some((start, kind)) = candidates
            .iter()
            .filter_map(|&(at, kind)| at.map(|at| (at, kind)))
            .min_by_key(|&(at, kind)| (at, std::cmp::Reverse(kind.len())))
        else {
            break;
        };
        if kind == "ref" {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.push_str(&rest[..start]);
            out.push_str(&equations.mark_refs(&rest[start..=start + len], LINK, line));
            rest = &rest[start + len + 1..];
            continue;
        }
        let (open, close, display) = match kind {
            "$" if rest[start..].starts_with("$$") => ("$$", "$$", true),
            "$" => ("$", "$", false),
            "\\\\(" => ("\\\\(", "\\\\)", false),
            "\\(" => ("\\(", "\\)", false),
            "\\\\[" => ("\\\\[", "\\\\]", true),
            _ => ("\\[", "\\]", true),
        };
        let body_start = start + open.len();
        let found = if open.starts_with("\\\\") {
            rest[body_start..].find(close)
        } else {
            find_unescaped(&rest[body_start..], close)
        };
        let Some(len) = found else {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        };
        let tex = &rest[body_start..body_start + len];
        let plausible = !tex.trim().is_empty()
            && match open {
                // `$4 and $7`: a single `$` formula has no space at its edges and is not a
                // number followed by more text.
                "$" => {
                    !tex.starts_with(char::is_whitespace)
                        && !tex.ends_with(char::is_whitespace)
                        && !rest[body_start + len + 1..].starts_with(|c: char| c.is_ascii_digit())
                }
                // `\[1\]` is most often Markdown's escaped brackets: only what reads as TeX
                // (a command, a script, an equation, a group) is a formula.
                "\\[" => looks_like_tex(tex),
                _ => true,
            };
        if !plausible {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        }
        out.push_str(&rest[..start]);
        // A formula that is only a reference (`$\eqref{eq:1}$`) is a link, as in prose.
        let only_reference = tex
            .trim()
            .strip_prefix("\\eqref{")
            .or(tex.trim().strip_prefix("\\ref{"))
            .is_some_and(|r| r.find('}') == Some(r.len() - 1));
        if only_reference && !display {
            out.push_str(&equations.mark_refs(tex.trim(), LINK, line));
        } else {
            // Within a line a display formula stays in its paragraph (blank lines would
            // split the paragraph, the list item or the table row it is in).
            out.push_str(&inert_text(
                &render(tex, display, line, equations, notes).replace("\n\n", ""),
            ));
        }
        rest = &rest[body_start + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// Where the first `\\ref{` or `\\eqref{` in `text` starts.
fn first_reference(text: &str) -> Option<usize> {
    [text.find("\\ref{"), text.find("\\eqref{")]
        .into_iter()
        .flatten()
        .min()
}

/// Whether `text` between `\[` and `\]` reads as TeX rather than bracketed words.
fn looks_like_tex(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' | '_' | '=' | '{' => return true,
            '\\' if chars.peek().is_some_and(char::is_ascii_alphabetic) => return true,
            _ => {}
        }
    }
    false
}

/// `html` with every ASCII punctuation mark Markdown could read as syntax, in the text
/// between its tags, written as a character reference.
fn inert_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '\\' | '*' | '_' | '`' | '[' | ']' | '~' | '$' | '!' | '|' if !in_tag => {
                out.push_str(&format!("&#{};", u32::from(c)));
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The first `pattern` in `text` not preceded by a backslash.
fn find_unescaped(text: &str, pattern: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(pattern) {
        let at = from + i;
        if !text[..at].ends_with('\\') {
            return Some(at);
        }
        from = at + pattern.len();
    }
    None
}

/// One formula as MathML, or its source with the parser's message when it has an error.
fn render(
    tex: &str,
    display: bool,
    line: usize,
    equations: &mut Equations,
    notes: &mut Vec<Note>,
) -> String {
    use pulldown_latex::config::DisplayMode;
    let source = tex;
    let numbered = if display {
        equations.number(tex, line, notes)
    } else {
        NumberedTex {
            tex: tex.to_string(),
            numbers: None,
        }
    };
    let tex = equations.mark_refs(&numbered.tex, REF, line);
    let storage = pulldown_latex::Storage::new();
    let events: Result<Vec<_>, _> = pulldown_latex::Parser::new(&tex, &storage).collect();
    let config = pulldown_latex::RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        // No `<annotation>` with the TeX: its text would be read as the formula's words by
        // excerpts, feeds and search, and pulldown-latex writes it unescaped.
        annotation: None,
        ..Default::default()
    };
    let rendered = events.map_err(|e| e.to_string()).and_then(|events| {
        let mut mathml = String::new();
        pulldown_latex::push_mathml(
            &mut mathml,
            events.into_iter().map(Ok::<_, std::convert::Infallible>),
            config,
        )
        .map(|()| mathml)
        .map_err(|e| e.to_string())
    });
    match rendered {
        // One line: a formula inside a paragraph must not end it.
        Ok(mathml) => {
            let mut mathml = mathml.replace('\n', " ");
            if let Some(numbers) = &numbered.numbers {
                mathml = number_rows(&mathml, numbers);
            }
            if display {
                // An HTML block of its own: Markdown leaves its content as it is.
                format!("\n\n<div class=\"math-display\" tabindex=\"0\">{mathml}</div>\n\n")
            } else {
                // Inside a paragraph the text between tags is Markdown: `*`, `_` or `\`
                // must stay characters.
                inert_text(&mathml)
            }
        }
        Err(message) => {
            let first = message.lines().next().unwrap_or("").to_string();
            notes.push(Note {
                line: Some(line),
                message: format!(
                    "formula `{}` cannot be typeset ({first}); it is shown as written",
                    source.trim()
                ),
            });
            // The source exactly as written: Markdown must not read its backslashes.
            let shown = inert_text(&blog_core::html::escape(source));
            format!(
                "<code class=\"math-error\" title=\"{}\">{shown}</code>",
                blog_core::html::escape(&format!("Cannot typeset: {first}"))
            )
        }
    }
}

/// `mathml` with a number cell (`<mtd class="eqno">`) ending each row of its outer table;
/// rows pulldown-latex adds for rules (`\hline`) are skipped.
fn number_rows(mathml: &str, numbers: &[Option<Number>]) -> String {
    let rows = number_rows_walk(mathml, |_, _| {});
    // One number for the whole (`equation`, `multline`): on its last line, as in TeX.
    let number_of = |row: usize| match numbers {
        [one] => (row + 1 == rows).then_some(one.as_ref()).flatten(),
        _ => numbers.get(row).and_then(Option::as_ref),
    };
    let mut out = String::with_capacity(mathml.len() + 64 * numbers.len());
    number_rows_walk(mathml, |piece, row| match row {
        None => out.push_str(piece),
        Some(row) => {
            out.push_str("<mtd class=\"eqno\"");
            if let Some(number) = number_of(row) {
                if let Some(anchor) = &number.anchor {
                    out.push_str(&format!(" id=\"{}\"", blog_core::html::escape(anchor)));
                }
                out.push_str(&format!(
                    "><mtext>{}</mtext></mtd>",
                    blog_core::html::escape(&number.shown)
                ));
            } else {
                out.push_str("></mtd>");
            }
            out.push_str(piece);
        }
    });
    out
}

/// Walks `mathml` in pieces, telling `visit` which of them closes row `n` of the outer
/// table (`Some(n)`; rows pulldown-latex adds for rules are not counted); returns the rows.
fn number_rows_walk(mathml: &str, mut visit: impl FnMut(&str, Option<usize>)) -> usize {
    let mut depth = 0;
    let mut row = 0;
    let mut counted = false;
    let mut rest = mathml;
    while let Some(at) = rest.find('<') {
        visit(&rest[..at], None);
        rest = &rest[at..];
        let tag_end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..tag_end];
        let mut closes = None;
        if tag.starts_with("<mtable") {
            depth += 1;
        } else if tag.starts_with("</mtable") {
            depth -= 1;
        } else if depth == 1 && tag.starts_with("<mtr") {
            counted = !tag.contains("menv-hline") && !tag.contains("menv-hdashline");
        } else if depth == 1 && tag.starts_with("</mtr") && counted {
            closes = Some(row);
            row += 1;
        }
        visit(tag, closes);
        rest = &rest[tag_end..];
    }
    visit(rest, None);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(text: &str) -> (String, Vec<Note>) {
        let mut notes = Vec::new();
        let mut equations = Equations::default();
        let html = inline_maths(text, 1, &mut equations, &mut notes);
        (html, notes)
    }

    #[test]
    fn maths_become_mathml_and_prices_stay_text() {
        let (html, notes) = inline("about $x^2$ times and \\(a+b\\) grams");
        assert!(html.contains("<math") && html.contains("<msup>"), "{html}");
        assert!(!html.contains('$') && !html.contains("\\("), "{html}");
        let (starred, _) = inline("then $a*b*c_{1}$ holds");
        assert!(
            !starred.contains('*') && !starred.contains('_'),
            "{starred}"
        );
        let rendered = blog_core::markdown::render(&starred).html;
        assert!(!rendered.contains("<em>"), "{rendered}");
        for unchanged in [
            "see item \\[1\\] below",
            "costs $4 and a large one costs $7.",
            "a \\[citation needed\\] here",
        ] {
            assert_eq!(inline(unchanged).0, unchanged);
        }
        assert!(notes.is_empty(), "{notes:?}");
        let mut notes = Vec::new();
        let broken = inline_maths(
            "see $\\frac{1}$ here",
            7,
            &mut Equations::default(),
            &mut notes,
        );
        let shown = blog_core::markdown::render(&broken).html;
        assert!(
            shown.contains("math-error") && shown.contains("\\frac{1}"),
            "{shown}"
        );
        assert_eq!(notes[0].line, Some(7));
    }

    /// Hugo themes with KaTeX have authors escape the delimiters for Markdown (`\\(`), and
    /// MathJax finds `\[ … \]` inside a paragraph.
    #[test]
    fn hugo_escaped_delimiters_and_brackets_inside_a_paragraph() {
        let cases = [
            "the slope \\\\(m = \\frac{a}{b}\\\\) is",
            "so \\\\[ E = mc^2 \\\\] holds",
            "and \\[ x^2 + y^2 = 1 \\] is a circle",
        ];
        for case in cases {
            let (html, notes) = inline(case);
            assert!(html.contains("<math"), "{case}: {html}");
            assert!(!html.contains("\\("), "{case}: {html}");
            assert!(notes.is_empty(), "{case}: {notes:?}");
        }
        let (html, _) = inline("so \\\\[ E = mc^2 \\\\] holds");
        assert!(html.contains("display=\"block\""), "{html}");
    }

    fn body(text: &str) -> (String, Vec<Note>) {
        let mut body = Body::new(text, 1);
        let mut notes = Vec::new();
        body.maths(&mut notes);
        (body.finish().0, notes)
    }

    /// MathJax's `tags: 'ams'` and KaTeX: unstarred `equation`/`align`/`gather` lines are
    /// numbered through the post, `\notag` skips one, `\tag` replaces the number, and
    /// `\eqref` (before or after its label) links to it.
    #[test]
    fn ams_environments_are_numbered_and_referenced() {
        let text = "As \\eqref{eq:sum} shows, and $\\eqref{eq:two}$ too.\n\n$$\n\\begin{equation}\na + b = c \\label{eq:sum}\n\\end{equation}\n$$\n\n\\begin{align}\nx &= 1 \\\\\ny &= 2 \\notag \\\\\nz &= 3 \\label{eq:two}\n\\end{align}\n\n$$ \\begin{gather*} p \\tag{A} \\label{eq:a} \\\\ q \\end{gather*} $$\n\nSee \\ref{eq:a} and \\eqref{eq:none}.\n";
        let (html, notes) = body(text);
        let rendered = blog_core::markdown::render(&html).html;
        let cells: Vec<&str> = rendered
            .match_indices("<mtd class=\"eqno\"")
            .map(|(at, _)| &rendered[at..at + rendered[at..].find("</mtd>").unwrap()])
            .collect();
        assert_eq!(
            cells,
            [
                "<mtd class=\"eqno\" id=\"eq:eq:sum\"><mtext>(1)</mtext>",
                "<mtd class=\"eqno\"><mtext>(2)</mtext>",
                "<mtd class=\"eqno\">",
                "<mtd class=\"eqno\" id=\"eq:eq:two\"><mtext>(3)</mtext>",
                "<mtd class=\"eqno\" id=\"eq:eq:a\"><mtext>(A)</mtext>",
                "<mtd class=\"eqno\">",
            ],
            "{rendered}"
        );
        assert!(
            rendered.contains("As <a href=\"/posts/post#eq:eq:sum\">(1)</a> shows"),
            "{rendered}"
        );
        assert!(
            rendered.contains("<a href=\"/posts/post#eq:eq:two\">(3)</a> too"),
            "{rendered}"
        );
        assert!(rendered.contains("id=\"eq:eq:sum\""), "{rendered}");
        assert!(
            rendered.contains("See <a href=\"/posts/post#eq:eq:a\">A</a> and \\eqref{eq:none}."),
            "{rendered}"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.contains("eq:none"), "{notes:?}");
        assert!(!rendered.contains("\\label") && !rendered.contains("\\tag"));
        assert!(!rendered.contains("math-error"), "{rendered}");
    }

    #[test]
    fn display_blocks_in_every_delimiter() {
        let cases = [
            "$$\\begin{aligned}\na &= b\n\\end{aligned}$$\n",
            "\\\\[\nx^2\n\\\\]\n",
            "\\[\nx^2\n\\]\n",
            "\\begin{equation*}\nx^2\n\\end{equation*}\n",
            "\\begin{eqnarray}\na &=& b \\\\\nc &=& d\n\\end{eqnarray}\n",
            "\\begin{multline}\na + b \\\\\n+ c\n\\end{multline}\n",
            "\\begin{alignat}{2}\na &= b & c &= d\n\\end{alignat}\n",
        ];
        for case in cases {
            let (html, notes) = body(case);
            assert!(html.contains("math-display"), "{case}: {html}");
            assert!(!html.contains("math-error"), "{case}: {html}");
            assert!(notes.is_empty(), "{case}: {notes:?}");
            assert!(!html.contains("\\begin") && !html.contains("\\["), "{html}");
        }
        // A numbered one-line environment is numbered too.
        let (html, _) = body("\\begin{equation} e^{i\\pi} = -1 \\end{equation}\n");
        assert!(html.contains("<mtext>(1)</mtext>"), "{html}");
        // A fenced block is code, whatever it holds.
        let code = "```\n$$\nx\n$$\n```\n";
        assert_eq!(body(code).0, code);
    }

    /// hugo-book's `katex` shortcode inline and as a block, HugoBlox's `math` wrapper,
    /// Blowfish's lone `katex` (which only loads KaTeX), and ```` ```math ```` blocks.
    #[test]
    fn hugo_theme_maths_shortcodes_and_math_blocks() {
        let text = "{{< katex >}}\n\nInline {{< katex >}}x^2{{< /katex >}} and {{< katex display=true >}}y_1{{< /katex >}}.\n\n{{< katex [display] >}}\n\\int_0^1 f\n{{< /katex >}}\n\n{{% math %}}$$a+b$${{% /math %}} then\n\n```math\n\\sqrt{2}\n```\n\n```text\n{{< katex >}}y{{< /katex >}}\n```\n";
        let mut body = Body::new(text, 1);
        body.maths_shortcodes();
        body.math_blocks();
        let mut notes = Vec::new();
        body.maths(&mut notes);
        let html = body.finish().0;
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(html.matches("<math").count(), 5, "{html}");
        assert_eq!(html.matches("class=\"math-display\"").count(), 4, "{html}");
        assert!(
            !html.contains("katex >}}x") && !html.contains("math %}}"),
            "{html}"
        );
        assert!(html.starts_with("\n\nInline <math"), "{html}");
        // Code shows the shortcode as written.
        assert!(
            html.contains("```text\n{{< katex >}}y{{< /katex >}}\n```"),
            "{html}"
        );
    }

    /// Escaped brackets starting a line of prose, and a `$$` no closing line follows
    /// within its paragraph, stay text.
    #[test]
    fn brackets_and_unclosed_dollars_stay_prose() {
        for text in [
            "\\[Edit: I have since changed my\nmind.\\]\n",
            "$$\nnot closed here\n\nlater $$\n",
        ] {
            let (html, notes) = body(text);
            assert!(!html.contains("<math"), "{text}: {html}");
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    fn rows_split_outside_groups() {
        assert_eq!(
            split_rows("a \\\\ \\begin{matrix} 1 \\\\ 2 \\end{matrix} \\\\ {x \\\\ y}"),
            [
                "a ",
                " \\begin{matrix} 1 \\\\ 2 \\end{matrix} ",
                " {x \\\\ y}"
            ]
        );
        let mut row = "x \\tag*{B} \\label{k} \\tagged".to_string();
        assert_eq!(take_command(&mut row, "tag"), None);
        assert_eq!(take_command(&mut row, "tag*").as_deref(), Some("B"));
        assert_eq!(take_command(&mut row, "label").as_deref(), Some("k"));
        assert!(!take_word(&mut row, "tag"));
    }
}
