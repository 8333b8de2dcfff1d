#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the blog needs, skipping everything that
# is already installed at the right version, so running it again costs seconds.
#   scripts/setup.sh         Rust wasm target, trunk, wasm-bindgen-cli, npm tools, crates,
#                            Chromium (it draws Mermaid diagrams at build time)
#   scripts/setup.sh --test  also ChromeDriver and brotli for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
with_browser=false
[ "${1:-}" = "--test" ] && with_browser=true

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
command -v node >/dev/null && command -v npm >/dev/null || apt_packages+=(nodejs npm)
# Chromium draws Mermaid diagrams into pictures when the blog is built (blogtool drives it;
# the Mermaid script from npm goes inside blogtool when it is compiled).
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
if $with_browser; then
  [ -x /usr/bin/chromedriver ] || apt_packages+=(chromium-driver)
  command -v brotli >/dev/null || apt_packages+=(brotli)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "installing ${apt_packages[*]} from Debian"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
  cargo install "trunk@$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wbg_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg_version" ]; then
  log "installing wasm-bindgen-cli $wbg_version (about 4 minutes)"
  # Without --locked: a dependency version locked by the CLI is missing from the registry.
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

# npm ci only when node_modules is missing or older than package-lock.json.
if ! [ node_modules/.package-lock.json -nt package-lock.json ]; then
  log "installing npm tools (binaryen's wasm-opt, Playwright)"
  npm ci --no-audit --no-fund --loglevel=error
fi

cargo fetch --quiet
