//! Search in the browser: loads the index files a query needs (each once per visit, however
//! many queries ask) and ranks posts with `blog_core::search`.

use std::collections::HashMap;
use std::rc::Rc;

use blog_core::post::PostMeta;
use blog_core::search::{
    evaluate, highlight, parse_query, shards_needed, snippet, Piece, QueryTerm, SearchMeta, Shard,
};
use futures::future::join_all;

use crate::api::{self, LoadError};
use crate::site::AppState;
use crate::visit::{Loads, VisitCache};

/// Most characters of post text shown under a result.
pub const SNIPPET_BYTES: usize = 180;

/// The visit's loads of each kind of search file.
fn meta_loads(c: &mut VisitCache) -> &mut Loads<Rc<SearchMeta>> {
    &mut c.search_meta
}

fn shard_loads(c: &mut VisitCache) -> &mut Loads<Rc<Shard>> {
    &mut c.search_shards
}

fn entry_loads(c: &mut VisitCache) -> &mut Loads<Rc<Vec<PostMeta>>> {
    &mut c.search_entries
}

fn text_loads(c: &mut VisitCache) -> &mut Loads<Rc<String>> {
    &mut c.search_texts
}

/// The index's table of contents: fetched the first time search is opened.
async fn meta(site: AppState) -> Result<Rc<SearchMeta>, LoadError> {
    let base = site.base();
    site.visit()
        .once(meta_loads, "meta", move || async move {
            api::fetch_search_meta(&base).await.map(Rc::new)
        })
        .await
}

/// Starts loading the index's table of contents (search is about to open).
pub fn warm_up(site: AppState) {
    leptos::task::spawn_local(async move {
        let _ = meta(site).await;
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
pub async fn search(site: AppState, query: &str, limit: usize) -> Result<Answer, LoadError> {
    let terms = parse_query(query);
    let meta = meta(site).await?;
    let visit = site.visit();
    if terms.is_empty() {
        return Ok(Answer {
            terms,
            ..Answer::default()
        });
    }
    let needed = shards_needed(&meta, &terms);
    let loads = needed.iter().map(|&i| {
        let (base, path) = (site.base(), meta.shard_path(i));
        async move {
            let key = path.clone();
            let shard = visit
                .once(shard_loads, &key, || async move {
                    api::fetch_search_shard(&base, &path).await.map(Rc::new)
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
        let base = site.base();
        async move {
            let key = path.clone();
            let chunk = visit
                .once(entry_loads, &key, || async move {
                    api::fetch_search_entries(&base, &path).await.map(Rc::new)
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
pub async fn body_snippet(
    site: AppState,
    meta: &PostMeta,
    terms: &[QueryTerm],
) -> Option<Vec<Piece>> {
    let entry = meta.clone();
    let text = site
        .visit()
        .once(text_loads, &meta.slug, || async move {
            api::fetch_post_text(site, &entry).await.map(Rc::new)
        })
        .await
        .ok()?;
    snippet(&text, terms, SNIPPET_BYTES)
}
