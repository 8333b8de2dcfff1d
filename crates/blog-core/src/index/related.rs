//! Related posts, and the part of the index a post's page shows.

use std::collections::HashMap;

use super::{PostIndex, Taxonomy};
use crate::post::PostMeta;
use crate::slug::term_slug;

impl PostIndex {
    /// Up to `count` posts related to this one: most shared tags first, then the most words
    /// shared between titles and descriptions, then the newest.
    ///
    /// Compares the post with every other directly, reading each one's keys again: right
    /// for one post (a page's "more reading", from its small context or, once loaded, the
    /// whole index); a build asks for every post's through [`RelatedIndex`].
    pub fn related(&self, slug: &str, count: usize) -> Vec<&PostMeta> {
        let Some(own) = self.posts.iter().position(|p| p.slug == slug) else {
            return Vec::new();
        };
        let mine = Keys::of(&self.posts[own]);
        let scored = self.posts.iter().enumerate().filter_map(|(j, post)| {
            if j == own {
                return None;
            }
            let theirs = Keys::of(post);
            let score = (
                shared(&mine.tags, &theirs.tags),
                shared(&mine.words, &theirs.words),
            );
            Some((j, score))
        });
        best(scored, count)
            .into_iter()
            .map(|j| &self.posts[j])
            .collect()
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

/// What makes two posts related: a post's tags (as slugs) and the words of its title and
/// description (lowercased, over three characters), each sorted, without repeats.
struct Keys {
    tags: Vec<String>,
    words: Vec<String>,
}

impl Keys {
    fn of(post: &PostMeta) -> Keys {
        let unique = |mut v: Vec<String>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let words = [post.title.as_str(), post.description.as_str()]
            .into_iter()
            .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() > 3)
            .map(str::to_lowercase)
            .collect();
        Keys {
            tags: unique(post.tags.iter().map(|t| term_slug(t)).collect()),
            words: unique(words),
        }
    }
}

/// How many items two sorted lists without repeats have in common.
fn shared<T: Ord>(a: &[T], b: &[T]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A post's relatedness to another: (shared tags, shared words).
type Score = (u32, u32);

/// The positions of the best `count` of `scored` (in ascending position), best first, ties
/// to the newer post (the lower position); posts sharing nothing are never related. One
/// pass, no full sort.
fn best(scored: impl Iterator<Item = (usize, Score)>, count: usize) -> Vec<usize> {
    // Grown as needed: `count` may be anything a caller passes.
    let mut best: Vec<(usize, Score)> = Vec::new();
    for (j, score) in scored {
        if score == (0, 0) {
            continue;
        }
        let at = best
            .iter()
            .position(|&(_, b)| b < score)
            .unwrap_or(best.len());
        if at < count {
            best.insert(at, (j, score));
            best.truncate(count);
        }
    }
    best.into_iter().map(|(j, _)| j).collect()
}

/// Every post's tags and title/description words, indexed once (as numbers): related posts
/// for each post of a large blog then cost a look at the posts sharing its most tags, not
/// a comparison with every other post. Gives exactly what [`PostIndex::related`] gives.
pub struct RelatedIndex<'m> {
    manifest: &'m PostIndex,
    positions: HashMap<&'m str, usize>,
    /// Each post's tag numbers, sorted.
    tags: Vec<Vec<u32>>,
    /// Each post's word numbers, sorted.
    words: Vec<Vec<u32>>,
    /// Each tag's posts, by position, ascending.
    by_tag: Vec<Vec<u32>>,
    /// Each word's posts, by position, ascending.
    by_word: Vec<Vec<u32>>,
}

impl<'m> RelatedIndex<'m> {
    /// Indexes the post index's posts.
    pub fn new(manifest: &'m PostIndex) -> RelatedIndex<'m> {
        let keys: Vec<Keys> = manifest.posts.iter().map(Keys::of).collect();
        // Keys become numbers: comparing and counting them is then integer work.
        let number = |lists: Vec<&Vec<String>>| -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
            let mut ids: HashMap<&str, u32> = HashMap::new();
            let mut posts_of: Vec<Vec<u32>> = Vec::new();
            let numbered = lists
                .into_iter()
                .enumerate()
                .map(|(at, list)| {
                    let mut own: Vec<u32> = list
                        .iter()
                        .map(|key| {
                            let next = ids.len() as u32;
                            let id = *ids.entry(key.as_str()).or_insert(next);
                            if id == next {
                                posts_of.push(Vec::new());
                            }
                            posts_of[id as usize].push(at as u32);
                            id
                        })
                        .collect();
                    own.sort_unstable();
                    own
                })
                .collect();
            (numbered, posts_of)
        };
        let (tags, by_tag) = number(keys.iter().map(|k| &k.tags).collect());
        let (words, by_word) = number(keys.iter().map(|k| &k.words).collect());
        RelatedIndex {
            manifest,
            positions: manifest
                .posts
                .iter()
                .enumerate()
                .rev()
                .map(|(i, p)| (p.slug.as_str(), i))
                .collect(),
            tags,
            words,
            by_tag,
            by_word,
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
        // The posts sharing a tag, with how many (counted by position).
        let mut tags_shared = vec![0u32; posts.len()];
        let mut sharing: Vec<usize> = Vec::new();
        for &tag in &self.tags[own] {
            for &j in &self.by_tag[tag as usize] {
                let j = j as usize;
                if tags_shared[j] == 0 && j != own {
                    sharing.push(j);
                }
                tags_shared[j] += 1;
            }
        }
        // Tags rank first: if at least `count` posts share `level` tags or more, no post
        // sharing fewer can be among the best, and only those are scored by their words.
        let mut at_level = vec![0usize; self.tags[own].len() + 1];
        for &j in &sharing {
            at_level[tags_shared[j] as usize] += 1;
        }
        let mut enough = 0;
        let level = (1..at_level.len()).rev().find(|&level| {
            enough += at_level[level];
            enough >= count
        });
        let mine = &self.words[own];
        // The post's words as bits by word number: a candidate's shared words are then
        // counted by looking each of its words up, without comparing lists.
        let mut my_words = vec![0u64; self.by_word.len().div_ceil(64)];
        for &word in mine {
            my_words[word as usize / 64] |= 1 << (word % 64);
        }
        let words_shared = |j: usize| -> u32 {
            self.words[j]
                .iter()
                .map(|&w| ((my_words[w as usize / 64] >> (w % 64)) & 1) as u32)
                .sum()
        };
        let chosen = match level {
            Some(level) => {
                let mut candidates: Vec<usize> = sharing
                    .into_iter()
                    .filter(|&j| tags_shared[j] as usize >= level)
                    .collect();
                // Ties go to the newer post: candidates are looked at in the index's order.
                candidates.sort_unstable();
                best(
                    candidates
                        .into_iter()
                        .map(|j| (j, (tags_shared[j], words_shared(j)))),
                    count,
                )
            }
            // Too few posts share a tag: posts sharing only words count too, so every
            // post is scored (dense scores by position: common title words touch most
            // posts, where a map of touched posts was twice as slow).
            None => {
                let mut words_shared = vec![0u32; posts.len()];
                for &word in mine {
                    for &j in &self.by_word[word as usize] {
                        words_shared[j as usize] += 1;
                    }
                }
                tags_shared[own] = 0;
                words_shared[own] = 0;
                best(tags_shared.into_iter().zip(words_shared).enumerate(), count)
            }
        };
        chosen.into_iter().map(|j| &posts[j]).collect()
    }
}
