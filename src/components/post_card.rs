//! Entries of post lists: one card per post, and the facts shown under a title.

use std::sync::Arc;

use blog_core::author::{self, Author};
use blog_core::index::{PostIndex, Taxonomy};
use blog_core::post::PostMeta;
use blog_core::routes::{self, under_base};
use leptos::prelude::*;

use super::optional_image::OptionalImage;
use crate::api;
use crate::site::AppState;
use crate::site::{count, date, text, with_strings};
use blog_core::i18n::{Count, Text};

/// A post in a list: thumbnail, linked title, date, reading time, authors, tags, description.
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
    let link = under_base(&base, &routes::post(&meta.slug));
    // Opening a post usually follows pointing at or focusing its link: start loading it then
    // (and on the click itself, for keyboards and scripts), with what the card knows.
    let site = use_context::<AppState>();
    // What the card knows is enough to read the post: its file and its authors' profiles.
    let known = StoredValue::new(Arc::new(PostIndex {
        posts: vec![meta.clone()],
        authors: authors.clone(),
        problems: Vec::new(),
    }));
    let slug = StoredValue::new(meta.slug.clone());
    let prefetch = move || {
        if let Some(site) = site {
            // Shared, not copied: this runs on every pointer move onto the card.
            let index = site.index_if_loaded().unwrap_or_else(|| known.get_value());
            slug.with_value(|slug| api::prefetch_post(site, slug, Some(index)));
        }
    };
    // The thumbnail links to the post too (out of the tab order: the title's link is the
    // one keyboards reach).
    let thumbnail = meta.image.as_ref().map(|image| {
        let src = under_base(&base, image);
        view! {
            <a
                class="post-card-thumb"
                href=link.clone()
                tabindex="-1"
                aria-hidden="true"
                on:pointerenter=move |_| prefetch()
                on:touchstart=move |_| prefetch()
                on:click=move |_| prefetch()
            >
                <OptionalImage src=src class="thumb" />
            </a>
        }
    });
    view! {
        <li class="post-card" data-slug=meta.slug.clone()>
            {thumbnail}
            <div class="post-card-text">
                <h2 class="post-card-title">
                    <a
                        href=link
                        on:pointerenter=move |_| prefetch()
                        on:focus=move |_| prefetch()
                        on:touchstart=move |_| prefetch()
                        on:click=move |_| prefetch()
                    >
                        {meta.title.clone()}
                    </a>
                </h2>
                {meta.featured.then(|| view! { <p class="featured-badge">"★ Featured"</p> })}
                <PostFacts meta=meta.clone() authors=authors base=base.clone() />
                <p class="post-card-description">{meta.description.clone()}</p>
                <TermList meta=meta.clone() base=base />
            </div>
        </li>
    }
}

/// A list of posts, newest first, each with its authors looked up in `registry`.
#[component]
pub fn PostEntries(
    /// The posts, in display order.
    posts: Vec<PostMeta>,
    /// The author registry.
    registry: Vec<Author>,
    /// The site's base path.
    #[prop(into)]
    base: String,
) -> impl IntoView {
    // Opening one of these posts is the likely next step: have the post reader ready.
    #[cfg(target_arch = "wasm32")]
    if let (false, Some(site)) = (posts.is_empty(), use_context::<AppState>()) {
        crate::reader::warm_up(site);
    }
    let cards = posts
        .into_iter()
        .map(|meta| {
            let authors = author::resolve(&registry, &meta.authors);
            view! { <PostCard meta=meta authors=authors base=base.clone() /> }
        })
        .collect_view();
    view! { <ol class="post-list">{cards}</ol> }
}

/// Date, reading time and linked author names, as shown under a title.
#[component]
pub fn PostFacts(
    /// The post.
    meta: PostMeta,
    /// Its resolved authors; each links to their page.
    authors: Vec<Author>,
    /// The site's base path.
    #[prop(into)]
    base: String,
) -> impl IntoView {
    let author_count = authors.len();
    let separators = with_strings(|s| s.list_separators(author_count));
    let updated = with_strings(|s| s.around(Text::Updated, "date"));
    let (by, after_names) = with_strings(|s| s.around(Text::Byline, "names"));
    let bylines = authors
        .into_iter()
        .zip(separators)
        .map(|(a, separator)| {
            let href = under_base(&base, &routes::author(&a.id));
            view! { {separator}<a class="byline" href=href>{a.name}</a> }
        })
        .collect_view();
    view! {
        <p class="post-facts">
            // Only previews (`blogtool serve`) carry drafts and posts dated in the future:
            // the author sees which posts readers cannot yet.
            {meta.draft.then(|| view! { <span class="status-badge">{text(Text::Draft)}</span> " " })}
            {meta.scheduled.then(|| view! { <span class="status-badge">{text(Text::Scheduled)}</span> " " })}
            <time datetime=meta.date.iso()>{date(&meta.date)}</time>
            {meta.updated.filter(|u| u.is_after(&meta.date)).map(|u| view! {
                <span aria-hidden="true">" · "</span>
                <span class="updated">{updated.0}<time datetime=u.iso()>{date(&u)}</time>{updated.1}</span>
            })}
            <span aria-hidden="true">" · "</span>
            <span class="reading-time">{count(Count::ReadingTime, meta.reading_minutes as usize, &[])}</span>
            {(author_count > 0).then(|| view! {
                <span aria-hidden="true">" · "</span>
                <span class="authors">{by}{bylines}{after_names}</span>
            })}
        </p>
    }
}

/// A post's tags and categories as links to their pages; nothing when it has none.
#[component]
pub fn TermList(
    /// The post.
    meta: PostMeta,
    /// The site's base path.
    #[prop(into)]
    base: String,
) -> impl IntoView {
    let list = |taxonomy: Taxonomy, label: String, class: &'static str| {
        let terms: Vec<String> = taxonomy.terms(&meta).map(str::to_string).collect();
        (!terms.is_empty()).then(|| {
            let items = terms
                .into_iter()
                .map(|term| {
                    let href = under_base(&base, &routes::term(taxonomy, &term));
                    let text = match taxonomy {
                        Taxonomy::Tags => format!("#{term}"),
                        _ => term,
                    };
                    view! { <li><a class=class href=href>{text}</a></li> }
                })
                .collect_view();
            view! { <ul class="tags" aria-label=label>{items}</ul> }
        })
    };
    view! {
        {list(Taxonomy::Tags, text(Text::Tags), "tag")}
        {list(Taxonomy::Categories, text(Text::Categories), "tag category")}
    }
}
