//! Renders a page from the post index once it has loaded, with the shared loading and error
//! states, so every index-based page fails the same clear way.

use std::sync::Arc;

use blog_core::index::PostIndex;
use leptos::prelude::*;

use super::error_view::ErrorView;
use crate::site::text;
use crate::site::AppState;
use blog_core::i18n::Text;

/// Shows `render(index)` once the post index has loaded; a retryable error if it cannot.
#[component]
pub fn WithIndex<F, V>(
    /// Builds the page from the index; re-run when signals it reads change.
    render: F,
) -> impl IntoView
where
    F: Fn(Arc<PostIndex>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let site = expect_context::<AppState>();
    // Embedded in the page: render at once, exactly as the prerendered HTML did, and again
    // when what `render` reads changes (the route's params, when a link leads to another
    // page of the same route).
    if let Some(m) = site.preloaded_index() {
        return (move || render(m.clone())).into_any();
    }
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">{text(Text::LoadingPosts)}</p> }>
            {move || match site.index() {
                None => view! { <p class="loading" aria-busy="true">{text(Text::LoadingPosts)}</p> }.into_any(),
                Some(Ok(m)) => render(m).into_any(),
                Some(Err(e)) => view! {
                    <ErrorView
                        title=text(Text::PostsUnavailable)
                        message=e.to_string()
                        on_retry=Callback::new(move |_| site.refetch_index())
                    />
                }.into_any(),
            }}
        </Suspense>
    }
    .into_any()
}
