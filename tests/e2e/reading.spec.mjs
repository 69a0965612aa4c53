import { test, expect, ready, FIRST_FRAME_PROBE } from "./helpers.mjs";

test.use({ serviceWorkers: "block" });

test("reading to the end marks a topic read, and 继续阅读 restores the position", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto("./#/t/memory-management");
  await ready(page);
  const read = page.locator('.status-btn[data-status="read"]');
  await expect(page.locator('.status-btn[data-status="unread"]')).toHaveAttribute("aria-pressed", "true");
  // Halfway: the position is saved but the topic is not read yet.
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  await page.waitForTimeout(900);
  await expect(read).toHaveAttribute("aria-pressed", "false");
  await page.goto("./#/");
  const cont = page.locator('[data-continue="topic"]');
  await expect(cont).toContainText("Python的内存管理机制");
  await expect(cont).toContainText(/继续阅读（(4\d|5\d)%）/);
  await cont.click();
  await expect(page.locator("h1.topic-title")).toHaveText("Python的内存管理机制：");
  await expect.poll(() => page.evaluate(() => scrollY / (document.documentElement.scrollHeight - innerHeight))).toBeGreaterThan(0.35);
  // To the end: now it is read.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(read).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await ready(page);
  await expect(page.locator('.status-btn[data-status="read"]')).toHaveAttribute("aria-pressed", "true");
});

/** How far down the page is scrolled, 0 (top) to 1 (bottom). */
const scrollShare = (page) => page.evaluate(() => scrollY / (document.documentElement.scrollHeight - innerHeight));

/** Opens merge-sorted-lists on a 1280×700 screen, scrolls past its exercise panel, waits for the
 *  position to be saved and returns it. */
async function readPastPanel(page) {
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator(".exercise[data-exercise=merge_sorted_lists]")).toBeAttached();
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * 0.8));
  await page.waitForTimeout(900);
  return scrollShare(page);
}

test("继续阅读 on a topic with an exercise builds the whole page at once, so the position holds", async ({ page }) => {
  // Past the exercise panel, then away.
  const saved = await readPastPanel(page);
  await page.goto("./#/");
  await ready(page);
  // Watch the frame that first shows the topic again: its exercise panel is already built
  // (a placeholder of another height there would move the restored position).
  await page.evaluate(FIRST_FRAME_PROBE);
  await page.locator('[data-continue="topic"]').click();
  await expect.poll(() => page.evaluate(() => window.__firstFrame)).toBe("panel");
  await expect.poll(() => scrollShare(page)).toBeGreaterThan(saved - 0.02);
  expect(await scrollShare(page)).toBeLessThan(saved + 0.02);
});

test("继续阅读 after a reload waits for the exercise panel's chunk, so the position holds", async ({ page }) => {
  const saved = await readPastPanel(page);
  // A new visit starts on the home page, so the panel's chunk is not loaded yet; hold it back.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/split-[0-9a-f]{16}\/split_exercise_panel_\d+\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto("./#/");
  await page.reload();
  await ready(page);
  await page.locator('[data-continue="topic"]').click();
  await expect(page.locator(".exercise-pending[data-exercise=merge_sorted_lists]")).toBeAttached();
  await page.waitForTimeout(300);
  release();
  await expect(page.locator(".exercise[data-exercise=merge_sorted_lists]")).toBeAttached();
  await expect.poll(() => scrollShare(page)).toBeGreaterThan(saved - 0.02);
  expect(await scrollShare(page)).toBeLessThan(saved + 0.02);
});

test("on a phone a code block that scrolls sideways shows it, and 换行 wraps every block, remembered", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./#/t/singleton");
  await ready(page);
  const blocks = page.locator(".note-body pre.code");
  const overflowing = () => blocks.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  expect(await overflowing()).toBeGreaterThan(0);
  // The cue is pure CSS: shadows fixed to the box, covers that scroll with the code.
  const style = await blocks.first().evaluate((e) => {
    const s = getComputedStyle(e);
    return { image: s.backgroundImage, attachment: s.backgroundAttachment };
  });
  expect(style.image.match(/gradient/g)?.length).toBe(4);
  expect(style.attachment).toMatch(/^local, local, scroll, scroll\b/);

  // The page's 换行 (each Python block's toolbar has one too: one choice, every button shows it).
  const wrap = page.locator(".code-tools").getByRole("button", { name: "换行" });
  const blockWrap = page.locator(".note-body .py-block .py-wrap").first();
  await expect(wrap).toHaveAttribute("aria-pressed", "false");
  await wrap.click();
  await expect(wrap).toHaveAttribute("aria-pressed", "true");
  await expect(blockWrap).toHaveAttribute("aria-pressed", "true");
  await expect.poll(overflowing).toBe(0);
  // Remembered on this device, for every topic.
  await page.reload();
  await ready(page);
  await expect(wrap).toHaveAttribute("aria-pressed", "true");
  expect(await overflowing()).toBe(0);
  expect(await page.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(blockWrap).toHaveAttribute("aria-pressed", "true");
  // A block's 换行 turns it off for the page too.
  await blockWrap.click();
  await expect(wrap).toHaveAttribute("aria-pressed", "false");
  await expect.poll(overflowing).toBeGreaterThan(0);
});

test("on a phone the top bar shows the app's icon, not a cut-off name, and home links are finger-sized", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("./#/");
  await ready(page);
  const brand = page.locator("header.topbar a.brand");
  // The name stays the link's accessible name; what is seen is the whole icon, inside the bar.
  await expect(brand).toHaveAccessibleName("面试题 Playground");
  const icon = await brand.locator("img.brand-icon").boundingBox();
  expect(icon.width).toBeGreaterThanOrEqual(20);
  const box = await brand.boundingBox();
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);
  // Nothing in the bar is pushed out of the screen, and no text in it is cut with an ellipsis.
  const bar = await page.locator("header.topbar").evaluate((b) => ({
    overflow: b.scrollWidth - b.clientWidth,
    cut: [...b.querySelectorAll("*")].filter((e) => e.offsetWidth > 1 && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1).map((e) => e.className),
    beyond: [...b.children].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5).map((e) => e.className),
  }));
  expect(bar).toEqual({ overflow: 0, cut: [], beyond: [] });
  // Each topic link on the home cards is at least 24 px tall (WCAG 2.5.8 target size).
  const heights = await page.locator(".cat-card li a").evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
  expect(heights.length).toBe(78);
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(24);
});
