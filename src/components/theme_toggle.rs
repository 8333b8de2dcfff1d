//! The light/dark switch in the header; the choice is remembered in localStorage and applied
//! before first paint by the inline script in `index.html`.

use leptos::prelude::*;

/// A button that flips between light and dark and remembers the choice.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    // Whether dark is showing; known only in the browser, so the prerendered button has no
    // pressed state until the app takes over (its text and size never change).
    let dark = RwSignal::new(None::<bool>);
    Effect::new(move |_| dark.set(Some(theme::is_dark())));
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || dark.get().map(|d| d.to_string())
            on:click=move |_| dark.set(Some(theme::toggle()))
        >
            <span aria-hidden="true">"◐ "</span>
            "Dark theme"
        </button>
    }
}

#[cfg(target_arch = "wasm32")]
mod theme {
    fn root() -> Option<web_sys::HtmlElement> {
        use wasm_bindgen::JsCast;
        web_sys::window()?
            .document()?
            .document_element()?
            .dyn_into::<web_sys::HtmlElement>()
            .ok()
    }

    /// Whether the dark theme is showing: the reader's choice, else the system's.
    pub(super) fn is_dark() -> bool {
        match root().and_then(|r| r.dataset().get("theme")).as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches()),
        }
    }

    /// Switches theme, remembers it, and returns whether dark is now showing.
    pub(super) fn toggle() -> bool {
        let dark = !is_dark();
        let value = if dark { "dark" } else { "light" };
        if let Some(root) = root() {
            let _ = root.dataset().set("theme", value);
        }
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            // Private browsing may refuse; the choice then lasts for this page only.
            let _ = storage.set_item("theme", value);
        }
        dark
    }
}

/// Natively (prerendering) there is no theme to read or change.
#[cfg(not(target_arch = "wasm32"))]
mod theme {
    pub(super) fn is_dark() -> bool {
        false
    }

    pub(super) fn toggle() -> bool {
        false
    }
}
