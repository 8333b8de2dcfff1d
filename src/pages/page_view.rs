//! The blog's pages (`/about/`, from `pages/about.md`): an article like a post's, without
//! its date, byline, reading time or the posts around it. Every address the router has no
//! route for comes here first: a page the site's settings list, else "not found".

use blog_core::config::PageLink;
use blog_core::pages;
use blog_core::post::Post;
use blog_core::routes::under_base;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::{self, LoadError};
use crate::components::error_view::ErrorView;
use crate::components::page_head::PageHead;
use crate::pages::not_found::NotFound;
use crate::pages::post_view::{contents, lead_image, AdoptedArticle};
use crate::site::{base_path, AppState};
use crate::site::{text, with_strings};
use blog_core::i18n::Text;

/// The page at the router's address if the site has one there, else "not found".
#[component]
pub fn PageOrNotFound() -> impl IntoView {
    let site = expect_context::<AppState>();
    let location = use_location();
    let page = Memo::new(move |_| {
        let path = location.pathname.get();
        let base = site.base();
        // The router's address carries the base path, which ends at a `/`.
        let prefix = base.trim_end_matches('/');
        let site_path = match path.strip_prefix(prefix) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
            _ => path.as_str(),
        };
        // Percent-escaped as the browser sends it (`/%C3%BCber-uns/`).
        site.info()
            .page(&blog_core::url::percent_decode(site_path))
            .cloned()
    });
    move || match page.get() {
        Some(link) => view! { <PageView link=link /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

/// One of the blog's pages: the prerendered article taken over, the build's render when
/// rendering natively, else fetched and read by the post reader.
#[component]
pub fn PageView(
    /// The page, as the site's settings list it.
    link: PageLink,
) -> impl IntoView {
    let site = expect_context::<AppState>();
    let path = link.path.clone();
    let adopted = site
        .visit()
        .with(|c| c.articles.get(&path).cloned())
        .flatten();
    if let Some(article) = adopted {
        return view! { <AdoptedArticle head=Some(pages::page(&link)) article=article /> }
            .into_any();
    }
    if let Some(post) = site.prerendered_page(&path) {
        return view! { <PageArticle link=link post=post /> }.into_any();
    }
    let page = LocalResource::new({
        let path = path.clone();
        move || {
            let path = path.clone();
            async move { api::fetch_page(site, &path).await }
        }
    });
    let loading = || view! { <p class="loading" aria-busy="true">{text(Text::LoadingPage)}</p> };
    view! {
        <Suspense fallback=loading>
            {move || page.get().map(|result| match result {
                Ok(post) => view! { <PageArticle link=link.clone() post=post /> }.into_any(),
                Err(LoadError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(LoadError::Invalid(e)) => view! {
                    <PageHead page=pages::page(&link) />
                    <ErrorView title=text(Text::PageUnreadable) message=e.to_string() />
                }
                .into_any(),
                Err(e) => view! {
                    <PageHead page=pages::page(&link) />
                    <ErrorView
                        title=text(Text::PageUnavailable)
                        message=e.to_string()
                        on_retry=Callback::new(move |_| page.refetch())
                    />
                }
                .into_any(),
            })}
        </Suspense>
    }
    .into_any()
}

/// A page's article: its title, description, lead image, contents and body.
#[component]
fn PageArticle(link: PageLink, post: Post) -> impl IntoView {
    let base = base_path();
    let meta = &post.meta;
    let image = lead_image(meta, &base);
    let description = (!post.description_in_body && !meta.description.is_empty())
        .then(|| view! { <p class="post-description">{meta.description.clone()}</p> });
    let toc = contents(&post.headings, meta.toc, &under_base(&base, &link.path));
    view! {
        <PageHead page=pages::page(&link) />
        <article class="post page" lang=meta.lang.clone()>
            <header class="post-header">
                <h1>{meta.title.clone()}</h1>
                {description}
                {image}
            </header>
            {toc}
            <div class="post-body" inner_html=with_strings(|s| s.localize_body(&post.html)) />
        </article>
    }
}
