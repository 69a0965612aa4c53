#!/bin/sh
# Trunk's post_build hook (Trunk.toml): finishes the site in Trunk's staging directory, so
# `trunk build --release`, `trunk serve` and `./x dist` all give the complete site:
#   0. scripts/wasm-split.mjs replaces Trunk's main glue and wasm with the split ones (the pages
#      a first topic does not need are lazily loaded chunks) and runs wasm-opt on them;
#   1. src/bin/prerender.rs renders the notes bundle and writes the boot view's home page;
#   2. scripts/postbuild.mjs minifies the JS glue, writes the service worker's precache list
#      and adds the CSP (it hashes the final index.html, so it must run after step 1).
# One hook, not two: Trunk starts all hooks of a stage at the same time (Trunk 0.21,
# src/hooks.rs), so only one hook can order the steps.
set -eu
cd "$(dirname "$0")/.."
dir="${TRUNK_STAGING_DIR:?this is a Trunk post_build hook (or set TRUNK_STAGING_DIR to a built site)}"
if ! command -v node >/dev/null 2>&1; then
  echo "trunk-post-build: node is not on PATH (the post-build step needs Node.js; see scripts/setup-build.sh)" >&2
  exit 1
fi
node scripts/wasm-split.mjs "$dir"
cargo run --quiet --bin prerender -- "$dir"
node scripts/postbuild.mjs "$dir"
