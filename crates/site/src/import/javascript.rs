//! Eleventy's JavaScript front matter (`---js`), read for its plain values without running
//! it: an object literal (`{ title: "A", tags: ["x"] }`, Eleventy 1 and 2) or top-level
//! `const`/`let`/`var` declarations (Eleventy 3). Strings in any quotes, numbers, booleans,
//! `null`, arrays, nested objects and `new Date("…")` are values; anything computed (a
//! function, a template literal with `${}`, a variable) is named so a note can say so.
//! Source: <https://www.11ty.dev/docs/data-frontmatter/#javascript-front-matter>.

use blog_core::yaml::{Node, Value};

/// What a `---js` block holds.
pub(super) struct Read {
    /// Its plain values as a map; lines are 1-based within the block.
    pub(super) doc: Node,
    /// Keys whose value is computed, each with its line in the block.
    pub(super) computed: Vec<(String, usize)>,
}

/// Reads `raw` (the text between `---js` and `---`). Never fails: what is not a plain
/// value is left out and named in [`Read::computed`].
pub(super) fn read(raw: &str) -> Read {
    let mut parser = Parser {
        text: raw,
        at: 0,
        computed: Vec::new(),
    };
    parser.skip_space();
    let entries = if parser.peek() == Some('{') {
        parser.at += 1;
        parser.members(None)
    } else {
        parser.declarations()
    };
    Read {
        doc: Node {
            value: Value::Map(entries),
            line: 1,
        },
        computed: parser.computed,
    }
}

/// A hand-written reader: the JavaScript here is data, and no crate reads a JavaScript
/// object literal while passing over the parts that are code.
struct Parser<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
    computed: Vec<(String, usize)>,
}

/// Deepest nesting read; deeper values are counted as computed (bounded recursion).
const MAX_DEPTH: usize = 32;

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    /// The 1-based line of the next character.
    fn line(&self) -> usize {
        self.text[..self.at].matches('\n').count() + 1
    }

    /// Past whitespace and comments.
    fn skip_space(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            let mut step = rest.len() - trimmed.len();
            if let Some(after) = trimmed.strip_prefix("//") {
                step += 2 + after.find('\n').unwrap_or(after.len());
            } else if let Some(after) = trimmed.strip_prefix("/*") {
                step += 2 + after.find("*/").map_or(after.len(), |end| end + 2);
            } else {
                self.at += step;
                return;
            }
            self.at += step;
        }
    }

    /// Top-level declarations: `const title = "A";`, `export let tags = [];`. Other
    /// statements (functions, imports) are passed over; a function's name is computed.
    fn declarations(&mut self) -> Vec<(String, Node)> {
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            if self.at >= self.text.len() {
                return entries;
            }
            let start = self.at;
            let mut words = self.rest().split(|c: char| !is_identifier(c));
            let mut word = words.next().unwrap_or("");
            if word == "export" {
                self.at += word.len();
                self.skip_space();
                word = self
                    .rest()
                    .split(|c: char| !is_identifier(c))
                    .next()
                    .unwrap_or("");
            }
            if matches!(word, "const" | "let" | "var") {
                self.at += word.len();
                self.skip_space();
                let name = self.identifier();
                self.skip_space();
                if !name.is_empty() && self.rest().starts_with('=') {
                    self.at += 1;
                    let line = self.line();
                    match self.value(0) {
                        Some(value) => entries.push((name, value)),
                        None => self.computed.push((name, line)),
                    }
                    continue;
                }
            } else if matches!(word, "function" | "async") {
                let line = self.line();
                let rest = self.rest();
                let name = rest[word.len()..]
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '*')
                    .split(|c: char| !is_identifier(c))
                    .next()
                    .unwrap_or("")
                    .to_string();
                if !name.is_empty() && name != "function" {
                    self.computed.push((name, line));
                }
            }
            self.skip_code();
            if self.rest().starts_with([';', ',']) {
                self.at += 1;
            }
            if self.at == start {
                // Nothing was read: step over one character so reading always ends.
                self.at += self.peek().map_or(1, char::len_utf8);
            }
        }
    }

    /// An identifier (or the empty string).
    fn identifier(&mut self) -> String {
        let name: String = self
            .rest()
            .chars()
            .take_while(|&c| is_identifier(c))
            .collect();
        self.at += name.len();
        name
    }

    /// Members of an object literal after its `{`, through its `}`. `key` names the object
    /// for computed members' notes (`parent.child`).
    fn members(&mut self, key: Option<&str>) -> Vec<(String, Node)> {
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => return entries,
                Some('}') => {
                    self.at += 1;
                    return entries;
                }
                Some(',') => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            let line = self.line();
            let name = match self.peek() {
                Some(quote @ ('"' | '\'')) => self.string(quote),
                _ => Some(self.identifier()),
            };
            self.skip_space();
            let full = |name: &str| match key {
                Some(parent) => format!("{parent}.{name}"),
                None => name.to_string(),
            };
            match name.filter(|n| !n.is_empty()) {
                Some(name) if self.rest().starts_with(':') => {
                    self.at += 1;
                    let depth = key.map_or(0, |k| k.matches('.').count() + 1);
                    match self.value_named(depth, &full(&name)) {
                        Some(value) => entries.push((name, value)),
                        None => self.computed.push((full(&name), line)),
                    }
                }
                // `title,` (a variable's value), `render() {…}`, `[key]: …`, `...rest`.
                name => {
                    if let Some(name) = name {
                        self.computed.push((full(&name), line));
                    }
                    let before = self.at;
                    self.skip_code();
                    if self.at == before {
                        // A stray `)`, `]` or `;`: stepped over, so reading always ends.
                        self.at += self.peek().map_or(1, char::len_utf8);
                    }
                }
            }
        }
    }

    /// A value, with its key for nested computed members.
    fn value_named(&mut self, depth: usize, key: &str) -> Option<Node> {
        self.skip_space();
        if self.peek() == Some('{') && depth < MAX_DEPTH {
            let line = self.line();
            self.at += 1;
            let entries = self.members(Some(key));
            self.after_value();
            return Some(Node {
                value: Value::Map(entries),
                line,
            });
        }
        self.value(depth)
    }

    /// A plain value, or `None` (and the reader past the code) when it is computed.
    fn value(&mut self, depth: usize) -> Option<Node> {
        self.skip_space();
        let line = self.line();
        let start = self.at;
        let value = match self.peek()? {
            quote @ ('"' | '\'' | '`') => self.string(quote).map(Value::Scalar),
            '[' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut items = Vec::new();
                let mut plain = true;
                loop {
                    self.skip_space();
                    match self.peek() {
                        None => break,
                        Some(']') => {
                            self.at += 1;
                            break;
                        }
                        Some(',') => self.at += 1,
                        _ => {
                            let before = self.at;
                            match self.value(depth + 1) {
                                Some(item) => items.push(item),
                                None => plain = false,
                            }
                            if self.at == before {
                                // `["a" }`: what ends no value is stepped over.
                                self.at += self.peek().map_or(1, char::len_utf8);
                            }
                        }
                    }
                }
                plain.then_some(Value::Seq(items))
            }
            '{' if depth < MAX_DEPTH => {
                self.at += 1;
                let before = self.computed.len();
                let entries = self.members(None);
                // Inside an array or a declaration the members have no key of their own.
                let plain = self.computed.len() == before;
                self.computed.truncate(before);
                plain.then_some(Value::Map(entries))
            }
            _ => {
                let word: String = self
                    .rest()
                    .chars()
                    .take_while(|&c| is_identifier(c) || matches!(c, '.' | '-' | '+'))
                    .collect();
                match word.as_str() {
                    "true" | "false" => Some(Value::Scalar(word.clone())),
                    "null" | "undefined" => Some(Value::Null),
                    number
                        if number
                            .starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
                            && number.parse::<f64>().is_ok() =>
                    {
                        Some(Value::Scalar(number.to_string()))
                    }
                    "new" => self.date(),
                    _ => None,
                }
                .inspect(|_| {
                    if word != "new" {
                        self.at += word.len();
                    }
                })
            }
        };
        // What follows a plain value up to its `,` must be nothing: `"a" + b` is computed.
        // A line break ends a declaration written without its `;`.
        let value_end = self.at;
        self.skip_space();
        let ends = self.rest().is_empty()
            || self.rest().starts_with([',', '}', ']', ';'])
            || (self.text[value_end..self.at].contains('\n')
                && !self
                    .rest()
                    .starts_with(['+', '-', '*', '/', '.', '?', ':', '|', '&']));
        match value {
            Some(value) if ends => {
                self.after_value();
                Some(Node { value, line })
            }
            _ => {
                self.at = start;
                self.skip_code();
                None
            }
        }
    }

    /// Past a `;` ending a declaration.
    fn after_value(&mut self) {
        self.skip_space();
        if self.rest().starts_with(';') {
            self.at += 1;
        }
    }

    /// `new Date("2024-01-02")` as its date text.
    fn date(&mut self) -> Option<Value> {
        let rest = self.rest().strip_prefix("new")?.trim_start();
        let inner = rest.strip_prefix("Date")?.trim_start().strip_prefix('(')?;
        let inner_trimmed = inner.trim_start();
        let quote = inner_trimmed
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))?;
        let body = &inner_trimmed[1..];
        let end = body.find(quote)?;
        let after = body[end + 1..].trim_start().strip_prefix(')')?;
        let date = body[..end].to_string();
        self.at = self.text.len() - after.len();
        Some(Value::Scalar(date))
    }

    /// A quoted string after its opening `quote`, unescaped; `None` for a template literal
    /// with `${}` (computed) or one that never closes.
    fn string(&mut self, quote: char) -> Option<String> {
        let body = &self.text[self.at + 1..];
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'u')) => {
                        let hex: String = body[i + 2..].chars().take(4).collect();
                        if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            out.push(c);
                            for _ in 0..hex.chars().count() {
                                chars.next();
                            }
                        }
                    }
                    // A backslash before a line break continues the line.
                    Some((_, '\n')) => {}
                    Some((_, other)) => out.push(other),
                    None => return None,
                },
                '$' if quote == '`' && body[i + 1..].starts_with('{') => return None,
                c if c == quote => {
                    self.at += 1 + i + c.len_utf8();
                    return Some(out);
                }
                '\n' if quote != '`' => return None,
                c => out.push(c),
            }
        }
        None
    }

    /// Past code up to the `,`, `;` or closing bracket that ends it at this depth (strings,
    /// template literals, comments and nested brackets passed over whole).
    fn skip_code(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '"' | '\'' | '`' => {
                    if self.string(c).is_none() {
                        // A template literal with `${}`, or an unclosed string: to its close.
                        let body = &self.text[self.at + 1..];
                        let close = body.find(c).map_or(body.len(), |e| e + 1);
                        self.at += 1 + close;
                    }
                    continue;
                }
                '/' if self.rest().starts_with("//") || self.rest().starts_with("/*") => {
                    self.skip_space();
                    continue;
                }
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => return,
                ')' | ']' | '}' => depth -= 1,
                ',' | ';' if depth == 0 => return,
                '\n' if depth == 0 && starts_statement(self.rest()[1..].trim_start()) => return,
                _ => {}
            }
            self.at += c.len_utf8();
        }
    }
}

/// Whether `text` starts a declaration, which a line break before it ends code at.
fn starts_statement(text: &str) -> bool {
    ["const ", "let ", "var ", "export ", "function "]
        .iter()
        .any(|keyword| text.starts_with(keyword))
}

fn is_identifier(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar<'a>(doc: &'a Node, key: &str) -> Option<&'a str> {
        match &doc.get(key)?.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Eleventy 1 and 2: an object literal with JavaScript's quoting, comments, trailing
    /// commas, and values computed by functions, which are named and left out.
    #[test]
    fn eleventy_object_literal_front_matter() {
        let raw = "{\n  // the post\n  title: 'It\\'s here',\n  \"date\": \"2024-03-05\",\n  draft: false,\n  order: 3,\n  tags: [\"posts\", `notes`],\n  eleventyComputed: {\n    slug: (data) => data.title.toLowerCase(),\n    about: \"plain\",\n  },\n  permalink: function (data) { return `/x/${data.page.fileSlug}/`; },\n  updated: new Date(\"2024-04-01\"),\n  /* long\n     comment */\n  summary: `two\nlines`,\n}\n";
        let read = read(raw);
        assert_eq!(scalar(&read.doc, "title"), Some("It's here"));
        assert_eq!(scalar(&read.doc, "date"), Some("2024-03-05"));
        assert_eq!(scalar(&read.doc, "draft"), Some("false"));
        assert_eq!(scalar(&read.doc, "order"), Some("3"));
        assert_eq!(scalar(&read.doc, "updated"), Some("2024-04-01"));
        assert_eq!(scalar(&read.doc, "summary"), Some("two\nlines"));
        assert!(
            matches!(&read.doc.get("tags").unwrap().value, Value::Seq(items) if items.len() == 2)
        );
        assert_eq!(read.doc.get("date").unwrap().line, 4);
        let computed: Vec<&str> = read.computed.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(computed, ["eleventyComputed.slug", "permalink"]);
        assert_eq!(read.computed[1].1, 12);
        let nested = read.doc.get("eleventyComputed").unwrap();
        assert_eq!(scalar(nested, "about"), Some("plain"));
    }

    /// Eleventy 3: declarations, `export`ed or not; functions are computed.
    #[test]
    fn eleventy_declarations_front_matter() {
        let raw = "const title = \"Declared\";\nexport let tags = ['a', 'b']\nvar layout = 'post.njk';\nconst year = new Date().getFullYear();\nfunction shout(s) { return s.toUpperCase(); }\nimport x from \"y\";\nconst description = \"after the rest\";\n";
        let read = read(raw);
        assert_eq!(scalar(&read.doc, "title"), Some("Declared"));
        assert_eq!(scalar(&read.doc, "layout"), Some("post.njk"));
        assert_eq!(scalar(&read.doc, "description"), Some("after the rest"));
        assert!(read.doc.get("tags").is_some());
        let computed: Vec<&str> = read.computed.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(computed, ["year", "shout"]);
    }

    /// Whatever the text, reading ends and keeps what it could.
    #[test]
    fn hostile_javascript_never_hangs_or_panics() {
        for raw in [
            "",
            "{",
            "}",
            "{{{{",
            "[[[",
            "{ a: ",
            "{ a: 'open",
            "{ a: `x${",
            "const",
            "const =",
            "{ 'é': \"\\u00e9\\u\" }",
            "export",
            "/* open",
            "{ a: 1 + }",
            "{ ...x, b: 2 }",
            "const a = {b: {c: {d: [1, [2, [3]]]}}}",
            "{ a: \"\\",
            "\u{E000}{ x: 1 }",
        ] {
            let _ = read(raw);
        }
        let deep = format!("{{ a: {}1{} }}", "[".repeat(200), "]".repeat(200));
        let _ = read(&deep);
        let read = read("{ ...spread, b: 2 }");
        assert_eq!(scalar(&read.doc, "b"), Some("2"));
    }
}
