//! What this visit has loaded, kept for the rest of it so nothing is fetched or parsed
//! twice: posts, their contexts, the search index's files. One cache for the whole app,
//! held by [`crate::site::AppState`] (and so reached through context), not one global per
//! kind of file.

use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

use blog_core::index::PostIndex;
use blog_core::post::PostMeta;
use blog_core::search::{SearchMeta, Shard};
use futures::future::{LocalBoxFuture, Shared};
use futures::FutureExt;
use leptos::prelude::*;

use crate::api::{LoadError, LoadedPost};
use crate::takeover::ReaderState;

/// A load on its way or done, shared by everyone who asks for it.
pub type Loading<T> = Shared<LocalBoxFuture<'static, Result<T, LoadError>>>;

/// Loads by key (a slug or a file's path).
pub type Loads<T> = HashMap<String, Loading<T>>;

/// Everything this visit has loaded or is loading.
#[derive(Default)]
pub struct VisitCache {
    /// Posts, by slug: opening a post that was prefetched (or read before) neither fetches
    /// nor parses it again.
    pub posts: Loads<LoadedPost>,
    /// Prerendered articles the app took over, by slug: shown again as they are when the
    /// reader comes back to the post.
    pub articles: HashMap<String, web_sys::Element>,
    /// Where the reader was in the article the app took over, until it is put back.
    pub reader: Option<ReaderState>,
    /// Posts' contexts (neighbours, related posts, registry), by slug.
    pub contexts: HashMap<String, Arc<PostIndex>>,
    /// The search index's table of contents (one key, `meta`).
    pub search_meta: Loads<Rc<SearchMeta>>,
    /// Search index shards, by path.
    pub search_shards: Loads<Rc<Shard>>,
    /// Chunks of the search index's post entries, by path.
    pub search_entries: Loads<Rc<Vec<PostMeta>>>,
    /// Posts' plain text for search snippets, by slug.
    pub search_texts: Loads<Rc<String>>,
    /// The post reader's `parse_post` (one key), loaded when the browser is idle on a list
    /// of posts or when the app first opens a post.
    pub readers: Loads<js_sys::Function>,
    /// How many times loading the reader was tried (a retry needs a fresh URL).
    pub reader_attempts: u32,
    /// Whether loading the reader at idle was scheduled: once per visit.
    pub reader_warm_up: bool,
    /// Whether search was opened from another page of this visit, so closing it can go back
    /// there instead of to the home page.
    pub search_opened_in_app: bool,
}

/// A handle on the visit's cache: `Copy`, so views and async tasks can each keep one.
#[derive(Clone, Copy)]
pub struct Visit(StoredValue<VisitCache, LocalStorage>);

impl Default for Visit {
    fn default() -> Self {
        Visit(StoredValue::new_local(VisitCache::default()))
    }
}

impl Visit {
    /// Runs `f` on the cache; `None` once the app that owns it is gone.
    pub fn with<R>(&self, f: impl FnOnce(&mut VisitCache) -> R) -> Option<R> {
        self.0.try_update_value(f)
    }

    /// `key` among the loads `loads` picks, started with `fetch` unless it is loaded or on
    /// its way. A failure is not kept, so asking again fetches again.
    pub async fn once<T, F>(
        self,
        loads: fn(&mut VisitCache) -> &mut Loads<T>,
        key: &str,
        fetch: impl FnOnce() -> F,
    ) -> Result<T, LoadError>
    where
        T: Clone + 'static,
        F: Future<Output = Result<T, LoadError>> + 'static,
    {
        let known = self.with(|c| loads(c).get(key).cloned()).flatten();
        let shared = match known {
            Some(shared) => shared,
            None => {
                let shared = fetch().boxed_local().shared();
                self.with(|c| loads(c).insert(key.to_string(), shared.clone()));
                shared
            }
        };
        let result = shared.clone().await;
        if result.is_err() {
            // Only this load: a newer one for the key may have started since.
            self.with(|c| {
                if loads(c).get(key).is_some_and(|l| l.ptr_eq(&shared)) {
                    loads(c).remove(key);
                }
            });
        }
        result
    }

    /// What `key` among `loads` gave, if it has finished loading without error.
    pub fn loaded<T: Clone + 'static>(
        &self,
        loads: fn(&mut VisitCache) -> &mut Loads<T>,
        key: &str,
    ) -> Option<T> {
        self.with(|c| loads(c).get(key).and_then(|l| l.peek().cloned()))
            .flatten()
            .and_then(Result::ok)
    }

    /// Whether `key` among `loads` has been asked for (loaded, or on its way).
    pub fn requested<T>(&self, loads: fn(&mut VisitCache) -> &mut Loads<T>, key: &str) -> bool {
        self.with(|c| loads(c).contains_key(key)).unwrap_or(false)
    }
}
