// The review session behaves like Anki: a failed (重来) card comes back in the same session
// on its learning step (and a reload keeps it there), a rating can be undone, the daily
// limits cap the queue, random practice draws from opened topics only, and on a phone the
// rating buttons are in view where the answer ends.
import { test, expect, ready, seedProgress } from "./helpers.mjs";

test.use({ serviceWorkers: "block" });

const KEY = "mianshiti.progress";
const P = "dir-walk";
const Q = "day-of-year";
const R = "shuffle-list";
/** The topic with the longest answer (tallest rendered note on a 390 px wide phone). */
const LONGEST = "mvcc";

/** A card that entered review (待复习) but was never rated, due at `due` (ms). */
const newCard = (due) => ({
  status: "review", updated_at: 1,
  review: { due, last_review: due, stability: 0, difficulty: 0, scheduled_days: 0, reps: 0, lapses: 0, state: "new" },
});
/** A card in review, last rated 良好 ten days ago, due now-ish. */
const reviewCard = (due) => ({
  status: "review", updated_at: 1,
  review: { due, last_review: due - 3 * 86400000, stability: 3.1262, difficulty: 5.314578, scheduled_days: 3, reps: 1, lapses: 0, state: "review", last_rating: "good" },
});

/** Starts the page with `topics` stored (once: a reload keeps what the app wrote since). */
async function seed(page, topics, extra = {}) {
  await seedProgress(page, { schema_version: 3, epoch: 0, topics, study_days: [], ...extra });
}
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
const card = (page) => page.locator(".review-card");

test("a failed (重来) card returns in the same session, and a reload keeps its learning step", async ({ page }) => {
  await seed(page, { [P]: newCard(1000), [Q]: newCard(2000) });
  await page.goto("./#/review");
  await ready(page);
  await expect(card(page)).toHaveAttribute("data-slug", P);
  await expect(page.locator("[data-remaining]")).toHaveText("2");
  await page.locator('[data-action="reveal"]').click();
  // 重来 says when: in a minute, not a day.
  await expect(page.locator('[data-rating="again"] .d')).toHaveText("1分钟后");
  await page.locator('[data-rating="again"]').click();
  const result = page.locator("[data-review-result]");
  await expect(result).toContainText("重来");
  await expect(result.locator("[data-next-due]")).toHaveText("1分钟后");
  // The other card first; the failed one waits on its step, still counted for today.
  await expect(card(page)).toHaveAttribute("data-slug", Q);
  await expect(page.locator("[data-remaining]")).toHaveText("2");
  await expect(page.locator("[data-queue-kinds]")).toHaveText("（新 1 · 学习中 1 · 复习 0）");
  const saved = (await stored(page)).topics[P];
  expect(saved.review).toMatchObject({ state: "learning", scheduled_days: 0 });
  expect(saved.review.step ?? 0).toBe(0);
  expect(saved.log).toEqual([expect.objectContaining({ rating: "again", state: "new" })]);

  // A reload mid-session keeps the learning state.
  await page.reload();
  await ready(page);
  await expect(card(page)).toHaveAttribute("data-slug", Q);
  await page.locator('[data-action="reveal"]').click();
  await page.locator('[data-rating="good"]').click();
  // Nothing else left: the failed card comes back now, in this session.
  await expect(card(page)).toHaveAttribute("data-slug", P);
  await expect(card(page)).toHaveAttribute("data-card-state", "learning");
  await expect(card(page).locator("[data-state-label]")).toHaveText("学习中");
  await page.locator('[data-action="reveal"]').click();
  await expect(page.locator('[data-rating="good"] .d')).toHaveText("10分钟后");
  await page.locator('[data-rating="good"]').click();
  await expect(card(page)).toHaveAttribute("data-slug", P);
  await page.locator('[data-action="reveal"]').click();
  // The last step passed: it graduates to a whole-day interval and the session ends.
  await expect(page.locator('[data-rating="good"] .d')).toHaveText(/天后$/);
  await page.locator('[data-rating="good"]').click();
  await expect(page.locator("[data-review-empty]")).toBeVisible();
  await expect(page.locator("[data-remaining]")).toHaveText("0");
  expect((await stored(page)).topics[P].review).toMatchObject({ state: "review", reps: 3 });
});

test("undo (撤销, Z, Ctrl+Z) restores the previous card, its memory state and its log", async ({ page }) => {
  const now = Date.now();
  await seed(page, { [P]: reviewCard(now - 5000), [Q]: newCard(now - 1000) });
  await page.goto("./#/review");
  await ready(page);
  const before = (await stored(page)).topics[P];
  await expect(card(page)).toHaveAttribute("data-slug", P);
  await expect(page.locator('[data-action="undo"]')).toHaveCount(0);

  // A wrong 简单 by mouse, undone by the button. (The answer takes the focus from the
  // button that is gone.)
  await page.locator('[data-action="reveal"]').click();
  await expect(page.locator("[data-answer]")).toBeFocused();
  await page.locator('[data-rating="easy"]').click();
  await expect(card(page)).toHaveAttribute("data-slug", Q);
  expect((await stored(page)).topics[P].review.reps).toBe(2);
  await page.locator('[data-action="undo"]').click();
  await expect(card(page)).toHaveAttribute("data-slug", P);
  // Shown again with its answer, ready to be rated again.
  await expect(page.locator("[data-answer]")).toBeFocused();
  await expect(page.locator("[data-rating]")).toHaveCount(4);
  await expect(page.locator("[data-review-result]")).toHaveCount(0);
  let after = (await stored(page)).topics[P];
  expect(after.review).toEqual(before.review);
  expect(after.log ?? []).toEqual([]);
  expect(after.status).toBe("review");
  await expect(page.locator('[data-action="undo"]')).toHaveCount(0);

  // By keyboard: 3 rates, Ctrl+Z undoes; again with 1 and plain z.
  await page.keyboard.press("3");
  await expect(card(page)).toHaveAttribute("data-slug", Q);
  await page.keyboard.press("Control+z");
  await expect(card(page)).toHaveAttribute("data-slug", P);
  expect((await stored(page)).topics[P].review).toEqual(before.review);
  await page.keyboard.press("1");
  await expect(page.locator("[data-review-result]")).toContainText("重来");
  await page.keyboard.press("z");
  await expect(card(page)).toHaveAttribute("data-slug", P);
  after = (await stored(page)).topics[P];
  expect(after.review).toEqual(before.review);
  // The undo survives a reload (it was written like any change).
  await page.reload();
  await ready(page);
  await expect(card(page)).toHaveAttribute("data-slug", P);
  await expect(card(page)).toHaveAttribute("data-card-state", "review");
});

test("daily limits from the settings cap the queue, the due badge and the home offer", async ({ page }) => {
  await seed(page, { [P]: newCard(1000), [Q]: newCard(2000), [R]: newCard(3000) });
  await page.goto("./#/progress");
  await ready(page);
  const badge = page.locator("header a.nav-link .due-badge");
  await expect(badge).toHaveText("3");
  const limit = page.locator('[data-setting="new-per-day"]');
  await expect(limit).toHaveValue("20");
  await expect(page.locator('[data-setting="reviews-per-day"]')).toHaveValue("200");
  await limit.fill("1");
  await limit.press("Enter");
  await limit.blur();
  await expect(badge).toHaveText("1");
  await expect(page.locator("[data-queue-count]")).toHaveText("1");
  expect((await stored(page)).review_settings).toMatchObject({ new_per_day: 1, reviews_per_day: 200 });

  // Persisted; the home page offers only what the limit allows.
  await page.reload();
  await ready(page);
  await expect(limit).toHaveValue("1");
  await page.evaluate(() => { location.hash = "#/"; });
  await expect(page.locator("main")).toContainText("今天有 1 项到期待复习");

  await page.evaluate(() => { location.hash = "#/review"; });
  await expect(page.locator("[data-remaining]")).toHaveText("1");
  await expect(card(page)).toHaveAttribute("data-slug", P);
  await page.locator('[data-action="reveal"]').click();
  await page.locator('[data-rating="good"]').click();
  const empty = page.locator("[data-review-empty]");
  await expect(empty).toBeVisible();
  await expect(empty.locator("[data-held-back]")).toContainText("另有 2 项");
  await expect(badge).toHaveCount(0);
});

test("random practice draws from opened topics by default and never schedules an unread one unasked", async ({ page }) => {
  await page.addInitScript(() => { Math.random = () => 0; });
  await seed(page, { [Q]: { status: "read", updated_at: 1, first_read: 1, last_visit: 1 } });
  await page.goto("./#/review");
  await ready(page);
  const empty = page.locator("[data-review-empty]");
  const random = empty.locator('[data-action="practice-random"]');
  await expect(random).toHaveText("随机练习一题（1）");
  await random.click();
  await expect(card(page)).toHaveAttribute("data-slug", Q);
  await expect(card(page)).toHaveAttribute("data-mode", "随机练习");
  // Only one opened topic: 换一题 has nothing else to draw, the practice ends.
  await page.locator('[data-action="skip"]').click();
  await expect(empty).toBeVisible();

  // Including every topic is a choice, remembered.
  await empty.locator('[data-action="practice-unread"]').check();
  await expect(random).toHaveText("随机练习一题（78）");
  expect((await stored(page)).review_settings.practice_unread).toBe(true);
  await random.click();
  await expect(card(page)).toHaveAttribute("data-slug", P); // Math.random() = 0: the first topic
  await page.locator('[data-action="reveal"]').click();
  await page.locator('[data-rating="good"]').click();
  const result = page.locator("[data-review-result]");
  await expect(result).toContainText("还没读过，评分没有记入复习计划");
  expect((await stored(page)).topics[P]).toBeUndefined();
  // Asked, it goes on the schedule.
  await result.locator('[data-action="schedule-unread"]').click();
  await expect.poll(async () => (await stored(page)).topics[P]?.status).toBe("review");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the rating buttons are in view after scrolling to the end of the longest answer", async ({ page }) => {
    await seed(page, { [LONGEST]: newCard(1000) });
    await page.goto("./#/review");
    await ready(page);
    await page.locator('[data-action="reveal"]').click();
    const bar = page.locator(".rate-bar");
    await expect(bar).toBeVisible();
    const inView = () => page.evaluate(() => {
      const r = document.querySelector(".rate-bar").getBoundingClientRect();
      const a = document.querySelector("[data-answer]").getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight, answerBottom: a.bottom, distance: r.top - a.bottom };
    });
    // While the answer is read, the bar sits at the bottom of the viewport...
    let m = await inView();
    expect(m.bottom).toBeLessThanOrEqual(m.vh + 1);
    expect(m.top).toBeGreaterThan(m.vh - 120);
    // ...and at the end of the answer it is right below it, in view.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    m = await inView();
    console.log(`phone review: answer end → rating controls ${Math.round(m.distance)} px (bar ${Math.round(m.top)}–${Math.round(m.bottom)} of ${m.vh})`);
    expect(m.answerBottom).toBeLessThanOrEqual(m.vh);
    expect(m.top).toBeGreaterThanOrEqual(0);
    expect(m.bottom).toBeLessThanOrEqual(m.vh + 1);
    expect(m.distance).toBeGreaterThanOrEqual(0);
    expect(m.distance).toBeLessThan(100);
    // The buttons can be pressed there, and the next state is the result.
    await page.locator('[data-rating="good"]').tap();
    await expect(page.locator("[data-review-result]")).toContainText("良好");
  });
});
