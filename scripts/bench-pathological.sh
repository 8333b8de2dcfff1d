#!/usr/bin/env bash
# Prints how long the WebAssembly build of the content pipeline takes on each of cmark's
# pathological inputs and each YAML bomb, in headless Chromium. Compiled optimised (the
# `bench-wasm` profile: release settings without the slow whole-program LTO).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
source scripts/env.sh
cargo test --offline --profile bench-wasm -p rustblog --target wasm32-unknown-unknown \
  --test pathological_bench -- --nocapture 2>&1 | grep -vE '^(running|test |$)'
