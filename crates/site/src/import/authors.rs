//! Other engines' author registries kept beside posts — Docusaurus' `authors.yml`
//! (<https://docusaurus.io/docs/blog#global-authors>) and MkDocs Material's `.authors.yml`
//! (<https://squidfunk.github.io/mkdocs-material/plugins/blog/#config.authors_file>) — read
//! into this blog's registry (`posts/authors.yaml`'s form), which wins for an id both have.

use blog_core::yaml::{self, Node, Value};

/// The file names of other engines' registries, at any depth under `posts/`.
pub const REGISTRY_FILES: &[&str] = &["authors.yml", ".authors.yml"];

/// Keys other engines give an author's picture (Next.js, Astro, Docusaurus, MkDocs), in
/// order of preference; the same in registries and in front matter author objects.
pub(super) const AVATAR_KEYS: &[&str] = &["picture", "avatar", "image", "image_url", "imageURL"];
/// Keys of an author's own site.
pub(super) const WEBSITE_KEYS: &[&str] = &["url", "website"];
/// Keys of a line about an author (Docusaurus' `title`, MkDocs' `description`).
pub(super) const BIO_KEYS: &[&str] = &["bio", "title", "description"];

/// Docusaurus' `socials` keys and the profile address of a handle on each.
const SOCIALS: &[(&str, &str, &str)] = &[
    ("x", "X", "https://x.com/"),
    ("twitter", "X", "https://x.com/"),
    ("github", "GitHub", "https://github.com/"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/in/"),
    (
        "stackoverflow",
        "Stack Overflow",
        "https://stackoverflow.com/users/",
    ),
    ("bluesky", "Bluesky", "https://bsky.app/profile/"),
    ("threads", "Threads", "https://www.threads.net/@"),
    ("instagram", "Instagram", "https://www.instagram.com/"),
    ("youtube", "YouTube", "https://www.youtube.com/"),
    ("mastodon", "Mastodon", ""),
    ("newsletter", "Newsletter", ""),
];

/// `registry` (`posts/authors.yaml`'s text, if any) with the authors of `others` (each a
/// registry file's path under `posts/` and its text) added in its form, and a warning for
/// each author left out: an id the registry or an earlier file already has, or an entry
/// this blog cannot show (`posts/<file>:LINE: …`).
pub fn merge(registry: Option<&str>, others: &[(String, String)]) -> (Option<String>, Vec<String>) {
    if others.is_empty() {
        return (registry.map(str::to_string), Vec::new());
    }
    let mut taken: Vec<(String, String)> = registry
        .and_then(|text| yaml::parse(text).ok())
        .and_then(|doc| match doc.value {
            Value::Map(entries) => Some(
                entries
                    .into_iter()
                    .map(|(id, _)| {
                        (
                            crate::import::url_slug(&id),
                            "posts/authors.yaml".to_string(),
                        )
                    })
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    let mut text = registry.map(str::to_string).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let mut warnings = Vec::new();
    let mut added = false;
    for (path, source) in others {
        let shown = format!("posts/{path}");
        let doc = match yaml::parse(source) {
            Ok(doc) => doc,
            Err(e) => {
                warnings.push(format!(
                    "{shown}:{}: {}; its authors are left out",
                    e.line, e.problem
                ));
                continue;
            }
        };
        // MkDocs Material nests them under `authors:`.
        let entries = match doc.get("authors") {
            Some(Node {
                value: Value::Map(entries),
                ..
            }) if path.ends_with(".authors.yml") || doc_has_only_authors(&doc) => entries.clone(),
            _ => match doc.value {
                Value::Map(entries) => entries,
                _ => continue,
            },
        };
        for (id, entry) in &entries {
            let key = crate::import::url_slug(id);
            if let Some((_, owner)) = taken.iter().find(|(t, _)| *t == key) {
                warnings.push(format!(
                    "{shown}:{}: author `{id}` is also in {owner}, which is used",
                    entry.line
                ));
                continue;
            }
            let converted = entry_yaml(&key, entry);
            if let Err(problem) = blog_core::author::parse_registry(&converted) {
                let why = problem.splitn(3, ':').nth(2).unwrap_or(&problem).trim();
                warnings.push(format!(
                    "{shown}:{}: author `{id}` is left out: {why}",
                    entry.line
                ));
                continue;
            }
            text.push_str(&converted);
            taken.push((key, shown.clone()));
            added = true;
        }
    }
    let merged = (added || registry.is_some()).then_some(text);
    (merged, warnings)
}

/// Whether a parsed registry holds nothing but an `authors:` map (MkDocs' form).
fn doc_has_only_authors(doc: &Node) -> bool {
    matches!(&doc.value, Value::Map(entries) if entries.len() == 1)
}

/// One author as an entry of this blog's registry.
fn entry_yaml(id: &str, entry: &Node) -> String {
    let text = |keys: &[&str]| super::first_text(entry, keys);
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    let name = text(&["name"]).unwrap_or_else(|| id.to_string());
    let mut out = format!("{id}:\n  name: {}\n", quoted(&name));
    if let Some(website) = text(WEBSITE_KEYS) {
        out.push_str(&format!("  website: {}\n", quoted(&website)));
    }
    if let Some(avatar) = text(AVATAR_KEYS) {
        out.push_str(&format!("  avatar: {}\n", quoted(&avatar)));
    }
    if let Some(bio) = text(BIO_KEYS) {
        out.push_str(&format!("  bio: {}\n", quoted(&bio)));
    }
    let mut links = Vec::new();
    if let Some(Node {
        value: Value::Map(socials),
        ..
    }) = entry.get("socials")
    {
        for (network, handle) in socials {
            let Value::Scalar(handle) = &handle.value else {
                continue;
            };
            let handle = handle.trim();
            let known = SOCIALS
                .iter()
                .find(|(k, _, _)| k.eq_ignore_ascii_case(network));
            let label = known.map_or(network.as_str(), |(_, label, _)| label);
            let url = if handle.contains("://") {
                handle.to_string()
            } else {
                match known {
                    Some((_, _, prefix)) if !prefix.is_empty() => {
                        format!("{prefix}{}", handle.trim_start_matches('@'))
                    }
                    _ => continue,
                }
            };
            links.push((label.to_string(), url));
        }
    }
    if let Some(email) = text(&["email"]) {
        links.push(("Email".to_string(), format!("mailto:{email}")));
    }
    if !links.is_empty() {
        out.push_str("  links:\n");
        for (label, url) in links {
            out.push_str(&format!(
                "    - label: {}\n      url: {}\n",
                quoted(&label),
                quoted(&url)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docusaurus_and_mkdocs_registries_join_ours() {
        let ours = "ann:\n  name: Ann Example\n";
        let docusaurus = "ann:\n  name: Other Ann\nJMarcey:\n  name: Joel Marcey\n  title: Co-creator\n  url: https://example.org/joel\n  image_url: https://example.org/joel.png\n  socials:\n    x: joelmarcey\n    github: https://github.com/JoelMarcey\n  email: joel@example.org\n";
        let mkdocs = "authors:\n  squidfunk:\n    name: Martin\n    description: Creator\n    avatar: https://example.org/m.png\n  jmarcey:\n    name: Another\n";
        let (merged, warnings) = merge(
            Some(ours),
            &[
                ("blog/authors.yml".to_string(), docusaurus.to_string()),
                ("blog/.authors.yml".to_string(), mkdocs.to_string()),
            ],
        );
        let authors = blog_core::author::parse_registry(&merged.unwrap()).unwrap();
        let ids: Vec<&str> = authors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["ann", "jmarcey", "squidfunk"]);
        assert_eq!(authors[0].name, "Ann Example");
        let joel = &authors[1];
        assert_eq!(joel.name, "Joel Marcey");
        assert_eq!(joel.bio, "Co-creator");
        assert_eq!(joel.website.as_deref(), Some("https://example.org/joel"));
        let links: Vec<(&str, &str)> = joel
            .links
            .iter()
            .map(|l| (l.label.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("X", "https://x.com/joelmarcey"),
                ("GitHub", "https://github.com/JoelMarcey"),
                ("Email", "mailto:joel@example.org"),
            ]
        );
        assert_eq!(authors[2].bio, "Creator");
        assert_eq!(
            warnings,
            [
                "posts/blog/authors.yml:1: author `ann` is also in posts/authors.yaml, which is used",
                "posts/blog/.authors.yml:6: author `jmarcey` is also in posts/blog/authors.yml, which is used",
            ]
        );
    }

    #[test]
    fn an_entry_this_blog_cannot_show_is_left_out_with_a_warning() {
        let (merged, warnings) = merge(
            None,
            &[(
                "authors.yml".to_string(),
                "bad:\n  name: Bad\n  url: javascript:alert(1)\ngood:\n  name: Good\n".to_string(),
            )],
        );
        let authors = blog_core::author::parse_registry(&merged.unwrap()).unwrap();
        assert_eq!(authors.len(), 1);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("posts/authors.yml:1: author `bad` is left out"));
        assert_eq!(merge(None, &[]), (None, Vec::new()));
    }
}
