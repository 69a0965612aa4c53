import { test, expect, ready } from "./helpers.mjs";
import { readFileSync } from "node:fs";

test.use({ serviceWorkers: "block" });

const CARDS = JSON.parse(readFileSync(new URL("../../src/cards/cards.json", import.meta.url), "utf8")).cards;

test("a topic lists its predict-the-output cards; a wrong prediction shows where it went wrong", async ({ page }) => {
  await page.goto("./#/t/closure-late-binding");
  await ready(page);
  const own = CARDS.filter((c) => c.topic === "closure-late-binding");
  await expect(page.locator(".predict-card")).toHaveCount(own.length);
  const card = page.locator('.predict-card[data-card="closure-late-binding"]');
  // The code is shown without the notes' comments that give the answer away.
  await expect(card.locator("pre.code")).toContainText("return [lambda x: i*x for i in range(4)]");
  await expect(card.locator("pre.code")).not.toContainText("# 9");
  await expect(card.locator(".predict-expected")).toHaveCount(0);
  // The learner's guess: every closure sees its own i.
  const box = card.getByLabel("你的预测（每行对应一行输出）");
  await box.fill("0\n3\n6\n9\n0\n3\n6\n9");
  await box.press("Control+Enter");
  const verdict = card.locator(".verdict");
  await expect(verdict).toHaveAttribute("data-correct", "false");
  await expect(verdict.locator(".verdict-head")).toHaveText("✗ 与真实输出不同：缺少或写错 3 行，多写了 3 行");
  // The pressed button is gone: the headline has the focus, and only it is announced.
  await expect(verdict.locator(".verdict-head")).toBeFocused();
  await expect(verdict.locator(".verdict-head")).toHaveAttribute("role", "status");
  await expect(verdict.locator("[role=status]")).toHaveCount(1);
  await expect(verdict.locator(".predict-diff li.missing")).toHaveCount(3);
  await expect(verdict.locator(".predict-diff li.extra")).toHaveCount(3);
  await expect(verdict.locator(".predict-diff li.extra").first()).toContainText("你的预测：0");
  await expect(card.locator(".predict-expected")).toHaveText("9\n9\n9\n9\n0\n3\n6\n9");
  await expect(box).toHaveAttribute("readonly", "");
  // Try again, right this time (trailing spaces and a final blank line do not count).
  await card.getByRole("button", { name: "再试一次" }).click();
  await expect(box).toBeFocused();
  // One extra line is wrong, and the headline says so (never "0 lines wrong").
  await box.fill("9\n9\n9\n9\n0\n3\n6\n9\n10");
  await box.press("Control+Enter");
  await expect(card.locator(".verdict-head")).toHaveText("✗ 与真实输出不同：多写了 1 行");
  await card.getByRole("button", { name: "再试一次" }).click();
  await box.fill("9 \n9\n9\n9\n0\n3\n6\n9\n\n");
  await card.getByRole("button", { name: "揭晓答案" }).click();
  await expect(card.locator(".verdict")).toHaveAttribute("data-correct", "true");
  await expect(card.locator(".verdict-head")).toHaveText("✓ 完全正确");
  await expect(card.locator(".predict-diff")).toHaveCount(0);
});

test("a predict-the-error card wants the exception line; hostile text stays text", async ({ page }) => {
  await page.goto("./#/t/variable-scope");
  await ready(page);
  const card = page.locator('.predict-card[data-card="local-scope-error"]');
  const box = card.getByLabel("你的预测（每行对应一行输出）");
  await box.fill('Local\n<img src=x onerror="window.__pwned=1">');
  await box.press("Control+Enter");
  await expect(card.locator(".verdict")).toHaveAttribute("data-correct", "false");
  await expect(card.locator(".predict-diff li.extra")).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(card.locator(".predict-diff img")).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(card.locator(".predict-expected")).toHaveText("Local\nNameError: name 'local_var' is not defined");
  await expect(card).toContainText("这段代码最后抛出 NameError");
  await expect(card.locator(".predict-why")).toContainText("local_var 只在 test_func 内部存在");
  // Leading spaces count, and the diff shows them.
  await card.getByRole("button", { name: "再试一次" }).click();
  await box.fill(" Local\nNameError: name 'local_var' is not defined");
  await box.press("Control+Enter");
  await expect(card.locator(".predict-diff li.extra")).toContainText("·Local");
  // Nothing written: the answer, named as such, not a score.
  await card.getByRole("button", { name: "再试一次" }).click();
  await box.fill("");
  await box.press("Control+Enter");
  await expect(card.locator(".verdict-head")).toHaveText("还没有写预测：下面是真实输出");
  await expect(card.locator(".predict-diff")).toHaveCount(0);
});

test("topics without cards show no 代码预测 section", async ({ page }) => {
  await page.goto("./#/t/mvcc");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("MVCC 机制");
  await expect(page.locator(".predict")).toHaveCount(0);
});

test("the cards file is fetched only when a card is shown; if it cannot load, a Chinese error says so", async ({ context }) => {
  // A page the shared fixture does not watch: the browser logs the refused request itself.
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("net::ERR_FAILED")) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  // Not on the critical path: the home page never asks for it.
  const asked = [];
  page.on("request", (r) => { if (/\/cards-[0-9a-f]{16}\.json$/.test(r.url())) asked.push(r.url()); });
  await page.goto("./");
  await ready(page);
  expect(asked).toEqual([]);
  // A topic with cards asks for it; the heading and count come with the page (from the index).
  await page.route(/\/cards-[0-9a-f]{16}\.json$/, (route) => route.abort());
  await page.goto("./#/t/closure-late-binding");
  await ready(page);
  const own = CARDS.filter((c) => c.topic === "closure-late-binding");
  await expect(page.locator(".predict h2 .count")).toHaveText(`${own.length} 题`);
  const error = page.locator('.predict [data-cards="failed"]');
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toContainText("代码预测题的数据");
  await expect(error).toContainText("下载失败");
  await expect(page.locator(".predict-card")).toHaveCount(0);
  // Once: a failed download is not retried in a loop.
  await page.waitForTimeout(500);
  expect(asked.length).toBe(1);
  // Back online, the next page that shows cards tries again and shows them.
  await page.unroute(/\/cards-[0-9a-f]{16}\.json$/);
  await page.goto("./#/review?only=code");
  await expect(page.locator('[data-cards="failed"]')).toHaveCount(0);
  await page.goto("./#/t/closure-late-binding");
  await expect(page.locator(".predict-card")).toHaveCount(own.length);
  expect(problems).toEqual([]);
});
