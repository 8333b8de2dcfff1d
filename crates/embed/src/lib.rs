//! The embeddable author card: the blog's own `AuthorCard` component compiled into a small
//! WebAssembly bundle of its own (no router, no Markdown), driven by the loader script
//! `js/author-card.js` inside a Shadow DOM on someone else's page.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Renders the card for `author` (one entry of the blog's `authors.json`, as the loader
/// parsed it, or that entry as JSON text, as loaders before it passed it) into `target`. `blog_base` is the blog's absolute base URL: paths in the
/// registry are relative to the blog, and on another site they must be absolute. The entry
/// is read field by field rather than through a JSON library, which would be a fifth of
/// this module.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn mount_author_card(
    target: web_sys::HtmlElement,
    author: JsValue,
    blog_base: &str,
    compact: bool,
) -> Result<(), JsValue> {
    use blog_core::author::{Author, ProfileLink};
    use blog_core::i18n::CardWords;
    use blog_core::routes::under_base;
    use blog_ui::author_card::AuthorCard;
    use leptos::prelude::*;

    // Loaders cached from before passed the entry as JSON text: read that too.
    let author = match author.as_string() {
        Some(json) => js_sys::JSON::parse(&json)
            .map_err(|_| JsValue::from_str("the author data is not valid JSON"))?,
        None => author,
    };

    let text = |value: &JsValue, key: &str| {
        js_sys::Reflect::get(value, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let required = |key: &str| {
        text(&author, key)
            .ok_or_else(|| JsValue::from_str(&format!("the author data has no `{key}`")))
    };
    let absolute = |url: &str| under_base(blog_base, url);
    let id = required("id")?;
    let links = js_sys::Reflect::get(&author, &"links".into())
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|links| js_sys::Array::from(&links).iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .iter()
        .filter_map(|link| {
            Some(ProfileLink {
                label: text(link, "label")?,
                url: absolute(&text(link, "url")?),
            })
        })
        .collect();
    // The card's words in the blog's language; a registry from before they were carried
    // gives none, and the card shows names alone.
    let words = js_sys::Reflect::get(&author, &"words".into())
        .ok()
        .map(|words| CardWords {
            about: text(&words, "about").unwrap_or_default(),
            portrait: text(&words, "portrait").unwrap_or_default(),
            link: text(&words, "link").unwrap_or_default(),
        })
        .unwrap_or_default();
    let author = Author {
        name: required("name")?,
        website: Some(
            text(&author, "website")
                .map(|w| absolute(&w))
                .unwrap_or_else(|| absolute(&blog_core::routes::author(&id))),
        ),
        avatar: text(&author, "avatar").map(|a| absolute(&a)),
        bio: text(&author, "bio").unwrap_or_default(),
        links,
        id,
    };
    leptos::mount::mount_to(
        target,
        move || view! { <AuthorCard author=author compact=compact words=words /> },
    )
    .forget();
    Ok(())
}
