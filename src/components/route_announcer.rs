//! After a client-side page change, moves focus to the section the address names, or the new
//! page's heading (or the element it marks `data-autofocus`), and announces its
//! title to screen readers, as a full page load would.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A polite live region; on every path change after the first, focuses the new page's
/// `#fragment` target or `main h1` once it has loaded and announces the document title.
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let location = use_location();
    let message = RwSignal::new(String::new());
    // The page last shown. In-page links (contents, footnotes) notify too and are not a new
    // page; nor is `/posts/x/` (where static hosts redirect a folder) versus `/posts/x`.
    let page = |path: &str| path.trim_end_matches('/').to_string();
    let shown = StoredValue::new(page(&location.pathname.get_untracked()));
    let _ = Effect::watch(
        move || location.pathname.get(),
        move |path, _, _| {
            let path = page(path);
            if shown.with_value(|p| *p != path) {
                shown.set_value(path);
                announce_when_ready(message, 30);
            }
        },
        false,
    );
    view! { <p class="visually-hidden" aria-live="polite" aria-atomic="true">{message}</p> }
}

/// Waits (up to `tries` × 100 ms) for the new page to finish loading, then focuses its
/// heading and announces its title.
fn announce_when_ready(message: RwSignal<String>, tries: u32) {
    set_timeout(
        move || match focus_new_page() {
            Some(title) => message.set(title),
            None if tries > 0 => announce_when_ready(message, tries - 1),
            None => {}
        },
        std::time::Duration::from_millis(100),
    );
}

/// Focuses the page's heading and returns the title to announce; `None` while the page is
/// still loading.
#[cfg(target_arch = "wasm32")]
fn focus_new_page() -> Option<String> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document())?;
    if document
        .query_selector("main .loading")
        .ok()
        .flatten()
        .is_some()
    {
        return None;
    }
    // The section the address names, as a page load starts there (focusing the heading
    // instead would scroll back to the top); else the page's own starting point (the search
    // box) or its heading.
    let section = crate::site::fragment_target()
        .filter(|target| target.closest("main").ok().flatten().is_some());
    // Anything else is focused where the page already is: Back and Forward put the reader
    // back where they were on that page, which focusing would scroll away from.
    let keep_scroll = section.is_none();
    let heading = section
        .or_else(|| {
            document
                .query_selector("main [data-autofocus]")
                .ok()
                .flatten()
        })
        .or_else(|| document.query_selector("main h1").ok().flatten())?;
    let heading = heading.dyn_into::<web_sys::HtmlElement>().ok()?;
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(keep_scroll);
    let _ = heading.focus_with_options(&options);
    Some(document.title())
}

#[cfg(not(target_arch = "wasm32"))]
fn focus_new_page() -> Option<String> {
    None
}
