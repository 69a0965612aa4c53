// How the end-to-end tests (playwright.config.mjs, tests/e2e/) and the benchmarks (bench/) start
// Debian's Chromium: one place, so the tests and the numbers run the same browser.
//
// Chromium honours only the last `--disable-features` on its command line, and Playwright
// passes its own list first, so a list given here replaces Playwright's: DISABLED_FEATURES is
// Playwright 1.65.1's list (playwright-core, `chromiumSwitches`; package.json pins it) plus
// the omnibox popup's WebUI. Chromium 156 loads that popup (chrome://omnibox-popup.top-chrome,
// ~150 requests and a renderer of its own) for every new headless window, during the page's
// own start-up; on this 2-core machine it took the CPU from the page being measured. Puppeteer
// disables the same two features by default (puppeteer/puppeteer#15278). Measured with
// bench/profile-startup.mjs, 15 cold loads each, twice: unthrottled app ready 262 → 168 ms and
// 274 → 174 ms (runs spread 191–404 → 136–209 ms). A reader's browser has its popup loaded
// long before they open the app, so the numbers without it are the ones a reader gets.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const CHROMIUM_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";

const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
  "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin",
  "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
  "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
];
// The list above must be the installed Playwright's, or this file would quietly drop what an
// upgrade adds: read it back from playwright-core and refuse to start on any difference.
{
  const bundle = readFileSync(join(dirname(createRequire(import.meta.url).resolve("playwright-core/package.json")), "lib/coreBundle.js"), "utf8");
  const m = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle);
  const theirs = m && [...m[1].replace(/\/\/.*$/gm, "").matchAll(/"([^"]*)"/g)].map((x) => x[1]).join(",");
  if (theirs !== PLAYWRIGHT_DISABLED_FEATURES.join(",")) {
    throw new Error(`scripts/chromium.mjs: Playwright's own --disable-features list changed; copy it into PLAYWRIGHT_DISABLED_FEATURES:\n${theirs ?? "(not found in playwright-core/lib/coreBundle.js)"}`);
  }
}
export const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, "WebUIOmniboxPopup", "WebUIOmniboxAimPopup"];

// As the machine's probe starts it: without the background-networking flags Chromium's
// connections are refused by this machine's closed network.
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-extensions",
  `--disable-features=${DISABLED_FEATURES.join(",")}`,
];
