#!/usr/bin/env bash
# Trunk post_build hook: the app's two other WebAssembly modules, beside the app Trunk built.
# The blog itself (posts, pages, feeds) is never built here: `blogtool build` and
# `blogtool serve` put it around this app (scripts/build-app.sh makes the app they embed).
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk}"
release=false
[ "${TRUNK_PROFILE:-debug}" = "release" ] && release=true
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
reader_profile=debug
if $release; then reader_profile=reader; fi
cargo build --quiet --offline --profile "${reader_profile/debug/dev}" -p blog-parser --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir "$staging/parser" --out-name blog-parser \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$reader_profile/blog_parser.wasm"
if $release; then
  optimise "$staging/parser/blog-parser_bg.wasm" -O3
fi
# The embeddable author card: the AuthorCard component compiled into its own small
# WebAssembly module (crates/embed), next to its loader in embed/. Cargo puts it under
# CARGO_TARGET_DIR when that is set (a shared target folder), else target/.
embed_profile=debug
if $release; then embed_profile=release; fi
cargo build --quiet --offline --profile "${embed_profile/debug/dev}" -p blog-embed --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir "$staging/embed" --out-name author-card-wasm \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$embed_profile/blog_embed.wasm"
if $release; then
  optimise "$staging/embed/author-card-wasm_bg.wasm"
fi
# What `blogtool` needs to know of this build: the public URL its files are named under (it
# puts the blog's own base path there) and the profile.
printf 'public_url %s\nprofile %s\n' "${TRUNK_PUBLIC_URL:-/}" "${TRUNK_PROFILE:-debug}" > "$staging/app.txt"
