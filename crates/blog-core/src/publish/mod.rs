//! What a published site carries besides its pages: link-preview metadata for each page,
//! Atom and RSS feeds, the sitemap and robots.txt, and redirect pages for old addresses.
//! Pure functions of the posts and the site's address, written out by the prerender tool.
//!
//! - this module: where the site is published ([`PublishedSite`]);
//! - [`head`]: `<head>` tags (canonical URL, Open Graph, Twitter, JSON-LD);
//! - [`feeds`]: Atom and RSS, with the date forms they use;
//! - [`sitemap`](mod@sitemap): `sitemap.xml` and `robots.txt`;
//! - [`redirects`]: pages that send old addresses to a post.

use crate::config::SiteIdentity;
use crate::routes::under_base;

pub mod feeds;
pub mod head;
pub mod redirects;
pub mod sitemap;

pub use feeds::{atom, atom_of, json_feed, rfc3339, rfc822, rss, FeedEntry, FeedInfo};
pub use head::head_tags;
pub use redirects::{alias_file, post_page_file, redirect_key, redirect_page, Redirects};
pub use sitemap::{robots, sitemap};

/// The site as published: its origin and base path (for absolute URLs in feeds and link
/// previews) and its [`SiteIdentity`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedSite {
    /// Scheme and host, e.g. `https://user.github.io` (no path).
    pub origin: String,
    /// The path prefix, `/` or `/blog/`.
    pub base: String,
    /// Name, description and language from `site.yaml`.
    pub info: SiteIdentity,
}

/// The two parts of a site's address: scheme and host (`https://you.github.io`) and the path
/// after them (`/blog`, or `""`), surrounding space and trailing slashes left out.
pub fn split_site_url(site_url: &str) -> (&str, &str) {
    let trimmed = site_url.trim().trim_end_matches('/');
    let path_at = trimmed
        .find("://")
        .and_then(|i| trimmed[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(trimmed.len());
    trimmed.split_at(path_at)
}

/// A path prefix as every route expects it: one leading and one trailing slash (`blog` →
/// `/blog/`, `` → `/`).
pub fn base_path(base: &str) -> String {
    let mut base = base.trim().to_string();
    if !base.starts_with('/') {
        base.insert(0, '/');
    }
    if !base.ends_with('/') {
        base.push('/');
    }
    base
}

impl PublishedSite {
    /// Builds an address from a site URL and the path prefix. A path in `site_url` is
    /// ignored: the prefix is what the build was made for.
    pub fn new(site_url: &str, base: &str) -> PublishedSite {
        PublishedSite {
            origin: split_site_url(site_url).0.to_string(),
            base: base_path(base),
            info: SiteIdentity::default(),
        }
    }

    /// The same address for a site with these settings.
    pub fn with_info(self, info: SiteIdentity) -> PublishedSite {
        PublishedSite { info, ..self }
    }

    /// The path of a site page under the prefix: `/posts/x` → `/blog/posts/x`.
    pub fn path(&self, path: &str) -> String {
        under_base(&self.base, path)
    }

    /// The absolute URL of a site path (or an already absolute URL, unchanged).
    pub fn url(&self, path: &str) -> String {
        if path.contains("://") {
            return path.to_string();
        }
        format!("{}{}", self.origin, self.path(path))
    }

    /// The base path made absolute, for resolving links in feed content.
    pub fn absolute_base(&self) -> String {
        format!("{}{}", self.origin, self.base)
    }
}

#[cfg(test)]
mod tests;
