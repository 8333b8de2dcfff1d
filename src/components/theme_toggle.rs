//! The light/dark switch in the header. Its behaviour is `index.html`'s own script (the
//! choice remembered in localStorage, applied before the first paint, `aria-pressed` kept
//! true while dark shows), so it works on a prerendered page before the app starts, and the
//! app carries no code for it.

use crate::site::text;
use blog_core::i18n::Text;
use leptos::prelude::*;

/// A button that flips between light and dark (see the module's note for who runs it).
#[component]
pub fn ThemeToggle() -> impl IntoView {
    view! {
        <button type="button" class="theme-toggle">
            <span aria-hidden="true">"◐ "</span>
            {text(Text::DarkTheme)}
        </button>
    }
}
