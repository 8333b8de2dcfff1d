#!/usr/bin/env bash
# Trunk post_build hook. Publishes posts/ into Trunk's staging folder (never into the source
# tree, which would re-trigger `trunk serve`'s watcher): the post index and every published
# post, with the same parsing core the browser uses. Adds 404.html for hosts such as GitHub
# Pages that serve it for unknown paths.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk}"
extra=()
# Drafts and future-dated posts are visible while writing (`trunk serve`, debug profile),
# never in a release build. A broken post fails a release build (its message says which and
# why) unless BLOG_SKIP_BROKEN=1; while writing it is shown as a problem instead.
if [ "${TRUNK_PROFILE:-debug}" != "release" ]; then extra=(--drafts --future --skip-broken); fi
if [ -n "${BLOG_SKIP_BROKEN:-}" ]; then extra+=(--skip-broken); fi
# The native tools run over every post: release builds compile them for speed (profile
# `tool`), which pays off on large blogs; while writing, the quicker debug build is enough.
profile=()
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then profile=(--profile tool); fi
cargo run --quiet --offline "${profile[@]}" -p blog-core --bin blogtool -- \
  publish --posts "${BLOG_POSTS:-posts}" --out "$staging/posts" "${extra[@]}"
cp "$staging/index.html" "$staging/404.html"
# Release builds also ship the embeddable author card: the AuthorCard component compiled into
# its own small WebAssembly module (crates/embed), next to its loader in embed/. Cargo puts it
# under CARGO_TARGET_DIR when that is set (a shared target folder), else target/.
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  cargo build --quiet --offline --release -p blog-embed --target wasm32-unknown-unknown
  wasm-bindgen --target web --no-typescript --out-dir "$staging/embed" --out-name author-card-wasm \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/blog_embed.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types \
    "$staging/embed/author-card-wasm_bg.wasm" -o "$staging/embed/author-card-wasm_bg.wasm"
fi
# Release builds get a real HTML page for every route, feeds, sitemap and precompressed files,
# rendered natively by the app's own components (src/bin/prerender.rs).
# BLOG_PRERENDER=0 leaves the app shell alone (the benchmark prerenders other corpora into it).
if [ "${TRUNK_PROFILE:-debug}" = "release" ] && [ "${BLOG_PRERENDER:-1}" != 0 ]; then
  cargo run --quiet --offline --profile tool --bin prerender -- --dist "$staging" --base "${TRUNK_PUBLIC_URL:-/}"
fi
