//! Syntax highlighting of fenced code blocks: a small lexer per language family that wraps
//! comments, strings, numbers, keywords and names in `<span class="hl-…">`, escaping all text.
//!
//! Why our own: it runs wherever the Markdown is rendered (the browser's WASM and the
//! prerender), so both show the same colours, and it adds a few KB where a grammar-based
//! highlighter adds hundreds. It colours tokens, it does not parse: good enough to read by.

use crate::html::escape_into;

/// Token classes, as CSS classes: comment, string, number, keyword, literal (constants,
/// macros, variables), type, property (keys, attribute names), tag.
const COMMENT: &str = "hl-c";
const STRING: &str = "hl-s";
const NUMBER: &str = "hl-n";
const KEYWORD: &str = "hl-k";
const LITERAL: &str = "hl-l";
const TYPE: &str = "hl-t";
const PROPERTY: &str = "hl-p";
const TAG: &str = "hl-g";

/// How one language family looks to the lexer.
struct Lang {
    line_comments: &'static [&'static str],
    block_comment: Option<(&'static str, &'static str)>,
    quotes: &'static [char],
    keywords: &'static [&'static str],
    literals: &'static [&'static str],
    /// Capitalised names are types (Rust, TypeScript).
    capitalised_types: bool,
    /// A name directly followed by `:` (or `=` in TOML) is a key.
    keys_before: &'static [char],
    /// `name!` is a macro (Rust); `$name` a variable (shell); `@name` a decorator or at-rule.
    sigils: &'static [char],
    /// Characters that may appear inside names besides letters, digits and `_`.
    name_extra: &'static [char],
    /// `'a'` is a character literal, while `'a` alone is a lifetime (Rust).
    char_literals: bool,
}

const RUST: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"'],
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "static", "struct", "super", "trait", "type", "unsafe", "use",
        "where", "while",
    ],
    literals: &["true", "false", "self", "Self", "Some", "None", "Ok", "Err"],
    capitalised_types: true,
    keys_before: &[],
    sigils: &['!'],
    name_extra: &[],
    char_literals: true,
};

const JAVASCRIPT: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"', '\'', '`'],
    keywords: &[
        "async",
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "default",
        "delete",
        "do",
        "else",
        "export",
        "extends",
        "finally",
        "for",
        "from",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "of",
        "return",
        "static",
        "switch",
        "throw",
        "try",
        "type",
        "typeof",
        "var",
        "void",
        "while",
        "yield",
        "enum",
        "implements",
        "private",
        "public",
        "readonly",
    ],
    literals: &[
        "true",
        "false",
        "null",
        "undefined",
        "this",
        "NaN",
        "Infinity",
    ],
    capitalised_types: true,
    keys_before: &[],
    sigils: &[],
    name_extra: &['$'],
    char_literals: false,
};

const PYTHON: Lang = Lang {
    line_comments: &["#"],
    block_comment: None,
    quotes: &['"', '\''],
    keywords: &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
        "yield",
    ],
    literals: &["True", "False", "None", "self"],
    capitalised_types: false,
    keys_before: &[],
    sigils: &['@'],
    name_extra: &[],
    char_literals: false,
};

const SHELL: Lang = Lang {
    line_comments: &["#"],
    block_comment: None,
    quotes: &['"', '\''],
    keywords: &[
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "function", "in", "return", "export", "local", "source", "set", "cd", "echo", "exit",
    ],
    literals: &["true", "false"],
    capitalised_types: false,
    keys_before: &[],
    sigils: &['$'],
    name_extra: &['-'],
    char_literals: false,
};

const CSS: Lang = Lang {
    line_comments: &[],
    block_comment: Some(("/*", "*/")),
    quotes: &['"', '\''],
    keywords: &["important"],
    literals: &[],
    capitalised_types: false,
    keys_before: &[':'],
    sigils: &['@'],
    name_extra: &['-'],
    char_literals: false,
};

const JSON: Lang = Lang {
    line_comments: &[],
    block_comment: None,
    quotes: &['"'],
    keywords: &[],
    literals: &["true", "false", "null"],
    capitalised_types: false,
    keys_before: &[':'],
    sigils: &[],
    name_extra: &[],
    char_literals: false,
};

const YAML: Lang = Lang {
    line_comments: &["#"],
    block_comment: None,
    quotes: &['"', '\''],
    keywords: &[],
    literals: &["true", "false", "null", "yes", "no", "~"],
    capitalised_types: false,
    keys_before: &[':'],
    sigils: &['&', '*'],
    name_extra: &['-', '.'],
    char_literals: false,
};

const TOML: Lang = Lang {
    line_comments: &["#"],
    block_comment: None,
    quotes: &['"', '\''],
    keywords: &[],
    literals: &["true", "false"],
    capitalised_types: false,
    keys_before: &['='],
    sigils: &[],
    name_extra: &['-', '.'],
    char_literals: false,
};

/// The lexer for a fence's language name, if it is one we colour.
fn lang(name: &str) -> Option<&'static Lang> {
    Some(match name.to_ascii_lowercase().as_str() {
        "rust" | "rs" => &RUST,
        "javascript" | "js" | "jsx" | "mjs" | "cjs" | "typescript" | "ts" | "tsx" => &JAVASCRIPT,
        "python" | "py" => &PYTHON,
        "sh" | "bash" | "shell" | "zsh" | "console" => &SHELL,
        "css" | "scss" => &CSS,
        "json" | "jsonc" => &JSON,
        "yaml" | "yml" => &YAML,
        "toml" => &TOML,
        _ => return None,
    })
}

/// Whether `name` is a language this module colours.
pub fn supports(name: &str) -> bool {
    lang(name).is_some() || is_markup(name)
}

fn is_markup(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "html" | "xml" | "svg" | "xhtml"
    )
}

/// `code` as highlighted HTML for language `name`, or `None` when the language is unknown
/// (the caller then shows it plain).
pub fn highlight(name: &str, code: &str) -> Option<String> {
    let mut out = String::with_capacity(code.len() * 2);
    if is_markup(name) {
        markup(code, &mut out);
    } else {
        tokens(lang(name)?, code, &mut out);
    }
    Some(out)
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</span>");
}

/// Byte length of the string starting at `rest` (which opens with `quote`), closing quote
/// included; to the end of the line or text when unclosed. Backslash escapes, and Python's
/// and TOML's triple quotes, are honoured.
fn string_len(rest: &str, quote: char) -> usize {
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    if quote != '`' && rest.starts_with(&triple) {
        return rest[3..].find(&triple).map_or(rest.len(), |i| i + 6);
    }
    let mut chars = rest.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\n' if quote != '`' => return i,
            c if c == quote => return i + c.len_utf8(),
            _ => {}
        }
    }
    rest.len()
}

fn is_name_char(lang: &Lang, c: char) -> bool {
    c.is_alphanumeric() || c == '_' || lang.name_extra.contains(&c)
}

fn tokens(lang: &Lang, code: &str, out: &mut String) {
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let c = rest.chars().next().unwrap_or(' ');
        // Comments.
        if let Some(marker) = lang.line_comments.iter().find(|m| rest.starts_with(**m)) {
            // `#` starts a comment only at a word boundary in shell (`a#b` is a word).
            let boundary = *marker != "#"
                || code[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || p == ';');
            if boundary {
                let len = rest.find('\n').unwrap_or(rest.len());
                span(out, COMMENT, &rest[..len]);
                i += len;
                continue;
            }
        }
        if let Some((open, close)) = lang.block_comment {
            if let Some(inner) = rest.strip_prefix(open) {
                let len = inner
                    .find(close)
                    .map_or(rest.len(), |e| e + open.len() + close.len());
                span(out, COMMENT, &rest[..len]);
                i += len;
                continue;
            }
        }
        // Rust's `'a'` is a character; `'a` alone a lifetime, left plain.
        if c == '\'' && lang.char_literals {
            let mut chars = rest.char_indices().skip(1);
            let len = match (chars.next(), chars.next(), chars.next()) {
                (Some((_, '\\')), _, _) => rest[1..].find('\'').map(|e| e + 2),
                (Some(_), Some((j, '\'')), _) => Some(j + 1),
                _ => None,
            };
            if let Some(len) = len {
                span(out, STRING, &rest[..len]);
                i += len;
                continue;
            }
        }
        if lang.quotes.contains(&c) {
            let len = string_len(rest, c).max(1);
            let after = rest[len..].trim_start_matches([' ', '\t']);
            let key = lang.keys_before.iter().any(|k| after.starts_with(*k));
            span(out, if key { PROPERTY } else { STRING }, &rest[..len]);
            i += len;
            continue;
        }
        if c.is_ascii_digit() {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            span(out, NUMBER, &rest[..len]);
            i += len;
            continue;
        }
        if lang.sigils.contains(&c) && c != '!' {
            let len = c.len_utf8()
                + rest[c.len_utf8()..]
                    .find(|ch: char| !(is_name_char(lang, ch) || ch == '{' || ch == '}'))
                    .unwrap_or(rest.len() - c.len_utf8());
            if len > 1 {
                span(out, LITERAL, &rest[..len]);
                i += len;
                continue;
            }
        }
        if c.is_alphabetic() || c == '_' {
            let len = rest
                .find(|ch: char| !is_name_char(lang, ch))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            let after = rest[len..].trim_start_matches([' ', '\t']);
            let macro_call = rest[len..].starts_with('!') && !rest[len..].starts_with("!=");
            let class = if lang.sigils.contains(&'!') && macro_call {
                Some(LITERAL)
            } else if lang.keys_before.iter().any(|k| after.starts_with(*k))
                && !after.starts_with("::")
                && line_start_or_key_position(code, i)
            {
                Some(PROPERTY)
            } else if lang.keywords.contains(&word) {
                Some(KEYWORD)
            } else if lang.literals.contains(&word) {
                Some(LITERAL)
            } else if lang.capitalised_types && word.starts_with(|ch: char| ch.is_uppercase()) {
                Some(TYPE)
            } else {
                None
            };
            match class {
                Some(class) => span(out, class, word),
                None => escape_into(out, word),
            }
            i += len;
            continue;
        }
        let len = c.len_utf8();
        escape_into(out, &rest[..len]);
        i += len;
    }
}

/// Keys come first on their line (YAML, TOML) or after `{`, `;` or `,` (CSS, inline maps);
/// elsewhere `a: b` is not a key (`x ? a : b`).
fn line_start_or_key_position(code: &str, at: usize) -> bool {
    let before = code[..at].trim_end_matches([' ', '\t', '-']);
    before.is_empty() || before.ends_with(['\n', '{', ';', ','])
}

/// HTML and XML: tags and attribute names, attribute values, comments; text as is.
fn markup(code: &str, out: &mut String) {
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        if rest.starts_with("<!--") {
            let len = rest.find("-->").map_or(rest.len(), |e| e + 3);
            span(out, COMMENT, &rest[..len]);
            i += len;
        } else if rest.starts_with('<')
            && rest[1..]
                .starts_with(|c: char| c.is_alphabetic() || c == '/' || c == '!' || c == '?')
        {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            tag(&rest[..end], out);
            i += end;
        } else {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let len = rest[first..].find('<').map_or(rest.len(), |e| e + first);
            escape_into(out, &rest[..len]);
            i += len;
        }
    }
}

fn tag(text: &str, out: &mut String) {
    let name_end = text
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_whitespace() || c == '>')
        .map_or(text.len(), |(j, _)| j);
    span(out, TAG, &text[..name_end]);
    let mut i = name_end;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '"' || c == '\'' {
            let len = rest[1..].find(c).map_or(rest.len(), |e| e + 2);
            span(out, STRING, &rest[..len]);
            i += len;
        } else if c.is_alphabetic() {
            let len = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == ':' || ch == '_'))
                .unwrap_or(rest.len());
            span(out, PROPERTY, &rest[..len]);
            i += len;
        } else if c == '>' || (c == '/' && rest[1..].starts_with('>')) {
            span(out, TAG, rest);
            break;
        } else {
            escape_into(out, &rest[..c.len_utf8()]);
            i += c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(lang: &str, code: &str) -> String {
        highlight(lang, code).unwrap()
    }

    #[test]
    fn colours_each_language_family() {
        let cases = [
            (
                "rust",
                "fn main() { let s: String = \"hi\"; } // done",
                &[
                    "<span class=\"hl-k\">fn</span>",
                    "<span class=\"hl-t\">String</span>",
                    "<span class=\"hl-s\">&quot;hi&quot;</span>",
                    "<span class=\"hl-c\">// done</span>",
                ][..],
            ),
            (
                "rs",
                "println!(\"{}\", 'x', 42);",
                &[
                    "<span class=\"hl-l\">println</span>!",
                    "<span class=\"hl-s\">'x'</span>",
                    "<span class=\"hl-n\">42</span>",
                ],
            ),
            (
                "js",
                "const a = `t ${b}`; /* c */ null",
                &[
                    "<span class=\"hl-k\">const</span>",
                    "<span class=\"hl-s\">`t ${b}`</span>",
                    "<span class=\"hl-c\">/* c */</span>",
                    "<span class=\"hl-l\">null</span>",
                ],
            ),
            (
                "typescript",
                "interface P { x: number }",
                &[
                    "<span class=\"hl-k\">interface</span>",
                    "<span class=\"hl-t\">P</span>",
                ],
            ),
            (
                "python",
                "@cache\ndef f(x):\n    return None  # no",
                &[
                    "<span class=\"hl-l\">@cache</span>",
                    "<span class=\"hl-k\">def</span>",
                    "<span class=\"hl-l\">None</span>",
                    "<span class=\"hl-c\"># no</span>",
                ],
            ),
            (
                "bash",
                "export PATH=\"$HOME/bin\" # set\necho $USER a#b",
                &[
                    "<span class=\"hl-k\">export</span>",
                    "<span class=\"hl-l\">$USER</span>",
                    "<span class=\"hl-c\"># set</span>",
                    "a#b",
                ],
            ),
            (
                "css",
                "a { color: red; } @media print {}",
                &[
                    "<span class=\"hl-p\">color</span>",
                    "<span class=\"hl-l\">@media</span>",
                ],
            ),
            (
                "json",
                "{\"k\": [1, true, \"v\"]}",
                &[
                    "<span class=\"hl-p\">&quot;k&quot;</span>",
                    "<span class=\"hl-n\">1</span>",
                    "<span class=\"hl-l\">true</span>",
                    "<span class=\"hl-s\">&quot;v&quot;</span>",
                ],
            ),
            (
                "yaml",
                "title: \"T\"\ntags: [a] # c\ndraft: false",
                &[
                    "<span class=\"hl-p\">title</span>",
                    "<span class=\"hl-s\">&quot;T&quot;</span>",
                    "<span class=\"hl-c\"># c</span>",
                    "<span class=\"hl-l\">false</span>",
                ],
            ),
            (
                "toml",
                "[package]\nname = \"x\"\nlto = true",
                &[
                    "<span class=\"hl-p\">name</span>",
                    "<span class=\"hl-s\">&quot;x&quot;</span>",
                    "<span class=\"hl-l\">true</span>",
                ],
            ),
            (
                "html",
                "<a href=\"/x\">A &amp; B</a><!-- c -->",
                &[
                    "<span class=\"hl-g\">&lt;a</span>",
                    "<span class=\"hl-p\">href</span>",
                    "<span class=\"hl-s\">&quot;/x&quot;</span>",
                    "A &amp;amp; B",
                    "<span class=\"hl-c\">&lt;!-- c --&gt;</span>",
                ],
            ),
        ];
        for (lang, code, wants) in cases {
            let html = hl(lang, code);
            for want in wants {
                assert!(html.contains(want), "{lang}: {want} not in {html}");
            }
        }
    }

    #[test]
    fn unknown_languages_are_left_to_the_caller() {
        assert_eq!(highlight("brainfuck", "+-"), None);
        assert!(supports("RUST") && supports("yml") && supports("xml") && !supports("cobol"));
    }

    #[test]
    fn all_text_is_escaped_and_nothing_is_lost() {
        let code = "<script>alert(\"x\")</script> & 'unclosed \"also /* open";
        for lang in [
            "rust", "js", "python", "sh", "css", "json", "yaml", "toml", "html",
        ] {
            let html = hl(lang, code);
            assert!(!html.contains("<script"), "{lang}: {html}");
            let text = html
                .split('<')
                .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
                .collect::<String>()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            assert_eq!(text, code, "{lang}");
        }
    }

    #[test]
    fn every_cut_of_tricky_input_is_safe() {
        let tricky = "é'a'\\'\"x\\\"\"\"\"y/*z*/#!$a @b -- <a b='c'>d</a><!--e 1.5e3 'λ\n\tk: v = [1] r#\"raw\"# 中文 \u{a0}";
        for lang in [
            "rust", "js", "python", "sh", "css", "json", "yaml", "toml", "html",
        ] {
            for (i, _) in tricky.char_indices() {
                for piece in [&tricky[..i], &tricky[i..]] {
                    let html = hl(lang, piece);
                    assert!(!html.contains("<a "), "{lang}: {html}");
                }
            }
        }
    }
}
