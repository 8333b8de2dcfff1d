//! The header's way into search: a link, and the `/` key from anywhere on the site.

use blog_core::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::pages::search::opened_in_app;
use crate::site::text;
use crate::site::{href, AppState};
use blog_core::i18n::Text;

/// "Search" in the header; pointing at it starts loading the index. Also listens for `/`
/// (outside text fields) and opens search, or focuses its box when search is open.
#[component]
pub fn SearchLink() -> impl IntoView {
    let site = expect_context::<AppState>();
    let warm_up = move || crate::search::warm_up(site);
    let navigate = use_navigate();
    let location = use_location();
    // In an effect: it runs in the browser only, once the header is mounted.
    Effect::new(move |_| {
        let navigate = navigate.clone();
        let listener = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            if ev.default_prevented() || typing_in(&ev) {
                return;
            }
            ev.prevent_default();
            let on_search = location
                .pathname
                .get_untracked()
                .trim_end_matches('/')
                .ends_with(&routes::search(""));
            if on_search {
                focus_search_box();
            } else {
                opened_in_app(site);
                warm_up();
                // `href` already carries the base path: the router must not add it again.
                let options = NavigateOptions {
                    resolve: false,
                    ..NavigateOptions::default()
                };
                navigate(&href(&routes::search("")), options);
            }
        });
        on_cleanup(move || listener.remove());
    });
    view! {
        <a
            class="search-link"
            href=href(&routes::search(""))
            aria-keyshortcuts="/"
            on:click=move |_| opened_in_app(site)
            on:pointerenter=move |_| warm_up()
            on:focus=move |_| warm_up()
        >
            <svg class="search-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2" />
                <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
            </svg>
            <span>{text(Text::Search)}</span>
            <kbd class="search-key" aria-hidden="true">"/"</kbd>
        </a>
    }
}

/// Whether the key went to something the reader types into.
fn typing_in(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.is_content_editable()
}

/// Focuses the search box and selects its text, so typing replaces the query.
fn focus_search_box() {
    use wasm_bindgen::JsCast;
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("search-input"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        input.select();
    }
}
