//! A small YAML reader for front matter and the author registry: the block and flow forms
//! people write in those files, with line numbers for every value and error.
//!
//! Why not a full YAML library: one was about a third of the browser bundle, and front
//! matter needs mappings, lists and scalars only. Anchors, aliases and tags are refused with
//! a clear message, which also makes alias bombs impossible; nesting is capped.

/// Deepest nesting accepted (mappings and lists inside each other).
pub const MAX_DEPTH: usize = 16;

/// A YAML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Nothing after the key (`key:`), or `~` / `null`.
    Null,
    /// Text as written, after unquoting and folding.
    Scalar(String),
    /// A list.
    Seq(Vec<Node>),
    /// Key–value pairs in the order written; keys are unique.
    Map(Vec<(String, Node)>),
}

/// A value and the line (1-based) it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it starts.
    pub line: usize,
}

impl Node {
    /// The value under `key`, when this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of value this is, for messages: "text", "a list", "a mapping".
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Scalar(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A field of a mapping that holds the wrong kind of value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// 1-based line of the value.
    pub line: usize,
    /// The key, as written.
    pub key: String,
    /// What the field holds: "text", "true or false", "a list", "a mapping".
    pub expected: &'static str,
    /// What was there instead ([`Node::kind`]), or the text that is not a flag.
    pub found: String,
}

impl std::fmt::Display for FieldError {
    /// `title must be text, found a list`; callers put `file:line:` in front.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} must be {}, found {}",
            self.key, self.expected, self.found
        )
    }
}

/// A key no reader of the file knows, with the known key it most likely means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    /// 1-based line of the key.
    pub line: usize,
    /// The key as written.
    pub key: String,
    /// The closest known key (`page_size` for `page-size`), when one is close.
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownKey {
    /// `unknown key `page-size`; did you mean `page_size`?`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown key `{}`", self.key)?;
        match self.suggestion {
            Some(known) => write!(f, "; did you mean `{known}`? (it is ignored)"),
            None => f.write_str(" (it is ignored)"),
        }
    }
}

/// The typed reading every YAML file of the blog goes through (front matter, `site.yaml`,
/// `authors.yaml`): a field is absent when missing or empty (`key:`, `~`); otherwise it
/// must hold the kind of value asked for, or the error names its line and key.
impl Node {
    /// The value under `key` unless it is missing or null.
    pub fn field(&self, key: &str) -> Option<&Node> {
        self.get(key).filter(|n| n.value != Value::Null)
    }

    /// This value as text (untrimmed), or an error naming `key`.
    pub fn as_text(&self, key: &str) -> Result<&str, FieldError> {
        match &self.value {
            Value::Scalar(s) => Ok(s),
            _ => Err(self.wrong(key, "text", self.kind())),
        }
    }

    /// The text under `key`, trimmed; `None` when absent.
    pub fn text(&self, key: &str) -> Result<Option<String>, FieldError> {
        self.field(key)
            .map(|n| n.as_text(key).map(|s| s.trim().to_string()))
            .transpose()
    }

    /// `true` / `false` under `key`, in any case, and YAML 1.1's `yes`/`no`/`on`/`off`
    /// (which Jekyll's YAML reads as flags).
    pub fn flag(&self, key: &str) -> Result<Option<bool>, FieldError> {
        let Some(node) = self.field(key) else {
            return Ok(None);
        };
        let text = node.as_text(key)?.trim();
        match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Ok(Some(true)),
            "false" | "no" | "off" => Ok(Some(false)),
            _ => Err(node.wrong(key, "true or false", &format!("\"{text}\""))),
        }
    }

    /// The items of the list under `key`; empty when absent.
    pub fn items(&self, key: &str) -> Result<&[Node], FieldError> {
        match self.field(key) {
            None => Ok(&[]),
            Some(Node {
                value: Value::Seq(items),
                ..
            }) => Ok(items),
            Some(node) => Err(node.wrong(key, "a list", node.kind())),
        }
    }

    /// The mapping under `key`, when present.
    pub fn mapping(&self, key: &str) -> Result<Option<&Node>, FieldError> {
        match self.field(key) {
            Some(node) if !matches!(node.value, Value::Map(_)) => {
                Err(node.wrong(key, "a mapping", node.kind()))
            }
            other => Ok(other),
        }
    }

    /// The keys of this mapping that are not in `known`, each with the known key it most
    /// likely means (by edit distance, ignoring case, `-` and `_`), for "did you mean".
    pub fn unknown_keys(&self, known: &[&'static str]) -> Vec<UnknownKey> {
        let Value::Map(entries) = &self.value else {
            return Vec::new();
        };
        let plain = |k: &str| k.to_lowercase().replace(['-', '_'], "");
        entries
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, node)| {
                let suggestion = known
                    .iter()
                    .map(|k| {
                        (
                            strsim::normalized_damerau_levenshtein(&plain(k), &plain(key)),
                            *k,
                        )
                    })
                    .filter(|(score, _)| *score >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, k)| k);
                UnknownKey {
                    line: node.line,
                    key: key.clone(),
                    suggestion,
                }
            })
            .collect()
    }

    fn wrong(&self, key: &str, expected: &'static str, found: &str) -> FieldError {
        FieldError {
            line: self.line,
            key: key.to_string(),
            expected,
            found: found.to_string(),
        }
    }
}

/// Why a YAML text could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line within the text.
    pub line: usize,
    /// What is wrong; its `Display` is worded for the file's author.
    pub problem: YamlProblem,
}

impl std::fmt::Display for YamlError {
    /// The problem alone, without the line (callers put `file:line:` in front).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.problem.fmt(f)
    }
}

/// What is wrong with a YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlProblem {
    /// The document is a lone value or list, not `key: value` lines.
    NotMapping,
    /// A line inside a mapping is not `key: value`.
    ExpectedKeyValue,
    /// A key appears twice in one mapping.
    DuplicateKey(String),
    /// Indentation with tab characters.
    Tabs,
    /// A line indented more than what is above it can hold (`"key"`, `"list item"`).
    IndentedMore(&'static str),
    /// A line indented less than the document's first line.
    IndentedLess,
    /// Deeper than [`MAX_DEPTH`].
    TooDeep,
    /// `&name` / `*name`: refused, which also rules out alias bombs.
    AnchorOrAlias,
    /// `!name` tags.
    Tag,
    /// A quote or bracket (`"quote"`, `"["`, `"{"`) that never closes.
    Unclosed(&'static str),
    /// Text after what should have ended a value (`"the closing quote"`, `"the closing
    /// bracket"`, ``"`|` or `>`"``).
    TextAfter(&'static str),
    /// A backslash escape a double-quoted string does not allow (`q` for `\q`).
    BadEscape(String),
    /// In a flow list or mapping (`[a, b]`, `{a: 1}`): what was expected instead.
    Flow(String),
}

impl std::fmt::Display for YamlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            YamlProblem::NotMapping => f.write_str("expected `key: value` lines"),
            YamlProblem::ExpectedKeyValue => f.write_str("expected `key: value`"),
            YamlProblem::DuplicateKey(key) => write!(f, "`{key}` is given twice"),
            YamlProblem::Tabs => f.write_str("indent with spaces, not tabs"),
            YamlProblem::IndentedMore(what) => {
                write!(f, "this line is indented more than the {what} above it")
            }
            YamlProblem::IndentedLess => {
                f.write_str("this line is indented less than the ones before it")
            }
            YamlProblem::TooDeep => f.write_str("it is nested too deeply"),
            YamlProblem::AnchorOrAlias => {
                f.write_str("YAML anchors and aliases (`&name`, `*name`) are not supported")
            }
            YamlProblem::Tag => f.write_str("YAML tags (`!name`) are not supported"),
            YamlProblem::Unclosed("quote") => f.write_str("unclosed quote"),
            YamlProblem::Unclosed(what) => write!(f, "unclosed `{what}`"),
            YamlProblem::TextAfter(what) => write!(f, "unexpected text after {what}"),
            YamlProblem::BadEscape(escape) => write!(f, "`\\{escape}` is not a valid escape"),
            YamlProblem::Flow(expected) => f.write_str(expected),
        }
    }
}

/// Reads a YAML document whose top level is a mapping (or empty).
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            let content = raw.trim_start_matches(' ');
            Line {
                number: i + 1,
                indent: raw.len() - content.len(),
                text: content.trim_end(),
            }
        })
        .collect();
    let mut parser = Parser { lines, pos: 0 };
    parser.skip_blank();
    let Some(first) = parser.peek() else {
        return Ok(Node {
            value: Value::Map(Vec::new()),
            line: 1,
        });
    };
    let (indent, line) = (first.indent, first.number);
    let node = parser.block(indent, 0)?;
    parser.skip_blank();
    if let Some(rest) = parser.peek() {
        return Err(error(rest.number, YamlProblem::IndentedLess));
    }
    if !matches!(node.value, Value::Map(_)) {
        return Err(error(line, YamlProblem::NotMapping));
    }
    Ok(node)
}

fn error(line: usize, problem: YamlProblem) -> YamlError {
    YamlError { line, problem }
}

#[derive(Clone, Copy)]
struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

/// Where a key's `:` is: the first colon followed by a space or the end, outside quotes.
fn key_split(text: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(q @ ('"' | '\'')) = text.chars().next() {
        let end = closing_quote(text, q)?;
        let rest = text[end + 1..].trim_start();
        (unquote(&text[..=end], q).ok()?, rest.strip_prefix(':')?)
    } else {
        let bytes = text.as_bytes();
        let at = (0..bytes.len()).find(|&i| {
            bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t')
        })?;
        if text.starts_with('#') || text.starts_with('[') || text.starts_with('{') {
            return None;
        }
        (text[..at].trim_end().to_string(), &text[at + 1..])
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((key, rest.trim_start()))
}

/// Byte index of the quote that closes the quoted text starting at `text[0]`.
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
}

/// The text of a quoted scalar (`"…"` or `'…'`, quotes included), escapes applied.
fn unquote(quoted: &str, quote: char) -> Result<String, YamlProblem> {
    let inner = &quoted[1..quoted.len() - 1];
    if quote == '\'' {
        return Ok(inner.replace("''", "'"));
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next() {
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('0') => '\0',
            Some(' ') => ' ',
            Some('/') => '/',
            Some('"') => '"',
            Some('\\') => '\\',
            Some(kind @ ('x' | 'u' | 'U')) => {
                let digits = match kind {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars.by_ref().take(digits).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == digits)
                    .and_then(char::from_u32)
                    .ok_or_else(|| YamlProblem::BadEscape(format!("{kind}{hex}")))?
            }
            Some(other) => return Err(YamlProblem::BadEscape(other.to_string())),
            None => '\\',
        };
        out.push(escaped);
    }
    Ok(out)
}

/// `text` without a trailing ` # comment`.
fn strip_comment(text: &str) -> &str {
    if text.starts_with('#') {
        return "";
    }
    // A comment starts at a `#` after a space or tab (YAML 1.2, 6.6).
    let comment = text
        .as_bytes()
        .windows(2)
        .position(|w| matches!(w, [b' ' | b'\t', b'#']));
    match comment {
        Some(i) => text[..i].trim_end(),
        None => text,
    }
}

fn is_seq_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while self
            .peek()
            .is_some_and(|l| l.text.is_empty() || l.text.starts_with('#'))
        {
            self.pos += 1;
        }
    }

    /// A block value whose first line is the current one, indented by `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Result<Node, YamlError> {
        let Some(line) = self.peek() else {
            return Ok(Node {
                value: Value::Null,
                line: self.lines.last().map_or(1, |l| l.number),
            });
        };
        if depth > MAX_DEPTH {
            return Err(error(line.number, YamlProblem::TooDeep));
        }
        if line.text.starts_with('\t') {
            return Err(error(line.number, YamlProblem::Tabs));
        }
        if is_seq_item(line.text) {
            self.seq(indent, depth)
        } else if key_split(line.text).is_some() {
            self.map(indent, depth)
        } else {
            self.pos += 1;
            self.inline(line.text, line.number, indent.saturating_sub(1), depth)
        }
    }

    fn map(&mut self, indent: usize, depth: usize) -> Result<Node, YamlError> {
        let start = self.peek().map_or(1, |l| l.number);
        let mut entries: Vec<(String, Node)> = Vec::new();
        loop {
            self.skip_blank();
            let Some(line) = self.peek() else { break };
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(error(line.number, YamlProblem::IndentedMore("key")));
            }
            if is_seq_item(line.text) {
                break;
            }
            if line.text.starts_with('\t') {
                return Err(error(line.number, YamlProblem::Tabs));
            }
            let Some((key, rest)) = key_split(line.text) else {
                return Err(error(line.number, YamlProblem::ExpectedKeyValue));
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(error(
                    line.number,
                    YamlProblem::DuplicateKey(key.to_string()),
                ));
            }
            self.pos += 1;
            let mut value = self.after_indicator(rest, line.number, indent, depth)?;
            // A block under a key starts on the key's line, where messages about it point.
            value.line = value.line.min(line.number);
            entries.push((key, value));
        }
        Ok(Node {
            value: Value::Map(entries),
            line: start,
        })
    }

    fn seq(&mut self, indent: usize, depth: usize) -> Result<Node, YamlError> {
        let start = self.peek().map_or(1, |l| l.number);
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            let Some(line) = self.peek() else { break };
            if line.indent != indent || !is_seq_item(line.text) {
                if line.indent > indent {
                    return Err(error(line.number, YamlProblem::IndentedMore("list item")));
                }
                break;
            }
            let rest = line.text[1..].trim_start();
            let item_indent = indent + (line.text.len() - rest.len());
            if key_split(rest).is_some() || is_seq_item(rest) {
                // `- key: value` opens a mapping (or `- - x` a list) whose first line is this
                // one, indented to where its text starts.
                self.lines[self.pos] = Line {
                    number: line.number,
                    indent: item_indent,
                    text: rest,
                };
                items.push(self.block(item_indent, depth + 1)?);
            } else {
                self.pos += 1;
                items.push(self.after_indicator(rest, line.number, indent, depth)?);
            }
        }
        Ok(Node {
            value: Value::Seq(items),
            line: start,
        })
    }

    /// The value after `key:` or `- `: on the same line, or in the more indented lines below.
    fn after_indicator(
        &mut self,
        rest: &'a str,
        number: usize,
        indent: usize,
        depth: usize,
    ) -> Result<Node, YamlError> {
        if strip_comment(rest).is_empty() {
            self.skip_blank();
            return match self.peek() {
                Some(next)
                    if next.indent > indent
                        || (next.indent == indent && is_seq_item(next.text)) =>
                {
                    self.block(next.indent, depth + 1)
                }
                _ => Ok(Node {
                    value: Value::Null,
                    line: number,
                }),
            };
        }
        self.inline(rest, number, indent, depth)
    }

    /// A value that starts on this line: flow, quoted, block scalar or plain.
    fn inline(
        &mut self,
        rest: &'a str,
        number: usize,
        indent: usize,
        depth: usize,
    ) -> Result<Node, YamlError> {
        let node = |value| Node {
            value,
            line: number,
        };
        match rest.chars().next() {
            Some('&' | '*') => Err(error(number, YamlProblem::AnchorOrAlias)),
            Some('!') => Err(error(number, YamlProblem::Tag)),
            Some('[' | '{') => {
                let text = self.continued(rest, number, indent, depth)?;
                let mut flow = Flow {
                    text: &text,
                    pos: 0,
                    line: number,
                };
                let value = flow.value(depth + 1)?;
                flow.skip_space();
                if !strip_comment(&text[flow.pos..]).is_empty() {
                    return Err(error(number, YamlProblem::TextAfter("the closing bracket")));
                }
                Ok(value)
            }
            Some(q @ ('"' | '\'')) => {
                let text = self.continued(rest, number, indent, depth)?;
                let end = closing_quote(&text, q)
                    .ok_or_else(|| error(number, YamlProblem::Unclosed("quote")))?;
                if !strip_comment(text[end + 1..].trim()).is_empty() {
                    return Err(error(number, YamlProblem::TextAfter("the closing quote")));
                }
                let value = unquote(&text[..=end], q).map_err(|p| error(number, p))?;
                Ok(node(Value::Scalar(value)))
            }
            Some('|' | '>') => self.block_scalar(rest, number, indent).map(node),
            _ => {
                // A plain scalar may go on over more indented lines, joined by spaces.
                let mut text = strip_comment(rest).to_string();
                while let Some(next) = self.peek() {
                    if next.indent <= indent || next.text.is_empty() || next.text.starts_with('#') {
                        break;
                    }
                    if key_split(next.text).is_some() {
                        break;
                    }
                    text.push(' ');
                    text.push_str(strip_comment(next.text));
                    self.pos += 1;
                }
                Ok(node(match text.as_str() {
                    "~" | "null" | "Null" | "NULL" => Value::Null,
                    _ => Value::Scalar(text),
                }))
            }
        }
    }

    /// A quoted or flow value that may span lines: the lines joined until quotes and brackets
    /// close (folded as YAML does: a line break is a space).
    fn continued(
        &mut self,
        first: &str,
        number: usize,
        indent: usize,
        depth: usize,
    ) -> Result<String, YamlError> {
        let mut text = first.to_string();
        loop {
            match balance(&text, depth) {
                Balance::Closed => return Ok(text),
                Balance::TooDeep => return Err(error(number, YamlProblem::TooDeep)),
                Balance::Open(what) => match self.peek() {
                    Some(next) if next.indent > indent || what == "quote" => {
                        text.push(' ');
                        text.push_str(next.text);
                        self.pos += 1;
                    }
                    _ => {
                        return Err(error(number, YamlProblem::Unclosed(what)));
                    }
                },
            }
        }
    }

    /// `|` keeps line breaks, `>` folds them into spaces; `-` drops the final break, `+`
    /// keeps every trailing one.
    fn block_scalar(
        &mut self,
        header: &str,
        number: usize,
        indent: usize,
    ) -> Result<Value, YamlError> {
        let header = strip_comment(header);
        let folded = header.starts_with('>');
        let chomp = if header.contains('-') {
            '-'
        } else if header.contains('+') {
            '+'
        } else {
            ' '
        };
        if header[1..]
            .chars()
            .any(|c| !matches!(c, '-' | '+' | '1'..='9'))
        {
            return Err(error(number, YamlProblem::TextAfter("`|` or `>`")));
        }
        let mut body: Vec<String> = Vec::new();
        let mut content_indent = None;
        while let Some(next) = self.peek() {
            if next.text.is_empty() {
                body.push(String::new());
                self.pos += 1;
                continue;
            }
            if next.indent <= indent {
                break;
            }
            let at = *content_indent.get_or_insert(next.indent);
            if next.indent < at {
                break;
            }
            // Indentation beyond the block's own is part of the text.
            body.push(format!("{}{}", " ".repeat(next.indent - at), next.text));
            self.pos += 1;
        }
        let trailing = body.iter().rev().take_while(|l| l.is_empty()).count();
        let lines = &body[..body.len() - trailing];
        let mut text = String::new();
        for (i, line) in lines.iter().enumerate() {
            // Folding turns a single line break into a space and each blank line into one
            // line break.
            if i > 0 {
                match (folded, line.is_empty(), lines[i - 1].is_empty()) {
                    (false, _, _) | (true, true, _) => text.push('\n'),
                    (true, false, false) => text.push(' '),
                    (true, false, true) => {}
                }
            }
            text.push_str(line);
        }
        match chomp {
            '-' => {}
            '+' => text.push_str(&"\n".repeat(trailing + 1)),
            _ if !lines.is_empty() => text.push('\n'),
            _ => {}
        }
        Ok(Value::Scalar(text))
    }
}

enum Balance {
    Closed,
    Open(&'static str),
    TooDeep,
}

/// Whether the quotes and brackets opened in `text` are all closed.
fn balance(text: &str, depth: usize) -> Balance {
    let mut stack: Vec<char> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    // A quote opens a quoted scalar only where a scalar starts (`it's` is plain text).
    let mut at_start = true;
    while let Some(c) = chars.next() {
        let starts_scalar = at_start;
        at_start = matches!(c, '[' | '{' | ',' | ':') || (c.is_whitespace() && at_start);
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => {
                if q == '\'' && chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    quote = None;
                    if stack.is_empty() {
                        return Balance::Closed;
                    }
                }
            }
            Some(_) => {}
            None => match c {
                '"' | '\'' if starts_scalar => quote = Some(c),
                '[' | '{' => {
                    stack.push(c);
                    if depth + stack.len() > MAX_DEPTH {
                        return Balance::TooDeep;
                    }
                }
                ']' | '}' => {
                    stack.pop();
                    if stack.is_empty() {
                        return Balance::Closed;
                    }
                }
                _ => {}
            },
        }
    }
    match (quote, stack.last()) {
        (Some(_), _) => Balance::Open("quote"),
        (None, Some('[')) => Balance::Open("["),
        (None, Some(_)) => Balance::Open("{"),
        (None, None) => Balance::Closed,
    }
}

/// A flow collection (`[a, b]`, `{k: v}`), already joined onto one line.
struct Flow<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
}

impl Flow<'_> {
    fn skip_space(&mut self) {
        while self.text[self.pos..].starts_with([' ', '\t']) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        let found = self.text[self.pos..].starts_with(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn fail<T>(&self, problem: YamlProblem) -> Result<T, YamlError> {
        Err(error(self.line, problem))
    }

    fn value(&mut self, depth: usize) -> Result<Node, YamlError> {
        if depth > MAX_DEPTH {
            return self.fail(YamlProblem::TooDeep);
        }
        self.skip_space();
        let line = self.line;
        let node = move |value| Node { value, line };
        let text = self.text;
        let rest = &text[self.pos..];
        match rest.chars().next() {
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                while !self.eat(']') {
                    items.push(self.value(depth + 1)?);
                    if !self.eat(',') && !self.text[self.pos..].starts_with(']') {
                        return self
                            .fail(YamlProblem::Flow("expected `,` or `]` in the list".into()));
                    }
                }
                Ok(node(Value::Seq(items)))
            }
            Some('{') => {
                self.pos += 1;
                let mut entries: Vec<(String, Node)> = Vec::new();
                while !self.eat('}') {
                    let key = match self.value(depth + 1)?.value {
                        Value::Scalar(k) => k,
                        _ => {
                            return self
                                .fail(YamlProblem::Flow("a mapping key must be text".into()))
                        }
                    };
                    if !self.eat(':') {
                        return self.fail(YamlProblem::Flow(format!("expected `:` after `{key}`")));
                    }
                    if entries.iter().any(|(k, _)| *k == key) {
                        return self.fail(YamlProblem::DuplicateKey(key.to_string()));
                    }
                    let value = self.value(depth + 1)?;
                    entries.push((key, value));
                    if !self.eat(',') && !self.text[self.pos..].starts_with('}') {
                        return self.fail(YamlProblem::Flow(
                            "expected `,` or `}` in the mapping".into(),
                        ));
                    }
                }
                Ok(node(Value::Map(entries)))
            }
            Some(q @ ('"' | '\'')) => {
                let end = closing_quote(rest, q)
                    .ok_or_else(|| error(self.line, YamlProblem::Unclosed("quote")))?;
                let value = unquote(&rest[..=end], q).map_err(|p| error(self.line, p))?;
                self.pos += end + 1;
                Ok(node(Value::Scalar(value)))
            }
            Some('&' | '*') => self.fail(YamlProblem::AnchorOrAlias),
            Some(']' | '}' | ',') | None => Ok(node(Value::Null)),
            Some(_) => {
                let end = rest
                    .char_indices()
                    .find(|&(i, c)| {
                        matches!(c, ',' | ']' | '}')
                            || (c == ':' && rest[i + 1..].starts_with([' ', ',', ']', '}']))
                            || (c == ':' && i + 1 == rest.len())
                    })
                    .map_or(rest.len(), |(i, _)| i);
                self.pos += end;
                let text = rest[..end].trim();
                Ok(node(match text {
                    "~" | "null" => Value::Null,
                    _ => Value::Scalar(text.to_string()),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Value {
        Value::Scalar(text.to_string())
    }

    fn get(yaml: &str, key: &str) -> Value {
        parse(yaml).unwrap().get(key).unwrap().value.clone()
    }

    fn seq(items: &[&str]) -> Vec<Value> {
        items.iter().map(|s| scalar(s)).collect()
    }

    fn seq_values(value: Value) -> Vec<Value> {
        match value {
            Value::Seq(items) => items.into_iter().map(|n| n.value).collect(),
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn reads_the_scalars_people_write() {
        let cases = [
            ("k: plain text\n", "plain text"),
            ("k: \"double: quoted\"\n", "double: quoted"),
            ("k: 'single ''quoted'''\n", "single 'quoted'"),
            ("k: \"esc \\\"q\\\" \\u00e9 \\n\"\n", "esc \"q\" é \n"),
            ("k: 2025-03-15 10:00\n", "2025-03-15 10:00"),
            ("k: text # comment\n", "text"),
            ("k: a#b\n", "a#b"),
            ("k: first\n  second line\n", "first second line"),
            ("k: \"folded\n  quote\"\n", "folded quote"),
            ("k: >-\n  folded\n  block\n\n  para\n", "folded block\npara"),
            ("k: |\n  kept\n    indented\n", "kept\n  indented\n"),
            ("k: Über café — 👉\n", "Über café — 👉"),
            ("k: https://example.com/a:b\n", "https://example.com/a:b"),
        ];
        for (yaml, want) in cases {
            assert_eq!(get(yaml, "k"), scalar(want), "{yaml:?}");
        }
        assert_eq!(get("k:\nj: x\n", "k"), Value::Null);
        assert_eq!(get("k: ~\n", "k"), Value::Null);
    }

    #[test]
    fn reads_lists_and_mappings_in_both_forms() {
        assert_eq!(
            seq_values(get("k: [a, \"b, c\", 'd']\n", "k")),
            seq(&["a", "b, c", "d"])
        );
        assert_eq!(
            seq_values(get("k:\n  - a\n  - b c\n", "k")),
            seq(&["a", "b c"])
        );
        assert_eq!(
            seq_values(get("k:\n- a\n- b\nj: x\n", "k")),
            seq(&["a", "b"])
        );
        assert_eq!(seq_values(get("k: [a,\n  b]\n", "k")), seq(&["a", "b"]));
        assert_eq!(seq_values(get("k: []\n", "k")), Vec::<Value>::new());
        let image = parse("image:\n  path: /x.png\n  alt: X\n").unwrap();
        assert_eq!(
            image.get("image").unwrap().get("path").unwrap().value,
            scalar("/x.png")
        );
        let flow = parse("image: {path: /x.png, alt: \"X, Y\"}\n").unwrap();
        assert_eq!(
            flow.get("image").unwrap().get("alt").unwrap().value,
            scalar("X, Y")
        );
    }

    #[test]
    fn reads_lists_of_mappings() {
        let doc = parse(
            "id:\n  name: N\n  links:\n    - label: A\n      url: https://a\n    - label: B\n      url: https://b\n",
        )
        .unwrap();
        let links = doc.get("id").unwrap().get("links").unwrap();
        let Value::Seq(items) = &links.value else {
            panic!("{links:?}")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].get("url").unwrap().value, scalar("https://b"));
        assert_eq!(items[1].line, 6);
    }

    #[test]
    fn errors_say_what_and_where() {
        let cases = [
            ("a: 1\na: 2\n", 2, "`a` is given twice"),
            ("a: \"open\nb: 2\n", 1, "unclosed quote"),
            ("a: [x, y\n", 1, "unclosed `[`"),
            (
                "a: *ref\n",
                1,
                "YAML anchors and aliases (`&name`, `*name`) are not supported",
            ),
            (
                "a: &x 1\n",
                1,
                "YAML anchors and aliases (`&name`, `*name`) are not supported",
            ),
            ("a: !!str 1\n", 1, "YAML tags (`!name`) are not supported"),
            (
                "a: 1\n  b: 2\n",
                2,
                "this line is indented more than the key above it",
            ),
            ("just text\n", 1, "expected `key: value` lines"),
            ("a: \"\\q\"\n", 1, "`\\q` is not a valid escape"),
            ("a: [x] y\n", 1, "unexpected text after the closing bracket"),
        ];
        for (yaml, line, message) in cases {
            let found = parse(yaml).unwrap_err();
            assert_eq!(
                (found.line, found.to_string()),
                (line, message.into()),
                "{yaml:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let flow = format!("a: {}\n", "[".repeat(10_000));
        assert_eq!(parse(&flow).unwrap_err().problem, YamlProblem::TooDeep);
        let mut block = String::new();
        for i in 0..100 {
            block.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert_eq!(parse(&block).unwrap_err().problem, YamlProblem::TooDeep);
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        assert_eq!(parse("").unwrap().value, Value::Map(Vec::new()));
        assert_eq!(
            parse("# only a comment\n\n").unwrap().value,
            Value::Map(Vec::new())
        );
    }
}
