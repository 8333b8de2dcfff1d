//! Related posts, and the part of the index a post's page shows.

use std::collections::HashMap;

use super::{PostIndex, Taxonomy};
use crate::post::PostMeta;
use crate::slug::term_slug;

impl PostIndex {
    /// Up to `count` posts related to this one: most shared tags first, then the most words
    /// shared between titles and descriptions, then the newest.
    pub fn related(&self, slug: &str, count: usize) -> Vec<&PostMeta> {
        RelatedIndex::new(self).related(slug, count)
    }

    /// The part of the index a post's page shows: the post, its neighbours, its
    /// [`RELATED_COUNT`] related posts and the author registry. A prerendered post page embeds
    /// this instead of the whole index, which grows with the blog.
    ///
    /// `index` is this index's [`RelatedIndex`]: posts are found by their position in it.
    pub fn context_for(&self, slug: &str, index: &RelatedIndex<'_>) -> PostIndex {
        debug_assert!(
            std::ptr::eq(index.manifest, self),
            "context_for needs this index's RelatedIndex"
        );
        // Positions, not slugs compared along the whole list: this runs for every post.
        let mut wanted: Vec<usize> = Vec::new();
        if let Some(at) = index.position(slug) {
            // `posts` is newest first: the older neighbour follows, the newer precedes.
            wanted.push(at);
            wanted.extend((at + 1 < self.posts.len()).then_some(at + 1));
            wanted.extend(at.checked_sub(1));
        }
        wanted.extend(
            index
                .related(slug, RELATED_COUNT)
                .iter()
                .filter_map(|p| index.position(&p.slug)),
        );
        // Every part of the post's series, for its "Part 2 of 4" list.
        let series = wanted
            .first()
            .and_then(|&at| self.posts.get(at)?.series.as_deref());
        if let Some(series) = series {
            let series = term_slug(series);
            wanted.extend(
                self.posts_with(Taxonomy::Series, &series)
                    .iter()
                    .filter_map(|p| index.position(&p.slug)),
            );
        }
        // Index order is kept, so neighbours and related posts come out the same.
        wanted.sort_unstable();
        wanted.dedup();
        PostIndex {
            posts: wanted
                .into_iter()
                .filter_map(|at| self.posts.get(at).cloned())
                .collect(),
            authors: self.authors.clone(),
            problems: Vec::new(),
        }
    }
}

/// How many related posts a post's page lists.
pub const RELATED_COUNT: usize = 3;

/// Every post's tags and title/description words, indexed once: related posts for each post
/// of a large blog then cost a pass over the posts sharing something, not a comparison of
/// word sets with every other post.
pub struct RelatedIndex<'m> {
    manifest: &'m PostIndex,
    positions: HashMap<&'m str, usize>,
    tags: Vec<Vec<String>>,
    words: Vec<Vec<String>>,
    by_tag: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
}

impl<'m> RelatedIndex<'m> {
    /// Indexes the post index's posts.
    pub fn new(manifest: &'m PostIndex) -> RelatedIndex<'m> {
        let unique = |mut v: Vec<String>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let tags: Vec<Vec<String>> = manifest
            .posts
            .iter()
            .map(|p| unique(p.tags.iter().map(|t| term_slug(t)).collect()))
            .collect();
        let words: Vec<Vec<String>> = manifest
            .posts
            .iter()
            .map(|p| {
                unique(
                    format!("{} {}", p.title, p.description)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.chars().count() > 3)
                        .map(str::to_lowercase)
                        .collect(),
                )
            })
            .collect();
        let invert = |lists: &[Vec<String>]| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, list) in lists.iter().enumerate() {
                for key in list {
                    map.entry(key.clone()).or_default().push(i);
                }
            }
            map
        };
        RelatedIndex {
            manifest,
            positions: manifest
                .posts
                .iter()
                .enumerate()
                .rev()
                .map(|(i, p)| (p.slug.as_str(), i))
                .collect(),
            by_tag: invert(&tags),
            by_word: invert(&words),
            tags,
            words,
        }
    }

    /// Where the post with this slug is in the index's list, if it is there (the first,
    /// should two share it: later entries overwrite earlier ones when collecting, so the
    /// list is read backwards).
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.positions.get(slug).copied()
    }

    /// Up to `count` posts related to `slug`, best first (see [`PostIndex::related`]).
    pub fn related(&self, slug: &str, count: usize) -> Vec<&'m PostMeta> {
        let posts = &self.manifest.posts;
        let Some(own) = self.position(slug) else {
            return Vec::new();
        };
        // Dense scores (shared tags, shared words) by position: common title words touch
        // most posts, where a map of touched posts was twice as slow.
        let mut scores = vec![(0u32, 0u32); posts.len()];
        for (keys, index, field) in [
            (&self.tags, &self.by_tag, 0),
            (&self.words, &self.by_word, 1),
        ] {
            for key in &keys[own] {
                for &j in index.get(key).into_iter().flatten() {
                    if field == 0 {
                        scores[j].0 += 1;
                    } else {
                        scores[j].1 += 1;
                    }
                }
            }
        }
        scores[own] = (0, 0);
        // The best `count`, ties to the newer post (lower position): one pass, no full sort.
        let mut best: Vec<usize> = Vec::with_capacity(count + 1);
        for (j, &score) in scores.iter().enumerate() {
            if score == (0, 0) {
                continue;
            }
            let at = best
                .iter()
                .position(|&b| scores[b] < score)
                .unwrap_or(best.len());
            if at < count {
                best.insert(at, j);
                best.truncate(count);
            }
        }
        best.into_iter().map(|j| &posts[j]).collect()
    }
}
