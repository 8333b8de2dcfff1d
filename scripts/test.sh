#!/usr/bin/env bash
# Runs every test, installing what is missing first: formatting, clippy (native and wasm32),
# native unit and snapshot tests, component tests in headless Chromium, then end-to-end tests
# in Chromium against the release build served over HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
source scripts/env.sh

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (native)"
cargo clippy --workspace --all-targets --offline -- -D warnings
step "clippy (wasm32)"
cargo clippy --workspace --all-targets --offline --target wasm32-unknown-unknown -- -D warnings
step "native tests: content core, snapshots, blogtool"
cargo test --workspace --offline
step "blogtool check on the shipped posts"
scripts/blogtool check
step "component tests in headless Chromium (wasm-bindgen-test)"
cargo test --offline -p rustblog --target wasm32-unknown-unknown --test web
step "release build at the root (trunk build --release), in a Cargo target folder of its own"
# Many users set CARGO_TARGET_DIR (one target folder for all their projects): the build's
# hooks must find what Cargo built there. This is the first release build, so nothing of
# that kind is under target/ to be found by mistake.
CARGO_TARGET_DIR="$PWD/target/own-target-dir" trunk build --release
step "release build under a sub-path (/blog/), with three posts per list page"
BLOG_SITE_CONFIG=tests/e2e/fixtures/site-blog.yaml BLOG_PAGE_SIZE=3 trunk build --release --public-url /blog/ --dist target/dist-blog
step "release build of the migration fixtures (posts written for other engines), under /blog/"
# The fixtures as a user would drop them into posts/, beside the shipped author registry,
# with their images in the site's images/ (tests/fixtures/migration/README.md).
rm -rf target/migration-posts && mkdir -p target/migration-posts
cp -r tests/fixtures/migration/. target/migration-posts/
cp posts/authors.yaml target/migration-posts/
# The reported faults (tests/fixtures/bugs/LOG.md) beside the shipped posts they link to,
# less the two a build must refuse (a title starting with `[`, tab indents): their errors
# are tested natively.
mkdir -p target/migration-posts/bugs target/migration-posts/shipped target/migration-posts/translations
cp tests/fixtures/bugs/*.md target/migration-posts/bugs/
rm target/migration-posts/bugs/{04-title-starting-with-brackets,24-tab-indented-front-matter,LOG}.md
cp posts/*.md target/migration-posts/shipped/
# A post and its translation in one bundle (`index.md`, `index.zh.md`, the same `slug:`).
cp -r tests/fixtures/translations/. target/migration-posts/translations/
# The site's files as that user would have them, ours plus the fixtures' images (and bug
# fixture 10's chart.png): publishing leaves out images missing from them (46's, on purpose).
rm -rf target/migration-public && cp -r public target/migration-public
cp tests/fixtures/migration/images/* target/migration-public/images/
# Every fixture in the feeds (BLOG_FEED_LIMIT), which the suite reads as a feed reader would.
BLOG_POSTS=target/migration-posts BLOG_PUBLIC=target/migration-public \
  BLOG_SITE_URL=https://rustblog.example BLOG_FEED_LIMIT=all \
  trunk build --release --public-url /blog/ --dist target/dist-migration
cp tests/fixtures/migration/images/* target/dist-migration/images/
step "sizes of what ships"
bash scripts/sizes.sh dist
step "end-to-end tests in Chromium"
npx --no-install playwright test -c tests/e2e/playwright.config.mjs
