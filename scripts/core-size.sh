#!/usr/bin/env bash
# Builds bench/core-size (the pure core with no UI, every entry point the UI uses exported)
# like the app's wasm: release profile, wasm-bindgen, wasm-opt -Oz. Writes
# target/core-size/core.wasm, which bench/run.mjs reports as the floor under any UI stack.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --target wasm32-unknown-unknown -p core-size
out=target/core-size
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/core_size.wasm
# The same wasm-opt flags as index.html's data-wasm-opt-params.
wasm-opt -Oz --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/core_size_bg.wasm" -o "$out/core.wasm"
