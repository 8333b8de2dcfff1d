//! The page for addresses that lead nowhere.

use leptos::prelude::*;
use leptos_meta::Title;

/// "Not found", with a way home. `what` says what was looked for, when known.
#[component]
pub fn NotFound(
    /// A sentence naming what does not exist.
    #[prop(into, optional)]
    what: Option<String>,
) -> impl IntoView {
    let what = what.unwrap_or_else(|| "There is no page at this address.".to_string());
    view! {
        <Title text="Not found" />
        <div class="not-found">
            <h1>"Page not found"</h1>
            <p>{what}</p>
            <p><a href=crate::site::href("/")>"Back to all posts"</a></p>
        </div>
    }
}
