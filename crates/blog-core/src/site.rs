//! Titles and descriptions of the site's generated pages, shared by the app and the
//! prerendered pages. The site's own name and description are settings:
//! [`crate::config::SiteInfo`].

use crate::manifest::Taxonomy;

/// The title of the page listing the posts with a term: `Posts tagged #rust`,
/// `Posts in Woodwork`, `The series “Building a shelf”`.
pub fn term_page_title(taxonomy: Taxonomy, name: &str) -> String {
    match taxonomy {
        Taxonomy::Tags => format!("Posts tagged #{name}"),
        Taxonomy::Categories => format!("Posts in {name}"),
        Taxonomy::Series => format!("The series “{name}”"),
    }
}

/// The description of the page listing the `count` posts with a term.
pub fn term_page_description(taxonomy: Taxonomy, name: &str, count: usize) -> String {
    match taxonomy {
        Taxonomy::Series => format!("{count} part(s) of the series {name}, in order."),
        _ => format!("{count} post(s) about {name}."),
    }
}

/// The description of an author's page: their bio, or a plain line without one.
pub fn author_page_description(author: &crate::author::Author) -> String {
    if author.bio.is_empty() {
        format!("Posts by {}.", author.name)
    } else {
        author.bio.clone()
    }
}

/// The title of list page `number` of `pages` (page 1 is the home page, untitled).
pub fn list_page_title(number: usize, pages: usize) -> String {
    if number <= 1 {
        String::new()
    } else {
        format!("Page {number} of {pages}")
    }
}
