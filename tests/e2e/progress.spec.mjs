// Study progress end to end: persistence, two tabs, broken or foreign storage, export and
// import into a fresh profile, and the review (spaced repetition) flow.
import { readFileSync } from "node:fs";
import { test, expect, ready } from "./helpers.mjs";

// These tests are about storage alone: no service worker (offline.spec.mjs covers it), so
// nothing else can reload the page and wipe the in-memory state some tests check.
test.use({ serviceWorkers: "block" });

const KEY = "mianshiti.progress";
const BACKUP = "mianshiti.progress.backup.";
const A = { slug: "tcp-2msl", title: "什么是tcp的2MSL", question: "什么是 TCP 的 2MSL？" };
const B = { slug: "merge-sorted-lists" };

/** Collects console errors and page errors of a page the shared fixture does not watch. */
function watch(page) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

const statusBtn = (page, key) => page.locator(`.status-btn[data-status="${key}"]`);
const count = (page, key) => page.locator(`[data-count="${key}"] .n`);
const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);
const backups = (page) => page.evaluate((prefix) =>
  Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k, localStorage.getItem(k)]), BACKUP);

/** Local `YYYY-MM-DD`, `days` from now, as the page's clock and time zone see it (the
 *  calendar's `data-day`). */
const dateIn = (page, days) => page.evaluate((n) => {
  const d = new Date(Date.now() + n * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}, days);
/** The same date as the app shows it: the browser's own zh-CN `Intl.DateTimeFormat`
 *  (e.g. `2026/11/30`), the formatter `src/ui/format.rs` uses. */
const shownDateIn = (page, days) => page.evaluate((n) =>
  new Intl.DateTimeFormat("zh-CN", { year: "numeric", month: "2-digit", day: "2-digit" })
    .format(new Date(Date.now() + n * 86400000)), days);

test("a status survives a reload and shows in the overview", async ({ page }) => {
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  await statusBtn(page, "mastered").click();
  await expect(statusBtn(page, "mastered")).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await ready(page);
  await expect(statusBtn(page, "mastered")).toHaveAttribute("aria-pressed", "true");
  await expect(statusBtn(page, "unread")).toHaveAttribute("aria-pressed", "false");

  await page.locator("header a.nav-link", { hasText: "进度" }).click();
  await expect(page.locator("[data-view=progress] h1")).toHaveText("学习进度");
  await expect(count(page, "mastered")).toHaveText("1");
  await expect(count(page, "unread")).toHaveText("77");
  await expect(page.locator("[data-overall=mastered]")).toHaveText("1");
  // The topic's category shows it too, and today is a study day.
  await expect(page.locator(".cat-row", { hasText: "网络与 HTTP" })).toContainText("已掌握 1");
  await expect(page.locator("[data-streak=current] .n")).toHaveText("1");
  await expect(page.locator(`.calendar .day.on[data-day="${await dateIn(page, 0)}"]`)).toHaveCount(1);
  // One chart with its legend: the bar says in words what it shows (not colour alone), and the
  // legend names each status with its count, in the bar's order.
  const chart = page.locator(".overview > .stack");
  await expect(chart).toHaveAttribute("role", "img");
  await expect(chart).toHaveAttribute("aria-label", "总体进度：已掌握 1，待复习 0，已读 0，未读 77（共 78 个主题）");
  await expect(page.locator(".overview progress")).toHaveCount(0);
  await expect(page.locator(".overview .legend li")).toHaveText(["1已掌握", "0待复习", "0已读", "77未读"]);
  await expect(page.locator(".cat-row", { hasText: "网络与 HTTP" }).locator(".stack")).toHaveAttribute("aria-label", /^网络与 HTTP：已掌握 1，/);
  // Bars are sized through the CSSOM only: no inline style attribute survived the CSP.
  const seg = page.locator(".overview .stack .seg.mastered").first();
  expect(await seg.evaluate((el) => parseFloat(getComputedStyle(el).width))).toBeGreaterThan(0);
});

test("two tabs editing different topics keep both changes and see each other live", async ({ page, context }) => {
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  const other = await context.newPage();
  const problems = watch(other);
  await other.goto(`./#/t/${A.slug}`);
  await ready(other);

  // Tab 1 changes topic A; tab 2, showing the same topic, follows without a reload.
  await statusBtn(page, "mastered").click();
  await expect(statusBtn(other, "mastered")).toHaveAttribute("aria-pressed", "true");

  // Tab 2 moves on (no reload) and edits topic B; tab 1 writes a note on A meanwhile.
  await go(other, `#/t/${B.slug}`);
  await expect(other.locator("article.topic")).toHaveAttribute("data-slug", B.slug);
  await statusBtn(other, "review").click();
  await other.locator(".bookmark-btn").click();
  await page.locator(".my-note summary").click();
  await page.locator(".my-note textarea").fill("两边都改");
  await expect(statusBtn(other, "review")).toHaveAttribute("aria-pressed", "true");

  // Tab 1's overview has both tabs' changes.
  await go(page, "#/progress");
  await expect(count(page, "mastered")).toHaveText("1");
  await expect(count(page, "review")).toHaveText("1");
  await expect(page.locator(`.bookmark-list li[data-slug="${B.slug}"]`)).toBeVisible();
  // ...and tab 2, live, once more: a change made in tab 1 now shows there.
  await go(other, "#/progress");
  await expect(count(other, "mastered")).toHaveText("1");
  await page.locator(`.bookmark-list li[data-slug="${B.slug}"] button`).click();
  await expect(other.locator(`.bookmark-list li[data-slug="${B.slug}"]`)).toHaveCount(0);

  // Both survive a reload of both tabs.
  for (const p of [page, other]) {
    await p.reload();
    await ready(p);
    await expect(count(p, "mastered")).toHaveText("1");
    await expect(count(p, "review")).toHaveText("1");
  }
  await go(other, `#/t/${A.slug}`);
  await expect(other.locator(".my-note textarea")).toHaveValue("两边都改");
  await expect(statusBtn(other, "mastered")).toHaveAttribute("aria-pressed", "true");
  expect(problems, problems.join("\n")).toEqual([]);
});

test("a corrupted stored value is backed up, and the app starts fresh with a notice", async ({ page }) => {
  await page.goto("./");
  await ready(page);
  await page.evaluate((k) => localStorage.setItem(k, "{bad json"), KEY);
  await page.reload();
  await ready(page);
  const notice = page.locator('[data-banner="notice"]');
  await expect(notice).toContainText("已损坏");
  await expect(notice).toContainText(BACKUP);
  const saved = await backups(page);
  expect(saved).toHaveLength(1);
  expect(saved[0][1]).toBe("{bad json");

  // The app works normally and saves again.
  await go(page, `#/t/${A.slug}`);
  await statusBtn(page, "read").click();
  await expect(statusBtn(page, "read")).toHaveAttribute("aria-pressed", "true");
  expect(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)).topics[A.slug].status).toBe("read");
  await page.reload();
  await ready(page);
  await expect(statusBtn(page, "read")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator('[data-banner="notice"]')).toHaveCount(0);
  expect(await backups(page)).toHaveLength(1);

  // The backup is listed in the settings; previewing it explains it cannot be read.
  await go(page, "#/progress");
  const row = page.locator(`.backup[data-backup="${saved[0][0]}"]`);
  await expect(row).toBeVisible();
  await row.locator('[data-action="restore-backup"]').click();
  await expect(page.locator('[data-import="failed"]')).toContainText("不是有效的 JSON");
  await expect(count(page, "read")).toHaveText("1");
  // Deleting asks first.
  await row.locator('[data-action="delete-backup"]').click();
  await row.locator('[data-action="confirm-delete-backup"]').click();
  await expect(page.locator("[data-backups=none]")).toBeVisible();
  expect(await backups(page)).toHaveLength(0);
});

test("when storage refuses every write the app keeps working in memory and says so", async ({ page }) => {
  await page.addInitScript(() => {
    window.__setItemCalls = 0;
    Storage.prototype.setItem = function () {
      window.__setItemCalls += 1;
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  const banner = page.locator('[data-banner="storage"]');
  await expect(banner).toContainText("存储空间已满");
  await expect(banner).toContainText("只保存在内存中");

  await statusBtn(page, "mastered").click();
  await expect(statusBtn(page, "mastered")).toHaveAttribute("aria-pressed", "true");
  await statusBtn(page, "review").click();
  await expect(statusBtn(page, "review")).toHaveAttribute("aria-pressed", "true");
  await expect(statusBtn(page, "mastered")).toHaveAttribute("aria-pressed", "false");
  await page.locator(".bookmark-btn").click();
  await expect(page.locator(".bookmark-btn")).toHaveAttribute("aria-pressed", "true");

  // No retry loop: while idle, the number of write attempts settles (the reading tracker's
  // one record, 3 s after the page opened, may still come: on a busy machine it landed inside
  // a fixed 1.5 s window) and then stays put for 1.5 s.
  let before = -1;
  await expect.poll(async () => {
    const n = await page.evaluate(() => window.__setItemCalls);
    const settled = n === before;
    before = n;
    return settled;
  }, { intervals: [1500], timeout: 15_000 }).toBe(true);
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(20);

  // The in-memory progress drives the other pages too.
  await go(page, "#/progress");
  await expect(count(page, "review")).toHaveText("1");
  await expect(page.locator("[data-queue-count]")).toHaveText("1");
  await expect(page.locator("[data-storage-state=error]")).toContainText("存储空间已满");
  await expect(banner).toBeVisible();
  await go(page, "#/review");
  await expect(page.locator(".review-card")).toHaveAttribute("data-slug", A.slug);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
});

test("when localStorage is blocked altogether the app still starts and says so", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
    });
  });
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  await expect(page.locator('[data-banner="storage"]')).toContainText("禁止了本地存储");
  await statusBtn(page, "read").click();
  await expect(statusBtn(page, "read")).toHaveAttribute("aria-pressed", "true");
  await go(page, "#/progress");
  await expect(count(page, "read")).toHaveText("1");
});

test("a stored value from a newer version is never overwritten", async ({ page }) => {
  const newer = JSON.stringify({
    schema_version: 99,
    epoch: 0,
    topics: { [A.slug]: { status: "mastered", updated_at: 1, note: "来自未来" } },
    something_new: { x: 1 },
  });
  await page.goto("./");
  await ready(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, newer]);
  await page.reload();
  await ready(page);
  const banner = page.locator('[data-banner="storage"]');
  await expect(banner).toContainText("更新版本");
  await expect(banner).toContainText("99");

  // What it could read is shown; edits work in memory only.
  await go(page, `#/t/${A.slug}`);
  await expect(statusBtn(page, "mastered")).toHaveAttribute("aria-pressed", "true");
  await go(page, `#/t/${B.slug}`);
  await statusBtn(page, "read").click();
  await expect(statusBtn(page, "read")).toHaveAttribute("aria-pressed", "true");
  await page.locator(".bookmark-btn").click();
  await page.locator(".my-note summary").click();
  await page.locator(".my-note textarea").fill("不会被保存");
  await go(page, "#/progress");
  await expect(count(page, "read")).toHaveText("1");
  await expect(page.locator("[data-storage-state=error]")).toContainText("更新版本");

  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(newer);
  expect(await backups(page)).toHaveLength(0);
  await page.reload();
  await ready(page);
  await expect(banner).toContainText("更新版本");
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(newer);
});

test("export, then import into a fresh profile, restores statuses, notes and bookmarks", async ({ page, browser }) => {
  const note = "<b>不是 HTML</b> & 记住 2MSL";
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  await statusBtn(page, "mastered").click();
  await page.locator(".bookmark-btn").click();
  await page.locator(".my-note summary").click();
  await page.locator(".my-note textarea").fill(note);
  await go(page, `#/t/${B.slug}`);
  await statusBtn(page, "review").click();
  await expect(statusBtn(page, "review")).toHaveAttribute("aria-pressed", "true");

  await go(page, "#/progress");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-action="export"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mianshiti-progress-\d{8}\.json$/);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.schema_version).toBe(4);
  expect(exported.topics[A.slug]).toMatchObject({ status: "mastered", bookmarked: true, note });
  expect(exported.topics[B.slug].status).toBe("review");
  await expect(page.locator("[data-export-result]")).toContainText("已导出");

  // A new browser context is a fresh profile: nothing there yet.
  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", serviceWorkers: "block" });
  const p2 = await fresh.newPage();
  const problems = watch(p2);
  await p2.goto("./#/progress");
  await ready(p2);
  await expect(count(p2, "unread")).toHaveText("78");

  // Garbage is refused with an explanation and changes nothing.
  await p2.locator('[data-action="import-file"]').setInputFiles({
    name: "garbage.json", mimeType: "application/json", buffer: Buffer.from("这不是 JSON {"),
  });
  await expect(p2.locator('[data-import="failed"]')).toContainText("不是有效的 JSON");
  // Where, as people count: line and column from 1 (the first character is the culprit).
  await expect(p2.locator('[data-import="failed"]')).toContainText("第 1 行第 1 列");
  await expect(count(p2, "unread")).toHaveText("78");
  // So is a file from a newer version.
  await p2.locator('[data-action="import-file"]').setInputFiles({
    name: "newer.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ schema_version: 99, topics: {} })),
  });
  await expect(p2.locator('[data-import="failed"]')).toContainText("更新版本");

  // The real export: preview first, then merge.
  await p2.locator('[data-action="import-file"]').setInputFiles(file);
  const preview = p2.locator('[data-import="preview"]');
  await expect(preview).toBeVisible();
  await expect(preview.locator("[data-import-summary]")).toHaveText("新增 2 · 更新 0 · 不变 0 · 冲突 0");
  await expect(count(p2, "unread")).toHaveText("78"); // nothing applied before the choice
  await preview.locator('[data-action="merge"]').click();
  await expect(p2.locator('[data-import="done"]')).toContainText("新增 2");
  await expect(count(p2, "mastered")).toHaveText("1");
  await expect(count(p2, "review")).toHaveText("1");
  await expect(p2.locator(`.bookmark-list li[data-slug="${A.slug}"]`)).toBeVisible();

  // Persisted in the new profile, and the note is text, never markup.
  await p2.reload();
  await ready(p2);
  await go(p2, `#/t/${A.slug}`);
  await expect(statusBtn(p2, "mastered")).toHaveAttribute("aria-pressed", "true");
  await expect(p2.locator(".bookmark-btn")).toHaveAttribute("aria-pressed", "true");
  await expect(p2.locator(".my-note textarea")).toHaveValue(note);
  await expect(p2.locator(".my-note b")).toHaveCount(0);

  // Importing the same file again changes nothing.
  await go(p2, "#/progress");
  await p2.locator('[data-action="import-file"]').setInputFiles(file);
  await expect(p2.locator("[data-import-summary]")).toHaveText("新增 0 · 更新 0 · 不变 2 · 冲突 0");
  await p2.locator('[data-import="preview"] button', { hasText: "取消" }).click();
  await expect(p2.locator('[data-import="preview"]')).toHaveCount(0);
  expect(problems, problems.join("\n")).toEqual([]);
  await fresh.close();
});

test("替换全部 asks for confirmation, backs up the old progress and replaces it", async ({ page }) => {
  const incoming = JSON.stringify({
    schema_version: 2, epoch: 0,
    topics: { [B.slug]: { status: "mastered", updated_at: 1000, note: "导入的笔记" } },
    study_days: [],
  });
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  await statusBtn(page, "read").click();
  await go(page, "#/progress");
  await page.locator('[data-action="import-file"]').setInputFiles({
    name: "other.json", mimeType: "application/json", buffer: Buffer.from(incoming),
  });
  // The confirmation is an alertdialog named by its question, with focus on 取消; Escape
  // cancels and gives focus back to the button that asked.
  await page.locator('[data-action="replace"]').click();
  const dialog = page.getByRole("alertdialog", { name: "确定替换全部进度吗？" });
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-action="replace"]')).toBeFocused();
  await page.locator('[data-action="replace"]').click();
  const confirm = page.locator('[data-confirm="replace"]');
  await expect(confirm).toContainText("确定替换全部进度吗");
  await expect(count(page, "read")).toHaveText("1"); // not yet
  await confirm.locator('[data-action="confirm-replace"]').click();
  await expect(page.locator('[data-import="done"]')).toContainText("替换");
  await expect(count(page, "read")).toHaveText("0");
  await expect(count(page, "mastered")).toHaveText("1");
  const saved = await backups(page);
  expect(saved).toHaveLength(1);
  expect(JSON.parse(saved[0][1]).topics[A.slug].status).toBe("read");
  await page.reload();
  await ready(page);
  await expect(count(page, "mastered")).toHaveText("1");
  await expect(count(page, "read")).toHaveText("0");
});

test("review: mark 待复习, reveal the answer, rate 良好, the queue empties and the next date shows", async ({ page }) => {
  await page.goto(`./#/t/${A.slug}`);
  await ready(page);
  await statusBtn(page, "review").click();
  await page.locator("header a.nav-link", { hasText: "复习" }).click();

  const card = page.locator(".review-card");
  await expect(card).toHaveAttribute("data-slug", A.slug);
  await expect(card.locator(".review-question")).toHaveText(A.question);
  await expect(page.locator("[data-remaining]")).toHaveText("1");
  // The answer is not in the page until asked for.
  await expect(page.locator("[data-answer]")).toHaveCount(0);
  await expect(page.locator("[data-rating]")).toHaveCount(0);
  await page.locator('[data-action="reveal"]').click();
  await expect(page.locator("[data-answer] .note-body")).not.toBeEmpty();
  await expect(page.locator("[data-rating]")).toHaveCount(4);
  await expect(page.locator("[data-rating]")).toHaveText([/重来/, /困难/, /良好/, /简单/]);

  const days = parseInt(await page.locator('[data-rating="good"] .d').textContent(), 10);
  expect(days).toBeGreaterThanOrEqual(1);
  await page.locator('[data-rating="good"]').click();

  await expect(page.locator("[data-review-empty]")).toBeVisible();
  await expect(page.locator("[data-remaining]")).toHaveText("0");
  const result = page.locator("[data-review-result]");
  await expect(result).toContainText("良好");
  await expect(result.locator("[data-next-due]")).toHaveText(await shownDateIn(page, days));

  // The overview agrees, and it all survives a reload.
  await go(page, "#/progress");
  await expect(page.locator("[data-queue-empty]")).toBeVisible();
  await expect(page.locator(`.upcoming-list li[data-slug="${A.slug}"]`)).toContainText(await shownDateIn(page, days));
  await page.reload();
  await ready(page);
  await expect(page.locator("[data-queue-count]")).toHaveText("0");
  await go(page, "#/review");
  await expect(page.locator("[data-review-empty]")).toBeVisible();
  await go(page, `#/t/${A.slug}`);
  await expect(statusBtn(page, "review")).toHaveAttribute("aria-pressed", "true");
});

test("review: the keyboard works, and with nothing due bookmarks can be practised", async ({ page }) => {
  await page.goto(`./#/t/${B.slug}`);
  await ready(page);
  await page.locator(".bookmark-btn").click();
  await statusBtn(page, "read").click();
  await go(page, "#/review");
  const empty = page.locator("[data-review-empty]");
  await expect(empty).toContainText("今天没有需要复习的主题");
  // A read topic can be added to the review cycle from here.
  await empty.locator(`li[data-slug="${B.slug}"] [data-action="add-review"]`).click();
  await expect(page.locator(".review-card")).toHaveAttribute("data-slug", B.slug);
  await page.keyboard.press(" ");
  await expect(page.locator("[data-answer]")).toBeVisible();
  await page.keyboard.press("1");
  await expect(page.locator("[data-review-result]")).toContainText("重来");
  // 重来 keeps it in this session: on its first learning step, and with nothing else left it
  // is shown again at once; 简单 graduates it.
  await expect(page.locator(".review-card")).toHaveAttribute("data-card-state", "learning");
  await expect(page.locator(".review-card")).toHaveAttribute("data-slug", B.slug);
  await page.keyboard.press(" ");
  await page.keyboard.press("4");
  await expect(page.locator("[data-review-result]")).toContainText("简单");
  await expect(empty).toBeVisible();

  await empty.locator('[data-action="practice-bookmarks"]').click();
  await expect(page.locator(".review-card")).toHaveAttribute("data-slug", B.slug);
  await page.locator('[data-action="reveal"]').click();
  await page.locator('[data-rating="easy"]').click();
  await expect(page.locator("[data-review-result]")).toContainText("简单");
  await expect(page.locator("[data-review-empty]")).toBeVisible();
});
