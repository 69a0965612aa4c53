#!/usr/bin/env bash
# Installs what the tests need beyond the build tools: Debian's Chromium + ChromeDriver
# (Playwright and wasm-bindgen-test drive them; browser downloads do not work here) and
# CJK fonts for screenshots. Skipped when already present.
set -euo pipefail
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
# The CPython differential tests and scripts/gen_unicode_tables.py compare with 3.11 exactly.
if ! python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  log "python3 must be CPython 3.11 (found: $(python3 --version 2>&1)); the tests compare with its exact output"
  exit 1
fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  log "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
