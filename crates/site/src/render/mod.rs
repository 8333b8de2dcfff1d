//! The site's pages, from what publishing returned in memory: a real HTML page for every
//! route rendered by the app's own Leptos components natively, plus feeds, sitemap,
//! robots.txt, the offline shell and service worker, the embeddable card's pages and, when
//! `site.yaml` asks for them (`precompress: true`), `.br`/`.gz` copies.
//!
//! - `template`: the app's `index.html` made into the page template (`loader.js` inside);
//! - `pages`: every route's page, redirects, feeds and sitemap;
//! - `offline`: the service worker (`sw.js`) and the offline shell;
//! - `embeds`: the author card's files for other websites;
//! - `compress`: the `.br` and `.gz` copies.

pub(crate) mod compress;
pub(crate) mod embeds;
pub(crate) mod offline;
pub(crate) mod pages;
pub(crate) mod template;

use std::path::{Path, PathBuf};

use anyhow::Context;

/// Where the file or folder at a site path is in the built site.
pub(crate) fn in_dist(dist: &Path, path: &str) -> PathBuf {
    dist.join(path.trim_start_matches('/'))
}

/// The text of a file, or an error naming it.
pub(crate) fn read_file(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes a file, creating its folder; errors name the file. One file at a time, from
/// however many threads: parallel creates in one folder contend for its lock in the kernel,
/// while pages still render on every core around the writes.
pub(crate) fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> anyhow::Result<()> {
    static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = WRITING.lock();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Adds the policy to `_headers` (Netlify, Cloudflare Pages) for hosts that send headers.
pub(crate) fn add_csp_header(dist: &Path, policy: &str) -> anyhow::Result<()> {
    let path = dist.join("_headers");
    let mut headers = std::fs::read_to_string(&path).unwrap_or_default();
    headers.push_str(&format!(
        "\n# Written by blogtool build: the policy with this build's inline-script hash.\n/*\n  Content-Security-Policy: {policy}\n"
    ));
    write_file(&path, &headers)
}
