//! A single post at `/posts/:slug`.

use blog_core::paths::under_base;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError, LoadedPost};
use crate::components::author_card::AuthorCard;
use crate::components::error_view::ErrorView;
use crate::components::optional_image::OptionalImage;
use crate::components::post_card::PostFacts;
use crate::pages::not_found::NotFound;
use crate::site::{base_path, SiteData};

/// Loads the post named in the URL and shows it, or says why it cannot.
#[component]
pub fn PostView() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let site = expect_context::<SiteData>();
    // The index is read synchronously so the post depends on it explicitly: it maps the slug
    // to a file and holds the author registry. Awaiting it inside the future instead would
    // subscribe mid-flight and fetch the post twice.
    let post = LocalResource::new(move || {
        let slug = slug.get();
        let manifest = site.manifest.get();
        async move {
            let manifest = manifest?;
            Some(api::fetch_post(&slug, manifest.ok().as_ref()).await)
        }
    });
    let loading = || view! { <p class="loading" aria-busy="true">"Loading post…"</p> };
    view! {
        <Suspense fallback=loading>
            {move || post.get().map(|result| match result {
                None => loading().into_any(),
                Some(result) => match result {
                Ok(loaded) => view! { <Article loaded=loaded /> }.into_any(),
                Err(LoadError::NotFound) => view! {
                    <NotFound what=format!("There is no post called “{}”.", slug.get()) />
                }.into_any(),
                Err(LoadError::Invalid(e)) => view! {
                    <Title text="Post cannot be shown" />
                    <ErrorView title="This post cannot be shown" message=e.to_string() />
                }.into_any(),
                Err(e) => view! {
                    <Title text="Post could not be loaded" />
                    <ErrorView
                        title="This post could not be loaded"
                        message=e.to_string()
                        on_retry=Callback::new(move |_| post.refetch())
                    />
                }.into_any(),
                },
            })}
        </Suspense>
    }
}

/// The post itself.
#[component]
fn Article(loaded: LoadedPost) -> impl IntoView {
    let LoadedPost { post, authors } = loaded;
    let meta = post.meta;
    let base = base_path();
    let names = authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let image = meta.image.as_ref().map(|src| {
        view! { <OptionalImage src=under_base(&base, src) alt="" class="post-image" /> }
    });
    let cards = authors
        .into_iter()
        .map(|a| view! { <AuthorCard author=a label="About the author" /> })
        .collect_view();
    view! {
        <Title text=meta.title.clone() />
        <Meta name="description" content=meta.description.clone() />
        <article class="post">
            <header class="post-header">
                <h1>{meta.title.clone()}</h1>
                <PostFacts meta=meta.clone() names=names />
                <p class="post-description">{meta.description.clone()}</p>
                {image}
            </header>
            <div class="post-body" inner_html=post.html />
            <footer class="post-footer">
                {cards}
                <p><a href=crate::site::href("/")>"← All posts"</a></p>
            </footer>
        </article>
    }
}
