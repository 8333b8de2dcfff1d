//! The post list's pages (`/`, `/page/2/`, …) and a post's neighbours in it.

use serde::{Deserialize, Serialize};

use super::PostIndex;
use crate::author;
use crate::post::PostMeta;

/// One page of the post list (`/`, `/page/2/`, …): its posts, the author registry they
/// name, and where it stands. The build writes each as `posts/pages/<number>.json`, so the
/// first screen of a large blog downloads one page, not the whole index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage {
    /// 1-based page number.
    pub number: usize,
    /// How many pages the list has (at least 1).
    pub pages: usize,
    /// The page's posts (newest first), the registry and, on page 1, the build's problems.
    pub index: PostIndex,
    /// On page 1: the posts marked `featured`, newest first, shown above the list (as
    /// AstroPaper and Hugo themes pin them); they keep their place in the list too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub featured: Vec<PostMeta>,
}

impl PostIndex {
    /// The posts before and after this one in publication order: `(older, newer)`.
    pub fn neighbours(&self, slug: &str) -> (Option<&PostMeta>, Option<&PostMeta>) {
        // `posts` is newest first.
        match self.posts.iter().position(|p| p.slug == slug) {
            Some(i) => (
                self.posts.get(i + 1),
                i.checked_sub(1).map(|j| &self.posts[j]),
            ),
            None => (None, None),
        }
    }

    /// How many list pages of `size` posts the blog has (at least 1, for the empty list).
    pub fn page_count(&self, size: usize) -> usize {
        self.posts.len().div_ceil(size.max(1)).max(1)
    }

    /// List page `number` (1-based) with `size` posts per page, if there is one.
    pub fn list_page(&self, number: usize, size: usize) -> Option<ListPage> {
        let size = size.max(1);
        let pages = self.page_count(size);
        if number == 0 || number > pages {
            return None;
        }
        let posts = self.posts.iter().skip((number - 1) * size).take(size);
        let featured: Vec<PostMeta> = if number == 1 {
            self.posts.iter().filter(|p| p.featured).cloned().collect()
        } else {
            Vec::new()
        };
        let names: Vec<String> = posts
            .clone()
            .chain(&featured)
            .flat_map(|p| p.authors.clone())
            .collect();
        Some(ListPage {
            number,
            pages,
            index: PostIndex {
                posts: posts.cloned().collect(),
                // Only the authors this page names: the registry can be long too.
                authors: self
                    .authors
                    .iter()
                    .filter(|a| {
                        let one = std::slice::from_ref(*a);
                        names.iter().any(|n| author::find(one, n).is_some())
                    })
                    .cloned()
                    .collect(),
                problems: if number == 1 {
                    self.problems.clone()
                } else {
                    Vec::new()
                },
            },
            featured,
        })
    }
}
