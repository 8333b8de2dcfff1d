//! Offline reading: the service worker (`sw.js`, filled in with this build's files) and the
//! page it serves for a page not read before (the app, kept once it has run, then routes by
//! itself and says what cannot be loaded; where it never ran, the page says so itself).

use anyhow::{Context, Result};
use blog_core::html;
use blog_core::publish::PublishedSite;
use blog_core::routes::{self, under_base};
use rustblog::site::PageData;

use super::in_dist;
use super::template::{replace_once, script_json, Template, APP_SLOT};
use crate::output::Output;

/// Writes `shell.html` and `sw.js` into `dist`.
pub(crate) fn write(out: &Output, template: &Template, site: &PublishedSite) -> Result<()> {
    use sha2::{Digest, Sha256};
    let dist = out.root();
    let base = site.base.as_str();
    // The shell knows the site's settings, like every page.
    let data = script_json(&PageData {
        site: Some(site.info.clone()),
        site_url: Some(site.absolute_base()),
        ..PageData::default()
    })?;
    // What it says where the app has never run (it is kept once it has, and replaces this
    // with what the address names); it starts the app at once.
    let shell = replace_once(
        &template.html,
        APP_SLOT,
        &format!(
            "<div id=\"app\" data-start=\"load\"><main id=\"main\" class=\"offline-page\"><h1>You are offline</h1><p>This page was not saved for reading offline; the pages you have read before still open.</p><p><a href=\"{}\">All posts</a></p></main></div>",
            html::escape(&under_base(base, routes::HOME))
        ),
    )?;
    // Not a page of its own: search engines must not list it.
    let shell = replace_once(
        &shell,
        "</head>",
        &format!(
            "    <meta name=\"robots\" content=\"noindex\" />\n    <script id=\"blog-data\" type=\"application/json\">{data}</script>\n  </head>"
        ),
    )?;
    out.write(&in_dist(dist, routes::OFFLINE_SHELL), &shell)?;
    let mut files = vec![under_base(base, routes::OFFLINE_SHELL)];
    let entries =
        std::fs::read_dir(dist).with_context(|| format!("cannot read {}", dist.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let app =
            name.starts_with("rustblog-") && (name.ends_with(".js") || name.ends_with("_bg.wasm"));
        let asset = (name.starts_with("favicon-") && name.ends_with(".svg"))
            || (name.starts_with("style-") && name.ends_with(".css"));
        if app || asset {
            files.push(format!("{base}{name}"));
        }
    }
    // JavaScript the app's glue imports (wasm-bindgen snippets, in folders named by a hash).
    files.extend(
        super::files_under(&in_dist(dist, routes::SNIPPETS_DIR))?
            .files
            .into_iter()
            .map(|path| under_base(base, &format!("{}{path}", routes::SNIPPETS_DIR))),
    );
    // The post reader, which the app loads when idle on a list of posts or when it first
    // opens a post itself, is not fetched at install (a visit that reads one post from a
    // search engine never downloads it); the worker keeps
    // it once used, so posts read before still open offline. Its names carry no hash, so
    // its contents go into the build id below: a new reader means a new worker.
    let mut reader_bytes = Vec::new();
    if in_dist(dist, routes::PARSER_SCRIPT).exists() {
        for path in [routes::PARSER_SCRIPT, routes::PARSER_WASM] {
            let file = in_dist(dist, path);
            reader_bytes.push(
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?,
            );
        }
    }
    files.sort();
    // A new build id whenever the app, the reader or the shell changes: the browser then
    // installs the new worker, which drops the old app files.
    let mut digest = Sha256::new();
    digest.update(files.join("\n"));
    digest.update(&shell);
    for bytes in &reader_bytes {
        digest.update(bytes);
    }
    let build: String = digest
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = serde_json::to_string(&files).context("cannot list the app's files")?;
    let worker = include_str!("../../../../js/sw.js")
        .replace("__BUILD__", &build)
        .replace("__BASE__", base)
        .replace("__APP_FILES__", &list)
        .replace("__SHELL__", &under_base(base, routes::OFFLINE_SHELL))
        .replace(
            "__POSTS__",
            &under_base(base, &format!("/{}/", routes::POSTS)),
        )
        .replace("__IMAGES__", &under_base(base, routes::IMAGES_DIR))
        .replace("__READER__", &under_base(base, routes::PARSER_DIR));
    out.write(&in_dist(dist, routes::SERVICE_WORKER), &worker)
}
