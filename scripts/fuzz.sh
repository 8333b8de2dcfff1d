#!/usr/bin/env bash
# Fuzzes the content pipeline with cargo-fuzz (libFuzzer): front matter, encoding repair,
# the whole post pipeline, the sanitizer and search (never panics; sanitizing twice changes
# nothing). cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain
# provide them. A crash leaves its input in fuzz/artifacts/<target>/: add it as a regression
# test in crates/blog-core/tests/never_panics.rs.
#   scripts/fuzz.sh [seconds per target, default 60] [targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter encoding post sanitize search)
cd fuzz
failed=()
for target in "${targets[@]}"; do
  echo "==> fuzzing $target for ${seconds}s"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 \
    >"target/$target.log" 2>&1; then
    failed+=("$target")
    grep -E 'panicked|SUMMARY|Test unit written' "target/$target.log" || tail -20 "target/$target.log"
  else
    grep -E '^Done' "target/$target.log"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashes in: ${failed[*]}" >&2
  exit 1
fi
