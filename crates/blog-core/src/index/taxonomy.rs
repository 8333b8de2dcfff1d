//! Taxonomies: tags, categories and series, each term with a page listing its posts.

use super::PostIndex;
use crate::post::PostMeta;
use crate::slug::term_slug;

/// A way of grouping posts, each of whose terms has a page listing its posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    /// `tags`: topics, newest post first.
    Tags,
    /// `categories` (Jekyll, Hugo): broader sections.
    Categories,
    /// `series` (Hugo): parts of one story, in reading order.
    Series,
}

impl Taxonomy {
    /// All of them, in the order pages show them.
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Tags, Taxonomy::Categories, Taxonomy::Series];

    /// The first segment of a term page's path: `/tags/<term>`, `/categories/<term>`,
    /// `/series/<term>`.
    pub const fn segment(self) -> &'static str {
        match self {
            Taxonomy::Tags => crate::routes::TAGS,
            Taxonomy::Categories => crate::routes::CATEGORIES,
            Taxonomy::Series => crate::routes::SERIES,
        }
    }

    /// The post's terms in this taxonomy.
    pub fn terms(self, post: &PostMeta) -> impl Iterator<Item = &str> {
        let list: &[String] = match self {
            Taxonomy::Tags => &post.tags,
            Taxonomy::Categories => &post.categories,
            Taxonomy::Series => std::slice::from_ref(post.series.as_ref().unwrap_or(&EMPTY)),
        };
        list.iter().map(String::as_str).filter(|t| !t.is_empty())
    }
}

/// No series.
static EMPTY: String = String::new();

/// A tag and how many posts carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagCount {
    /// The tag as first written.
    pub name: String,
    /// Its URL form: `/tags/<slug>`.
    pub slug: String,
    /// Number of posts with it.
    pub count: usize,
}

impl PostIndex {
    /// Posts carrying the term whose URL form is `slug` in `taxonomy`: newest first, and a
    /// series in reading order (oldest first).
    pub fn posts_with(&self, taxonomy: Taxonomy, slug: &str) -> Vec<&PostMeta> {
        let mut posts: Vec<&PostMeta> = self
            .posts
            .iter()
            .filter(|p| taxonomy.terms(p).any(|t| term_slug(t) == slug))
            .collect();
        if taxonomy == Taxonomy::Series {
            posts.reverse();
        }
        posts
    }

    /// Posts carrying the tag whose URL form is `tag_slug`, newest first.
    pub fn posts_tagged(&self, tag_slug: &str) -> Vec<&PostMeta> {
        self.posts_with(Taxonomy::Tags, tag_slug)
    }

    /// Every term of `taxonomy` with its post count, most used first, then alphabetically.
    pub fn terms(&self, taxonomy: Taxonomy) -> Vec<TagCount> {
        let mut terms: Vec<TagCount> = Vec::new();
        for term in self.posts.iter().flat_map(|p| taxonomy.terms(p)) {
            let slug = term_slug(term);
            match terms.iter_mut().find(|t| t.slug == slug) {
                Some(t) => t.count += 1,
                None => terms.push(TagCount {
                    name: term.to_string(),
                    slug,
                    count: 1,
                }),
            }
        }
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)));
        terms
    }

    /// Every tag with its post count, most used first, then alphabetically.
    pub fn tags(&self) -> Vec<TagCount> {
        self.terms(Taxonomy::Tags)
    }
}
