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
# Release builds publish and prerender in one pass (the prerender tool, at the end); while
# writing, and for the benchmark's bare app shell (BLOG_PRERENDER=0), posts are only
# published. Local images missing from the site's files (BLOG_PUBLIC, else public/) are
# left out of the posts, with a warning naming the post, the line and the file.
prerender=0
if [ "${TRUNK_PROFILE:-debug}" = "release" ] && [ "${BLOG_PRERENDER:-1}" != 0 ]; then prerender=1; fi
if [ "$prerender" = 0 ]; then
  cargo run --quiet --offline "${profile[@]}" -p blog-core --bin blogtool -- \
    publish --posts "${BLOG_POSTS:-posts}" --out "$staging/posts" --public "${BLOG_PUBLIC:-public}" "${extra[@]}"
fi
cp "$staging/index.html" "$staging/404.html"
# Optimises a wasm module in place with binaryen's wasm-opt: for size (-Oz, as Trunk does the
# app's) unless told otherwise.
optimise() {
  wasm-opt "${2:--Oz}" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types "$1" -o "$1"
}
# The post reader: Markdown parsing as its own WebAssembly module (crates/parser), which the
# app loads when idle on a list of posts or when it first opens a post itself (a first visit
# adopts the prerendered article and parses nothing). Release builds optimise it for speed (Cargo's `reader`
# profile, wasm-opt -O3): it loads off the critical path and parses every post the app opens.
# Built for `trunk serve` too, unoptimised.
reader_profile=debug
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then reader_profile=reader; fi
cargo build --quiet --offline --profile "${reader_profile/debug/dev}" -p blog-parser --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir "$staging/parser" --out-name blog-parser \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$reader_profile/blog_parser.wasm"
if [ "$reader_profile" = reader ]; then
  optimise "$staging/parser/blog-parser_bg.wasm" -O3
fi
# Release builds also ship the embeddable author card: the AuthorCard component compiled into
# its own small WebAssembly module (crates/embed), next to its loader in embed/. Cargo puts it
# under CARGO_TARGET_DIR when that is set (a shared target folder), else target/.
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  cargo build --quiet --offline --release -p blog-embed --target wasm32-unknown-unknown
  wasm-bindgen --target web --no-typescript --out-dir "$staging/embed" --out-name author-card-wasm \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/blog_embed.wasm"
  optimise "$staging/embed/author-card-wasm_bg.wasm"
fi
# Release builds publish the posts and get a real HTML page for every route, feeds, sitemap
# and (with `precompress:` in site.yaml) precompressed files, rendered natively by the app's
# own components (src/bin/prerender/), in one process that reads each post once. It reads
# BLOG_POSTS, BLOG_PUBLIC and BLOG_SKIP_BROKEN itself.
if [ "$prerender" = 1 ]; then
  cargo run --quiet --offline --profile tool --bin prerender -- --dist "$staging" --base "${TRUNK_PUBLIC_URL:-/}"
fi
