// Security: a strict Content-Security-Policy that the app never trips, no request leaves the
// machine, and hostile text typed anywhere is shown as text, never run as markup.
import { createHash } from "node:crypto";
import { test, expect, ready } from "./helpers.mjs";

const EXERCISES = [
  "merge_sorted_lists", "reverse_number", "sort_dict_by_value", "day_of_year", "list_slice",
  "set_ops", "str_to_int", "remove_while_iterating", "closure_late_binding", "topk_word_freq",
];
const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  '"><script>alert(1)</script>',
  "'><svg onload=alert(1)>",
  "javascript:alert(1)",
];
const PAGES = [
  "./",
  "./#/t/merge-sorted-lists",
  "./#/t/closure-late-binding",
  "./#/ex/merge_sorted_lists",
  "./#/ex/topk_word_freq",
  "./#/search?q=%E9%97%AD%E5%8C%85",
  "./#/progress",
  "./#/review",
  "./#/notes",
  "./#/py",
  "./#/no/such/page",
];

/** Collects CSP violations (and alert-like calls) from the very start of every document. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}
const violations = (page) => page.evaluate(() => window.__violations || []);

/** Fails on any dialog (alert/confirm/prompt), which is what an injected handler would open. */
function noDialogs(page) {
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  return dialogs;
}

/** Elements an executed payload would have created. */
const injected = (page) =>
  page.evaluate(() => [
    ...document.querySelectorAll('img[src="x"], svg[onload], script:not([type="module"]):not([src]), [onerror], [onload]'),
  ].map((e) => e.outerHTML.slice(0, 80)));

test("index.html carries a strict CSP: no unsafe-inline, no unsafe-eval", async ({ page }) => {
  const res = await page.request.get("./");
  const html = await res.text();
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  expect(m, "CSP meta tag").not.toBeNull();
  const csp = Object.fromEntries(m[1].split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(m[1]).not.toContain("unsafe-inline");
  expect(m[1]).not.toContain("'unsafe-eval'");
  expect(csp["default-src"]).toEqual(["'self'"]);
  expect(csp["object-src"]).toEqual(["'none'"]);
  expect(csp["base-uri"]).toEqual(["'self'"]);
  expect(csp["script-src"]).toContain("'wasm-unsafe-eval'");
  // Every inline script is allowed by hash, and nothing else inline is.
  expect(csp["script-src"].filter((s) => s.startsWith("'sha256-")).length).toBeGreaterThanOrEqual(1);
  // The one inline <style> (the stylesheet, inlined by scripts/postbuild.mjs) is allowed by its
  // hash; no style attribute or other <style> is.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((s) => s[1]);
  expect(styles).toHaveLength(1);
  expect(csp["style-src"]).toEqual(["'self'", `'sha256-${createHash("sha256").update(styles[0]).digest("base64")}'`]);
  // The CSP is the first thing in <head>, so it covers everything after it.
  expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
});

test("no CSP violation while using every page", async ({ page }) => {
  await watchViolations(page);
  const dialogs = noDialogs(page);
  for (const url of PAGES) {
    await page.goto(url);
    await page.reload(); // a fresh document per page, so the listener sees its whole life
    await ready(page);
    await page.waitForTimeout(150);
    expect(await violations(page), url).toEqual([]);
  }
  // Interact: status, note, theme, exercise typing, generator; then re-check.
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await page.locator('.status-btn[data-status="read"]').click();
  await page.locator("details.my-note summary").click();
  await page.locator("details.my-note textarea").fill("笔记");
  await page.locator(".theme-btn").click();
  await page.goto("./#/ex/merge_sorted_lists");
  await page.locator(".exercise .field input").first().fill("[1, 5, 9]");
  await page.goto("./#/progress");
  await ready(page);
  await page.waitForTimeout(150);
  expect(await violations(page)).toEqual([]);
  expect(dialogs).toEqual([]);
});

test("control: the violation listener does catch a violation", async ({ browser }) => {
  // A page outside the fixture (which would rightly fail on the console error it logs).
  const page = await browser.newPage();
  await watchViolations(page);
  await page.goto("./");
  await ready(page);
  await page.evaluate(() => document.body.setAttribute("style", "outline: 1px solid red"));
  await expect.poll(() => violations(page)).toHaveLength(1);
  await page.close();
});

test("a whole session makes requests only to the local server", async ({ page, context }) => {
  const hosts = new Map();
  const record = (req) => {
    const u = new URL(req.url());
    const key = u.protocol === "data:" || u.protocol === "blob:" ? u.protocol : u.host;
    hosts.set(key, (hosts.get(key) || 0) + 1);
  };
  context.on("request", record);
  for (const url of PAGES) {
    await page.goto(url);
    await ready(page);
  }
  await page.goto("./#/ex/day_of_year");
  await page.locator(".exercise .field input").first().fill("2024-12-31");
  await page.goto("./#/t/tcp-2msl");
  await page.locator('.status-btn[data-status="review"]').click();
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await page.reload();
  await ready(page);
  const base = new URL(page.url()).host;
  expect([...hosts.keys()].filter((h) => h !== base && h !== "data:" && h !== "blob:"), JSON.stringify([...hosts])).toEqual([]);
  expect(hosts.get(base)).toBeGreaterThan(5);
});

test("hostile text in every exercise input is shown as text, never run", async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = noDialogs(page);
  let shownLiterally = 0;
  for (const id of EXERCISES) {
    await page.goto(`./#/ex/${id}`);
    await ready(page);
    const fields = page.locator(".exercise .field input, .exercise .field textarea");
    // The panel is its own chunk, built after app ready.
    await expect(fields.first()).toBeVisible({ timeout: 30_000 });
    const n = await fields.count();
    expect(n, id).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      for (const payload of PAYLOADS) {
        const field = fields.nth(i);
        await field.fill("");
        await field.pressSequentially(payload.slice(0, 6));
        await field.fill(payload);
        await page.waitForTimeout(30);
        expect(await injected(page), `${id} field ${i}: ${payload}`).toEqual([]);
        // Where the app echoes the text (an output or an error excerpt), it is literal.
        const shown = await page.locator(".exercise .results, .exercise .input-error").innerText();
        if (shown.includes(payload)) shownLiterally++;
        // Text nodes serialise "<" as "&lt;": the raw payload in the markup would mean it
        // was parsed as HTML.
        if (payload.includes("<")) {
          expect(await page.locator(".exercise").innerHTML(), `${id}: raw markup in the page`).not.toContain(payload);
        }
      }
    }
  }
  expect(shownLiterally, "payloads echoed literally somewhere").toBeGreaterThan(0);
  expect(dialogs).toEqual([]);
});

test("hostile text in the topic note and the search is shown as text, never run", async ({ page }) => {
  const dialogs = noDialogs(page);
  await page.goto("./#/t/merge-sorted-lists");
  await ready(page);
  await page.locator("details.my-note summary").click();
  const note = page.locator("details.my-note textarea");
  const text = PAYLOADS.join("\n");
  await note.fill(text);
  await page.reload();
  await ready(page);
  await expect(page.locator("details.my-note textarea")).toHaveValue(text);
  expect(await injected(page)).toEqual([]);
  // Pages that may list notes or titles.
  for (const url of ["./#/progress", "./#/review", "./#/notes", "./"]) {
    await page.goto(url);
    await ready(page);
    expect(await injected(page), url).toEqual([]);
  }
  // 我的笔记 shows the note, literally.
  await page.goto("./#/notes");
  await ready(page);
  await expect(page.locator(".my-note-item .note-text")).toHaveText(text);
  // Search, by URL and (when the header box exists) by typing.
  for (const payload of PAYLOADS) {
    await page.goto(`./#/search?q=${encodeURIComponent(payload)}`);
    await ready(page);
    expect(await injected(page), payload).toEqual([]);
  }
  const box = page.locator('header.topbar input[type="search"]');
  if (await box.count()) {
    for (const payload of PAYLOADS) {
      await box.fill(payload);
      await box.press("Enter");
      await page.waitForTimeout(50);
      expect(await injected(page), payload).toEqual([]);
      await expect(box).toHaveValue(payload);
    }
  } else {
    test.info().annotations.push({ type: "todo", description: "search box not present: typing unchecked" });
  }
  expect(dialogs).toEqual([]);
});
