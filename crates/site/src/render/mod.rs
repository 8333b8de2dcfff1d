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

/// What [`files_under`] found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// Every file, as its path under the folder with `/` between folders (as a site path
    /// has them).
    pub(crate) files: Vec<String>,
    /// Linked folders met on the way, not followed: a link to a folder above would never end.
    pub(crate) linked_folders: Vec<PathBuf>,
}

/// The files under `dir`, at any depth, in no particular order; none when `dir` does not
/// exist. Errors name a folder that cannot be read.
pub(crate) fn files_under(dir: &Path) -> anyhow::Result<Listing> {
    let mut listing = Listing::default();
    if !dir.is_dir() {
        return Ok(listing);
    }
    let mut folders = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
            let path = entry.path();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if !path.is_dir() {
                listing.files.push(name);
            } else if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                listing.linked_folders.push(path);
            } else {
                folders.push((path, format!("{name}/")));
            }
        }
    }
    Ok(listing)
}

/// Where the file or folder at a site path is in the built site.
pub(crate) fn in_dist(dist: &Path, path: &str) -> PathBuf {
    dist.join(path.trim_start_matches('/'))
}

/// The text of a file, or an error naming it.
pub(crate) fn read_file(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes `_headers` (Netlify, Cloudflare Pages: for hosts that send headers) as `headers`
/// (the blog's own file, else the app's; none is nothing) with the policy added: `policy`
/// for every page, and `posts` (`(route pattern, policy)`) for the post pages when their
/// comments need more. A header policy applies beside each page's own (the browser obeys
/// both), so the posts' route must not keep the site-wide one: Cloudflare Pages joins every
/// matching rule's headers unless a rule detaches one (`! Name`), Netlify takes the last
/// matching rule's value and ignores the detach line.
pub(crate) fn add_csp_header(
    out: &crate::output::Output,
    headers: &str,
    policy: &str,
    posts: Option<(String, String)>,
) -> anyhow::Result<()> {
    let mut headers = format!(
        "{headers}\n# Written by blogtool build: the policy with this build's inline-script hash.\n/*\n  Content-Security-Policy: {policy}\n"
    );
    if let Some((route, policy)) = posts {
        headers.push_str(&format!(
            "\n# Post pages: their comments' provider too (each page's own policy allows only what it shows).\n{route}\n  ! Content-Security-Policy\n  Content-Security-Policy: {policy}\n"
        ));
    }
    out.write(&out.at(HEADERS), headers)
}

/// The hosts' headers file, under the site's root.
pub(crate) const HEADERS: &str = "_headers";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_under_a_folder_are_named_as_site_paths_and_linked_folders_not_followed() {
        let dir = std::env::temp_dir().join(format!("blogtool-files-under-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("images/2024")).unwrap();
        std::fs::write(dir.join("favicon.svg"), "").unwrap();
        std::fs::write(dir.join("images/2024/a loaf.png"), "").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("images/loop")).unwrap();
        let mut listing = files_under(&dir).unwrap();
        listing.files.sort();
        assert_eq!(listing.files, ["favicon.svg", "images/2024/a loaf.png"]);
        #[cfg(unix)]
        assert_eq!(listing.linked_folders, [dir.join("images/loop")]);
        assert!(files_under(&dir.join("none")).unwrap().files.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
