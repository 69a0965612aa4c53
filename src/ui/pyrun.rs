//! Runs the notes' Python blocks on CPython in the browser: the page's side of the Python
//! worker (`public/py-worker.js`, Pyodide in a module Web Worker).
//!
//! Thin: the toolbar is in the notes' HTML (written at build time by `notes::markdown` through
//! `notes::pyrun::toolbar_html`, so the boot view paints it too); this module wires it by event
//! delegation on the document, starts the worker on the first 运行, posts run requests and
//! writes what `notes::pyrun` makes of the replies into an `<output>` under the block, as text
//! nodes only. One run at a time; a run over the learner's time limit (存储与设置, 5 s by
//! default) or a fatal interpreter error ends the worker, and the next run starts a fresh one.
//! The 标准输入 box and the notes beside the output are in `src/ui/pyrun_io.rs`; what the
//! runtime is doing is a signal ([`runtime_status`]) the settings page shows.

use std::cell::{Cell, RefCell};

use leptos::prelude::{document, window, ArcRwSignal, RwSignal, Set};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::pyrun_io;
use crate::notes::pyrun::{
    load_error_text, parse_message, pieces, progress_text, run_request, status_text, time_limit_s,
    timeout_text, Piece, WorkerMessage, BUSY_TEXT, COPIED_LABEL, COPY_LABEL, LOADING_TEXT,
    LOAD_LIMIT_MS, LOAD_TIMEOUT_TEXT, SUPERSEDED_TEXT,
};

/// The worker script, copied next to index.html by Trunk (listed in the precache).
const WORKER_URL: &str = "py-worker.js";

/// The worker's `onmessage` and `onerror` handlers.
type Handlers = (Closure<dyn FnMut(MessageEvent)>, Closure<dyn FnMut(Event)>);

/// What the Python runtime is doing in this page, for 存储与设置.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RuntimeStatus {
    /// No worker (never started, stopped, or removed).
    Idle,
    /// Downloading and starting: bytes received of `total` (0 when unknown).
    Loading {
        /// Bytes received.
        received: u64,
        /// Bytes expected in all.
        total: u64,
    },
    /// Loaded; `heap` is the interpreter's WebAssembly memory in bytes.
    Ready {
        /// Bytes of the interpreter's memory.
        heap: u64,
    },
    /// The runtime failed to load (the message the learner reads).
    Failed(String),
}

/// The signal [`RuntimeStatus`] lives in, for a view (a handle owned by the current owner).
pub(crate) fn runtime_status() -> RwSignal<RuntimeStatus> {
    STATUS.with(|s| RwSignal::from(s.clone()))
}

fn set_status(status: RuntimeStatus) {
    STATUS.with(|s| s.set(status));
}

/// Starts the worker, which downloads (or takes from its cache) and starts the runtime: the
/// settings page's 下载 button. Progress shows in [`runtime_status`].
pub(crate) fn preload() {
    if ensure_runtime().is_none() {
        set_status(RuntimeStatus::Failed(load_error_text(
            "浏览器无法启动 Web Worker",
        )));
    }
}

/// Ends the worker (the settings page removed the runtime's cache): the next run downloads it.
pub(crate) fn unload() {
    if let Some(p) = finish() {
        p.output.set_text_content(None);
    }
    stop_runtime();
}

/// The learner's time limit for one run (ms), from the progress store's settings.
fn run_limit_ms() -> u32 {
    let stored = super::progress_state::state()
        .map(|s| {
            leptos::prelude::WithUntracked::with_untracked(&s.store, |st| {
                st.review_settings.py_time_limit_s
            })
        })
        .unwrap_or_default();
    time_limit_s(stored) * 1000
}

/// The running worker.
struct Runtime {
    worker: Worker,
    /// Counts workers started, so a timer set for an earlier one does nothing.
    generation: u32,
    ready: bool,
}

/// The run in progress.
struct Pending {
    id: u32,
    output: Element,
    button: Option<Element>,
}

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// Reference-counted, so no page's reactive owner disposes it.
    static STATUS: ArcRwSignal<RuntimeStatus> = ArcRwSignal::new(RuntimeStatus::Idle);
    /// Persistent storage is asked for once a page, when the runtime is first ready (cached).
    static ASKED_PERSIST: Cell<bool> = const { Cell::new(false) };
    /// The worker's message and error handlers: one pair for every worker, kept for the page's
    /// lifetime (a handler is never dropped while it runs).
    static HANDLERS: Handlers = (
        Closure::new(on_message),
        Closure::new(|_: Event| fail(&load_error_text("无法启动 Python 工作线程"))),
    );
}

/// Wires every Python block's toolbar and Ctrl/⌘+Enter, once, when the tools' chunk arrives
/// (`ui::pytools`).
pub(crate) fn install() {
    let doc = document();
    let click = Closure::<dyn FnMut(Event)>::new(on_click);
    let key = Closure::<dyn FnMut(KeyboardEvent)>::new(on_key);
    let input = Closure::<dyn FnMut(Event)>::new(|e: Event| pyrun_io::on_input(&e));
    let _ = doc.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("keydown", key.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("input", input.as_ref().unchecked_ref());
    // Listening for the page's lifetime.
    click.forget();
    key.forget();
    input.forget();
}

/// Handles a click or key that arrived before [`install`] (`ui::pytools` kept it).
pub(crate) fn replay(event: &Event) {
    match event.clone().dyn_into::<KeyboardEvent>() {
        Ok(key) => on_key(key),
        Err(event) => on_click(event),
    }
}

fn target_closest(event: &Event, selector: &str) -> Option<Element> {
    let target: Element = event.target()?.dyn_into().ok()?;
    target.closest(selector).ok().flatten()
}

fn on_click(event: Event) {
    if let Some(button) = target_closest(&event, ".py-run") {
        if let Some(block) = button.closest(".py-block").ok().flatten() {
            run(&block, Some(button));
        }
    } else if let Some(button) = target_closest(&event, ".py-copy") {
        if let Some(block) = button.closest(".py-block").ok().flatten() {
            copy(&block, button);
        }
    } else if let Some(button) = target_closest(&event, ".py-stdin-toggle") {
        if let Some(block) = button.closest(".py-block").ok().flatten() {
            pyrun_io::toggle_stdin(&block, &button);
        }
    }
}

fn on_key(event: KeyboardEvent) {
    if event.key() != "Enter" || !(event.ctrl_key() || event.meta_key()) {
        return;
    }
    if let Some(block) = target_closest(&event, ".py-block") {
        // Ctrl+Enter in the 标准输入 box runs the block too.
        event.prevent_default();
        let button = block.query_selector(".py-run").ok().flatten();
        run(&block, button);
    }
}

fn code_of(block: &Element) -> String {
    if let Some(code) = super::pyedit::code_of(block) {
        return code;
    }
    block
        .query_selector("pre.code")
        .ok()
        .flatten()
        .and_then(|pre| pre.text_content())
        .unwrap_or_default()
}

fn copy(block: &Element, button: Element) {
    let promise = window().navigator().clipboard().write_text(&code_of(block));
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            button.set_text_content(Some(COPIED_LABEL));
            gloo_timers::future::TimeoutFuture::new(1_500).await;
            button.set_text_content(Some(COPY_LABEL));
        }
    });
}

/// Forgets what the block's last run showed (its output, the notes under it and the marked
/// error line), unless that run is still going: after 还原 the code it ran is gone.
pub(crate) fn clear_result(block: &Element) {
    let Ok(Some(out)) = block.query_selector(":scope > output.py-output") else {
        return;
    };
    if PENDING.with_borrow(|p| p.as_ref().is_some_and(|p| p.output == out)) {
        return;
    }
    out.remove();
    pyrun_io::clear_error_line(block);
}

/// The block's `<output>`, made on its first run.
fn output_of(block: &Element) -> Option<Element> {
    if let Ok(Some(out)) = block.query_selector(":scope > output.py-output") {
        return Some(out);
    }
    let out = document().create_element("output").ok()?;
    out.set_class_name("py-output");
    let _ = out.set_attribute("aria-live", "polite");
    let _ = block.append_child(&out);
    Some(out)
}

/// Replaces what `out` shows with one line of text in class `class`.
fn show_text(out: &Element, class: &str, text: &str) {
    out.set_text_content(None);
    append(out, "span", class, text);
}

fn append(parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
    let el = document().create_element(tag).ok()?;
    el.set_class_name(class);
    el.set_text_content(Some(text));
    parent.append_child(&el).ok()?;
    Some(el)
}

fn run(block: &Element, button: Option<Element>) {
    let Some(out) = output_of(block) else { return };
    if PENDING.with_borrow(|p| p.is_some()) {
        let loading = RUNTIME.with_borrow(|r| r.as_ref().is_some_and(|r| !r.ready));
        if !loading {
            show_text(&out, "py-note", BUSY_TEXT);
            return;
        }
        // Python is still downloading: the newest 运行 wins, with the code and 标准输入 the
        // block has now. The worker still runs the older request first, but its answer
        // carries the older id and is dropped.
        if let Some(old) = finish() {
            if old.output != out {
                show_text(&old.output, "py-note", SUPERSEDED_TEXT);
            }
        }
    }
    if ensure_runtime().is_none() {
        show_text(
            &out,
            "py-note",
            &load_error_text("浏览器无法启动 Web Worker"),
        );
        return;
    }
    let id = NEXT_ID.get();
    NEXT_ID.set(id + 1);
    let ready = RUNTIME.with_borrow(|r| r.as_ref().is_some_and(|r| r.ready));
    show_text(
        &out,
        "py-note",
        if ready {
            "正在运行…"
        } else {
            LOADING_TEXT
        },
    );
    if let Some(b) = &button {
        let _ = b.set_attribute("aria-busy", "true");
    }
    PENDING.set(Some(Pending {
        id,
        output: out,
        button,
    }));
    pyrun_io::clear_error_line(block);
    let request = run_request(id, &code_of(block), &pyrun_io::stdin_of(block));
    RUNTIME.with_borrow(|r| {
        if let Some(r) = r {
            let _ = r.worker.post_message(&request.into());
        }
    });
    if ready {
        start_run_timer(id);
    }
}

/// Starts the worker if none is running; returns its generation.
fn ensure_runtime() -> Option<u32> {
    if let Some(g) = RUNTIME.with_borrow(|r| r.as_ref().map(|r| r.generation)) {
        return Some(g);
    }
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_URL, &options).ok()?;
    HANDLERS.with(|(message, error)| {
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
    });
    let generation = GENERATION.get() + 1;
    GENERATION.set(generation);
    set_status(RuntimeStatus::Loading {
        received: 0,
        total: 0,
    });
    RUNTIME.set(Some(Runtime {
        worker,
        generation,
        ready: false,
    }));
    // A blocked wasm makes loadPyodide hang: give up after LOAD_LIMIT_MS.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(LOAD_LIMIT_MS).await;
        let stuck = RUNTIME.with_borrow(|r| {
            r.as_ref()
                .is_some_and(|r| r.generation == generation && !r.ready)
        });
        if stuck {
            fail(LOAD_TIMEOUT_TEXT);
        }
    });
    Some(generation)
}

/// Ends the worker (a fresh one starts on the next run).
fn stop_runtime() {
    if let Some(r) = RUNTIME.take() {
        r.worker.set_onmessage(None);
        r.worker.set_onerror(None);
        r.worker.terminate();
    }
    set_status(RuntimeStatus::Idle);
}

/// Ends the worker and the pending run, showing `text` where its output would be.
fn fail(text: &str) {
    stop_runtime();
    set_status(RuntimeStatus::Failed(text.to_string()));
    if let Some(p) = finish() {
        show_text(&p.output, "py-note py-error", text);
    }
}

/// Takes the pending run, if any, and marks its button idle.
fn finish() -> Option<Pending> {
    let p = PENDING.take()?;
    if let Some(b) = &p.button {
        let _ = b.remove_attribute("aria-busy");
    }
    Some(p)
}

/// Stops run `id` if it is still going after the learner's time limit.
fn start_run_timer(id: u32) {
    let limit = run_limit_ms();
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(limit).await;
        if PENDING.with_borrow(|p| p.as_ref().is_some_and(|p| p.id == id)) {
            fail(&timeout_text(limit / 1000));
            // Stopped on purpose: the runtime itself is fine (and cached).
            set_status(RuntimeStatus::Idle);
        }
    });
}

fn on_message(event: MessageEvent) {
    let Some(text) = event.data().as_string() else {
        return;
    };
    let message = match parse_message(&text) {
        Ok(m) => m,
        Err(e) => return fail(&e),
    };
    match message {
        WorkerMessage::Progress { received, total } => {
            set_status(RuntimeStatus::Loading { received, total });
            PENDING.with_borrow(|p| {
                if let Some(p) = p {
                    show_text(&p.output, "py-note", &progress_text(received, total));
                    if total > 0 {
                        if let Ok(bar) = document().create_element("progress") {
                            let _ = bar.set_attribute("max", &total.to_string());
                            let _ = bar.set_attribute("value", &received.min(total).to_string());
                            let _ = p.output.append_child(&bar);
                        }
                    }
                }
            })
        }
        WorkerMessage::Ready { heap, .. } => {
            set_status(RuntimeStatus::Ready { heap });
            // The runtime is now in its cache: ask the browser to keep it.
            if !ASKED_PERSIST.replace(true) {
                wasm_bindgen_futures::spawn_local(async {
                    let _ = crate::storage::request_persistence().await;
                });
            }
            RUNTIME.with_borrow_mut(|r| {
                if let Some(r) = r {
                    r.ready = true;
                }
            });
            let id = PENDING.with_borrow(|p| {
                p.as_ref().map(|p| {
                    show_text(&p.output, "py-note", "正在运行…");
                    p.id
                })
            });
            if let Some(id) = id {
                start_run_timer(id);
            }
        }
        // Only while loading: once Python runs, the block's own code could post one.
        WorkerMessage::Error { message } => {
            if !RUNTIME.with_borrow(|r| r.as_ref().is_some_and(|r| r.ready)) {
                fail(&load_error_text(&message));
            }
        }
        WorkerMessage::Result(result) => {
            if !PENDING.with_borrow(|p| p.as_ref().is_some_and(|p| p.id == result.id)) {
                return;
            }
            if result.fatal {
                stop_runtime();
            } else {
                set_status(RuntimeStatus::Ready { heap: result.heap });
            }
            if let Some(p) = finish() {
                show_result(&p.output, &result);
                if let Some(block) = p.output.closest(".py-block").ok().flatten() {
                    pyrun_io::show_hints(&block, &p.output, &code_of(&block), &result);
                }
            }
        }
    }
}

fn show_result(out: &Element, result: &crate::notes::pyrun::RunResult) {
    out.set_text_content(None);
    let Ok(pre) = document().create_element("pre") else {
        return;
    };
    pre.set_class_name("py-out");
    for piece in pieces(result) {
        let (class, text) = match &piece {
            Piece::Stdout(t) => ("py-stdout", t),
            Piece::Stderr(t) => ("py-stderr", t),
            Piece::Traceback(t) => ("py-stderr py-tb", t),
            Piece::ExceptionLine(t) => ("py-exc", t),
            Piece::Note(t) => ("py-note", t),
        };
        let text = if matches!(piece, Piece::Note(_)) {
            format!("\n{text}")
        } else {
            text.clone()
        };
        append(&pre, "span", class, &text);
    }
    if pre.child_element_count() > 0 {
        let _ = out.append_child(&pre);
    }
    append(out, "div", "py-status", &status_text(result));
}
