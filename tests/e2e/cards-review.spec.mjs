// Code cards in the review schedule (issue 14): a card added to the schedule is predicted,
// revealed, compared and rated like a topic; a wrong answer (重来, proposed) comes back in the
// same session on its learning step, a right one is scheduled days ahead; the review page
// filters to code cards; the topic page rates cards too (and undoes a rating), lists their
// standing and keeps a typed prediction across navigation; the overview counts them; all of it
// works offline.
import { test, expect, ready, seedProgress } from "./helpers.mjs";
import { readFileSync } from "node:fs";

const KEY = "mianshiti.progress";
const TOPIC = "closure-late-binding";
const CARDS = JSON.parse(readFileSync(new URL("../../src/cards/cards.json", import.meta.url), "utf8")).cards;
const expected = (id) => CARDS.find((c) => c.id === id).expected.trimEnd();
/** A topic that entered review but was never rated, due at `due` (ms). */
const newTopic = (due) => ({
  status: "review", updated_at: 1,
  review: { due, last_review: due, stability: 0, difficulty: 0, scheduled_days: 0, reps: 0, lapses: 0, state: "new" },
});

/** Starts the page with `store` stored (once: a reload keeps what the app wrote since). */
async function seed(page, store) {
  await seedProgress(page, { schema_version: 4, epoch: 0, topics: {}, study_days: [], ...store });
}
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
const card = (page) => page.locator(".review-card");
const box = (page) => page.getByLabel("你的预测（每行对应一行输出）");

test.describe("without a service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("a wrong card comes back in the same session, a right one days later; the filter picks code cards", async ({ page }) => {
    const WRONG = "closure-default-arg";
    const RIGHT = "local-scope-error";
    await seed(page, {
      topics: { [TOPIC]: { status: "read", updated_at: 1 }, "dir-walk": newTopic(1000) },
      cards: {
        [WRONG]: { updated_at: 1, review: newTopic(1000).review },
        [RIGHT]: { updated_at: 1, review: newTopic(2000).review },
      },
    });
    await page.goto("./#/review?only=code");
    await ready(page);
    // The filter is a radio group: the address chose 只看代码题.
    const only = (name) => page.getByRole("radio", { name });
    await expect(only("只看代码题")).toBeChecked();
    await expect(page.getByRole("group", { name: "复习哪些卡片" })).toBeVisible();
    await expect(page.locator("[data-remaining]")).toHaveText("2");
    await expect(card(page)).toHaveAttribute("data-card", WRONG);
    await expect(card(page)).toHaveAttribute("data-card-state", "new");
    await expect(card(page).locator("pre.code")).toContainText("lambda x, i=i: i*x");
    await expect(card(page).locator(".predict-expected")).toHaveCount(0);

    // Wrong: late binding where there is none. Ctrl+Enter reveals the verdict and the diff.
    await box(page).fill("9\n9\n9\n9");
    await box(page).press("Control+Enter");
    const verdict = card(page).locator(".verdict");
    await expect(verdict).toHaveAttribute("data-correct", "false");
    await expect(verdict.locator(".predict-diff li.missing").first()).toBeVisible();
    await expect(card(page).locator(".predict-expected")).toHaveText(expected(WRONG));
    await expect(card(page).locator(".predict-why")).toBeVisible();
    // The app proposes 重来, marked on its button; 1 rates it (focus is on the answer).
    await expect(page.locator(".rate-btn.proposed")).toHaveCount(1);
    await expect(page.locator('[data-rating="again"]')).toHaveClass(/proposed/);
    await expect(page.locator('[data-rating="again"] .r')).toHaveText("重来（建议）");
    await expect(page.locator("[data-answer]")).toBeFocused();
    await page.keyboard.press("1");
    const result = page.locator("[data-review-result]");
    await expect(result).toContainText("重来");
    await expect(result.locator("[data-next-due]")).toHaveText("1分钟后");
    let s = await stored(page);
    expect(s.schema_version).toBe(4);
    expect(s.cards[WRONG].review).toMatchObject({ state: "learning", scheduled_days: 0 });
    expect(s.cards[WRONG].log).toEqual([{ review: expect.any(Number), rating: "again", state: "new", correct: false }]);
    // The topic of the same name as a card is untouched.
    expect(s.topics[TOPIC]).toEqual({ status: "read", updated_at: 1 });

    // The other card, with an empty box; right this time.
    await expect(card(page)).toHaveAttribute("data-card", RIGHT);
    await expect(page.locator("[data-remaining]")).toHaveText("2");
    await expect(box(page)).toHaveValue("");
    await box(page).fill(expected(RIGHT));
    await card(page).locator('[data-action="reveal"]').click();
    await expect(card(page).locator(".verdict")).toHaveAttribute("data-correct", "true");
    await expect(page.locator('[data-rating="good"]')).toHaveClass(/proposed/);
    await page.locator('[data-rating="good"]').click();
    await expect(result).toContainText("良好");
    await expect(result).toContainText("下次复习");
    s = await stored(page);
    expect(s.cards[RIGHT].review.state).toBe("review");
    expect(s.cards[RIGHT].review.scheduled_days).toBeGreaterThanOrEqual(1);
    expect(s.cards[RIGHT].review.due - Date.now()).toBeGreaterThan(20 * 3600_000);

    // Nothing else left: the failed card comes back now, on its learning step, box empty.
    await expect(card(page)).toHaveAttribute("data-card", WRONG);
    await expect(card(page)).toHaveAttribute("data-card-state", "learning");
    await expect(box(page)).toHaveValue("");
    // 撤销 puts the last rated card back, its prediction and verdict shown again.
    await page.locator('[data-action="undo"]').click();
    await expect(card(page)).toHaveAttribute("data-card", RIGHT);
    await expect(box(page)).toHaveValue(expected(RIGHT));
    await expect(card(page).locator(".verdict")).toHaveAttribute("data-correct", "true");
    expect((await stored(page)).cards[RIGHT].review.state).toBe("new");
    await page.keyboard.press("3");
    await expect(card(page)).toHaveAttribute("data-card", WRONG);

    // The filter: topics only shows the due topic; all mixes both; arrow keys move the choice.
    await only("只看主题").check();
    await expect(page).toHaveURL(/#\/review\?only=topics$/);
    await expect(card(page)).toHaveAttribute("data-slug", "dir-walk");
    await expect(page.locator("[data-remaining]")).toHaveText("1");
    await only("只看主题").press("ArrowLeft");
    await expect(only("全部")).toBeChecked();
    await expect(page).toHaveURL(/#\/review$/);
    await expect(page.locator("[data-remaining]")).toHaveText("2");
    await page.reload();
    await ready(page);
    await expect(only("全部")).toBeChecked();
  });

  test("with no code card due, the cards of topics read are offered for the schedule", async ({ page }) => {
    await seed(page, { topics: { [TOPIC]: { status: "read", updated_at: 1 } } });
    await page.goto("./#/review?only=code");
    await ready(page);
    await expect(page.locator("[data-review-empty]")).toBeVisible();
    const offered = page.locator("[data-card-candidates] li");
    await expect(offered).toHaveCount(CARDS.filter((c) => c.topic === TOPIC).length);
    await page.locator(`[data-card-candidates] li[data-card="${TOPIC}"] [data-action="add-card"]`).click();
    await expect(card(page)).toHaveAttribute("data-card", TOPIC);
    await expect(card(page)).toHaveAttribute("data-card-state", "new");
    await expect(page.locator("[data-card-candidates]")).toHaveCount(0);
    expect((await stored(page)).cards[TOPIC].review.state).toBe("new");
  });

  test("a topic page rates its cards, undoes a rating, lists their standing, and keeps a typed prediction", async ({ page }) => {
    await page.goto(`./#/t/${TOPIC}`);
    await ready(page);
    const c = page.locator('.predict-card[data-card="closure-default-arg"]');
    await expect(c.locator("[data-standing]")).toHaveText("复习计划：未加入复习");
    const input = c.getByLabel("你的预测（每行对应一行输出）");
    await input.fill("0\n3");
    // Away and back within the session: the prediction is still there.
    await page.goto("./#/t/dir-walk");
    await expect(page.locator("h1.topic-title")).toBeVisible();
    await page.goBack();
    await expect(input).toHaveValue("0\n3");
    await input.press("Control+Enter");
    await expect(c.locator(".verdict")).toHaveAttribute("data-correct", "false");
    // Right on the second try: the proposal follows this verdict; accuracy keeps the first.
    await c.getByRole("button", { name: "再试一次" }).click();
    await input.fill(expected("closure-default-arg"));
    await input.press("Control+Enter");
    await expect(c.locator('[data-rating="good"]')).toHaveClass(/proposed/);
    await c.locator('[data-rating="good"]').click();
    await expect(c.locator("[data-card-rated]")).toContainText("评为「良好」");
    await expect(c.locator("[data-standing]")).toHaveAttribute("data-standing", "review");
    await expect(c.locator("[data-standing]")).toContainText("下次复习");
    // 再试一次 after a rating: what the box shows is compared again (a new first try).
    await c.getByRole("button", { name: "再试一次" }).click();
    await input.press("Control+Enter");
    await expect(c.locator(".verdict")).toHaveAttribute("data-correct", "true");
    const s = await stored(page);
    expect(s.cards["closure-default-arg"].log).toEqual([expect.objectContaining({ rating: "good", correct: false })]);
    expect(s.topics[TOPIC]?.review).toBeUndefined();
    // 1–4 rate a revealed card from the keyboard, too.
    const other = page.locator(`.predict-card[data-card="${TOPIC}"]`);
    await other.getByLabel("你的预测（每行对应一行输出）").fill("9");
    await other.getByLabel("你的预测（每行对应一行输出）").press("Control+Enter");
    await expect(other.locator('[data-rating="again"]')).toHaveClass(/proposed/);
    await page.keyboard.press("1");
    await expect(other.locator("[data-standing]")).toHaveAttribute("data-standing", "learning");
    // 撤销 (Z or the button) takes a rating back, as in review: the card leaves the schedule
    // again, the verdict and the proposal stay, and it can be rated anew.
    await expect(other.locator("[data-card-rated]")).toBeFocused();
    await page.keyboard.press("z");
    await expect(other.locator("[data-standing]")).toHaveText("复习计划：未加入复习");
    await expect(other.locator('[data-rating="again"]')).toHaveClass(/proposed/);
    expect((await stored(page)).cards[TOPIC].review).toBeUndefined();
    await other.locator('[data-rating="hard"]').click();
    await expect(other.locator("[data-standing]")).toHaveAttribute("data-standing", "learning");
    await other.getByRole("button", { name: "撤销评分" }).click();
    await expect(other.locator("[data-card-rated]")).toHaveCount(0);
    await expect(other.locator(".verdict-head")).toBeFocused();
    expect((await stored(page)).cards[TOPIC].log).toBeUndefined();
    await page.keyboard.press("1");
    await expect(other.locator("[data-standing]")).toHaveAttribute("data-standing", "learning");

    // The overview counts code cards: learned, due today, first-try accuracy.
    await page.goto("./#/progress");
    await ready(page);
    const line = page.locator("[data-code-cards]");
    await expect(line.locator('[data-cards="learned"]')).toHaveText("2");
    await expect(line.locator('[data-cards="due"]')).toHaveText("1");
    await expect(line.locator('[data-cards="accuracy"]')).toHaveText("0%（0 / 2 次首次作答正确）");
    // The review queue on the overview lists the code card due today.
    await expect(page.locator(`.due-list li[data-slug="card:${TOPIC}"]`)).toContainText("代码题");
  });
});

test.describe("自己运行一下", () => {
  test.use({ serviceWorkers: "block" });

  test("after 揭晓, a card's code runs in the browser's CPython on request; never before", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`./#/t/${TOPIC}`);
    await ready(page);
    const c = page.locator('.predict-card[data-card="closure-default-arg"]');
    // Before the prediction is revealed there is nothing to run (it would give the answer away).
    await expect(c.getByRole("button", { name: "自己运行一下" })).toHaveCount(0);
    await c.getByLabel("你的预测（每行对应一行输出）").press("Control+Enter");
    await c.getByRole("button", { name: "自己运行一下" }).click();
    // Pyodide takes 4–20 s to start on a loaded machine.
    await expect(c.locator(".py-status")).toBeVisible({ timeout: 90_000 });
    await expect(c.locator(".py-output")).toContainText(expected("closure-default-arg"));
  });
});

test.describe("on a phone", () => {
  test.use({ serviceWorkers: "block", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a code card's reveal and rating controls are in view without scrolling back up", async ({ page }) => {
    await seed(page, { cards: { "closure-late-binding": { updated_at: 1, review: newTopic(1000).review } } });
    await page.goto("./#/review?only=code");
    await ready(page);
    await box(page).fill("1\n2\n3\n4\n5\n6\n7\n8\n9\n10");
    const inView = (sel) => page.evaluate((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight };
    }, sel);
    let m = await inView('[data-action="reveal"]');
    expect(m.top).toBeGreaterThanOrEqual(0);
    expect(m.bottom).toBeLessThanOrEqual(m.vh);
    await page.locator('[data-action="reveal"]').tap();
    await expect(page.locator(".rate-bar")).toBeVisible();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    m = await inView(".rate-bar");
    expect(m.top).toBeGreaterThanOrEqual(0);
    expect(m.bottom).toBeLessThanOrEqual(m.vh + 1);
    await page.locator('[data-rating="again"]').tap();
    await expect(page.locator("[data-review-result]")).toContainText("重来");
  });
});

test.describe("offline", () => {
  test.use({ serviceWorkers: "allow" });

  test("predicting, rating and reviewing code cards work offline after one visit", async ({ page, context }) => {
    test.setTimeout(90_000);
    await page.goto("./");
    await ready(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await context.setOffline(true);
    await page.goto(`./#/t/${TOPIC}`);
    await page.reload();
    await ready(page);
    const c = page.locator(`.predict-card[data-card="${TOPIC}"]`);
    await c.getByLabel("你的预测（每行对应一行输出）").fill("0\n3\n6\n9");
    await c.getByLabel("你的预测（每行对应一行输出）").press("Control+Enter");
    await expect(c.locator(".verdict")).toHaveAttribute("data-correct", "false");
    await c.locator('[data-rating="again"]').click();
    await expect(c.locator("[data-standing]")).toHaveAttribute("data-standing", "learning");

    await page.goto("./#/review?only=code");
    await page.reload();
    await ready(page);
    await expect(card(page)).toHaveAttribute("data-card", TOPIC);
    await expect(card(page)).toHaveAttribute("data-card-state", "learning");
    await box(page).fill(expected(TOPIC));
    await box(page).press("Control+Enter");
    await expect(card(page).locator(".verdict")).toHaveAttribute("data-correct", "true");
    await page.locator('[data-rating="good"]').click();
    await expect(page.locator("[data-review-result]")).toContainText("良好");
    const s = await stored(page);
    expect(s.cards[TOPIC].log.map((l) => l.correct)).toEqual([false, true]);
    await context.setOffline(false);
  });
});
