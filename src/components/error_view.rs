//! A failure the reader can act on: what went wrong, and a button to try again.

use crate::site::text;
use blog_core::i18n::Text;
use leptos::prelude::*;

/// Says what failed and offers a retry.
#[component]
pub fn ErrorView(
    /// Heading, e.g. "This post could not be loaded".
    #[prop(into)]
    title: String,
    /// The specific reason.
    #[prop(into)]
    message: String,
    /// Called when the reader asks to try again; no button without it.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    // Coming back online retries by itself: what failed offline will most likely work now.
    if let Some(retry) = on_retry {
        let listener = window_event_listener(leptos::ev::online, move |_| retry.run(()));
        on_cleanup(move || listener.remove());
    }
    view! {
        <div class="error-view" role="alert">
            <h1>{title}</h1>
            <p class="error-message">{message}</p>
            <p class="error-actions">
                {on_retry.map(|retry| view! {
                    <button type="button" on:click=move |_| retry.run(())>{text(Text::TryAgain)}</button>
                })}
                <a href=crate::site::href(blog_core::routes::HOME)>{text(Text::BackToPosts)}</a>
            </p>
        </div>
    }
}
