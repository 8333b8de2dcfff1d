//! Authors: the registry in `posts/authors.yaml` and how posts' bylines map onto it.

use serde::{Deserialize, Serialize};

use crate::slug::term_slug;
use crate::url::{is_allowed_url, UrlUse};
use crate::yaml::{self, Node, Value};

/// A profile link on an author card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLink {
    /// Name of the site, shown as the link text (`Medium`, `Dev.to`).
    pub label: String,
    /// Absolute URL of the profile.
    pub url: String,
}

/// One author, as shown on author cards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// Stable id, the registry key; used in URLs and embed snippets.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Personal website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Portrait URL; cards show initials when absent or when it fails to load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// A sentence or two about the author.
    #[serde(default)]
    pub bio: String,
    /// Profile links, in display order.
    #[serde(default)]
    pub links: Vec<ProfileLink>,
}

impl Author {
    /// An author named in a post but missing from the registry: a card with the name only.
    pub fn unregistered(name: &str) -> Author {
        Author {
            id: term_slug(name),
            name: name.to_string(),
            website: None,
            avatar: None,
            bio: String::new(),
            links: Vec::new(),
        }
    }

    /// The author with a portrait given as a site path (`/images/me.png`, as posts from
    /// Next.js and Astro give one) resolved under the site's `base`, for pages of a blog
    /// that lives in a sub-folder. URLs are left as they are.
    pub fn under_base(mut self, base: &str) -> Author {
        self.avatar = self.avatar.map(|a| crate::routes::under_base(base, &a));
        self
    }

    /// Up to two initials for the avatar fallback: `Alvison Hunter` → `AH`.
    pub fn initials(&self) -> String {
        self.name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_alphanumeric())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// Parses `authors.yaml`: a map from author id to profile. URLs that are not `http(s)`,
/// `mailto` or relative are rejected so a card link can never run script. Errors are
/// `posts/authors.yaml:LINE: message`, like the posts beside it.
pub fn parse_registry(yaml: &str) -> Result<Vec<Author>, String> {
    let doc = yaml::parse(yaml).map_err(|e| at(e.line, e))?;
    let Value::Map(entries) = doc.value else {
        return Ok(Vec::new());
    };
    let mut authors: Vec<Author> = entries
        .iter()
        .map(|(id, entry)| read_author(id, entry))
        .collect::<Result<_, _>>()?;
    authors.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(authors)
}

/// Keys of an author's entry.
const AUTHOR_KEYS: [&str; 5] = ["name", "website", "avatar", "bio", "links"];
/// Keys of one of an author's links.
const LINK_KEYS: [&str; 2] = ["label", "url"];

/// Keys in `authors.yaml` that no profile field has (a typo such as `avatr:` leaves the
/// card without a picture), each as `posts/authors.yaml:LINE: id: unknown key …` with the field
/// it most likely means. Empty when the registry cannot be read (that is an error).
pub fn registry_warnings(yaml: &str) -> Vec<String> {
    let Ok(Node {
        value: Value::Map(entries),
        ..
    }) = yaml::parse(yaml)
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (id, entry) in &entries {
        let links = entry.items("links").unwrap_or_default();
        let unknown = entry
            .unknown_keys(&AUTHOR_KEYS)
            .into_iter()
            .chain(links.iter().flat_map(|link| link.unknown_keys(&LINK_KEYS)));
        found.extend(unknown.map(|u| at(u.line, format!("{id}: {u}"))));
    }
    found
}

/// `posts/authors.yaml:LINE: message`, like the posts beside it.
fn at(line: usize, message: impl std::fmt::Display) -> String {
    format!("posts/authors.yaml:{line}: {message}")
}

/// One registry entry, checked: a valid id, a name, text where text belongs, safe URLs.
fn read_author(id: &str, entry: &Node) -> Result<Author, String> {
    let problem = |node: &Node, what: &str| at(node.line, format!("{id}: {what}"));
    let field = |e: yaml::FieldError| at(e.line, format!("{id}: {e}"));
    if !crate::slug::is_valid_slug(id) {
        return Err(at(
            entry.line,
            format!("author id \"{id}\" must be lowercase letters, digits and hyphens"),
        ));
    }
    if !matches!(entry.value, Value::Map(_)) {
        return Err(problem(
            entry,
            "expected name, website, avatar, bio and links",
        ));
    }
    let url = |node: &Node, key: &str| -> Result<Option<String>, String> {
        match node.text(key).map_err(field)? {
            Some(u) if !is_allowed_url(&u, UrlUse::Image) => Err(problem(
                node.field(key).unwrap_or(node),
                &format!("URL \"{u}\" is not http(s), mailto or relative"),
            )),
            other => Ok(other),
        }
    };
    let name = entry
        .text("name")
        .map_err(field)?
        .filter(|n| !n.is_empty())
        .ok_or_else(|| problem(entry, "missing required field `name`"))?;
    let links = entry
        .items("links")
        .map_err(field)?
        .iter()
        .map(|link| {
            if !matches!(link.value, Value::Map(_)) {
                return Err(problem(link, "each link is a `label` and a `url`"));
            }
            Ok(ProfileLink {
                label: link
                    .text("label")
                    .map_err(field)?
                    .ok_or_else(|| problem(link, "a link needs a `label`"))?,
                url: url(link, "url")?.ok_or_else(|| problem(link, "a link needs a `url`"))?,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Author {
        id: id.to_string(),
        name,
        website: url(entry, "website")?,
        avatar: url(entry, "avatar")?,
        bio: entry.text("bio").map_err(field)?.unwrap_or_default(),
        links,
    })
}

/// Finds the author a byline means: by id, else by name, ignoring case.
pub fn find<'a>(authors: &'a [Author], byline: &str) -> Option<&'a Author> {
    let byline = byline.trim();
    authors
        .iter()
        .find(|a| a.id.eq_ignore_ascii_case(byline))
        .or_else(|| {
            authors
                .iter()
                .find(|a| a.name.to_lowercase() == byline.to_lowercase())
        })
}

/// The authors of a post, registered ones with their full profile, others by name only.
pub fn resolve(authors: &[Author], bylines: &[String]) -> Vec<Author> {
    bylines
        .iter()
        .map(|b| {
            find(authors, b)
                .cloned()
                .unwrap_or_else(|| Author::unregistered(b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &str = "alvison-hunter:\n  name: Alvison Hunter\n  website: https://alvisonhunter.com/\n  bio: Engineer.\n  links:\n    - label: Medium\n      url: https://medium.com/@alvisonhunter\n";

    #[test]
    fn maps_bylines_by_name_or_id() {
        let authors = parse_registry(REGISTRY).unwrap();
        for byline in [
            "Alvison Hunter",
            "alvison hunter",
            "alvison-hunter",
            " Alvison Hunter ",
        ] {
            assert_eq!(
                find(&authors, byline).map(|a| a.id.as_str()),
                Some("alvison-hunter"),
                "{byline}"
            );
        }
        assert_eq!(find(&authors, "Someone Else"), None);
    }

    #[test]
    fn unknown_authors_get_a_name_only_card() {
        let resolved = resolve(&[], &["Ada Lovelace".to_string()]);
        assert_eq!(resolved[0].id, "ada-lovelace");
        assert_eq!(resolved[0].initials(), "AL");
        assert!(resolved[0].links.is_empty());
    }

    #[test]
    fn registry_errors_and_unknown_keys_name_their_line() {
        let yaml = "ada:\n  name: Ada\n  links:\n    - label: Site\n      ulr: https://x.example\n";
        assert_eq!(
            parse_registry(yaml).unwrap_err(),
            "posts/authors.yaml:4: ada: a link needs a `url`"
        );
        assert_eq!(
            registry_warnings(yaml),
            ["posts/authors.yaml:5: ada: unknown key `ulr`; did you mean `url`? (it is ignored)"]
        );
        assert_eq!(
            parse_registry("ada:\n  name: [A, B]\n").unwrap_err(),
            "posts/authors.yaml:2: ada: name must be text, found a list"
        );
        assert_eq!(
            parse_registry("ada:\n  bio: x\n").unwrap_err(),
            "posts/authors.yaml:1: ada: missing required field `name`"
        );
    }

    #[test]
    fn rejects_script_urls_and_bad_ids() {
        let bad_url = "x:\n  name: X\n  website: javascript:alert(1)\n";
        assert!(parse_registry(bad_url)
            .unwrap_err()
            .contains("javascript:alert(1)"));
        let bad_id = "Not An Id:\n  name: X\n";
        assert!(parse_registry(bad_id).unwrap_err().contains("Not An Id"));
    }
}
