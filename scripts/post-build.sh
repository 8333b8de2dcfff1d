#!/usr/bin/env bash
# Trunk post_build hook: generates the post index into Trunk's staging folder (never into the
# source tree, which would re-trigger `trunk serve`'s watcher) and adds 404.html for hosts
# such as GitHub Pages that serve it for unknown paths.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk}"
drafts=()
# Drafts are visible while writing (`trunk serve`, debug profile), never in a release build.
if [ "${TRUNK_PROFILE:-debug}" != "release" ]; then drafts=(--drafts); fi
cargo run --quiet --offline -p blog-core --bin blogtool -- \
  manifest --posts posts --out "$staging/posts/index.json" "${drafts[@]}"
cp "$staging/index.html" "$staging/404.html"
