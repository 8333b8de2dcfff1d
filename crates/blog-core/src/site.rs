//! The site's identity, shared by the app, the prerendered pages and the feeds.

/// The blog's name, shown in the header and every document title.
pub const TITLE: &str = "Rustblog";
/// One line under the title.
pub const TAGLINE: &str = "Notes on building for the web, in Rust and elsewhere.";
/// Description for pages that have none of their own, and for the feeds.
pub const DESCRIPTION: &str =
    "A blog whose posts are Markdown files, rendered in your browser by Rust and WebAssembly.";
/// The language of the site's text (`<html lang>`, feeds).
pub const LANGUAGE: &str = "en";

/// A page's document title: the page's own title, then the site's.
pub fn document_title(page: &str) -> String {
    if page.is_empty() {
        TITLE.to_string()
    } else {
        format!("{page} · {TITLE}")
    }
}

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
