//! Site paths: turning site-absolute paths from posts into URLs under the site's base path.

/// Resolves `path` against the site's base path (`/` or `/blog/`). Absolute URLs and
/// protocol-relative ones are returned unchanged; `/images/x.png` becomes `/blog/images/x.png`.
pub fn under_base(base: &str, path: &str) -> String {
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    if has_scheme || path.starts_with("//") {
        return path.to_string();
    }
    let base = base.trim_end_matches('/');
    format!("{base}/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::under_base;

    #[test]
    fn resolves_site_paths_under_the_base() {
        let cases = [
            ("/", "/images/x.png", "/images/x.png"),
            ("/blog/", "/images/x.png", "/blog/images/x.png"),
            ("/blog", "images/x.png", "/blog/images/x.png"),
            (
                "/blog/",
                "https://cdn.example/x.png",
                "https://cdn.example/x.png",
            ),
            ("/blog/", "//cdn.example/x.png", "//cdn.example/x.png"),
        ];
        for (base, path, want) in cases {
            assert_eq!(under_base(base, path), want, "{base} {path}");
        }
    }
}
