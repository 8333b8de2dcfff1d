//! Page metadata: the title, description, address and kind of every page the site has, one
//! function per kind of page. The app's `<title>` and description, the prerendered pages'
//! link-preview tags and the sitemap all come from here, so they cannot disagree.
//!
//! The site's own name and description are settings ([`crate::config::SiteIdentity`]); the
//! document title adds the site's name (`SiteIdentity::document_title`).

use crate::author::Author;
use crate::config::{PageLink, SiteIdentity};
use crate::date::PostDate;
use crate::i18n::{Count, Strings, Text};
use crate::index::Taxonomy;
use crate::post::PostMeta;
use crate::routes;

/// What a page is, for link previews and search engines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The "not found" page: kept out of search results, no canonical URL.
    NotFound,
    /// A list, taxonomy, author or search page.
    Website,
    /// A post.
    Article {
        /// Publication date.
        published: PostDate,
        /// Last update.
        updated: Option<PostDate>,
        /// Its authors.
        authors: Vec<Author>,
        /// Its tags.
        tags: Vec<String>,
    },
}

/// One page's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageMeta {
    /// Site path of the page (`/posts/x`), without the base path.
    pub path: String,
    /// The page's own title (not the document title); empty for the home page, whose
    /// document title is the site's name alone.
    pub title: String,
    /// Its description (`<meta name="description">`, link previews).
    pub description: String,
    /// Lead image path or URL.
    pub image: Option<String>,
    /// Website or article.
    pub kind: PageKind,
}

impl PageMeta {
    fn website(path: String, title: String, description: String) -> PageMeta {
        PageMeta {
            path,
            title,
            description,
            image: None,
            kind: PageKind::Website,
        }
    }
}

/// List page `number` of `pages` (page 1 is the home page, untitled), described by the
/// site's description.
pub fn list(number: usize, pages: usize, site: &SiteIdentity) -> PageMeta {
    let title = if number <= 1 {
        String::new()
    } else {
        let (n, of) = (
            site.strings.number(number as u64),
            site.strings.number(pages as u64),
        );
        site.strings
            .fill(Text::PageOf, &[("number", &n), ("pages", &of)])
    };
    PageMeta::website(routes::list_page(number), title, site.description.clone())
}

/// A post's page: its title and description, its lead image for previews (`og_image` when
/// the author gave one for that), and its dates, authors and tags.
pub fn post(meta: &PostMeta, authors: Vec<Author>) -> PageMeta {
    PageMeta {
        path: routes::post(&meta.slug),
        title: meta.title.clone(),
        description: meta.description.clone(),
        image: meta.og_image.clone().or(meta.image.clone()),
        kind: PageKind::Article {
            published: meta.date,
            updated: meta.updated,
            authors,
            tags: meta.tags.clone(),
        },
    }
}

/// One of the blog's pages (`pages/about.md`): its own title, description and lead image.
pub fn page(link: &PageLink) -> PageMeta {
    PageMeta {
        image: link.image.clone(),
        ..PageMeta::website(
            link.path.clone(),
            link.title.clone(),
            link.description.clone(),
        )
    }
}

/// The page listing the `count` posts with a term: `Posts tagged #rust`, `Posts in
/// Woodwork`, `The series “Building a shelf”`, in the site's words.
pub fn term(taxonomy: Taxonomy, name: &str, count: usize, strings: &Strings) -> PageMeta {
    let title = match taxonomy {
        Taxonomy::Tags => Text::PostsTagged,
        Taxonomy::Categories => Text::PostsInCategory,
        Taxonomy::Series => Text::SeriesTitle,
    };
    let title = strings.fill(title, &[("name", name)]);
    let description = match taxonomy {
        Taxonomy::Series => Count::SeriesDescription,
        _ => Count::TermDescription,
    };
    let description = strings.count(description, count as u64, &[("name", name)]);
    PageMeta::website(routes::term(taxonomy, name), title, description)
}

/// An author's page, described by their bio, or a plain line without one.
pub fn author(author: &Author, strings: &Strings) -> PageMeta {
    let description = if author.bio.is_empty() {
        strings.fill(Text::PostsByDescription, &[("name", &author.name)])
    } else {
        author.bio.clone()
    };
    PageMeta::website(routes::author(&author.id), author.name.clone(), description)
}

/// The search page, titled by its query when it has one (`Search: rust`).
pub fn search(query: &str, strings: &Strings) -> PageMeta {
    let title = if query.trim().is_empty() {
        strings.text(Text::Search).to_string()
    } else {
        strings.fill(Text::SearchFor, &[("query", query)])
    };
    PageMeta::website(
        routes::search(""),
        title,
        strings.text(Text::SearchDescription).to_string(),
    )
}

/// Why a post's page shows no post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostProblem {
    /// The post was loaded but cannot be read (its front matter, say).
    Unreadable,
    /// The post could not be loaded (network, server, the post reader).
    Unavailable,
}

/// A post's page when the post cannot be shown. Never prerendered: only the app shows it.
pub fn post_problem(slug: &str, problem: PostProblem, strings: &Strings) -> PageMeta {
    let title = match problem {
        PostProblem::Unreadable => Text::PostUnreadable,
        PostProblem::Unavailable => Text::PostUnavailable,
    };
    PageMeta::website(
        routes::post(slug),
        strings.text(title).to_string(),
        String::new(),
    )
}

/// The "not found" page.
pub fn not_found(strings: &Strings) -> PageMeta {
    PageMeta {
        kind: PageKind::NotFound,
        ..PageMeta::website(
            routes::NOT_FOUND.to_string(),
            strings.text(Text::NotFound).to_string(),
            String::new(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_addresses_every_kind_of_page() {
        let site = SiteIdentity {
            strings: crate::i18n::english(),
            ..SiteIdentity::default()
        };
        let s = &site.strings;
        let ada = Author {
            id: "ada".into(),
            ..Author::unregistered("Ada")
        };
        let cases = [
            (list(1, 3, &site), "/", ""),
            (list(2, 3, &site), "/page/2", "Page 2 of 3"),
            (
                term(Taxonomy::Tags, "Rust", 2, s),
                "/tags/rust",
                "Posts tagged #Rust",
            ),
            (
                term(Taxonomy::Categories, "Wood", 1, s),
                "/categories/wood",
                "Posts in Wood",
            ),
            (
                term(Taxonomy::Series, "A shelf", 3, s),
                "/series/a-shelf",
                "The series “A shelf”",
            ),
            (author(&ada, s), "/authors/ada", "Ada"),
            (search("", s), "/search", "Search"),
            (search("wasm", s), "/search", "Search: wasm"),
            (not_found(s), "/404", "Not found"),
        ];
        for (page, path, title) in cases {
            assert_eq!((page.path.as_str(), page.title.as_str()), (path, title));
        }
        assert_eq!(list(2, 3, &site).description, site.description);
        assert_eq!(author(&ada, s).description, "Posts by Ada.");
        assert_eq!(
            term(Taxonomy::Series, "A shelf", 3, s).description,
            "3 parts of the series A shelf, in order."
        );
        assert_eq!(not_found(s).kind, PageKind::NotFound);
    }
}
