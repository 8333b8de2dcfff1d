//! Front matter: splitting the `---` YAML block from a post and reading it into typed fields.

use crate::date::PostDate;
use crate::error::{ErrorKind, PostError};
use crate::yaml::{self, Node, Value, YamlProblem};

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
    /// After this moment the post leaves published builds (Hugo's `expiryDate`).
    pub expires: Option<PostDate>,
    /// Author ids or names as written (`author:` may be one name or a list).
    pub authors: Vec<String>,
    /// The URL slug, when the post overrides the one taken from its file name.
    pub slug: Option<String>,
    /// Summary for lists and link previews; when absent, an excerpt is used.
    pub description: Option<String>,
    /// Path or URL of the post's lead image.
    pub image: Option<String>,
    /// The lead image's alternative text.
    pub image_alt: Option<String>,
    /// The caption shown under the lead image.
    pub image_caption: Option<String>,
    /// Image for link previews (`og:image`), when it differs from the lead image.
    pub og_image: Option<String>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// Categories (Jekyll, Hugo): a second taxonomy, each with its page like tags.
    pub categories: Vec<String>,
    /// The series the post is a part of (Hugo's `series`); its parts link to each other.
    pub series: Option<String>,
    /// Old addresses of the post (site paths), each published as a redirect to it.
    pub aliases: Vec<String>,
    /// The language the post is written in (`zh`, `pt-br`), when it says.
    pub lang: Option<String>,
    /// The same post in other languages, as `lang:slug` (`blogtool publish` writes these).
    pub translations: Vec<String>,
    /// Pinned to the top of the list with a "Featured" mark.
    pub featured: bool,
    /// Whether to show a table of contents; `None` shows one for three or more sections.
    pub toc: Option<bool>,
    /// Drafts are shown while writing and left out of published builds.
    pub draft: bool,
    /// `comments: false` switches the site's comments off for this post.
    pub comments: Option<bool>,
    /// The post's announcement on Mastodon, whose replies are its comments when the site's
    /// comments come from Mastodon (`mastodon:`, or Hugo themes' `comments: {host,
    /// username, id}`).
    pub mastodon: Option<String>,
}

/// What a field holds, for reading and for the messages that say what was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// A date (`2025-03-15`, with a time and offset, or the free forms `blogtool` reads).
    Date,
    /// A name or a list of names, or `{name, ...}` objects.
    Names,
    /// One tag, a comma- or space-separated string, or a list.
    Terms,
    /// A path or URL, or an object with `src`, `url`, `path` or `image` (and `alt`).
    Image,
    /// One path or a list of paths.
    Paths,
    /// `true` or `false`.
    Flag,
}

impl FieldKind {
    /// What the field takes, as error messages say it.
    pub fn expected(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Date => "a date such as 2025-03-15",
            FieldKind::Names => "a name or a list of names",
            FieldKind::Terms => "a tag or a list of tags",
            FieldKind::Image => "a path or URL",
            FieldKind::Paths => "a path or a list of paths",
            FieldKind::Flag => "true or false",
        }
    }
}

/// Every front matter key this blog reads, under the names Jekyll, Hugo, Zola, Astro,
/// Next.js and docsify posts use, with the field each one fills. This table is the one
/// place a name is mapped; the README's migration table is written from it. Earlier names
/// in a field's list win when a post sets several. Keys not listed are ignored.
pub const FIELDS: &[(&str, &str, FieldKind)] = &[
    // (key as written, field it fills, what it holds)
    ("title", "title", FieldKind::Text),
    ("date", "date", FieldKind::Date),
    ("pubDate", "date", FieldKind::Date),
    ("publishDate", "date", FieldKind::Date),
    ("pubDatetime", "date", FieldKind::Date),
    ("published", "date", FieldKind::Date), // when it is a date; `false` marks a draft
    ("updated", "updated", FieldKind::Date),
    ("lastmod", "updated", FieldKind::Date),
    ("modDatetime", "updated", FieldKind::Date),
    ("updatedDate", "updated", FieldKind::Date),
    ("last_modified_at", "updated", FieldKind::Date),
    ("expiryDate", "expires", FieldKind::Date),
    ("expires", "expires", FieldKind::Date),
    ("author", "author", FieldKind::Names),
    ("authors", "author", FieldKind::Names),
    ("slug", "slug", FieldKind::Text),
    ("description", "description", FieldKind::Text),
    ("summary", "description", FieldKind::Text),
    ("excerpt", "description", FieldKind::Text),
    ("spoiler", "description", FieldKind::Text), // Gatsby blogs (overreacted's starter)
    ("image", "image", FieldKind::Image),
    ("heroImage", "image", FieldKind::Image),
    ("coverImage", "image", FieldKind::Image),
    ("cover", "image", FieldKind::Image),
    ("header-img", "image", FieldKind::Image),
    ("img", "image", FieldKind::Image),
    ("featured_image", "image", FieldKind::Image),
    ("featuredImage", "image", FieldKind::Image), // Gatsby starters
    ("featureImage", "image", FieldKind::Image),  // Hugo themes (Blowfish, Congo)
    ("banner", "image", FieldKind::Image),        // Gatsby themes
    ("thumbnail", "image", FieldKind::Image),
    ("image_alt", "image_alt", FieldKind::Text),
    ("img_alt", "image_alt", FieldKind::Text),
    ("image_caption", "image_caption", FieldKind::Text),
    ("og_image", "og_image", FieldKind::Image),
    ("ogImage", "og_image", FieldKind::Image),
    ("tags", "tags", FieldKind::Terms),
    ("categories", "categories", FieldKind::Terms),
    ("series", "series", FieldKind::Terms),
    ("aliases", "aliases", FieldKind::Paths),
    ("redirect_from", "aliases", FieldKind::Paths),
    ("permalink", "aliases", FieldKind::Paths),
    ("translations", "translations", FieldKind::Paths), // `lang:slug`, written by publish
    ("lang", "lang", FieldKind::Text),
    ("language", "lang", FieldKind::Text),
    ("featured", "featured", FieldKind::Flag),
    ("toc", "toc", FieldKind::Flag),
    ("ShowToc", "toc", FieldKind::Flag),
    ("showToc", "toc", FieldKind::Flag),
    ("draft", "draft", FieldKind::Flag),
    ("hidden", "draft", FieldKind::Flag),
    ("comments", "comments", FieldKind::Flag), // or {host, username, id}: a Mastodon thread
    ("mastodon", "mastodon", FieldKind::Text),
];

/// What `key` holds, when it is one of [`FIELDS`].
pub fn field_kind(key: &str) -> Option<(&'static str, FieldKind)> {
    FIELDS
        .iter()
        .find(|(name, _, _)| *name == key)
        .map(|(name, _, kind)| (*name, *kind))
}

/// Typed reads of the front matter's fields; a wrong kind of value names the field, its
/// line and what it expects.
struct Fields<'a> {
    doc: &'a Node,
    at: &'a dyn Fn(Option<usize>, ErrorKind) -> PostError,
}

impl Fields<'_> {
    /// The keys written for `field`, in the table's order of preference, with their values.
    fn written(&self, field: &str) -> impl Iterator<Item = (&'static str, &Node)> + '_ {
        let field = field.to_string();
        FIELDS
            .iter()
            .filter(move |(_, f, _)| *f == field)
            .filter_map(|(key, _, _)| self.get(key).map(|n| (*key, n)))
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.doc.field(key)
    }

    fn bad(&self, key: &'static str, node: &Node, problem: impl Into<String>) -> PostError {
        let expected = field_kind(key).map_or("a value", |(_, k)| k.expected());
        (self.at)(
            Some(node.line),
            ErrorKind::BadField {
                field: key,
                problem: problem.into(),
                expected,
            },
        )
    }

    fn scalar<'n>(&self, key: &'static str, node: &'n Node) -> Result<&'n str, PostError> {
        node.as_text(key)
            .map_err(|e| self.bad(key, node, format!("found {}", e.found)))
    }

    /// The first text written for `field`, trimmed; empty counts as absent.
    fn text(&self, field: &str) -> Result<Option<String>, PostError> {
        for (key, node) in self.written(field) {
            let text = self.scalar(key, node)?.trim();
            if !text.is_empty() {
                return Ok(Some(text.to_string()));
            }
        }
        Ok(None)
    }

    /// The first date written for `field`. `published: false` is a flag, not a date.
    fn date(&self, field: &str) -> Result<Option<PostDate>, PostError> {
        for (key, node) in self.written(field) {
            let text = self.scalar(key, node)?.trim();
            if key == "published" && matches!(text, "true" | "false" | "True" | "False") {
                continue;
            }
            return PostDate::parse(text).map(Some).ok_or_else(|| {
                (self.at)(
                    Some(node.line),
                    ErrorKind::BadDate {
                        field: key,
                        value: text.to_string(),
                    },
                )
            });
        }
        Ok(None)
    }

    fn flag(&self, field: &str) -> Result<Option<bool>, PostError> {
        let Some((key, node)) = self.written(field).next() else {
            return Ok(None);
        };
        self.doc
            .flag(key)
            .map_err(|e| self.bad(key, node, format!("found {}", e.found)))
    }

    /// Names from text, a list, or `{name, ...}` objects (Next.js and Astro write those).
    fn names(&self, field: &str) -> Result<Vec<String>, PostError> {
        let mut names = Vec::new();
        if let Some((key, node)) = self.written(field).next() {
            let one = |n: &Node| -> Result<Option<String>, PostError> {
                match &n.value {
                    Value::Scalar(s) => Ok(Some(s.clone())),
                    Value::Map(_) => match n.get("name").map(|v| &v.value) {
                        Some(Value::Scalar(s)) => Ok(Some(s.clone())),
                        _ => Err(self.bad(key, n, "an author object needs a `name`")),
                    },
                    Value::Null => Ok(None),
                    Value::Seq(_) => Err(self.bad(key, n, "found a list inside the list")),
                }
            };
            match &node.value {
                Value::Seq(items) => {
                    for item in items {
                        names.extend(one(item)?);
                    }
                }
                _ => names.extend(one(node)?),
            }
        }
        Ok(names
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect())
    }

    /// Terms from a list, or from one string: split on commas when it has any (WordPress
    /// and Ghost exports), else on spaces (Jekyll).
    fn terms(&self, field: &str) -> Result<Vec<String>, PostError> {
        let mut terms = Vec::new();
        if let Some((key, node)) = self.written(field).next() {
            match &node.value {
                Value::Scalar(s) if s.contains(',') => {
                    terms.extend(s.split(',').map(str::to_string));
                }
                Value::Scalar(s) => terms.extend(s.split_whitespace().map(str::to_string)),
                Value::Seq(items) => {
                    for item in items.iter().filter(|n| n.value != Value::Null) {
                        terms.push(self.scalar(key, item)?.to_string());
                    }
                }
                _ => return Err(self.bad(key, node, "wrong kind of value")),
            }
        }
        Ok(terms
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect())
    }

    /// One name, written as text or as the first item of a list (Hugo writes `series` as
    /// a list that holds one series).
    fn one_term(&self, field: &str) -> Result<Option<String>, PostError> {
        let Some((key, node)) = self.written(field).next() else {
            return Ok(None);
        };
        let text = match &node.value {
            Value::Seq(items) => match items.first() {
                Some(item) => self.scalar(key, item)?,
                None => return Ok(None),
            },
            _ => self.scalar(key, node)?,
        };
        Ok(Some(text.trim().to_string()).filter(|t| !t.is_empty()))
    }

    /// Paths from one string or a list.
    fn paths(&self, field: &str) -> Result<Vec<String>, PostError> {
        let mut paths = Vec::new();
        for (key, node) in self.written(field) {
            match &node.value {
                Value::Seq(items) => {
                    for item in items.iter().filter(|n| n.value != Value::Null) {
                        paths.push(self.scalar(key, item)?.trim().to_string());
                    }
                }
                _ => paths.push(self.scalar(key, node)?.trim().to_string()),
            }
        }
        paths.retain(|p| !p.is_empty());
        Ok(paths)
    }

    /// An image: a path, or an object with `src`, `url`, `path` or `image` and optional
    /// `alt` and `caption` (Astro, jekyll-seo-tag, PaperMod's `cover`, Next.js `ogImage`).
    /// Returns `(path, alt, caption)`.
    fn image(&self, field: &str) -> Result<Option<ImageField>, PostError> {
        for (key, node) in self.written(field) {
            let text = |n: Option<&Node>| match n.map(|n| &n.value) {
                Some(Value::Scalar(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                _ => None,
            };
            let found = match &node.value {
                Value::Scalar(s) if s.trim().is_empty() => None,
                Value::Scalar(s) => Some((s.trim().to_string(), None, None)),
                Value::Map(_) => {
                    let src = ["src", "url", "path", "image"]
                        .iter()
                        .find_map(|k| text(node.get(k)));
                    match src {
                        Some(src) => Some((src, text(node.get("alt")), text(node.get("caption")))),
                        // `cover:` with only other keys (PaperMod's `hidden`) sets no image.
                        None if key == "cover" => None,
                        None => return Err(self.bad(key, node, "an image object needs `src`")),
                    }
                }
                _ => return Err(self.bad(key, node, format!("found {}", node.kind()))),
            };
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }
}

/// A lead image as `(path, alt, caption)`.
type ImageField = (String, Option<String>, Option<String>);

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

/// Parses and validates a YAML front matter block. `file` and `first_line` place errors in
/// the author's file.
pub fn parse(file: &str, yaml: &str, first_line: usize) -> Result<FrontMatter, PostError> {
    let at = |line: Option<usize>, kind| PostError {
        file: file.to_string(),
        line: line.map(|l| l + first_line - 1),
        kind,
    };
    let doc = yaml::parse(yaml).map_err(|e| {
        let field = yaml
            .lines()
            .nth(e.line - 1)
            .and_then(|line| field_kind(line.split(':').next().unwrap_or("").trim_end()));
        let kind = match field {
            // A value the YAML reader could not read is nearly always one that needed
            // quotes: `title: [Draft] Notes`, `title: @home`.
            Some((field, kind)) if !matches!(e.problem, YamlProblem::DuplicateKey(_)) => {
                ErrorKind::BadField {
                    field,
                    problem: format!("{}; put the whole value in quotes", e.problem),
                    expected: kind.expected(),
                }
            }
            _ => ErrorKind::Yaml(e.problem.to_string()),
        };
        at(Some(e.line), kind)
    })?;
    from_node(&doc, &at)
}

/// Reads the fields of a parsed front matter document (YAML, or TOML and JSON converted to
/// the same tree) through [`FIELDS`]. `at` turns a line of the document into an error.
pub fn from_node(
    doc: &Node,
    at: &dyn Fn(Option<usize>, ErrorKind) -> PostError,
) -> Result<FrontMatter, PostError> {
    // Zola keeps tags and categories under `[taxonomies]`.
    let mut merged;
    let doc = match doc.get("taxonomies").map(|t| &t.value) {
        Some(Value::Map(terms)) => {
            merged = doc.clone();
            if let Value::Map(entries) = &mut merged.value {
                for (key, value) in terms {
                    if !entries.iter().any(|(k, _)| k == key) {
                        entries.push((key.clone(), value.clone()));
                    }
                }
            }
            &merged
        }
        _ => doc,
    };
    let fields = Fields { doc, at };
    let title = fields
        .text("title")?
        .ok_or_else(|| at(None, ErrorKind::MissingField("title")))?;
    let date = fields
        .date("date")?
        .ok_or_else(|| at(None, ErrorKind::MissingField("date")))?;
    let tags = fields.terms("tags")?;
    let (image, mut image_alt, image_caption) = match fields.image("image")? {
        Some((src, alt, caption)) => (Some(src), alt, caption),
        None => (None, None, None),
    };
    if let Some(alt) = fields.text("image_alt")? {
        image_alt = Some(alt);
    }
    let published = fields.flag_if_flag("published");
    let (comments, thread) = fields.comments()?;
    Ok(FrontMatter {
        title,
        date,
        updated: fields.date("updated")?,
        expires: fields.date("expires")?,
        authors: fields.names("author")?,
        slug: fields.text("slug")?,
        description: fields.text("description")?,
        image,
        image_alt,
        image_caption: fields.text("image_caption")?.or(image_caption),
        og_image: fields.image("og_image")?.map(|(src, _, _)| src),
        tags,
        categories: fields.terms("categories")?,
        series: fields.one_term("series")?,
        aliases: fields.paths("aliases")?,
        lang: fields.text("lang")?,
        translations: fields.paths("translations")?,
        featured: fields.flag("featured")?.unwrap_or(false),
        toc: fields.flag("toc")?,
        draft: fields.flag("draft")?.unwrap_or(false) || published == Some(false),
        comments,
        mastodon: fields.text("mastodon")?.or(thread),
    })
}

impl Fields<'_> {
    /// `published: true|false` (Jekyll), which is otherwise a date (Astro, Hugo).
    fn flag_if_flag(&self, key: &str) -> Option<bool> {
        self.doc.flag(key).ok().flatten()
    }

    /// `comments: true|false`, or the Mastodon thread Hugo themes write as `comments:
    /// {host, username, id}` (then the status address it names). Any other value is the
    /// flag's error (the import leaves it out and says so: the site's setting stands).
    fn comments(&self) -> Result<(Option<bool>, Option<String>), PostError> {
        let Some(node) = self.get("comments") else {
            return Ok((None, None));
        };
        if let Value::Map(_) = node.value {
            let part = |key: &str| {
                node.text(key)
                    .ok()
                    .flatten()
                    .filter(|t| !t.trim().is_empty())
            };
            let thread = match (part("host"), part("username"), part("id")) {
                (Some(host), Some(user), Some(id)) => Some(format!(
                    "https://{}/@{}/{}",
                    host.trim()
                        .trim_start_matches("https://")
                        .trim_end_matches('/'),
                    user.trim().trim_start_matches('@'),
                    id.trim()
                )),
                _ => None,
            };
            return Ok((None, thread));
        }
        Ok((self.flag("comments")?, None))
    }
}

/// `text` as a double-quoted YAML scalar that [`yaml::parse`] reads back exactly.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl FrontMatter {
    /// The front matter as this blog's own YAML, fields under their canonical names and
    /// every value quoted: what `blogtool publish` writes for posts that came in any other
    /// form (TOML, JSON, aliases, no front matter), so the browser reads one form only.
    /// [`parse`] reads it back to an equal value.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from("---\n");
        let mut line = |key: &str, value: String| {
            out.push_str(key);
            out.push_str(": ");
            out.push_str(&value);
            out.push('\n');
        };
        let list = |items: &[String]| {
            let items: Vec<String> = items.iter().map(|i| quoted(i)).collect();
            format!("[{}]", items.join(", "))
        };
        line("title", quoted(&self.title));
        line("date", quoted(&self.date.stored()));
        let optional = [
            ("updated", self.updated.map(|d| d.stored())),
            ("expires", self.expires.map(|d| d.stored())),
            ("slug", self.slug.clone()),
            ("description", self.description.clone()),
            ("image", self.image.clone()),
            ("image_alt", self.image_alt.clone()),
            ("image_caption", self.image_caption.clone()),
            ("og_image", self.og_image.clone()),
            ("lang", self.lang.clone()),
            ("series", self.series.clone()),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                line(key, quoted(&value));
            }
        }
        for (key, items) in [
            ("author", &self.authors),
            ("tags", &self.tags),
            ("categories", &self.categories),
            ("aliases", &self.aliases),
            ("translations", &self.translations),
        ] {
            if !items.is_empty() {
                line(key, list(items));
            }
        }
        for (key, on) in [("featured", self.featured), ("draft", self.draft)] {
            if on {
                line(key, "true".to_string());
            }
        }
        if let Some(toc) = self.toc {
            line("toc", toc.to_string());
        }
        if let Some(comments) = self.comments {
            line("comments", comments.to_string());
        }
        if let Some(thread) = &self.mastodon {
            line("mastodon", quoted(thread));
        }
        out.push_str("---\n");
        out
    }
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
        assert_eq!(fm.categories, ["notes"]);
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
    fn wrong_types_name_the_field_and_what_it_expects() {
        let cases = [
            (
                "---\ntitle: T\ndate: 2025-01-01\ndraft: maybe\n---\n",
                "posts/x.md:4: draft must be true or false (found \"maybe\")",
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
                "posts/x.md:2: title must be text (unclosed quote; put the whole value in quotes)",
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

#[cfg(test)]
mod comments_tests {
    use super::*;

    fn read(yaml: &str) -> FrontMatter {
        let source = format!("---\ntitle: T\ndate: 2025-01-01\n{yaml}---\nBody\n");
        let split = split(&source).unwrap();
        parse("posts/x.md", split.yaml, split.yaml_first_line).unwrap()
    }

    #[test]
    fn comments_switch_and_mastodon_threads_in_the_forms_themes_write() {
        let cases = [
            ("", None, None),
            ("comments: false\n", Some(false), None),
            ("comments: true\n", Some(true), None),
            // YAML 1.1's flags, as Jekyll reads them.
            ("comments: off\n", Some(false), None),
            ("comments: Yes\n", Some(true), None),
            (
                "mastodon: https://mastodon.social/@ana/42\n",
                None,
                Some("https://mastodon.social/@ana/42"),
            ),
            // Hugo themes' Mastodon comments.
            (
                "comments:\n  host: fosstodon.org\n  username: ana\n  id: 1099\n",
                None,
                Some("https://fosstodon.org/@ana/1099"),
            ),
            ("comments:\n  host: fosstodon.org\n", None, None),
        ];
        for (yaml, comments, thread) in cases {
            let fm = read(yaml);
            assert_eq!(fm.comments, comments, "{yaml}");
            assert_eq!(fm.mastodon.as_deref(), thread, "{yaml}");
            // What publish writes for the browser reads back the same.
            let again = read(
                fm.to_yaml()
                    .trim_start_matches("---\n")
                    .trim_end_matches("---\n")
                    .split_once("date: \"2025-01-01\"\n")
                    .map_or("", |(_, rest)| rest),
            );
            assert_eq!(
                (again.comments, again.mastodon),
                (fm.comments, fm.mastodon.clone()),
                "{yaml}"
            );
        }
    }
}
