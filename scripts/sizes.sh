#!/usr/bin/env bash
# Prints raw, gzip and brotli sizes of every file a release build ships (dist/). Figures to
# read and compare, not a pass/fail check.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
printf '%-48s %10s %10s %10s\n' artifact raw gzip brotli
# Prerendered pages are listed once (the home page); the app, styles and data in full.
find "$dist" -type f ! -name '*.br' ! -name '*.gz' ! -path '*/posts/*/index.html' \
  ! -path '*/tags/*' ! -path '*/authors/*' | sort | while read -r f; do
  printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$(stat -c %s "$f")" \
    "$(gzip -9 -c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)"
done
# What a page that embeds the author card downloads from the blog.
if [ -d "$dist/embed" ]; then
  total=0
  for f in author-card.js author-card-wasm.js author-card-wasm_bg.wasm; do
    total=$((total + $(brotli -q 11 -c "$dist/embed/$f" | wc -c)))
  done
  printf '%-48s %32d\n' "embed bundle (loader + glue + wasm), brotli" "$total"
fi
