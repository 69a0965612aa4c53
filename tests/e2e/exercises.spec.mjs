import { test, expect, ready, FIRST_FRAME_PROBE, field, result, typeInto } from "./helpers.mjs";

test("merge: output follows every keystroke, bad input shows a pointed Chinese error", async ({ page }) => {
  await page.goto("./#/ex/merge_sorted_lists");
  await ready(page);
  await expect(result(page, "merged")).toHaveText("[1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]");
  await typeInto(page, "l1", "[1, 5, 9]");
  await typeInto(page, "l2", "[2, 5, 10**0]".replace("10**0", "12"));
  await expect(result(page, "merged")).toHaveText("[1, 2, 5, 5, 9, 12]");
  // Ties take l2 first, as the notes' code does.
  await typeInto(page, "l1", "[1]");
  await typeInto(page, "l2", "[1.0]");
  await expect(result(page, "merged")).toHaveText("[1.0, 1]");
  // The notes' function has no return: the seed-as-written column says None.
  await expect(result(page, "seed_literal")).toHaveText("None");
  // Mixed types raise like CPython.
  await typeInto(page, "l2", "['a']");
  await expect(result(page, "merged")).toHaveText("TypeError: '<' not supported between instances of 'int' and 'str'");
  // Unparseable input: an alert that names the field and points at the position.
  await typeInto(page, "l1", "[1, 2 x]");
  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("第");
  await expect(alert.locator(".excerpt")).toContainText("^");
  await expect(field(page, "l1")).toHaveAttribute("aria-invalid", "true");
  // The URL carries the input, so a copied link reproduces it.
  expect(decodeURIComponent(page.url())).toContain("l1=[1, 2 x]");
});

test("reverse number and dict sort match CPython, errata are shown", async ({ page }) => {
  await page.goto("./#/ex/reverse_number");
  await ready(page);
  await typeInto(page, "n", "-120");
  await expect(result(page, "reversed")).toHaveText("-21");
  await typeInto(page, "n", "18446744073709551615");
  await expect(result(page, "reversed")).toHaveText("51615590737044764481");
  await typeInto(page, "n", "12.5");
  await expect(result(page, "int")).toContainText("ValueError: invalid literal for int() with base 10: '12.5'");

  await page.goto("./#/ex/sort_dict_by_value");
  await expect(result(page, "expected")).toHaveText("{'pear': 1, 'orange': 2, 'banana': 3, 'apple': 5}");
  await expect(result(page, "seed_method1")).toHaveText("['banana', 'pear', 'apple', 'orange']");
  await expect(page.locator(".errata")).toContainText("方案一");
  await typeInto(page, "d", "{'a': 2, 'b': 1, 'c': 2, 'd': 1}");
  await expect(result(page, "expected")).toHaveText("{'b': 1, 'd': 1, 'a': 2, 'c': 2}");
  await expect(result(page, "descending")).toHaveText("{'a': 2, 'c': 2, 'b': 1, 'd': 1}");
  await typeInto(page, "d", "{'a': 1, 'b': 'x'}");
  await expect(result(page, "expected")).toContainText("TypeError");
  await typeInto(page, "d", "{'a': 1,");
  await expect(page.getByRole("alert")).toBeVisible();
});

test("the last input survives a reload and a visit without parameters", async ({ page }) => {
  await page.goto("./#/ex/reverse_number");
  await ready(page);
  await typeInto(page, "n", "9876500");
  await expect(result(page, "reversed")).toHaveText("56789");
  await page.reload();
  await ready(page);
  await expect(field(page, "n")).toHaveValue("9876500");
  await page.goto("./#/");
  await page.goto("./#/ex/reverse_number");
  await expect(field(page, "n")).toHaveValue("9876500");
  await expect(result(page, "reversed")).toHaveText("56789");
  // A shared link wins over the remembered input.
  await page.goto("./#/ex/reverse_number?n=120");
  await expect(field(page, "n")).toHaveValue("120");
  await expect(result(page, "reversed")).toHaveText("21");
});

test("copy link puts a link that reproduces the input on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("./#/ex/list_slice");
  await ready(page);
  await typeInto(page, "seq", "'中文😀abc'");
  await typeInto(page, "slice", "1:4");
  await expect(result(page, "result")).toHaveText("'文😀a'");
  await page.getByRole("button", { name: "复制链接" }).click();
  await expect(page.getByText("已复制链接")).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('.exercise .result[data-key="result"] output')).toHaveText("'文😀a'");
});

test("the exercise also renders inside its topic page", async ({ page }) => {
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator(".exercise[data-exercise=merge_sorted_lists]")).toBeVisible();
  await expect(result(page, "merged")).toHaveText("[1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]");
  // The notes' code is in the note above; the panel links to it instead of repeating it
  // (notes.spec.mjs checks every exercise topic).
  await expect(page.locator(".note-body pre.code", { hasText: "def merge_order_list" })).toHaveCount(1);
  await expect(page.locator(".exercise .python-src")).toHaveCount(0);
  await expect(page.locator(".exercise .python-src-link a")).toBeVisible();
});

test("a panel on the first screen is asked for with the page's first frame, and once its code is here it is in the first frame", async ({ page }) => {
  // Cold: the panel's code is a chunk (split.spec.mjs), fetched right after the first frame
  // (not when idle); a placeholder holds the panel's place until it arrives.
  await page.addInitScript(FIRST_FRAME_PROBE);
  const asked = [];
  page.on("request", (r) => { if (/split_exercise_panel_\d+\.wasm$/.test(r.url())) asked.push(r.url()); });
  await page.goto("./#/t/reverse-number");
  await ready(page);
  await expect.poll(() => page.evaluate(() => window.__firstFrame)).toBe("pending");
  await expect(page.locator(".exercise[data-exercise=reverse_number]")).toBeInViewport();
  expect(asked).toHaveLength(1);
  // In-app, with the chunk here: the topic, opened again, has its panel built in the frame
  // that shows it.
  await page.evaluate(() => { location.hash = "#/"; });
  await expect(page.locator(".home")).toBeVisible();
  await page.evaluate(FIRST_FRAME_PROBE);
  await page.evaluate(() => { location.hash = "#/t/reverse-number"; });
  await expect.poll(() => page.evaluate(() => window.__firstFrame)).toBe("panel");
  const top = await page.locator(".exercise").evaluate((e) => e.getBoundingClientRect().top);
  expect(top).toBeLessThan(page.viewportSize().height);
  expect(asked).toHaveLength(1);
});

test("a panel below the first screen is built right after it, and its jump link works", async ({ page }) => {
  await page.addInitScript(FIRST_FRAME_PROBE);
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect.poll(() => page.evaluate(() => window.__firstFrame)).toBe("pending");
  // Built without any scrolling, and the placeholder is gone.
  await expect(page.locator(".exercise[data-exercise=merge_sorted_lists]")).toBeAttached();
  await expect(page.locator(".exercise-pending")).toHaveCount(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.locator(".exercise-links a.chip").click();
  await expect(page.locator(".exercise[data-exercise=merge_sorted_lists] h2")).toBeInViewport();
});

test("a 10^6-element merge finishes and the page stays responsive", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("./#/ex/merge_sorted_lists");
  await ready(page);
  const n = page.locator(".generator .n-input");
  await n.fill("1000000");
  await page.getByRole("button", { name: "生成并运行" }).click();
  // The huge input is summarised, not put into a text box.
  await expect(page.locator(".big-input").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("button", { name: "生成并运行" })).toBeEnabled({ timeout: 60_000 });
  const out = result(page, "merged");
  await expect(out).toContainText("只显示前");
  // The output is capped: a bounded number of characters in the DOM.
  const len = await out.evaluate((e) => e.textContent.length);
  expect(len).toBeLessThan(30_000);
  await expect(page.locator(".timing")).toContainText("ms");
  // Responsive: a click on the theme toggle is handled promptly.
  const t0 = Date.now();
  await page.locator(".theme-btn").click();
  await expect(page.locator(".theme-btn")).toContainText("浅色");
  expect(Date.now() - t0).toBeLessThan(2_000);
});

test("every P1 exercise opens with the notes' example and a result", async ({ page }) => {
  const ids = ["merge_sorted_lists", "reverse_number", "sort_dict_by_value", "day_of_year", "list_slice",
    "set_ops", "str_to_int", "remove_while_iterating", "closure_late_binding", "topk_word_freq"];
  for (const id of ids) {
    await page.goto(`./#/ex/${id}`);
    await expect(page.locator(`.exercise[data-exercise=${id}] .result output`).first()).not.toBeEmpty();
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(page.locator(".python-src pre")).not.toBeEmpty();
  }
});

test("top-k counts words of a picked file in chunks", async ({ page }) => {
  await page.goto("./#/ex/topk_word_freq");
  await ready(page);
  // 12 MB so the 4 MB chunks split words and characters at their boundaries.
  const unit = "hello wörld hello 中文 world\n";
  const text = unit.repeat(Math.ceil(12 * 1024 * 1024 / Buffer.byteLength(unit)));
  await page.locator('.wordfile input[type="file"]').setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  const out = page.locator('.result[data-key="file"] output');
  const n = Math.ceil(12 * 1024 * 1024 / Buffer.byteLength(unit));
  await expect(out).toHaveText(`[('hello', ${2 * n}), ('world', ${n})]`, { timeout: 60_000 });
  await expect(page.locator('.result[data-key="file"] .result-label')).toContainText("MB/s");
});

test("on a phone the errata stack their columns, and their code never breaks inside an identifier", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // merge_sorted_lists' `merge_order_list` was split across two lines by overflow-wrap: anywhere.
  for (const [id, code] of [["day_of_year", "datetime.date"], ["merge_sorted_lists", "merge_order_list"]]) {
    await page.goto(`./#/ex/${id}`);
    await ready(page);
    const errata = page.locator(".errata");
    await expect(errata).toContainText(code);
    await errata.scrollIntoViewIfNeeded();
    // 笔记的说法 / CPython 实际结果 / 原因 and their values stand one above the other.
    const boxes = await errata.locator("dl > *").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
    expect(boxes.length).toBe(6);
    expect(new Set(boxes.map((b) => Math.round(b.left))).size, id).toBe(1);
    const tops = boxes.map((b) => b.top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    // Every identifier in the code sits on one line (a split one has two line boxes).
    const split = await errata.locator("code").evaluateAll((codes) => codes.flatMap((el) => {
      const node = el.firstChild;
      const out = [];
      for (const m of node.textContent.matchAll(/[A-Za-z_][\w.]*\w/g)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1) out.push(m[0]);
      }
      return out;
    }));
    expect(split, id).toEqual([]);
    // Nothing sticks out of the page sideways.
    expect(await page.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});

test("the standalone exercise page has its topic's status, bookmark and note, shared with the topic page", async ({ page }) => {
  await page.goto("./#/ex/merge_sorted_lists");
  await ready(page);
  const bar = page.locator(".exercise-page .status-bar");
  await expect(bar.locator(".status-btn")).toHaveCount(4);
  await bar.locator('.status-btn[data-status="review"]').click();
  await expect(bar.locator('.status-btn[data-status="review"]')).toHaveAttribute("aria-pressed", "true");
  await bar.locator(".bookmark-btn").click();
  await expect(bar.locator(".bookmark-btn")).toHaveAttribute("aria-pressed", "true");
  await page.locator(".exercise-page .my-note summary").click();
  await page.locator(".exercise-page .my-note textarea").fill("合并时相等先取 l2");
  // The topic page shows the same progress: it is one topic's, wherever it is set.
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator('article.topic .status-btn[data-status="review"]')).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("article.topic .bookmark-btn")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("article.topic .my-note textarea")).toHaveValue("合并时相等先取 l2");
});

test("the generator's count is kept as typed: clearing it does not put a 1 back, and a count out of range is refused in words", async ({ page }) => {
  await page.goto("./#/ex/merge_sorted_lists");
  await ready(page);
  const n = page.locator(".generator .n-input");
  const go = page.getByRole("button", { name: "生成并运行" });
  const why = page.locator("#gen-n-error");
  await n.fill("");
  await expect(n).toHaveValue("");
  await expect(why).toHaveText("请输入 1 到 1000000 之间的整数");
  await expect(go).toBeDisabled();
  await n.pressSequentially("25");
  await expect(n).toHaveValue("25");
  await expect(why).toBeHidden();
  await expect(go).toBeEnabled();
  await n.fill("2000000");
  await expect(n).toHaveValue("2000000");
  await expect(why).toHaveText("「2000000」超过上限 1000000");
  await expect(n).toHaveAttribute("aria-invalid", "true");
  await expect(go).toBeDisabled();
  // A valid count runs: the output changes from the notes' example to the generated lists'.
  const before = await result(page, "merged").textContent();
  await n.fill("30");
  await go.click();
  await expect(result(page, "merged")).not.toHaveText(before, { timeout: 60_000 });
});
