//! `blogtool`: native commands for authors and the build, sharing the browser's parsing core.
//!
//! ```text
//! blogtool publish [--posts DIR] --out DIR [--drafts] [--future] [--skip-broken] [--show-problems]
//!     Imports every post under DIR (`.md`, `.markdown`, `.mdx`, in any folder, written for
//!     any engine: see `blog_core::import`) and writes each as DIR/<slug>.md in this blog's
//!     own form, with the files it refers to in DIR/<slug>/; DIR/index.json (the post
//!     index), DIR/pages/N.json (the list's pages, of `page_size` posts from site.yaml or
//!     BLOG_PAGE_SIZE), each post's neighbours and related posts into
//!     DIR/context/<slug>.json, the search index into DIR/search and the site's name and
//!     links (from site.yaml) into DIR/site.json. Drafts, future-dated and expired posts are
//!     left out unless asked for. A post that cannot be read fails the command, unless
//!     --skip-broken leaves it out; --show-problems (`trunk serve`) also lists it, with its
//!     source, so opening it explains what is wrong. Published builds never show either.
//! blogtool check [--posts DIR] [--public DIR]
//!     Validates every post, the author registry and site.yaml; prints `file:line: message` and exits
//!     with status 1 when there are errors.
//! blogtool new "Title" [--posts DIR] [--author NAME]
//!     Writes a new draft post named after the title, dated today.
//! ```
//! `BLOG_NOW` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`) overrides the current time.

// The tool reads and writes files: it has nothing to do in a browser, where the crate's
// library is used alone.
#[cfg(not(target_arch = "wasm32"))]
#[path = "blogtool/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
