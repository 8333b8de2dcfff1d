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

/// The site path of the search page for `query`: `/search?q=r%C3%A9sum%C3%A9`, or
/// `/search` for an empty query.
pub fn search_path(query: &str) -> String {
    if query.is_empty() {
        return "/search".to_string();
    }
    let mut out = String::from("/search?q=");
    for byte in query.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{search_path, under_base};

    #[test]
    fn puts_a_query_in_the_search_url() {
        assert_eq!(search_path(""), "/search");
        assert_eq!(search_path("rust wasm"), "/search?q=rust+wasm");
        assert_eq!(search_path("résumé"), "/search?q=r%C3%A9sum%C3%A9");
        assert_eq!(search_path("a&b=c#d+"), "/search?q=a%26b%3Dc%23d%2B");
    }

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
