//! A page's document title and description, from its metadata in `blog_core::pages` (the
//! same the prerendered page's head was written from).

use blog_core::pages::PageMeta;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Sets the document title (the site's name is added by the app's title formatter) and,
/// when the page has one, its description.
#[component]
pub fn PageHead(
    /// The page's metadata.
    page: PageMeta,
) -> impl IntoView {
    let description = (!page.description.is_empty())
        .then(|| view! { <Meta name="description" content=page.description /> });
    view! {
        <Title text=page.title />
        {description}
    }
}
