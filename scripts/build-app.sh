#!/usr/bin/env bash
# Builds the app once, as every blog gets it: the app's wasm and JavaScript, the stylesheet,
# the post reader and the embeddable author card (`trunk build --release`), into target/app
# (or the folder given), with app.txt naming the hash of the sources it was built from.
# `cargo build -p blog-site` (and scripts/install.sh) then puts that folder inside blogtool.
#   scripts/build-app.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
out="${1:-target/app}"
inputs="$(bash scripts/app-inputs.sh)"
# Built under a placeholder path that blogtool replaces with each blog's base path (`/`,
# `/blog/`): one build serves every blog.
trunk build --release --public-url /__blogtool_base__/ --dist "$out.new"
printf 'inputs %s\n' "$inputs" >> "$out.new/app.txt"
rm -rf "$out"
mv "$out.new" "$out"
echo "app built into $out (inputs $inputs)" >&2
