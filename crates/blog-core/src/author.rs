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
/// `mailto` or relative are rejected so a card link can never run script.
pub fn parse_registry(yaml: &str) -> Result<Vec<Author>, String> {
    let doc = yaml::parse(yaml).map_err(|e| format!("authors.yaml:{}: {e}", e.line))?;
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

/// One registry entry, checked: a valid id, a name, text where text belongs, safe URLs.
fn read_author(id: &str, entry: &Node) -> Result<Author, String> {
    let at = |node: &Node, what: &str| format!("authors.yaml:{}: {id}: {what}", node.line);
    if !crate::slug::is_valid_slug(id) {
        return Err(format!(
            "authors.yaml:{}: author id \"{id}\" must be lowercase letters, digits and hyphens",
            entry.line
        ));
    }
    if !matches!(entry.value, Value::Map(_)) {
        return Err(at(entry, "expected name, website, avatar, bio and links"));
    }
    let text = |node: &Node, field: &str| -> Result<Option<String>, String> {
        match node.get(field).map(|n| (n, &n.value)) {
            None | Some((_, Value::Null)) => Ok(None),
            Some((_, Value::Scalar(s))) => Ok(Some(s.trim().to_string())),
            Some((n, _)) => Err(at(n, &format!("{field} must be text, found {}", n.kind()))),
        }
    };
    let url = |node: &Node, field: &str| -> Result<Option<String>, String> {
        let value = text(node, field)?;
        match value {
            Some(u) if !is_allowed_url(&u, UrlUse::Image) => Err(at(
                node,
                &format!("URL \"{u}\" is not http(s), mailto or relative"),
            )),
            other => Ok(other),
        }
    };
    let name = text(entry, "name")?
        .filter(|n| !n.is_empty())
        .ok_or_else(|| at(entry, "missing required field `name`"))?;
    let links = match entry.get("links").map(|n| (n, &n.value)) {
        None | Some((_, Value::Null)) => Vec::new(),
        Some((_, Value::Seq(items))) => items
            .iter()
            .map(|link| {
                Ok(ProfileLink {
                    label: text(link, "label")?
                        .ok_or_else(|| at(link, "a link needs a `label`"))?,
                    url: url(link, "url")?.ok_or_else(|| at(link, "a link needs a `url`"))?,
                })
            })
            .collect::<Result<_, String>>()?,
        Some((n, _)) => return Err(at(n, "links must be a list of `label` and `url`")),
    };
    Ok(Author {
        id: id.to_string(),
        name,
        website: url(entry, "website")?,
        avatar: url(entry, "avatar")?,
        bio: text(entry, "bio")?.unwrap_or_default(),
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
    fn rejects_script_urls_and_bad_ids() {
        let bad_url = "x:\n  name: X\n  website: javascript:alert(1)\n";
        assert!(parse_registry(bad_url)
            .unwrap_err()
            .contains("javascript:alert(1)"));
        let bad_id = "Not An Id:\n  name: X\n";
        assert!(parse_registry(bad_id).unwrap_err().contains("Not An Id"));
    }
}
