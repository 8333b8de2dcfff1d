//! The embeddable author card: the blog's own `AuthorCard` component compiled into a small
//! WebAssembly bundle of its own (no router, no Markdown), driven by the loader script
//! `public/embed/author-card.js` inside a Shadow DOM on someone else's page.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Renders the card for `author_json` (one author from the blog's `authors.json`) into
/// `target`. `blog_base` is the blog's absolute base URL: paths in the registry are relative
/// to the blog, and on another site they must be absolute.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn mount_author_card(
    target: web_sys::HtmlElement,
    author_json: &str,
    blog_base: &str,
    compact: bool,
) -> Result<(), JsValue> {
    use blog_core::author::Author;
    use blog_core::routes::under_base;
    use blog_ui::author_card::AuthorCard;
    use leptos::prelude::*;

    let mut author: Author = serde_json::from_str(author_json)
        .map_err(|e| JsValue::from_str(&format!("the author data is not valid: {e}")))?;
    let absolute = |url: &str| under_base(blog_base, url);
    author.avatar = author.avatar.as_deref().map(absolute);
    author.website = Some(
        author
            .website
            .as_deref()
            .map(absolute)
            .unwrap_or_else(|| absolute(&blog_core::routes::author(&author.id))),
    );
    for link in &mut author.links {
        link.url = absolute(&link.url);
    }
    leptos::mount::mount_to(
        target,
        move || view! { <AuthorCard author=author compact=compact /> },
    )
    .forget();
    Ok(())
}
