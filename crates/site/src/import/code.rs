//! Code blocks as other engines annotate them: what their fences' info strings say beside
//! the language (Docusaurus' and MkDocs' `title="…"`, gatsby-remark-code-titles'
//! `js:title=…`, VitePress' `[label]`, Hugo's `{filename="…"}`, line highlights such as
//! `{1,3-5}`, `hl_lines="2"`, `showLineNumbers`), and the comments that only steer their
//! highlighter (Docusaurus' and gatsby-remark-prismjs' `// highlight-next-line`, Shiki's
//! and VitePress' `// [!code ++]`), which readers of those engines never see.
//! Sources: <https://docusaurus.io/docs/markdown-features/code-blocks>,
//! <https://vitepress.dev/guide/markdown#line-highlighting-in-code-blocks>,
//! <https://squidfunk.github.io/mkdocs-material/reference/code-blocks/>,
//! <https://www.gatsbyjs.com/plugins/gatsby-remark-prismjs/>.

use super::body::{fence_marker, Body};
use super::Note;

/// Docusaurus' and gatsby-remark-prismjs' whole-line highlight comments.
const HIGHLIGHT_DIRECTIVES: &[&str] = &[
    "highlight-next-line",
    "highlight-start",
    "highlight-end",
    "highlight-line",
];

/// A fence's info string, read.
#[derive(Debug, PartialEq, Eq)]
struct Info {
    language: String,
    title: Option<String>,
}

/// The language and title an info string names, whichever engine wrote it.
fn info(text: &str) -> Info {
    let text = text.trim();
    let language = blog_core::markdown::fence_language(text).unwrap_or_default();
    let rest = text;
    let quoted_value = |key: &str| {
        let at = rest.find(key)?;
        // `title` as a key, not inside another word (`subtitle=`).
        if rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            return None;
        }
        let value = &rest[at + key.len()..];
        let (value, close) = match value.chars().next()? {
            q @ ('"' | '\'') => (&value[1..], Some(q)),
            _ => (value, None),
        };
        let len = match close {
            Some(q) => value.find(q)?,
            None => value
                .find(|c: char| c.is_whitespace() || matches!(c, '}' | ','))
                .unwrap_or(value.len()),
        };
        Some(value[..len].to_string())
    };
    let title = quoted_value("title=")
        .or_else(|| quoted_value("filename="))
        .or_else(|| {
            // VitePress' `[label]`, which a code group shows as the tab's name.
            let open = rest.find('[')?;
            let close = rest[open..].find(']')? + open;
            Some(rest[open + 1..close].to_string())
        })
        .filter(|t| !t.trim().is_empty());
    Info { language, title }
}

/// A code line's Shiki/VitePress notation (`// [!code ++]`, `# [!code focus]`,
/// `<!-- [!code hl] -->`): the line without it, and what it marked (`++`, `--`, …).
fn notation(line: &str) -> Option<(String, String)> {
    let at = line.find("[!code ")?;
    let close = line[at..].find(']')? + at;
    let what = line[at + 7..close].trim().to_string();
    // The comment that holds it, from its opening marker.
    let before = &line[..at];
    let mut start = ["//", "#", "<!--", "/*", "--", ";", "%"]
        .iter()
        .filter_map(|m| before.rfind(m))
        .max()?;
    // `--` is the end of `<!--`.
    if before[..start].ends_with("<!") {
        start -= 2;
    }
    let after = line[close + 1..]
        .trim_start()
        .trim_start_matches("-->")
        .trim_start_matches("*/")
        .to_string();
    let kept = format!("{}{after}", line[..start].trim_end());
    Some((kept, what))
}

/// Where the `!` of a MkDocs Material annotation marker (`(1)!`) ending `line` is.
fn annotation(line: &str) -> Option<usize> {
    let trimmed = line.trim_end();
    let inner = trimmed.strip_suffix(")!")?;
    let open = inner.rfind('(')?;
    let digits = &inner[open + 1..];
    // In a comment (`# (1)!`, `// (2)!`): `items.at(0)!` is TypeScript.
    let comment = ["#", "//", "--", ";", "%", "/*", "<!--"]
        .iter()
        .any(|m| inner[..open].trim_end().ends_with(m));
    (comment && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| trimmed.len() - 1)
}

/// Whether a code line is nothing but a highlight directive comment.
fn is_directive(line: &str) -> bool {
    let inner = line
        .trim()
        .trim_start_matches(['/', '#', '-', ';', '{', '*', '<', '!'])
        .trim_end_matches(['/', '}', '*', '>', '-'])
        .trim();
    HIGHLIGHT_DIRECTIVES.iter().any(|d| {
        inner == *d
            || inner
                .strip_prefix("highlight-range")
                .is_some_and(|r| r.starts_with('{'))
    })
}

impl Body {
    /// Python-Markdown's CodeHilite (Pelican, MkDocs): an indented code block whose first
    /// line is `:::python` or `#!python` is in that language, and that line is no code.
    /// Such a block becomes a fenced one. Source:
    /// <https://python-markdown.github.io/extensions/code_hilite/#syntax>.
    pub(super) fn codehilite_languages(&mut self) {
        let code = self.indented_code_lines();
        let mut k = 0;
        while k < code.len() {
            let first = code[k];
            // The block: consecutive code lines (blank lines inside it count as its).
            let mut last = first;
            while k + 1 < code.len() && code[k + 1] == last + 1 {
                k += 1;
                last = code[k];
            }
            k += 1;
            let line = self.line(first).1.trim().to_string();
            let language = line
                .strip_prefix(":::")
                .or_else(|| line.strip_prefix("#!").filter(|l| !l.starts_with('/')))
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && l.chars().all(|c| {
                            c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_' | '.')
                        })
                });
            let Some(language) = language.map(str::to_string) else {
                continue;
            };
            // Trailing blank lines belong after the fence.
            while last > first && self.line(last).1.trim().is_empty() {
                last -= 1;
            }
            let indent = |l: &str| {
                l.strip_prefix("    ")
                    .or_else(|| l.strip_prefix('\t'))
                    .unwrap_or(l.trim_start())
                    .to_string()
            };
            let lines: Vec<String> = (first + 1..=last).map(|j| indent(self.line(j).1)).collect();
            let fence = format!("```{language}\n{}\n```", lines.join("\n"));
            self.replace_lines(first, last, fence);
            // Indices after the block moved up: start again from the new list.
            return self.codehilite_languages();
        }
    }

    /// Other files pulled into a post — VitePress' `<<< @/snippets/a.js` and
    /// `<!--@include: ./part.md-->`, MkDocs' `--8<-- "file.md"` (pymdownx.snippets), alone
    /// on their lines — are not carried over: each goes, with a note asking for the text.
    pub(super) fn includes(&mut self, notes: &mut Vec<Note>) {
        let prose = self.prose_lines();
        let mut in_snippets = false;
        for i in prose {
            let (number, line) = self.line(i);
            let trimmed = line.trim();
            let include = if in_snippets {
                in_snippets = trimmed != "--8<--";
                !trimmed.is_empty() && in_snippets
            } else if trimmed == "--8<--" {
                in_snippets = true;
                false
            } else {
                let vitepress_code = trimmed
                    .strip_prefix("<<< ")
                    .is_some_and(|p| p.trim_start().starts_with(['@', '.', '/']));
                let vitepress_page = trimmed
                    .strip_prefix("<!--")
                    .and_then(|c| c.strip_suffix("-->"))
                    .is_some_and(|c| c.trim_start().starts_with("@include:"));
                vitepress_code || vitepress_page || trimmed.starts_with("--8<-- ")
            };
            if include {
                notes.push(Note {
                    line: Some(number),
                    message: format!(
                        "`{trimmed}` includes another file, which is not carried over: paste its text into the post"
                    ),
                });
            }
            if include || trimmed == "--8<--" {
                self.line_mut(i).clear();
            }
        }
    }

    /// Every fenced code block as the module's documentation says: its fence names only
    /// its language, a title goes above it, and highlighter comments go (a block marking
    /// lines added and removed becomes a `diff`, as its readers saw it).
    pub(super) fn code_blocks(&mut self) {
        let mut i = 0;
        while i < self.line_count() {
            let line = self.line(i).1.to_string();
            let Some(marker) = fence_marker(&line).map(str::to_string) else {
                i += 1;
                continue;
            };
            let indent = &line[..line.len() - line.trim_start().len()];
            let written = line.trim_start()[marker.len()..].to_string();
            let end = (i + 1..self.line_count())
                .find(|&j| {
                    let l = self.line(j).1;
                    fence_marker(l).is_some_and(|m| m.starts_with(marker.as_str()))
                        && l.trim().len() == fence_marker(l).map_or(0, str::len)
                })
                .unwrap_or(self.line_count());
            // Backtick fences' info strings may not hold backticks: no fence otherwise.
            if marker.starts_with('`') && written.contains('`') {
                i += 1;
                continue;
            }
            let read = info(&written);
            let mut marks = Vec::new();
            let mut k = i + 1;
            let mut last = end;
            while k < last {
                let code = self.line(k).1.to_string();
                if is_directive(&code) {
                    // The line goes, not left blank.
                    self.remove_line(k);
                    last -= 1;
                    continue;
                }
                // MkDocs Material's annotation markers: `# (1)!` hides its comment mark
                // there; here the number stays, for the list under the block.
                if let Some(marker) = annotation(&code) {
                    let kept = format!("{}{}", &code[..marker], &code[marker + 1..]);
                    *self.line_mut(k) = kept;
                }
                let code = self.line(k).1.to_string();
                if let Some((kept, what)) = notation(&code) {
                    *self.line_mut(k) = kept;
                    marks.push((k, what));
                } else {
                    marks.push((k, String::new()));
                }
                k += 1;
            }
            let diff = marks.iter().any(|(_, m)| m == "++" || m == "--");
            if diff {
                for (k, what) in &marks {
                    let sign = match what.as_str() {
                        "++" => '+',
                        "--" => '-',
                        _ => ' ',
                    };
                    let code = self.line(*k).1.to_string();
                    *self.line_mut(*k) = format!("{sign}{code}");
                }
            }
            let language = if diff { "diff" } else { read.language.as_str() };
            let fence = format!("{indent}{marker}{language}");
            *self.line_mut(i) = match &read.title {
                // A blank line ends the title's HTML block before the fence.
                Some(title) => format!(
                    "{indent}<div class=\"code-title\">{}</div>\n\n{fence}",
                    blog_core::html::escape(title)
                ),
                None => fence,
            };
            i = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_of_every_engine() {
        let cases = [
            ("js", "js", None),
            (
                "js title=\"src/app.js\" showLineNumbers",
                "js",
                Some("src/app.js"),
            ),
            ("jsx{2,5-6}", "jsx", None),
            ("js:title=gatsby-config.js", "js", Some("gatsby-config.js")),
            ("sh [npm]", "sh", Some("npm")),
            ("ts [config.ts]{3}", "ts", Some("config.ts")),
            (" yaml", "yaml", None),
            ("py hl_lines=\"2 3\" linenums=\"1\"", "py", None),
            ("py title='a b.py'", "py", Some("a b.py")),
            ("go {filename=\"main.go\"}", "go", Some("main.go")),
            ("{.python #listing-1}", "python", None),
            ("rust,ignore", "rust", None),
            ("tsx title=a.tsx highlight=2,4-5", "tsx", Some("a.tsx")),
            ("", "", None),
            ("text subtitle=x", "text", None),
        ];
        for (written, language, title) in cases {
            assert_eq!(
                info(written),
                Info {
                    language: language.to_string(),
                    title: title.map(str::to_string)
                },
                "{written}"
            );
        }
    }

    fn blocks(text: &str) -> String {
        let mut body = Body::new(text, 1);
        body.code_blocks();
        body.finish().0
    }

    /// Docusaurus' and Gatsby's directive comments go with their lines; the code between
    /// them stays.
    #[test]
    fn docusaurus_and_gatsby_highlight_comments_go() {
        let text = "```js title=\"a.js\"\n// highlight-next-line\nconst a = 1;\n  // highlight-start\nconst b = 2;\n// highlight-end\n# highlight-next-line\n{/* highlight-next-line */}\n<!-- highlight-next-line -->\n// highlight-range{1-2}\nconst c = 3; // keep this comment\n```\n";
        let out = blocks(text);
        assert_eq!(
            out,
            "<div class=\"code-title\">a.js</div>\n\n```js\nconst a = 1;\nconst b = 2;\nconst c = 3; // keep this comment\n```\n"
        );
    }

    /// VitePress' notation comments: highlights go; added and removed lines become a diff.
    #[test]
    fn vitepress_notation_comments() {
        let out = blocks("```ts [config.ts]\nconst x = 1 // [!code focus]\nconst y = 2 // [!code --]\nconst y = 3 // [!code ++]\n```\n");
        assert_eq!(
            out,
            "<div class=\"code-title\">config.ts</div>\n\n```diff\n const x = 1\n-const y = 2\n+const y = 3\n```\n"
        );
        let out = blocks(
            "```html\n<p>hi</p> <!-- [!code hl] -->\n```\n\n```py\nx = 1  # [!code warning]\n```\n",
        );
        assert_eq!(out, "```html\n<p>hi</p>\n```\n\n```py\nx = 1\n```\n");
    }

    #[test]
    fn vitepress_and_mkdocs_includes_go_with_a_note() {
        let mut body = Body::new("Before.\n\n<<< @/snippets/a.js{2}\n\n<!-- @include: ./part.md -->\n\n--8<-- \"abbr.md\"\n\n--8<--\none.md\ntwo.md\n--8<--\n\n<<< not an include\n", 1);
        let mut notes = Vec::new();
        body.includes(&mut notes);
        let out = body.finish().0;
        assert!(out.starts_with("Before.\n") && out.trim_end().ends_with("\n<<< not an include"));
        assert_eq!(out.replace('\n', ""), "Before.<<< not an include");
        let lines: Vec<Option<usize>> = notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [Some(3), Some(5), Some(7), Some(10), Some(11)]);
    }

    /// Pelican's and MkDocs' CodeHilite: `:::lang` or `#!lang` opening an indented block.
    #[test]
    fn pelican_codehilite_language_lines() {
        let mut body = Body::new("Text.\n\n    :::python\n    print(1)\n\n    print(2)\n\nMore.\n\n    #!bash\n    ls\n\nAgain.\n\n    #!/usr/bin/env python\n    kept\n", 1);
        body.codehilite_languages();
        let out = body.finish().0;
        assert!(
            out.contains("```python\nprint(1)\n\nprint(2)\n```\n\nMore."),
            "{out}"
        );
        assert!(out.contains("```bash\nls\n```"), "{out}");
        assert!(out.contains("    #!/usr/bin/env python\n    kept"), "{out}");
    }

    #[test]
    fn mkdocs_annotation_markers_keep_their_number() {
        let out = blocks("```ts\nconst first = items.at(0)!\n```\n");
        assert_eq!(out, "```ts\nconst first = items.at(0)!\n```\n");
        let out = blocks("``` yaml\ntheme:\n  name: material # (1)!\n```\n\n1. The theme.\n");
        assert_eq!(
            out,
            "```yaml\ntheme:\n  name: material # (1)\n```\n\n1. The theme.\n"
        );
    }

    /// Fences that are not code blocks' openings, and what is inside code, stay.
    #[test]
    fn other_fences_stay() {
        let text =
            "``` js `tick`\nnot a fence\n\n~~~~\n```\ninside a ~~~~ block the ``` is code\n~~~~\n";
        let out = blocks(text);
        assert!(out.starts_with("``` js `tick`\nnot a fence\n"), "{out}");
        assert!(out.contains("~~~~\n```\ninside"), "{out}");
    }
}
