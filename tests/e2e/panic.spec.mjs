// A panic anywhere in the app shows an error panel (not a blank page) with a reload button
// and an export of the raw stored progress.
import { test as base, expect } from "@playwright/test";
import { readFileSync } from "node:fs";

// Like helpers.mjs' fixture, but the panic's own console.error (the panic hook's log) is
// expected here; anything else fails.
const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("__test_panic")) problems.push(m.text());
    });
    page.on("pageerror", (e) => {
      // The trap that ends the panicking call surfaces as an uncaught RuntimeError.
      if (!/unreachable|RuntimeError/.test(e.message)) problems.push(e.message);
    });
    await use(page);
    expect(problems).toEqual([]);
  },
});

test("a panic shows 出错了 with reload and export instead of a blank page", async ({ page }) => {
  await page.goto("./#/t/merge-sorted-lists");
  await expect(page.locator("h1.topic-title")).toBeVisible();
  await page.locator('.status-btn[data-status="mastered"]').click();
  await expect(page.locator('.status-btn[data-status="mastered"]')).toHaveAttribute("aria-pressed", "true");
  const stored = await page.evaluate(() => localStorage.getItem("mianshiti.progress"));
  expect(stored).toBeTruthy();

  // Panic from a click handler-like entry point (the test hook exported by the wasm).
  await page.evaluate(() => setTimeout(() => window.wasmBindings.__test_panic(), 0));
  const panel = page.locator("#panic-panel");
  await expect(panel).toBeVisible();
  await expect(panel.locator("h1")).toHaveText("出错了");
  await expect(panel).toHaveAttribute("role", "alert");
  await expect(panel.locator("pre")).toContainText("deliberate panic");
  // The dead app is gone, not left half-working.
  await expect(page.locator("header.topbar")).toHaveCount(0);

  // 导出进度 downloads exactly the stored JSON.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "导出进度" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("mianshiti-progress.json");
  const body = readFileSync(await download.path(), "utf8");
  expect(body).toBe(stored);
  JSON.parse(body);

  // 重新加载 brings the app back, progress intact.
  await Promise.all([page.waitForEvent("load"), panel.getByRole("button", { name: "重新加载" }).click()]);
  await expect(page.locator("h1.topic-title")).toBeVisible();
  await expect(page.locator('.status-btn[data-status="mastered"]')).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("#panic-panel")).toHaveCount(0);
});

test("with nothing stored, export is disabled rather than downloading nothing", async ({ page }) => {
  await page.goto("./");
  // The app, not the pre-wasm boot view (which has a top bar too): only then is the hook there.
  await expect(page.locator("main#main")).toBeAttached();
  await page.evaluate(() => localStorage.removeItem("mianshiti.progress"));
  await page.evaluate(() => setTimeout(() => window.wasmBindings.__test_panic(), 0));
  const panel = page.locator("#panic-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("button", { name: "导出进度" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "重新加载" })).toBeEnabled();
});
