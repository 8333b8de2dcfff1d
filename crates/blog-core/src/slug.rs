//! Slugs: validating the ones that name posts and deriving the ones that anchor headings.

/// Longest slug accepted; longer ones are not names an author would type.
pub const MAX_SLUG_LEN: usize = 120;

/// Whether `slug` may name a post: lowercase ASCII letters, digits and single hyphens or
/// underscores between them. Anything else (`..`, `/`, `%2F`, markup, empty) is rejected so a
/// slug taken from the URL can be put into a fetch path without escaping.
pub fn is_valid_slug(slug: &str) -> bool {
    let bytes = slug.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_SLUG_LEN
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'_')
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
}

/// Turns heading or file text into a URL-safe slug: letters and digits (any script, lowercased)
/// kept, everything else collapsed into single hyphens.
///
/// ```
/// use blog_core::slug::slugify;
/// assert_eq!(slugify("Node.js: Best for I/O & Real-Time"), "node-js-best-for-i-o-real-time");
/// assert_eq!(slugify("Größe über alles"), "größe-über-alles");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// The address of a taxonomy term (tag, category, series) or of an author known only by
/// name: [`slugify`] after spelling out the symbols that tell such names apart
/// (`C++` → `c-plus-plus`, `C#` → `c-sharp`, `R&D` → `r-and-d`), so two names that differ
/// only by them get two pages. A name of symbols only is spelt in hex code points
/// (`🎉` → `u1f389`), never an empty address.
///
/// ```
/// use blog_core::slug::term_slug;
/// assert_eq!(term_slug("Static sites"), "static-sites");
/// assert_ne!(term_slug("C++"), term_slug("C#"));
/// assert_eq!(term_slug("***"), "u2a-u2a-u2a");
/// ```
pub fn term_slug(name: &str) -> String {
    let mut spelt = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '+' => spelt.push_str(" plus "),
            '#' => spelt.push_str(" sharp "),
            '&' => spelt.push_str(" and "),
            '@' => spelt.push_str(" at "),
            c => spelt.push(c),
        }
    }
    let slug = slugify(&spelt);
    if !slug.is_empty() {
        return slug;
    }
    let codes: Vec<String> = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| format!("u{:x}", u32::from(c)))
        .collect();
    if codes.is_empty() {
        "untitled".to_string()
    } else {
        codes.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_post_slugs() {
        for slug in ["node-vs-python-backend", "a", "post_2", "2025-recap"] {
            assert!(is_valid_slug(slug), "{slug}");
        }
    }

    #[test]
    fn rejects_slugs_that_could_escape_the_posts_folder() {
        let long = "a".repeat(MAX_SLUG_LEN + 1);
        for slug in [
            "",
            "..",
            "../secret",
            "a/b",
            "a%2Fb",
            "//evil.example",
            "<script>",
            "Upper",
            "-lead",
            "trail-",
            "a b",
            "é",
            long.as_str(),
        ] {
            assert!(!is_valid_slug(slug), "{slug:?} should be rejected");
        }
    }

    #[test]
    fn every_term_gets_its_own_non_empty_address() {
        let cases = [
            ("rust", "rust"),
            ("Static sites", "static-sites"),
            ("C++", "c-plus-plus"),
            ("C#", "c-sharp"),
            ("C", "c"),
            ("R&D", "r-and-d"),
            ("日本語", "日本語"),
            ("🎉", "u1f389"),
            ("***", "u2a-u2a-u2a"),
            ("!!", "u21-u21"),
            ("", "untitled"),
        ];
        for (name, want) in cases {
            assert_eq!(term_slug(name), want, "{name:?}");
        }
    }

    #[test]
    fn slugifies_headings() {
        let cases = [
            (
                "The Great Backend Development Debate",
                "the-great-backend-development-debate",
            ),
            ("  spaced   out  ", "spaced-out"),
            ("C++ & Rust!", "c-rust"),
            ("日本語の見出し", "日本語の見出し"),
            ("***", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input:?}");
        }
    }
}
