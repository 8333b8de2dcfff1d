//! The content pipeline the app runs in the browser, exported on its own so the benchmark can
//! time it against JavaScript Markdown renderers on the same page, without the app around it.

use wasm_bindgen::prelude::*;

/// Everything the app does to a fetched post before showing it: encoding repair, front
/// matter, Markdown, sanitizing and HTML. Returns the HTML, or the error message a reader
/// would see, so the work cannot be optimised away.
#[wasm_bindgen]
pub fn render_post(file: &str, source: &str) -> String {
    match blog_core::post::Post::parse(file, source) {
        Ok(post) => post.html,
        Err(e) => e.to_string(),
    }
}

/// pulldown-cmark alone with the app's options: the floor the layers around it add to.
#[wasm_bindgen]
pub fn render_bare(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, blog_core::markdown::options());
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_and_bare_render_the_same_markdown() {
        let post = "---\ntitle: T\ndate: 2024-01-01\n---\n# Hi\n\nSome *text*.\n";
        assert!(render_post("t.md", post).contains("<em>text</em>"));
        assert!(render_bare("Some *text*.").contains("<em>text</em>"));
    }
}
