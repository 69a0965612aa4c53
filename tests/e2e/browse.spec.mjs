// Progress where the learner browses: the sidebar and the home cards show each topic's
// status, bookmark, exercise and code cards (as words a screen reader reads, not only as a shape or a
// colour), the 复习 link counts what is due today, the home page offers to start the review,
// and 继续阅读 agrees with the topic's status.
import { test, expect, ready } from "./helpers.mjs";

test.use({ serviceWorkers: "block" });

const A = { slug: "http-vs-https" }; // no exercise, no code cards
const B = { slug: "merge-sorted-lists" }; // has an exercise and a predict-the-output card
const C = { slug: "mvcc" };

const statusBtn = (page, key) => page.locator(`.status-btn[data-status="${key}"]`);
const sidebarLink = (page, slug) => page.locator(`nav.sidebar a[data-slug="${slug}"]`);
const cardLink = (page, slug) => page.locator(`.cat-grid a[data-slug="${slug}"]`);
const reviewLink = (page) => page.locator("header a.nav-link[href='#/review']");

test("marking topics shows in the sidebar, on the home cards and on the 复习 link", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`./#/t/${B.slug}`);
  await ready(page);
  // Before any marking: every topic reads as 未读, a topic with an exercise says so.
  await expect(sidebarLink(page, B.slug)).toHaveAccessibleName(/（未读，有练习，有代码预测）$/);
  await expect(sidebarLink(page, A.slug)).toHaveAccessibleName(/（未读）$/);
  await expect(reviewLink(page)).toHaveAccessibleName("复习");
  await expect(reviewLink(page).locator(".due-badge")).toHaveCount(0);

  await statusBtn(page, "review").click();
  await page.locator(".bookmark-btn").click();
  await expect(page.locator(".bookmark-btn")).toHaveAttribute("aria-pressed", "true");
  await expect(sidebarLink(page, B.slug)).toHaveAccessibleName(/（待复习，已收藏，有练习，有代码预测）$/);
  await expect(sidebarLink(page, B.slug)).toHaveAttribute("data-status", "review");
  await expect(sidebarLink(page, B.slug).locator(".tm")).toHaveText("↻★▶?");
  // 待复习 makes the topic due now: the 复习 link counts it, in words too.
  await expect(reviewLink(page).locator(".due-badge")).toHaveText("1");
  await expect(reviewLink(page)).toHaveAccessibleName(/^复习\s*（今天 1 项待复习）$/);

  await sidebarLink(page, A.slug).click();
  await expect(page).toHaveURL(new RegExp(`#/t/${A.slug}$`));
  await statusBtn(page, "read").click();
  await expect(sidebarLink(page, A.slug)).toHaveAccessibleName(/（已读）$/);
  await expect(sidebarLink(page, A.slug).locator(".tm")).toHaveText("◐");
  // Statuses differ in shape, not colour alone.
  await expect(sidebarLink(page, C.slug).locator(".tm")).toHaveText("○");
  // And the shapes are explained once, under the list.
  const legend = page.locator("nav.sidebar .toc-legend");
  for (const key of ["○ 未读", "◐ 已读", "↻ 待复习", "● 已掌握", "★ 已收藏", "✎ 有笔记", "▶ 有练习", "? 有代码预测"]) {
    await expect(legend).toContainText(key);
  }

  await page.locator("a.brand").click();
  await expect(page.locator(".cat-grid")).toBeVisible();
  await expect(cardLink(page, A.slug)).toHaveAccessibleName(/（已读）$/);
  await expect(cardLink(page, B.slug)).toHaveAccessibleName(/（待复习，已收藏，有练习，有代码预测）$/);
  await expect(cardLink(page, C.slug)).toHaveAccessibleName(/（未读）$/);
  // The home page says what is due and offers to start.
  const review = page.locator(".continue a[data-continue=review]");
  await expect(review).toContainText("今天有 1 项到期待复习。");
  await expect(review).toContainText("开始复习");
  // 继续阅读 agrees with the status: A is 已读, not "0%".
  const cont = page.locator(".continue a[data-continue=topic]");
  await expect(cont.locator(".dir")).toHaveText("继续阅读（已读）");
  await expect(cont).not.toContainText("%");
  await review.click();
  await expect(page).toHaveURL(/#\/review$/);
});

test("a status set in another tab shows in this tab's lists", async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("./");
  await ready(page);
  await expect(cardLink(page, C.slug)).toHaveAccessibleName(/（未读）$/);
  const other = await context.newPage();
  await other.goto(`./#/t/${C.slug}`);
  await ready(other);
  await statusBtn(other, "mastered").click();
  await expect(statusBtn(other, "mastered")).toHaveAttribute("aria-pressed", "true");
  await expect(cardLink(page, C.slug)).toHaveAccessibleName(/（已掌握）$/);
  await expect(sidebarLink(page, C.slug)).toHaveAccessibleName(/（已掌握）$/);
  await expect(sidebarLink(page, C.slug).locator(".tm")).toHaveText("●");
  await other.close();
});

test("the sidebar's filters keep 未读, 待复习, 已收藏, noted or exercise topics, and counts follow them", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`./#/t/${B.slug}`);
  await ready(page);
  await statusBtn(page, "review").click();
  await expect(sidebarLink(page, B.slug)).toHaveAttribute("data-status", "review");
  const filter = (name) => page.locator("nav.sidebar .toc-filter button", { hasText: name });
  const visible = page.locator("nav.sidebar .toc-group a[data-slug]:visible");
  await expect(filter("全部")).toHaveAttribute("aria-pressed", "true");
  await expect(visible).toHaveCount(78);

  await filter("待复习").click();
  await expect(filter("待复习")).toHaveAttribute("aria-pressed", "true");
  await expect(filter("全部")).toHaveAttribute("aria-pressed", "false");
  await expect(visible).toHaveCount(1);
  await expect(visible).toHaveAttribute("data-slug", B.slug);
  // Categories with no kept topic are hidden with their heading.
  await expect(page.locator("nav.sidebar .toc-group:visible")).toHaveCount(1);

  await filter("只看未读").click();
  await expect(visible).toHaveCount(77);
  await expect(sidebarLink(page, B.slug)).toBeHidden();

  await filter("有练习").click();
  await expect(sidebarLink(page, B.slug)).toBeVisible();
  await expect(sidebarLink(page, A.slug)).toBeHidden();

  await filter("已收藏").click();
  await expect(visible).toHaveCount(0);
  await expect(page.locator("nav.sidebar .toc-empty")).toBeVisible();
  await expect(page.locator("nav.sidebar .toc-empty")).toHaveText("没有符合「已收藏」的主题。");
  // Bookmarking updates the filtered list at once.
  await page.locator(".bookmark-btn").click();
  await expect(visible).toHaveCount(1);
  await expect(page.locator("nav.sidebar .toc-empty")).toBeHidden();

  // 有笔记 keeps the topics with the learner's own note, and a category's count then says how
  // many of its topics the filter keeps.
  const group = sidebarLink(page, B.slug).locator("xpath=ancestor::section[1]");
  const count = group.locator("h2 .count");
  const total = Number(await count.getAttribute("data-total"));
  expect(total).toBeGreaterThan(1);
  await filter("有笔记").click();
  await expect(visible).toHaveCount(0);
  const details = page.locator("details.my-note");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await details.locator("textarea").pressSequentially("归并时注意返回值");
  await expect(visible).toHaveCount(1);
  await expect(visible).toHaveAttribute("data-slug", B.slug);
  await expect(sidebarLink(page, B.slug).locator(".tm")).toContainText("✎");
  await expect(sidebarLink(page, B.slug)).toHaveAccessibleName(/有笔记/);
  await expect(count).toHaveText(`1/${total}`);

  await filter("全部").click();
  await expect(visible).toHaveCount(78);
  await expect(count).toHaveText(String(total));
});
