#!/usr/bin/env bash
# Renders public/icons/icon.svg to the PNG sizes the manifest lists, with Debian's Chromium,
# then re-encodes them as palette PNGs (scripts/png-palette.mjs).
# Run once after editing the SVG; the PNGs are committed.
set -euo pipefail
cd "$(dirname "$0")/../public/icons"
tmp=$(mktemp -d)
for size in 192 512; do
  cat > "$tmp/i.html" <<HTML
<html><body style="margin:0;background:transparent"><img src="file://$PWD/icon.svg" width="$size" height="$size"></body></html>
HTML
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/p" --hide-scrollbars \
    --default-background-color=00000000 --window-size=$size,$size --screenshot="$PWD/icon-$size.png" "file://$tmp/i.html" 2>/dev/null
done
# The 512 px PNG doubles as the maskable icon (manifest lists it twice): the symbol is
# full-bleed already and sits in the central safe zone.
rm -rf "$tmp"
# Chromium writes 32-bit RGBA; a 256-colour palette (mean error 0.5/255 per channel) is a third
# of the size, and the browser fetches these on every first visit to check installability.
node ../../scripts/png-palette.mjs icon-192.png icon-512.png
