#!/usr/bin/env bash
# Prints the hash of what the app is built from: `sha256sum` of every input file, sorted by
# path, hashed again. crates/site/build.rs computes the same over the same list (keep the two
# in step), so a `blogtool` refuses to build a blog with an app older than its checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
# macOS has shasum where Linux has sha256sum; both print "hash  path" lines.
sha=sha256sum
command -v sha256sum >/dev/null || sha="shasum -a 256"
find Cargo.lock Cargo.toml Trunk.toml crates/blog-core crates/embed crates/parser crates/ui \
  index.html js/author-card.js js/page.js public scripts/post-build.sh src -type f \
  -not -path '*/tests/*' -not -path '*/target/*' -not -path 'public/images/*' -print0 \
  | LC_ALL=C sort -z | xargs -0 $sha | $sha | cut -d' ' -f1
