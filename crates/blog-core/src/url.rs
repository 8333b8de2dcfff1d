//! URL policy for links and images in posts: which schemes may reach the page.

/// What a URL is used for; images may additionally be inline `data:` pictures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// The `href` of a link.
    Link,
    /// The `src` of an image.
    Image,
}

/// Whether `url` is allowed in a post: `http`, `https`, `mailto`, scheme-less (relative)
/// paths and, for images only, `data:image/(png|gif|jpeg|webp)`.
///
/// Browsers ignore ASCII whitespace and control characters inside a scheme and compare it
/// case-insensitively, so both are removed before the scheme is read; `JaVa\tScRiPt:` is
/// caught the same as `javascript:`. pulldown-cmark has already decoded entities.
pub fn is_allowed_url(url: &str, usage: UrlUse) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    // A scheme ends at the first ':' that comes before any '/', '?' or '#'.
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    let scheme = match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => &cleaned[..i],
        _ => return true,
    };
    match scheme {
        "http" | "https" | "mailto" => true,
        "data" if usage == UrlUse::Image => ["png", "gif", "jpeg", "webp"]
            .iter()
            .any(|kind| cleaned.starts_with(&format!("data:image/{kind}"))),
        _ => false,
    }
}

/// `%XX` escapes of a URL path decoded (`/caf%C3%A9` → `/café`); invalid UTF-8 is replaced,
/// so the result then names nothing. A `%` without two hex digits stays.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[at] == b'%' && at + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[at + 1]), hex(bytes[at + 2])) {
                out.push((h * 16 + l) as u8);
                at += 3;
                continue;
            }
        }
        out.push(bytes[at]);
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative_urls() {
        for url in [
            "https://example.com/a?b#c",
            "http://example.com",
            "mailto:me@example.com",
            "/posts/x",
            "../x.png",
            "#section",
            "x.md",
            "?q=1",
            "path/with:colon",
        ] {
            assert!(is_allowed_url(url, UrlUse::Link), "{url}");
        }
    }

    #[test]
    fn rejects_script_schemes_however_they_are_spelled() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "jav\tascript:alert(1)",
            "\u{1}javascript:alert(1)",
            " javascript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>",
            "file:///etc/passwd",
        ] {
            assert!(!is_allowed_url(url, UrlUse::Link), "{url:?}");
        }
    }

    #[test]
    fn allows_data_urls_only_for_raster_images() {
        assert!(is_allowed_url("data:image/png;base64,AAAA", UrlUse::Image));
        assert!(!is_allowed_url("data:image/png;base64,AAAA", UrlUse::Link));
        assert!(!is_allowed_url("data:image/svg+xml,<svg>", UrlUse::Image));
    }
}
