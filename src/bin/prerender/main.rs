//! `prerender`: writes a real HTML page for every route of a release build, rendered by the
//! app's own Leptos components natively, plus feeds, sitemap, robots.txt and precompressed
//! `.br`/`.gz` copies. Run by Trunk's post-build hook on release builds.
//!
//! usage: prerender --dist DIR [--base /blog/] [--site-url https://example.com]

#[cfg(not(target_arch = "wasm32"))]
mod render;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    render::main();
}

/// Prerendering is native-only; the wasm32 build of this binary does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
