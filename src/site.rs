//! Site-wide settings and the data all pages share: the base path, the post index, and
//! whatever the prerendered page handed over so the first render needs no network.

use std::sync::Arc;

use blog_core::config::SiteIdentity;
use blog_core::date::PostDate;
use blog_core::i18n::{Count, Strings, Text};
use blog_core::index::{ListPage, PostIndex};
use blog_core::post::Post;
use blog_core::routes::under_base;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{self, LoadError};
use crate::takeover::Adopted;
use crate::visit::Visit;

/// What a prerendered page embeds (as JSON in `<script id="blog-data">`) so the app's first
/// render in the browser is complete and identical to the HTML already on screen: no
/// loading state, no layout shift. Written by the prerender, read by the app: one type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageData {
    /// The site's name, description, language and links (`site.yaml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteIdentity>,
    /// The blog's absolute base URL (`https://example.com/blog/`), for snippets other sites
    /// paste.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    /// The content the page shows.
    #[serde(default)]
    pub content: Embedded,
}

/// The content a prerendered page carries: exactly what that kind of page shows, so a post
/// or list page never carries the whole index (which grows with the blog).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Embedded {
    /// A post's page: the index entries the page shows (the post, its neighbours and
    /// related posts) with the author registry. Its body is not embedded: the prerendered
    /// article is taken over as it is (see [`Adopted`]).
    Post {
        /// The post's slug.
        slug: String,
        /// The entries around it.
        context: PostIndex,
    },
    /// One of the blog's pages (`/about/`): its address. Its article is taken over as it is,
    /// like a post's; its head is in the site's settings (`SiteIdentity::pages`).
    Page {
        /// The page's site path.
        path: String,
    },
    /// A page of the post list (`/`, `/page/2/`).
    List(ListPage),
    /// The whole post index: taxonomy, author and "not found" pages.
    Index(PostIndex),
    /// Nothing: the page loads what it needs (search loads its own index; the offline shell
    /// routes by itself).
    #[default]
    Nothing,
}

/// What the app starts from: where it runs (the base path) and what the prerendered page
/// embedded; given to [`crate::App`]. (The app's live state is [`AppState`].)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppStart {
    /// The path the site is served under: `/` or `/blog/`.
    pub base: String,
    /// Data embedded by the prerendered page.
    pub data: PageData,
    /// The prerendered post's article, taken out of the page before the app mounts, to be
    /// put back as it is (the same element: no parsing, nothing rebuilt, selection and
    /// focus kept).
    pub adopted: Option<Adopted>,
    /// The post this page shows, as the build rendered it (once, for the site's base path)
    /// when rendering natively: the prerender renders its page from it. Never embedded in
    /// the page (the browser takes over the prerendered article as it is): always `None` in
    /// the browser.
    pub rendered: Option<Post>,
}

impl Default for AppStart {
    fn default() -> Self {
        AppStart {
            base: "/".to_string(),
            data: PageData::default(),
            adopted: None,
            rendered: None,
        }
    }
}

/// The app's live state, shared by every page: provided as context by [`crate::App`] from
/// its [`AppStart`].
#[derive(Clone, Copy)]
pub struct AppState {
    /// The site's base path.
    base: StoredValue<String>,
    /// What the prerendered page embedded.
    embedded: StoredValue<Embedded>,
    /// The whole index, when the page embedded it: shared, never copied per use.
    embedded_index: StoredValue<Option<Arc<PostIndex>>>,
    /// What this visit has loaded.
    visit: Visit,
    /// The post the build rendered, when rendering natively.
    rendered: StoredValue<Option<Post>>,
    /// The absolute base URL, when the page said.
    site_url: StoredValue<Option<String>>,
    /// The post index: `None` until a page asks for it (a prerendered post or list page
    /// carries what it shows, and a large blog's index is big), then fetched once. Shared
    /// (`Arc`): at 10,000 posts it is megabytes, and many views read it.
    index: LocalResource<Option<Result<Arc<PostIndex>, LoadError>>>,
    /// Whether a page has asked for the index.
    wanted: RwSignal<bool>,
    /// The site's name, description and links: embedded, else fetched (`trunk serve`).
    info: RwSignal<SiteIdentity>,
}

impl AppState {
    /// Sets up the shared data; fetches the index only when the page did not embed it.
    pub fn new(settings: AppStart) -> AppState {
        let AppStart {
            base,
            data,
            adopted,
            rendered,
        } = settings;
        let visit = Visit::default();
        if let Some(Adopted {
            slug,
            article,
            reader,
        }) = adopted
        {
            visit.with(|c| {
                c.articles.insert(slug, article);
                c.reader = Some(reader);
            });
        }
        // The whole index is taken out of what the page embedded, to be shared.
        let (content, index) = match data.content {
            Embedded::Index(index) => (Embedded::Nothing, Some(Arc::new(index))),
            other => (other, None),
        };
        let embedded = StoredValue::new(content);
        let embedded_index = StoredValue::new(index);
        let wanted = RwSignal::new(false);
        let fetch_base = base.clone();
        let index_resource = LocalResource::new(move || {
            let preloaded = embedded_index.get_value();
            let wanted = wanted.get();
            let base = fetch_base.clone();
            async move {
                match preloaded {
                    Some(m) => Some(Ok(m)),
                    None if wanted => Some(api::fetch_index(&base).await.map(Arc::new)),
                    None => None,
                }
            }
        });
        let embedded_info = data.site.is_some();
        let info = RwSignal::new(data.site.unwrap_or_default());
        if !embedded_info && cfg!(target_arch = "wasm32") {
            let base = base.clone();
            leptos::task::spawn_local(async move {
                // Without it the defaults stay: the blog still works, under its default name.
                if let Ok(fetched) = api::fetch_site_info(&base).await {
                    info.set(fetched);
                }
            });
        }
        AppState {
            info,
            base: StoredValue::new(base),
            embedded,
            embedded_index,
            visit,
            rendered: StoredValue::new(rendered),
            site_url: StoredValue::new(data.site_url),
            index: index_resource,
            wanted,
        }
    }

    /// The post index as loaded so far, asking for it first: `None` while it loads.
    /// Reactive: a view or resource reading it updates when it arrives.
    pub fn index(&self) -> Option<Result<Arc<PostIndex>, LoadError>> {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
        self.index.get().flatten()
    }

    /// Loads the post index again (after a failure).
    pub fn refetch_index(&self) {
        self.index.refetch();
    }

    /// The post index if it is embedded or already loaded; never starts a fetch.
    pub fn index_if_loaded(&self) -> Option<Arc<PostIndex>> {
        self.preloaded_index()
            .or_else(|| self.index.get_untracked().flatten().and_then(Result::ok))
    }

    /// The site's name, description, language and links (reactive).
    pub fn info(&self) -> SiteIdentity {
        self.info.get()
    }

    /// The blog's page at site path `path`, if the site has one there (read without
    /// tracking: for loads, not views).
    pub fn page(&self, path: &str) -> Option<blog_core::config::PageLink> {
        self.info.with_untracked(|info| info.page(path).cloned())
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
    pub fn preloaded_index(&self) -> Option<Arc<PostIndex>> {
        self.embedded_index.get_value()
    }

    /// What the page embedded for showing the post `slug`: the whole index, or the entries
    /// that post's page needs.
    pub fn preloaded_index_for(&self, slug: &str) -> Option<Arc<PostIndex>> {
        self.preloaded_index().or_else(|| {
            self.embedded.with_value(|e| match e {
                Embedded::Post {
                    slug: embedded,
                    context,
                } if embedded == slug => Some(Arc::new(context.clone())),
                _ => None,
            })
        })
    }

    /// What this visit has loaded: posts, contexts, the search index's files.
    pub fn visit(&self) -> Visit {
        self.visit
    }

    /// List page `number`, if the page embedded it.
    pub fn preloaded_list(&self, number: usize) -> Option<ListPage> {
        self.embedded.with_value(|e| match e {
            Embedded::List(list) if list.number == number => Some(list.clone()),
            _ => None,
        })
    }

    /// The page at `path` as the build rendered it, when rendering it natively.
    pub fn prerendered_page(&self, path: &str) -> Option<Post> {
        let embedded = self
            .embedded
            .with_value(|e| matches!(e, Embedded::Page { path: p } if p == path));
        embedded.then(|| self.rendered.get_value()).flatten()
    }

    /// The post with this slug as the build rendered it, when rendering it natively.
    pub fn prerendered_post(&self, slug: &str) -> Option<Post> {
        self.rendered
            .with_value(|p| p.as_ref().filter(|p| p.meta.slug == slug).cloned())
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

/// The element the address's fragment names (`#salt`, percent-decoded), if the page has it.
pub fn fragment_target() -> Option<web_sys::Element> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix('#').filter(|id| !id.is_empty())?;
    let id = js_sys::decode_uri_component(id)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| id.to_string());
    window.document()?.get_element_by_id(&id)
}

/// Reads the site's interface words (`SiteIdentity::strings`) without tracking: a page's
/// words do not change while it shows. Outside the app (a lone component), an empty table.
pub fn with_strings<T>(read: impl FnOnce(&Strings) -> T) -> T {
    match use_context::<AppState>() {
        Some(state) => state.info.with_untracked(|info| read(&info.strings)),
        None => read(&Strings::default()),
    }
}

/// The interface's text `key` in the site's language.
pub fn text(key: Text) -> String {
    with_strings(|s| s.text(key).to_string())
}

/// The interface's text `key` with its placeholders filled (`[("name", "Ada")]`).
pub fn fill(key: Text, args: &[(&str, &str)]) -> String {
    with_strings(|s| s.fill(key, args))
}

/// The form of `key` for the number `n`, placeholders filled.
pub fn count(key: Count, n: usize, args: &[(&str, &str)]) -> String {
    with_strings(|s| s.count(key, n as u64, args))
}

/// A date as the site's language writes it.
pub fn date(date: &PostDate) -> String {
    with_strings(|s| s.date(date))
}

/// The base path from context; `/` when rendered outside the app (e.g. a lone component).
pub fn base_path() -> String {
    use_context::<AppState>()
        .map(|s| s.base())
        .unwrap_or_else(|| "/".to_string())
}

/// A site path (`/posts/x`) as a link under the base path.
pub fn href(path: &str) -> String {
    under_base(&base_path(), path)
}
