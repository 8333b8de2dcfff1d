//! The blog's content core: pure functions from post text to typed data and HTML.
//!
//! Nothing here touches the DOM, the network or the file system, so the browser app and the
//! native tools parse posts with exactly the same code. Reading posts written for other
//! engines, checking a blog and publishing it are `blogtool`'s (`crates/site`); natively,
//! [`config`] reads `site.yaml`.

pub mod author;
pub mod config;
pub mod date;
pub mod encoding;
pub mod error;
pub mod front_matter;
pub mod highlight;
pub mod html;
pub mod i18n;
pub mod index;
pub mod markdown;
pub mod pages;
pub mod post;
pub mod publish;
pub mod routes;
pub mod sanitize;
pub mod search;
pub mod services;
pub mod slug;
pub mod url;
pub mod yaml;
