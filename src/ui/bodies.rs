//! The topic bodies the app has, and getting the rest, off the critical path.
//!
//! A cold deep link needs one body: its topic's own file (`notes-<hash>/<slug>.json`,
//! `notes::bundle::topic_path`), which the boot script has already requested
//! (`ui::boot::NOTES`; [`load_first`] reuses that response). The home page needs none. The whole
//! bundle (`notes-<hash>.json`, every body: search over bodies, the review page's answers,
//! topics opened later) is fetched once the app is ready and the browser idle
//! ([`load_all_when_idle`]) or at first need ([`want_all`]: the search box focused, a search
//! run), never before the app is ready. A topic opened in the app before the bundle has
//! arrived fetches its own file ([`ready`]); the page shows 正在加载… until it is here.
//!
//! Reads that should follow what arrives ([`ready`], [`all_loaded`]) track one trigger,
//! notified whenever a body, a failure or the bundle arrives; views read them through a
//! `Memo`, so they change only when their answer does.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::notes::bundle;

/// Where the whole bundle is.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
enum Bundle {
    /// Not requested yet.
    #[default]
    Idle,
    /// Requested.
    Loading,
    /// Its bodies are in [`State::bodies`].
    Loaded,
    /// Could not be loaded (why, in Chinese).
    Failed(String),
}

/// What has arrived.
#[derive(Debug, Default)]
struct State {
    /// Rendered bodies by slug.
    bodies: HashMap<String, String>,
    /// Topics whose own file could not be loaded, with why (in Chinese).
    failed: HashMap<String, String>,
    /// Topics whose own file has been requested and not answered yet (a handful at most).
    requested: Vec<String>,
    /// The whole bundle.
    bundle: Bundle,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
    /// Notified whenever [`STATE`] changes.
    static CHANGED: ArcTrigger = ArcTrigger::new();
}

fn changed() {
    CHANGED.with(|t| t.notify());
}

fn track() {
    CHANGED.with(|t| t.track());
}

/// The rendered body of a topic, or why it is not available (untracked; see [`ready`]).
pub(crate) fn topic_body(slug: &str) -> Result<String, String> {
    STATE.with_borrow(|s| {
        if let Some(html) = s.bodies.get(slug) {
            return Ok(html.clone());
        }
        if let Some(e) = s.failed.get(slug) {
            return Err(e.clone());
        }
        match &s.bundle {
            Bundle::Loaded => Err(format!("笔记文件里没有「{slug}」")),
            _ => Err("笔记尚未加载".to_string()),
        }
    })
}

/// Whether [`topic_body`] has its answer for `slug`: the body, or why it could not be loaded.
/// When not, requests the topic's own file (once). Tracked: a view reading it (through a
/// `Memo`) updates when the answer arrives.
pub(crate) fn ready(slug: &str) -> bool {
    track();
    let request = STATE.with_borrow_mut(|s| {
        if s.bodies.contains_key(slug) || s.failed.contains_key(slug) {
            return None;
        }
        // Its own file even while the bundle is on its way: a few KB, often here first.
        if s.requested.iter().any(|r| r == slug) {
            return Some(false);
        }
        s.requested.push(slug.to_string());
        Some(true)
    });
    match request {
        None => true,
        Some(false) => false, // on its way
        Some(true) => {
            let slug = slug.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let got = topic_file(&slug, None).await;
                store_topic(&slug, got);
            });
            false
        }
    }
}

/// Every loaded body (all of them once the bundle is here: see [`all_loaded`]).
pub(crate) fn with_bodies<R>(f: impl FnOnce(&HashMap<String, String>) -> R) -> R {
    STATE.with_borrow(|s| f(&s.bodies))
}

/// Whether the whole bundle has been dealt with (loaded, or failed: then only the bodies that
/// came in their own files are here). When not, starts its download ([`want_all`]). Tracked.
pub(crate) fn all_loaded() -> bool {
    track();
    let done = STATE.with_borrow(|s| matches!(s.bundle, Bundle::Loaded | Bundle::Failed(_)));
    if !done {
        want_all();
    }
    done
}

/// Starts downloading the whole bundle, unless it is here or on its way.
pub(crate) fn want_all() {
    let start = STATE.with_borrow_mut(|s| {
        let idle = s.bundle == Bundle::Idle;
        if idle {
            s.bundle = Bundle::Loading;
        }
        idle
    });
    if !start {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let got = match notes_file() {
            Ok(url) => fetch_checked(&url).await,
            Err(e) => Err(e),
        };
        // In its own task: parsing ~235 KB is the longest step.
        super::browser::yield_to_browser().await;
        let got = got.and_then(|b| bundle::parse_bodies(&b));
        STATE.with_borrow_mut(|s| match got {
            Ok(all) => {
                for (slug, html) in all {
                    s.bodies.entry(slug).or_insert(html);
                }
                s.bundle = Bundle::Loaded;
            }
            Err(e) => s.bundle = Bundle::Failed(e),
        });
        changed();
    });
}

/// Fetches the whole bundle once the browser is idle after the app's first frame.
pub(crate) fn load_all_when_idle() {
    super::browser::when_idle(want_all);
}

/// At start-up, the deep-linked topic `slug`'s own file: from the boot script's request
/// (`promise`, [`super::boot::NOTES`]) when there is one, else fetched here. Stored like any
/// other answer (the body, or why not).
pub(crate) async fn load_first(slug: &str, promise: Option<js_sys::Promise>) {
    STATE.with_borrow_mut(|s| s.requested.push(slug.to_string()));
    let got = topic_file(slug, promise).await;
    store_topic(slug, got);
}

/// Topic `slug`'s body from its own file (or from `promise`, a request for it already made).
async fn topic_file(slug: &str, promise: Option<js_sys::Promise>) -> Result<String, String> {
    let bytes = match promise {
        Some(p) => checked_bytes(wasm_bindgen_futures::JsFuture::from(p).await).await?,
        None => fetch_checked(&bundle::topic_path(&notes_file()?, slug)).await?,
    };
    let (got, html) = bundle::parse_topic(&bytes)?;
    if got != slug {
        return Err(format!("笔记文件是「{got}」的，不是「{slug}」的"));
    }
    Ok(html)
}

fn store_topic(slug: &str, got: Result<String, String>) {
    STATE.with_borrow_mut(|s| {
        s.requested.retain(|r| r != slug);
        match got {
            Ok(html) => {
                s.bodies.insert(slug.to_string(), html);
            }
            Err(e) => {
                s.failed.insert(slug.to_string(), e);
            }
        }
    });
    changed();
}

/// The bundle's file name, from index.html's `<meta name="mianshiti-notes">`.
fn notes_file() -> Result<String, String> {
    document()
        .query_selector("meta[name=\"mianshiti-notes\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or_else(|| "页面缺少笔记文件的链接".to_string())
}

/// `fetch(url)`'s bytes, checked ([`checked_bytes`]).
async fn fetch_checked(url: &str) -> Result<Vec<u8>, String> {
    checked_bytes(fetch_bytes(url).await).await
}

/// The bytes of a fetched file (an `ArrayBuffer`), or a Chinese error naming what failed.
/// Bytes, not text: the file is never converted to a JS string and re-encoded into wasm memory.
async fn checked_bytes(
    buffer: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>,
) -> Result<Vec<u8>, String> {
    let buffer = buffer.map_err(|e| {
        format!(
            "下载笔记文件失败（{}）",
            e.as_string()
                .or_else(|| js_sys::Error::from(e).message().as_string())
                .unwrap_or_else(|| "网络错误".into())
        )
    })?;
    let buffer = buffer
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_err(|_| "笔记文件的内容无法读取".to_string())?;
    // Refused before it is copied into wasm memory (the parser has the same limit).
    bundle::check_size(buffer.byte_length() as usize)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `fetch(url)` and the body as an `ArrayBuffer` ([`super::browser::fetch_ok`]).
async fn fetch_bytes(url: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let response = super::browser::fetch_ok(url).await?;
    wasm_bindgen_futures::JsFuture::from(response.array_buffer()?).await
}
