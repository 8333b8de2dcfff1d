//! The blog's content core: pure functions from post text to typed data and HTML.
//!
//! Nothing here touches the DOM, the network or the file system, so the browser app and the
//! native tools parse posts with exactly the same code. Native only, [`import`] reads posts
//! written for other engines, [`check`] finds what is wrong with them and [`config`] reads
//! `site.yaml`; publishing a blog is `blogtool`'s (`crates/site`).

pub mod author;
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
pub mod config;
pub mod date;
pub mod encoding;
pub mod error;
pub mod front_matter;
pub mod highlight;
pub mod html;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
pub mod index;
pub mod markdown;
pub mod pages;
pub mod post;
pub mod publish;
pub mod routes;
pub mod sanitize;
pub mod search;
pub mod slug;
pub mod url;
pub mod yaml;
