//! The post reader: `blog_core::post::Post::parse_at` (front matter, Markdown, sanitizing,
//! highlighting, encoding repair) as a WebAssembly module of its own. The app does not
//! carry it: a first visit shows the prerendered article as it is, so the parser is loaded
//! (once, then kept by the service worker) only when the reader opens a post in the app.

use blog_core::post::{Post, POST_FORMAT};
use wasm_bindgen::prelude::*;

/// Parses the post `file` (`hello.md`) whose text is `text`, for a site under `base`
/// (`/` or `/blog/`). Returns JSON: `{"format": POST_FORMAT, "post": Post}`, or
/// `{"format": …, "error": "posts/hello.md:3: …"}` when the post cannot be read (the message
/// names the file and line).
#[wasm_bindgen]
pub fn parse_post(file: &str, text: &str, base: &str) -> String {
    parsed_json(file, text, base)
}

/// [`parse_post`]'s answer, built natively too so it can be tested.
pub fn parsed_json(file: &str, text: &str, base: &str) -> String {
    let answer = match Post::parse_at(file, text, base) {
        Ok(post) => serde_json::json!({ "format": POST_FORMAT, "post": post }),
        Err(error) => serde_json::json!({ "format": POST_FORMAT, "error": error.to_string() }),
    };
    answer.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_a_post_or_the_reason_it_cannot_be_read() {
        let ok: serde_json::Value = serde_json::from_str(&parsed_json(
            "a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\n# Hi\n",
            "/",
        ))
        .unwrap();
        let post: Post = serde_json::from_value(ok["post"].clone()).unwrap();
        assert_eq!(post.meta.slug, "a");
        assert_eq!(ok["format"], POST_FORMAT);
        assert!(post.html.contains("<h1"), "{}", post.html);
        let bad: serde_json::Value =
            serde_json::from_str(&parsed_json("b.md", "---\ntitle: B\n---\n", "/")).unwrap();
        assert_eq!(bad["error"], "posts/b.md: missing required field `date`");
    }
}
