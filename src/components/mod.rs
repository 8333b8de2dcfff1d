//! Reusable view pieces, each taking its data through typed props. The author card and its
//! image, which also show outside the blog, are the `blog-ui` crate's.

pub mod comments;
pub mod error_view;
pub mod page_head;
pub mod post_card;
pub mod route_announcer;
pub mod search_link;
pub mod site_menu;
pub mod theme_toggle;
pub mod with_index;

// The author card is in the small `blog-ui` crate, which the embeddable card builds on
// without the rest of the app; re-exported here, where every other component is.
pub use blog_ui::{author_card, optional_image};
