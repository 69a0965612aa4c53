// Prose boxes (the notes' 4-space indented blocks): code spans are rendered and lines that are
// code are set in monospace, so no topic shows Markdown's backticks as text.
import { test, expect, ready, topics } from "./helpers.mjs";

const TOPICS = topics();

/** In the page: the lines of visible text in the topic article that show a backtick pair,
 *  outside code (`code`, highlighted `pre`, the exercise editor). */
const BACKTICK_LINES = () => {
  const skip = (el) => el.matches("code, textarea, pre:not(.note-block)");
  const text = (el) => {
    let out = "";
    for (const n of el.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) out += n.data;
      else if (n.nodeType === Node.ELEMENT_NODE && !skip(n) && n.checkVisibility()) out += text(n);
      else if (n.nodeName === "BR") out += "\n";
    }
    return out;
  };
  const blocks = document.querySelectorAll("article.topic :is(p, li, td, th, h1, h2, h3, h4, h5, h6, pre.note-block, blockquote)");
  return [...blocks].flatMap((b) => text(b).split("\n")).filter((l) => /`[^`]*`/.test(l));
};

test("no topic shows a literal backtick pair in its prose", async ({ page }) => {
  await page.goto("./");
  await ready(page);
  const shown = {};
  for (const { slug } of TOPICS) {
    await page.goto(`./#/t/${slug}`);
    await expect(page.locator("article.topic")).toHaveAttribute("data-slug", slug);
    await expect(page.locator("article.topic .note-body")).not.toBeEmpty();
    const lines = await page.evaluate(BACKTICK_LINES);
    if (lines.length) shown[slug] = lines;
  }
  expect(TOPICS.length).toBe(78);
  expect(shown).toEqual({});
});

test("code in prose boxes is code: spans marked up, code lines in monospace, prose proportional", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./#/t/defaultdict");
  await ready(page);
  const box = page.locator(".note-body pre.note-block").first();
  await expect(box.locator("code").first()).toHaveText("defaultdict");
  await page.goto("./#/t/metaclass-execution");
  await expect(page.locator("article.topic")).toHaveAttribute("data-slug", "metaclass-execution");
  const font = (loc) => loc.evaluate((e) => getComputedStyle(e).fontFamily);
  const call = page.locator(".note-body pre.note-block code.code-line", { hasText: /^f = F\(\)$/ });
  await expect(call).toHaveCount(1);
  expect(await font(call)).toMatch(/monospace/);
  // The trace keeps its columns: the comment after each step starts at the same x.
  const trace = page.locator(".note-body pre.note-block code.code-line", { hasText: /MetaF __(new|init)__ +执行/ });
  await expect(trace).toHaveCount(2);
  const columnX = (loc) => loc.evaluate((e) => {
    const r = document.createRange();
    const node = e.firstChild;
    const at = node.data.indexOf("执行");
    r.setStart(node, at);
    r.setEnd(node, at + 1);
    return r.getBoundingClientRect().left;
  });
  expect(Math.abs((await columnX(trace.nth(0))) - (await columnX(trace.nth(1))))).toBeLessThan(0.5);
  // Chinese prose in a prose box stays in the reading font.
  await page.goto("./#/t/builtin-data-types");
  await expect(page.locator("article.topic")).toHaveAttribute("data-slug", "builtin-data-types");
  expect(await font(page.locator(".note-body pre.note-block").first())).not.toMatch(/monospace/);
});
