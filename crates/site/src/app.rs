//! The prebuilt app every blog is built around: the app's wasm and JavaScript, the
//! stylesheet, the post reader, the embeddable card and Trunk's `index.html`, either inside
//! this `blogtool` (what `scripts/build-app.sh` made when it was compiled) or a folder given
//! with `--app` (a `trunk build` or `trunk serve` output, while working on the app).

use std::borrow::Cow;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// The app's page template, Trunk's `index.html`.
const TEMPLATE: &str = "index.html";

include!(concat!(env!("OUT_DIR"), "/app.rs"));

/// The command that makes the app and puts it inside `blogtool`, named in every message
/// about a missing or outdated app.
pub const REBUILD: &str =
    "scripts/install.sh (or scripts/build-app.sh, then cargo build -p blog-site)";

/// One build of the app.
pub struct App {
    /// Each file: path under the site (`/` separated), bytes.
    files: Vec<(String, Cow<'static, [u8]>)>,
    /// The path prefix its `index.html` names its files under (`trunk --public-url`).
    public_url: String,
    /// Where it came from, for messages.
    pub origin: String,
}

impl App {
    /// The app inside this `blogtool`.
    ///
    /// # Errors
    /// When it was compiled without one, or with one built from other sources than the
    /// checkout it was compiled from (never ship a blog with an old app); both name
    /// [`REBUILD`].
    pub fn embedded() -> Result<App> {
        let (Some(inputs), false) = (EMBEDDED_INPUTS, EMBEDDED_FILES.is_empty()) else {
            bail!("this blogtool was compiled without the app; build it with {REBUILD}, or name a built app with --app DIR");
        };
        if inputs != CHECKOUT_INPUTS {
            bail!(
                "the app inside this blogtool was built from other sources than the checkout \
                 it was compiled from (app {}, checkout {}); rebuild it with {REBUILD}",
                &inputs[..12.min(inputs.len())],
                &CHECKOUT_INPUTS[..12]
            );
        }
        Ok(App {
            files: EMBEDDED_FILES
                .iter()
                .map(|(path, bytes)| (path.to_string(), Cow::Borrowed(*bytes)))
                .collect(),
            public_url: EMBEDDED_PUBLIC_URL.unwrap_or("/").to_string(),
            origin: "the app inside blogtool".into(),
        })
    }

    /// Whether this `blogtool` carries an app at all (outdated or not).
    pub fn is_embedded() -> bool {
        !EMBEDDED_FILES.is_empty()
    }

    /// The app in `dir`: what `scripts/build-app.sh`, `trunk build` or `trunk serve` wrote
    /// (its `app.txt` names the public URL it was built with; `/` when it has none).
    ///
    /// # Errors
    /// When `dir` has no `index.html`, or a file cannot be read.
    pub fn from_dir(dir: &Path) -> Result<App> {
        if !dir.join("index.html").is_file() {
            bail!(
                "{} is not a built app (it has no index.html); build one with {REBUILD} or `trunk build`",
                dir.display()
            );
        }
        let info = std::fs::read_to_string(dir.join("app.txt")).unwrap_or_default();
        let public_url = info
            .lines()
            .find_map(|line| line.strip_prefix("public_url "))
            .unwrap_or("/")
            .trim()
            .to_string();
        let mut paths = crate::render::files_under(dir)?.files;
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for relative in paths {
            // Pages and data of an older blog build beside the app are not the app's.
            if relative == "app.txt" || !is_app_file(&relative) {
                continue;
            }
            let path = dir.join(&relative);
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            files.push((relative, Cow::Owned(bytes)));
        }
        Ok(App {
            files,
            public_url,
            origin: dir.display().to_string(),
        })
    }

    /// The app's files, with `index.html` naming them under `base` (`/`, `/blog/`).
    pub fn files(&self, base: &str) -> Vec<(&str, Cow<'_, [u8]>)> {
        self.files
            .iter()
            .map(|(path, bytes)| {
                let bytes = if path == "index.html" {
                    Cow::Owned(
                        rebase(&String::from_utf8_lossy(bytes), &self.public_url, base)
                            .into_bytes(),
                    )
                } else {
                    Cow::Borrowed(bytes.as_ref())
                };
                (path.as_str(), bytes)
            })
            .collect()
    }

    /// Writes the app's files into `out` for a site under `base`; `_headers` is left to the
    /// build, which adds the content policy to it, and `index.html` too: it is the template
    /// of every page ([`App::template`]), and the home page takes its place.
    ///
    /// # Errors
    /// A file that cannot be written, named.
    pub(crate) fn write(&self, out: &crate::output::Output, base: &str) -> Result<()> {
        for (path, bytes) in self.files(base) {
            if path != crate::render::HEADERS && path != TEMPLATE {
                out.write(Path::new(path), bytes)?;
            }
        }
        Ok(())
    }

    /// The app's `index.html` for a site under `base`: the template of every page.
    ///
    /// # Errors
    /// When the app has none.
    pub(crate) fn template(&self, base: &str) -> Result<String> {
        let bytes = self.file(TEMPLATE).context("the app has no index.html")?;
        Ok(rebase(
            &String::from_utf8_lossy(bytes),
            &self.public_url,
            base,
        ))
    }

    /// The bytes of one of the app's files (`_headers`), as built.
    pub(crate) fn file(&self, path: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(name, _)| name == path)
            .map(|(_, bytes)| bytes.as_ref())
    }
}

/// Whether a file of a built app folder belongs to the app: a `trunk serve` folder (`dist/`)
/// may also hold a blog built into it by an earlier version.
fn is_app_file(relative: &str) -> bool {
    use blog_core::routes;
    let first = relative.split('/').next().unwrap_or(relative);
    let folders = [
        routes::POSTS,
        routes::PAGE,
        routes::TAGS,
        routes::CATEGORIES,
        routes::SERIES,
        routes::AUTHORS,
        routes::SEARCH,
    ];
    let files = [
        routes::NOT_FOUND_FILE,
        routes::SERVICE_WORKER,
        routes::OFFLINE_SHELL,
        routes::ATOM_FEED,
        routes::RSS_FEED,
        routes::JSON_FEED,
        routes::SITEMAP,
        routes::ROBOTS,
    ];
    let blog =
        folders.contains(&first) || files.iter().any(|f| f.trim_start_matches('/') == relative);
    // The card's registry and pages are the blog's; its loader and wasm (named after the
    // loader) are the app's.
    let loader = routes::EMBED_SCRIPT.trim_start_matches('/');
    let (embed_dir, loader_file) = loader.rsplit_once('/').unwrap_or(("", loader));
    let stem = loader_file.trim_end_matches(".js");
    let blog_embed = relative
        .strip_prefix(embed_dir)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| !rest.starts_with(stem));
    !blog && !blog_embed
}

/// `index.html` with the file addresses Trunk wrote under `from` written under `to`: every
/// quoted address that starts with `from` (attributes and the loader's imports).
fn rebase(html: &str, from: &str, to: &str) -> String {
    if from == to {
        return html.to_string();
    }
    html.replace(&format!("\"{from}"), &format!("\"{to}"))
        .replace(&format!("'{from}"), &format!("'{to}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_is_named_under_the_blogs_base_path() {
        let html = "<link rel=\"modulepreload\" href=\"/__b__/rustblog-1.js\"><script type=\"module\">import init from '/__b__/rustblog-1.js';</script><a href=\"/x\">";
        assert_eq!(
            rebase(html, "/__b__/", "/blog/"),
            "<link rel=\"modulepreload\" href=\"/blog/rustblog-1.js\"><script type=\"module\">import init from '/blog/rustblog-1.js';</script><a href=\"/x\">"
        );
        assert_eq!(rebase(html, "/__b__/", "/__b__/"), html);
    }

    #[test]
    fn a_served_app_folder_leaves_an_older_blog_build_out() {
        for kept in [
            "index.html",
            "rustblog-1_bg.wasm",
            "parser/blog-parser.js",
            "embed/author-card.js",
            "embed/author-card-wasm_bg.wasm",
            "snippets/a/inline0.js",
        ] {
            assert!(is_app_file(kept), "{kept}");
        }
        for left in [
            "posts/index.json",
            "tags/rust/index.html",
            "404.html",
            "embed/authors.json",
        ] {
            assert!(!is_app_file(left), "{left}");
        }
    }
}
