#!/usr/bin/env bash
# Installs every tool the build needs, pinned, skipping what is already present.
# Idempotent: a warm run takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.129   # must equal the wasm-bindgen version in Cargo.lock
WASM_SPLIT_VERSION=0.2.4       # wasm-split-cli, compatible with Cargo.lock's wasm_split_helpers 0.2

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

if ! have_version trunk "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 9 minutes cold)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked
fi

# scripts/wasm-split.mjs cuts the app's wasm into lazily loaded chunks (issue 17). Its
# `--version` prints no version, so the installed crate's version is read from cargo's list.
if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 1–2 minutes cold)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# wasm-opt from npm binaryen (Debian's binaryen 108 produces broken output).
stamp="$(sha256sum package-lock.json | cut -c1-16)"
if [ "$(cat node_modules/.lock-stamp 2>/dev/null)" != "$stamp" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  log "installing npm packages (binaryen, terser, playwright-core, lighthouse, pyodide, codemirror, esbuild) with npm ci"
  npm ci --no-audit --no-fund
  echo "$stamp" > node_modules/.lock-stamp
fi
