//! The post index (`posts/index.json`): what the browser needs to list posts without being
//! able to list a folder on a static host. Built natively from `posts/` with the same parsing
//! the browser uses for a single post.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::author::{self, Author};
use crate::date::PostDate;
use crate::error::{ErrorKind, PostError};
use crate::post::{Post, PostMeta};
use crate::slug::term_slug;

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
pub struct Manifest {
    /// Readable posts, newest first.
    pub posts: Vec<PostMeta>,
    /// The author registry.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// Posts left out because they have errors, and registry errors.
    #[serde(default)]
    pub problems: Vec<Problem>,
}

/// What goes into a build.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuildOptions {
    /// Keep `draft: true` posts (while writing); otherwise they are left out.
    pub include_drafts: bool,
    /// The current time for a published build: posts dated after it are left out until
    /// then. `None` (while writing) keeps every post.
    pub now: Option<PostDate>,
}

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
            Taxonomy::Tags => "tags",
            Taxonomy::Categories => "categories",
            Taxonomy::Series => "series",
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

impl Manifest {
    /// Builds the index from `(file name, text)` pairs and the registry's YAML.
    pub fn build(
        sources: &[(String, String)],
        authors_yaml: Option<&str>,
        options: BuildOptions,
    ) -> Manifest {
        let mut manifest = Manifest::default();
        match authors_yaml.map(author::parse_registry) {
            Some(Ok(authors)) => manifest.authors = authors,
            Some(Err(message)) => manifest.problems.push(Problem {
                file: "authors.yaml".into(),
                message,
            }),
            None => {}
        }
        let mut seen: HashMap<String, String> = HashMap::new();
        for (file, text) in sources {
            let meta = match Post::parse(file, text) {
                Ok(post) => post.meta,
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
            manifest.posts.push(meta);
        }
        manifest
            .posts
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
        manifest.problems.sort_by(|a, b| a.file.cmp(&b.file));
        manifest
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

    /// Up to `count` posts related to this one: most shared tags first, then the most words
    /// shared between titles and descriptions, then the newest.
    pub fn related(&self, slug: &str, count: usize) -> Vec<&PostMeta> {
        RelatedIndex::new(self).related(slug, count)
    }

    /// The part of the index a post's page shows: the post, its neighbours, its
    /// [`RELATED_COUNT`] related posts and the author registry. A prerendered post page embeds
    /// this instead of the whole index, which grows with the blog.
    pub fn context_for(&self, slug: &str, index: &RelatedIndex<'_>) -> Manifest {
        let (older, newer) = self.neighbours(slug);
        let mut wanted: Vec<&str> = vec![slug];
        wanted.extend(older.iter().chain(newer.iter()).map(|p| p.slug.as_str()));
        wanted.extend(
            index
                .related(slug, RELATED_COUNT)
                .iter()
                .map(|p| p.slug.as_str()),
        );
        // Every part of the post's series, for its "Part 2 of 4" list.
        if let Some(series) = self.post(slug).and_then(|p| p.series.as_deref()) {
            let series = term_slug(series);
            wanted.extend(
                self.posts_with(Taxonomy::Series, &series)
                    .iter()
                    .map(|p| p.slug.as_str()),
            );
        }
        Manifest {
            // Index order is kept, so neighbours and related posts come out the same.
            posts: self
                .posts
                .iter()
                .filter(|p| wanted.contains(&p.slug.as_str()))
                .cloned()
                .collect(),
            authors: self.authors.clone(),
            problems: Vec::new(),
        }
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
    pub index: Manifest,
}

impl Manifest {
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
        let names: Vec<String> = posts.clone().flat_map(|p| p.authors.clone()).collect();
        Some(ListPage {
            number,
            pages,
            index: Manifest {
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
        })
    }
}

/// How many related posts a post's page lists.
pub const RELATED_COUNT: usize = 3;

/// Every post's tags and title/description words, indexed once: related posts for each post
/// of a large blog then cost a pass over the posts sharing something, not a comparison of
/// word sets with every other post.
pub struct RelatedIndex<'m> {
    manifest: &'m Manifest,
    tags: Vec<Vec<String>>,
    words: Vec<Vec<String>>,
    by_tag: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
}

impl<'m> RelatedIndex<'m> {
    /// Indexes the manifest's posts.
    pub fn new(manifest: &'m Manifest) -> RelatedIndex<'m> {
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
            by_tag: invert(&tags),
            by_word: invert(&words),
            tags,
            words,
        }
    }

    /// Up to `count` posts related to `slug`, best first (see [`Manifest::related`]).
    pub fn related(&self, slug: &str, count: usize) -> Vec<&'m PostMeta> {
        let posts = &self.manifest.posts;
        let Some(own) = posts.iter().position(|p| p.slug == slug) else {
            return Vec::new();
        };
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
        // The best `count`, ties to the newer post (lower index): one pass, no full sort.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn src(file: &str, text: &str) -> (String, String) {
        (file.to_string(), text.to_string())
    }

    #[test]
    fn lists_posts_newest_first_and_reports_broken_ones() {
        let m = Manifest::build(
            &[
                src("old.md", "---\ntitle: Old\ndate: 2024-01-01\n---\nx"),
                src("broken.md", "---\ntitle: Broken\ndate: soon\n---\nx"),
                src("new.md", "---\ntitle: New\ndate: 2025-06-01\n---\nx"),
                src("mid.md", "---\ntitle: Mid\ndate: 2024-07-01 12:00\n---\nx"),
            ],
            None,
            BuildOptions::default(),
        );
        let slugs: Vec<_> = m.posts.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["new", "mid", "old"]);
        assert_eq!(m.problems.len(), 1);
        assert_eq!(
            m.problems[0].message,
            "posts/broken.md:3: date \"soon\" is not a date (expected YYYY-MM-DD or RFC 3339)"
        );
        assert!(m.problem_for_slug("broken").is_some());
    }

    #[test]
    fn duplicate_slugs_name_both_files() {
        let m = Manifest::build(
            &[
                src("a.md", "---\ntitle: A\ndate: 2024-01-01\nslug: same\n---\n"),
                src("b.md", "---\ntitle: B\ndate: 2024-01-02\nslug: same\n---\n"),
            ],
            None,
            BuildOptions::default(),
        );
        assert_eq!(m.posts.len(), 1);
        assert_eq!(
            m.problems[0].message,
            "posts/b.md: slug \"same\" is already used by posts/a.md"
        );
    }

    #[test]
    fn drafts_only_when_asked() {
        let sources = [src(
            "d.md",
            "---\ntitle: D\ndate: 2024-01-01\ndraft: true\n---\n",
        )];
        assert!(Manifest::build(&sources, None, BuildOptions::default())
            .posts
            .is_empty());
        let with = BuildOptions {
            include_drafts: true,
            now: None,
        };
        assert_eq!(Manifest::build(&sources, None, with).posts.len(), 1);
    }

    #[test]
    fn round_trips_through_json() {
        let m = Manifest::build(
            &[src(
                "a.md",
                "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\nHello",
            )],
            Some("ann:\n  name: Ann\n"),
            BuildOptions::default(),
        );
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), m);
    }

    #[test]
    fn future_posts_wait_for_their_date_in_published_builds() {
        let sources = [
            src("past.md", "---\ntitle: Past\ndate: 2025-03-15\n---\n"),
            src(
                "later.md",
                "---\ntitle: Later\ndate: 2025-03-15 18:00\n---\n",
            ),
            src("next.md", "---\ntitle: Next\ndate: 2025-04-01\n---\n"),
        ];
        let at = |now: &str| {
            let options = BuildOptions {
                include_drafts: false,
                now: PostDate::parse(now),
            };
            let m = Manifest::build(&sources, None, options);
            m.posts.iter().map(|p| p.slug.clone()).collect::<Vec<_>>()
        };
        assert_eq!(at("2025-03-15 12:00"), ["past"]);
        assert_eq!(at("2025-03-15 18:00"), ["later", "past"]);
        assert_eq!(at("2025-04-01"), ["next", "later", "past"]);
        let writing = Manifest::build(&sources, None, BuildOptions::default());
        assert_eq!(writing.posts.len(), 3);
    }

    #[test]
    fn groups_posts_by_tag_and_author() {
        let m = Manifest::build(
            &[
                src(
                    "a.md",
                    "---\ntitle: A\ndate: 2024-01-01\ntags: [Web Dev, rust]\nauthor: Ann\n---\n",
                ),
                src(
                    "b.md",
                    "---\ntitle: B\ndate: 2024-02-01\ntags: [rust]\nauthor: [ann, Bo Guest]\n---\n",
                ),
            ],
            Some("ann:\n  name: Ann\n"),
            BuildOptions::default(),
        );
        let tags: Vec<_> = m.tags().into_iter().map(|t| (t.slug, t.count)).collect();
        assert_eq!(tags, [("rust".to_string(), 2), ("web-dev".to_string(), 1)]);
        let slugs =
            |posts: Vec<&PostMeta>| posts.iter().map(|p| p.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(m.posts_tagged("web-dev")), ["a"]);
        assert_eq!(slugs(m.posts_by("ann")), ["b", "a"]);
        assert_eq!(slugs(m.posts_by("bo-guest")), ["b"]);
        assert_eq!(
            m.author("bo-guest").map(|a| a.name),
            Some("Bo Guest".into())
        );
        assert_eq!(m.author("nobody"), None);
    }

    #[test]
    fn finds_neighbours_and_related_posts() {
        let m = Manifest::build(
            &[
                src(
                    "a.md",
                    "---\ntitle: Rust web servers\ndate: 2024-01-01\ntags: [rust, web]\n---\n",
                ),
                src(
                    "b.md",
                    "---\ntitle: Gardening notes\ndate: 2024-02-01\ntags: [garden]\n---\n",
                ),
                src(
                    "c.md",
                    "---\ntitle: Rust error handling\ndate: 2024-03-01\ntags: [rust]\n---\n",
                ),
                src(
                    "d.md",
                    "---\ntitle: Building servers quickly\ndate: 2024-04-01\n---\n",
                ),
            ],
            None,
            BuildOptions::default(),
        );
        let slug = |p: Option<&PostMeta>| p.map(|p| p.slug.clone());
        let (older, newer) = m.neighbours("b");
        assert_eq!(
            (slug(older), slug(newer)),
            (Some("a".into()), Some("c".into()))
        );
        assert_eq!(slug(m.neighbours("d").1), None);
        assert_eq!(slug(m.neighbours("a").0), None);
        let related: Vec<_> = m.related("a", 3).iter().map(|p| p.slug.clone()).collect();
        // c shares a tag; d shares the word "servers"; b shares nothing.
        assert_eq!(related, ["c", "d"]);
        assert!(m.related("missing", 3).is_empty());
    }

    #[test]
    fn a_post_pages_context_gives_the_same_neighbours_and_related_posts() {
        let tags = ["rust", "web", "css"];
        let sources: Vec<_> = (1..=40)
            .map(|i| {
                src(
                    &format!("p{i:02}.md"),
                    &format!(
                        "---\ntitle: Post number {i} about {}\ndate: 2024-01-{:02}\ntags: [{}]\n---\nx",
                        tags[i % 3],
                        i % 28 + 1,
                        tags[i % 3]
                    ),
                )
            })
            .collect();
        let m = Manifest::build(&sources, None, BuildOptions::default());
        let index = RelatedIndex::new(&m);
        let slugs = |posts: Vec<&PostMeta>| -> Vec<String> {
            posts.into_iter().map(|p| p.slug.clone()).collect()
        };
        for post in &m.posts {
            let context = m.context_for(&post.slug, &index);
            assert!(context.posts.len() <= 1 + 2 + RELATED_COUNT);
            let (older, newer) = m.neighbours(&post.slug);
            let (c_older, c_newer) = context.neighbours(&post.slug);
            assert_eq!(older.map(|p| &p.slug), c_older.map(|p| &p.slug));
            assert_eq!(newer.map(|p| &p.slug), c_newer.map(|p| &p.slug));
            assert_eq!(
                slugs(m.related(&post.slug, RELATED_COUNT)),
                slugs(context.related(&post.slug, RELATED_COUNT))
            );
        }
    }

    #[test]
    fn the_list_is_cut_into_pages() {
        let sources: Vec<_> = (1..=7)
            .map(|i| {
                src(
                    &format!("p{i}.md"),
                    &format!("---\ntitle: P{i}\ndate: 2024-01-0{i}\n---\nx"),
                )
            })
            .collect();
        let m = Manifest::build(&sources, None, BuildOptions::default());
        assert_eq!(m.page_count(3), 3);
        let titles = |n| -> Vec<String> {
            m.list_page(n, 3)
                .unwrap()
                .index
                .posts
                .iter()
                .map(|p| p.title.clone())
                .collect()
        };
        assert_eq!(titles(1), ["P7", "P6", "P5"]);
        assert_eq!(titles(3), ["P1"]);
        assert!(m.list_page(0, 3).is_none());
        assert!(m.list_page(4, 3).is_none());
        let empty = Manifest::build(&[], None, BuildOptions::default());
        assert_eq!(empty.page_count(10), 1);
        assert!(empty.list_page(1, 10).unwrap().index.posts.is_empty());
    }
}
