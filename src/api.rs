//! The app's data from the network: the post index, list pages, posts' contexts, the search
//! index and posts, each fetched with a timeout and a message worded for the reader. Posts
//! are parsed by the post reader in the browser (`crate::reader` loads it) and by
//! `blog_core` natively, when prerendering.

use std::fmt;
use std::sync::Arc;

use blog_core::author::{self, Author};
use blog_core::config::SiteIdentity;
use blog_core::i18n::Text;
use blog_core::index::{ListPage, PostIndex};
use blog_core::post::{looks_like_html_page, Post, PostMeta};
use blog_core::routes::{self, under_base};
use blog_core::search::{self, SearchMeta, Shard};
use blog_core::slug::is_valid_slug;
use gloo_net::http::Request;

use crate::site::{fill, with_strings, AppState};
use crate::visit::{Loads, VisitCache};

/// Why something could not be loaded, worded for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// There is no such post (bad slug, 404, or the host's HTML fallback page).
    NotFound,
    /// The request did not complete (offline, DNS, CORS, aborted).
    Network {
        /// What was being fetched, for the message.
        what: What,
        /// The browser's reason.
        reason: String,
    },
    /// The request got no answer within [`TIMEOUT_MS`].
    Timeout {
        /// What was being fetched.
        what: What,
    },
    /// The browser is offline.
    Offline {
        /// What was being fetched.
        what: What,
    },
    /// The server answered with an error status.
    Status {
        /// What was being fetched.
        what: What,
        /// The HTTP status.
        status: u16,
    },
    /// The post was fetched but cannot be read: the reason, `posts/x.md:3: …`.
    Invalid(String),
    /// The site was deployed again while the page was open: its parts no longer fit.
    Outdated,
    /// The server answered a data file with a web page (an SPA fallback for a missing file,
    /// or a site not built with `trunk build`).
    NotData {
        /// What was being fetched.
        what: What,
        /// Which file, as a site path.
        file: String,
    },
    /// A data file the build wrote (the index, a list page, a post's context) was fetched
    /// but cannot be read.
    BadData {
        /// What it is, for the message ("the list of posts").
        what: What,
        /// Which file, as a site path (`posts/context/x.json`).
        file: String,
        /// Why it cannot be read.
        reason: String,
    },
    /// A file of the search index was fetched but is not valid, or is from another build.
    BadSearchIndex {
        /// Which file, as a site path (`posts/search/meta.json`).
        file: String,
        /// Why it cannot be read.
        reason: String,
    },
}

/// What could not be loaded, for the message: one of the interface's `what_` texts and
/// the name it fills in (a post's slug, a page's path). Worded when shown, in the site's
/// language (a fetch runs outside the views that know it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct What(pub Text, pub String);

impl What {
    /// A thing without a name of its own (`the list of posts`).
    pub const fn of(key: Text) -> What {
        What(key, String::new())
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fill(self.0, &[("name", &self.1)]))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = with_strings(|s| {
            let what = |w: &What| s.fill(w.0, &[("name", &w.1)]);
            match self {
                LoadError::NotFound => s.text(Text::NoSuchPage).to_string(),
                LoadError::Network { what: w, reason } => s.fill(
                    Text::ErrorNetwork,
                    &[("what", &what(w)), ("reason", reason)],
                ),
                LoadError::Timeout { what: w } => s.fill(
                    Text::ErrorTimeout,
                    &[
                        ("what", &what(w)),
                        ("seconds", &s.number((TIMEOUT_MS / 1000) as u64)),
                    ],
                ),
                LoadError::Offline { what: w } => s.fill(Text::ErrorOffline, &[("what", &what(w))]),
                LoadError::Status { what: w, status } => s.fill(
                    Text::ErrorStatus,
                    &[("what", &what(w)), ("status", &status.to_string())],
                ),
                LoadError::Invalid(e) => s.fill(Text::ErrorInvalid, &[("error", e)]),
                LoadError::Outdated => s.text(Text::ErrorOutdated).to_string(),
                LoadError::NotData { what: w, file } => {
                    s.fill(Text::ErrorNotData, &[("what", &what(w)), ("file", file)])
                }
                LoadError::BadData {
                    what: w,
                    file,
                    reason,
                } => s.fill(
                    Text::ErrorBadData,
                    &[("what", &what(w)), ("file", file), ("reason", reason)],
                ),
                LoadError::BadSearchIndex { file, reason } => s.fill(
                    Text::ErrorBadSearchIndex,
                    &[("file", file), ("reason", reason)],
                ),
            }
        });
        f.write_str(&message)
    }
}

/// A post ready to show: parsed, with its authors looked up in the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedPost {
    /// The parsed post.
    pub post: Post,
    /// Its authors, registered ones with full profiles.
    pub authors: Vec<Author>,
}

/// How long a request may go unanswered before the reader is told.
pub const TIMEOUT_MS: i32 = 10_000;

/// Fetches `url` as text; `what` names it in error messages. Gives up after [`TIMEOUT_MS`]
/// so a request that never answers ends in a message, not an endless spinner.
async fn fetch_text(url: &str, what: &What) -> Result<(u16, String), LoadError> {
    let timer = Timeout::start();
    let result = async {
        let response = Request::get(url)
            .abort_signal(timer.signal().as_ref())
            .send()
            .await?;
        let status = response.status();
        Ok::<_, gloo_net::Error>((status, response.text().await?))
    }
    .await;
    result.map_err(|e| {
        let what = what.clone();
        if timer.fired() {
            LoadError::Timeout { what }
        } else if is_offline() {
            LoadError::Offline { what }
        } else {
            LoadError::Network {
                what,
                reason: e.to_string(),
            }
        }
    })
}

/// Whether the browser says it has no network.
pub(crate) fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Aborts a request after [`TIMEOUT_MS`]; cancels the timer when dropped.
struct Timeout {
    controller: Option<web_sys::AbortController>,
    fired: std::rc::Rc<std::cell::Cell<bool>>,
    handle: Option<i32>,
    _callback: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl Timeout {
    fn start() -> Timeout {
        use wasm_bindgen::JsCast;
        let fired = std::rc::Rc::new(std::cell::Cell::new(false));
        let controller = web_sys::AbortController::new().ok();
        let (handle, callback) = match (web_sys::window(), &controller) {
            (Some(window), Some(controller)) => {
                let controller = controller.clone();
                let flag = fired.clone();
                let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    flag.set(true);
                    controller.abort();
                });
                let handle = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        callback.as_ref().unchecked_ref(),
                        TIMEOUT_MS,
                    )
                    .ok();
                (handle, Some(callback))
            }
            _ => (None, None),
        };
        Timeout {
            controller,
            fired,
            handle,
            _callback: callback,
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(window), Some(handle)) = (web_sys::window(), self.handle) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

/// Fetches the site's name and links (`posts/site.json`), for pages that did not embed them.
pub async fn fetch_site_info(base: &str) -> Result<SiteIdentity, LoadError> {
    fetch_json(base, routes::SITE_DATA, &What::of(Text::WhatSettings)).await
}

/// Fetches the post index.
pub async fn fetch_index(base: &str) -> Result<PostIndex, LoadError> {
    fetch_json(base, routes::INDEX_DATA, &What::of(Text::WhatPostList)).await
}

/// Where the old address `key` ([`blog_core::publish::redirect_key`]) leads, from the
/// site's `posts/redirects.json`, fetched once per visit; `None` when it is no old address
/// (or the site has no such file). Looked up in the browser's own parse of the file: a
/// typed map would add a deserializer to the app (4.8 KB brotli measured, BENCHMARKS.md).
#[cfg(target_arch = "wasm32")]
pub async fn old_address(base: &str, key: &str) -> Option<String> {
    thread_local! {
        static REDIRECTS: std::cell::RefCell<Option<wasm_bindgen::JsValue>> =
            const { std::cell::RefCell::new(None) };
    }
    let known = REDIRECTS.with(|r| r.borrow().clone());
    let redirects = match known {
        Some(known) => known,
        None => {
            let text = match fetch_text(
                &under_base(base, routes::REDIRECTS_DATA),
                &What::of(Text::WhatPostList),
            )
            .await
            {
                Ok((200..=299, text)) if !looks_like_html_page(&text) => text,
                _ => "{}".to_string(),
            };
            let parsed = js_sys::JSON::parse(&text).unwrap_or(wasm_bindgen::JsValue::NULL);
            REDIRECTS.with(|r| *r.borrow_mut() = Some(parsed.clone()));
            parsed
        }
    };
    if !redirects.is_object() {
        return None;
    }
    // Own keys only: `constructor` or `__proto__` lead nowhere.
    let key = wasm_bindgen::JsValue::from_str(key);
    let object: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(&redirects);
    if !js_sys::Object::has_own(object, &key) {
        return None;
    }
    js_sys::Reflect::get(&redirects, &key).ok()?.as_string()
}

/// What a post's page shows besides the post: its index entry, its neighbours, related
/// posts and the author registry (`posts/context/<slug>.json`); fetched once per visit.
pub async fn load_context(site: AppState, slug: &str) -> Result<Arc<PostIndex>, LoadError> {
    let visit = site.visit();
    if let Some(context) = visit.with(|c| c.contexts.get(slug).cloned()).flatten() {
        return Ok(context);
    }
    // Checked before anything is fetched: a slug becomes part of a URL path.
    if !is_valid_slug(slug) {
        return Err(LoadError::NotFound);
    }
    let path = routes::post_context_data(slug);
    let what = &What::of(Text::WhatContext);
    let context: PostIndex = match fetch_json(&site.base(), &path, what).await {
        Err(LoadError::Status { status: 404, .. }) => return Err(LoadError::NotFound),
        other => other?,
    };
    let context = Arc::new(context);
    visit.with(|c| c.contexts.insert(slug.to_string(), context.clone()));
    Ok(context)
}

/// Fetches page `number` of the post list; `NotFound` when the list has no such page.
pub async fn fetch_list_page(base: &str, number: usize) -> Result<ListPage, LoadError> {
    let path = routes::list_page_data(number);
    match fetch_json(base, &path, &What::of(Text::WhatPostList)).await {
        Err(LoadError::Status { status: 404, .. }) => Err(LoadError::NotFound),
        // An SPA fallback answers a missing page with the app's own HTML.
        Err(LoadError::NotData { .. }) if number > 1 => Err(LoadError::NotFound),
        other => other,
    }
}

/// Fetches the search index's table of contents, `posts/search/meta.json`.
pub async fn fetch_search_meta(base: &str) -> Result<SearchMeta, LoadError> {
    let meta: SearchMeta = fetch_json(base, routes::SEARCH_META_DATA, &SEARCH_INDEX)
        .await
        .map_err(search_error)?;
    if meta.version != search::index::VERSION {
        return Err(LoadError::BadSearchIndex {
            file: data_file(routes::SEARCH_META_DATA),
            reason: format!(
                "the search index is format {} but this app reads format {}; reload the page",
                meta.version,
                search::index::VERSION
            ),
        });
    }
    Ok(meta)
}

/// What the search index is called in messages.
const SEARCH_INDEX: What = What::of(Text::WhatSearchIndex);

/// Fetches one shard of the search index (`path` under `posts/search/`).
pub async fn fetch_search_shard(base: &str, path: &str) -> Result<Shard, LoadError> {
    let url = under_base(base, &routes::search_data(path));
    let (status, text) = fetch_text(&url, &SEARCH_INDEX).await?;
    if !(200..300).contains(&status) {
        return Err(LoadError::Status {
            what: SEARCH_INDEX,
            status,
        });
    }
    Shard::parse(&text).map_err(|reason| LoadError::BadSearchIndex {
        file: data_file(&routes::search_data(path)),
        reason,
    })
}

/// Files of the search index are not the post index: say which one is damaged.
fn search_error(error: LoadError) -> LoadError {
    match error {
        LoadError::BadData { file, reason, .. } => LoadError::BadSearchIndex { file, reason },
        LoadError::NotData { file, .. } => LoadError::BadSearchIndex {
            file,
            reason: "the server sent a web page instead".into(),
        },
        other => other,
    }
}

/// Fetches one chunk of the search index's post entries.
pub async fn fetch_search_entries(base: &str, path: &str) -> Result<Vec<PostMeta>, LoadError> {
    fetch_json(base, &routes::search_data(path), &SEARCH_INDEX)
        .await
        .map_err(search_error)
}

/// The text a reader sees in a post's body, for a search snippet. Not kept in the visit's
/// post cache: search results know the post's file but not its authors' profiles.
pub async fn fetch_post_text(site: AppState, meta: &PostMeta) -> Result<String, LoadError> {
    if routes::is_page_entry(&meta.slug) {
        let page = fetch_page(site, &meta.slug).await?;
        return Ok(search::html_text(&page.html));
    }
    if let Some(loaded) = loaded_post(site, &meta.slug) {
        return Ok(search::html_text(&loaded.post.html));
    }
    // The entry names the post's file; its authors do not matter for the text.
    let known = PostIndex {
        posts: vec![meta.clone()],
        ..PostIndex::default()
    };
    let loaded = fetch_post(site, &meta.slug, Some(&known)).await?;
    Ok(search::html_text(&loaded.post.html))
}

/// A data file's site path as messages name it: `posts/index.json`.
fn data_file(path: &str) -> String {
    path.trim_start_matches('/').to_string()
}

/// Fetches a JSON file the build wrote (`path` under the base) and decodes it.
async fn fetch_json<T: serde::de::DeserializeOwned>(
    base: &str,
    path: &str,
    what: &What,
) -> Result<T, LoadError> {
    let (status, text) = fetch_text(&under_base(base, path), what).await?;
    if !(200..300).contains(&status) {
        return Err(LoadError::Status {
            what: what.clone(),
            status,
        });
    }
    if looks_like_html_page(&text) {
        return Err(LoadError::NotData {
            what: what.clone(),
            file: data_file(path),
        });
    }
    decode_json(&text).map_err(|reason| LoadError::BadData {
        what: what.clone(),
        file: data_file(path),
        reason,
    })
}

/// Reads JSON text into `T`; the error says what is wrong (the parser's message, or the
/// field that does not fit). In the browser the browser's own `JSON.parse` reads the text
/// and `serde-wasm-bindgen` takes the value apart, so the app carries no JSON parser
/// (about 3 KB of brotli wasm less; BENCHMARKS.md); natively `serde_json` does both.
pub fn decode_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = js_sys::JSON::parse(text)
            .map_err(|e| js_error_message(&e).unwrap_or_else(|| "not JSON".into()))?;
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// What a thrown JavaScript value says: an `Error`'s message, or a thrown string.
#[cfg(target_arch = "wasm32")]
pub(crate) fn js_error_message(error: &wasm_bindgen::JsValue) -> Option<String> {
    use wasm_bindgen::JsCast;
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
}

/// Fetches and parses the post with this slug from the site. `index` (when it loaded) maps
/// the slug to its file and supplies the author registry; without it the file is guessed
/// from the slug.
pub async fn fetch_post(
    site: AppState,
    slug: &str,
    index: Option<&PostIndex>,
) -> Result<LoadedPost, LoadError> {
    let base = site.base();
    let base = base.as_str();
    // Checked before anything is fetched: a slug becomes part of a URL path.
    if !is_valid_slug(slug) {
        return Err(LoadError::NotFound);
    }
    let file = index
        .and_then(|m| m.post(slug))
        .map(|meta| meta.file.clone())
        .unwrap_or_else(|| format!("{slug}.md"));
    let what = What(Text::WhatPost, slug.to_string());
    let text = fetch_markdown(&under_base(base, &routes::post_source(&file)), what).await?;
    let post = parse_post(site, &file, &text).await?;
    finish_post(post, slug, index)
}

/// Fetches and parses the blog's page at site path `path` (`/about/`, one the site's
/// settings list): its Markdown beside its prerendered page, read by the post reader.
pub async fn fetch_page(site: AppState, path: &str) -> Result<Post, LoadError> {
    // Only an address the site lists becomes part of a URL.
    if site.page(path).is_none() {
        return Err(LoadError::NotFound);
    }
    let source = routes::page_source(path);
    let what = What(Text::WhatPage, path.to_string());
    let text = fetch_markdown(&under_base(&site.base(), &source), what).await?;
    // Named by its site path, as the build read it: its links are the page's own.
    parse_post(site, &source, &text).await
}

/// Fetches a published post's or page's Markdown at `url`; `what` names it in messages.
/// A missing file is [`LoadError::NotFound`], however the host says it.
async fn fetch_markdown(url: &str, what: What) -> Result<String, LoadError> {
    let (status, text) = fetch_text(url, &what).await?;
    if status == 404 || status == 410 {
        return Err(LoadError::NotFound);
    }
    if !(200..300).contains(&status) {
        return Err(LoadError::Status { what, status });
    }
    // An SPA fallback answers a missing file with the app's own page and status 200.
    if looks_like_html_page(&text) {
        return Err(LoadError::NotFound);
    }
    Ok(text)
}

/// Parses a post's text natively, with the content core.
#[cfg(not(target_arch = "wasm32"))]
async fn parse_post(site: AppState, file: &str, text: &str) -> Result<Post, LoadError> {
    Post::parse_at(file, text, &site.base()).map_err(|e| LoadError::Invalid(e.to_string()))
}

/// Parses a post's text in the browser, with the post reader.
#[cfg(target_arch = "wasm32")]
async fn parse_post(site: AppState, file: &str, text: &str) -> Result<Post, LoadError> {
    crate::reader::parse(site, file, text).await
}

/// The visit's posts.
fn posts(cache: &mut VisitCache) -> &mut Loads<LoadedPost> {
    &mut cache.posts
}

/// The post with this slug, from this visit's cache or fetched (once, however many ask).
/// `index` (what is known of the posts) gives its file and its authors' profiles. Failures
/// are not kept, so a retry fetches again.
pub async fn load_post(
    site: AppState,
    slug: &str,
    index: Option<Arc<PostIndex>>,
) -> Result<LoadedPost, LoadError> {
    let owned = slug.to_string();
    site.visit()
        .once(posts, slug, move || async move {
            fetch_post(site, &owned, index.as_deref()).await
        })
        .await
}

/// Whether this post has been asked for in this visit (loaded, or on its way).
pub fn post_requested(site: AppState, slug: &str) -> bool {
    site.visit().requested(posts, slug)
}

/// A post already loaded in this visit, if it is.
pub fn loaded_post(site: AppState, slug: &str) -> Option<LoadedPost> {
    site.visit().loaded(posts, slug)
}

/// Starts loading a post the reader is likely to open next (pointer over or focus on its
/// link), so the click finds it ready.
pub fn prefetch_post(site: AppState, slug: &str, index: Option<Arc<PostIndex>>) {
    let adopted = site
        .visit()
        .with(|c| c.articles.contains_key(slug))
        .unwrap_or(false);
    if adopted || post_requested(site, slug) || !is_valid_slug(slug) {
        return;
    }
    let slug = slug.to_string();
    leptos::task::spawn_local(async move {
        let _ = load_post(site, &slug, index).await;
    });
}

/// A parsed post made ready to show: checked to be the one asked for, credited to the
/// site's default author when it names none, its authors looked up in the registry.
pub fn finish_post(
    post: Post,
    slug: &str,
    index: Option<&PostIndex>,
) -> Result<LoadedPost, LoadError> {
    if post.meta.slug != slug {
        // The file was found by guessing, but the post names itself differently.
        return Err(LoadError::NotFound);
    }
    let mut post = post;
    // A post naming no author was credited to the site's default author by the build.
    if post.meta.authors.is_empty() {
        if let Some(entry) = index.and_then(|m| m.post(slug)) {
            post.meta.authors = entry.authors.clone();
        }
    }
    let registry = index.map(|m| m.authors.as_slice()).unwrap_or_default();
    let authors = author::resolve(registry, &post.meta.authors);
    Ok(LoadedPost { post, authors })
}
