// Editing the notes' Python in place (issue 13): CodeMirror 6, loaded on the first 编辑 and
// never on a first visit; edits run, are remembered per block, can be compared with the notes'
// code and restored; the scratchpad page; share links; no CSP violation; the keyboard works.
import { test as base } from "@playwright/test";
import { test, expect, ready } from "./helpers.mjs";
import { readFileSync } from "node:fs";

const DIST = new URL("../../dist/", import.meta.url);
const LOAD = 90_000;
const CLOSURE_OUT = "9\n9\n9\n9\n0\n3\n6\n9\n";

const block = (page, index) => page.locator(".note-body .py-block").nth(index);

/** Collects CSP violations from the start of every document. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

async function openTopic(page, slug) {
  await page.goto(`./#/t/${slug}`);
  await ready(page);
  await expect(page.locator(".note-body .py-block").first()).toBeVisible();
}

/** Opens block `b` in the editor; resolves to the ms from the click to the editor on screen. */
async function edit(b) {
  const ms = await b.evaluate((blk) => new Promise((resolve) => {
    const t0 = performance.now();
    // The editor lives in the shadow root of its host, .py-editor.
    const done = () => blk.querySelector(".py-editor")?.shadowRoot?.querySelector(".cm-editor") && (resolve(performance.now() - t0), true);
    const mo = new MutationObserver(() => done() && mo.disconnect());
    mo.observe(blk, { childList: true, subtree: true });
    blk.querySelector(".py-edit").click();
  }));
  await expect(b.locator(".cm-content")).toBeVisible();
  await expect(b.locator(".py-edit")).toHaveAttribute("aria-pressed", "true");
  return ms;
}

/** Replaces everything in `b`'s editor by typing `text` (select all, then type). */
async function typeInEditor(page, b, text) {
  await b.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** The editor's text, line by line (the blocks are short: every line is rendered). */
const editorText = (b) => b.locator(".cm-content").evaluate((el) => [...el.querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n"));

async function run(b) {
  await b.locator(".py-run").click();
  await expect(b.locator(".py-status")).toBeVisible({ timeout: LOAD });
}

test("the build bundles the editor into one module under a hashed path, precaching only its one-line entry", () => {
  const entry = readFileSync(new URL("editor.mjs", DIST), "utf8");
  const m = entry.match(/^export \* from "\.\/(editor\/([0-9a-f]{16})\/editor\.mjs)";\n$/);
  expect(m, entry).not.toBeNull();
  const bundle = readFileSync(new URL(m[1], DIST));
  expect(bundle.length).toBeGreaterThan(100_000);
  // One self-contained module: no import statement, no dynamic import.
  expect(bundle.toString("utf8")).not.toMatch(/(^|[;}\n])import[\s{*"']|\bimport\(/);
  const sw = readFileSync(new URL("sw.js", DIST), "utf8");
  const files = JSON.parse(sw.match(/const FILES = (.*);/)[1]);
  expect(files).toContain("./editor.mjs");
  expect(files.filter((f) => f.startsWith("./editor/"))).toEqual([]);
  expect(sw).toContain(`const EDITOR = "${m[2]}";`);
});

test("a first visit downloads none of the editor or the Python runtime", async ({ page, context }) => {
  const requested = [];
  context.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await openTopic(page, "closure-late-binding");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await page.waitForTimeout(1000);
  await page.goto("./#/t/variable-scope");
  await ready(page);
  await page.waitForTimeout(500);
  // Only the precached one-line entry editor.mjs (54 bytes), never the bundle under editor/.
  expect(requested.filter((p) => p.includes("/editor/") || p.includes("/pyodide/"))).toEqual([]);
  await expect(block(page, 0).locator(".py-edit")).toHaveText("编辑");
  await expect(block(page, 0).locator(".py-wrap")).toHaveText("换行");
  await expect(block(page, 0).locator(".py-restore")).toBeHidden();
});

test("编辑 turns the block into the editor; the run uses the edit; reload keeps it; 对比 shows the diff; 还原 puts the notes' code back; no CSP violation", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  await watchViolations(page);
  const requested = [];
  const elsewhere = [];
  context.on("request", (r) => {
    requested.push(new URL(r.url()).pathname);
    if (new URL(r.url()).origin !== new URL(baseURL).origin) elsewhere.push(r.url());
  });
  await openTopic(page, "closure-late-binding");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const b = block(page, 0);
  const original = await b.locator("pre.code").textContent();
  const cold = await edit(b);
  expect(requested.some((p) => /\/editor\/[0-9a-f]{16}\/editor\.mjs$/.test(p))).toBe(true);
  await expect(b.locator("pre.code")).toBeHidden();
  // The editor holds the notes' code, highlighted with the notes' token classes, line numbers on.
  expect(await editorText(b)).toBe(original);
  // Keywords in the notes' keyword colour (the static view's .tok-kw), inside the shadow root.
  const colours = await b.evaluate((blk) => {
    const kw = [...blk.querySelector(".py-editor").shadowRoot.querySelectorAll(".cm-line span")].find((s) => s.textContent === "def");
    return [getComputedStyle(kw).color, getComputedStyle(blk.querySelector("pre.code .tok-kw")).color];
  });
  expect(colours[0]).toBe(colours[1]);
  await expect(b.locator(".cm-lineNumbers .cm-gutterElement").filter({ hasText: /^1$/ })).toHaveCount(1);
  // The toolbar does not show 还原 before an edit.
  await expect(b.locator(".py-restore")).toBeHidden();
  await typeInEditor(page, b, "print(6 * 7)\nprint('edited')");
  await expect(b.locator(".py-restore")).toBeVisible();
  await expect(b.locator(".py-changed")).toContainText("已修改：新增 2 行");
  await run(b);
  await expect(b.locator(".py-out")).toHaveText("42\nedited\n");
  // 对比: removed lines of the notes' code, then the added ones.
  await b.locator(".py-diff").click();
  await expect(b.locator(".py-diff")).toHaveAttribute("aria-pressed", "true");
  await expect(b.locator(".py-diff-view .py-add")).toHaveText(["+ print(6 * 7)\n", "+ print('edited')\n"]);
  expect(await b.locator(".py-diff-view .py-del").count()).toBe(original.replace(/\n$/, "").split("\n").length); // every line of the notes' code
  // A reload keeps the edit, shown as the editor (its bundle from the service worker's cache).
  await page.waitForTimeout(600); // the store is written within 400 ms of the last keystroke
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("editor-")));
  expect(cached.length).toBe(1);
  // Offline: the editor comes from its cache.
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  const again = block(page, 0);
  await expect(again.locator(".cm-content")).toBeVisible();
  expect(await editorText(again)).toBe("print(6 * 7)\nprint('edited')");
  const warm = await again.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/editor/")).map((e) => Math.round(e.duration)));
  // Away and back within the app: the edited block is the editor again.
  await page.locator("header.topbar a.brand").click();
  await expect(page.locator(".note-body")).toHaveCount(0);
  await page.goBack();
  await expect(block(page, 0).locator(".cm-content")).toBeVisible();
  expect(await editorText(block(page, 0))).toBe("print(6 * 7)\nprint('edited')");
  await context.setOffline(false);
  await run(again);
  await expect(again.locator(".py-out")).toHaveText("42\nedited\n");
  // 还原: the notes' code again, the edit forgotten (also after a reload), and the edit's
  // output with it.
  await again.locator(".py-restore").click();
  expect(await editorText(again)).toBe(original);
  await expect(again.locator("output.py-output")).toHaveCount(0);
  await expect(again.locator(".py-restore")).toBeHidden();
  await expect(again.locator(".py-changed")).toHaveCount(0);
  await run(again);
  await expect(again.locator(".py-out")).toHaveText(CLOSURE_OUT);
  await page.waitForTimeout(600);
  await page.reload();
  await ready(page);
  await expect(block(page, 0).locator("pre.code")).toBeVisible();
  await expect(block(page, 0).locator(".cm-editor")).toHaveCount(0);
  const bytes = readFileSync(new URL(readFileSync(new URL("editor.mjs", DIST), "utf8").match(/"\.\/(.*)"/)[1], DIST)).length;
  console.log(`editor: ${bytes} bytes raw; cold open ${cold.toFixed(0)} ms (download + start), reload from cache ${warm.join(", ")} ms`);
  // The editor, the runtime and every run stayed on our origin (no fonts, no CDN).
  expect(elsewhere).toEqual([]);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test("keyboard: Tab indents, Shift+Tab dedents, Enter after a colon indents, brackets pair, Ctrl+Z undoes, Ctrl+Enter runs, Esc then Tab leaves", async ({ page }) => {
  test.setTimeout(180_000);
  await openTopic(page, "closure-late-binding");
  const b = block(page, 0);
  await edit(b);
  await typeInEditor(page, b, "");
  await page.keyboard.type("for i in range(2):");
  await page.keyboard.press("Enter");
  await page.keyboard.type("print(i");
  // Auto-indent after ':' (4 spaces) and the closing bracket paired.
  expect(await editorText(b)).toBe("for i in range(2):\n    print(i)");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.type("x = 1");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  expect(await editorText(b)).toBe("for i in range(2):\n    print(i)\n    x = 1");
  await page.keyboard.press("Control+z");
  expect(await editorText(b)).toBe("for i in range(2):\n    print(i)\nx = 1");
  await page.keyboard.press("Control+Enter");
  await expect(b.locator(".py-status")).toBeVisible({ timeout: LOAD });
  await expect(b.locator(".py-out")).toHaveText("0\n1\n");
  // The editor kept the code (Ctrl+Enter inserted no line).
  expect(await editorText(b)).toBe("for i in range(2):\n    print(i)\nx = 1");
  // Esc then Tab moves focus out of the editor, to the next control.
  await b.locator(".cm-content").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement.closest(".cm-editor"))).toBe(false);
  expect(await editorText(b)).toBe("for i in range(2):\n    print(i)\nx = 1");
});

test("换行 wraps long lines in every block and editor, and is remembered", async ({ page }) => {
  await openTopic(page, "variable-scope");
  const b = block(page, 0);
  await edit(b);
  await expect(b.locator(".cm-content")).not.toHaveClass(/cm-lineWrapping/);
  await b.locator(".py-wrap").click();
  await expect(b.locator(".py-wrap")).toHaveAttribute("aria-pressed", "true");
  await expect(block(page, 1).locator(".py-wrap")).toHaveAttribute("aria-pressed", "true");
  await expect(b.locator(".cm-content")).toHaveClass(/cm-lineWrapping/);
  await expect(page.locator("html")).toHaveAttribute("data-code-wrap", "");
  await page.reload();
  await ready(page);
  await expect(block(page, 0).locator(".py-wrap")).toHaveAttribute("aria-pressed", "true");
  await block(page, 0).locator(".py-wrap").click();
  await expect(block(page, 0).locator(".py-wrap")).toHaveAttribute("aria-pressed", "false");
});

test("the scratchpad keeps the learner's code across a reload and runs it", async ({ page }) => {
  test.setTimeout(180_000);
  await watchViolations(page);
  await page.goto("./");
  await ready(page);
  await page.locator("header.topbar a[href='#/py']").click();
  const pad = page.locator(".scratchpad .py-block");
  await expect(pad.locator(".cm-content")).toBeVisible();
  expect(await editorText(pad)).toContain("print(\"你好，Python\")");
  await typeInEditor(page, pad, "total = sum(range(101))\nprint('总和', total)");
  await page.waitForTimeout(600);
  await page.reload();
  await ready(page);
  await expect(pad.locator(".cm-content")).toBeVisible();
  expect(await editorText(pad)).toBe("total = sum(range(101))\nprint('总和', total)");
  await pad.locator(".py-run").click();
  await expect(pad.locator(".py-status")).toBeVisible({ timeout: LOAD });
  await expect(pad.locator(".py-out")).toHaveText("总和 5050\n");
  // The code is in the progress store, so it is exported with it.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("mianshiti.progress")).code_edits.scratchpad.code);
  expect(stored).toBe("total = sum(range(101))\nprint('总和', total)");

  // input() reads the scratchpad's 标准输入 box, whose text is kept with the code.
  const toggle = pad.locator(".py-stdin-toggle");
  await expect(toggle).toHaveText("标准输入");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await pad.locator(".py-stdin textarea").fill("小明\n3\n");
  await expect(toggle).toHaveText("标准输入（2 行）");
  await typeInEditor(page, pad, "name = input()\nn = int(input())\nprint(name * n)\ninput()");
  await pad.locator(".py-run").click();
  await expect(pad.locator(".py-stdout")).toHaveText("小明小明小明\n", { timeout: LOAD });
  await expect(pad.locator(".py-exc")).toHaveText("EOFError: EOF when reading a line");
  await page.waitForTimeout(600);
  await page.reload();
  await ready(page);
  await expect(pad.locator(".cm-content")).toBeVisible();
  // Back closed, its button counting the lines; opened, the same text.
  await expect(toggle).toHaveText("标准输入（2 行）");
  await expect(pad.locator(".py-stdin")).toBeHidden();
  await toggle.click();
  await expect(pad.locator(".py-stdin textarea")).toHaveValue("小明\n3\n");
  const entry = await page.evaluate(() => JSON.parse(localStorage.getItem("mianshiti.progress")).code_edits.scratchpad);
  expect(entry.stdin).toBe("小明\n3\n");
  expect(entry.code).toBe("name = input()\nn = int(input())\nprint(name * n)\ninput()");
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test("closing the editor shows the edited code highlighted like the notes, as text; 还原 shows the notes' code highlighted", async ({ page }) => {
  await openTopic(page, "closure-late-binding");
  const b = block(page, 0);
  const original = await b.locator("pre.code").textContent();
  const originalHtml = await b.locator("pre.code code").innerHTML();
  await edit(b);
  const code = "def f():\n    return '<b id=pwned>x</b>'  # 注释\nprint(f())";
  await typeInEditor(page, b, code);
  await b.locator(".py-edit").click();
  await expect(b.locator(".cm-editor")).toHaveCount(0);
  await expect(b.locator(".py-edit")).toHaveAttribute("aria-pressed", "false");
  const pre = b.locator("pre.code");
  await expect(pre).toBeVisible();
  await expect(pre).toHaveText(code);
  await expect(pre.locator(".tok-kw").first()).toHaveText("def");
  await expect(pre.locator(".tok-com")).toHaveText("# 注释");
  await expect(pre.locator(".tok-str")).toHaveText("'<b id=pwned>x</b>'");
  expect(await page.locator("#pwned").count()).toBe(0);
  await b.locator(".py-restore").click();
  await expect(pre).toHaveText(original);
  expect(await b.locator("pre.code code").innerHTML()).toBe(originalHtml);
});

test("a share link opens a block, or the scratchpad, with the shared code; a bad link says why", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openTopic(page, "variable-scope");
  const b = block(page, 1);
  await edit(b);
  await typeInEditor(page, b, "print('分享 & 100%')");
  await b.locator(".py-share").click();
  await expect(b.locator(".py-share")).toHaveText("已复制链接");
  const link = await b.locator(".py-share").getAttribute("data-link");
  expect(link).toMatch(/#\/t\/variable-scope\?py=1&code=print%28%27%E5%88%86%E4%BA%AB%20%26%20100%25%27%29$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // Someone else opens it: a fresh browser context with no progress.
  const other = await context.browser().newContext({ locale: "zh-CN" });
  const p2 = await other.newPage();
  await p2.goto(link);
  await expect(p2.locator(".note-body .py-block").nth(1).locator(".cm-content")).toBeVisible();
  expect(await editorText(p2.locator(".note-body .py-block").nth(1))).toBe("print('分享 & 100%')");
  await expect(p2.locator(".note-body .py-block").nth(1).locator(".py-edit-note")).toContainText("分享链接");
  expect(new URL(p2.url()).hash).toBe("#/t/variable-scope");
  // The scratchpad from a link.
  await p2.goto(link.replace(/#.*$/, "#/py?code=print%281%2B1%29"));
  await expect(p2.locator(".scratchpad .cm-content")).toBeVisible();
  expect(await editorText(p2.locator(".scratchpad .py-block"))).toBe("print(1+1)");
  // A link with a bad block number says so, in Chinese.
  await p2.goto(link.replace(/py=1/, "py=x"));
  await p2.reload();
  await expect(p2.locator(".note-body .py-block").first().locator(".py-edit-note")).toContainText("代码块编号「x」无效");
  await other.close();
});

test("a link's code survives closing and reopening the editor; a link too long leaves the scratchpad's sample", async ({ page }) => {
  await page.goto(`./#/t/variable-scope?py=1&code=${encodeURIComponent('print("AAA")')}`);
  await ready(page);
  const b = block(page, 1);
  await expect(b.locator(".cm-content")).toBeVisible();
  expect(await editorText(b)).toBe('print("AAA")');
  await b.locator(".py-edit").click(); // off: the block shows the link's code
  await expect(b.locator(".py-edit")).toHaveAttribute("aria-pressed", "false");
  await expect(b.locator("pre.code")).toHaveText('print("AAA")');
  await b.locator(".py-edit").click(); // on again: still the link's code, not the notes'
  await expect(b.locator(".cm-content")).toBeVisible();
  expect(await editorText(b)).toBe('print("AAA")');
  // Nothing saved in the scratchpad, and a link over the limit: the sample, with the reason.
  await page.goto(`./#/py?code=${encodeURIComponent("x = 1\n".repeat(2000))}`);
  const pad = page.locator(".scratchpad .py-block");
  await expect(pad.locator(".py-edit-note")).toContainText("太长");
  await expect(pad.locator(".cm-content")).toBeVisible();
  expect(await editorText(pad)).toContain('print("你好，Python")');
});

// page.route cannot see what the service worker answers: this one runs without it.
test.describe("without the service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("a shared scratchpad link runs and copies its code even before the editor has arrived", async ({ page, context }) => {
    test.setTimeout(LOAD + 60_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(/\/editor(\/[0-9a-f]+)?\/?editor\.mjs$|\/editor\.mjs$/, async (route) => { await held; await route.continue(); });
    await page.goto(`./#/py?code=${encodeURIComponent("print(6 * 7)")}`);
    await ready(page);
    const pad = page.locator(".scratchpad .py-block");
    await expect(pad.locator(".py-edit-note")).toHaveText("正在加载编辑器…");
    // Meanwhile the page shows the link's code, in the room the editor will take.
    await expect(pad.locator("pre.code")).toHaveText("print(6 * 7)");
    const before = await pad.locator("pre.code").boundingBox();
    await pad.locator(".py-copy").click();
    await expect(pad.locator(".py-copy")).toHaveText("已复制");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("print(6 * 7)");
    await run(pad);
    await expect(pad.locator(".py-out")).toHaveText("42\n");
    // The editor, once here, shows the same code in its place, and runs it the same.
    const out = await pad.locator(".py-out").boundingBox();
    release();
    await expect(pad.locator(".cm-content")).toBeVisible();
    await expect(pad.locator("pre.code")).toBeHidden();
    expect(await editorText(pad)).toBe("print(6 * 7)");
    const editor = await pad.locator(".py-editor").boundingBox();
    expect(Math.abs(editor.y - before.y)).toBeLessThan(1);
    expect(Math.abs((await pad.locator(".py-out").boundingBox()).y - out.y), "the output below did not move").toBeLessThan(1);
  });

  test("a second share link opened on the scratchpad replaces its code, also when both come before the editor", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const link = (code) => `#/py?code=${encodeURIComponent(code)}`;
    const pad = page.locator(".scratchpad .py-block");
    const note = pad.locator(".py-edit-note");
    const copied = async () => {
      await pad.locator(".py-copy").click();
      return page.evaluate(() => navigator.clipboard.readText());
    };
    // The editor is there: the second link's code replaces the first's.
    await page.goto(`./${link('print("A")')}`);
    await ready(page);
    await expect(pad.locator(".cm-content")).toBeVisible();
    expect(await editorText(pad)).toBe('print("A")');
    await page.evaluate((h) => { location.hash = h; }, link('print("B")'));
    await expect.poll(() => editorText(pad)).toBe('print("B")');
    // The scratchpad has no notes' code to go back to: its note offers no 还原.
    await expect(note).toHaveText("这是分享链接里的代码；改动后会保存为你的版本。");
    expect(await copied()).toBe('print("B")');
    // Both links before the editor module arrives: the later one is what it shows and runs.
    const p2 = await context.newPage();
    let release;
    const held = new Promise((r) => (release = r));
    await p2.route(/\/editor(\/[0-9a-f]+)?\/?editor\.mjs$|\/editor\.mjs$/, async (route) => { await held; await route.continue(); });
    await p2.goto(`./${link('print("C")')}`);
    await ready(p2);
    const pad2 = p2.locator(".scratchpad .py-block");
    await expect(pad2.locator(".py-edit-note")).toHaveText("正在加载编辑器…");
    await expect(pad2.locator("pre.code")).toHaveText('print("C")');
    await p2.evaluate((h) => { location.hash = h; }, link('print("D")'));
    await expect(pad2.locator(".py-edit-note")).toHaveText("正在加载编辑器…");
    // What it shows is what it will run.
    await expect(pad2.locator("pre.code")).toHaveText('print("D")');
    release();
    await expect(pad2.locator(".cm-content")).toBeVisible();
    await expect(pad2.locator(".py-edit-note")).toContainText("分享链接");
    await p2.waitForTimeout(300);
    expect(await editorText(pad2)).toBe('print("D")');
    await expect(pad2.locator(".cm-content")).toHaveCount(1);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the editor fits the screen, takes a tap and IME input (composition, then commit), and the edit is saved", async ({ page }) => {
    await openTopic(page, "closure-late-binding");
    const b = block(page, 0);
    await b.locator(".py-edit").tap();
    await expect(b.locator(".cm-content")).toBeVisible();
    expect(await page.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(390);
    await b.locator(".cm-content").tap();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    // A Chinese IME: the composition shows in place, the commit replaces it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "ni", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.imeSetComposition", { text: "你好", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "你好" });
    await page.keyboard.insertText(" = 1");
    expect(await editorText(b)).toBe("你好 = 1");
    await page.waitForTimeout(600);
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("mianshiti.progress")).code_edits.blocks["closure-late-binding/0"].code);
    expect(saved).toBe("你好 = 1");
    // After the edit the toolbar holds all eight buttons; it wraps onto more lines, each
    // button on screen, and the page never scrolls sideways.
    const buttons = b.locator(".py-tools > button:visible");
    await expect(buttons).toHaveText(["运行", "编辑", "复制", "换行", "还原", "对比", "分享", "标准输入"]);
    const boxes = await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right, r.top]));
    for (const [left, right] of boxes) {
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(390);
    }
    expect(new Set(boxes.map(([, , top]) => Math.round(top))).size).toBeGreaterThan(1);
    const tools = await b.locator(".py-tools").evaluate((t) => [t.scrollWidth, t.clientWidth]);
    expect(tools[0]).toBeLessThanOrEqual(tools[1]);
    await b.locator(".py-stdin-toggle").tap();
    await b.locator(".py-diff").tap();
    await expect(b.locator(".py-diff-view")).toBeVisible();
    expect(await page.evaluate(() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth])).toEqual([390, 390]);
  });
});

// `base`: the failed download is logged to the console by the browser, which the shared
// fixture would count as a failure; here it is the point.
base.describe("offline before the editor's first use", () => {
  base.use({ serviceWorkers: "block" });

  base("the scratchpad still shows its code, says why it cannot be edited, and runs it", async ({ page }) => {
    base.setTimeout(LOAD + 60_000);
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("net::ERR_INTERNET_DISCONNECTED")) problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.route(/\/editor(\/[0-9a-f]+)?\/?editor\.mjs$|\/editor\.mjs$/, (route) => route.abort("internetdisconnected"));
    await page.goto("./#/py");
    await ready(page);
    const pad = page.locator(".scratchpad .py-block");
    await expect(pad.locator(".py-edit-note")).toHaveText("编辑器加载失败（第一次使用需要联网）。代码仍可运行，联网后再试编辑。");
    await expect(pad.locator("pre.code")).toHaveText('# 在这里写你自己的 Python 代码，按 Ctrl/⌘+Enter 运行。\nprint("你好，Python")\n');
    await expect(pad.locator(".py-editor")).toHaveCount(0);
    await run(pad);
    await expect(pad.locator(".py-out")).toHaveText("你好，Python\n");
    expect(problems).toEqual([]);
  });

  base("a shared block keeps the link's code when 编辑 is clicked and the editor cannot come", async ({ page }) => {
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("net::ERR_INTERNET_DISCONNECTED")) problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.route(/\/editor(\/[0-9a-f]+)?\/?editor\.mjs$|\/editor\.mjs$/, (route) => route.abort("internetdisconnected"));
    await page.goto(`./#/t/variable-scope?py=1&code=${encodeURIComponent('print("shared", 6 * 7)')}`);
    await ready(page);
    const b = block(page, 1);
    await expect(b.locator(".py-edit-note")).toContainText("编辑器加载失败");
    await expect(b.locator("pre.code")).toHaveText('print("shared", 6 * 7)');
    await b.locator(".py-edit").click();
    await expect(b.locator(".py-edit-note")).toContainText("编辑器加载失败");
    await expect(b.locator("pre.code")).toHaveText('print("shared", 6 * 7)');
    expect(problems).toEqual([]);
  });
});
