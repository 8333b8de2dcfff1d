//! The home page: every post, newest first.

use blog_core::author;
use blog_core::manifest::Manifest;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error_view::ErrorView;
use crate::components::post_card::PostCard;
use crate::site::{base_path, SiteData};

/// The article list.
#[component]
pub fn PostList() -> impl IntoView {
    let site = expect_context::<SiteData>();
    let manifest = site.manifest;
    view! {
        <Title text="" />
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"Loading posts…"</p> }>
            {move || manifest.get().map(|result| match result {
                Ok(m) => view! { <PostListView manifest=m /> }.into_any(),
                Err(e) => view! {
                    <ErrorView
                        title="The list of posts could not be loaded"
                        message=e.to_string()
                        on_retry=Callback::new(move |_| manifest.refetch())
                    />
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The list itself, plus a note about posts that could not be read.
#[component]
fn PostListView(manifest: Manifest) -> impl IntoView {
    let base = base_path();
    let problems = manifest.problems.clone();
    let empty = manifest.posts.is_empty();
    let cards = manifest
        .posts
        .iter()
        .map(|meta| {
            let authors = author::resolve(&manifest.authors, &meta.authors);
            view! { <PostCard meta=meta.clone() authors=authors base=base.clone() /> }
        })
        .collect_view();
    view! {
        <h1 class="visually-hidden">"All posts"</h1>
        {empty.then(|| view! { <p class="empty">"No posts yet. Add a Markdown file to the posts folder."</p> })}
        <ol class="post-list" reversed=false>{cards}</ol>
        {(!problems.is_empty()).then(|| view! {
            <aside class="problems" aria-label="Posts that could not be read">
                <p>{format!("{} post(s) could not be read and are not listed:", problems.len())}</p>
                <ul>
                    {problems.into_iter().map(|p| view! { <li><code>{p.message}</code></li> }).collect_view()}
                </ul>
            </aside>
        })}
    }
}
