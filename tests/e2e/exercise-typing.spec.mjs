// Issue 16: typing without flashing, sets printed as CPython prints them, the notes' top-k
// methods side by side, labels for the learner, and the one input language with its help.
import { test, expect, ready } from "./helpers.mjs";

const field = (page, name) => page.locator(`.exercise .field[data-field="${name}"] :is(input, textarea)`);
const result = (page, key) => page.locator(`.exercise .result[data-key="${key}"] output`);

test("a half-typed literal keeps the last output, dimmed, until a pause; the page does not jump", async ({ page }) => {
  await page.goto("./#/ex/merge_sorted_lists");
  await ready(page);
  await expect(result(page, "merged")).toHaveText("[1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]");
  // The output area: what typing could make jump (the rest of the panel does not depend on
  // the input; a toast such as 已可离线使用 arriving meanwhile must not count).
  const exercise = page.locator(".exercise .results");
  // Let the first layout settle (fonts, the highlighted code, idle-time work on a busy
  // machine) before measuring: the same height twice, 300 ms apart.
  await page.evaluate(() => document.fonts.ready);
  let before = -1;
  await expect
    .poll(
      async () => {
        const h = (await exercise.boundingBox()).height;
        const settled = h === before;
        before = h;
        return settled;
      },
      { intervals: [300], timeout: 10_000 },
    )
    .toBe(true);
  const l1 = field(page, "l1");
  await l1.fill("");
  // Type `[5, 7,` quickly: no alert, no red field, and the height stays put.
  const heights = [];
  for (const ch of "[5, 7,") {
    await l1.press(ch === " " ? "Space" : ch);
    await expect(page.getByRole("alert")).toHaveCount(0);
    heights.push((await exercise.boundingBox()).height);
  }
  await expect(l1).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator(".exercise .results.stale")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "输入未完成" })).toBeVisible();
  // The stale output is the last good one (the default's merge), dimmed.
  await expect(page.locator('.results.stale .result[data-key="merged"] output')).toHaveText("[1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]");
  const opacity = await page.locator(".exercise .results.stale").evaluate((el) => getComputedStyle(el).opacity);
  expect(Number(opacity)).toBeLessThan(1);
  // The height never moved: the stale output's last line says 输入未完成 instead of the timing.
  expect([before, ...heights].map(Math.round), "heights").toEqual(Array(heights.length + 1).fill(Math.round(before)));
  // After a pause the error shows, with its code parts as <code>, not backticks.
  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible({ timeout: 3000 });
  await expect(l1).toHaveAttribute("aria-invalid", "true");
  await expect(alert).toContainText("输入末尾");
  // Under the error, the dimmed output no longer claims the input is unfinished.
  await expect(page.getByRole("status").filter({ hasText: "输入未完成" })).toHaveCount(0);
  await expect(page.locator(".exercise .results.stale .timing")).toHaveText("以下是上一次有效输入的结果");
  // Error messages render their code parts as <code>, not with literal backticks.
  await l1.fill("[5, 7 x]");
  await expect(alert.locator(".msg code").first()).toHaveText(",", { timeout: 3000 });
  expect(await alert.locator(".msg").innerText()).not.toContain("`");
  await l1.fill("[5, 7,");
  // Finishing the literal brings the live output back, not stale.
  await l1.press("Space");
  await l1.press("9");
  await l1.press("]");
  await expect(result(page, "merged")).toHaveText("[3, 4, 5, 5, 6, 7, 7, 8, 9, 9, 10]");
  await expect(page.locator(".exercise .results.stale")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("leaving a field with a half-typed literal shows the error at once", async ({ page }) => {
  await page.goto("./#/ex/set_ops");
  await ready(page);
  const a = field(page, "a");
  await a.fill("[1, 2");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await field(page, "b").focus();
  await expect(page.getByRole("alert")).toBeVisible({ timeout: 400 });
});

test("set_ops prints sets as CPython does, in its hash order", async ({ page }) => {
  await page.goto("./#/ex/set_ops");
  await ready(page);
  await expect(result(page, "&")).toHaveText("{3, 4, 5}");
  await expect(result(page, "^")).toHaveText("{1, 2, 6, 7}");
  await expect(result(page, "|")).toHaveText("{1, 2, 3, 4, 5, 6, 7}");
  // -1 and -2 share a hash, 8 and 16 collide with 0 in an 8-slot table, and the copy that
  // `|` starts from is a 16-slot table: PYTHONHASHSEED=0 python3 prints exactly this.
  await field(page, "a").fill("[8, 16, 0, -1, -2]");
  await field(page, "b").fill("set()");
  await expect(result(page, "|")).toHaveText("{0, 16, -2, 8, -1}");
  await expect(result(page, "&")).toHaveText("set()");
  // Strings: PYTHONHASHSEED=0's order, and the page says a real run may differ.
  await field(page, "a").fill("['apple', 'banana']");
  await field(page, "b").fill("['banana', 'cherry']");
  await expect(result(page, "^")).toHaveText("{'apple', 'cherry'}");
  await expect(page.locator('.exercise .result[data-key="|"]')).toContainText("PYTHONHASHSEED=0");
  await expect(page.locator('.exercise .result[data-key="|"]')).toContainText("每次");
  // The input language: range and the constructors.
  await field(page, "a").fill("frozenset(range(3))");
  await field(page, "b").fill("list(range(2, 5))");
  await expect(result(page, "&")).toHaveText("{2}");
});

test("top-k shows the notes' block methods cutting words beside the correct count", async ({ page }) => {
  await page.goto("./#/ex/topk_word_freq");
  await ready(page);
  await expect(result(page, "expected")).toHaveText("[('hello', 3), ('world', 2)]");
  // 方式一 with the default 7 characters per read, 方式二 with 10 blocks: both cut words.
  await expect(result(page, "method1_blocks")).toContainText("('w', 1)");
  await expect(result(page, "method2_blocks")).toContainText("('hel', 3)");
  // Beside them, fixed-size blocks that carry a cut word into the next block count right.
  await expect(result(page, "chunked_correct")).toHaveText("[('hello', 3), ('world', 2)]");
  await field(page, "block_size").fill("1000");
  await expect(result(page, "method1_blocks")).toHaveText("[('hello', 3), ('world', 2)]");
  await field(page, "block_num").fill("0");
  await expect(result(page, "method2_blocks")).toContainText("ZeroDivisionError");
});

test("labels speak to the learner; the input-language help is reachable from a field", async ({ page }) => {
  await page.goto("./#/ex/topk_word_freq");
  await ready(page);
  // The panel is a chunk of its own: read its labels once it is built.
  await expect(page.locator(".exercise .field label").first()).toBeVisible();
  const labels = await page.locator(".exercise .field label").allInnerTexts();
  expect(labels.length).toBeGreaterThanOrEqual(4);
  for (const name of ["block_size", "block_num", "top_k", "text"]) {
    for (const label of labels) expect(label).not.toContain(name);
  }
  await expect(page.locator(".exercise code.param")).toHaveCount(0);
  await page.goto("./#/ex/list_slice");
  await ready(page);
  const seq = field(page, "seq");
  const helpId = await seq.getAttribute("aria-describedby");
  expect(helpId).toBeTruthy();
  const help = page.locator(`#${helpId}`);
  await expect(help).not.toHaveAttribute("open", "");
  await page.locator('.exercise .field[data-field="seq"] .lang-link').click();
  await expect(help).toHaveAttribute("open", "");
  await expect(help).toContainText("frozenset");
  // Slicing a range gives a range.
  await seq.fill("range(10)");
  await field(page, "slice").fill("2:8:2");
  await expect(result(page, "result")).toHaveText("range(2, 8, 2)");
});

test("remove-while's default input shows the skipped element", async ({ page }) => {
  await page.goto("./#/ex/remove_while_iterating");
  await ready(page);
  await expect(result(page, "list_comprehension")).toHaveText("[1, 5]");
  await expect(result(page, "naive_forward_remove")).toHaveText("[1, 4, 5, 8]");
});
