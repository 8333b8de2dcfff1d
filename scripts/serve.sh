#!/usr/bin/env bash
# Sets up what is missing, builds blogtool with the app inside it and installs it (Cargo's bin
# folder, ~/.cargo/bin), then serves this repository's example blog at
# http://127.0.0.1:1111/ with `blogtool serve`: saving a post, settings or a file under
# public/ rebuilds the blog and reloads the open page. Extra arguments go to
# `blogtool serve` (e.g. --port 9000, --open).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
source scripts/env.sh
exec blogtool serve . "$@"
