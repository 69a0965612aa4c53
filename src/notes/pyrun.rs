//! Running the notes' Python blocks on CPython in the browser (Pyodide in a Web Worker,
//! `public/py-worker.js`): the decisions the page makes, as plain functions tested natively.
//! The browser side (`src/ui/pyrun.rs`) only moves messages and DOM nodes.
//!
//! - the toolbar above every Python block, written into the notes' HTML at build time so the
//!   pre-wasm boot view paints it too, and the reason a block cannot run in a browser;
//! - the JSON messages to and from the worker (shapes in `public/py-worker.js`);
//! - the run's time limit, the output cap and the words the learner reads.

use serde::Deserialize;

use super::highlight::escape_html;

/// The 运行 button's label.
pub const RUN_LABEL: &str = "运行";
/// The 复制 button's label.
pub const COPY_LABEL: &str = "复制";
/// Shown after 复制 succeeded.
pub const COPIED_LABEL: &str = "已复制";
/// A run's default time limit, counted from when the runtime is ready (seconds); the learner
/// can change it in 存储与设置 between [`TIME_LIMIT_MIN_S`] and [`TIME_LIMIT_MAX_S`].
pub const TIME_LIMIT_DEFAULT_S: u32 = 5;
/// The shortest time limit the settings accept (seconds).
pub const TIME_LIMIT_MIN_S: u32 = 1;
/// The longest time limit the settings accept (seconds).
pub const TIME_LIMIT_MAX_S: u32 = 60;
/// The 标准输入 disclosure button's label.
pub const STDIN_LABEL: &str = "标准输入";
/// Most characters of standard input sent with a run; the rest is dropped.
pub const STDIN_CAP_CHARS: usize = 100_000;
/// How long the runtime may take to download and start before the page gives up (ms). A
/// blocked wasm makes `loadPyodide` hang rather than fail.
pub const LOAD_LIMIT_MS: u32 = 120_000;
/// Output kept per run, in characters (the worker caps at 200,000 UTF-16 code units too).
pub const OUTPUT_CAP_CHARS: usize = 200_000;

/// Shown while the runtime downloads and starts, before any progress is known.
pub const LOADING_TEXT: &str = "正在下载 Python 运行环境（约 6.4 MB）…";
/// Shown when a run exceeded its time limit of `limit_s` seconds.
pub fn timeout_text(limit_s: u32) -> String {
    format!(
        "运行超过 {limit_s} 秒，已停止。代码可能陷入了死循环；下次运行会重新启动 Python（约需几秒）。时间上限可在“学习进度 → 存储与设置”中调整。"
    )
}

/// A stored time limit made usable: 0 (never set) is the default, others are clamped to
/// [`TIME_LIMIT_MIN_S`]..=[`TIME_LIMIT_MAX_S`]. In seconds.
pub fn time_limit_s(stored: u32) -> u32 {
    if stored == 0 {
        TIME_LIMIT_DEFAULT_S
    } else {
        stored.clamp(TIME_LIMIT_MIN_S, TIME_LIMIT_MAX_S)
    }
}

/// The 标准输入 box's text as the lines `input()` reads, in order, each ending in `\n` (as
/// CPython's `sys.stdin.readline` returns them): `\r\n` and `\r` end a line too, and a final
/// line break does not start an empty line. Empty text gives no lines, so the first `input()`
/// raises `EOFError: EOF when reading a line`, as CPython does at end of file. Capped at
/// [`STDIN_CAP_CHARS`].
pub fn stdin_lines(text: &str) -> Vec<String> {
    let text: String = text.chars().take(STDIN_CAP_CHARS).collect();
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let body = text.strip_suffix('\n').unwrap_or(&text);
    if text.is_empty() {
        return Vec::new();
    }
    body.split('\n').map(|l| format!("{l}\n")).collect()
}

/// The 标准输入 button's label: with the number of lines once the box has any.
pub fn stdin_label(text: &str) -> String {
    match stdin_lines(text).len() {
        0 => STDIN_LABEL.to_string(),
        n => format!("{STDIN_LABEL}（{n} 行）"),
    }
}

/// The line of the learner's block a traceback points at: the last `File "<block>", line N`
/// frame (the innermost frame in the block's own code), 1-based.
pub fn error_line(traceback: &str) -> Option<usize> {
    traceback
        .lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix("File \"<block>\", line ")?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .next_back()
        .filter(|n| *n > 0)
}

/// The note under a traceback naming the line it points at in the block's `code`:
/// `出错位置：第 3 行　print(x)`. `None` when the line is not in `code`.
pub fn error_line_text(code: &str, line: usize) -> Option<String> {
    let source = code.lines().nth(line.checked_sub(1)?)?;
    let source: String = source.trim().chars().take(120).collect();
    Some(format!("出错位置：代码块第 {line} 行　{source}"))
}

/// The error CPython in Pyodide raises when `asyncio.run` (or `run_until_complete`) needs
/// WebAssembly stack switching (JSPI) and the browser lacks it.
const NO_JSPI: &str = "WebAssembly stack switching not supported";

/// Why a block that waits on an asyncio event loop cannot run in a browser without JSPI.
pub const NO_JSPI_TEXT: &str = "这个浏览器不支持 WebAssembly 栈切换（JSPI），浏览器里的 Python 无法在这里等待 asyncio 事件循环（asyncio.run、run_until_complete）。在 Chrome / Edge 137 及以上版本中可以运行；标准 CPython 中这段代码照常运行。";

/// Whether `code` waits on an asyncio event loop from synchronous code (`asyncio.run`,
/// `run_until_complete`), which Pyodide can do only with WebAssembly stack switching (JSPI).
pub fn needs_stack_switching(code: &str) -> bool {
    let imports_asyncio = code.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("import asyncio") || l.starts_with("from asyncio")
    });
    imports_asyncio && (code.contains("asyncio.run(") || code.contains(".run_until_complete("))
}

/// A Chinese explanation for a run whose failure comes from the browser, not from the code.
pub fn explanation(result: &RunResult) -> Option<&'static str> {
    let tb = result.traceback.as_deref().unwrap_or_default();
    (result.raises.as_deref() == Some("RuntimeError") && tb.contains(NO_JSPI))
        .then_some(NO_JSPI_TEXT)
}

/// The note saying a run used the sample files the runtime makes in its in-memory file system
/// (`samples`: the paths the worker reports, `public/py-run.mjs` `SAMPLES`).
pub fn samples_text(samples: &[String]) -> Option<String> {
    if samples.is_empty() {
        return None;
    }
    Some(format!(
        "示例数据：{} 是为演示在浏览器的内存文件系统中生成的示例文件，不是你电脑上的文件；每次运行都会重新生成。",
        samples.join("、")
    ))
}
/// Shown after a fatal interpreter error.
pub const FATAL_TEXT: &str = "Python 解释器崩溃了，已停止。下次运行会重新启动 Python（约需几秒）。";
/// Shown when the output was cut at [`OUTPUT_CAP_CHARS`].
pub const TRUNCATED_TEXT: &str = "…… 输出超过 200 KB，其余部分已省略。";
/// Shown when another block is still running.
pub const BUSY_TEXT: &str = "另一个代码块正在运行，请等它结束后再试。";
/// Shown under a block whose run, asked for while the runtime was still downloading, gave
/// way to a later 运行 (the newest click wins until Python has started).
pub const SUPERSEDED_TEXT: &str = "已改为运行之后点击的代码块。";
/// The toolbar's hint for the keyboard shortcut.
pub const RUN_HINT: &str = "在浏览器里用 CPython 运行这段代码（聚焦代码块后按 Ctrl/⌘+Enter）";

/// Why a block cannot run in a browser, from what it imports or uses, or `None` when it can.
/// Checked before the learner presses 运行 and shown on the block's toolbar.
pub fn cannot_run_reason(code: &str) -> Option<&'static str> {
    let imports = |module: &str| {
        code.lines().any(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("import ")
                .or_else(|| line.strip_prefix("from "));
            rest.is_some_and(|r| r.split([',', ' ', '.']).any(|name| name.trim() == module))
        })
    };
    let uses = |needle: &str| code.contains(needle);
    if imports("multiprocessing") {
        Some("浏览器里没有操作系统进程，multiprocessing 的代码无法在这里运行。")
    } else if imports("flask") || uses("Blueprint(") || uses("Flask(") {
        Some("这段代码需要 Flask 框架和 Web 服务器，浏览器里没有，只能阅读。")
    } else if imports("django") {
        Some("这段代码需要 Django 项目环境，浏览器里没有，只能阅读。")
    } else if imports("redis") {
        Some("这段代码需要 Redis 服务器和 redis 库，浏览器里没有，只能阅读。")
    } else if imports("pyspark") {
        Some("这段代码需要 Spark 集群（PySpark），浏览器里没有，只能阅读。")
    } else if imports("socket") && (uses(".connect(") || uses(".bind(") || uses(".listen(")) {
        Some("浏览器里的 Python 不能打开网络连接。")
    } else if imports("threading") && uses(".start()") {
        Some("浏览器里的 Python 不能启动线程。")
    } else {
        None
    }
}

/// The toolbar written above a Python block: 运行, 复制, 标准输入 and, for a block that cannot
/// run here, the reason. Inert HTML; the app wires the buttons by event delegation (`src/ui/pyrun.rs`).
pub fn toolbar_html(code: &str) -> String {
    let mut out = String::from("<div class=\"py-tools\">");
    out.push_str("<button type=\"button\" class=\"py-run small\" title=\"");
    out.push_str(RUN_HINT);
    out.push_str("\">");
    out.push_str(RUN_LABEL);
    out.push_str("</button>");
    super::pyedit::edit_buttons_html(&mut out);
    out.push_str("<button type=\"button\" class=\"py-copy small\">");
    out.push_str(COPY_LABEL);
    out.push_str("</button>");
    super::pyedit::after_edit_buttons_html(&mut out);
    // Opens the block's 标准输入 box (made by `src/ui/pyrun_io.rs` on first use).
    out.push_str(
        "<button type=\"button\" class=\"py-stdin-toggle small\" aria-expanded=\"false\" title=\"input() 从这里逐行读取\">",
    );
    out.push_str(STDIN_LABEL);
    out.push_str("</button>");
    if let Some(reason) = cannot_run_reason(code) {
        out.push_str("<span class=\"py-cannot\">");
        escape_html(reason, &mut out);
        out.push_str("</span>");
    } else if needs_stack_switching(code) {
        // Shown only in a browser without JSPI (`src/ui/pyrun.rs` marks the page).
        out.push_str("<span class=\"py-cannot py-needs-jspi\" hidden>");
        escape_html(NO_JSPI_TEXT, &mut out);
        out.push_str("</span>");
    }
    out.push_str("</div>");
    out
}

/// A run request as the worker reads it: `{"id", "code", "stdin"}`, `stdin` the 标准输入 box's
/// lines ([`stdin_lines`]).
pub fn run_request(id: u32, code: &str, stdin: &str) -> String {
    #[derive(serde::Serialize)]
    struct Request<'a> {
        id: u32,
        code: &'a str,
        stdin: Vec<String>,
    }
    let stdin = stdin_lines(stdin);
    // Serialising plain fields cannot fail.
    serde_json::to_string(&Request { id, code, stdin }).unwrap_or_default()
}

/// Which stream a piece of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// `sys.stdout`.
    Stdout,
    /// `sys.stderr`.
    Stderr,
}

/// A finished run, as the worker reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    /// The request's id.
    pub id: u32,
    /// `[stream, text]` pairs in write order; stream 0 is stdout, 1 stderr.
    pub output: Vec<(u8, String)>,
    /// The exception's type name when the block raised (`"NameError"`), else `None`.
    pub raises: Option<String>,
    /// CPython's traceback without the harness's frame, when the block raised.
    pub traceback: Option<String>,
    /// Whether the worker cut the output at its cap.
    pub truncated: bool,
    /// Whether the interpreter itself failed (the worker must be restarted).
    pub fatal: bool,
    /// Run time in milliseconds.
    pub ms: f64,
    /// Which Python ran it: `"CPython 3.14.2 · Pyodide 314.0.7"`.
    pub python: String,
    /// The sample files the run could use ([`samples_text`]).
    pub samples: Vec<String>,
    /// Bytes of the interpreter's WebAssembly memory after the run.
    pub heap: u64,
}

/// A message from the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerMessage {
    /// Bytes of the runtime received so far, of `total` (0 when unknown).
    Progress {
        /// Bytes received.
        received: u64,
        /// Bytes expected in all.
        total: u64,
    },
    /// The runtime is loaded; `ms` is how long that took.
    Ready {
        /// Which Python is running.
        python: String,
        /// Load time in milliseconds.
        ms: f64,
        /// Bytes of the interpreter's WebAssembly memory.
        heap: u64,
    },
    /// The runtime failed to load.
    Error {
        /// What went wrong (English, from Pyodide).
        message: String,
    },
    /// A run finished.
    Result(RunResult),
}

/// Every field any message has, flat: serde's internally tagged enums would buffer each
/// message through its generic `Content` tree, ~15 KB more wasm for the same result.
#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    received: u64,
    #[serde(default)]
    total: u64,
    #[serde(default)]
    python: String,
    #[serde(default)]
    ms: f64,
    #[serde(default)]
    message: String,
    id: Option<u32>,
    #[serde(default)]
    output: Vec<(u8, String)>,
    #[serde(default)]
    raises: Option<String>,
    #[serde(default)]
    traceback: Option<String>,
    #[serde(default)]
    truncated: bool,
    #[serde(default)]
    fatal: bool,
    #[serde(default)]
    samples: Vec<String>,
    #[serde(default)]
    heap: u64,
}

/// Parses one message from the worker; `Err` says in Chinese what was wrong with it.
pub fn parse_message(text: &str) -> Result<WorkerMessage, String> {
    let bad = |why: &dyn std::fmt::Display| format!("Python 运行环境发来无法识别的消息：{why}");
    let raw: Raw = serde_json::from_str(text).map_err(|e| bad(&e))?;
    Ok(match raw.kind.as_str() {
        "progress" => WorkerMessage::Progress {
            received: raw.received,
            total: raw.total,
        },
        "ready" => WorkerMessage::Ready {
            python: raw.python,
            ms: raw.ms,
            heap: raw.heap,
        },
        "error" => WorkerMessage::Error {
            message: raw.message,
        },
        "result" => WorkerMessage::Result(RunResult {
            id: raw.id.ok_or_else(|| bad(&"结果缺少 id"))?,
            output: raw.output,
            raises: raw.raises,
            traceback: raw.traceback,
            truncated: raw.truncated,
            fatal: raw.fatal,
            ms: raw.ms,
            python: raw.python,
            samples: raw.samples,
            heap: raw.heap,
        }),
        other => return Err(bad(&format!("未知类型 {other:?}"))),
    })
}

/// The progress line while the runtime downloads: `received` of `total` bytes (the files'
/// decoded sizes, as the Python worker counts them), as a whole percentage; with no total,
/// the megabytes received.
pub fn progress_text(received: u64, total: u64) -> String {
    // A share, not "x / 13.5 MB": the counted bytes are the files' decoded size, about twice
    // what the network carries (the 约 6.4 MB above), and the two would read as a contradiction.
    match (received.min(total) * 100).checked_div(total) {
        Some(percent) => format!("{LOADING_TEXT} {percent}%"),
        None => format!(
            "{LOADING_TEXT} 已下载 {:.1} MB",
            received as f64 / 1_000_000.0
        ),
    }
}

/// The message when the runtime failed to load.
pub fn load_error_text(message: &str) -> String {
    format!("Python 运行环境加载失败：{message}。请检查网络后重试。")
}

/// The message when the runtime did not start within [`LOAD_LIMIT_MS`].
pub const LOAD_TIMEOUT_TEXT: &str =
    "Python 运行环境在 2 分钟内没有启动（浏览器可能禁止了 WebAssembly）。请刷新页面后重试。";

/// One piece of what the `<output>` shows, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text the block wrote to stdout.
    Stdout(String),
    /// Text the block wrote to stderr (styled apart).
    Stderr(String),
    /// The traceback's lines before the last.
    Traceback(String),
    /// The traceback's last line (`NameError: name 'x' is not defined`), highlighted.
    ExceptionLine(String),
    /// A note from the app (output cut, interpreter restarted).
    Note(String),
}

/// What the `<output>` shows for a finished run: output capped at [`OUTPUT_CAP_CHARS`], then
/// the traceback (its last line apart), then any note.
pub fn pieces(result: &RunResult) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut left = OUTPUT_CAP_CHARS;
    let mut cut = result.truncated;
    for (stream, text) in &result.output {
        if left == 0 {
            cut = true;
            break;
        }
        let n = text.chars().count();
        let text = if n > left {
            cut = true;
            text.chars().take(left).collect()
        } else {
            text.clone()
        };
        left = left.saturating_sub(n);
        let piece = if *stream == 1 {
            Piece::Stderr(text)
        } else {
            Piece::Stdout(text)
        };
        // Consecutive writes to one stream read as one piece.
        match (out.last_mut(), piece) {
            (Some(Piece::Stdout(a)), Piece::Stdout(b))
            | (Some(Piece::Stderr(a)), Piece::Stderr(b)) => a.push_str(&b),
            (_, piece) => out.push(piece),
        }
    }
    if let Some(tb) = result.traceback.as_deref() {
        if let Some(Piece::Stdout(s) | Piece::Stderr(s)) = out.last_mut() {
            if !s.ends_with('\n') {
                s.push('\n');
            }
        }
        let tb = tb.trim_end_matches('\n');
        match tb.rsplit_once('\n') {
            Some((head, last)) => {
                out.push(Piece::Traceback(format!("{head}\n")));
                out.push(Piece::ExceptionLine(last.to_string()));
            }
            None => out.push(Piece::ExceptionLine(tb.to_string())),
        }
    }
    if cut {
        out.push(Piece::Note(TRUNCATED_TEXT.to_string()));
    }
    if result.fatal {
        out.push(Piece::Note(FATAL_TEXT.to_string()));
    }
    out
}

/// The line under the output: how the run ended, its run time and which Python ran it
/// (`完成 · 用时 1.2 毫秒 · CPython 3.14.2 · Pyodide 314.0.7`).
pub fn status_text(result: &RunResult) -> String {
    let verdict = match (&result.raises, result.output.is_empty()) {
        // Not a Python exception: the interpreter itself stopped (`os._exit`, a crash).
        _ if result.fatal => "解释器已退出".to_string(),
        (Some(name), _) => format!("引发 {name}"),
        (None, true) => "没有输出".to_string(),
        (None, false) => "完成".to_string(),
    };
    format!(
        "{verdict} · 用时 {} · {}",
        ms_text(result.ms),
        result.python
    )
}

/// A duration for the status line: `0.8 毫秒`, `12 毫秒`, `1.25 秒`.
pub fn ms_text(ms: f64) -> String {
    if ms < 10.0 {
        format!("{ms:.1} 毫秒")
    } else if ms < 1000.0 {
        format!("{ms:.0} 毫秒")
    } else {
        format!("{:.2} 秒", ms / 1000.0)
    }
}

/// The settings page's 下载 button.
pub const DOWNLOAD_LABEL: &str = "下载 Python 运行环境（约 6.4 MB）";
/// The settings' button that removes the runtime's and the editor's caches.
pub const REMOVE_LABEL: &str = "删除（含代码编辑器）";
/// Shown after the runtime's and the editor's caches were removed.
pub const REMOVED_TEXT: &str =
    "已删除 Python 运行环境和代码编辑器。下次运行或编辑 Python 代码时会重新下载（约 6.4 MB）。";

/// What the settings page says about the code editor's (CodeMirror) cache of `bytes` bytes.
pub fn editor_cache_text(bytes: u64) -> String {
    format!(
        "代码编辑器（CodeMirror）另占 {}，“删除”时一并删除。",
        crate::progress::format_bytes(bytes)
    )
}

/// What the settings page says about the runtime's cache: `bytes` in `files` files (as Cache
/// Storage holds them, uncompressed), or not downloaded.
pub fn cache_text(bytes: u64, files: usize) -> String {
    if files == 0 {
        "还没有下载。第一次运行 Python 代码（或点下面的按钮）时下载，之后离线也能运行。".to_string()
    } else {
        format!(
            "已下载并缓存在这个浏览器里：{files} 个文件，占用 {}。离线时也能运行；网站更新不会重新下载它。",
            crate::progress::format_bytes(bytes)
        )
    }
}

/// `navigator.storage.estimate()` as a line: what the whole site uses, of what it may use.
pub fn usage_text(usage: f64, quota: f64) -> String {
    let b = |x: f64| crate::progress::format_bytes(x.max(0.0) as u64);
    format!(
        "本站在这个浏览器里共占用约 {}（浏览器允许的上限约 {}）。",
        b(usage),
        b(quota)
    )
}

/// The running interpreter's memory (its WebAssembly heap) as a line.
pub fn memory_text(heap: u64) -> String {
    format!(
        "Python 正在运行，解释器占用内存约 {}。",
        crate::progress::format_bytes(heap)
    )
}

/// Whether the runtime's cache survives storage pressure (`navigator.storage.persisted()`).
pub fn persisted_text(persisted: Option<bool>) -> &'static str {
    match persisted {
        Some(true) => "存储已持久化：浏览器不会在磁盘空间紧张时自动删除 Python 运行环境。",
        Some(false) => {
            "存储未持久化：磁盘空间紧张时浏览器可能删除 Python 运行环境，删除后下次运行会重新下载。"
        }
        None => "这个浏览器不支持持久存储，磁盘空间紧张时 Python 运行环境可能被删除。",
    }
}
