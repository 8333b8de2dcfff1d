//! The page for addresses that lead nowhere.

use blog_core::{pages, routes};
use leptos::prelude::*;

use crate::components::page_head::PageHead;

/// "Not found", with a way home. `what` says what was looked for, when known.
#[component]
pub fn NotFound(
    /// A sentence naming what does not exist.
    #[prop(into, optional)]
    what: Option<String>,
) -> impl IntoView {
    let what = what.unwrap_or_else(|| "There is no page at this address.".to_string());
    view! {
        <PageHead page=pages::not_found() />
        <div class="not-found">
            <h1>"Page not found"</h1>
            <p>{what}</p>
            <p><a href=crate::site::href(routes::HOME)>"Back to all posts"</a></p>
        </div>
    }
}
