// The split wasm (issue 17, scripts/wasm-split.mjs): the parts a first topic does not need
// (#/progress, #/review, #/notes, #/py, the exercise panels, the top-k exercise's word-file
// reader, a topic's 代码预测 cards, the Python blocks' tools, what runs a search: the search
// box's popup and the results page's body) are chunks in split-<hash>/, fetched on first use
// (a topic's panels and cards once its first frame is painted), not on the way to a topic; each
// works when opened, deep-linked and reloaded, and offline after one visit (the service worker
// precaches the chunks with everything else).
import { test as base } from "@playwright/test";

import { test, expect, ready } from "./helpers.mjs";
import { readdirSync, readFileSync } from "node:fs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const splitDir = readdirSync(DIST).find((f) => /^split-[0-9a-f]{16}$/.test(f));
const chunk = /\/split-[0-9a-f]{16}\/[^/]+\.wasm$/;
const chunkOf = (part) => new RegExp(`/split-[0-9a-f]{16}/split_${part}_\\d+\\.wasm$`);
/** The parts (`split_<part>_<n>.wasm`) requested in `seen`. */
const partsIn = (seen) => [...new Set(seen.map((p) => p.match(/\/split_([a-z_]+?)_\d+\.wasm$/)?.[1]).filter(Boolean))].sort();
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

/** Holds back the responses to requests matching `re` until the returned function is called. */
async function hold(page, re) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(re, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("dist/ has the chunks of the deferred parts, precached, and the main wasm no longer holds them", () => {
  expect(splitDir, "dist/split-<hash>/").toBeTruthy();
  const files = readdirSync(DIST + splitDir);
  for (const p of ["progress_page", "review_page", "notes_page", "scratchpad_page", "word_file", "search", "predict_cards", "python_tools", "exercise_panel"]) {
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
  // So did the search popup's and results page's (src/ui/search/popup.rs, results.rs).
  const search = readFileSync(DIST + splitDir + "/" + files.find((f) => /^split_search_/.test(f)));
  for (const w of ["查看全部结果", "换个说法试试"]) {
    expect(readFileSync(DIST + main).includes(Buffer.from(w)), `the main wasm holds 「${w}」`).toBe(false);
    expect(search.includes(Buffer.from(w)), `the search chunk holds 「${w}」`).toBe(true);
  }
  // So did the 代码预测 cards' (src/ui/predict.rs) and the editor's 对比 (src/ui/pyedit.rs).
  const inChunks = (w) => files.filter((f) => readFileSync(DIST + splitDir + "/" + f).includes(Buffer.from(w)));
  for (const w of ["先写下你认为代码会打印什么", "与笔记原文的逐行对比", "无法启动 Python 工作线程"]) {
    expect(readFileSync(DIST + main).includes(Buffer.from(w)), `the main wasm holds "${w}"`).toBe(false);
    expect(inChunks(w), `a chunk holds "${w}"`).toHaveLength(1);
  }
  expect(inChunks("先写下你认为代码会打印什么")[0]).toMatch(/^split_predict_cards_\d+\.wasm$/);
  // So did the exercise panel's (src/ui/exercise.rs, src/ui/exercise_runs.rs).
  const panel = files.find((f) => /^split_exercise_panel_/.test(f));
  // With the errata and the notes' Python (registry::TEXTS, read only by the panel).
  for (const w of ["练习引擎加载中", "生成并运行", "在单独页面打开这个练习", "E01：方案一并不是按 value 排序", "def merge_order_list"]) {
    expect(readFileSync(DIST + main).includes(Buffer.from(w)), `the main wasm holds 「${w}」`).toBe(false);
    expect(readFileSync(DIST + splitDir + "/" + panel).includes(Buffer.from(w)), `the panel's chunk holds 「${w}」`).toBe(true);
  }
});

test("a cold topic load fetches only its panels' and cards' chunks, after the app is on the page; the progress page and the scratchpad load theirs when opened", async ({ page }) => {
  const seen = recordRequests(page);
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  // The exercise has answered: the topic is interactive, and no other part's chunk was asked for.
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty();
  expect(seen.some((p) => /_bg\.wasm$/.test(p)), "the main wasm was requested (the recorder works)").toBe(true);
  // Only the exercise panel's and the 代码预测 cards' code came (this topic has both), and only
  // after the app was on the page: not on the critical path.
  await expect(page.locator(".predict .predict-card").first()).toBeVisible();
  await page.waitForTimeout(500); // nothing else soon after (no eager prefetch from the page)
  expect(partsIn(seen)).toEqual(["exercise_panel", "predict_cards"]);
  const timing = await page.evaluate(() => ({
    mounted: performance.getEntriesByName("mianshiti:mounted")[0]?.startTime,
    chunks: performance.getEntriesByType("resource").filter((e) => /\/split-[0-9a-f]{16}\/[^/]+\.wasm$/.test(e.name)).map((e) => [e.name, e.startTime]),
  }));
  expect(timing.mounted).toBeGreaterThan(0);
  expect(timing.chunks.length).toBeGreaterThan(0);
  for (const [name, start] of timing.chunks) expect(start, name).toBeGreaterThan(timing.mounted);

  await page.locator("header a.nav-link", { hasText: "进度" }).click();
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  expect(seen.some((p) => chunkOf("progress_page").test(p)), "the progress chunk was fetched").toBe(true);
  expect(seen.some((p) => chunkOf("scratchpad_page").test(p))).toBe(false);
  expect(seen.some((p) => chunkOf("python_tools").test(p))).toBe(false);

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

test.describe("search", () => {
  // The service worker's first-install reload would race the typing, and requests it answers
  // are not seen by page.route.
  test.use({ serviceWorkers: "block" });
  const searchChunk = chunkOf("search");

  test("the search chunk comes at the first focus, not before; what is typed meanwhile is answered when it arrives", async ({ page }) => {
    const seen = recordRequests(page);
    const release = await hold(page, searchChunk);
    await page.goto("./#/t/reverse-number");
    await ready(page);
    await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
    await expect(page.locator("#search-input")).toBeVisible(); // the box comes with the app
    await page.waitForTimeout(500);
    expect(seen.some((p) => searchChunk.test(p)), "the search chunk before any focus").toBe(false);

    await page.keyboard.press("/");
    await expect(page.locator("#search-input")).toBeFocused();
    await page.keyboard.type("闭包");
    await expect.poll(() => seen.some((p) => searchChunk.test(p)), { message: "focus requested the chunk" }).toBe(true);
    // While it is held: the text is kept, and the combobox does not claim a listbox it lacks.
    await expect(page.locator("#search-input")).toHaveValue("闭包");
    await expect(page.locator("#search-input")).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator("#search-listbox")).toHaveCount(0);

    release();
    const options = page.locator("#search-listbox [role=option]");
    await expect(page.locator("#search-input")).toHaveAttribute("aria-expanded", "true");
    await expect(options.first()).toContainText("闭包");
    const first = await options.allTextContents();
    // The same answer as a query typed once the chunk is here.
    await page.locator("#search-input").fill("");
    await page.locator("#search-input").fill("闭包");
    await expect(options).toHaveText(first);
    // The keyboard drives it as before: ArrowDown selects the first hit, Enter opens it.
    await page.keyboard.press("ArrowDown");
    await expect(page.locator("#search-input")).toHaveAttribute("aria-activedescendant", "search-opt-0");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#\/t\/[^?]+\?hl=/);
    await expect(page.locator("mark.search-hit").first()).toBeVisible();
    expect(seen.filter((p) => searchChunk.test(p)).length, "fetched once").toBe(1);
  });

  test("a cold deep link with ?hl= is shown at once and highlighted when the search chunk arrives", async ({ page }) => {
    const seen = recordRequests(page);
    const release = await hold(page, searchChunk);
    await page.goto("./#/t/closures?hl=" + encodeURIComponent("闭包"));
    await ready(page);
    await expect(page.locator("h1.topic-title")).toBeVisible();
    await expect.poll(() => seen.some((p) => searchChunk.test(p)), { message: "the highlighting requested the chunk" }).toBe(true);
    await expect(page.locator("mark.search-hit")).toHaveCount(0);
    release();
    await expect(page.locator(".search-hl-bar")).toContainText("闭包");
    await expect(page.locator("mark.search-hit.current")).toHaveCount(1);
    await expect(page.locator("mark.search-hit.current")).toBeInViewport();
    expect((await page.locator("mark.search-hit").allTextContents()).every((t) => t === "闭包")).toBe(true);
  });

  test("the results page loads the chunk once and keeps its body while the query is typed", async ({ page }) => {
    const seen = recordRequests(page);
    await page.goto("./#/search?q=" + encodeURIComponent("闭包"));
    await ready(page);
    await expect(page.locator(".search-page h1")).toHaveText("搜索");
    await expect(page.locator(".search-result").first()).toBeVisible();
    expect(seen.some((p) => searchChunk.test(p))).toBe(true);
    // Watch for a moment without a body under the heading (a Suspense fallback per keystroke).
    await page.evaluate(() => {
      const pageEl = document.querySelector(".search-page");
      window.__emptied = 0;
      new MutationObserver(() => {
        if (pageEl.children.length < 2) window.__emptied++;
      }).observe(pageEl, { childList: true, subtree: true });
    });
    await page.locator("#search-input").focus();
    await page.locator("#search-input").fill("");
    await page.locator("#search-input").pressSequentially("python", { delay: 150 });
    await expect(page).toHaveURL(/#\/search\?q=python$/);
    await expect(page.locator(".search-result mark").first()).toHaveText(/^python$/i);
    expect(await page.evaluate(() => window.__emptied), "the body was never emptied").toBe(0);
    // A new results route (a suggested query) reuses the loaded chunk.
    await page.goto("./#/search?q=GIL");
    await expect(page.locator(".search-result").first()).toBeVisible();
    expect(seen.filter((p) => searchChunk.test(p)).length, "fetched once").toBe(1);
  });
});

test("a results-page deep link works on reload offline, from the precached search chunk", async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto("./");
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await context.setOffline(true);
  // Never opened online: the chunk comes from the precache.
  await page.goto("./#/search?q=" + encodeURIComponent("闭包"));
  await page.reload();
  await ready(page);
  await expect(page.locator(".search-result").first()).toContainText("闭包");
  await page.locator("#search-input").fill("defaultdict");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#\/search\?q=defaultdict$/);
  await expect(page.locator(".search-result mark").first()).toHaveText(/^defaultdict$/i);
  await context.setOffline(false);
});

// page.route cannot see what the service worker answers: these two run without it.
test.describe("without the service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("the Python blocks' tools come with their chunk on the first click, which waits for it (正在加载…)", async ({ page }) => {
    const seen = recordRequests(page);
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(chunkOf("python_tools"), async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("./#/t/merge-sorted-lists");
    await ready(page);
    const block = page.locator(".note-body .py-block").first();
    const toggle = block.locator(".py-stdin-toggle");
    await expect(toggle).toBeVisible();
    await expect(page.locator(".predict .predict-card").first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(seen.some((p) => chunkOf("python_tools").test(p)), "no tools before a click").toBe(false);

    await toggle.click();
    await expect(block.locator(".py-edit-note")).toHaveText("正在加载…");
    await expect(toggle).toHaveAttribute("aria-busy", "true");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    release();
    // The click was kept: the 标准输入 box opens once the tools are here.
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(block.locator(".py-stdin textarea")).toBeVisible();
    await expect(block.locator(".py-edit-note")).toHaveCount(0);
    await expect(toggle).not.toHaveAttribute("aria-busy", "true");
    expect(seen.some((p) => chunkOf("python_tools").test(p))).toBe(true);
    // From now on the tools answer at once, on this topic and the next one.
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await page.locator("a.next").first().click();
    const next = page.locator(".note-body .py-block .py-stdin-toggle").first();
    await expect(next).toBeVisible();
    await next.click();
    await expect(next).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator("[data-py-loading]")).toHaveCount(0);
  });
});

base.describe("without the service worker", () => {
  base.use({ serviceWorkers: "block" });

  // A failed download (offline before the service worker cached the chunks, a server error) is
  // said in place, in Chinese, and retried later; nothing panics. The loader logs the failed
  // fetch, so this test counts console errors itself.
  base("a chunk that cannot be downloaded is said in place, and the tools load on the next click", async ({ page }) => {
    const errors = [];
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/split|Failed to load resource|wasm/i.test(m.text())) errors.push(m.text());
    });
    await page.route(chunkOf("python_tools"), (route) => route.abort());
    await page.route(chunkOf("predict_cards"), (route) => route.abort());
    await page.goto("./#/t/merge-sorted-lists");
    await ready(page);
    await expect(page.locator('.predict [data-chunk="failed"]')).toHaveText("这部分的代码没能下载，请检查网络后刷新重试。");
    await expect(page.locator(".predict .predict-card")).toHaveCount(0);
    const block = page.locator(".note-body .py-block").first();
    const toggle = block.locator(".py-stdin-toggle");
    await toggle.click();
    await expect(block.locator('.py-edit-note[role="alert"]')).toContainText("没能下载");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await page.unroute(chunkOf("python_tools"));
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(block.locator(".py-edit-note")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test("offline after one visit, a topic's cards and its blocks' tools come from the precache", async ({ page, context }) => {
  test.setTimeout(90_000);
  const seen = recordRequests(page);
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator(".predict .predict-card").first()).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  expect(seen.some((p) => chunkOf("python_tools").test(p)), "the tools were never loaded online").toBe(false);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await expect(page.locator(".predict .predict-card").first()).toBeVisible();
  const toggle = page.locator(".note-body .py-block .py-stdin-toggle").first();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
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

test("leaving an exercise while its panel's chunk is on its way: the next exercise's panel still comes", async ({ page }) => {
  const release = await hold(page, chunkOf("exercise_panel"));
  const seen = recordRequests(page);
  await page.goto("./#/ex/topk_word_freq");
  await ready(page);
  await expect.poll(() => seen.some((p) => chunkOf("exercise_panel").test(p))).toBe(true);
  await expect(page.locator(".exercise-pending[data-exercise=topk_word_freq]")).toBeAttached();
  // Away to another exercise before the chunk has arrived (a quick reader on a slow network).
  await page.evaluate(() => { location.hash = "#/ex/list_slice"; });
  await expect(page.locator(".exercise-pending[data-exercise=list_slice]")).toBeAttached();
  release();
  const seq = page.locator('.exercise[data-exercise=list_slice] .field[data-field="seq"] :is(input, textarea)');
  await expect(seq).toBeVisible();
  await seq.fill("range(10)");
  await page.locator('.exercise .field[data-field="slice"] :is(input, textarea)').fill("2:8:2");
  await expect(page.locator('.exercise .result[data-key="result"] output')).toHaveText("range(2, 8, 2)");
});

// `base`: the failed fetch is logged to the console by the chunk loader, which the shared
// fixture would count as a failure; here it is the point.
base("a panel whose chunk cannot be fetched says so in Chinese, and works once it can be", async ({ page }) => {
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

// A page built from a chunk can be left before its first frame (its editor is opened in that
// frame): nothing it set up may outlive it and touch what was disposed (a panic would end the
// app). Repeated, since the window is one frame.
test("leaving the scratchpad in the frame it was built in is no error", async ({ page }) => {
  await page.goto("./#/py");
  await ready(page);
  await expect(page.locator(".scratchpad .py-block")).toBeVisible();
  for (let i = 0; i < 10; i++) {
    await page.evaluate(() => new Promise((done) => {
      location.hash = "#/";
      setTimeout(() => {
        location.hash = "#/py";
        setTimeout(() => { location.hash = "#/"; setTimeout(done, 50); }, 0);
      }, 50);
    }));
  }
  await page.goto("./#/py");
  await expect(page.locator(".scratchpad .py-block")).toBeVisible();
  await expect(page.locator("header.topbar")).toBeVisible();
});
