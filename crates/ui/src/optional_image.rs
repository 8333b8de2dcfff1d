//! An image that removes itself when it cannot load, so readers never see a broken-image icon.

use leptos::prelude::*;

/// An `<img>` that disappears (showing `fallback`, if any) when its source fails to load.
#[component]
pub fn OptionalImage(
    /// Image URL.
    #[prop(into)]
    src: String,
    /// Alternative text; empty for decorative images.
    #[prop(into, optional)]
    alt: String,
    /// CSS class on the image.
    #[prop(into, optional)]
    class: String,
    /// Shown instead of the image when it fails.
    #[prop(optional, into)]
    fallback: ViewFn,
    /// The page's main image (a post's lead image): fetched at once with high priority, as
    /// it is likely the largest thing on screen. Others load lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let failed = RwSignal::new(false);
    move || {
        if failed.get() {
            fallback.run()
        } else {
            view! {
                <img
                    src=src.clone()
                    alt=alt.clone()
                    class=class.clone()
                    loading=if eager { "eager" } else { "lazy" }
                    fetchpriority=eager.then_some("high")
                    decoding="async"
                    on:error=move |_| failed.set(true)
                />
            }
            .into_any()
        }
    }
}
