// Every notes block, every build: the 43 Python blocks run in Pyodide under Node (the same
// interpreter and version the browser loads) and must print what tests/data/blocks-pyodide.json
// recorded; where the machine's CPython disagrees, the record says why.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { runAll } from "../../scripts/blocks.mjs";

const recorded = JSON.parse(readFileSync(new URL("../data/blocks-pyodide.json", import.meta.url), "utf8"));

// A block whose output varies between runs (an unseeded random) is compared by its exception.
const comparable = (doc) => ({
  ...doc,
  blocks: doc.blocks.map((b) => (b.varies ? { ...b, output: "(varies)", cpython: "(varies)" } : b)),
});

test("every notes block prints in Pyodide what was recorded; CPython's differences are explained", async () => {
  test.setTimeout(240_000);
  expect(recorded.blocks).toHaveLength(43);
  const now = await runAll();
  expect(comparable(now), "rerun `node scripts/blocks.mjs > tests/data/blocks-pyodide.json` and review the diff").toEqual(
    comparable(recorded),
  );
  for (const b of recorded.blocks.filter((b) => !b.cpython_agrees)) {
    expect(b.cpython_differs_because, `${b.slug}/${b.index} differs from python3 without a reason`).toBeTruthy();
  }
});
