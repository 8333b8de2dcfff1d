//! Site-wide settings and the data all pages share (the post index).

use blog_core::manifest::Manifest;
use blog_core::paths::under_base;
use leptos::prelude::*;

use crate::api::{self, LoadError};

/// The blog's name, shown in the header and every document title.
pub const TITLE: &str = "Rustblog";
/// One line under the title.
pub const TAGLINE: &str = "Notes on building for the web, in Rust and elsewhere.";
/// Meta description for pages that have none of their own.
pub const DESCRIPTION: &str =
    "A blog whose posts are Markdown files, rendered in your browser by Rust and WebAssembly.";

/// The path the site is served under, from the page's `<base href>` (Trunk writes it from
/// its public URL), so links and fetches work when the blog lives in a sub-folder.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname());
    match base {
        Some(path) if path.ends_with('/') => path,
        Some(path) => format!("{path}/"),
        None => "/".to_string(),
    }
}

/// A site path (`/posts/x`) as a link under the base path.
pub fn href(path: &str) -> String {
    under_base(&base_path(), path)
}

/// App-wide data, provided as context by [`crate::App`].
#[derive(Clone, Copy)]
pub struct SiteData {
    /// The post index, fetched once per visit.
    pub manifest: LocalResource<Result<Manifest, LoadError>>,
}

impl SiteData {
    /// Starts loading the post index.
    pub fn load() -> SiteData {
        SiteData {
            manifest: LocalResource::new(api::fetch_manifest),
        }
    }
}
