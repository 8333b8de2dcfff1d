#!/usr/bin/env bash
# Builds the app and installs `blogtool` with it inside into PREFIX/bin (default: Cargo's bin
# folder, ~/.cargo/bin), from a fresh clone, installing what the build needs first like the
# other scripts. Afterwards `blogtool` needs nothing else on the machine: no Rust, Trunk,
# wasm-bindgen, binaryen or Node.
#   scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
# The app is built again only when its sources changed since the last build.
if [ "$(sed -n 's/^inputs //p' target/app/app.txt 2>/dev/null)" != "$(bash scripts/app-inputs.sh)" ]; then
  bash scripts/build-app.sh target/app
fi
root=()
if [ -n "${1:-}" ]; then root=(--root "$1"); fi
# Compiled for speed (Cargo's `tool` profile) in the checkout's target folder, so a second
# install reuses what the first compiled.
cargo install --quiet --offline --locked --force --profile tool --target-dir "${CARGO_TARGET_DIR:-target}" \
  --path crates/site "${root[@]}"
bin="${1:-${CARGO_HOME:-$HOME/.cargo}}/bin/blogtool"
echo "installed $bin ($(du -h "$bin" | cut -f1), $("$bin" --version))" >&2
