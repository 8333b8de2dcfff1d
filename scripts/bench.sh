#!/usr/bin/env bash
# The side-by-side benchmark: builds our release site, docsify and Hugo from the same posts,
# serves them like a CDN and measures them in Chromium (Lighthouse, Markdown throughput,
# navigation, sizes, 1,000 and 10,000 generated posts, search against Pagefind). Prints the tables and writes them
# into BENCHMARKS.md. Figures, not pass/fail. Takes about 15 minutes here.
#
#   scripts/bench.sh                 everything
#   scripts/bench.sh load markdown   only some sections (load, paint, markdown, reader, navigation, size, scale, search, serve)
#   BENCH_SCALES=1000 BENCH_RUNS=1   smaller, quicker runs (BENCHMARKS.md is only written by a full run)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
source scripts/env.sh

if ! command -v hugo >/dev/null; then
  echo "installing hugo (Debian package)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y hugo; else sudo apt-get install -y hugo; fi
fi
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm install --no-audit --no-fund)
fi

echo "==> blogtool with the app inside (scripts/install.sh), our release build, and the bare app"
bash scripts/install.sh target/bench/prefix
target/bench/prefix/bin/blogtool build --out dist
# The app alone, for the corpora the post reader and navigation sections publish into: its
# files named under / (blogtool does this for every build it makes).
rm -rf target/bench/shell && cp -r target/app target/bench/shell
sed -i 's#/__blogtool_base__/#/#g' target/bench/shell/index.html

echo "==> the content pipeline on its own, optimised as the post reader ships (profile reader, wasm-opt -O3)"
cargo build --quiet --offline --profile reader -p bench-wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir target/bench/bench-wasm \
  target/wasm32-unknown-unknown/reader/bench_wasm.wasm
wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types \
  target/bench/bench-wasm/bench_wasm_bg.wasm -o target/bench/bench-wasm/bench_wasm_bg.wasm

node bench/run.mjs "$@"
