//! One entry of the article list.

use blog_core::author::Author;
use blog_core::paths::under_base;
use blog_core::post::PostMeta;
use leptos::prelude::*;

use super::optional_image::OptionalImage;

/// A post in the list: thumbnail, linked title, date, reading time, authors, description.
#[component]
pub fn PostCard(
    /// The post's index entry.
    meta: PostMeta,
    /// Its resolved authors.
    authors: Vec<Author>,
    /// The site's base path, for links and images.
    #[prop(into)]
    base: String,
) -> impl IntoView {
    let link = under_base(&base, &format!("/posts/{}", meta.slug));
    let thumbnail = meta.image.as_ref().map(|image| {
        let src = under_base(&base, image);
        view! {
            <a class="post-card-thumb" href=link.clone() tabindex="-1" aria-hidden="true">
                <OptionalImage src=src class="thumb" />
            </a>
        }
    });
    let names = authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="post-card" data-slug=meta.slug.clone()>
            {thumbnail}
            <div class="post-card-text">
                <h2 class="post-card-title"><a href=link>{meta.title.clone()}</a></h2>
                <PostFacts meta=meta.clone() names=names />
                <p class="post-card-description">{meta.description.clone()}</p>
            </div>
        </li>
    }
}

/// Date, reading time and authors, as shown under a title.
#[component]
pub fn PostFacts(
    /// The post.
    meta: PostMeta,
    /// Author names, already joined.
    #[prop(into)]
    names: String,
) -> impl IntoView {
    view! {
        <p class="post-facts">
            <time datetime=meta.date.iso()>{meta.date.human()}</time>
            <span aria-hidden="true">" · "</span>
            <span class="reading-time">{format!("{} min read", meta.reading_minutes)}</span>
            {(!names.is_empty()).then(|| view! {
                <span aria-hidden="true">" · "</span>
                <span class="authors">"by " {names}</span>
            })}
        </p>
    }
}
