// Every card's answer, every build: the cards' code runs again in Pyodide under Node (the
// interpreter and version the browser loads, with the browser worker's PYTHONHASHSEED=0) and
// src/cards/cards.json must be exactly what scripts/gen_cards.mjs writes now.
import { test, expect, ready } from "./helpers.mjs";
import { readFileSync } from "node:fs";
import { generate } from "../../scripts/gen_cards.mjs";
import { freshInterpreter } from "../../scripts/blocks.mjs";

const onDisk = readFileSync(new URL("../../src/cards/cards.json", import.meta.url), "utf8");

test("cards.json is what running every card in Pyodide prints now", async () => {
  test.setTimeout(120_000);
  const now = `${JSON.stringify(await generate(), null, 1)}\n`;
  const fix = "rerun `node scripts/gen_cards.mjs > src/cards/cards.json` and review the diff";
  // Card by card first, so a failure names the card.
  const want = JSON.parse(onDisk).cards;
  const got = JSON.parse(now).cards;
  expect(got.map((c) => c.id), fix).toEqual(want.map((c) => c.id));
  for (const [i, c] of got.entries()) expect(c, `${c.id}: ${fix}`).toEqual(want[i]);
  expect(now, fix).toBe(onDisk);
  expect(JSON.parse(now).python).toMatch(/^CPython 3\.14\.\d+ · Pyodide 314\./);
});

// A set of strings: its order depends on the string-hash seed.
const SET_CODE = "import sys\nprint(sys.flags.hash_randomization, {'apple', 'banana', 'cherry', 'date', 'elder', 'fig', 'grape', 'kiwi'})";

/** What SET_CODE prints in a fresh Pyodide under Node, loaded as generation loads it. */
async function printedUnderNode() {
  const py = await freshInterpreter();
  let out = "";
  py.setStdout({ batched: (s) => (out += `${s}\n`) });
  py.runPython(SET_CODE);
  return out;
}

test.describe("the hash seed", () => {
  test.use({ serviceWorkers: "block" });

  test("takes effect: a set of strings prints the same in two interpreters and in the browser", async ({ page }) => {
    test.setTimeout(150_000);
    const first = await printedUnderNode();
    // hash_randomization 0: PYTHONHASHSEED=0 reached the interpreter (unset, it reads 1 and the
    // order changes from one load to the next).
    expect(first).toMatch(/^0 \{'/);
    expect(await printedUnderNode()).toBe(first);
    // The browser's worker (which runs 自己运行一下) loads Pyodide with the same seed.
    await page.goto(`./#/py?code=${encodeURIComponent(SET_CODE)}`);
    await ready(page);
    const pad = page.locator(".scratchpad .py-block");
    await pad.locator(".py-run").click();
    await expect(pad.locator(".py-status")).toBeVisible({ timeout: 90_000 });
    await expect(pad.locator(".py-out")).toHaveText(first);
  });
});
