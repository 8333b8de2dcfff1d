//! Markdown the engines we replace understand and CommonMark does not, rewritten when
//! publishing into what this blog renders: emoji shortcodes, docsify's
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
        // Docusaurus writes a heading's id as a comment where MDX forbids `{#id}`:
        // `## Setup {/* #setup */}` keeps its id.
        for i in self.prose_lines() {
            let line = self.line_mut(i);
            if !line.trim_start().starts_with('#') {
                continue;
            }
            let Some(start) = line.rfind("{/*") else {
                continue;
            };
            let inner = line[start + 3..]
                .trim_end()
                .strip_suffix("*/}")
                .map(str::trim);
            if let Some(id) = inner
                .and_then(|i| i.strip_prefix('#'))
                .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
            {
                *line = format!("{}{{#{id}}}", &line[..start]);
            }
        }
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

    /// `:tada:` → 🎉 for GitHub's and jemoji's shortcode names. GitHub's own pictures
    /// with no Unicode emoji (`:octocat:`) show their name, with a note; MkDocs Material's
    /// and LoveIt's icon shortcodes (`:material-check:`, `:(fab fa-github):`) draw the
    /// theme's icon font, which is not here: they go, with a note. Other names stay.
    pub(super) fn emoji_shortcodes(&mut self, notes: &mut Vec<Note>) {
        for i in self.prose_lines() {
            let (number, line) = self.line(i);
            if !line.contains(':') {
                continue;
            }
            let mut unshown = Vec::new();
            let changed = outside_code(line, |text| {
                replace_shortcodes(text, &mut unshown, picture_name)
            });
            *self.line_mut(i) = changed;
            for (name, icon) in unshown {
                notes.push(Note {
                    line: Some(number),
                    message: if icon {
                        format!(
                            "icon `{name}` is left out: it is drawn by the old theme's icon font"
                        )
                    } else {
                        format!("`{name}` is a GitHub picture with no emoji: its name is shown")
                    },
                });
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
}

/// `text` (a heading taken as the title) with its emoji shortcodes as emoji and its icon
/// shortcodes and GitHub pictures out, each added to `unshown`.
pub(super) fn shortcodes_in(text: &str, unshown: &mut Vec<(String, bool)>) -> String {
    // A title is text: a picture has no name in it either.
    replace_shortcodes(text, unshown, |_| String::new())
}

/// A GitHub picture in a post's body: its name, marked.
fn picture_name(name: &str) -> String {
    format!("<span class=\"emoji-name\">{name}</span>")
}

/// GitHub's shortcodes for its own pictures, which have no Unicode emoji
/// (<https://api.github.com/emojis> entries that are not Unicode).
const GITHUB_PICTURES: &[&str] = &[
    "atom",
    "basecamp",
    "basecampy",
    "bowtie",
    "dependabot",
    "electron",
    "feelsgood",
    "finnadie",
    "fishsticks",
    "goberserk",
    "godmode",
    "hurtrealbad",
    "neckbeard",
    "octocat",
    "rage1",
    "rage2",
    "rage3",
    "rage4",
    "shipit",
    "suspect",
    "trollface",
];

/// Icon sets of MkDocs Material's shortcodes (`:material-check:`, `:octicons-tag-24:`).
const ICON_SETS: &[&str] = &["material-", "octicons-", "fontawesome-", "simple-"];

/// Replaces every known `:name:` in `text`; GitHub pictures become what `picture_as` makes
/// of their name and icon shortcodes go, each added to `unshown` (as written, and whether
/// it is an icon).
fn replace_shortcodes(
    text: &str,
    unshown: &mut Vec<(String, bool)>,
    picture_as: fn(&str) -> String,
) -> String {
    let without_icons = icons(text, unshown);
    let text = without_icons.as_str();
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
        if let Some(name) = before_ok.then(|| picture(here)).flatten() {
            let name_len = name.len() + 2;
            let next = &here[name_len..];
            if !next.starts_with(|c: char| c.is_alphanumeric()) {
                out.push_str(&picture_as(name));
                unshown.push((format!(":{name}:"), false));
                rest = next;
                after_emoji = true;
                continue;
            }
        }
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

/// The GitHub picture `:name:` that `text` starts with.
fn picture(text: &str) -> Option<&'static str> {
    let after = text.strip_prefix(':')?;
    GITHUB_PICTURES
        .iter()
        .find(|name| {
            after
                .strip_prefix(**name)
                .is_some_and(|r| r.starts_with(':'))
        })
        .copied()
}

/// `text` without MkDocs Material's icon shortcodes (`:material-check:`,
/// `:octicons-tag-24:`) and LoveIt's (`:(fab fa-github):`), each added to `unshown`.
fn icons(text: &str, unshown: &mut Vec<(String, bool)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        let here = &rest[start..];
        let after = &here[1..];
        let len = if let Some(inner) = after.strip_prefix('(') {
            // LoveIt: `:(fas fa-check fa-fw):`.
            inner
                .find("):")
                .filter(|&end| {
                    inner[..end]
                        .split_whitespace()
                        .any(|w| w.starts_with("fa-"))
                })
                .map(|end| end + 4)
        } else {
            ICON_SETS
                .iter()
                .any(|set| after.starts_with(set))
                .then(|| {
                    after
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .filter(|&end| after[end..].starts_with(':'))
                        .map(|end| end + 2)
                })
                .flatten()
        };
        let standalone = !out
            .chars()
            .next_back()
            .or(rest[..start].chars().next_back())
            .is_some_and(char::is_alphanumeric);
        match len.filter(|_| standalone) {
            Some(len) => {
                out.push_str(&rest[..start]);
                unshown.push((here[..len].to_string(), true));
                rest = &here[len..];
                // The space the icon stood beside goes with it when it led the text.
                if out.trim().is_empty() {
                    rest = rest.trim_start();
                }
            }
            None => {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
            }
        }
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
            assert_eq!(
                outside_code(input, |t| replace_shortcodes(
                    t,
                    &mut Vec::new(),
                    picture_name
                )),
                want,
                "{input}"
            );
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
}
