//! A page's document title, description and link-preview tags (canonical URL, feeds, Open
//! Graph, Twitter, JSON-LD), from its metadata in `blog_core::pages` by the same function
//! the prerendered page's head was written with (`blog_core::publish::head_tags`), so a page
//! reached in the app describes itself as its prerendered page does. Set on the document
//! directly: a head-management library would only add weight to the app.

use blog_core::pages::PageMeta;
use leptos::prelude::*;

use crate::site::AppState;

/// Sets the document title (with the site's name, `Post · Blog`) and, when the page has
/// one, its description; a page without one removes the previous page's.
#[component]
pub fn PageHead(
    /// The page's metadata.
    page: PageMeta,
) -> impl IntoView {
    let site = use_context::<AppState>();
    // An effect: it runs in the browser only, after the page's view is in place, and again
    // when the site's name arrives (`trunk serve` fetches it).
    Effect::new(move |_| {
        let title = site.map_or_else(
            || page.title.clone(),
            |s| s.info().document_title(&page.title),
        );
        set_head(&title, &page.description);
        if let Some(site) = site {
            let published = blog_core::publish::PublishedSite::new(&site.site_url(), &site.base())
                .with_info(site.info());
            set_preview_tags(&blog_core::publish::head_tags(&published, &page));
        }
        announce_page(&page.path);
    });
}

thread_local! {
    /// The page last shown, by path: the first is the page the browser loaded.
    static SHOWN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Tells the page's scripts that the app shows another page (`PAGE_SHOWN_EVENT` on
/// `window`), its title set: an analytics provider that does not follow the history itself
/// counts it then. Not for the page the browser loaded (the provider counted it), nor
/// for the same page drawn again.
fn announce_page(path: &str) {
    let before = SHOWN.with(|shown| shown.replace(Some(path.to_string())));
    if before.is_none_or(|before| before == path) {
        return;
    }
    if let (Some(window), Ok(event)) = (
        web_sys::window(),
        web_sys::Event::new(blog_core::services::PAGE_SHOWN_EVENT),
    ) {
        let _ = window.dispatch_event(&event);
    }
}

/// What `head_tags` writes into a page's head, found again to be replaced.
const PREVIEW_TAGS: &str = "head > link[rel=canonical], head > link[rel=alternate], \
    head > meta[property^='og:'], head > meta[property^='article:'], head > meta[name^='twitter:'], \
    head > meta[name=robots], head > script[type='application/ld+json']";

/// Replaces the head's link-preview tags (the last page's) with `tags`, HTML as
/// `head_tags` writes it (a JSON-LD script in it is data: it never runs).
fn set_preview_tags(tags: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(head) = document.head() else {
        return;
    };
    if let Ok(old) = document.query_selector_all(PREVIEW_TAGS) {
        for at in 0..old.length() {
            if let Some(node) = old.item(at) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    let _ = head.insert_adjacent_html("beforeend", tags);
}

/// Sets the document's title and description (empty for a page without one, which removes
/// the previous page's).
pub fn set_head(title: &str, description: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(title);
    let existing = document
        .query_selector("head meta[name=description]")
        .ok()
        .flatten();
    match (existing, description.is_empty()) {
        (Some(tag), true) => tag.remove(),
        (Some(tag), false) => {
            let _ = tag.set_attribute("content", description);
        }
        (None, true) => {}
        (None, false) => {
            if let (Ok(tag), Some(head)) = (document.create_element("meta"), document.head()) {
                let _ = tag.set_attribute("name", "description");
                let _ = tag.set_attribute("content", description);
                let _ = head.append_child(&tag);
            }
        }
    }
}
