// Shared fixtures: every test fails on a console error, a page error, or any request
// to a host other than the local static server.
import { test as base, expect } from "@playwright/test";
import { readFileSync, readdirSync } from "node:fs";

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:" && url.protocol !== "blob:") {
        problems.push(`request to another host: ${req.url()}`);
      }
    });
    await use(page);
    expect(problems, problems.join("\n")).toEqual([]);
  },
});
export { expect };

/** The topics as content/ declares them (slug, title, category), in order. */
export function topics() {
  const dir = new URL("../../content/", import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith(".md")).sort().map((f) => {
    const text = readFileSync(new URL(f, dir), "utf8");
    const get = (k) => text.match(new RegExp(`^${k}: (.*)$`, "m"))[1];
    return { slug: get("slug"), title: JSON.parse(get("title")), category: get("category") };
  });
}

/** Waits until the Leptos app has mounted (the pre-wasm boot view has a top bar too, but
 *  only the app has `<main id="main">`). */
export async function ready(page) {
  await expect(page.locator("main#main")).toBeAttached();
  await expect(page.locator("header.topbar")).toBeVisible();
}

/** Run in the page (`addInitScript` before a load, `evaluate` before an in-app navigation):
 *  records in `window.__firstFrame`, in the frame that first shows a topic page, whether its
 *  exercise panel is built (`panel`), still a placeholder (`pending`) or absent (`none`). */
export const FIRST_FRAME_PROBE = () => {
  window.__firstFrame = null;
  const mo = new MutationObserver(() => {
    if (!document.querySelector("h1.topic-title")) return;
    mo.disconnect();
    requestAnimationFrame(() => {
      window.__firstFrame = document.querySelector(".exercise") ? "panel"
        : document.querySelector(".exercise-pending") ? "pending" : "none";
    });
  });
  mo.observe(document, { childList: true, subtree: true });
};

/** An exercise panel's input field, its result output, and typing into a field key by key. */
export const field = (page, name) => page.locator(`.exercise .field[data-field="${name}"] :is(input, textarea)`);
export const result = (page, key) => page.locator(`.exercise .result[data-key="${key}"] output`);
export async function typeInto(page, name, text) {
  const f = field(page, name);
  await f.fill("");
  await f.pressSequentially(text, { delay: 5 });
}

/** Stores `store` as the learner's progress before the page's first load (once per tab: a
 *  reload keeps what the app wrote since). */
export async function seedProgress(page, store) {
  await page.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem(k, v);
      sessionStorage.setItem("seeded", "1");
    }
  }, ["mianshiti.progress", JSON.stringify(store)]);
}
