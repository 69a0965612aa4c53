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
/// A run's time limit, counted from when the runtime is ready (ms).
pub const RUN_LIMIT_MS: u32 = 5_000;
/// How long the runtime may take to download and start before the page gives up (ms). A
/// blocked wasm makes `loadPyodide` hang rather than fail.
pub const LOAD_LIMIT_MS: u32 = 120_000;
/// Output kept per run, in characters (the worker caps at 200,000 UTF-16 code units too).
pub const OUTPUT_CAP_CHARS: usize = 200_000;

/// Shown while the runtime downloads and starts, before any progress is known.
pub const LOADING_TEXT: &str = "正在下载 Python 运行环境（约 6.4 MB）…";
/// Shown when a run exceeded [`RUN_LIMIT_MS`].
pub const TIMEOUT_TEXT: &str =
    "运行超过 5 秒，已停止。代码可能陷入了死循环；下次运行会重新启动 Python（约需几秒）。";
/// Shown after a fatal interpreter error.
pub const FATAL_TEXT: &str = "Python 解释器崩溃了，已停止。下次运行会重新启动 Python（约需几秒）。";
/// Shown when the output was cut at [`OUTPUT_CAP_CHARS`].
pub const TRUNCATED_TEXT: &str = "…… 输出超过 200 KB，其余部分已省略。";
/// Shown when another block is still running.
pub const BUSY_TEXT: &str = "另一个代码块正在运行，请等它结束后再试。";
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

/// The toolbar written above a Python block: 运行, 复制 and, for a block that cannot run here,
/// the reason. Inert HTML; the app wires the buttons by event delegation (`src/ui/pyrun.rs`).
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
    if let Some(reason) = cannot_run_reason(code) {
        out.push_str("<span class=\"py-cannot\">");
        escape_html(reason, &mut out);
        out.push_str("</span>");
    }
    out.push_str("</div>");
    out
}

/// A run request as the worker reads it: `{"id", "code", "stdin"}`.
pub fn run_request(id: u32, code: &str, stdin: &str) -> String {
    #[derive(serde::Serialize)]
    struct Request<'a> {
        id: u32,
        code: &'a str,
        stdin: &'a str,
    }
    // Serialising three plain fields cannot fail.
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
        }),
        other => return Err(bad(&format!("未知类型 {other:?}"))),
    })
}

/// The progress line while the runtime downloads.
pub fn progress_text(received: u64, total: u64) -> String {
    let mb = |b: u64| b as f64 / 1_000_000.0;
    if total == 0 {
        format!("{LOADING_TEXT} 已下载 {:.1} MB", mb(received))
    } else {
        let shown = received.min(total);
        format!("{LOADING_TEXT} {:.1} / {:.1} MB", mb(shown), mb(total))
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
