//! A page's document title and description, from its metadata in `blog_core::pages` (the
//! same the prerendered page's head was written from). Set on the document directly: the
//! prerender writes them into each page's head itself, so a head-management library would
//! only add weight to the app.

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
    });
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
