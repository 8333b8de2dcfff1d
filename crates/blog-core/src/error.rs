//! Errors a post can have, worded for the author who has to fix them.

use std::fmt;

/// What is wrong with a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file does not open with a `---` line.
    NoFrontMatter,
    /// The opening `---` has no closing one.
    UnclosedFrontMatter,
    /// The front matter block is larger than [`crate::front_matter::MAX_FRONT_MATTER_BYTES`].
    FrontMatterTooLarge,
    /// The YAML itself does not parse (syntax, wrong type, or a resource limit).
    Yaml(String),
    /// A known field holds a value of the wrong kind.
    BadField {
        /// The front matter key.
        field: &'static str,
        /// What the YAML reader found wrong.
        problem: String,
        /// What the field takes.
        expected: &'static str,
    },
    /// A required field is absent or empty.
    MissingField(&'static str),
    /// A date field holds something that is not a date.
    BadDate {
        /// The front matter key.
        field: &'static str,
        /// The value as written.
        value: String,
    },
    /// The slug (from front matter or file name) is not usable in a URL.
    BadSlug(String),
    /// Two posts claim the same slug.
    DuplicateSlug {
        /// The slug both posts claim.
        slug: String,
        /// The file that claimed it first.
        other_file: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NoFrontMatter => f.write_str(
                "no front matter: a post must start with a `---` line, then `title:` and `date:`, then `---`",
            ),
            ErrorKind::UnclosedFrontMatter => {
                f.write_str("front matter is not closed: add a `---` line after the last field")
            }
            ErrorKind::FrontMatterTooLarge => write!(
                f,
                "front matter is larger than {} KiB",
                crate::front_matter::MAX_FRONT_MATTER_BYTES / 1024
            ),
            ErrorKind::Yaml(msg) => write!(f, "front matter is not valid YAML: {msg}"),
            ErrorKind::BadField {
                field,
                problem,
                expected,
            } => write!(f, "{field} must be {expected} ({problem})"),
            ErrorKind::MissingField(field) => write!(f, "missing required field `{field}`"),
            ErrorKind::BadDate { field, value } => write!(
                f,
                "{field} \"{value}\" is not a date (expected YYYY-MM-DD or RFC 3339)"
            ),
            ErrorKind::BadSlug(slug) => write!(
                f,
                "slug \"{slug}\" is not usable in a URL (use lowercase letters, digits and hyphens)"
            ),
            ErrorKind::DuplicateSlug { slug, other_file } => {
                write!(f, "slug \"{slug}\" is already used by {other_file}")
            }
        }
    }
}

/// A problem in one post, located as precisely as known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostError {
    /// The post's path as the author knows it, e.g. `posts/hello.md`.
    pub file: String,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl fmt::Display for PostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

impl std::error::Error for PostError {}
