//! Redirect pages: an old address of a post (Hugo's `aliases`, Jekyll's `redirect_from` and
//! `permalink`) becomes a small page that sends readers and crawlers to it, and an entry of
//! [`crate::routes::REDIRECTS_DATA`] that the app follows when a link inside the site leads
//! to it.

use std::collections::BTreeMap;

use crate::html::escape;
use crate::routes;
use crate::slug::is_valid_slug;

/// The old addresses of a site (`redirects.json`): [`redirect_key`] → the post's path
/// (`/posts/x`, without the base path).
pub type Redirects = BTreeMap<String, String>;

/// Longest path looked up: longer is no address anyone published.
const MAX_KEY_BYTES: usize = 512;

/// The key an old address is found by in [`Redirects`]: its path without query, fragment,
/// a final `index.html` and trailing slashes, led by `/` (`/old/tides/index.html` and
/// `/old/tides/` → `/old/tides`; `/2019/04/tides.html` stays). `None` for what no alias can
/// be — empty, `..`, a scheme, longer than 512 bytes, or holding characters a path has no
/// business holding (double quotes, angle brackets, braces, backslashes, controls) — so the
/// app fetches nothing for hostile addresses. Percent escapes are decoded first.
pub fn redirect_key(path: &str) -> Option<String> {
    let path = path.trim().split(['?', '#']).next()?;
    // Written (`/café/`) or as the browser sends it (`/caf%C3%A9/`): one key.
    let decoded = crate::url::percent_decode(path);
    let path = decoded.as_str();
    if path.len() > MAX_KEY_BYTES || path.starts_with("//") {
        return None;
    }
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if matches!(parts.last(), Some(&"index.html" | &"index.htm")) {
        parts.pop();
    }
    let usable = |p: &&str| {
        *p != "."
            && *p != ".."
            && !p.chars().any(|c| {
                c.is_control() || matches!(c, '\\' | ':' | '<' | '>' | '"' | '`' | '{' | '}')
            })
    };
    if parts.is_empty() || !parts.iter().all(usable) {
        return None;
    }
    Some(format!("/{}", parts.join("/")))
}

/// Where the app should go instead of a page it has no route for, without asking the
/// host: a post's page file named as such (`/posts/x/index.html` → `/posts/x`). `None`
/// when only [`Redirects`] can tell.
pub fn post_page_file(path: &str) -> Option<String> {
    let key = redirect_key(path)?;
    let rest = key
        .strip_prefix('/')?
        .strip_prefix(routes::POSTS)?
        .strip_prefix('/')?;
    let slug = rest
        .strip_suffix(".html")
        .or_else(|| rest.strip_suffix(".htm"))
        .unwrap_or(rest);
    // `/posts/x` itself has a route: only a file name for it needs taking there.
    (slug != rest || path.trim_end_matches('/').ends_with("index.html"))
        .then_some(slug)
        .filter(|s| is_valid_slug(s))
        .map(routes::post)
}

/// Where the redirect page for an old address is written, relative to the site's folder:
/// `/2019/10/x/` → `2019/10/x/index.html`, `/old.html` → `old.html`. `None` for paths
/// that could leave the folder or name nothing (`..`, `//host`, empty, a scheme).
pub fn alias_file(alias: &str) -> Option<String> {
    let path = alias.trim().split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let usable = |p: &&str| {
        *p != "." && *p != ".." && !p.contains(['\\', ':']) && !p.chars().any(char::is_control)
    };
    if parts.is_empty() || path.starts_with("//") || !parts.iter().all(usable) {
        return None;
    }
    let joined = parts.join("/");
    Some(if joined.ends_with(".html") || joined.ends_with(".htm") {
        joined
    } else {
        format!("{joined}/index.html")
    })
}

/// A page that sends readers and crawlers from an old address to the post at `path` (a
/// site path such as `/blog/posts/x`, so it works on any host) whose canonical address is
/// `canonical`: an immediate refresh, a canonical link for search engines, and a link for
/// anyone whose browser does not follow the refresh.
pub fn redirect_page(path: &str, canonical: &str, title: &str) -> String {
    let (path, canonical) = (escape(path), escape(canonical));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={path}\">\n</head>\n<body>\n<p>This post has moved to <a href=\"{path}\">{canonical}</a>.</p>\n</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_are_keyed_as_links_name_them() {
        let cases = [
            ("/old/tides/", Some("/old/tides")),
            ("/old/tides/index.html", Some("/old/tides")),
            ("old/tides", Some("/old/tides")),
            ("/2019/04/tides.html?ref=x#top", Some("/2019/04/tides.html")),
            ("/", None),
            ("", None),
            ("//evil.example/x", None),
            ("/a/../b", None),
            ("/posts/<img src=x>", None),
            ("/posts/\"onload", None),
            ("/with space/", Some("/with space")),
            ("/what's-new/", Some("/what's-new")),
            ("/caf%C3%A9/", Some("/café")),
            ("/café/", Some("/café")),
            ("/posts/%3Cimg%3E", None),
            ("javascript:alert(1)", None),
        ];
        for (path, key) in cases {
            assert_eq!(redirect_key(path).as_deref(), key, "{path}");
        }
        assert_eq!(redirect_key(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn a_posts_page_file_leads_to_its_post() {
        let cases = [
            ("/posts/tides/index.html", Some("/posts/tides")),
            ("/posts/tides.html", Some("/posts/tides")),
            ("/posts/tides", None),
            ("/posts/tides/", None),
            ("/posts/Bad_Slug/index.html", None),
            ("/other/tides/index.html", None),
        ];
        for (path, target) in cases {
            assert_eq!(post_page_file(path).as_deref(), target, "{path}");
        }
    }
}
