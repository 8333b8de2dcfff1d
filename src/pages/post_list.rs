//! The home page: every post, newest first.

use blog_core::manifest::Manifest;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::post_card::PostEntries;
use crate::components::with_manifest::WithManifest;
use crate::site::base_path;

/// The article list.
#[component]
pub fn PostList() -> impl IntoView {
    view! {
        <Title text="" />
        <Meta name="description" content=crate::site::DESCRIPTION />
        <WithManifest render=|m| view! { <PostListView manifest=m /> } />
    }
}

/// The list itself, plus a note about posts that could not be read.
#[component]
fn PostListView(manifest: Manifest) -> impl IntoView {
    let Manifest {
        posts,
        authors,
        problems,
    } = manifest;
    let empty = posts.is_empty();
    view! {
        <h1 class="visually-hidden">"All posts"</h1>
        {empty.then(|| view! { <p class="empty">"No posts yet. Add a Markdown file to the posts folder."</p> })}
        <PostEntries posts=posts registry=authors base=base_path() />
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
