# Environment for building and testing; sourced by the other scripts.
# Puts the pinned tools first on PATH: cargo-installed trunk and wasm-bindgen, and npm's
# binaryen (wasm-opt 132) instead of Debian's too-old wasm-opt.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
