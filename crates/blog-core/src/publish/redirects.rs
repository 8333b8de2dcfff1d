//! Redirect pages: an old address of a post (Hugo's `aliases`, Jekyll's `redirect_from` and
//! `permalink`) becomes a small page that sends readers and crawlers to it.

use crate::html::escape;

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
