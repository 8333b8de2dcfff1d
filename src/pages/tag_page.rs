//! `/tags/:term`, `/categories/:term`, `/series/:term`: the posts with one term of a
//! taxonomy (a series in reading order).

use std::sync::Arc;

use blog_core::index::{PostIndex, Taxonomy};
use blog_core::slug::term_slug;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::page_head::PageHead;
use crate::components::post_card::PostEntries;
use crate::components::with_index::WithIndex;
use crate::pages::not_found::NotFound;
use crate::site::base_path;
use crate::site::{fill, with_strings};
use blog_core::i18n::Text;

/// Posts with the term named in the URL, or "not found" when none has it.
#[component]
pub fn TermPage(
    /// Which taxonomy the URL names a term of.
    taxonomy: Taxonomy,
) -> impl IntoView {
    let params = use_params_map();
    let render = move |m: Arc<PostIndex>| {
        let term = params.read().get("term").unwrap_or_default();
        let posts: Vec<_> = m.posts_with(taxonomy, &term).into_iter().cloned().collect();
        let name = posts
            .iter()
            .flat_map(|p| taxonomy.terms(p))
            .find(|t| term_slug(t) == term)
            .map(str::to_string);
        match name {
            None => {
                let key = match taxonomy {
                    Taxonomy::Tags => Text::NoSuchTag,
                    Taxonomy::Categories => Text::NoSuchCategory,
                    Taxonomy::Series => Text::NoSuchSeries,
                };
                let what = fill(key, &[("name", &term)]);
                view! { <NotFound what=what /> }.into_any()
            }
            Some(name) => {
                let page =
                    with_strings(|s| blog_core::pages::term(taxonomy, &name, posts.len(), s));
                view! {
                    <h1 class="page-title">{page.title.clone()}</h1>
                    <PageHead page=page />
                    <PostEntries posts=posts registry=m.authors.clone() base=base_path() />
                }
                .into_any()
            }
        }
    };
    view! { <WithIndex render=render /> }
}
