//! The routed pages, one per file.

pub mod author_page;
pub mod not_found;
pub mod page_view;
pub mod post_list;
pub mod post_view;
pub mod search;
pub mod tag_page;
