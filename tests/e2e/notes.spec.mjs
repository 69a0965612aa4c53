// The learner's own notes: the 我的笔记 page (#/notes), saving that says 已保存 without
// taking the focus, and topic pages with an exercise that show the notes' code once.
import { readFileSync, readdirSync } from "node:fs";
import { test, expect, ready } from "./helpers.mjs";

// Storage alone: no service worker reloading the page under a test.
test.use({ serviceWorkers: "block" });

const KEY = "mianshiti.progress";
const A = { slug: "tcp-2msl", category: "网络与 HTTP" };
const B = { slug: "merge-sorted-lists" };
const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);
const status = (page) => page.locator(".my-note [role=status]");

/** Opens a topic's note editor and types `text` into it, key by key, as a learner would. */
async function writeNote(page, slug, text) {
  await go(page, `#/t/${slug}`);
  await expect(page.locator("article.topic")).toHaveAttribute("data-slug", slug);
  const details = page.locator("details.my-note");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  const area = details.locator("textarea");
  await area.fill("");
  await area.pressSequentially(text);
  await expect(status(page)).toHaveText(/^已保存 \d\d:\d\d$/);
}

test("我的笔记 lists every note, newest edited first, as text, each linked to its topic", async ({ page }) => {
  // A deep link: the empty state says how to add a note.
  await page.goto("./#/notes");
  await ready(page);
  await expect(page.locator("[data-view=notes] h1")).toHaveText("我的笔记");
  await expect(page.locator("[data-notes-empty]")).toContainText("「我的笔记」");
  await expect(page.locator(".my-note-item")).toHaveCount(0);

  const hostile = "<b>不是粗体</b> & 两倍 MSL\n第二行";
  await writeNote(page, A.slug, hostile);
  await writeNote(page, B.slug, "相等时先取 l2");

  // The header links to it; the newest edit comes first.
  await page.locator("header a.nav-link", { hasText: "笔记" }).click();
  await expect(page).toHaveURL(/#\/notes$/);
  const items = page.locator(".my-note-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("data-slug", B.slug);
  await expect(items.nth(1)).toHaveAttribute("data-slug", A.slug);
  // The note is text (its markup-like part shown literally, its line break kept), with the
  // topic's title and category.
  const a = items.nth(1);
  await expect(a.locator(".note-text")).toHaveText(hostile);
  expect(await a.locator(".note-text").innerText()).toBe(hostile);
  await expect(a.locator("b")).toHaveCount(0);
  await expect(a.locator(".note-topic a")).toContainText("2MSL");
  await expect(a.locator(".note-cat")).toHaveText(A.category);
  await expect(a.locator(".note-meta time")).toHaveText(/^\d{4}\/\d\d\/\d\d \d\d:\d\d$/);

  // A reload on the deep link shows the same list.
  await page.reload();
  await ready(page);
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("data-slug", B.slug);

  // Editing the older note moves it to the top.
  await writeNote(page, A.slug, "改过：2MSL 是报文最大生存时间的两倍");
  await go(page, "#/notes");
  await expect(items.nth(0)).toHaveAttribute("data-slug", A.slug);
  await expect(items.nth(0).locator(".note-text")).toHaveText("改过：2MSL 是报文最大生存时间的两倍");

  // Its link opens the topic at the note.
  await items.nth(0).locator(".note-topic a").click();
  await expect(page).toHaveURL(new RegExp(`#/t/${A.slug}/my-note$`));
  await expect(page.locator("details.my-note textarea")).toBeInViewport();
  await expect(page.locator("details.my-note textarea")).toHaveValue("改过：2MSL 是报文最大生存时间的两倍");

  // The progress page counts the notes and links here.
  await go(page, "#/progress");
  const section = page.locator(".prog-section.notes-link");
  await expect(section).toContainText("共 2 条笔记");
  await section.locator("a", { hasText: "查看全部笔记" }).click();
  await expect(page.locator("[data-view=notes]")).toBeVisible();

  // A cleared note leaves the list.
  await go(page, `#/t/${B.slug}`);
  await expect(page.locator("article.topic")).toHaveAttribute("data-slug", B.slug);
  const noteB = page.locator("details.my-note textarea");
  await expect(noteB).not.toHaveValue("");
  await noteB.fill("");
  await expect(status(page)).toHaveText(/^已保存 \d\d:\d\d$/);
  await go(page, "#/notes");
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toHaveAttribute("data-slug", A.slug);
});

test("saving a note says 已保存 without taking the focus or moving anything", async ({ page }) => {
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  // The topic's exercise answers from its worker after the page is up; measure once it has.
  await expect(page.locator(".exercise .result output").first()).not.toBeEmpty({ timeout: 30_000 });
  await page.locator("details.my-note summary").click();
  const area = page.locator("details.my-note textarea");
  await area.click();
  const live = status(page);
  await expect(live).toHaveAttribute("aria-live", "polite");
  await expect(live).toHaveText("");
  const below = page.locator("nav.prev-next");
  const before = { area: await area.boundingBox(), below: await below.boundingBox() };

  await area.pressSequentially("三次握手", { delay: 40 });
  await expect(live).toHaveText(/^已保存 \d\d:\d\d$/);
  // Saved for real when it says so, before any reload or page hide.
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  expect(stored.topics[A.slug].note).toBe("三次握手");
  // The learner is still in the textarea, typing on; nothing moved.
  expect(await area.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await area.boundingBox()).toEqual(before.area);
  expect(await below.boundingBox()).toEqual(before.below);
  await page.keyboard.type("，四次挥手");
  await expect(area).toHaveValue("三次握手，四次挥手");
  await expect(live).toHaveText(/^已保存 \d\d:\d\d$/);
  expect(await area.evaluate((el) => el === document.activeElement)).toBe(true);

  // Clearing the note keeps the editor open under the caret.
  await area.fill("");
  await expect(live).toHaveText(/^已保存/);
  await expect(area).toBeVisible();
  await area.pressSequentially("最后一版");
  await expect(live).toHaveText(/^已保存/);

  await page.reload();
  await ready(page);
  await expect(page.locator("details.my-note textarea")).toHaveValue("最后一版");
});

test("a note that cannot be stored never claims 已保存", async ({ page }) => {
  await page.goto("./");
  await ready(page);
  // Data from a newer version of the app: this one must not overwrite it.
  const newer = JSON.stringify({ schema_version: 99, epoch: 0, topics: {} });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, newer]);
  await page.goto(`./#/t/${A.slug}`);
  await page.reload();
  await ready(page);
  await page.locator("details.my-note summary").click();
  await page.locator("details.my-note textarea").pressSequentially("只在内存里");
  await expect(status(page)).toHaveText("未能保存到本机（见页面顶部的提示）");
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(newer);
});

/** Topics with an exercise, from content/ front matter. */
function exerciseTopics() {
  const dir = new URL("../../content/", import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith(".md")).sort().flatMap((f) => {
    const text = readFileSync(new URL(f, dir), "utf8");
    const slug = text.match(/^slug: (.*)$/m)[1];
    const ids = text.match(/^exercises: \[(.*)\]$/m)[1].split(",").map((s) => s.trim()).filter(Boolean);
    return ids.length ? [{ slug, ids }] : [];
  });
}

// Exercises whose "code" is an excerpt of the notes' prose (src/exercises/seed_code.rs).
const PROSE = new Set(
  readFileSync(new URL("../../src/exercises/seed_code.rs", import.meta.url), "utf8")
    .match(/PROSE_EXCERPTS: &\[&str\] = &\[([^\]]*)\]/)[1]
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean),
);

test("every topic with an exercise shows each of the notes' code blocks once", async ({ page }) => {
  test.setTimeout(120_000);
  const topics = exerciseTopics();
  expect(topics.length).toBeGreaterThanOrEqual(10);
  for (const { slug, ids } of topics) {
    await page.goto(`./#/t/${slug}`);
    await ready(page);
    await expect(page.locator("article.topic .exercise")).toHaveCount(ids.length);
    // Every visible code block's text, note and panels alike.
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll("article.topic pre")]
        .filter((el) => el.checkVisibility() && el.getClientRects().length)
        .map((el) => el.textContent.trim()));
    const noteBlocks = await page.locator("article.topic .note-body pre.code").evaluateAll(
      (els) => els.map((el) => el.textContent.trim()));
    if (noteBlocks.length === 0) {
      // A topic whose notes have no code (its exercises come from the prose): no code shown,
      // no link to any.
      await expect(page.locator("article.topic .python-src, article.topic .python-src-link")).toHaveCount(0);
      continue;
    }
    for (const block of noteBlocks) {
      expect(shown.filter((t) => t === block).length, `${slug}: ${block.slice(0, 40)}`).toBe(1);
    }
    // The panel repeats none of it, and links to the note's code instead.
    await expect(page.locator("article.topic .python-src")).toHaveCount(0);
    for (const id of ids) {
      const link = page.locator(`.exercise[data-exercise=${id}] .python-src-link a`);
      if (PROSE.has(id)) {
        // From the notes' prose, not a code block: nothing to link to, the text is above.
        await expect(link).toHaveCount(0);
        continue;
      }
      await expect(link).toBeVisible();
      await link.click();
      // The block it scrolls to is one of the exercise's code (checked against the exercise page below).
      const inView = await page.locator("article.topic .note-body pre.code").evaluateAll((els) =>
        els.filter((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })
          .map((el) => el.textContent.trim()));
      expect(inView.length, `${slug}: ${id} scrolled to a code block`).toBeGreaterThan(0);
      // On the exercise's own page the code is shown, and it is the note's.
      await page.goto(`./#/ex/${id}`);
      await ready(page);
      const code = (await page.locator(".python-src pre").textContent()).trim();
      expect(inView.some((t) => code.includes(t)), `${slug}: ${id}`).toBe(true);
      expect(noteBlocks.filter((t) => code.includes(t)).length, `${slug}: ${id}`).toBeGreaterThan(0);
      await page.goto(`./#/t/${slug}`);
      await ready(page);
      await expect(page.locator("article.topic .exercise")).toHaveCount(ids.length);
    }
  }
});

test("without the notes, the exercise on a topic page shows the Python itself", async ({ page }) => {
  await page.route(/notes-[0-9a-f]{16}(\/[a-z0-9-]+)?\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: "{\"version\":1,\"topics\":[" }));
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator('[data-view="notes-missing"]')).toBeVisible();
  await expect(page.locator(".exercise .python-src pre")).toContainText("def merge_order_list");
  await expect(page.locator(".exercise .python-src-link")).toHaveCount(0);
});
