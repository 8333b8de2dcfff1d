//! The routed pages, one per file.

pub mod not_found;
pub mod post_list;
pub mod post_view;
