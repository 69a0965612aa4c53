// The Python worker: CPython (Pyodide) in a module Web Worker, started by the page on the first
// 运行 (src/ui/pyrun.rs). Loads Pyodide once from our own origin (the build copies its files to
// pyodide/<version>/; scripts/postbuild.mjs writes the version and their total size below) and
// answers run requests. Every message, both ways, is a JSON string:
//
//   page → worker  {"id": 1, "code": "print(1)", "stdin": ["line\n", …]}   (input()'s lines)
//   worker → page  {"type": "progress", "received": bytes, "total": bytes}   while downloading
//                  {"type": "ready", "python": "CPython 3.14.2 · Pyodide 314.0.7", "ms": load time,
//                   "heap": bytes of the interpreter's WebAssembly memory}
//                  {"type": "error", "message": "..."}                        the runtime failed to load
//                  {"type": "result", "id": 1, "output": [[stream, text]…] (0 stdout, 1 stderr),
//                   "raises": null | "NameError", "traceback": null | "...", "truncated": bool,
//                   "fatal": bool, "ms": run time, "python": "...",
//                   "samples": [sample files the block could use], "heap": bytes}
//
// After a fatal interpreter error the page terminates this worker and starts a fresh one, as it
// does when a run exceeds its time limit (a worker cannot be interrupted from outside).
import { loadPyodide, version } from "./pyodide/__PYODIDE_VERSION__/pyodide.mjs";
import { installHarness, runBlock } from "./py-run.mjs";

const TOTAL_BYTES = 0; // the five runtime files, raw (written by scripts/postbuild.mjs)
const send = (msg) => self.postMessage(JSON.stringify(msg));

// Bytes received of the runtime's files, counted as their bodies stream in.
let received = 0;
let lastReport = -Infinity; // the first chunk is reported at once
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  if (!res.body) return res;
  const counted = res.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        send({ type: "progress", received, total: TOTAL_BYTES });
      }
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
};

let python = `Pyodide ${version}`;
// The interpreter's WebAssembly memory (Emscripten's heap), the bulk of the worker's memory.
const heapBytes = (py) => {
  try {
    return py._module.HEAPU8.length;
  } catch {
    return 0;
  }
};
const started = performance.now();
const runtime = (async () => {
  const py = await loadPyodide({
    indexURL: new URL(`./pyodide/${version}/`, import.meta.url).href,
    env: { PYTHONHASHSEED: "0", HOME: "/home/pyodide" },
  });
  py.FS.mkdirTree("/home/pyodide");
  py.FS.chdir("/home/pyodide");
  installHarness(py);
  python = `CPython ${py.runPython("import sys; '.'.join(map(str, sys.version_info[:3]))")} · Pyodide ${version}`;
  send({ type: "ready", python, ms: Math.round(performance.now() - started), heap: heapBytes(py) });
  return py;
})().catch((e) => {
  send({ type: "error", message: String((e && e.message) || e) });
  return null;
});

// One run at a time, in the order asked (a run may await: asyncio with stack switching).
let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue.then(() => handle(event));
};

async function handle(event) {
  let req;
  try {
    req = JSON.parse(event.data);
  } catch {
    return;
  }
  const py = await runtime;
  if (!py) return;
  const t0 = performance.now();
  const stdin = Array.isArray(req.stdin) ? req.stdin.map(String) : [];
  const r = await runBlock(py, String(req.code ?? ""), { stdin });
  send({
    type: "result",
    id: req.id,
    output: r.segments,
    raises: r.raises,
    traceback: r.fatal ? r.only : r.traceback,
    truncated: r.truncated,
    fatal: r.fatal,
    ms: Math.round((performance.now() - t0) * 10) / 10,
    python,
    samples: r.samples,
    heap: r.fatal ? 0 : heapBytes(py),
  });
}
