//! Markdown the engines we replace understand and CommonMark does not, rewritten when
//! publishing into what this blog renders: TeX maths as MathML, emoji shortcodes, docsify's
//! callouts, named entities in raw HTML, and strong emphasis next to CJK punctuation.
//! Code (fenced blocks and code spans) is never touched.

use super::body::Body;
use super::Note;

/// Where the code span opened by the backtick run at `tick` in `text` ends (after its
/// closing run), or the end of `text` when it is not closed on this line.
pub(super) fn code_span_end(text: &str, tick: usize) -> usize {
    let run = text[tick..].len() - text[tick..].trim_start_matches('`').len();
    let fence = &text[tick..tick + run];
    let after = tick + run;
    text[after..]
        .find(fence)
        .map_or(text.len(), |i| after + i + run)
}

/// Applies `change` to the parts of `line` outside code spans.
pub(super) fn outside_code(line: &str, mut change: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(tick) = rest.find('`') {
        out.push_str(&change(&rest[..tick]));
        let end = code_span_end(rest, tick);
        out.push_str(&rest[tick..end]);
        rest = &rest[end..];
    }
    out.push_str(&change(rest));
    out
}

impl Body {
    /// Other engines' excerpt markers, each alone on its line, become Hugo's and Jekyll's
    /// `<!--more-->`, which ends a post's summary here: `<!-- more -->` in any case and
    /// spacing (Hexo, Hugo, MkDocs Material), Docusaurus' `<!-- truncate -->` and
    /// `{/* truncate */}`, and Pelican's `<!-- PELICAN_END_SUMMARY -->` (its Summary plugin).
    pub(super) fn excerpt_markers(&mut self) {
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            let marker = line.trim().to_ascii_lowercase();
            let inner = marker
                .strip_prefix("<!--")
                .and_then(|m| m.strip_suffix("-->"))
                .or_else(|| {
                    marker
                        .strip_prefix("{/*")
                        .and_then(|m| m.strip_suffix("*/}"))
                });
            if inner
                .is_some_and(|m| matches!(m.trim(), "more" | "truncate" | "pelican_end_summary"))
            {
                *line = "<!--more-->".to_string();
            }
        }
    }

    /// A table of contents asked for in the body, as other engines write it — markdown-it's
    /// and VitePress' `[[toc]]`, Python-Markdown's and Pelican's `[TOC]` — alone on its line:
    /// the line goes, and the post shows its table of contents. Returns whether it asked.
    pub(super) fn toc_markers(&mut self) -> bool {
        let mut asked = false;
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            if matches!(
                line.trim().to_ascii_lowercase().as_str(),
                "[[toc]]" | "[toc]" | "[[_toc_]]" | "{{< toc >}}"
            ) {
                line.clear();
                asked = true;
            }
        }
        asked
    }

    /// MDX comments, `{/* … */}` (Docusaurus reads `.md` as MDX too), go: within a line
    /// outside code spans, or over several lines; one that never closes stays.
    pub(super) fn mdx_comments(&mut self) {
        self.cut_blocks("{/*", "*/}");
    }

    /// docsify's `!> important` and `?> tip` paragraphs become GitHub alerts.
    pub(super) fn docsify_callouts(&mut self) {
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            let (kind, text) = match line.strip_prefix("!> ") {
                Some(text) => ("WARNING", text.to_string()),
                None => match line.strip_prefix("?> ") {
                    Some(text) => ("TIP", text.to_string()),
                    None => continue,
                },
            };
            *line = format!("> [!{kind}]\n> {text}");
        }
    }

    /// `:tada:` → 🎉 for GitHub's and jemoji's shortcode names; unknown names stay.
    pub(super) fn emoji_shortcodes(&mut self) {
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            if line.contains(':') {
                *line = outside_code(line, replace_shortcodes);
            }
        }
    }

    /// Named entities other than the five that protect markup (`&amp;`, `&lt;`, `&gt;`,
    /// `&quot;`, `&apos;`) become their characters: raw HTML keeps them as written, and the
    /// sanitizer that runs in the browser knows only those five.
    pub(super) fn decode_entities(&mut self) {
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            if line.contains('&') {
                *line = outside_code(line, decode_named);
            }
        }
    }

    /// `**…**` next to CJK punctuation (`，**重要……**所以`): CommonMark's flanking rule
    /// does not see the closing run as one, though every Chinese and Japanese reader does;
    /// such a pair is written as `<strong>` instead.
    pub(super) fn cjk_emphasis(&mut self) {
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            if line.contains("**") && !line.is_ascii() {
                *line = outside_code(line, strong_beside_cjk);
            }
        }
    }

    /// TeX between `$…$`, `$$…$$`, `\(…\)` and `\[…\]` becomes MathML (MathML Core, which
    /// Chromium, Firefox and Safari render). A formula that does not parse is shown as its
    /// source, with a note. `$4 and $7` are prices, not maths: a `$` needs its closing `$`
    /// and no space inside its edges, as pandoc and KaTeX's auto-render require.
    pub(super) fn maths(&mut self, notes: &mut Vec<Note>) {
        let mut prose = self.prose_lines();
        let mut k = 0;
        while k < prose.len() {
            let i = prose[k];
            let (number, line) = self.line(i);
            let display_open = line.trim() == "$$" || line.trim() == "\\[";
            if display_open {
                let close = if line.trim() == "$$" { "$$" } else { "\\]" };
                // The formula runs to the closing line, all within prose.
                let end = prose[k + 1..]
                    .iter()
                    .find(|&&j| self.line(j).1.trim() == close)
                    .copied();
                if let Some(end) = end {
                    let tex: Vec<String> =
                        (i + 1..end).map(|j| self.line(j).1.to_string()).collect();
                    // Inside a list item the formula keeps the item's indentation.
                    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
                    let html = render(&tex.join("\n"), true, number, notes)
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
            }
            let line = line.to_string();
            if line.contains('$') || line.contains("\\(") || line.contains("\\[") {
                let changed = outside_code(&line, |text| inline_maths(text, number, notes));
                *self.line_mut(i) = changed;
            }
            k += 1;
        }
    }
}

/// Replaces every known `:name:` in `text`.
fn replace_shortcodes(text: &str) -> String {
    /// The emoji of the shortcode `:name:` that `text` starts with, and its length.
    fn shortcode(text: &str) -> Option<(&'static emojis::Emoji, usize)> {
        let after = text.strip_prefix(':')?;
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        if name_len == 0 || !after[name_len..].starts_with(':') {
            return None;
        }
        Some((emojis::get_by_shortcode(&after[..name_len])?, name_len + 2))
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Whether the text just before is an emoji made here: shortcodes may touch
    // (`:+1::-1:`, as GitHub shows them).
    let mut after_emoji = false;
    while let Some(start) = rest.find(':') {
        out.push_str(&rest[..start]);
        if start > 0 {
            after_emoji = false;
        }
        let here = &rest[start..];
        // A shortcode stands alone: `serde::de::Error` and `fe80::ab:cd` are not emoji.
        let before_ok = after_emoji
            || !out
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ':');
        if let Some((emoji, len)) = shortcode(here).filter(|_| before_ok) {
            let next = &here[len..];
            let after_ok = !next
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == ':')
                || shortcode(next).is_some();
            if after_ok {
                out.push_str(emoji.as_str());
                rest = next;
                after_emoji = true;
                continue;
            }
        }
        out.push(':');
        rest = &here[1..];
        after_emoji = false;
    }
    out.push_str(rest);
    out
}

/// Decodes `&name;` entities except the five that keep markup inert.
fn decode_named(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let name_len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with(';') {
            let entity = &rest[amp..amp + name_len + 2];
            let decoded = html_escape::decode_html_entities(entity);
            // An entity for ASCII punctuation (`&lt;`, `&ast;`, `&lsqb;`) stays as written:
            // as a character it could become markup or Markdown syntax.
            let punctuation = decoded.chars().all(|c| c.is_ascii_punctuation());
            if decoded != entity && !punctuation {
                out.push_str(&decoded);
                rest = &after[name_len + 1..];
                continue;
            }
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether `c` is CJK punctuation or a CJK character, around which the flanking rule fails.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2E80..=0x2FDF | 0x3040..=0x30FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0x2026 | 0x2014 | 0x201C..=0x201D)
}

/// `**a**` pairs in `text` whose runs touch CJK text become `<strong>a</strong>`.
fn strong_beside_cjk(text: &str) -> String {
    let runs: Vec<usize> = text.match_indices("**").map(|(i, _)| i).collect();
    if runs.len() < 2 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    let mut k = 0;
    while k + 1 < runs.len() {
        let (open, close) = (runs[k], runs[k + 1]);
        let inner = &text[open + 2..close];
        let before = text[..open].chars().next_back();
        let after = text[close + 2..].chars().next();
        let touches = [
            before,
            inner.chars().next(),
            inner.chars().next_back(),
            after,
        ]
        .into_iter()
        .flatten()
        .any(is_cjk);
        if touches && !inner.is_empty() && !inner.starts_with(' ') && !inner.ends_with(' ') {
            out.push_str(&text[last..open]);
            out.push_str("<strong>");
            out.push_str(inner);
            out.push_str("</strong>");
            last = close + 2;
        }
        k += 2;
    }
    out.push_str(&text[last..]);
    out
}

/// Inline formulas in a piece of text outside code.
fn inline_maths(text: &str, line: usize, notes: &mut Vec<Note>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        // `\[…\]` counts only on lines of its own (see `maths`): inside a line it is most
        // often Markdown's escaped brackets.
        let dollar = find_unescaped(rest, "$");
        let paren = rest.find("\\(");
        let next = [dollar, paren].into_iter().flatten().min();
        let Some(start) = next else { break };
        let (open, close, display) = if Some(start) == paren {
            ("\\(", "\\)", false)
        } else if rest[start..].starts_with("$$") {
            ("$$", "$$", true)
        } else {
            ("$", "$", false)
        };
        let body_start = start + open.len();
        let Some(len) = find_unescaped(&rest[body_start..], close) else {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        };
        let tex = &rest[body_start..body_start + len];
        // `$4 and $7`: a single `$` formula has no space at its edges and is not a number
        // followed by more text.
        let plausible = !tex.is_empty()
            && (open != "$"
                || (!tex.starts_with(char::is_whitespace)
                    && !tex.ends_with(char::is_whitespace)
                    && !rest[body_start + len + 1..].starts_with(|c: char| c.is_ascii_digit())));
        if !plausible {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        }
        out.push_str(&rest[..start]);
        // Within a line a display formula stays in its paragraph (blank lines would split
        // the paragraph, the list item or the table row it is in).
        out.push_str(&inert_text(
            &render(tex, display, line, notes).replace("\n\n", ""),
        ));
        rest = &rest[body_start + len + close.len()..];
    }
    out.push_str(rest);
    out
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
fn render(tex: &str, display: bool, line: usize, notes: &mut Vec<Note>) -> String {
    use pulldown_latex::config::DisplayMode;
    let storage = pulldown_latex::Storage::new();
    let events: Result<Vec<_>, _> = pulldown_latex::Parser::new(tex, &storage).collect();
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
            let mathml = mathml.replace('\n', " ");
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
                    "formula `{tex}` cannot be typeset ({first}); it is shown as written"
                ),
            });
            // The source exactly as written: Markdown must not read its backslashes.
            let source = inert_text(&blog_core::html::escape(tex));
            format!(
                "<code class=\"math-error\" title=\"{}\">{source}</code>",
                blog_core::html::escape(&format!("Cannot typeset: {first}"))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_shortcodes_outside_code() {
        let cases = [
            ("rose :tada: and :+1:", "rose 🎉 and 👍"),
            ("type `:tada:` here", "type `:tada:` here"),
            (
                "time 10:30:45 and :not_an_emoji_name:",
                "time 10:30:45 and :not_an_emoji_name:",
            ),
            ("https://x.example:8080/", "https://x.example:8080/"),
        ];
        for (input, want) in cases {
            assert_eq!(outside_code(input, replace_shortcodes), want, "{input}");
        }
    }

    #[test]
    fn named_entities_become_characters_except_markup_ones() {
        let cases = [
            ("Caf&eacute; &mdash; &copy;", "Café — ©"),
            ("&lt;b&gt; &amp; &quot;", "&lt;b&gt; &amp; &quot;"),
            (
                "&LT;b&GT; &ast;x&ast; &lsqb;y&rsqb;",
                "&LT;b&GT; &ast;x&ast; &lsqb;y&rsqb;",
            ),
            ("AT&T and &nosuch; and &", "AT&T and &nosuch; and &"),
            ("`&eacute;` stays", "`&eacute;` stays"),
        ];
        for (input, want) in cases {
            assert_eq!(outside_code(input, decode_named), want, "{input}");
        }
    }

    #[test]
    fn strong_emphasis_beside_cjk_punctuation() {
        let cases = [
            (
                "面团，**温度很重要……**所以请",
                "面团，<strong>温度很重要……</strong>所以请",
            ),
            (
                "パンは**「ゆっくり」**焼きます。",
                "パンは<strong>「ゆっくり」</strong>焼きます。",
            ),
            ("plain **bold** text", "plain **bold** text"),
        ];
        for (input, want) in cases {
            assert_eq!(strong_beside_cjk(input), want, "{input}");
        }
    }

    #[test]
    fn maths_become_mathml_and_prices_stay_text() {
        let mut notes = Vec::new();
        let html = inline_maths("about $x^2$ times and \\(a+b\\) grams", 1, &mut notes);
        assert!(html.contains("<math") && html.contains("<msup>"), "{html}");
        let starred = inline_maths("then $a*b*c_{1}$ holds", 1, &mut notes);
        assert!(
            !starred.contains('*') && !starred.contains('_'),
            "{starred}"
        );
        let rendered = blog_core::markdown::render(&starred).html;
        assert!(!rendered.contains("<em>"), "{rendered}");
        assert!(!html.contains('$') && !html.contains("\\("), "{html}");
        let escaped = "see item \\[1\\] below";
        assert_eq!(inline_maths(escaped, 1, &mut notes), escaped);
        let prices = "costs $4 and a large one costs $7.";
        assert_eq!(inline_maths(prices, 1, &mut notes), prices);
        assert!(notes.is_empty(), "{notes:?}");
        let broken = inline_maths("see $\\frac{1}$ here", 7, &mut notes);
        let shown = blog_core::markdown::render(&broken).html;
        assert!(
            shown.contains("math-error") && shown.contains("\\frac{1}"),
            "{shown}"
        );
        assert_eq!(notes[0].line, Some(7));
    }
}
