// Syntax colours are readable: every token class the highlighter emits (and the code's plain
// text) reaches WCAG 2.x AA contrast, 4.5:1, against its code block's background, in the light
// and the dark theme, chosen by the system or by the app's theme setting. Measured on real
// rendered tokens with the colours Chromium computes, so it checks what the reader sees.
import { test, expect, ready } from "./helpers.mjs";
import { readFileSync, readdirSync } from "node:fs";

const root = new URL("../../", import.meta.url);

/** The token classes `notes/highlight.rs` emits (`span("kw", …)`, `<span class=\"tok-str\">`). */
function tokenClasses() {
  const src = readFileSync(new URL("src/notes/highlight.rs", root), "utf8");
  const classes = new Set();
  for (const m of src.matchAll(/span\("(\w+)"|tok-(\w+)\\"/g)) classes.add(m[1] ?? m[2]);
  return [...classes].sort();
}

/** For each class, the first topic whose rendered body (the built notes bundle) has one. */
function topicsShowing(classes) {
  const dist = new URL("dist/", root);
  const file = readdirSync(dist).find((f) => /^notes-[0-9a-f]{16}\.json$/.test(f));
  const { topics } = JSON.parse(readFileSync(new URL(file, dist), "utf8"));
  return Object.fromEntries(
    classes.map((c) => [c, topics.find((t) => t.html.includes(`<span class="tok-${c}">`))?.slug]),
  );
}

// The three ways a theme is chosen: the app's setting (stored, applied as `data-theme`) against
// the opposite system preference, and the system's preference alone.
const THEMES = [
  { name: "light (setting)", stored: "light", system: "dark" },
  { name: "dark (setting)", stored: "dark", system: "light" },
  { name: "dark (system)", stored: "system", system: "dark" },
  { name: "light (system)", stored: "system", system: "light" },
];

const CLASSES = tokenClasses();
const WHERE = topicsShowing(CLASSES);

test("the highlighter's token classes each appear in some topic", () => {
  expect(CLASSES).toEqual(["bi", "com", "dec", "fn", "kw", "num", "str"]);
  for (const c of CLASSES) expect(WHERE[c], `a topic showing tok-${c}`).toBeTruthy();
});

for (const theme of THEMES) {
  test(`every syntax colour has at least 4.5:1 contrast: ${theme.name}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme.system });
    await page.addInitScript((v) => localStorage.setItem("mianshiti.theme", v), theme.stored);
    const ratios = {};
    for (const c of [...CLASSES, "plain"]) {
      const slug = WHERE[c === "plain" ? "kw" : c];
      await page.goto(`./#/t/${slug}`);
      await ready(page);
      const sel = c === "plain" ? "main#main pre.code code" : `main#main pre.code .tok-${c}`;
      await expect(page.locator(sel).first()).toBeVisible();
      ratios[c] = await page.locator(sel).first().evaluate((el) => {
        const rgb = (s) => s.match(/[\d.]+/g).map(Number);
        // The first ancestor with an opaque background is the code block.
        let bg = el;
        while (bg && rgb(getComputedStyle(bg).backgroundColor)[3] === 0) bg = bg.parentElement;
        const lum = ([r, g, b]) => {
          const lin = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const fg = rgb(getComputedStyle(el).color);
        const back = rgb(getComputedStyle(bg).backgroundColor);
        if (fg.length > 3 && fg[3] !== 1) throw new Error("translucent text colour");
        const [hi, lo] = [lum(fg), lum(back)].sort((a, b) => b - a);
        return { color: getComputedStyle(el).color, background: getComputedStyle(bg).backgroundColor, ratio: (hi + 0.05) / (lo + 0.05) };
      });
    }
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe(
      theme.stored === "system" ? null : theme.stored,
    );
    for (const [c, r] of Object.entries(ratios)) {
      expect(r.ratio, `tok-${c} ${r.color} on ${r.background}: ${r.ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
    }
  });
}
