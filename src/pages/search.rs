//! `/search?q=…`: results as you type, the query kept in the URL so a search can be shared
//! and the back button returns to it; `↓`/`↑` walk the results, Enter opens one, Escape
//! closes search.

use blog_core::routes::{self, under_base};
use blog_core::search::{Piece, QueryTerm};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::page_head::PageHead;
use crate::search::{self, Found};
use crate::site::{count, date, fill, text, with_strings};
use crate::site::{href, AppState};
use blog_core::i18n::{Count, Text};

/// Results shown at first, and added by each "more results".
const RESULTS_STEP: usize = 10;

/// Notes that the reader opened search from a page of the site (link or `/` key), so
/// closing it goes back there.
pub fn opened_in_app(site: AppState) {
    site.visit().with(|c| c.search_opened_in_app = true);
}

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let in_url = Memo::new(move |_| query_map.read().get("q").unwrap_or_default());
    // What the box shows: typing updates it first and the URL after; the back button
    // updates the URL first and it after.
    let typed = RwSignal::new(in_url.get_untracked());
    let limit = RwSignal::new(RESULTS_STEP);
    let _ = Effect::watch(
        move || in_url.get(),
        move |q, _, _| {
            if *q != typed.get_untracked() {
                typed.set(q.clone());
            }
            limit.set(RESULTS_STEP);
        },
        false,
    );
    let site = expect_context::<AppState>();
    let answer = LocalResource::new(move || {
        let (query, limit) = (in_url.get(), limit.get());
        async move { search::search(site, &query, limit).await }
    });
    let input = NodeRef::<leptos::html::Input>::new();
    let list = NodeRef::<leptos::html::Ol>::new();
    let navigate = use_navigate();
    let replace_query = {
        let navigate = navigate.clone();
        move |query: &str| {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                resolve: false,
                ..NavigateOptions::default()
            };
            navigate(&href(&routes::search(query)), options);
        }
    };
    let close = move || {
        if site.visit().with(|c| c.search_opened_in_app) == Some(true) {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.back();
                return;
            }
        }
        // `href` already carries the base path: the router must not add it again.
        navigate(
            &href(routes::HOME),
            NavigateOptions {
                resolve: false,
                ..NavigateOptions::default()
            },
        );
    };
    let on_input_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            focus_result(list, Step::First);
        }
        "Escape" => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    let on_list_key = move |ev: leptos::ev::KeyboardEvent| {
        let step = match ev.key().as_str() {
            "ArrowDown" => Step::Next,
            "ArrowUp" => Step::Previous,
            "Escape" => Step::Input,
            _ => return,
        };
        ev.prevent_default();
        if !focus_result(list, step) {
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    // Enter in the box opens the best result.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(link) = result_links(list).into_iter().next() {
            link.click();
        }
    };
    // The page's own focus target: the route announcer focuses it instead of the heading.
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });

    let status = move || {
        let query = in_url.get();
        if query.trim().is_empty() {
            return text(Text::SearchHint);
        }
        match answer.get() {
            None => text(Text::Searching),
            Some(Err(_)) => String::new(),
            Some(Ok(a)) if a.terms.is_empty() => text(Text::SearchPunctuation),
            Some(Ok(a)) => match a.total {
                0 => fill(Text::SearchNothing, &[("query", &query)]),
                n => count(Count::SearchMatches, n, &[("query", &query)]),
            },
        }
    };
    let results = move || {
        match answer.get() {
        Some(Err(e)) => view! {
            <div class="search-error" role="alert">
                <p>{fill(Text::SearchUnavailable, &[("error", &e.to_string())])}</p>
                <button type="button" on:click=move |_| answer.refetch()>{text(Text::TryAgain)}</button>
            </div>
        }
        .into_any(),
        Some(Ok(a)) => {
            let more = a.total > a.results.len();
            let terms = a.terms.clone();
            view! {
                <ol class="search-results" node_ref=list on:keydown=on_list_key>
                    {a.results.into_iter().map(|found| view! {
                        <ResultItem found=found terms=terms.clone() />
                    }).collect_view()}
                </ol>
                {more.then(|| view! {
                    <button type="button" class="search-more"
                        on:click=move |_| limit.update(|l| *l += RESULTS_STEP)>
                        {text(Text::ShowMoreResults)}
                    </button>
                })}
            }
            .into_any()
        }
        None => ().into_any(),
    }
    };
    view! {
        // Re-created per query: a reactive title would be read after the prerender drops it.
        {move || view! { <PageHead page=with_strings(|s| blog_core::pages::search(&in_url.get(), s)) /> }}
        <h1 class="page-title">{text(Text::Search)}</h1>
        <form class="search-form" role="search" action=href(&routes::search("")) method="get" on:submit=on_submit>
            <label for="search-input">{text(Text::SearchPosts)}</label>
            <input
                id="search-input"
                name="q"
                type="search"
                autocomplete="off"
                spellcheck="false"
                data-autofocus=""
                aria-describedby="search-status"
                aria-controls="search-results"
                node_ref=input
                prop:value=move || typed.get()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    typed.set(value.clone());
                    replace_query(&value);
                }
                on:keydown=on_input_key
            />
        </form>
        <noscript>
            <p class="search-status">{text(Text::SearchNeedsScript)}</p>
        </noscript>
        <p id="search-status" class="search-status" role="status">{status}</p>
        <div id="search-results">{results}</div>
        <p class="search-keys">
            <kbd>"/"</kbd>" "{text(Text::KeySearch)}" · "<kbd>"↓"</kbd>" "<kbd>"↑"</kbd>" "
            {text(Text::KeyMove)}" · "<kbd>{text(Text::KeyEnter)}</kbd>" "{text(Text::KeyOpen)}" · "
            <kbd>{text(Text::KeyEscape)}</kbd>" "{text(Text::KeyClose)}
        </p>
    }
}

/// Where a key moves focus among the result links.
#[derive(Clone, Copy)]
enum Step {
    First,
    Next,
    Previous,
    Input,
}

/// The result links, in order.
fn result_links(list: NodeRef<leptos::html::Ol>) -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Some(list) = list.get_untracked() else {
        return Vec::new();
    };
    let Ok(nodes) = list.query_selector_all("a.search-result-link") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Moves focus among the results; `false` when it should go back to the search box.
fn focus_result(list: NodeRef<leptos::html::Ol>, step: Step) -> bool {
    let links = result_links(list);
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = links
        .iter()
        .position(|l| active.as_ref().is_some_and(|a| **l == *a));
    let target = match (step, current) {
        (Step::First, _) | (Step::Next, None) => Some(0),
        (Step::Next, Some(i)) => Some((i + 1).min(links.len().saturating_sub(1))),
        (Step::Previous, Some(i)) if i > 0 => Some(i - 1),
        (Step::Previous, _) | (Step::Input, _) => None,
    };
    match target.and_then(|i| links.get(i)) {
        Some(link) => {
            let _ = link.focus();
            true
        }
        None => false,
    }
}

/// Text with its matches in `<mark>`.
fn marked(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| {
            if p.mark {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                p.text.into_any()
            }
        })
        .collect_view()
}

/// One result: linked title, date and tags, and the passage that matched.
#[component]
fn ResultItem(found: Found, terms: Vec<QueryTerm>) -> impl IntoView {
    let site = expect_context::<AppState>();
    let base = site.base();
    // A post's slug, or a page's own address.
    let link = under_base(&base, &routes::entry(&found.meta.slug));
    let entry = StoredValue::new(found.meta.clone());
    // The description shows at once; the body's best passage replaces it when loaded.
    let body = LocalResource::new(move || {
        let (meta, terms) = (entry.get_value(), terms.clone());
        async move { search::body_snippet(site, &meta, &terms).await }
    });
    let description = found.description;
    let passage = move || match body.get() {
        Some(Some(pieces)) => marked(pieces).into_any(),
        _ => marked(description.clone()).into_any(),
    };
    // For tests and the benchmark: whether the passage shown is final.
    let passage_state = move || match body.get() {
        None => "pending",
        Some(Some(_)) => "body",
        Some(None) => "description",
    };
    let meta = found.meta;
    // A page has no date to show.
    let date = (!routes::is_page_entry(&meta.slug))
        .then(|| view! { <time datetime=meta.date.iso()>{date(&meta.date)}</time> });
    let separator = with_strings(|s| s.list_separators(2).pop().unwrap_or_default());
    let tags = (!meta.tags.is_empty()).then(|| format!(" · {}", meta.tags.join(&separator)));
    view! {
        <li class="search-result" data-passage=passage_state>
            <h2 class="search-result-title">
                <a class="search-result-link" href=link>{marked(found.title)}</a>
            </h2>
            <p class="search-result-meta">
                {date}
                {tags}
            </p>
            <p class="search-result-snippet">{passage}</p>
        </li>
    }
}
