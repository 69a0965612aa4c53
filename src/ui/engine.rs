//! The page's side of the exercise engine worker (`src/bin/engine_worker.rs`; the messages are
//! `exercises::protocol`'s). One worker per page:
//!
//! - it starts when the first exercise panel comes near the viewport, or when the page is idle
//!   after that panel was built ([`start_near`]), never during start-up; requests made before
//!   wait until the worker says it is ready;
//! - the worker answers in order; the request it is working on (the oldest unanswered) has a
//!   time limit ([`LIMIT_MS`]; generating, and runs on generated inputs, are bounded by
//!   construction and get [`GENERATE_LIMIT_MS`]). Past it the worker is terminated, that request fails with
//!   [`TOO_LARGE`], and a fresh worker starts; a worker that crashes (a trap, an uncaught error)
//!   is replaced the same way, its request failing with [`CRASHED`]. The other waiting
//!   requests are sent to the new worker (file chunks, whose buffers were transferred, fail);
//! - the worker's files live in `engine-<hash>/` (scripts/postbuild.mjs), named by the page's
//!   `<meta name="mianshiti-engine">`.
//!
//! Panels keep one request in flight and drop answers to older inputs (`ui::exercise`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::exercises::protocol::{Reply, Request, RunReply};

/// Longest a run may take before the worker is stopped, in milliseconds.
pub(crate) const LIMIT_MS: u32 = 2_000;
/// Longest a `generate` request (at most 10⁶ items, then a run on them), or a run that uses
/// generated inputs, may take.
pub(crate) const GENERATE_LIMIT_MS: u32 = 60_000;
/// The failure of a run stopped at its time limit.
pub(crate) const TOO_LARGE: &str =
    "输入太大：运行超过 2 秒，已停止。练习引擎已重新启动，请减小输入后再试。";
/// The failure of a run whose worker crashed.
pub(crate) const CRASHED: &str = "练习引擎出错，已重新启动，请再试一次。";
/// The failure of every request when the worker cannot start at all.
const START_FAILED: &str = "练习引擎无法启动（可能是离线且尚未缓存），请刷新页面后再试。";
/// Worker starts that may fail in a row (no `ready`) before the page gives up.
const MAX_START_FAILURES: u32 = 3;
/// Where the worker's loader is when the page names none (a build without postbuild.mjs).
const DEFAULT_URL: &str = "engine_worker_loader.js";

/// What a request's callback receives: the worker's answer, or why none came (Chinese).
pub(crate) type Outcome = Result<RunReply, String>;
type Callback = Box<dyn FnOnce(Outcome)>;

struct Pending {
    id: u32,
    /// The JSON string, or `[json, ArrayBuffer]` for a file chunk.
    message: JsValue,
    /// The chunk's buffer, transferred (so the request cannot be sent again).
    transfer: Option<js_sys::ArrayBuffer>,
    limit_ms: u32,
    callback: Callback,
}

type Handlers = (
    Closure<dyn FnMut(web_sys::MessageEvent)>,
    Closure<dyn FnMut(web_sys::ErrorEvent)>,
);

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    /// The current worker's event handlers (kept alive while it lives).
    handlers: Option<Handlers>,
    wanted: bool,
    ready: bool,
    next_id: u32,
    /// Not posted yet: the worker is not ready.
    queued: Vec<Pending>,
    /// Posted, unanswered, oldest first; the first is the one the worker is running.
    sent: Vec<Pending>,
    /// The time limit of `sent[0]`: its id and timer.
    watchdog: Option<(u32, gloo_timers::callback::Timeout)>,
    start_failures: u32,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// A fresh request id (ids start at 1; 0 means "none" in the protocol).
pub(crate) fn next_id() -> u32 {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next_id += 1;
        c.next_id
    })
}

/// Sends `request` (its id from [`next_id`]); `callback` gets the answer once.
pub(crate) fn send(request: &Request, callback: impl FnOnce(Outcome) + 'static) {
    // Generated inputs are bounded by construction (10⁶ items); the limit is for typed ones.
    let limit_ms = match request {
        Request::Generate { .. } => GENERATE_LIMIT_MS,
        Request::Run { generated, .. } if *generated != 0 => GENERATE_LIMIT_MS,
        _ => LIMIT_MS,
    };
    enqueue(Pending {
        id: request.id(),
        message: JsValue::from_str(&request.to_json()),
        transfer: None,
        limit_ms,
        callback: Box::new(callback),
    });
}

/// Sends one chunk of file `file`, transferring `buffer` (it is detached on this side).
pub(crate) fn send_chunk(
    id: u32,
    file: u32,
    buffer: js_sys::ArrayBuffer,
    callback: impl FnOnce(Outcome) + 'static,
) {
    let json = JsValue::from_str(&Request::FileChunk { id, file }.to_json());
    enqueue(Pending {
        id,
        message: js_sys::Array::of2(&json, &buffer).into(),
        transfer: Some(buffer),
        limit_ms: LIMIT_MS,
        callback: Box::new(callback),
    });
}

fn enqueue(p: Pending) {
    let refused = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.start_failures >= MAX_START_FAILURES {
            return Some(p);
        }
        if c.ready {
            post(&mut c, p);
        } else {
            c.queued.push(p);
        }
        None
    });
    if let Some(p) = refused {
        // Answered in a later task, as a worker would: callers may hold borrows now.
        wasm_bindgen_futures::spawn_local(async move {
            (p.callback)(Err(START_FAILED.to_string()));
        });
    }
}

/// Starts the worker when `el` (an exercise panel) comes within 400 px of the viewport, or
/// when the browser is next idle, whichever is first.
pub(crate) fn start_near(el: &web_sys::Element) {
    if CLIENT.with(|c| c.borrow().wanted) {
        return;
    }
    let on_seen = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
        |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let seen = entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if seen {
                observer.disconnect();
                start();
            }
        },
    );
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("400px");
    if let Ok(observer) =
        web_sys::IntersectionObserver::new_with_options(on_seen.as_ref().unchecked_ref(), &init)
    {
        observer.observe(el);
    }
    // One observer per panel, called at most a few times: kept for the page's life.
    on_seen.forget();
    super::idle(start);
}

/// Starts the worker (once; later calls do nothing).
pub(crate) fn start() {
    let failed = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.wanted {
            return Vec::new();
        }
        c.wanted = true;
        spawn(&mut c)
    });
    fail_all(failed, START_FAILED);
}

/// The loader's URL, from `<meta name="mianshiti-engine">`.
fn engine_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=mianshiti-engine]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_string())
}

/// Starts a worker; returns the requests to fail when it cannot be created.
#[must_use]
fn spawn(c: &mut Client) -> Vec<Pending> {
    let Ok(worker) = web_sys::Worker::new(&engine_url()) else {
        c.start_failures = MAX_START_FAILURES;
        return std::mem::take(&mut c.queued);
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|ev: web_sys::ErrorEvent| {
        // Handled here: the page replaces the worker, nothing for the console.
        ev.prevent_default();
        replace_worker(CRASHED);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    c.worker = Some(worker);
    c.handlers = Some((on_message, on_error));
    c.ready = false;
    Vec::new()
}

fn post(c: &mut Client, p: Pending) {
    let Some(worker) = c.worker.as_ref() else {
        c.queued.push(p);
        return;
    };
    let posted = match &p.transfer {
        Some(buffer) => worker.post_message_with_transfer(&p.message, &js_sys::Array::of1(buffer)),
        None => worker.post_message(&p.message),
    };
    if posted.is_err() {
        // Not serialisable or a detached buffer: answer at once rather than wait forever.
        let callback = p.callback;
        let id = p.id;
        wasm_bindgen_futures::spawn_local(async move {
            callback(Err(format!("无法把请求 {id} 发给练习引擎")));
        });
        return;
    }
    c.sent.push(p);
    if c.sent.len() == 1 {
        arm_watchdog(c);
    }
}

/// Times the request the worker is now running (`sent[0]`), if any.
fn arm_watchdog(c: &mut Client) {
    c.watchdog = c.sent.first().map(|p| {
        let id = p.id;
        let timer = gloo_timers::callback::Timeout::new(p.limit_ms, move || {
            let running = CLIENT.with(|c| c.borrow().sent.first().map(|p| p.id));
            if running == Some(id) {
                replace_worker(TOO_LARGE);
            }
        });
        (id, timer)
    });
}

fn on_message(ev: web_sys::MessageEvent) {
    let Some(text) = ev.data().as_string() else {
        return;
    };
    match Reply::parse(&text) {
        Ok(Reply::Ready { .. }) => CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            c.ready = true;
            c.start_failures = 0;
            for p in std::mem::take(&mut c.queued) {
                post(&mut c, p);
            }
        }),
        Ok(Reply::Result(reply)) => {
            let done = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                let at = c.sent.iter().position(|p| p.id == reply.id)?;
                let done = c.sent.remove(at);
                if at == 0 {
                    arm_watchdog(&mut c);
                }
                Some(done)
            });
            if let Some(done) = done {
                (done.callback)(Ok(reply));
            }
        }
        // A message the page cannot read: the request it answered runs into its time limit.
        Err(e) => web_sys::console::warn_1(&e.into()),
    }
}

/// Terminates the worker and starts another: the running request fails with `reason`, the
/// others are sent again (file chunks fail: their buffers are gone).
fn replace_worker(reason: &'static str) {
    let (running, lost, failed) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(worker) = c.worker.take() {
            worker.terminate();
        }
        // This may run inside one of these handlers: dropping a closure while it runs is not
        // allowed, so they are leaked (a few bytes per replaced worker).
        std::mem::forget(c.handlers.take());
        c.watchdog = None;
        if !c.ready {
            c.start_failures += 1;
        }
        c.ready = false;
        let mut sent = std::mem::take(&mut c.sent);
        let running = (!sent.is_empty()).then(|| sent.remove(0));
        let (lost, again): (Vec<Pending>, Vec<Pending>) =
            sent.into_iter().partition(|p| p.transfer.is_some());
        let queued = std::mem::take(&mut c.queued);
        c.queued = again.into_iter().chain(queued).collect();
        let failed = if c.start_failures >= MAX_START_FAILURES {
            std::mem::take(&mut c.queued)
        } else {
            spawn(&mut c)
        };
        (running, lost, failed)
    });
    if let Some(p) = running {
        (p.callback)(Err(reason.to_string()));
    }
    fail_all(lost, "读取被中断：练习引擎重新启动了，请重新选择文件。");
    fail_all(failed, START_FAILED);
}

fn fail_all(requests: Vec<Pending>, why: &str) {
    for p in requests {
        (p.callback)(Err(why.to_string()));
    }
}

/// Sends `request` now and resolves to its answer (see [`send`]).
pub(crate) fn ask(request: &Request) -> impl std::future::Future<Output = Outcome> {
    let (promise, done) = answer_slot();
    send(request, done);
    wait(promise)
}

/// Sends a file chunk now (see [`send_chunk`]) and resolves to its answer.
pub(crate) fn ask_chunk(
    id: u32,
    file: u32,
    buffer: js_sys::ArrayBuffer,
) -> impl std::future::Future<Output = Outcome> {
    let (promise, done) = answer_slot();
    send_chunk(id, file, buffer, done);
    wait(promise)
}

type Slot = std::rc::Rc<RefCell<Option<Outcome>>>;

/// A promise and the callback that fills it.
fn answer_slot() -> ((js_sys::Promise, Slot), impl FnOnce(Outcome)) {
    let slot: Slot = Default::default();
    let mut resolve = None;
    // The executor runs at once, inside `Promise::new`.
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    let filled = slot.clone();
    let done = move |outcome| {
        *filled.borrow_mut() = Some(outcome);
        if let Some(resolve) = resolve {
            let _ = resolve.call0(&JsValue::NULL);
        }
    };
    ((promise, slot), done)
}

async fn wait((promise, slot): (js_sys::Promise, Slot)) -> Outcome {
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let answer = slot.borrow_mut().take();
    answer.unwrap_or_else(|| Err(CRASHED.to_string()))
}
