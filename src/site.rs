//! Site-wide settings and the data all pages share: the base path, the post index, and
//! whatever the prerendered page handed over so the first render needs no network.

use blog_core::config::SiteInfo;
use blog_core::manifest::{ListPage, Manifest};
use blog_core::routes::under_base;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{self, LoadError};

/// A post's Markdown as fetched, embedded in a prerendered page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSource {
    /// The post's slug.
    pub slug: String,
    /// Its file inside `posts/`.
    pub file: String,
    /// The file's text.
    pub source: String,
}

/// Data a prerendered page embeds (as JSON) so the app's first render in the browser is
/// complete and identical to the HTML already on screen: no loading state, no layout shift.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preload {
    /// The post index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<Manifest>,
    /// The post the page shows, if it is a post page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<PostSource>,
    /// On a list page (`/`, `/page/2/`): that page of posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListPage>,
    /// On a post page, instead of the whole index: the entries that page shows (the post,
    /// its neighbours and related posts) and the author registry. Used for that post only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Manifest>,
    /// The blog's absolute base URL (`https://example.com/blog/`), for snippets other sites
    /// paste.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    /// The site's name, description, language and links (`site.yaml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteInfo>,
}

/// What the app needs to know about where it runs; given to [`crate::App`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteSettings {
    /// The path the site is served under: `/` or `/blog/`.
    pub base: String,
    /// Data embedded by the prerendered page.
    pub preload: Preload,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            base: "/".to_string(),
            preload: Preload::default(),
        }
    }
}

/// App-wide data, provided as context by [`crate::App`].
#[derive(Clone, Copy)]
pub struct SiteData {
    /// The site's base path.
    base: StoredValue<String>,
    /// The post index as embedded in the page, when it was.
    preloaded_manifest: StoredValue<Option<Manifest>>,
    /// The post embedded in the page, when it was.
    preloaded_post: StoredValue<Option<PostSource>>,
    /// The index entries the embedded post's page needs, when the page carried those only.
    preloaded_context: StoredValue<Option<Manifest>>,
    /// The list page embedded in the page, when it was.
    preloaded_list: StoredValue<Option<ListPage>>,
    /// The absolute base URL, when the page said.
    site_url: StoredValue<Option<String>>,
    /// The post index: `None` until a page asks for it (a prerendered post or list page
    /// carries what it shows, and a large blog's index is big), then fetched once.
    manifest: LocalResource<Option<Result<Manifest, LoadError>>>,
    /// Whether a page has asked for the index.
    wanted: RwSignal<bool>,
    /// The site's name, description and links: embedded, else fetched (`trunk serve`).
    info: RwSignal<SiteInfo>,
}

impl SiteData {
    /// Sets up the shared data; fetches the index only when the page did not embed it.
    pub fn new(settings: SiteSettings) -> SiteData {
        let SiteSettings { base, preload } = settings;
        let preloaded_manifest = StoredValue::new(preload.manifest);
        let wanted = RwSignal::new(false);
        let fetch_base = base.clone();
        let manifest = LocalResource::new(move || {
            let preloaded = preloaded_manifest.get_value();
            let wanted = wanted.get();
            let base = fetch_base.clone();
            async move {
                match preloaded {
                    Some(m) => Some(Ok(m)),
                    None if wanted => Some(api::fetch_manifest(&base).await),
                    None => None,
                }
            }
        });
        let embedded_info = preload.site.is_some();
        let info = RwSignal::new(preload.site.unwrap_or_default());
        if !embedded_info && cfg!(target_arch = "wasm32") {
            let base = base.clone();
            leptos::task::spawn_local(async move {
                // Without it the defaults stay: the blog still works, under its default name.
                if let Ok(fetched) = api::fetch_site_info(&base).await {
                    info.set(fetched);
                }
            });
        }
        SiteData {
            info,
            base: StoredValue::new(base),
            preloaded_manifest,
            preloaded_post: StoredValue::new(preload.post),
            preloaded_context: StoredValue::new(preload.context),
            preloaded_list: StoredValue::new(preload.list),
            site_url: StoredValue::new(preload.site_url),
            manifest,
            wanted,
        }
    }

    /// The post index as loaded so far, asking for it first: `None` while it loads.
    /// Reactive: a view or resource reading it updates when it arrives.
    pub fn manifest(&self) -> Option<Result<Manifest, LoadError>> {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
        self.manifest.get().flatten()
    }

    /// Loads the post index again (after a failure).
    pub fn refetch_manifest(&self) {
        self.manifest.refetch();
    }

    /// The post index if it is embedded or already loaded; never starts a fetch.
    pub fn manifest_if_loaded(&self) -> Option<Manifest> {
        self.preloaded_manifest()
            .or_else(|| self.manifest.get_untracked().flatten().and_then(Result::ok))
    }

    /// The site's name, description, language and links (reactive).
    pub fn info(&self) -> SiteInfo {
        self.info.get()
    }

    /// The base path.
    pub fn base(&self) -> String {
        self.base.get_value()
    }

    /// The blog's absolute base URL: as the prerendered page gave it, else (in the browser)
    /// this page's origin plus the base path.
    pub fn site_url(&self) -> String {
        if let Some(url) = self.site_url.get_value() {
            return url;
        }
        #[cfg(target_arch = "wasm32")]
        if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            return format!("{origin}{}", self.base());
        }
        self.base()
    }

    /// The embedded post index, if any.
    pub fn preloaded_manifest(&self) -> Option<Manifest> {
        self.preloaded_manifest.get_value()
    }

    /// What the page embedded for showing the post `slug`: the whole index, or the entries
    /// that post's page needs.
    pub fn preloaded_index_for(&self, slug: &str) -> Option<Manifest> {
        self.preloaded_manifest().or_else(|| {
            self.preloaded_post(slug)
                .and_then(|_| self.preloaded_context.get_value())
        })
    }

    /// List page `number`, if the page embedded it.
    pub fn preloaded_list(&self, number: usize) -> Option<ListPage> {
        self.preloaded_list
            .with_value(|l| l.as_ref().filter(|l| l.number == number).cloned())
    }

    /// The embedded post with this slug, if the page embedded it.
    pub fn preloaded_post(&self, slug: &str) -> Option<PostSource> {
        self.preloaded_post
            .with_value(|p| p.as_ref().filter(|p| p.slug == slug).cloned())
    }
}

/// The path the site lives under. Trunk's links to the app's own files carry it
/// (`/blog/rustblog-<hash>.js`), so it is read from the module preload link; a `<base href>`
/// wins if a page has one. Without either, the site is at `/`.
#[cfg(target_arch = "wasm32")]
pub fn document_base_path(document: &web_sys::Document) -> String {
    let from_base = document
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|_| document.base_uri().ok().flatten());
    let from_script = || {
        document
            .query_selector("link[rel=modulepreload]")
            .ok()
            .flatten()
            .and_then(|el| el.get_attribute("href"))
    };
    let path = from_base
        .or_else(from_script)
        .and_then(|href| web_sys::Url::new_with_base(&href, "http://x/").ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => "/".to_string(),
    }
}

/// The base path from context; `/` when rendered outside the app (e.g. a lone component).
pub fn base_path() -> String {
    use_context::<SiteData>()
        .map(|s| s.base())
        .unwrap_or_else(|| "/".to_string())
}

/// A site path (`/posts/x`) as a link under the base path.
pub fn href(path: &str) -> String {
    under_base(&base_path(), path)
}
