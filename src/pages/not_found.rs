//! The page for addresses that lead nowhere — unless the address is a post's old one
//! (`aliases`, `redirect_from`, `permalink`) or its page file (`/posts/x/index.html`): a
//! link inside the site to one reaches the post, as loading it would.

use blog_core::{pages, routes};
use leptos::prelude::*;

use crate::components::page_head::PageHead;
use crate::site::{text, with_strings};
use blog_core::i18n::Text;

/// "Not found", with a way home. `what` says what was looked for, when known. In the
/// browser it first looks the address up among the site's old addresses, and goes to the
/// post when it is one.
#[component]
pub fn NotFound(
    /// A sentence naming what does not exist.
    #[prop(into, optional)]
    what: Option<String>,
) -> impl IntoView {
    let what = what.unwrap_or_else(|| text(Text::NoSuchPage));
    let looking = follow_old_address();
    view! {
        <PageHead page=with_strings(pages::not_found) />
        <div class="not-found">
            {move || if looking.get() {
                view! { <p class="loading" aria-busy="true">{text(Text::LookingForPage)}</p> }.into_any()
            } else {
                view! {
                    <h1>{text(Text::PageNotFound)}</h1>
                    <p>{what.clone()}</p>
                    <p><a href=crate::site::href(routes::HOME)>{text(Text::BackToPosts)}</a></p>
                }
                .into_any()
            }}
        </div>
    }
}

/// Whether the address is being looked up: the browser's address, when it is a post's
/// page file or may be an old address, leads (replacing it in the history) to its post.
/// Nothing is fetched for an address no alias can be (see
/// [`blog_core::publish::redirect_key`]). Natively (prerendering) there is nothing to do.
fn follow_old_address() -> RwSignal<bool> {
    let looking = RwSignal::new(false);
    #[cfg(target_arch = "wasm32")]
    {
        use blog_core::publish::{post_page_file, redirect_key};
        use leptos_router::hooks::{use_location, use_navigate};
        use leptos_router::NavigateOptions;

        let Some(site) = use_context::<crate::site::AppState>() else {
            return looking;
        };
        let navigate = use_navigate();
        let base = site.base();
        // The router's address (the browser's may not have changed yet while the view for
        // a followed link renders), as the browser sends it: `redirect_key` decodes percent
        // escapes. Under the base path, which ends at a `/` (`/blogroll` is not `/blog`).
        let path = use_location().pathname.get_untracked();
        let prefix = base.trim_end_matches('/');
        let site_path = match path.strip_prefix(prefix) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.to_string(),
            _ => path.clone(),
        };
        let go = move |target: &str| {
            // `href` carries the base path: the router must not add it again.
            let options = NavigateOptions {
                resolve: false,
                replace: true,
                ..NavigateOptions::default()
            };
            navigate(&under_base_of(&base, target), options);
        };
        if let Some(target) = post_page_file(&site_path) {
            looking.set(true);
            leptos::task::spawn_local(async move { go(&target) });
        } else if let Some(key) = redirect_key(&site_path) {
            looking.set(true);
            let base = site.base();
            leptos::task::spawn_local(async move {
                match crate::api::old_address(&base, &key).await {
                    // Only ever a post's page, as the build wrote it.
                    Some(target) if blog_core::routes::post_slug(&target).is_some() => go(&target),
                    _ => looking.set(false),
                }
            });
        }
    }
    looking
}

#[cfg(target_arch = "wasm32")]
fn under_base_of(base: &str, path: &str) -> String {
    blog_core::routes::under_base(base, path)
}
