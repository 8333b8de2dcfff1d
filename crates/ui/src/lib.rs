//! Components that show outside the blog too: the author card (on post and author pages, and
//! embedded on other websites by `crates/embed`) and the image it is made with. Each takes
//! its data through typed props and fetches nothing, so it can be mounted anywhere; nothing
//! here knows the router, search or the network.

pub mod author_card;
pub mod optional_image;
