//! Reusable view pieces. Each takes its data through typed props and fetches nothing, so it
//! can be mounted anywhere, including outside the blog.

pub mod author_card;
pub mod error_view;
pub mod optional_image;
pub mod page_head;
pub mod post_card;
pub mod route_announcer;
pub mod search_link;
pub mod theme_toggle;
pub mod with_manifest;
