//! `/tags/:tag`: the posts carrying one tag.

use blog_core::manifest::Manifest;
use blog_core::slug::term_slug;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::post_card::PostEntries;
use crate::components::with_manifest::WithManifest;
use crate::pages::not_found::NotFound;
use crate::site::base_path;

/// Posts with the tag named in the URL, or "not found" when none has it.
#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |m: Manifest| {
        let tag = params.read().get("tag").unwrap_or_default();
        let posts: Vec<_> = m.posts_tagged(&tag).into_iter().cloned().collect();
        let name = posts
            .iter()
            .flat_map(|p| &p.tags)
            .find(|t| term_slug(t) == tag)
            .cloned();
        match name {
            None => view! { <NotFound what=format!("No post is tagged “{tag}”.") /> }.into_any(),
            Some(name) => {
                let heading = blog_core::site::tag_page_title(&name);
                view! {
                    <Title text=heading.clone() />
                    <Meta name="description" content=blog_core::site::tag_page_description(&name, posts.len()) />
                    <h1 class="page-title">{heading}</h1>
                    <PostEntries posts=posts registry=m.authors.clone() base=base_path() />
                }
                .into_any()
            }
        }
    };
    view! { <WithManifest render=render /> }
}
