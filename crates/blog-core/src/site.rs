//! Titles and descriptions of the site's generated pages, shared by the app and the
//! prerendered pages. The site's own name and description are settings:
//! [`crate::config::SiteInfo`].

/// The title of the page listing posts with a tag.
pub fn tag_page_title(tag: &str) -> String {
    format!("Posts tagged #{tag}")
}

/// The description of the page listing `count` posts with a tag.
pub fn tag_page_description(tag: &str, count: usize) -> String {
    format!("{count} post(s) about {tag}.")
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
