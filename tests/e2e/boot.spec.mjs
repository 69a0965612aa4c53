// The pre-wasm paint and the notes bundle: a reader sees the note before the wasm has
// arrived, and the app keeps working (and says why) when the bundle cannot be read.
import { test as baseTest } from "@playwright/test";
import { test, expect, ready } from "./helpers.mjs";

test.use({ serviceWorkers: "block" });
baseTest.use({ serviceWorkers: "block" });

/** Holds every request for the wasm until the returned function is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test("a deep-linked topic is readable before the wasm arrives, then the app takes over", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("./#/t/reverse-number");
  // Painted by the inline boot script from the notes bundle: title, breadcrumb and the body.
  await expect(page.locator("#boot h1.boot-title")).toHaveText("反转数字");
  await expect(page.locator("#boot .crumb")).toContainText("算法与编码题");
  await expect(page.locator("#boot .note-body pre.code").first()).toBeVisible();
  await expect(page.locator("main#main")).toHaveCount(0);
  // The home hero is not shown for a deep link, not even for a moment after the script ran.
  await expect(page.locator("#boot .hero")).toHaveCount(0);
  const bootText = await page.locator("#boot .note-body").innerText();
  const bootCrumb = await page.locator("#boot .crumb").innerText();
  expect(bootCrumb).toMatch(/^算法与编码题 · 第 \d+ \/ 78 题（本类第 \d+ \/ \d+ 题）$/);
  release();
  await ready(page);
  await expect(page.locator("#boot")).toHaveCount(0);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  // The same words in the app's breadcrumb (positions in the sidebar's order).
  await expect(page.locator("main#main .crumb")).toHaveText(bootCrumb);
  // The app shows the very same body the boot view painted.
  expect(await page.locator("main#main .note-body").innerText()).toBe(bootText);
});

// The one title the app chose (the seed's heading is empty) reads like any other: the remark
// saying so is for maintainers (the front matter's empty source_heading), not for learners,
// in the boot view and in the app alike.
test("a chosen title carries no remark for maintainers, before and after the wasm", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("./#/t/closure-late-binding");
  await expect(page.locator("#boot h1.boot-title")).toContainText("闭包延迟绑定");
  await expect(page.locator("#boot")).not.toContainText("原笔记");
  release();
  await ready(page);
  await expect(page.locator("h1.topic-title")).toContainText("闭包延迟绑定");
  await expect(page.locator("article.topic")).not.toContainText("原笔记");
  await expect(page.locator("article.topic")).not.toContainText("本应用所加");
});

// The pre-wasm header is laid out as the app's (notes::bundle::topic_head_html): when the app
// takes over, and when the visit it records fills the status bar's time line, the text the
// reader is looking at stays where it is.
for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 800 }]]) {
  for (const slug of ["merge-sorted-lists", "dir-walk"]) {
    test(`the app takes over ${slug} without moving the text (${label})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const release = await holdWasm(page);
      await page.goto(`./#/t/${slug}`);
      const top = (sel) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top);
      await expect(page.locator("#boot .note-body")).toBeVisible();
      const before = await top("#boot .note-body");
      release();
      await ready(page);
      await expect(page.locator("h1.topic-title")).toBeVisible();
      expect(Math.abs((await top("main#main .note-body")) - before)).toBeLessThan(1);
      // The visit is recorded once idle; its time line was reserved.
      await expect(page.locator(".status-bar .times")).toContainText("上次访问");
      expect(Math.abs((await top("main#main .note-body")) - before)).toBeLessThan(1);
    });
  }
}

// The app keeps the boot view until the boot script says the frame showing the deep-linked
// topic has been painted (window.__mianshitiBootDone), so a fast machine never replaces a
// topic nobody saw. Here that signal is held back 1 s after it fires: the boot view must stay
// until then, although the wasm and the notes are long in.
test("the app replaces a deep-linked topic only once the boot script has painted it", async ({ page }) => {
  await page.addInitScript(() => {
    let held;
    Object.defineProperty(window, "__mianshitiBootDone", {
      configurable: true,
      set(p) {
        held = p.then(() => new Promise((r) => setTimeout(() => r((window.__released = performance.now())), 1000)));
      },
      get() {
        return held;
      },
    });
    let seen = false;
    new MutationObserver((_, mo) => {
      if (document.getElementById("boot")) seen = true;
      else if (seen) {
        window.__bootRemoved = performance.now();
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  const [released, removed, wasmDone] = await page.evaluate(() => [
    window.__released,
    window.__bootRemoved,
    performance.getEntriesByType("resource").find((e) => /_bg\.wasm$/.test(e.name)).responseEnd,
  ]);
  expect(released).toBeGreaterThan(0);
  expect(removed).toBeGreaterThanOrEqual(released);
  expect(wasmDone).toBeLessThan(released - 500);
});

// The boot script requests the wasm (window.__mianshitiWasm) rather than the loader, whose
// request would wait for the JS glue and the snippet module it imports: here that snippet is
// held back, and the wasm must be requested all the same. A deep-linked topic's own file is
// requested first (its first screen needs only that), the home page's first frame comes first.
for (const [where, hash] of [["a deep-linked topic", "#/t/merge-sorted-lists"], ["the home page", ""]]) {
  test(`the wasm is requested without waiting for the glue's imports, after what the first screen needs (${where})`, async ({ page }) => {
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(/\/snippets\/.+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // When the first frame's rendering begins (its animation-frame callbacks run just before it
    // paints); the paint's own timestamp is when the compositor presented it, which on a busy
    // machine can come after the boot script's next task.
    await page.addInitScript(() => requestAnimationFrame(() => (window.__firstFrame = performance.now())));
    const wasm = page.waitForRequest(/_bg\.wasm$/, { timeout: 10_000 });
    // Not until "load": the held module holds that back.
    await page.goto(`./${hash}`, { waitUntil: "commit" });
    await wasm;
    await expect(page.locator("main#main")).toHaveCount(0);
    release();
    await ready(page);
    const [notesStart, firstFrame, wasmStart] = await page.evaluate(() => {
      const res = (re) => performance.getEntriesByType("resource").find((e) => re.test(e.name));
      // A deep link's first screen needs that topic's own file (notes-<hash>/<slug>.json).
      return [res(/notes-[0-9a-f]{16}\/[a-z0-9-]+\.json$/)?.startTime, window.__firstFrame, res(/_bg\.wasm$/).startTime];
    });
    if (hash) expect(wasmStart).toBeGreaterThanOrEqual(notesStart);
    else expect(wasmStart).toBeGreaterThanOrEqual(firstFrame);
  });
}

// The stylesheet is inlined (scripts/postbuild.mjs), so the first screen of a deep-linked topic
// waits only for the topic's own file, which the first half of the boot script requests first,
// and the wasm right after it, without waiting for the file. Here the topic's file is held back
// until the wasm's request is seen.
test("a deep link requests its topic's file, then at once the wasm; no stylesheet to wait for", async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  const order = [];
  page.on("request", (r) => order.push(new URL(r.url()).pathname));
  await page.route(/\/notes-[0-9a-f]{16}\/merge-sorted-lists\.json$/, async (route) => {
    await held;
    await route.continue();
  });
  const topicFile = page.waitForRequest(/\/notes-[0-9a-f]{16}\/merge-sorted-lists\.json$/, { timeout: 10_000 });
  const wasm = page.waitForRequest(/_bg\.wasm$/, { timeout: 10_000 });
  await page.goto("./#/t/merge-sorted-lists", { waitUntil: "commit" });
  await topicFile;
  await wasm; // while the topic's file is still held
  const topicAt = order.findIndex((p) => /merge-sorted-lists\.json$/.test(p));
  const wasmAt = order.findIndex((p) => /_bg\.wasm$/.test(p));
  expect(topicAt).toBeGreaterThanOrEqual(0);
  expect(topicAt, "the topic's file is asked for before the wasm").toBeLessThan(wasmAt);
  release();
  await ready(page);
  await expect(page.locator("h1.topic-title")).toContainText("两个有序列表");
  // The page is styled from its inlined <style>: no stylesheet was requested.
  expect(order.filter((p) => p.endsWith(".css"))).toEqual([]);
  expect(await page.locator("header.topbar").evaluate((el) => getComputedStyle(el).display)).toBe("flex");
});

test("the home page's introduction is there before the wasm", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("./");
  const intro = await page.locator("#boot .hero p").first().innerText();
  expect(intro).toContain("78 个主题");
  release();
  await ready(page);
  await expect(page.locator("main#main .hero p").first()).toHaveText(intro);
});

test("a broken notes file: the topic says why, exercises and search still work", async ({ page }) => {
  // The bundle and the topic's own file alike.
  await page.route(/notes-[0-9a-f]{16}(\/[a-z0-9-]+)?\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: "{\"version\":1,\"topics\":[" }));
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  const missing = page.locator('[data-view="notes-missing"]');
  await expect(missing).toContainText("不是有效的 JSON");
  await expect(missing.getByRole("button", { name: "重新加载" })).toBeVisible();
  // The exercise on the page is compiled into the app and still runs.
  await page.locator('.exercise .field[data-field="n"] :is(input, textarea)').fill("-120");
  await expect(page.locator('.exercise .result[data-key="reversed"] output')).toHaveText("-21");
  // Search still finds topics by title.
  await page.locator("#search-input").fill("反转数字");
  await expect(page.locator("#search-listbox")).toContainText("反转数字");
});

test("a theme picked in the app applies before the wasm: no light flash in dark mode", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("./");
  await ready(page);
  await page.locator(".theme-btn").click(); // system -> light
  await page.locator(".theme-btn").click(); // light -> dark
  const release = await holdWasm(page);
  await page.reload();
  await expect(page.locator("#boot .hero")).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(22, 24, 29)");
  release();
  await ready(page);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(22, 24, 29)");
});

/** The notes files the page has requested so far: `notes.json` for the bundle, `notes/<slug>.json`
 *  for a topic's own file, with when each request started (ms since the page's time origin). */
const notesRequests = (page) =>
  page.evaluate(() =>
    performance.getEntriesByType("resource")
      .filter((e) => /\/notes-[0-9a-f]{16}(\.json|\/)/.test(e.name))
      .map((e) => ({ file: new URL(e.name).pathname.replace(/.*\/notes-[0-9a-f]{16}/, "notes"), start: e.startTime })));

test("a cold deep link downloads only its own topic's file before the app shows it; the bundle comes after", async ({ page }) => {
  await page.addInitScript(() => {
    new MutationObserver((_, mo) => {
      if (!document.querySelector("h1.topic-title")) return;
      window.__topicAt = performance.now();
      mo.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toContainText("两个有序列表");
  await expect(page.locator("article.topic .note-body pre.code").first()).toBeVisible();
  // Once the browser is idle after the app is ready, the whole bundle follows (search needs it).
  await expect.poll(async () => (await notesRequests(page)).map((r) => r.file)).toContain("notes.json");
  const topicAt = await page.evaluate(() => window.__topicAt);
  const requests = await notesRequests(page);
  expect(requests.filter((r) => r.start < topicAt).map((r) => r.file)).toEqual(["notes/merge-sorted-lists.json"]);
  expect(requests.filter((r) => r.file === "notes/merge-sorted-lists.json"), "the boot script's response is reused").toHaveLength(1);
  expect(requests.find((r) => r.file === "notes.json").start).toBeGreaterThan(topicAt);
});

test("the home page downloads no notes before it is ready", async ({ page }) => {
  await page.route(/notes-[0-9a-f]{16}\.json$/, () => {}); // the bundle never arrives
  await page.goto("./");
  await ready(page);
  await expect(page.locator("main#main .hero")).toBeVisible();
  expect((await notesRequests(page)).filter((r) => r.file !== "notes.json")).toEqual([]);
});

test("before the bundle arrives, a topic opened in the app loads its own file, and search finds bodies once it is here", async ({ page }) => {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/notes-[0-9a-f]{16}\.json$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto("./");
  await ready(page);
  await page.locator('main#main a[href="#/t/io-multiplexing"]').first().click();
  await expect(page.locator("h1.topic-title")).toHaveText("I/O多路复用（IO multiplexing）");
  await expect(page.locator("article.topic .note-body")).toContainText("epoll");
  await expect(page.locator('[data-view="notes-missing"]')).toHaveCount(0);
  expect((await notesRequests(page)).map((r) => r.file)).toEqual(["notes/io-multiplexing.json"]);
  // "epoll" is in two topics' bodies, in no title: until the bundle is here, search knows titles only.
  const box = page.locator("#search-input");
  await box.fill("epoll");
  const loading = page.locator('.search-popover [data-notice="loading"]');
  await expect(loading).toHaveText("正在加载笔记正文，暂时只搜索了标题和练习…");
  await expect(page.locator(".search-popover .search-empty")).toContainText("没有找到「epoll」");
  release();
  // The dropdown updates by itself when the bundle arrives.
  await expect(page.locator("#search-listbox")).toContainText("I/O多路复用");
  await expect(page.locator("#search-listbox")).toContainText("三大框架");
  await expect(loading).toHaveCount(0);
});

// Not the shared fixture, which fails a test on any console error: Chromium logs each 404.
baseTest("a topic file that is missing: the page says so in Chinese, in place of the body", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("404") && errors.push(m.text()));
  await page.route(/notes-[0-9a-f]{16}\/[a-z0-9-]+\.json$/, (route) => route.fulfill({ status: 404, body: "" }));
  await page.route(/notes-[0-9a-f]{16}\.json$/, () => {}); // the bundle does not come either
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("反转数字");
  await expect(page.locator('[data-view="notes-missing"]')).toContainText("这一题的正文没能加载：下载笔记文件失败（HTTP 404）");
  // Opened in the app: the same, not a blank page.
  await page.evaluate(() => (location.hash = "#/t/io-multiplexing"));
  await expect(page.locator("h1.topic-title")).toHaveText("I/O多路复用（IO multiplexing）");
  await expect(page.locator('[data-view="notes-missing"]')).toContainText("HTTP 404");
  expect(errors).toEqual([]);
});
