#!/usr/bin/env bash
# Issue 17's prototype of Leptos 0.8's `#[lazy]` code splitting, measured against the shipped
# app (BENCHMARKS.md, "The app: one module or split by route"). Not part of the build: Trunk
# 0.21 runs cargo and wasm-bindgen itself with no step between, so the split app is built
# here by hand, as cargo-leptos does:
#   1. the app at HEAD with each route's view behind `#[lazy]` (lazy-routes.patch), in a
#      git worktree, linked with `--emit-relocs`;
#   2. `wasm-split-cli` (crates.io `wasm_split_cli_support`, installed into target/bench/)
#      cuts it into a main module, one module per route and shared chunks;
#   3. wasm-bindgen (`--keep-lld-exports`: the chunks link to the main module's table) and
#      wasm-opt -Oz on every module, as Trunk does for the app;
#   4. the brotli size of what each route needs, then a copy of dist/ with the split app in
#      place of the shipped one, both timed in Chromium by measure.mjs.
# Needs a release build in dist/ (trunk build --release). Takes about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
root=$PWD
work=$root/target/bench/lazy
tree=$work/tree
mkdir -p "$work"
if [ ! -x "$work/tool/bin/wasm-split-cli" ]; then
  cargo install --locked wasm_split_cli_support --version 0.2.4 --features build-binary --root "$work/tool"
fi
git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
git worktree add --detach "$tree" HEAD
(cd "$tree" && git apply "$root/bench/lazy/lazy-routes.patch")
# A target folder of its own: the link flag would otherwise rebuild the shipped app's.
(cd "$tree" && CARGO_TARGET_DIR="$work/target" RUSTFLAGS="-C link-args=--emit-relocs" \
  cargo build --quiet --offline --release -p rustblog --bin rustblog --target wasm32-unknown-unknown)
out=$work/out
rm -rf "$out" && mkdir -p "$out/split"
"$work/tool/bin/wasm-split-cli" --out-name rustblog \
  "$work/target/wasm32-unknown-unknown/release/rustblog.wasm" "$out/split"
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$out" --out-name rustblog \
  "$out/split/rustblog.wasm"
rm "$out/split/rustblog.wasm"
for f in "$out"/split/*.wasm "$out/rustblog_bg.wasm"; do
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types "$f" -o "$f" 2>/dev/null
done
git worktree remove --force "$tree"

echo "## What each route needs (bytes, brotli)"
python3 - "$out" "$root/dist" <<'PY'
import glob, os, re, subprocess, sys
out, dist = sys.argv[1], sys.argv[2]
def br(path):
    return len(subprocess.run(["brotli", "-c", "-q", "11", path], capture_output=True, check=True).stdout)
link = open(os.path.join(out, "split/__wasm_split.js")).read()
# Each chunk is preceded by a comment naming the routes that need it.
needs = {}
for m in re.finditer(r"/\* ([^*]*) \*/\s*const __chunk_(\d+)", link):
    for split in filter(None, (s.strip() for s in m.group(1).split(","))):
        needs.setdefault(split, []).append(f"chunk_{m.group(2)}.wasm")
main = br(os.path.join(out, "rustblog_bg.wasm"))
glue = br(os.path.join(out, "rustblog.js")) + br(os.path.join(out, "split/__wasm_split.js"))
shipped = br(glob.glob(os.path.join(dist, "rustblog-*_bg.wasm"))[0]) + br(glob.glob(os.path.join(dist, "rustblog-*.js"))[0])
everything = main + glue + sum(br(f) for f in glob.glob(os.path.join(out, "split/*.wasm")))
print("| route | its module | shared chunks (files) | to start on this route (main + glue + route) | shipped app |")
print("|---|---|---|---|---|")
for split, chunks in sorted(needs.items()):
    own = br(os.path.join(out, f"split/split_{split}.wasm"))
    shared = sum(br(os.path.join(out, "split", c)) for c in chunks)
    name = split.rsplit("_", 1)[0].removeprefix("lazy_")
    print(f"| {name} | {own} | {shared} ({len(chunks)}) | {main + glue + own + shared} | {shipped} |")
print(f"\nMain module {main}, glue and link script {glue}; every module of the split app {everything}; the shipped app {shipped}.")
PY

# The built site with the split app in place of the shipped one (same file names; Trunk's
# integrity hashes dropped, as the files changed).
site=$work/site
rm -rf "$site" && cp -r dist "$site"
glue_file=$(basename "$(ls "$site"/rustblog-*.js)")
cp "$out/rustblog.js" "$site/$glue_file"
cp "$out/rustblog_bg.wasm" "$(ls "$site"/rustblog-*_bg.wasm)"
cp "$out"/split/*.wasm "$site/"
sed "s#\"./rustblog.js\"#\"./$glue_file\"#" "$out/split/__wasm_split.js" > "$site/__wasm_split.js"
cp -r "$out/snippets/." "$site/snippets/"
find "$site" -name '*.html' -exec sed -i 's/ integrity="sha384-[^"]*"//g' {} +
echo
echo "## Starting the app and opening a post (median of 5, ms)"
node bench/lazy/measure.mjs dist "$site"
