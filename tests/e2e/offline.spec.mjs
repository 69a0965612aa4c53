// Offline use and updates, end to end: a first visit installs the service worker; offline,
// every kind of page (home, deep-linked topic, exercise with typing, search) still works;
// then a changed build is deployed, the page offers 新版本可用, and accepting it loads the new
// version with the study progress intact and all files from one cache.
import { chromium } from "@playwright/test";
import { test, expect, ready, topics } from "./helpers.mjs";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../../bench/static-server.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const POSTBUILD = new URL("../../scripts/postbuild.mjs", import.meta.url).pathname;

let work, v1, v2, server;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "offline-e2e-"));
  v1 = join(work, "v1");
  v2 = join(work, "v2");
  cpSync(DIST, v1, { recursive: true });
  cpSync(DIST, v2, { recursive: true });
  // The "next release": a changed index.html, re-processed so the SW version changes.
  const html = readFileSync(join(v2, "index.html"), "utf8");
  writeFileSync(join(v2, "index.html"), html.replace("<title>", '<meta name="x-release" content="v2">\n  <title>'));
  execFileSync("node", [POSTBUILD, v2]);
  server = await serve(v1);
});

test.afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// dist/ is the output of plain `trunk build --release` (`./x dist` runs nothing else): Trunk's
// post_build hook (scripts/trunk-post-build.sh) must have finished it, or the worker below
// would throw on a placeholder and the page would have no CSP.
test("dist/ from trunk build --release is complete: notes, precache list and CSP", () => {
  const sw = readFileSync(join(DIST, "sw.js"), "utf8");
  expect(sw).not.toContain("__FILES__");
  expect(sw).not.toContain("__VERSION__");
  const files = JSON.parse(sw.match(/const FILES = (.*);/)[1]);
  expect(files).toContain("./index.html");
  expect(files.some((f) => /^\.\/notes-[0-9a-f]{16}\.json$/.test(f)), "the notes bundle is precached").toBe(true);
  // And every topic's own file, so any topic opens offline, visited before or not.
  const bundle = files.find((f) => /^\.\/notes-[0-9a-f]{16}\.json$/.test(f)).slice(2, -".json".length);
  expect(files.filter((f) => f.startsWith(`./${bundle}/`)).sort()).toEqual(topics().map((t) => `./${bundle}/${t.slug}.json`).sort());
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  expect(html).not.toContain("data-trunk");
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  expect(csp, "CSP meta tag").not.toBeNull();
  // Every inline script (the boot script, the loader) is allowed by its hash.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThanOrEqual(2);
  for (const script of inline) {
    expect(csp[1]).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
  }
});

test("the same sources build the same index.html: the boot script is terser's output", async () => {
  // Trunk's HTML minifier ordered the boot script's variables differently on each build, so an
  // unchanged redeploy changed the CSP hash and the cache version (新版本可用 for nothing).
  const { minifyBoot } = await import("../../scripts/minify-boot.mjs");
  const expected = await minifyBoot();
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const classic = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(classic).toEqual(expected);
});

const version = (dir) => JSON.parse(readFileSync(join(dir, "build-info.json"), "utf8")).version;

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

/** Names of this app's caches and, for each, its request paths. */
const cacheState = (page) =>
  page.evaluate(async () => {
    const out = {};
    for (const k of await caches.keys()) {
      const c = await caches.open(k);
      out[k] = (await c.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });

test("works offline after one visit, then updates to a new build with progress intact", async ({ page, context }) => {
  test.setTimeout(120_000);
  const base = server.url;
  expect(version(v1)).not.toBe(version(v2));

  // 1. First visit, online: the SW installs, precaches and takes control.
  await page.goto(base);
  await ready(page);
  await controlled(page);
  const first = await cacheState(page);
  expect(Object.keys(first)).toEqual([`mianshiti-${version(v1)}`]);
  // The install icons are precached too.
  const icons = readdirSync(join(v1, "icons")).filter((f) => f.endsWith(".png"));
  expect(icons.length).toBeGreaterThan(0);
  const prefix1 = new URL(base).pathname;
  for (const f of icons) expect(first[`mianshiti-${version(v1)}`]).toContain(`${prefix1}icons/${f}`);
  // The learner is told, once, that the app now works offline.
  const offlineReady = page.locator("#offline-ready[role=status]");
  await expect(offlineReady).toHaveText(/已可离线使用/);
  await offlineReady.getByRole("button", { name: "知道了" }).click();
  await expect(offlineReady).toHaveCount(0);
  // Set some progress to carry across the update.
  await page.goto(base + "#/t/merge-sorted-lists");
  await expect(page.locator("h1.topic-title")).toBeVisible();
  await page.locator('.status-btn[data-status="mastered"]').click();
  await expect(page.locator('.status-btn[data-status="mastered"]')).toHaveAttribute("aria-pressed", "true");

  // 2. Offline: every kind of page comes from the cache.
  await context.setOffline(true);
  await page.goto(base);
  await ready(page);
  await expect(page.locator(".hero h1")).toHaveText("面试题 Playground");

  await page.goto(base + "#/t/merge-sorted-lists");
  await page.reload();
  await ready(page);
  await expect(page.locator("h1.topic-title")).toBeVisible();
  await expect(page.locator('.status-btn[data-status="mastered"]')).toHaveAttribute("aria-pressed", "true");
  // Said once: not again after a reload.
  await expect(page.locator("#offline-ready")).toHaveCount(0);

  // A topic never opened in this session: its own file comes from the cache.
  await page.goto(base + "#/t/io-multiplexing");
  await page.reload();
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("I/O多路复用（IO multiplexing）");
  await expect(page.locator("article.topic .note-body")).toContainText("epoll");
  await expect(page.locator('[data-view="notes-missing"]')).toHaveCount(0);

  await page.goto(base + "#/ex/reverse_number?n=120");
  await page.reload();
  await ready(page);
  const ex = page.locator(".exercise");
  const reversed = ex.locator('.result[data-key="reversed"] output');
  await expect(reversed).toHaveText("21");
  const n = ex.locator(".field input").first();
  await n.fill("");
  await n.pressSequentially("-4500");
  await expect(reversed).toHaveText("-54");

  // Search works offline: results page and a highlighted hit.
  const box = page.locator('header.topbar input[type="search"]');
  await box.fill("闭包");
  await box.press("Enter");
  await expect(page).toHaveURL(/#\/search\?q=/);
  await expect(page.locator("main mark").first()).toHaveText("闭包");

  // 3. A new build is deployed while the user is away; they come back online.
  server.root = v2;
  await context.setOffline(false);
  await page.goto(base + "#/t/merge-sorted-lists");
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const prompt = page.locator("#update-prompt");
  await expect(prompt).toContainText("新版本可用", { timeout: 20_000 });

  // While the new worker waits, the page keeps being served the old build, from the old
  // cache; the new build is complete in its own cache.
  const waiting = await cacheState(page);
  expect(Object.keys(waiting).sort()).toEqual([`mianshiti-${version(v1)}`, `mianshiti-${version(v2)}`].sort());
  expect(await page.evaluate(() => fetch("build-info.json").then((r) => r.json()).then((j) => j.version))).toBe(version(v1));
  await expect(page.locator('meta[name="x-release"]')).toHaveCount(0);

  // 4. Accept: the new worker takes over and the page reloads into the new version.
  await Promise.all([page.waitForEvent("load"), prompt.getByRole("button", { name: "刷新" }).click()]);
  await ready(page);
  await expect(page.locator('meta[name="x-release"]')).toHaveAttribute("content", "v2");
  expect(await page.evaluate(() => fetch("build-info.json").then((r) => r.json()).then((j) => j.version))).toBe(version(v2));
  await expect(page.locator("#update-prompt")).toHaveCount(0);
  // Progress intact.
  await expect(page.locator("h1.topic-title")).toBeVisible();
  await expect(page.locator('.status-btn[data-status="mastered"]')).toHaveAttribute("aria-pressed", "true");

  // Never mixed: one cache left, holding exactly the new build's files, and everything the
  // page loaded is in it.
  const after = await cacheState(page);
  expect(Object.keys(after)).toEqual([`mianshiti-${version(v2)}`]);
  const expected = JSON.parse(readFileSync(join(v2, "sw.js"), "utf8").match(/const FILES = (.*);/)[1]);
  const prefix = new URL(base).pathname;
  expect([...new Set(after[`mianshiti-${version(v2)}`])].sort()).toEqual(
    [...new Set(expected.map((f) => prefix + f.replace(/^\.\//, "")))].sort(),
  );
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => !p.endsWith("build-info.json") && !p.endsWith("sw.js")),
  );
  for (const p of loaded) expect(after[`mianshiti-${version(v2)}`], `${p} loaded but not precached`).toContain(p);

  // Offline again after the update: still the new version.
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await expect(page.locator('meta[name="x-release"]')).toHaveAttribute("content", "v2");
  await context.setOffline(false);
});

test("the manifest makes the app installable, with light and dark theme colours", async ({ browserName }, testInfo) => {
  // Installability needs a real profile: Playwright's default contexts are incognito.
  const profile = mkdtempSync(join(tmpdir(), "install-e2e-"));
  const { launchOptions } = testInfo.project.use;
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, headless: true, locale: "zh-CN" });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  test.info().annotations.push({ type: "browser", description: browserName });
  try {
  server.root = v1;
  await page.goto(server.url);
  await ready(page);
  await controlled(page);
  // Taking control on the first visit must not reload the page (only real updates do).
  const nav = await page.evaluate(() => performance.getEntriesByType("navigation")[0].type);
  expect(nav).toBe("navigate");
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors, JSON.stringify(installabilityErrors)).toEqual([]);
  const manifest = await page.evaluate(() => fetch(document.querySelector('link[rel="manifest"]').href).then((r) => r.json()));
  expect(manifest.name).toContain("面试题");
  expect(manifest.display).toBe("standalone");
  expect(manifest.icons.some((i) => i.sizes === "512x512")).toBe(true);
  expect(manifest.icons.some((i) => i.sizes === "192x192")).toBe(true);
  const metas = await page.$$eval('meta[name="theme-color"]', (ms) => ms.map((m) => [m.media, m.content]));
  expect(metas).toEqual([
    ["(prefers-color-scheme: light)", "#f7f7f5"],
    ["(prefers-color-scheme: dark)", "#16181d"],
  ]);
  // The colours match the page's own backgrounds in each scheme.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const want = scheme === "light" ? "rgb(247, 247, 245)" : "rgb(22, 24, 29)";
    expect(bg, `${scheme} background`).toBe(want);
  }
  expect(errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// A worker that cannot install leaves the app without offline use, which the reader cannot
// see: public/sw-register.js must say so in the console, for a worker whose precache list
// names a missing file (install fails) and for a sw.js that throws (registration fails).
test("a service worker that fails to install or register is reported as a console error", async ({ browser }) => {
  const broken = (name, edit) => {
    const dir = join(work, name);
    cpSync(v1, dir, { recursive: true });
    writeFileSync(join(dir, "sw.js"), edit(readFileSync(join(dir, "sw.js"), "utf8")));
    return dir;
  };
  const cases = [
    [broken("missing-file", (sw) => sw.replace("const FILES = [", 'const FILES = ["./no-such-file.txt",')), /Service worker failed to install: the app will not work offline/],
    [broken("throws", (sw) => sw.replace(/const FILES = [^\n]*;/, "const FILES = __FILES__;")), /Service worker registration failed/],
  ];
  try {
    for (const [dir, expected] of cases) {
      server.root = dir;
      // A fresh context (no worker registered yet) outside the fixture, which fails on errors.
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(server.url);
      await ready(page);
      await expect.poll(() => errors.join("\n"), { timeout: 20_000 }).toMatch(expected);
      await context.close();
    }
  } finally {
    server.root = v1;
  }
});
