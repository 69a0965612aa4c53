// Runs every Python block of the notes in Pyodide under Node: the same CPython (3.14.2,
// Pyodide 314.0.7, from npm) the browser will load, so what is recorded here is what a learner
// will see. Also runs each block in the machine's python3 and records whether it agrees.
//
//   node scripts/blocks.mjs > tests/data/blocks-pyodide.json   (record)
//   tests/e2e/blocks.spec.mjs                                   (rerun and compare, every build)
//
// Each block runs through the harness the browser's Python worker uses (public/py-run.mjs),
// with fresh globals (`__name__ == "__main__"`), PYTHONHASHSEED=0, in a working folder of
// Pyodide's in-memory file system holding only the harness's sample files (`SAMPLES`); a
// block that defines the folder walk without calling it gets the harness's call appended. Output is stdout and stderr as written,
// in order (stderr lines marked), then for a block that raises, the end of its traceback
// (`traceback.format_exception_only`); object addresses read `0x…`.
// A fatal interpreter error (a `multiprocessing` block can cause one) is recorded and the next
// block gets a fresh interpreter.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadPyodide, version as pyodideVersion } from "pyodide";
import { HARNESS, SAMPLES, installHarness, runBlock as runInHarness, withSamples } from "../public/py-run.mjs";

const root = new URL("../", import.meta.url);

/** Every ```python block of content/*.md, in file order: { slug, index, code }. */
export function notesBlocks() {
  const dir = new URL("content/", root);
  const out = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    const text = readFileSync(new URL(name, dir), "utf8");
    const slug = text.match(/^slug: (.*)$/m)[1];
    let index = 0;
    for (const m of text.matchAll(/```(\w*)[ \t]*\n([\s\S]*?)```/g)) {
      if (!["python", "py", ""].includes(m[1])) continue;
      out.push({ slug, index: index++, code: m[2] });
    }
  }
  return out;
}

// Object addresses (`<function f at 0x7f...>`) differ between runs: recorded as `0x…`.
const addresses = (s) => s.replace(/ at 0x[0-9a-f]+>/g, " at 0x…>");

/** Why the machine's python3 (CPython 3.11) prints something else for a block. */
export const CPYTHON_DIFFERS_BECAUSE = {
  "shuffle-list/0": "random.shuffle without a seed: every run prints another order",
  "ipc-pipe-queue-shm/0": "multiprocessing needs operating-system processes, which a browser does not have",
  "ipc-pipe-queue-shm/1": "multiprocessing needs operating-system processes, which a browser does not have",
  "ipc-pipe-queue-shm/2": "multiprocessing needs operating-system processes, which a browser does not have",
  "flask-vs-django-routing/0": "Flask is not part of Pyodide (this machine's python3 has it installed)",
  "dir-walk/0": "os.listdir gives the file system's order: Emscripten's in-memory file system keeps the order files were made in, Linux's does not",
  "dict-vs-dir/0": "CPython 3.13 added __firstlineno__ and __static_attributes__ to a class's __dict__",
  "generator-coroutine-future/0": "run_until_complete needs WebAssembly stack switching (JSPI), which Node 20 lacks; Chromium has it and raises CPython 3.14's TypeError ('str' object can't be awaited), which 3.11 words otherwise",
};

/** What the machine's python3 prints for `code` through the same harness, with the same
 *  sample files in an empty temporary folder, or null. */
function cpythonRun(code) {
  const cwd = mkdtempSync(join(tmpdir(), "blocks-"));
  const script = `${HARNESS}\nimport json, sys\n__reset_workdir(json.loads(sys.argv[2]))\nr = __run_block(sys.argv[1])\nif r: sys.stdout.write(r[1])\nsys.exit(0 if r is None else 1)`;
  const r = spawnSync("python3", ["-I", "-c", script, withSamples(code).run, JSON.stringify(SAMPLES)], {
    encoding: "utf8",
    timeout: 10_000,
    cwd,
    env: { PATH: process.env.PATH, PYTHONHASHSEED: "0", LC_ALL: "C.UTF-8", PYTHONIOENCODING: "utf-8" },
  });
  rmSync(cwd, { recursive: true, force: true });
  if (r.error) return null;
  const err = r.stderr.replace(/^(?=.)/gm, "[stderr] ");
  return addresses(r.stdout + err);
}

/** A fresh Pyodide with PYTHONHASHSEED=0 (as the browser's worker loads it) and the harness. */
export async function freshInterpreter() {
  // indexURL explicitly: a test runner's module loader can hide where pyodide.mjs lives.
  const indexURL = fileURLToPath(new URL("node_modules/pyodide/", root));
  const py = await loadPyodide({ indexURL, env: { PYTHONHASHSEED: "0", HOME: "/home/pyodide" } });
  py.FS.mkdirTree("/home/pyodide/blocks");
  installHarness(py);
  return py;
}

/** Runs one block through the shared harness (public/py-run.mjs); returns { output, raises,
 *  fatal }: stdout and stderr as written (stderr lines marked), then the exception's end. */
async function runBlock(py, code) {
  py.FS.chdir("/home/pyodide/blocks");
  const r = await runInHarness(py, code, { cap: Infinity });
  let output = r.segments.map(([stream, text]) => (stream === 1 ? text.replace(/^(?=.)/gm, "[stderr] ") : text)).join("");
  if (r.fatal) output += `[fatal] ${r.only}`;
  else if (r.only) output += r.only;
  return { output: addresses(output), raises: r.raises, fatal: r.fatal };
}

/** Runs every block; the record written to tests/data/blocks-pyodide.json. */
export async function runAll({ withCpython = true } = {}) {
  let py = await freshInterpreter();
  const python = `CPython ${py.runPython("import sys; '.'.join(map(str, sys.version_info[:3]))")} · Pyodide ${pyodideVersion}`;
  const blocks = [];
  for (const b of notesBlocks()) {
    const { output, raises, fatal } = await runBlock(py, b.code);
    const rec = { slug: b.slug, index: b.index, output, raises };
    // A block whose output changes between two runs (an unseeded random) is compared by its
    // exception only.
    if (!fatal) {
      const again = await runBlock(py, b.code);
      if (again.output !== output) rec.varies = true;
    }
    if (withCpython) {
      const c = cpythonRun(b.code);
      rec.cpython_agrees = c === output;
      if (c !== null && c !== output) {
        rec.cpython = c;
        rec.cpython_differs_because = CPYTHON_DIFFERS_BECAUSE[`${b.slug}/${b.index}`] ?? null;
      }
    }
    blocks.push(rec);
    if (fatal) py = await freshInterpreter();
  }
  return { generated_by: "scripts/blocks.mjs", python, hash_seed: 0, blocks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await runAll();
  process.stdout.write(`${JSON.stringify(doc, null, 1)}\n`);
}
