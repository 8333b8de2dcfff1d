//! Front matter: splitting the `---` YAML block from a post and reading it into typed fields.

use crate::date::PostDate;
use crate::error::{ErrorKind, PostError};
use crate::yaml::{self, Node, Value};

/// Largest front matter block accepted, in bytes; real ones are a few hundred.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The metadata at the top of a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The post's title (required).
    pub title: String,
    /// Publication date (required).
    pub date: PostDate,
    /// Date of the last significant update, if any.
    pub updated: Option<PostDate>,
    /// Author ids or names as written (`author:` may be one name or a list).
    pub authors: Vec<String>,
    /// The URL slug, when the post overrides the one taken from its file name.
    pub slug: Option<String>,
    /// Summary for lists and link previews; when absent, an excerpt is used.
    pub description: Option<String>,
    /// Path or URL of the post's lead image.
    pub image: Option<String>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// Drafts are shown while writing and left out of published builds.
    pub draft: bool,
}

/// A scalar or a list of scalars: `author: Ann` and `author: [Ann, Bo]` both read as a list.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Typed reads of the front matter's fields; a wrong kind of value names the field, its
/// line and what it expects.
struct Fields<'a> {
    doc: &'a Node,
    at: &'a dyn Fn(Option<usize>, ErrorKind) -> PostError,
}

impl Fields<'_> {
    fn get(&self, field: &str) -> Option<&Node> {
        self.doc.get(field).filter(|n| n.value != Value::Null)
    }

    fn bad(&self, field: &'static str, node: &Node, problem: impl Into<String>) -> PostError {
        let expected = FIELDS
            .iter()
            .find(|(name, _)| *name == field)
            .map_or("a value", |(_, e)| e);
        (self.at)(
            Some(node.line),
            ErrorKind::BadField {
                field,
                problem: problem.into(),
                expected,
            },
        )
    }

    fn text(&self, field: &'static str) -> Result<Option<String>, PostError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node {
                value: Value::Scalar(s),
                ..
            }) => Ok(Some(s.clone())),
            Some(n) => Err(self.bad(field, n, format!("found {}", n.kind()))),
        }
    }

    fn one_or_many(&self, field: &'static str) -> Result<Option<OneOrMany>, PostError> {
        let Some(node) = self.get(field) else {
            return Ok(None);
        };
        match &node.value {
            Value::Scalar(s) => Ok(Some(OneOrMany::One(s.clone()))),
            Value::Seq(items) => items
                .iter()
                .filter(|n| n.value != Value::Null)
                .map(|n| match &n.value {
                    Value::Scalar(s) => Ok(s.clone()),
                    _ => Err(self.bad(field, n, "wrong kind of value")),
                })
                .collect::<Result<_, _>>()
                .map(|v| Some(OneOrMany::Many(v))),
            _ => Err(self.bad(field, node, "wrong kind of value")),
        }
    }

    fn boolean(&self, field: &'static str) -> Result<Option<bool>, PostError> {
        let Some(node) = self.get(field) else {
            return Ok(None);
        };
        match &node.value {
            Value::Scalar(s) if matches!(s.as_str(), "true" | "True" | "TRUE") => Ok(Some(true)),
            Value::Scalar(s) if matches!(s.as_str(), "false" | "False" | "FALSE") => {
                Ok(Some(false))
            }
            _ => Err(self.bad(field, node, "invalid boolean")),
        }
    }

    /// An image as a path, or as jekyll-seo-tag's `{ path: ..., alt: ... }` map.
    fn image(&self) -> Result<Option<String>, PostError> {
        let Some(node) = self.get("image") else {
            return Ok(None);
        };
        match (&node.value, node.get("path").map(|p| &p.value)) {
            (Value::Scalar(s), _) | (Value::Map(_), Some(Value::Scalar(s))) => Ok(Some(s.clone())),
            _ => Err(self.bad("image", node, "wrong kind of value")),
        }
    }
}

/// A post split into its front matter text and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line number in the file of the YAML's first line.
    pub yaml_first_line: usize,
    /// 1-based line number in the file of the body's first line.
    pub body_first_line: usize,
}

/// Separates the `---` front matter from the body. The file must open with a `---` line
/// (after an optional byte-order mark) and the block ends at the next `---` or `...` line.
pub fn split(source: &str) -> Result<Split<'_>, ErrorKind> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    match first.trim_end() {
        "---" => {}
        "+++" => return Err(ErrorKind::TomlFrontMatter),
        _ => return Err(ErrorKind::NoFrontMatter),
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            let yaml = &source[yaml_start..offset];
            return Ok(Split {
                yaml,
                body: &source[offset + line.len()..],
                yaml_first_line: 2,
                body_first_line: 3 + yaml.matches('\n').count(),
            });
        }
        offset += line.len();
        if offset - yaml_start > MAX_FRONT_MATTER_BYTES {
            // Say which it is: a huge block, or a missing closing fence.
            let closed = source[offset..]
                .lines()
                .any(|l| matches!(l.trim_end(), "---" | "..."));
            return Err(if closed {
                ErrorKind::FrontMatterTooLarge
            } else {
                ErrorKind::UnclosedFrontMatter
            });
        }
    }
    Err(ErrorKind::UnclosedFrontMatter)
}

/// Line (1-based, within `yaml`) where top-level `key:` is written, for error messages.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// Parses and validates a front matter block. `file` and `first_line` place errors in the
/// author's file.
pub fn parse(file: &str, yaml: &str, first_line: usize) -> Result<FrontMatter, PostError> {
    let at = |line: Option<usize>, kind| PostError {
        file: file.to_string(),
        line: line.map(|l| l + first_line - 1),
        kind,
    };
    let doc = yaml::parse(yaml).map_err(|e| {
        let field = yaml.lines().nth(e.line - 1).and_then(known_field);
        let kind = match field {
            Some((field, expected)) if !e.message.ends_with("is given twice") => {
                ErrorKind::BadField {
                    field,
                    problem: e.message,
                    expected,
                }
            }
            _ => ErrorKind::Yaml(e.message),
        };
        at(Some(e.line), kind)
    })?;
    let fields = Fields { doc: &doc, at: &at };
    let date_field = |field: &'static str, value: Option<String>| -> Result<_, PostError> {
        match value {
            None => Ok(None),
            Some(v) => PostDate::parse(&v).map(Some).ok_or_else(|| {
                at(
                    key_line(yaml, field),
                    ErrorKind::BadDate { field, value: v },
                )
            }),
        }
    };
    let title = fields
        .text("title")?
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| at(key_line(yaml, "title"), ErrorKind::MissingField("title")))?;
    let date = date_field("date", fields.text("date")?)?
        .ok_or_else(|| at(None, ErrorKind::MissingField("date")))?;
    let updated = match (
        fields.text("updated")?,
        fields.text("lastmod")?,
        fields.text("last_modified_at")?,
    ) {
        (Some(v), _, _) => date_field("updated", Some(v))?,
        (None, Some(v), _) => date_field("lastmod", Some(v))?,
        (None, None, v) => date_field("last_modified_at", v)?,
    };
    let authors = fields
        .one_or_many("author")?
        .or(fields.one_or_many("authors")?)
        .map(OneOrMany::into_vec)
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    // A single string of tags is Jekyll's space-separated list.
    let tags = match fields.one_or_many("tags")? {
        Some(OneOrMany::One(s)) => s.split_whitespace().map(str::to_string).collect(),
        Some(OneOrMany::Many(v)) => v
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        None => Vec::new(),
    };
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(FrontMatter {
        title,
        date,
        updated,
        authors,
        slug: non_empty(fields.text("slug")?),
        description: non_empty(fields.text("description")?)
            .or(non_empty(fields.text("summary")?))
            .or(non_empty(fields.text("excerpt")?)),
        image: non_empty(fields.image()?),
        tags,
        draft: fields.boolean("draft")?.unwrap_or(false)
            || fields.boolean("published")? == Some(false),
    })
}

/// The fields this blog reads, with what each expects, for error messages.
const FIELDS: [(&str, &str); 15] = [
    ("title", "text"),
    ("date", "a date such as 2025-03-15"),
    ("updated", "a date such as 2025-03-15"),
    ("lastmod", "a date such as 2025-03-15"),
    ("last_modified_at", "a date such as 2025-03-15"),
    ("author", "a name or a list of names"),
    ("authors", "a name or a list of names"),
    ("slug", "text"),
    ("description", "text"),
    ("summary", "text"),
    ("excerpt", "text"),
    ("image", "a path or URL"),
    ("tags", "a tag or a list of tags"),
    ("draft", "true or false"),
    ("published", "true or false"),
];

/// The known field a YAML line sets, if any, with what it expects.
fn known_field(line: &str) -> Option<(&'static str, &'static str)> {
    let key = line.split(':').next()?.trim_end();
    FIELDS.iter().find(|(name, _)| *name == key).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_post(source: &str) -> Result<FrontMatter, PostError> {
        let split = split(source).map_err(|kind| PostError {
            file: "posts/x.md".into(),
            line: None,
            kind,
        })?;
        parse("posts/x.md", split.yaml, split.yaml_first_line)
    }

    #[test]
    fn reads_every_field() {
        let fm = parse_post(
            "---\ntitle: \"Colons: quotes 'and' --- dashes\"\ndate: 2025-03-15 10:00\n\
             updated: 2025-04-01\nauthor: [Ann, Bo]\nslug: custom\ndescription: Über café\n\
             image: /images/x.png\ntags: [rust, web]\ndraft: true\nunknown: ignored\n---\nbody",
        )
        .unwrap();
        assert_eq!(fm.title, "Colons: quotes 'and' --- dashes");
        assert_eq!(fm.date.iso(), "2025-03-15");
        assert_eq!(fm.updated.map(|d| d.iso()), Some("2025-04-01".into()));
        assert_eq!(fm.authors, ["Ann", "Bo"]);
        assert_eq!(fm.slug.as_deref(), Some("custom"));
        assert_eq!(fm.description.as_deref(), Some("Über café"));
        assert_eq!(fm.tags, ["rust", "web"]);
        assert!(fm.draft);
    }

    #[test]
    fn knows_where_the_body_starts() {
        let s = split("---\ntitle: T\ndate: 2025-01-01\n---\nFirst body line\n").unwrap();
        assert_eq!(s.body_first_line, 5);
        assert_eq!(s.body, "First body line\n");
    }

    #[test]
    fn reads_posts_written_for_jekyll() {
        let fm = parse_post(
            "---\nlayout: post\ntitle: \"Hello: Jekyll\"\ndate: 2024-05-06 07:08:09 +0200\n\
             categories: [notes]\ntags: ruby static-sites\nexcerpt: Short.\n\
             last_modified_at: 2024-06-01\nimage:\n  path: /images/j.png\n  alt: J\n\
             published: false\n---\n",
        )
        .unwrap();
        assert_eq!(fm.title, "Hello: Jekyll");
        assert_eq!(fm.date.iso_with_time(), "2024-05-06T07:08");
        assert_eq!(fm.tags, ["ruby", "static-sites"]);
        assert_eq!(fm.description.as_deref(), Some("Short."));
        assert_eq!(fm.updated.map(|d| d.iso()), Some("2024-06-01".into()));
        assert_eq!(fm.image.as_deref(), Some("/images/j.png"));
        assert!(fm.draft);
    }

    #[test]
    fn reads_posts_written_for_hugo_in_yaml() {
        let fm = parse_post(
            "---\ntitle: Hugo post\ndate: 2024-05-06T07:08:09-07:00\nlastmod: 2024-05-07\n\
             draft: false\ntags: [\"go\", \"hugo\"]\nsummary: From Hugo.\nweight: 10\n---\n",
        )
        .unwrap();
        assert_eq!(fm.title, "Hugo post");
        assert_eq!(fm.updated.map(|d| d.iso()), Some("2024-05-07".into()));
        assert_eq!(fm.tags, ["go", "hugo"]);
        assert_eq!(fm.description.as_deref(), Some("From Hugo."));
        assert!(!fm.draft);
    }

    #[test]
    fn single_author_reads_as_a_list() {
        let fm =
            parse_post("---\ntitle: T\ndate: 2025-01-01\nauthor: Alvison Hunter\n---\n").unwrap();
        assert_eq!(fm.authors, ["Alvison Hunter"]);
    }

    #[test]
    fn errors_name_the_file_line_and_field() {
        let cases = [
            ("---\ntitle: T\ndate: 15/03/2025\n---\n", "posts/x.md:3: date \"15/03/2025\" is not a date (expected YYYY-MM-DD or RFC 3339)"),
            ("---\ndate: 2025-03-15\n---\n", "posts/x.md: missing required field `title`"),
            ("---\ntitle: T\n---\n", "posts/x.md: missing required field `date`"),
            ("no front matter", "posts/x.md: no front matter: a post must start with a `---` line, then `title:` and `date:`, then `---`"),
            ("---\ntitle: T\n", "posts/x.md: front matter is not closed: add a `---` line after the last field"),
        ];
        for (source, want) in cases {
            let err = parse_post(source).unwrap_err();
            assert_eq!(err.to_string(), want);
        }
    }

    #[test]
    fn toml_front_matter_gets_a_specific_message() {
        let err = parse_post("+++\ntitle = \"T\"\n+++\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::TomlFrontMatter);
        assert!(err
            .to_string()
            .starts_with("posts/x.md: TOML front matter (`+++`) is not supported"));
    }

    #[test]
    fn wrong_types_name_the_field_and_what_it_expects() {
        let cases = [
            (
                "---\ntitle: T\ndate: 2025-01-01\ndraft: maybe\n---\n",
                "posts/x.md:4: draft must be true or false (invalid boolean)",
            ),
            (
                "---\ntitle: [a, b]\ndate: 2025-01-01\n---\n",
                "posts/x.md:2: title must be text (found a list)",
            ),
            (
                "---\ntitle: T\ndate: 2025-01-01\ntitle: again\n---\n",
                "posts/x.md:4: front matter is not valid YAML: `title` is given twice",
            ),
            (
                "---\ntitle: \"unclosed\ndate: 2025-01-01\n---\n",
                "posts/x.md:2: title must be text (unclosed quote)",
            ),
        ];
        for (source, want) in cases {
            assert_eq!(parse_post(source).unwrap_err().to_string(), want);
        }
        let tags = parse_post("---\ntitle: T\ndate: 2025-01-01\ntags: {x: 1}\n---\n");
        assert_eq!(
            tags.unwrap_err().to_string(),
            "posts/x.md:4: tags must be a tag or a list of tags (wrong kind of value)"
        );
    }

    #[test]
    fn yaml_syntax_errors_carry_a_line() {
        let err = parse_post("---\ntitle: T\ndate: 2025-01-01\nx: [a, b\n---\n").unwrap_err();
        assert!(matches!(err.kind, ErrorKind::Yaml(_)), "{err}");
        assert!(err.line.is_some(), "{err}");
        assert!(!err.to_string().contains("error:"), "{err}");
    }

    #[test]
    fn rejects_alias_bombs_quickly() {
        let mut yaml =
            String::from("---\ntitle: T\ndate: 2025-01-01\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let prev = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        yaml.push_str("---\n");
        assert!(parse_post(&yaml).is_err());
    }

    #[test]
    fn rejects_oversized_front_matter() {
        let source = format!("---\ntitle: T\n{}---\n", "x: y\n".repeat(20_000));
        assert_eq!(split(&source).unwrap_err(), ErrorKind::FrontMatterTooLarge);
    }
}
