// The split wasm (issue 17, scripts/wasm-split.mjs): the parts a first topic does not need
// (#/progress, #/review, #/notes, #/py, the top-k exercise's word-file reader, a topic's
// 代码预测 cards, the Python blocks' tools, what runs a search: the search box's popup and the
// results page's body) are chunks in split-<hash>/, fetched on first use (the cards once the
// topic's first frame is painted), not on the way to a topic; each works when opened,
// deep-linked and reloaded, and offline after one visit (the service worker precaches the
// chunks with everything else).
import { test as base } from "@playwright/test";
import { test, expect, ready } from "./helpers.mjs";
import { readdirSync, readFileSync } from "node:fs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const splitDir = readdirSync(DIST).find((f) => /^split-[0-9a-f]{16}$/.test(f));
const chunk = /\/split-[0-9a-f]{16}\/[^/]+\.wasm$/;
const chunkOf = (part) => new RegExp(`/split-[0-9a-f]{16}/split_${part}_\\d+\\.wasm$`);
/** The parts (`split_<part>_<n>.wasm`) requested in `seen`. */
const partsIn = (seen) => [...new Set(seen.map((p) => p.match(/\/split_([a-z_]+?)_\d+\.wasm$/)?.[1]).filter(Boolean))].sort();

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
  for (const p of ["progress_page", "review_page", "notes_page", "scratchpad_page", "word_file", "search", "predict_cards", "python_tools"]) {
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
});

test("a cold topic load fetches no chunk; the progress page and the scratchpad load theirs when opened", async ({ page }) => {
  const seen = recordRequests(page);
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  // The exercise has answered: the topic is interactive, and still no chunk was asked for.
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty();
  expect(seen.some((p) => /_bg\.wasm$/.test(p)), "the main wasm was requested (the recorder works)").toBe(true);
  // Only the 代码预测 cards' code came (this topic has cards), and only after the app was on
  // the page: not on the critical path.
  await expect(page.locator(".predict .predict-card").first()).toBeVisible();
  await page.waitForTimeout(500); // nothing else soon after (no eager prefetch from the page)
  expect(partsIn(seen)).toEqual(["predict_cards"]);
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
