// The split wasm (issue 17, scripts/wasm-split.mjs): the parts a first topic does not need
// (#/progress, #/review, #/notes, #/py, the top-k exercise's word-file reader) are chunks in
// split-<hash>/, fetched on first use, not on the way to a topic; each works when opened,
// deep-linked and reloaded, and offline after one visit (the service worker precaches the
// chunks with everything else).
import { test, expect, ready } from "./helpers.mjs";
import { readdirSync, readFileSync } from "node:fs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const splitDir = readdirSync(DIST).find((f) => /^split-[0-9a-f]{16}$/.test(f));
const chunk = /\/split-[0-9a-f]{16}\/[^/]+\.wasm$/;
const chunkOf = (part) => new RegExp(`/split-[0-9a-f]{16}/split_${part}_\\d+\\.wasm$`);

/** The paths of the page's requests from now on, in order. */
function recordRequests(page) {
  const seen = [];
  page.on("request", (r) => seen.push(new URL(r.url()).pathname));
  return seen;
}

test("dist/ has the chunks of the five deferred parts, precached, and the main wasm no longer holds them", () => {
  expect(splitDir, "dist/split-<hash>/").toBeTruthy();
  const files = readdirSync(DIST + splitDir);
  for (const p of ["progress_page", "review_page", "notes_page", "scratchpad_page", "word_file"]) {
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
});

test("a cold topic load fetches no chunk; the progress page and the scratchpad load theirs when opened", async ({ page }) => {
  const seen = recordRequests(page);
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  // The exercise has answered: the topic is interactive, and still no chunk was asked for.
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty();
  expect(seen.some((p) => /_bg\.wasm$/.test(p)), "the main wasm was requested (the recorder works)").toBe(true);
  expect(seen.filter((p) => chunk.test(p))).toEqual([]);
  await page.waitForTimeout(500); // nor soon after (no eager prefetch from the page)
  expect(seen.filter((p) => chunk.test(p))).toEqual([]);

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
