import { test, expect, topics, ready } from "./helpers.mjs";

const TOPICS = topics();
const plain = (t) => t.replaceAll("`", "");

test("home page explains the app and lists every category with counts", async ({ page }) => {
  await page.goto("./");
  await ready(page);
  await expect(page).toHaveTitle("面试题 Playground");
  await expect(page.locator(".hero h1")).toHaveText("面试题 Playground");
  const counts = {};
  for (const t of TOPICS) counts[t.category] = (counts[t.category] || 0) + 1;
  for (const [cat, n] of Object.entries(counts)) {
    const card = page.locator(".cat-card", { has: page.locator("h2", { hasText: cat }) });
    await expect(card.locator(".count")).toHaveText(`${n} 题`);
    await expect(card.locator("li")).toHaveCount(n);
  }
});

test("every one of the 78 topics is reachable through the UI, in the sidebar's order", async ({ page }) => {
  expect(TOPICS.length).toBe(78);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("./");
  await ready(page);
  // The reading order is the sidebar's link order, read from the page (the sidebar is built
  // once the browser is idle after the first frame: wait for it).
  await expect(page.locator("nav.sidebar a[data-slug]")).toHaveCount(78);
  const order = await page.locator("nav.sidebar .toc-group").evaluateAll((groups) =>
    groups.flatMap((g) => {
      const category = g.querySelector("h2").firstChild.textContent.trim();
      const slugs = [...g.querySelectorAll("a[data-slug]")].map((a) => a.dataset.slug);
      return slugs.map((slug, j) => ({ slug, category, j, n: slugs.length }));
    }),
  );
  expect(order.map((o) => o.slug).sort()).toEqual(TOPICS.map((t) => t.slug).sort());
  const bySlug = Object.fromEntries(TOPICS.map((t) => [t.slug, t]));
  await page.getByRole("link", { name: "从第一题开始 →" }).click();
  for (const [i, o] of order.entries()) {
    const t = bySlug[o.slug];
    await expect(page).toHaveURL(new RegExp(`#/t/${o.slug}$`));
    await expect(page.locator("h1.topic-title")).toHaveText(plain(t.title));
    await expect(page).toHaveTitle(`${plain(t.title)} · 面试题 Playground`);
    // Both positions: among all topics and within the category.
    await expect(page.locator(".crumb")).toHaveText(`${o.category} · 第 ${i + 1} / 78 题（本类第 ${o.j + 1} / ${o.n} 题）`);
    await expect(page.locator(".note-body")).not.toBeEmpty();
    if (i > 0) await expect(page.locator(".prev-next a.prev")).toHaveAttribute("href", `#/t/${order[i - 1].slug}`);
    else await expect(page.locator(".prev-next a.prev")).toHaveCount(0);
    if (i + 1 < order.length) await page.locator(".prev-next a.next").click();
  }
  await expect(page.locator(".prev-next a.next")).toHaveCount(0);
});

test("the sidebar links every topic grouped by category and marks the current one", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("./");
  await ready(page);
  const links = page.locator("nav.sidebar .toc-group a");
  await expect(links).toHaveCount(78);
  // Spot-check a few through real clicks.
  for (const slug of ["merge-sorted-lists", "tcp-2msl", "generator-coroutine-future"]) {
    await page.locator(`nav.sidebar a[data-slug="${slug}"]`).click();
    await expect(page).toHaveURL(new RegExp(`#/t/${slug}$`));
    await expect(page.locator(`nav.sidebar a[data-slug="${slug}"]`)).toHaveAttribute("aria-current", "page");
  }
});

test("a deep link under a sub-path survives a reload", async ({ page }) => {
  await page.goto("./#/t/tcp-2msl");
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("什么是tcp的2MSL");
  await page.reload();
  await ready(page);
  await expect(page.locator("h1.topic-title")).toHaveText("什么是tcp的2MSL");
  expect(page.url()).toContain("/playground/#/t/tcp-2msl");
});

test("an unknown slug shows the 404 view with a way home", async ({ page }) => {
  await page.goto("./#/t/no-such-topic");
  await ready(page);
  await expect(page.locator("[data-view='404'] h1")).toHaveText("404 · 页面不存在");
  await expect(page.locator("[data-view='404']")).toContainText("no-such-topic");
  await page.getByRole("link", { name: "回到首页" }).click();
  await expect(page.locator(".hero h1")).toBeVisible();
  await page.goto("./#/what/is/this");
  await expect(page.locator("[data-view='404']")).toBeVisible();
});

test("remote images show a placeholder and are never requested", async ({ page }) => {
  await page.goto("./#/t/tcp-2msl");
  await ready(page);
  await expect(page.locator(".img-placeholder")).toContainText("tcp34.png");
  await expect(page.locator(".note-body img")).toHaveCount(0);
});

test("heading anchors and code highlighting render", async ({ page }) => {
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await expect(page.locator("pre.code .tok-kw").first()).toBeVisible();
  await expect(page.locator("pre.code").first()).toContainText("def merge_order_list");
});

test("on a phone the sidebar is a drawer and notes never scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./#/t/list-slice-no-indexerror");
  await ready(page);
  await expect(page.locator("nav.sidebar")).not.toBeInViewport();
  await page.getByRole("button", { name: "目录" }).click();
  // Opening the drawer builds its contents at once, and it slides in completely.
  await expect(page.locator("nav.sidebar a[data-slug]")).toHaveCount(78);
  await expect(page.locator("nav.sidebar")).toHaveCSS("transform", "none");
  await expect(page.locator("nav.sidebar")).toBeInViewport({ ratio: 1 });
  await page.locator('nav.sidebar a[data-slug="mvcc"]').click();
  await expect(page.locator("h1.topic-title")).toHaveText("MVCC 机制");
  await expect(page.locator("nav.sidebar")).not.toBeInViewport();
  // Preformatted prose wraps: the page is never wider than the screen.
  for (const slug of TOPICS.map((t) => t.slug)) {
    await page.goto(`./#/t/${slug}`);
    await expect(page.locator("article.topic")).toHaveAttribute("data-slug", slug);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll(".note-body pre.note-block, .note-body p")].filter((e) => e.scrollWidth > e.clientWidth + 1).length
    );
    expect(wide, `${slug} has prose wider than the phone`).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});

test("dark mode follows the system and the toggle overrides it", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("./");
  await ready(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe("rgb(22, 24, 29)");
  await page.locator(".theme-btn").click(); // system -> light
  expect(await bg()).toBe("rgb(247, 247, 245)");
  await page.reload();
  await ready(page);
  expect(await bg()).toBe("rgb(247, 247, 245)");
});
