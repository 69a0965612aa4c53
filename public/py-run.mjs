// The one harness that runs a Python block in Pyodide: shared by the browser's Python worker
// (public/py-worker.js) and by scripts/blocks.mjs, which records what every notes block prints
// under Node. Runs in both; imports nothing.
//
// A block runs with fresh globals (`__name__ == "__main__"`); its stdout and stderr are kept as
// written, in order, one segment per write; if it raises, the end of CPython's traceback
// (`traceback.format_exception_only`) and the whole traceback without the harness's own frame
// (`traceback.format_exception`) come back separately. stdout and stderr are flushed after every
// run, so a partial line never leaks into the next one.

/** Python source defining `__run_block(code)`: None, or [type name, exception only, traceback]. */
export const HARNESS = `
import linecache, sys, traceback
def __run_block(code):
    g = {"__name__": "__main__"}
    # The traceback shows the block's own lines.
    linecache.cache["<block>"] = (len(code), None, code.splitlines(True), "<block>")
    try:
        exec(compile(code, "<block>", "exec"), g)
    except BaseException as e:
        sys.stdout.flush()
        sys.stderr.flush()
        only = "".join(traceback.format_exception_only(type(e), e))
        tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
        full = "".join(traceback.format_exception(type(e), e, tb))
        return [type(e).__name__, only, full]
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return None
`;

/** Output kept per run, in UTF-16 code units (~200 KB of ASCII); the rest is dropped. */
export const OUTPUT_CAP = 200_000;

/** Prepares a fresh interpreter for `runBlock` (defines the harness). */
export function installHarness(py) {
  py.runPython(HARNESS);
}

/**
 * Runs `code` in `py` (a Pyodide instance with `installHarness` done), `stdin` feeding
 * `input()` line by line (EOFError when it runs out). Returns
 * `{ segments: [[stream, text]…] (stream 0 stdout, 1 stderr), raises, only, traceback,
 *    truncated, fatal }`; `fatal` is a failure of the interpreter itself (not a Python
 * exception), after which `py` must not be used again. Where the engine has WebAssembly
 * stack switching (JSPI: Chromium 137+), the block is called with `callPromising`, so
 * `asyncio.run` works; elsewhere (Node 20) it is called plainly, and `asyncio.run` raises.
 */
export async function runBlock(py, code, { stdin = "", cap = OUTPUT_CAP } = {}) {
  const segments = [];
  let size = 0;
  let truncated = false;
  const sink = (stream) => {
    const decoder = new TextDecoder();
    return {
      write(buf) {
        const text = decoder.decode(buf, { stream: true });
        if (size + text.length > cap) {
          if (!truncated) segments.push([stream, text.slice(0, Math.max(0, cap - size))]);
          truncated = true;
          size = cap;
        } else if (text) {
          segments.push([stream, text]);
          size += text.length;
        }
        return buf.length;
      },
    };
  };
  const lines = stdin === "" ? [] : stdin.replace(/\n$/, "").split("\n").map((l) => l + "\n");
  py.setStdin({ stdin: () => lines.shift() ?? null, autoEOF: false, isatty: false });
  py.setStdout(sink(0));
  py.setStderr(sink(1));
  let raises = null;
  let only = null;
  let traceback = null;
  let fatal = false;
  try {
    const run = py.globals.get("__run_block");
    const r = typeof WebAssembly.Suspending === "function" ? await run.callPromising(code) : run(code);
    run.destroy();
    if (r) {
      [raises, only, traceback] = r.toJs();
      r.destroy();
    }
  } catch (e) {
    // Not a Python exception (those the harness catches): the interpreter itself failed.
    fatal = true;
    raises = "FatalError";
    only = `${String(e.message || e).trim().split("\n").pop()}\n`;
  }
  return { segments, raises, only, traceback, truncated, fatal };
}
