//! `prerender`: the release build's one pass over the posts. Publishes `posts/` into
//! `DIR/posts` (as `blogtool publish` does: the app's data files) and, from what that
//! returns in memory, writes a real HTML page for every route, rendered by the app's own
//! Leptos components natively, plus feeds, sitemap, robots.txt, the offline shell and
//! service worker, the embeddable card's pages and, when `site.yaml` asks for them
//! (`precompress: true`), `.br`/`.gz` copies. Run by Trunk's post-build hook on release
//! builds; ends with a summary (posts, pages, seconds for each step).
//!
//! usage: prerender --dist DIR [--posts DIR] [--public DIR] [--skip-broken] [--base /blog/]
//!        [--site-url https://example.com]
//!
//! - `options`: arguments and `site.yaml`;
//! - `template`: Trunk's `index.html` made into the page template (`loader.js` inside);
//! - `pages`: every route's page, redirects, feeds and sitemap;
//! - `offline`: the service worker (`sw.js`) and the offline shell;
//! - `embeds`: the author card's files for other websites;
//! - `compress`: the `.br` and `.gz` copies.

#[cfg(not(target_arch = "wasm32"))]
mod compress;
#[cfg(not(target_arch = "wasm32"))]
mod embeds;
#[cfg(not(target_arch = "wasm32"))]
mod offline;
#[cfg(not(target_arch = "wasm32"))]
mod options;
#[cfg(not(target_arch = "wasm32"))]
mod pages;
#[cfg(not(target_arch = "wasm32"))]
mod template;

#[cfg(not(target_arch = "wasm32"))]
use std::path::{Path, PathBuf};

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(error) = run() {
        // `{:#}` gives the whole chain: what failed, then why (the path, the I/O error).
        eprintln!("prerender: {error:#}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> anyhow::Result<()> {
    use blog_core::build::{self, PublishOptions};
    use blog_core::routes;

    let started = std::time::Instant::now();
    let options::Options {
        dist,
        posts,
        public,
        skip_broken,
        site,
        theme_css,
        precompress,
        feed_limit,
    } = options::parse()?;
    let _ = any_spawner::Executor::init_futures_executor();
    let template = template::prepare(&dist, &site, &theme_css)?;
    // Pages are rendered while the search index is written.
    let (published, (written, rendering)) = build::publish_then(
        &PublishOptions {
            posts: &posts,
            out: &in_dist(&dist, routes::POSTS),
            public: &public,
            base: &site.base,
            include_drafts: false,
            include_future: false,
            skip_broken,
            show_problems: false,
        },
        |published| {
            let begun = std::time::Instant::now();
            pages::write_all(&dist, &template, &site, published, feed_limit).map(|w| (w, begun))
        },
    )?;
    let index = &published.index;
    embeds::write(&dist, index, &site.info.language)?;
    offline::write(&dist, &template, &site)?;
    add_csp_header(&dist, &template.policy)?;
    let compressed = if precompress {
        format!("; {} files precompressed", compress::precompress(&dist)?)
    } else {
        String::new()
    };
    eprintln!(
        "prerender: {} posts published ({:.1} s), {} pages, feeds, sitemap and the search index for {} ({:.1} s){compressed}; {:.1} s in all",
        written.posts,
        published.seconds,
        written.pages + 1,
        site.url(routes::HOME),
        rendering.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    // The process ends here: freeing a large blog's texts and pages one allocation at a
    // time would take a tenth of a second for nothing.
    std::mem::forget(published);
    Ok(())
}

/// Where the file or folder at a site path is in the built site.
#[cfg(not(target_arch = "wasm32"))]
fn in_dist(dist: &Path, path: &str) -> PathBuf {
    dist.join(path.trim_start_matches('/'))
}

/// The text of a file, or an error naming it.
#[cfg(not(target_arch = "wasm32"))]
fn read_file(path: &Path) -> anyhow::Result<String> {
    use anyhow::Context;
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes a file, creating its folder; errors name the file. One file at a time, from
/// however many threads: parallel creates in one folder contend for its lock in the kernel,
/// while pages still render on every core around the writes.
#[cfg(not(target_arch = "wasm32"))]
fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> anyhow::Result<()> {
    use anyhow::Context;
    static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = WRITING.lock();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Adds the policy to `_headers` (Netlify, Cloudflare Pages) for hosts that send headers.
#[cfg(not(target_arch = "wasm32"))]
fn add_csp_header(dist: &Path, policy: &str) -> anyhow::Result<()> {
    let path = dist.join("_headers");
    let mut headers = std::fs::read_to_string(&path).unwrap_or_default();
    headers.push_str(&format!(
        "\n# Written by prerender: the policy with this build's inline-script hash.\n/*\n  Content-Security-Policy: {policy}\n"
    ));
    write_file(&path, &headers)
}

/// Prerendering is native-only; the wasm32 build of this binary does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
