#!/usr/bin/env bash
# Sets up what is missing, then builds the blog and serves it at http://127.0.0.1:8080/,
# rebuilding (and re-indexing posts) whenever a file under posts/, src/ or public/ changes.
# Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
exec trunk serve "$@"
