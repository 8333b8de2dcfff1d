//! Text encodings and front matter formats: YAML (`---`), TOML (`+++`, Hugo and Zola),
//! JSON (`{ … }`, Hugo), or none (docsify), all read into one [`Node`] tree.

use blog_core::date::PostDate;
use blog_core::error::ErrorKind;
use blog_core::front_matter::{self, MAX_FRONT_MATTER_BYTES};
use blog_core::yaml::{self, Node, Value};

use super::Note;

/// How a post's front matter was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Yaml,
    Toml,
    Json,
    /// Pelican's and MultiMarkdown's `Key: value` lines, up to the first blank line.
    Headers,
    None,
}

/// A post's front matter, read, and its body.
pub(super) struct Split<'a> {
    pub(super) format: Format,
    /// The front matter as written (between the fences).
    pub(super) raw: &'a str,
    /// Its fields as a tree; lines are relative to `first_line`.
    pub(super) doc: Node,
    /// Line of the file where `raw` starts.
    pub(super) first_line: usize,
    pub(super) body: &'a str,
    /// Line of the file where `body` starts.
    pub(super) body_first_line: usize,
    /// What reading it left out (Eleventy's computed values), at its line.
    pub(super) notes: Vec<Note>,
}

/// The file's text. UTF-8 (with or without a byte-order mark) as it is; anything else is
/// read as Windows-1252, which is what old editors on Windows saved (and a superset of
/// Latin-1 for printable text), with a note saying so.
pub(super) fn decode(bytes: &[u8], notes: &mut Vec<Note>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            notes.push(Note {
                line: Some(line),
                message: "file is not UTF-8: it was read as Windows-1252 (Latin-1); re-save it as UTF-8 to be sure every character is right".to_string(),
            });
            text.into_owned()
        }
    }
}

/// Splits front matter in any of the formats from the body and reads it.
pub(super) fn split(text: &str) -> Result<Split<'_>, (Option<usize>, ErrorKind)> {
    let first = text.lines().next().unwrap_or("").trim_end();
    match first {
        "---" => {
            let parts = front_matter::split(text).map_err(|kind| (None, kind))?;
            let doc = yaml::parse(parts.yaml).map_err(|e| {
                // The typed reader words field errors better; it runs on the same text.
                let message = front_matter::parse("", parts.yaml, 1)
                    .err()
                    .map_or(ErrorKind::Yaml(e.problem.to_string()), |err| err.kind);
                (Some(e.line + parts.yaml_first_line - 1), message)
            })?;
            Ok(Split {
                format: Format::Yaml,
                raw: parts.yaml,
                doc,
                first_line: parts.yaml_first_line,
                body: parts.body,
                body_first_line: parts.body_first_line,
                notes: Vec::new(),
            })
        }
        "+++" => {
            let (raw, body, body_first_line) = fenced(text, "+++")?;
            toml_block(raw, body, body_first_line)
        }
        // gray-matter's language after the fence (Eleventy): `---js`, `---json`, `---yaml`.
        _ if first.starts_with("---") && first[3..].trim().chars().all(char::is_alphabetic) => {
            let language = first[3..].trim().to_ascii_lowercase();
            let (raw, body, body_first_line) = fenced(text, "---")?;
            match language.as_str() {
                "js" | "javascript" => {
                    let read = super::javascript::read(raw);
                    let notes = read
                        .computed
                        .into_iter()
                        .map(|(key, line)| Note {
                            line: Some(line + 1),
                            message: format!(
                                "front matter `{key}` is computed by JavaScript, which is not run here: it is left out"
                            ),
                        })
                        .collect();
                    Ok(Split {
                        format: Format::Json,
                        raw,
                        doc: read.doc,
                        first_line: 2,
                        body,
                        body_first_line,
                        notes,
                    })
                }
                "json" => json_block(raw, body, body_first_line),
                "toml" => toml_block(raw, body, body_first_line),
                _ => {
                    let doc = yaml::parse(raw)
                        .map_err(|e| (Some(e.line + 1), ErrorKind::Yaml(e.problem.to_string())))?;
                    Ok(Split {
                        format: Format::Yaml,
                        raw,
                        doc,
                        first_line: 2,
                        body,
                        body_first_line,
                        notes: Vec::new(),
                    })
                }
            }
        }
        // Hexo's JSON front matter between `;;;` lines.
        ";;;" => {
            let (raw, body, body_first_line) = fenced(text, ";;;")?;
            json_block(raw, body, body_first_line)
        }
        // Hugo's JSON front matter: `{` then a key (or a line break). A post that opens with
        // template syntax (`{% highlight %}`, `{{< youtube >}}`, `{: .class}`, `{/* */}`)
        // has none.
        _ if first.starts_with('{')
            && matches!(
                first[1..].trim_start().chars().next(),
                None | Some('"' | '}')
            ) =>
        {
            let mut stream =
                serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
            let value = match stream.next() {
                Some(Ok(value @ serde_json::Value::Object(_))) => value,
                Some(Err(e)) => {
                    return Err((
                        Some(e.line()),
                        ErrorKind::Yaml(format!("JSON front matter: {e}")),
                    ))
                }
                _ => return Ok(no_front_matter(text)),
            };
            let end = stream.byte_offset();
            let raw = &text[..end];
            if raw.len() > MAX_FRONT_MATTER_BYTES {
                return Err((None, ErrorKind::FrontMatterTooLarge));
            }
            let rest = &text[end..];
            // The body starts on the line after the closing brace.
            let body = rest.split_once('\n').map_or("", |(_, b)| b);
            let body_first_line = raw.matches('\n').count() + 2;
            let doc = json_node(&value, 1, raw);
            Ok(Split {
                format: Format::Json,
                raw,
                doc,
                first_line: 1,
                body,
                body_first_line,
                notes: Vec::new(),
            })
        }
        // Hexo's unopened YAML first: its keys up to `---` read as headers too, until a
        // list item.
        _ => Ok(unopened(text)
            .or_else(|| headers(text))
            .unwrap_or_else(|| no_front_matter(text))),
    }
}

/// TOML between `+++` lines (Hugo, Zola), or after `---toml`.
fn toml_block<'a>(
    raw: &'a str,
    body: &'a str,
    body_first_line: usize,
) -> Result<Split<'a>, (Option<usize>, ErrorKind)> {
    let table: toml::Table = raw.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 2);
        let message = e.message().trim().to_string();
        (line, ErrorKind::Yaml(format!("TOML: {message}")))
    })?;
    let doc = Node {
        value: Value::Map(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_node(v, line_of_key(raw, k))))
                .collect(),
        ),
        line: 1,
    };
    Ok(Split {
        format: Format::Toml,
        raw,
        doc,
        first_line: 2,
        body,
        body_first_line,
        notes: Vec::new(),
    })
}

/// A JSON object between `;;;` lines (Hexo, which may leave out its braces) or after
/// `---json` (Eleventy). Not an object: no front matter.
fn json_block<'a>(
    raw: &'a str,
    body: &'a str,
    body_first_line: usize,
) -> Result<Split<'a>, (Option<usize>, ErrorKind)> {
    let trimmed = raw.trim();
    let object = if trimmed.starts_with('{') {
        trimmed.to_string()
    } else {
        format!("{{{}}}", trimmed.trim_end_matches(','))
    };
    let mut value: serde_json::Value = serde_json::from_str(&object).map_err(|e| {
        (
            Some(e.line() + 1),
            ErrorKind::Yaml(format!("JSON front matter: {e}")),
        )
    })?;
    if !value.is_object() {
        // `;;; [1, 2] ;;;` says nothing about the post.
        value = serde_json::Value::Object(serde_json::Map::new());
    }
    Ok(Split {
        format: Format::Json,
        raw,
        doc: json_node(&value, 2, raw),
        first_line: 2,
        body,
        body_first_line,
        notes: Vec::new(),
    })
}

/// Whether `key` reads like a metadata key: a letter, then letters, digits, `_`, `-` or
/// spaces (MultiMarkdown's keys may have spaces), short.
fn is_key(key: &str) -> bool {
    key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '))
}

/// Pelican's and MultiMarkdown's metadata: `Key: value` lines from the first line to the
/// first blank line (a line indented after one continues its value), keys in any case
/// (MultiMarkdown drops their spaces). Read as this blog's fields: `Modified` is the
/// update, `Category` a category, `Tags` and `Authors` lists split at `;` when there is
/// one, else at `,` (Pelican's rule), `Status: draft` or `skip` a draft; empty values are
/// left out. Only a block that names a `Title`, or a `Date` that reads as a date, is
/// metadata: a post whose first line merely has a colon is prose.
fn headers(text: &str) -> Option<Split<'_>> {
    let mut entries: Vec<(String, String, usize)> = Vec::new();
    let mut end = 0;
    let mut lines = 0;
    // The block ends at a blank line, or at the first line that is no `Key: value` (as
    // Python-Markdown's meta extension reads it).
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            break;
        }
        if content.starts_with([' ', '\t']) && !entries.is_empty() {
            if let Some((_, value, _)) = entries.last_mut() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(content.trim());
            }
        } else {
            // Dataview's `key:: value` is an Obsidian field in the text, not metadata.
            let Some((key, value)) = content
                .split_once(':')
                .filter(|(key, value)| is_key(key) && !value.starts_with(':'))
            else {
                break;
            };
            let key: String = key.chars().filter(|c| *c != ' ').collect();
            entries.push((
                key.to_ascii_lowercase(),
                value.trim().to_string(),
                lines + 1,
            ));
        }
        lines += 1;
        end += line.len();
        if end > MAX_FRONT_MATTER_BYTES {
            return None;
        }
    }
    // Only a block that names a title, or a date that reads as one, is metadata.
    let dated = entries.iter().any(|(k, v, _)| {
        k == "date" && (PostDate::parse(v).is_some() || super::dates::parse_free(v).is_some())
    });
    let titled = entries
        .iter()
        .any(|(k, v, _)| k == "title" && !v.is_empty());
    if !dated && !titled {
        return None;
    }
    if entries.iter().any(|(k, v, _)| {
        k == "date"
            && !v.is_empty()
            && PostDate::parse(v).is_none()
            && super::dates::parse_free(v).is_none()
    }) {
        return None;
    }
    let list = |value: &str, line: usize| {
        let separator = if value.contains(';') { ';' } else { ',' };
        let items = value
            .split(separator)
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| Node {
                value: Value::Scalar(item.to_string()),
                line,
            })
            .collect();
        Value::Seq(items)
    };
    let mut fields = Vec::new();
    for (key, value, line) in entries {
        if value.is_empty() {
            continue;
        }
        let (key, value) = match key.as_str() {
            "modified" => ("updated".to_string(), Value::Scalar(value)),
            "category" => (
                "categories".to_string(),
                Value::Seq(vec![Node {
                    value: Value::Scalar(value),
                    line,
                }]),
            ),
            "tags" | "authors" => (key.clone(), list(&value, line)),
            // `hidden` is published, only not listed: there is no such state here.
            "status" => match value.to_ascii_lowercase().as_str() {
                "draft" | "skip" => ("draft".to_string(), Value::Scalar("true".into())),
                _ => continue,
            },
            _ => (key, Value::Scalar(value)),
        };
        // The first of a key written twice wins, as in YAML readers that allow it.
        if fields.iter().all(|(k, _): &(String, Node)| *k != key) {
            fields.push((key, Node { value, line }));
        }
    }
    let body = &text[end..];
    // The blank line that ends the block is not part of the body.
    let (body, blank) = match body.split_once('\n') {
        Some((first, rest)) if first.trim().is_empty() => (rest, 1),
        _ => (body, 0),
    };
    Some(Split {
        format: Format::Headers,
        raw: &text[..end],
        doc: Node {
            value: Value::Map(fields),
            line: 1,
        },
        first_line: 1,
        body,
        body_first_line: lines + blank + 1,
        notes: Vec::new(),
    })
}

/// Hexo's front matter without its opening `---`: YAML from the first line to a line of
/// three or more dashes. Taken only when every line before it reads as YAML keys (a key at
/// the margin, or an indented or `- ` line under one), it parses as a map, and it names a
/// `title` or a `date`: a post that opens with prose and has a thematic break stays prose.
fn unopened(text: &str) -> Option<Split<'_>> {
    let first = text.lines().next()?;
    if !first
        .split_once(':')
        .is_some_and(|(key, _)| is_key(key) && !key.contains(' '))
    {
        return None;
    }
    let mut end = 0;
    let mut lines = 0;
    let mut fence = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.len() >= 3 && content.trim_end().bytes().all(|b| b == b'-') {
            fence = Some(line.len());
            break;
        }
        let at_margin = !content.starts_with([' ', '\t', '-']);
        let keyed = content
            .split_once(':')
            .is_some_and(|(key, _)| is_key(key) && !key.contains(' '));
        if at_margin && !content.trim().is_empty() && !keyed && !content.starts_with('#') {
            return None;
        }
        lines += 1;
        end += line.len();
        if end > MAX_FRONT_MATTER_BYTES {
            return None;
        }
    }
    let raw = &text[..end];
    let doc = yaml::parse(raw).ok()?;
    let Value::Map(entries) = &doc.value else {
        return None;
    };
    if !entries.iter().any(|(k, _)| k == "title" || k == "date") {
        return None;
    }
    Some(Split {
        format: Format::Yaml,
        raw,
        doc,
        first_line: 1,
        body: &text[end + fence?..],
        body_first_line: lines + 2,
        notes: Vec::new(),
    })
}

fn no_front_matter(text: &str) -> Split<'_> {
    Split {
        format: Format::None,
        raw: "",
        doc: Node {
            value: Value::Map(Vec::new()),
            line: 1,
        },
        first_line: 1,
        body: text,
        body_first_line: 1,
        notes: Vec::new(),
    }
}

/// The block between `fence` lines, the body after it, and the body's first line.
fn fenced<'a>(
    text: &'a str,
    fence: &str,
) -> Result<(&'a str, &'a str, usize), (Option<usize>, ErrorKind)> {
    let mut lines = text.split_inclusive('\n');
    let start = lines.next().map_or(0, str::len);
    let mut offset = start;
    for line in lines {
        if line.trim_end() == fence {
            let raw = &text[start..offset];
            return Ok((
                raw,
                &text[offset + line.len()..],
                raw.matches('\n').count() + 3,
            ));
        }
        offset += line.len();
        if offset - start > MAX_FRONT_MATTER_BYTES {
            return Err((None, ErrorKind::FrontMatterTooLarge));
        }
    }
    Err((None, ErrorKind::UnclosedFrontMatter))
}

/// Line (1-based, within `raw`) where `key` is first written as `key =` or `"key":`.
fn line_of_key(raw: &str, key: &str) -> usize {
    raw.lines()
        .position(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| line.strip_prefix(&format!("[{key}]")));
            rest.is_some_and(|r| {
                let r = r.trim_start();
                r.is_empty() || r.starts_with('=') || r.starts_with(':')
            })
        })
        .map_or(1, |i| i + 1)
}

fn toml_node(value: &toml::Value, line: usize) -> Node {
    let value = match value {
        toml::Value::String(s) => Value::Scalar(s.clone()),
        toml::Value::Integer(i) => Value::Scalar(i.to_string()),
        toml::Value::Float(f) => Value::Scalar(f.to_string()),
        toml::Value::Boolean(b) => Value::Scalar(b.to_string()),
        toml::Value::Datetime(d) => Value::Scalar(d.to_string()),
        toml::Value::Array(items) => Value::Seq(items.iter().map(|v| toml_node(v, line)).collect()),
        toml::Value::Table(table) => Value::Map(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_node(v, line)))
                .collect(),
        ),
    };
    Node { value, line }
}

fn json_node(value: &serde_json::Value, line: usize, raw: &str) -> Node {
    let value = match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Scalar(b.to_string()),
        serde_json::Value::Number(n) => Value::Scalar(n.to_string()),
        serde_json::Value::String(s) => Value::Scalar(s.clone()),
        serde_json::Value::Array(items) => {
            Value::Seq(items.iter().map(|v| json_node(v, line, raw)).collect())
        }
        serde_json::Value::Object(map) => Value::Map(
            map.iter()
                .map(|(k, v)| (k.clone(), json_node(v, line_of_key(raw, k), raw)))
                .collect(),
        ),
    };
    Node { value, line }
}

/// Warnings for YAML values that a ` #` cut short: in YAML an unquoted ` #` starts a
/// comment, so `title: C# tips` is the title "C". Lines are in the author's file.
pub(super) fn comment_cuts(raw: &str, first_line: usize) -> Vec<Note> {
    let mut notes = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        let value = value.trim_start();
        if key.trim_start().starts_with('#') || value.starts_with(['"', '\'', '#', '[', '{']) {
            continue;
        }
        if let Some(cut) = value.find(" #") {
            let kept = value[..cut].trim_end();
            if kept.is_empty() {
                continue;
            }
            notes.push(Note {
                line: Some(first_line + i),
                message: format!(
                    "`{}` is cut at ` #`, which starts a YAML comment: it reads \"{kept}\"; put the value in quotes to keep all of it",
                    key.trim()
                ),
            });
        }
    }
    notes
}
