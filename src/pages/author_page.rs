//! `/authors/:id`: an author's card in full and their posts.

use blog_core::manifest::Manifest;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::author_card::AuthorCard;
use crate::components::post_card::PostEntries;
use crate::components::with_manifest::WithManifest;
use crate::pages::not_found::NotFound;
use crate::site::base_path;

/// The author named in the URL, or "not found" for an unknown id.
#[component]
pub fn AuthorPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |m: Manifest| {
        let id = params.read().get("id").unwrap_or_default();
        let Some(author) = m.author(&id) else {
            return view! { <NotFound what=format!("There is no author “{id}”.") /> }.into_any();
        };
        let posts: Vec<_> = m.posts_by(&id).into_iter().cloned().collect();
        let description = if author.bio.is_empty() {
            format!("Posts by {}.", author.name)
        } else {
            author.bio.clone()
        };
        view! {
            <Title text=author.name.clone() />
            <Meta name="description" content=description />
            <h1 class="page-title">{author.name.clone()}</h1>
            <AuthorCard author=author.clone() />
            <h2 class="section-title">{format!("Posts by {}", author.name)}</h2>
            {posts.is_empty().then(|| view! { <p class="empty">"No published posts yet."</p> })}
            <PostEntries posts=posts registry=m.authors.clone() base=base_path() />
        }
        .into_any()
    };
    view! { <WithManifest render=render /> }
}
