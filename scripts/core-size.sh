#!/usr/bin/env bash
# Builds bench/core-size (the pure core with no UI, every entry point the UI uses exported)
# like the app's wasm: release profile, wasm-bindgen, wasm-opt -Oz. Writes
# $CARGO_TARGET_DIR/core-size/core.wasm (default target/), which bench/run.mjs reports as the
# floor under any UI stack.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --target wasm32-unknown-unknown -p core-size
target="${CARGO_TARGET_DIR:-target}"
out="$target/core-size"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "$target/wasm32-unknown-unknown/release/core_size.wasm"
# The app's wasm-opt flags, read from index.html's data-wasm-opt-params (one source).
params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
[ -n "$params" ] || { echo "core-size: no data-wasm-opt-params in index.html" >&2; exit 1; }
# shellcheck disable=SC2086 # the flags are words
wasm-opt -Oz $params "$out/core_size_bg.wasm" -o "$out/core.wasm"
