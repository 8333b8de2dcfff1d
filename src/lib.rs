//! The blog app: routes, site chrome and the data every page shares.
//!
//! Pages live in [`pages`], reusable pieces in [`components`], data from the network in
//! [`api`], and the visit's cache in [`visit`]. Parsing is the pure `blog_core` crate's: in
//! the browser through the separately loaded post reader, natively directly.

// Leptos views are nested types; the article page's is deep enough to need more room when
// rendered natively by the prerender tool.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod reader;
pub mod search;
pub mod site;
pub mod takeover;
pub mod visit;

use blog_core::i18n::Text;
use blog_core::index::Taxonomy;
use blog_core::routes;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::components::route_announcer::RouteAnnouncer;
use crate::components::search_link::SearchLink;
use crate::components::site_menu::SiteMenu;
use crate::components::theme_toggle::ThemeToggle;
use crate::pages::{
    author_page::AuthorPage, page_view::PageOrNotFound, post_list::PostList, post_view::PostView,
    search::SearchPage, tag_page::TermPage,
};
use crate::site::{text, AppStart, AppState};

/// The whole blog: header, the routed page, footer.
#[component]
pub fn App(
    /// Base path and preloaded data; defaults suit a site at `/` with nothing embedded.
    #[prop(optional)]
    settings: AppStart,
) -> impl IntoView {
    // The router matches paths without the base path (`/blog`), and links carry it.
    let router_base = settings.base.trim_end_matches('/').to_string();
    let data = AppState::new(settings);
    provide_context(data);
    let social = move || {
        data.info()
            .social
            .into_iter()
            .map(|link| view! { <li><a href=link.url rel="me">{link.label}</a></li> })
            .collect_view()
    };
    view! {
        <Router base=router_base>
            <a class="skip-link" href="#main">{text(Text::SkipToContent)}</a>
            <RouteAnnouncer />
            <header class="site-header">
                <a class="site-title" href=site::href(routes::HOME)>
                    // The title follows it: the picture says nothing more (alt="").
                    {move || data.info().logo.map(|logo| view! {
                        <img class="site-logo" src=site::href(&logo) alt="" />
                    })}
                    {move || data.info().title}
                </a>
                <div class="header-actions">
                    <SearchLink />
                    <ThemeToggle />
                </div>
                <p class="site-tagline">{move || data.info().tagline}</p>
                <SiteMenu />
            </header>
            <main id="main" tabindex="-1">
                // The blog's pages (`/about/`) have addresses of any depth: not a route.
                <Routes fallback=|| view! { <PageOrNotFound /> }>
                    // Segments from `blog_core::routes`, which builds every link to them.
                    <Route path=StaticSegment("") view=PostList />
                    <Route path=(StaticSegment(routes::PAGE), ParamSegment("n")) view=PostList />
                    <Route path=(StaticSegment(routes::POSTS), ParamSegment("slug")) view=PostView />
                    <Route path=(StaticSegment(Taxonomy::Tags.segment()), ParamSegment("term")) view=|| view! { <TermPage taxonomy=Taxonomy::Tags /> } />
                    <Route path=(StaticSegment(Taxonomy::Categories.segment()), ParamSegment("term")) view=|| view! { <TermPage taxonomy=Taxonomy::Categories /> } />
                    <Route path=(StaticSegment(Taxonomy::Series.segment()), ParamSegment("term")) view=|| view! { <TermPage taxonomy=Taxonomy::Series /> } />
                    <Route path=(StaticSegment(routes::AUTHORS), ParamSegment("id")) view=AuthorPage />
                    <Route path=StaticSegment(routes::SEARCH) view=SearchPage />
                </Routes>
            </main>
            <footer class="site-footer">
                // The blog's own line (`footer:`, rendered and sanitized by the build), else ours.
                {move || match data.info().footer_html {
                    Some(html) => view! { <div class="footer-note" inner_html=html></div> }.into_any(),
                    None => view! {
                        <p>{text(Text::FooterDefault)}</p>
                    }
                    .into_any(),
                }}
                <ul class="social-links" aria-label=text(Text::Elsewhere)>
                    {social}
                    <li><a href=site::href(routes::ATOM_FEED)>{text(Text::AtomFeed)}</a></li>
                </ul>
            </footer>
        </Router>
    }
}
