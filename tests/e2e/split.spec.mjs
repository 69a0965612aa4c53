// The split wasm (issue 17, scripts/wasm-split.mjs): the parts a first topic does not need
// (#/progress, #/review, #/notes, #/py, the exercise panels, the top-k exercise's word-file
// reader) are chunks in split-<hash>/, fetched on first use, not on the way to a topic; each
// works when opened, deep-linked and reloaded, and offline after one visit (the service worker
// precaches the chunks with everything else).
import { test as plain } from "@playwright/test";
import { test, expect, ready } from "./helpers.mjs";
import { readdirSync, readFileSync } from "node:fs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const splitDir = readdirSync(DIST).find((f) => /^split-[0-9a-f]{16}$/.test(f));
const chunk = /\/split-[0-9a-f]{16}\/[^/]+\.wasm$/;
const chunkOf = (part) => new RegExp(`/split-[0-9a-f]{16}/split_${part}_\\d+\\.wasm$`);
/** The files the exercise panel's loader fetches: its chunk and the shared chunks it needs
 *  (read from the loader, split-<hash>/__wasm_split.js). */
const panelFiles = (() => {
  const loader = readFileSync(DIST + splitDir + "/__wasm_split.js", "utf8");
  const m = loader.match(/__wasm_split_load_(exercise_panel_\d+) = [^]*?\n, \[([^\]]*)\]\)\);/);
  return [`split_${m[1]}.wasm`, ...m[2].split(",").map((d) => d.trim().replace(/^__/, "") + ".wasm").filter((f) => f !== ".wasm")];
})();
const isPanelFile = (p) => panelFiles.includes(p.split("/").pop());

/** The paths of the page's requests from now on, in order. */
function recordRequests(page) {
  const seen = [];
  page.on("request", (r) => seen.push(new URL(r.url()).pathname));
  return seen;
}

test("dist/ has the chunks of the six deferred parts, precached, and the main wasm no longer holds them", () => {
  expect(splitDir, "dist/split-<hash>/").toBeTruthy();
  const files = readdirSync(DIST + splitDir);
  for (const p of ["progress_page", "review_page", "notes_page", "scratchpad_page", "word_file", "exercise_panel"]) {
    expect(files.some((f) => new RegExp(`^split_${p}_\\d+\\.wasm$`).test(f)), `${p}'s chunk`).toBe(true);
  }
  const precache = JSON.parse(readFileSync(DIST + "sw.js", "utf8").match(/const FILES = (.*);/)[1]);
  for (const f of files) expect(precache).toContain(`./${splitDir}/${f}`);
  // The glue imports the chunks' loader statically: it is preloaded with the glue.
  expect(readFileSync(DIST + "index.html", "utf8")).toContain(`<link rel="modulepreload" href="./${splitDir}/__wasm_split.js">`);
  // The import/export section's words (src/ui/progress/transfer.rs) moved with its code.
  const words = Buffer.from("替换全部");
  const main = readdirSync(DIST).find((f) => /^mianshiti-playground-[0-9a-f]+_bg\.wasm$/.test(f));
  expect(readFileSync(DIST + main).includes(words), "the main wasm holds the progress page's words").toBe(false);
  const progress = files.find((f) => /^split_progress_page_/.test(f));
  expect(readFileSync(DIST + splitDir + "/" + progress).includes(words)).toBe(true);
  // So did the exercise panel's (src/ui/exercise.rs, src/ui/exercise_runs.rs).
  const panel = files.find((f) => /^split_exercise_panel_/.test(f));
  // With the errata and the notes' Python (registry::TEXTS, read only by the panel).
  for (const w of ["练习引擎加载中", "生成并运行", "在单独页面打开这个练习", "E01：方案一并不是按 value 排序", "def merge_order_list"]) {
    expect(readFileSync(DIST + main).includes(Buffer.from(w)), `the main wasm holds 「${w}」`).toBe(false);
    expect(readFileSync(DIST + splitDir + "/" + panel).includes(Buffer.from(w)), `the panel's chunk holds 「${w}」`).toBe(true);
  }
});

test("a cold topic load fetches no chunk but its exercise panel's; the progress page and the scratchpad load theirs when opened", async ({ page }) => {
  const seen = recordRequests(page);
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  // The exercise has answered: the topic is interactive, and no other part's chunk was asked for.
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty();
  expect(seen.some((p) => /_bg\.wasm$/.test(p)), "the main wasm was requested (the recorder works)").toBe(true);
  expect(seen.some((p) => chunkOf("exercise_panel").test(p)), "the panel's chunk was fetched").toBe(true);
  expect(seen.filter((p) => chunk.test(p) && !isPanelFile(p))).toEqual([]);
  await page.waitForTimeout(500); // nor soon after (no eager prefetch from the page)
  expect(seen.filter((p) => chunk.test(p) && !isPanelFile(p))).toEqual([]);

  await page.locator("header a.nav-link", { hasText: "进度" }).click();
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  expect(seen.some((p) => chunkOf("progress_page").test(p)), "the progress chunk was fetched").toBe(true);
  expect(seen.some((p) => chunkOf("scratchpad_page").test(p))).toBe(false);

  await page.locator("header.topbar a[href='#/py']").click();
  await expect(page.locator(".scratchpad .py-block")).toBeVisible();
  expect(seen.some((p) => chunkOf("scratchpad_page").test(p)), "the scratchpad chunk was fetched").toBe(true);

  // Back and forth: the loaded chunk is reused, not fetched again.
  const before = seen.length;
  await page.goBack();
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  expect(seen.slice(before).filter((p) => chunk.test(p))).toEqual([]);
});

test("a deep link to a deferred page works on reload, online and offline after one visit", async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto("./#/progress");
  await ready(page);
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  await page.reload();
  await ready(page);
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });

  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  // A page never opened online: its chunk comes from the precache.
  await page.goto("./#/notes");
  await page.reload();
  await ready(page);
  await expect(page.locator("[data-view=notes] h1")).toHaveText("我的笔记");
  await page.locator("header a.nav-link", { hasText: "复习" }).click();
  await expect(page.locator("[data-view=review]")).toBeVisible();
  await context.setOffline(false);
});

test("the top-k exercise's word-file reader arrives with its chunk, online and offline", async ({ page, context }) => {
  const seen = recordRequests(page);
  await page.goto("./#/ex/topk_word_freq");
  await ready(page);
  await expect(page.locator('.wordfile input[type="file"]')).toBeAttached();
  expect(seen.some((p) => chunkOf("word_file").test(p)), "the word-file chunk was fetched").toBe(true);
  expect(seen.some((p) => chunkOf("progress_page").test(p))).toBe(false);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await page.locator('.wordfile input[type="file"]').setInputFiles({ name: "w.txt", mimeType: "text/plain", buffer: Buffer.from("b a b\n") });
  await expect(page.locator('.result[data-key="file"] output')).toContainText("('b', 2)");
  await context.setOffline(false);
});

// The exercise panels (src/ui/exercise.rs and what only it uses) are a chunk too. The topic's
// first frame never waits for it: it is asked for when the panels are about to be built
// (first screen: right after the first frame; else when idle after it), and meanwhile a
// placeholder holds each panel's place and anchor. Offline, the chunk comes from the
// precache (the word-file test above reloads #/ex/topk_word_freq offline).
test("a topic's exercise chunk is fetched after the topic is painted; its jump link works before it arrives", async ({ page }) => {
  await page.addInitScript(() => {
    const mo = new MutationObserver(() => {
      if (document.querySelector("main#main h1.topic-title")) {
        mo.disconnect();
        window.__titleAt = performance.now();
      }
    });
    mo.observe(document, { childList: true, subtree: true });
  });
  // The chunk is held back until released, so the page is seen waiting for it.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(chunkOf("exercise_panel"), async (route) => { await held; await route.continue(); });
  const seen = recordRequests(page);
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toBeVisible();
  await expect.poll(() => seen.some((p) => chunkOf("exercise_panel").test(p))).toBe(true);
  const asked = await page.evaluate(() =>
    performance.getEntriesByType("resource").find((e) => /split_exercise_panel_\d+\.wasm$/.test(e.name))?.startTime
      ?? performance.now());
  expect(asked, "the chunk was asked for after the app's title was on the page").toBeGreaterThan(await page.evaluate(() => window.__titleAt));
  // The jump link takes the reader to the placeholder, which is where the panel will be.
  await page.locator(".exercise-links a.chip").click();
  await expect(page.locator(".exercise-pending[data-exercise=merge_sorted_lists]")).toBeInViewport();
  release();
  await expect(page.locator(".exercise[data-exercise=merge_sorted_lists] h2")).toBeInViewport();
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty();
  await expect(page.locator(".exercise-pending")).toHaveCount(0);
  // What follows the panel came with it.
  await expect(page.locator("nav.prev-next a.next")).toBeVisible();
});

test("#/ex/ loads the panel's chunk at once; typing still updates the link", async ({ page }) => {
  const seen = recordRequests(page);
  await page.goto("./#/ex/reverse_number");
  await ready(page);
  const input = page.locator(".exercise .field input").first();
  await input.fill("123");
  await expect(page.locator(".exercise .results")).toContainText("321");
  await expect.poll(() => page.evaluate(() => location.hash)).toContain("n=123");
  expect(seen.some((p) => chunkOf("exercise_panel").test(p))).toBe(true);
  expect(seen.filter((p) => chunk.test(p) && !isPanelFile(p))).toEqual([]);
});

// `plain`: the failed fetch is logged to the console by the chunk loader, which the shared
// fixture would count as a failure; here it is the point.
plain("a panel whose chunk cannot be fetched says so in Chinese, and works once it can be", async ({ page }) => {
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.route(chunkOf("exercise_panel"), (route) => route.abort());
  await page.goto("./#/ex/reverse_number");
  await ready(page);
  await expect(page.getByRole("alert")).toContainText("请检查网络后刷新重试");
  await expect(page.locator("#panic-panel")).toHaveCount(0);
  // The rest of the page works: the study controls are there.
  await expect(page.locator('.status-btn[data-status="read"]')).toBeVisible();
  // The failure is not remembered: once the network is back, the next panel loads.
  await page.unroute(chunkOf("exercise_panel"));
  await page.evaluate(() => { location.hash = "#/t/reverse-number"; });
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty({ timeout: 15_000 });
  expect(pageErrors).toEqual([]);
});
