//! The post reader: `blog_core::post::Post::parse_at` (front matter, Markdown, sanitizing,
//! highlighting, encoding repair) as a WebAssembly module of its own. The app does not
//! carry it: a first visit shows the prerendered article as it is, so the parser is loaded
//! (once, then kept by the service worker) only when the reader opens a post in the app.

use blog_core::post::{Post, POST_FORMAT};
use wasm_bindgen::prelude::*;

/// What the reader answers for a post: `{format: POST_FORMAT, post: Post}`, or
/// `{format, error: "posts/hello.md:3: …"}` when the post cannot be read (the message names
/// the file and line). `format` lets the app tell a reader from another deploy.
#[derive(Debug, serde::Serialize)]
pub struct Answer {
    /// [`POST_FORMAT`], the shape of [`Post`] this reader writes.
    pub format: u32,
    /// The parsed post.
    pub post: Option<Post>,
    /// Why the post cannot be read.
    pub error: Option<String>,
}

/// Parses the post `file` (`hello.md`) whose text is `text`, for a site under `base`
/// (`/` or `/blog/`). Returns the [`Answer`] as a plain JS object, shaped as its JSON would be
/// (`null` for what is missing): the app reads it without a JSON round trip, and neither
/// module carries a JSON library. `null` if it cannot be made (it always can: the answer
/// holds only strings, numbers, booleans and lists of them).
#[wasm_bindgen]
pub fn read_post(file: &str, text: &str, base: &str) -> JsValue {
    use serde::Serialize;
    answer(file, text, base)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// [`read_post`]'s answer as JSON text (by the browser's `JSON.stringify`), under the name
/// and in the form the apps of earlier deploys call: a tab left open across a deploy gets
/// this reader from the service worker and must still read posts. Empty if it cannot be
/// made.
#[wasm_bindgen]
pub fn parse_post(file: &str, text: &str, base: &str) -> String {
    js_sys::JSON::stringify(&read_post(file, text, base))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Someone else's HTML made safe to show in a page: a Mastodon reply under a post, by the
/// same sanitizer a post's own HTML goes through (`blog_core::sanitize`): no scripts,
/// handlers, styles or frames, only links and images the URL policy allows.
#[wasm_bindgen]
pub fn sanitize(html: &str) -> String {
    blog_core::sanitize::sanitize_html(html)
}

/// [`read_post`]'s answer, built natively too so it can be tested.
pub fn answer(file: &str, text: &str, base: &str) -> Answer {
    match Post::parse_at(file, text, base) {
        Ok(post) => Answer {
            format: POST_FORMAT,
            post: Some(post),
            error: None,
        },
        Err(error) => Answer {
            format: POST_FORMAT,
            post: None,
            error: Some(error.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_from_mastodon_keeps_its_text_and_links_and_loses_what_could_run() {
        let reply = concat!(
            "<p><span class=\"h-card\"><a href=\"https://mastodon.social/@ana\" class=\"u-url mention\">@<span>ana</span></a></span> ",
            "Nice tide tables! <a href=\"https://example.org/t\" rel=\"nofollow noopener\" target=\"_blank\">example.org/t</a></p>",
            "<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe><p style=\"position:fixed\">ok</p>"
        );
        let safe = sanitize(reply);
        assert!(safe.contains("Nice tide tables!"), "{safe}");
        assert!(
            safe.contains("href=\"https://mastodon.social/@ana\""),
            "{safe}"
        );
        assert!(safe.contains(">example.org/t</a>"), "{safe}");
        for gone in ["<script", "onerror", "javascript:", "<iframe", "style="] {
            assert!(!safe.contains(gone), "{gone} in {safe}");
        }
    }

    #[test]
    fn answers_a_post_or_the_reason_it_cannot_be_read() {
        let ok = answer("a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n# Hi\n", "/");
        assert_eq!(ok.format, POST_FORMAT);
        let post = ok.post.expect("a post");
        assert_eq!(post.meta.slug, "a");
        assert!(post.html.contains("<h1"), "{}", post.html);
        let bad = answer("b.md", "---\ntitle: B\n---\n", "/");
        assert!(bad.post.is_none());
        assert_eq!(
            bad.error.as_deref(),
            Some("posts/b.md: missing required field `date`")
        );
    }
}
