//! The post list, newest first, a page at a time: `/` is page 1, `/page/2` the next.

use blog_core::index::{ListPage, PostIndex};
use blog_core::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError};
use crate::components::error_view::ErrorView;
use crate::components::page_head::PageHead;
use crate::components::post_card::PostEntries;
use crate::pages::not_found::NotFound;
use crate::site::{base_path, href, AppState};
use crate::site::{count, text, with_strings};
use blog_core::i18n::{Count, Text};

/// A page of the list: embedded in the prerendered page, else fetched on its own
/// (`posts/pages/N.json`), so a large blog's list never downloads the whole index.
#[component]
pub fn PostList() -> impl IntoView {
    let params = use_params_map();
    // `/` has no parameter; `/page/1`, `/page/0` or `/page/x` are not pages of the list.
    let number = Memo::new(move |_| match params.read().get("n") {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|&n| n >= 2),
    });
    let site = expect_context::<AppState>();
    let page = LocalResource::new(move || {
        let number = number.get();
        let embedded = number.and_then(|n| site.preloaded_list(n));
        let base = site.base();
        async move {
            match (number, embedded) {
                (_, Some(page)) => Ok(page),
                (Some(n), None) => api::fetch_list_page(&base, n).await,
                (None, None) => Err(LoadError::NotFound),
            }
        }
    });
    let show = move |result: Result<ListPage, LoadError>| match result {
        // Keyed by page number: another page is a new view, not the old one updated, so
        // the document title follows it (an updated view kept the old page's title).
        Ok(list) => view! {
            <For
                each=move || std::iter::once(list.clone())
                key=|list| list.number
                children=|list| view! { <ListView list=list /> }
            />
        }
        .into_any(),
        Err(LoadError::NotFound) => {
            view! { <NotFound what=text(Text::NoSuchListPage) /> }.into_any()
        }
        Err(e) => view! {
            <ErrorView
                title=text(Text::PostsUnavailable)
                message=e.to_string()
                on_retry=Callback::new(move |_| page.refetch())
            />
        }
        .into_any(),
    };
    move || {
        match number.get().and_then(|n| site.preloaded_list(n)) {
        // Embedded in the prerendered page: the same HTML at once, no loading state.
        Some(list) => show(Ok(list)),
        None => view! {
            <Suspense fallback=|| view! { <p class="loading" aria-busy="true">{text(Text::LoadingPosts)}</p> }>
                {move || page.get().map(show)}
            </Suspense>
        }
        .into_any(),
    }
    }
}

/// One page: its posts, links to the pages around it, and posts that could not be read.
#[component]
fn ListView(list: ListPage) -> impl IntoView {
    let ListPage {
        number,
        pages,
        index: PostIndex {
            posts,
            authors,
            problems,
        },
        featured,
    } = list;
    let empty = posts.is_empty();
    let page_href = |n: usize| href(&routes::list_page(n));
    let newer = (number > 1).then(|| {
        view! { <a class="newer" href=page_href(number - 1) rel="prev">{text(Text::NewerPosts)}</a> }
    });
    let older = (number < pages).then(|| {
        view! { <a class="older" href=page_href(number + 1) rel="next">{text(Text::OlderPosts)}</a> }
    });
    let page = blog_core::pages::list(number, pages, &expect_context::<AppState>().info());
    let place = |key: Text| {
        with_strings(|s| {
            let (n, of) = (s.number(number as u64), s.number(pages as u64));
            s.fill(key, &[("number", &n), ("pages", &of)])
        })
    };
    let heading = if number == 1 {
        text(Text::AllPosts)
    } else {
        place(Text::AllPostsPage)
    };
    view! {
        <PageHead page=page />
        <h1 class="visually-hidden">{heading}</h1>
        {empty.then(|| view! { <p class="empty">{text(Text::NoPostsYet)}</p> })}
        {(!featured.is_empty()).then(|| view! {
            <section class="featured-posts" aria-labelledby="featured-title">
                <h2 id="featured-title" class="section-title">{text(Text::Featured)}</h2>
                <PostEntries posts=featured registry=authors.clone() base=base_path() />
            </section>
        })}
        <PostEntries posts=posts registry=authors base=base_path() />
        {(pages > 1).then(|| view! {
            <nav class="pagination" aria-label=text(Text::PagesOfPosts)>
                {newer}
                <span class="page-number">{place(Text::PageOf)}</span>
                {older}
            </nav>
        })}
        {(!problems.is_empty()).then(|| view! {
            <aside class="problems" aria-label=text(Text::UnreadablePosts)>
                <p>{count(Count::UnreadableCount, problems.len(), &[])}</p>
                <ul>
                    {problems.into_iter().map(|p| view! { <li><code>{p.message}</code></li> }).collect_view()}
                </ul>
            </aside>
        })}
    }
}
