// Writes src/cards/cards.json: the predict-the-output cards, each with the output its code
// prints in Pyodide under Node, the same CPython (3.14.2, Pyodide 314.0.7, from npm) the
// browser's 自己运行一下 loads, never typed by hand.
//
//   node scripts/gen_cards.mjs > src/cards/cards.json            (record)
//   tests/e2e/cards-gen.spec.mjs                                 (regenerate and compare)
//
// The cards themselves (ids, topics, questions, code, explanations, errata, port checks) come
// from `python3 scripts/gen_cards.py`; this script adds each card's `expected` and `raises`.
// Every card runs through the harness the browser's Python worker uses (public/py-run.mjs),
// with fresh globals, in an interpreter loaded with PYTHONHASHSEED=0 as the worker loads its
// own, so a set of strings prints in the same order here and in the learner's run.
// `expected` is stdout, then for a card that raises, the last line of the exception
// (`traceback.format_exception_only`), e.g. `NameError: name 'x' is not defined`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { version as pyodideVersion } from "pyodide";
import { runBlock } from "../public/py-run.mjs";
import { freshInterpreter } from "./blocks.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));

/** The cards without answers, as scripts/gen_cards.py describes them. */
function cardSpecs() {
  const r = spawnSync("python3", ["scripts/gen_cards.py"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python3 scripts/gen_cards.py failed:\n${r.stderr}`);
  return JSON.parse(r.stdout).cards;
}

/** What `code` prints: { expected, raises }. Stderr output or an interpreter failure is an
 *  error: a card's answer is its stdout and exception only. */
async function answer(py, id, code) {
  py.FS.chdir("/home/pyodide/blocks");
  const r = await runBlock(py, code, { cap: Infinity });
  if (r.fatal) throw new Error(`${id}: the interpreter failed: ${r.only}`);
  if (r.segments.some(([stream]) => stream === 1)) throw new Error(`${id}: writes to stderr`);
  let expected = r.segments.map(([, text]) => text).join("");
  if (r.raises) expected += `${r.only.trimEnd().split("\n").pop()}\n`;
  return { expected, raises: r.raises };
}

/** The card file: every card of gen_cards.py with its answer, in the file's key order. */
export async function generate() {
  const py = await freshInterpreter();
  const version = py.runPython("import sys; '.'.join(map(str, sys.version_info[:3]))");
  const cards = [];
  for (const spec of cardSpecs()) {
    const { id, topic, source, question, code, ...rest } = spec;
    const { expected, raises } = await answer(py, id, code);
    cards.push({ id, topic, source, question, code, expected, raises, ...rest });
  }
  return {
    generated_by: "scripts/gen_cards.mjs",
    python: `CPython ${version} · Pyodide ${pyodideVersion}`,
    hash_seed: 0,
    cards,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await generate(), null, 1)}\n`);
}
