//! Browser entry point: reads what the prerendered page embedded, then mounts the app in
//! place of the prerendered markup, taking a post's article over as it is.

#[cfg(target_arch = "wasm32")]
fn main() {
    use rustblog::site::PageData;

    console_error_panic_hook::set_once();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    // A broken or missing embed just means the app fetches what it needs.
    let data: PageData = document
        .get_element_by_id("blog-data")
        .and_then(|el| el.text_content())
        .and_then(|json| rustblog::api::decode_json(&json).ok())
        .unwrap_or_default();
    let base = rustblog::site::document_base_path(&document);
    // Without embedded settings (a page from `trunk serve`, or one whose data is broken),
    // the site's words are fetched first: the app's views are drawn in them once, and the
    // prerendered page stays on screen meanwhile.
    if data.site.is_none() {
        wasm_bindgen_futures::spawn_local(async move {
            let mut data = data;
            data.site = rustblog::api::fetch_site_info(&base).await.ok();
            mount(document, data, base);
        });
    } else {
        mount(document, data, base);
    }
}

/// Mounts the app in place of the prerendered markup.
#[cfg(target_arch = "wasm32")]
fn mount(document: web_sys::Document, data: rustblog::site::PageData, settings_base: String) {
    use rustblog::site::{AppStart, Embedded};
    use rustblog::takeover::{Adopted, PageState, ReaderState};
    use wasm_bindgen::JsCast;

    let root = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("a <body>");
    let article = root.query_selector("article.post").ok().flatten();
    let page_state = PageState::save(&root, article.as_ref());
    // A post page's article is already what the app would render: it is taken out whole
    // and put back by the post's view, the same element (nothing parsed, nothing rebuilt).
    let adopted = match &data.content {
        // A page's key is its path, which no post's slug can be.
        Embedded::Post { slug: key, .. } | Embedded::Page { path: key } => article.map(|article| {
            let reader = ReaderState::save(&article);
            article.remove();
            Adopted {
                slug: key.clone(),
                article,
                reader,
            }
        }),
        _ => None,
    };
    let settings = AppStart {
        base: settings_base,
        data,
        adopted,
        rendered: None,
    };
    // Replace the rest of the prerendered markup with the live app in the same task: the
    // first render is synchronous (the data was embedded), so the browser never paints an
    // empty page.
    root.set_inner_html("");
    leptos::mount::mount_to(
        root.clone(),
        move || leptos::view! { <rustblog::App settings=settings /> },
    )
    .forget();
    // What the app draws a moment later (a list's entries) gets its state a moment later.
    if !page_state.restore(&root) {
        let root = root.clone();
        leptos::prelude::set_timeout(
            move || {
                page_state.restore(&root);
            },
            std::time::Duration::from_millis(50),
        );
    }
    // A named state for tests and styles: the live app is in place.
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-app", "");
    }
    // A named moment for measurements (the benchmark, DevTools): the live app is in place.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("app-mounted");
    }
}

/// The app only runs in a browser; natively, `prerender` renders its pages.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("rustblog runs in the browser: build it with `trunk build`; see README.md");
}
