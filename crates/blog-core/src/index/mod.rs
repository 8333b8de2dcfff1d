//! The post index (`posts/index.json`): what the browser needs to list posts without being
//! able to list a folder on a static host. Built natively from `posts/` with the same parsing
//! the browser uses for a single post.
//!
//! - this module: the index itself, how it is built, and lookups by slug and author;
//! - [`taxonomy`]: tags, categories and series, and the posts with a term;
//! - [`pagination`]: the list's pages and a post's neighbours;
//! - [`related`]: related posts, and the part of the index a post's page needs.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::author::{self, Author};
use crate::date::PostDate;
use crate::error::{ErrorKind, PostError};
use crate::post::{Post, PostMeta};

pub mod pagination;
pub mod related;
pub mod taxonomy;

pub use pagination::ListPage;
pub use related::{RelatedIndex, RELATED_COUNT};
pub use taxonomy::{TagCount, Taxonomy};

/// A post that could not be read, reported instead of failing the whole site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// File name inside `posts/`.
    pub file: String,
    /// The full message, starting with `posts/<file>`.
    pub message: String,
}

/// The site's post index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostIndex {
    /// Readable posts, newest first.
    pub posts: Vec<PostMeta>,
    /// The author registry.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// Posts left out because they have errors, and registry errors.
    #[serde(default)]
    pub problems: Vec<Problem>,
}

/// How [`PostIndex::build_rendered_with`] reads a post: `(file, text)` to the post and what
/// else its reading gives.
pub type ParseWith<'a, T> = dyn Fn(&str, &str) -> Result<(Post, T), PostError> + Sync + 'a;

/// What goes into a build.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuildOptions {
    /// Keep `draft: true` posts (while writing); otherwise they are left out.
    pub include_drafts: bool,
    /// The current time for a published build: posts dated after it are left out until
    /// then. `None` (while writing) keeps every post.
    pub now: Option<PostDate>,
    /// While writing (`now` is `None`), the current time: posts dated after it are kept and
    /// marked [`PostMeta::scheduled`], so the preview says they are not out yet.
    pub mark_after: Option<PostDate>,
}

impl PostIndex {
    /// Builds the index from `(file name, text)` pairs and the registry's YAML.
    pub fn build(
        sources: &[(String, String)],
        authors_yaml: Option<&str>,
        options: BuildOptions,
    ) -> PostIndex {
        // Only the metadata is kept: the rendered bodies are dropped as each post is read.
        let parse = |file: &str, text: &str| Post::parse_at(file, text, "/");
        PostIndex::build_with(sources, authors_yaml, options, &parse, |post| {
            (post.meta, ())
        })
        .0
    }

    /// [`PostIndex::build`], also returning every indexed post as `parse(file, text)` read
    /// it, in the index's order: the publishing pass renders each post once (with
    /// [`Post::parse_checked`] for the site's base path, `T` being what `check` reports of
    /// it) and uses that render for the search index, the post's page and the check.
    /// `blogtool serve` keeps the posts it rendered, and renders again only those whose
    /// text changed.
    pub fn build_rendered_with<T: Send>(
        sources: &[(String, String)],
        authors_yaml: Option<&str>,
        options: BuildOptions,
        parse: &ParseWith<'_, T>,
    ) -> (PostIndex, Vec<(Post, T)>) {
        PostIndex::build_with(sources, authors_yaml, options, parse, |(post, extra)| {
            (post.meta.clone(), (post, extra))
        })
    }

    /// Reads every post (rendered by `parse`), keeps what `keep` takes of each besides its
    /// metadata, and indexes the readable, published ones.
    fn build_with<P, T: Send>(
        sources: &[(String, String)],
        authors_yaml: Option<&str>,
        options: BuildOptions,
        parse: &(dyn Fn(&str, &str) -> Result<P, PostError> + Sync),
        keep: impl Fn(P) -> (PostMeta, T) + Sync,
    ) -> (PostIndex, Vec<T>) {
        let mut manifest = PostIndex::default();
        match authors_yaml.map(author::parse_registry) {
            Some(Ok(authors)) => manifest.authors = authors,
            Some(Err(message)) => manifest.problems.push(Problem {
                file: "authors.yaml".into(),
                message,
            }),
            None => {}
        }
        let parse = |(file, text): &(String, String)| parse(file, text).map(&keep);
        // Natively (publishing a whole blog) every core parses; the order is kept.
        #[cfg(not(target_arch = "wasm32"))]
        let parsed: Vec<Result<(PostMeta, T), PostError>> = {
            use rayon::prelude::*;
            sources.par_iter().map(parse).collect()
        };
        #[cfg(target_arch = "wasm32")]
        let parsed: Vec<Result<(PostMeta, T), PostError>> = sources.iter().map(parse).collect();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut kept = Vec::new();
        for ((file, _), parsed) in sources.iter().zip(parsed) {
            let (meta, extra) = match parsed {
                Ok(read) => read,
                Err(e) => {
                    manifest.problems.push(Problem::from_error(file, &e));
                    continue;
                }
            };
            if meta.draft && !options.include_drafts {
                continue;
            }
            if options.now.is_some_and(|now| meta.date.is_after(&now)) {
                continue;
            }
            let mut meta = meta;
            meta.scheduled = options
                .mark_after
                .is_some_and(|now| meta.date.is_after(&now));
            // Hugo's `expiryDate`: gone from published builds once the moment has passed.
            if let (Some(now), Some(expires)) = (options.now, meta.expires) {
                if !expires.is_after(&now) {
                    continue;
                }
            }
            if let Some(other) = seen.get(&meta.slug) {
                let e = PostError {
                    file: format!("posts/{file}"),
                    line: None,
                    kind: ErrorKind::DuplicateSlug {
                        slug: meta.slug.clone(),
                        other_file: format!("posts/{other}"),
                    },
                };
                manifest.problems.push(Problem::from_error(file, &e));
                continue;
            }
            seen.insert(meta.slug.clone(), file.clone());
            kept.push((meta, extra));
        }
        kept.sort_by(|(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
        let (posts, extras) = kept.into_iter().unzip();
        manifest.posts = posts;
        manifest.problems.sort_by(|a, b| a.file.cmp(&b.file));
        (manifest, extras)
    }

    /// Records a post that could not be read at all (its file could not be imported).
    pub fn add_problem(&mut self, error: &PostError) {
        let file = error
            .file
            .strip_prefix("posts/")
            .unwrap_or(&error.file)
            .to_string();
        self.problems.push(Problem::from_error(&file, error));
        self.problems.sort_by(|a, b| a.file.cmp(&b.file));
    }

    /// Credits posts that name no author to the site's default author (`site.yaml`).
    pub fn credit_default_author(&mut self, author: &str) {
        for post in self.posts.iter_mut().filter(|p| p.authors.is_empty()) {
            post.authors.push(author.to_string());
        }
    }

    /// The post with this slug.
    pub fn post(&self, slug: &str) -> Option<&PostMeta> {
        self.posts.iter().find(|p| p.slug == slug)
    }

    /// The author with this id: from the registry, or named in some post's byline.
    pub fn author(&self, id: &str) -> Option<Author> {
        self.authors
            .iter()
            .find(|a| a.id == id)
            .cloned()
            .or_else(|| {
                self.posts
                    .iter()
                    .flat_map(|p| author::resolve(&self.authors, &p.authors))
                    .find(|a| a.id == id)
            })
    }

    /// Posts whose bylines resolve to the author with this id, newest first.
    pub fn posts_by(&self, id: &str) -> Vec<&PostMeta> {
        self.posts
            .iter()
            .filter(|p| {
                author::resolve(&self.authors, &p.authors)
                    .iter()
                    .any(|a| a.id == id)
            })
            .collect()
    }

    /// The problem recorded for a post whose file name gives this slug, if it failed to parse.
    pub fn problem_for_slug(&self, slug: &str) -> Option<&Problem> {
        self.problems
            .iter()
            .find(|p| crate::post::slug_from_file(&p.file) == slug)
    }
}

impl Problem {
    fn from_error(file: &str, e: &PostError) -> Problem {
        Problem {
            file: file.to_string(),
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
