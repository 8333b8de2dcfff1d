//! Search in the browser: loads the index files a query needs (each once per visit, however
//! many queries ask) and ranks posts with `blog_core::search`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::thread::LocalKey;

use blog_core::post::PostMeta;
use blog_core::search::{
    evaluate, highlight, parse_query, shards_needed, snippet, Piece, QueryTerm, SearchMeta, Shard,
};
use futures::future::{join_all, LocalBoxFuture, Shared};
use futures::FutureExt;

use crate::api::{self, LoadError};

/// A file on its way or loaded; failures are dropped from the cache so a retry fetches again.
type Loading<T> = Shared<LocalBoxFuture<'static, Result<Rc<T>, LoadError>>>;

/// Files of one kind, by path.
type Files<T> = RefCell<HashMap<String, Loading<T>>>;

thread_local! {
    static META: Files<SearchMeta> = Default::default();
    static SHARDS: Files<Shard> = Default::default();
    static ENTRIES: Files<Vec<PostMeta>> = Default::default();
    static TEXTS: Files<String> = Default::default();
}

/// Most characters of post text shown under a result.
pub const SNIPPET_BYTES: usize = 180;

/// Loads `key` of `cache` with `fetch` unless it is loaded or on its way.
async fn once<T: 'static, F>(
    cache: &'static LocalKey<Files<T>>,
    key: &str,
    fetch: impl FnOnce() -> F,
) -> Result<Rc<T>, LoadError>
where
    F: Future<Output = Result<T, LoadError>> + 'static,
{
    let shared = cache.with(|files| {
        files
            .borrow_mut()
            .entry(key.to_string())
            .or_insert_with(|| fetch().map(|r| r.map(Rc::new)).boxed_local().shared())
            .clone()
    });
    let result = shared.await;
    if result.is_err() {
        cache.with(|files| files.borrow_mut().remove(key));
    }
    result
}

/// The index's table of contents: fetched the first time search is opened.
async fn meta(base: &str) -> Result<Rc<SearchMeta>, LoadError> {
    let base = base.to_string();
    once(&META, "meta", move || async move {
        api::fetch_search_meta(&base).await
    })
    .await
}

/// Starts loading the index's table of contents (search is about to open).
pub fn warm_up(base: &str) {
    let base = base.to_string();
    leptos::task::spawn_local(async move {
        let _ = meta(&base).await;
    });
}

/// A post that matched, with its title and description marked where they match.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The post's index entry.
    pub meta: PostMeta,
    /// The title, matches marked.
    pub title: Vec<Piece>,
    /// The description, matches marked: shown until the body's snippet is loaded.
    pub description: Vec<Piece>,
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Answer {
    /// The terms looked up, for marking matches in snippets.
    pub terms: Vec<QueryTerm>,
    /// How many posts match.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub results: Vec<Found>,
}

/// Posts matching `query`, best first, at most `limit` of them with their entries.
pub async fn search(base: &str, query: &str, limit: usize) -> Result<Answer, LoadError> {
    let terms = parse_query(query);
    let meta = meta(base).await?;
    if terms.is_empty() {
        return Ok(Answer {
            terms,
            ..Answer::default()
        });
    }
    let needed = shards_needed(&meta, &terms);
    let loads = needed.iter().map(|&i| {
        let (base, path) = (base.to_string(), meta.shard_path(i));
        async move {
            let key = path.clone();
            let shard = once(&SHARDS, &key, || async move {
                api::fetch_search_shard(&base, &path).await
            })
            .await?;
            Ok::<_, LoadError>((i, shard))
        }
    });
    let shards: HashMap<usize, Rc<Shard>> = join_all(loads)
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    let hits = evaluate(&meta, &terms, |i| shards.get(&i).map(|s| &**s));
    let total = hits.len();
    let loads = hits.iter().take(limit).map(|hit| {
        let (path, at) = meta.doc_path(hit.doc);
        let base = base.to_string();
        async move {
            let key = path.clone();
            let chunk = once(&ENTRIES, &key, || async move {
                api::fetch_search_entries(&base, &path).await
            })
            .await?;
            Ok::<_, LoadError>(chunk.get(at).cloned())
        }
    });
    let results = join_all(loads)
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .map(|meta| Found {
            title: highlight(&meta.title, &terms),
            description: highlight(&meta.description, &terms),
            meta,
        })
        .collect();
    Ok(Answer {
        terms,
        total,
        results,
    })
}

/// The passage of a post's body that best matches `terms`, marked; `None` when the body
/// does not match (the terms were in the title or tags) or cannot be loaded.
pub async fn body_snippet(base: &str, meta: &PostMeta, terms: &[QueryTerm]) -> Option<Vec<Piece>> {
    let (base, entry) = (base.to_string(), meta.clone());
    let text = once(&TEXTS, &meta.slug, || async move {
        api::fetch_post_text(&base, &entry).await
    })
    .await
    .ok()?;
    snippet(&text, terms, SNIPPET_BYTES)
}
