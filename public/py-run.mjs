// The one harness that runs a Python block in Pyodide: shared by the browser's Python worker
// (public/py-worker.js) and by scripts/blocks.mjs, which records what every notes block prints
// under Node. Runs in both; imports nothing.
//
// A block runs with fresh globals (`__name__ == "__main__"`); its stdout and stderr are kept as
// written, in order, one segment per write; if it raises, the end of CPython's traceback
// (`traceback.format_exception_only`) and the whole traceback without the harness's own frame
// (`traceback.format_exception`) come back separately. stdout and stderr are flushed after every
// run, so a partial line never leaks into the next one.
//
// Before every run the working folder is emptied and the sample files (`SAMPLES`) are written
// into it afresh, so a block that opens `path/to/your/file.txt` or walks a folder finds
// something; the page says which sample files a run could use (`samples` in the result).

/** Python source defining `__run_block(code)`: None, or [type name, exception only, traceback]. */
export const HARNESS = `
import linecache, sys, traceback
def __reset_workdir(files):
    # Empties the working folder and writes the sample files (path -> text) into it.
    import os, shutil
    for name in os.listdir("."):
        if os.path.isdir(name) and not os.path.islink(name):
            shutil.rmtree(name)
        else:
            os.remove(name)
    for path, text in files.items():
        if os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
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

const ZEN = `Beautiful is better than ugly.
Explicit is better than implicit.
Simple is better than complex.
Complex is better than complicated.
Flat is better than nested.
Sparse is better than dense.
Readability counts.
Special cases aren't special enough to break the rules.
Although practicality beats purity.
Errors should never pass silently.
Unless explicitly silenced.
In the face of ambiguity, refuse the temptation to guess.
There should be one-- and preferably only one --obvious way to do it.
Although that way may not be obvious at first unless you're Dutch.
Now is better than never.
Although never is often better than *right* now.
If the implementation is hard to explain, it's a bad idea.
If the implementation is easy to explain, it may be a good idea.
Namespaces are one honking great idea -- let's do more of those!
`;

/** The sample files written into the working folder before every run: path → text. The
 *  notes' file-reading blocks open `path/to/your/file.txt` (the Zen of Python, `import this`)
 *  and `example.txt`; the folder walk lists `project/`. */
export const SAMPLES = {
  "path/to/your/file.txt": ZEN,
  "example.txt": "Hello from example.txt\n",
  "project/README.md": "# 示例项目\n",
  "project/main.py": "print('hello')\n",
  "project/data/words.txt": ZEN,
  "project/src/app.py": "def main():\n    pass\n",
  "project/src/utils/helpers.py": "def helper():\n    return 42\n",
};

/** Blocks that define a folder walk but never call it: the call the run appends, on the
 *  sample folder (`project/`). */
const SAMPLE_CALLS = [{ name: "print_directory_contents", call: 'print_directory_contents("project")' }];

/**
 * The code a run executes for `code`, and the sample files it may use (reported to the page):
 * the file paths `code` names, and `project/` when a sample call is appended.
 */
export function withSamples(code) {
  let run = code;
  const used = Object.keys(SAMPLES).filter((p) => !p.startsWith("project/") && code.includes(p));
  for (const { name, call } of SAMPLE_CALLS) {
    const defines = new RegExp(`^def ${name}\\(`, "m").test(code);
    const calls = new RegExp(`^${name}\\(`, "m").test(code);
    if (defines && !calls) {
      run = `${code.replace(/\n*$/, "\n")}${call}\n`;
      used.push(`project/（代码只定义了函数，这里补上调用 ${call}）`);
    }
  }
  return { run, used };
}

/** Output kept per run, in UTF-16 code units (~200 KB of ASCII); the rest is dropped. */
export const OUTPUT_CAP = 200_000;

/** Prepares a fresh interpreter for `runBlock` (defines the harness). */
export function installHarness(py) {
  py.runPython(HARNESS);
}

/**
 * Runs `code` in `py` (a Pyodide instance with `installHarness` done) in its working folder,
 * made afresh with the sample files (`withSamples`), `stdin` (an array of lines, each ending
 * in "\n") feeding `input()` one line each (EOFError when it runs out). Returns
 * `{ segments: [[stream, text]…] (stream 0 stdout, 1 stderr), raises, only, traceback,
 *    truncated, fatal, samples }`; `fatal` is a failure of the interpreter itself (not a Python
 * exception), after which `py` must not be used again. Where the engine has WebAssembly
 * stack switching (JSPI: Chromium 137+), the block is called with `callPromising`, so
 * `asyncio.run` works; elsewhere (Node 20) it is called plainly, and `asyncio.run` raises.
 */
export async function runBlock(py, code, { stdin = [], cap = OUTPUT_CAP } = {}) {
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
  // The 标准输入 box's lines (notes::pyrun::stdin_lines), one per `input()`; then end of file.
  const lines = Array.isArray(stdin) ? [...stdin] : [];
  py.setStdin({ stdin: () => lines.shift() ?? null, autoEOF: false, isatty: false });
  py.setStdout(sink(0));
  py.setStderr(sink(1));
  let raises = null;
  let only = null;
  let traceback = null;
  let fatal = false;
  const { run: source, used } = withSamples(code);
  try {
    const reset = py.globals.get("__reset_workdir");
    const files = py.toPy(SAMPLES);
    reset(files);
    files.destroy();
    reset.destroy();
    const run = py.globals.get("__run_block");
    const r = typeof WebAssembly.Suspending === "function" ? await run.callPromising(source) : run(source);
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
  return { segments, raises, only, traceback, truncated, fatal, samples: used };
}
