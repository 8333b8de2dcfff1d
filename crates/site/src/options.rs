//! The prerender's command line and settings: where the posts and the built site are, under
//! which path and address it is published, and the theme from `site.yaml`.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use blog_core::publish::PublishedSite;

pub(crate) const USAGE: &str = "usage: prerender --dist DIR [--posts DIR] [--public DIR] \
     [--skip-broken] [--base /blog/] [--site-url https://example.com]";

/// What one run works on.
pub(crate) struct Options {
    /// Trunk's output folder, written in place.
    pub(crate) dist: PathBuf,
    /// The posts folder (`--posts`, else `BLOG_POSTS`, else `posts/`).
    pub(crate) posts: PathBuf,
    /// The site's own files (`--public`, else `BLOG_PUBLIC`, else `public/`).
    pub(crate) public: PathBuf,
    /// Leave posts that cannot be read out instead of failing (`--skip-broken`, or
    /// `BLOG_SKIP_BROKEN` set).
    pub(crate) skip_broken: bool,
    /// Where the site is published, and its settings.
    pub(crate) site: PublishedSite,
    /// CSS for the theme's colours, after the stylesheet's.
    pub(crate) theme_css: String,
    /// Whether to write `.br` and `.gz` copies (`precompress:` in site.yaml).
    pub(crate) precompress: bool,
    /// How many of the newest posts the feeds carry; `None` for all (`feed_limit:`).
    pub(crate) feed_limit: Option<usize>,
}

/// Reads the arguments (`--dist`, `--posts`, `--public`, `--skip-broken`, `--base`,
/// `--site-url`; `BLOG_POSTS`, `BLOG_PUBLIC`, `BLOG_SKIP_BROKEN`, `TRUNK_PUBLIC_URL` and
/// `BLOG_SITE_URL` are their defaults) and `site.yaml`.
pub(crate) fn parse() -> Result<Options> {
    let mut dist = None;
    // Empty is unset, as the build scripts' `${BLOG_POSTS:-posts}` has it.
    let from_env = |name: &str, default: &str| {
        let value = std::env::var(name).ok().filter(|v| !v.is_empty());
        PathBuf::from(value.unwrap_or_else(|| default.into()))
    };
    let mut posts = from_env("BLOG_POSTS", "posts");
    let mut public = from_env("BLOG_PUBLIC", "public");
    let mut skip_broken = std::env::var_os("BLOG_SKIP_BROKEN").is_some_and(|v| !v.is_empty());
    let mut base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let mut site_url = std::env::var("BLOG_SITE_URL").ok();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| anyhow!("{arg} needs a value"));
        match arg.as_str() {
            "--dist" => dist = Some(PathBuf::from(value()?)),
            "--posts" => posts = PathBuf::from(value()?),
            "--public" => public = PathBuf::from(value()?),
            "--skip-broken" => skip_broken = true,
            "--base" => base = value()?,
            "--site-url" => site_url = Some(value()?),
            other => bail!("unknown option `{other}`\n{USAGE}"),
        }
    }
    let config = blog_core::config::Settings::load().map_err(|e| anyhow!(e))?;
    let site_url = site_url
        .or(config.url)
        .context("site.yaml has no `url:` (where the blog is published)")?;
    Ok(Options {
        dist: dist.with_context(|| format!("--dist DIR is required\n{USAGE}"))?,
        posts,
        public,
        skip_broken,
        site: PublishedSite::new(&site_url, &base).with_info(config.info),
        theme_css: config.theme.css(),
        precompress: config.precompress,
        feed_limit: config.feed_limit,
    })
}
