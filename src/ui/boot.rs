//! Start-up: the boot handshake with index.html, loading the notes bundle, and mounting the
//! app in place of the boot view.
//!
//! # The boot handshake
//!
//! Three parties share the start-up: the boot script `src/boot.js` (inlined into index.html by
//! Trunk, runs before anything else), the wasm loader Trunk writes from `Trunk.toml`'s
//! `pattern_script`, and [`start`]. They talk through three promises the boot script puts on
//! `window`; each name is written once per file and `tests/native/tidy.rs` checks that the
//! three files agree with the constants below.
//!
//! | Global | Resolves when | Set by | Awaited by |
//! |---|---|---|---|
//! | [`PAINTED`] | the first frame (the boot view) has been painted | `boot.js` | the loader, before it requests the wasm |
//! | [`BOOT_DONE`] | the frame showing a deep-linked topic painted from the notes has been painted (at once when there is none) | `boot.js` | [`start`], before it replaces the boot view |
//! | [`NOTES`] | the notes bundle's bytes (an `ArrayBuffer`) have arrived; rejects with `"HTTP <status>"` or a network error | `boot.js` | [`start`] (`load_notes`) |
//!
//! Each is optional for the wasm: when a global is missing (no boot script, as in the browser
//! tests), [`start`] fetches the notes itself and does not wait.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{mark, yield_to_browser};
use super::theme::Theme;
use crate::notes::Catalogue;

/// `window.__mianshitiPainted`: the first frame has been painted. The loader waits for it
/// before it requests the wasm, so on a slow link the first screen does not share bandwidth
/// with the wasm.
#[expect(
    dead_code,
    reason = "awaited by the loader Trunk.toml writes, not by the wasm; named here so the handshake is in one place"
)]
pub(crate) const PAINTED: &str = "__mianshitiPainted";
/// `window.__mianshitiBootDone`: the boot view shows what it will show (a deep-linked topic
/// painted from the notes, or at once nothing to wait for). The app replaces the boot view
/// only after it, so on a fast machine it never replaces a topic nobody saw.
pub(crate) const BOOT_DONE: &str = "__mianshitiBootDone";
/// `window.__mianshitiNotes`: the boot script's request for the notes bundle, a promise of an
/// `ArrayBuffer`. The app reuses it instead of fetching the file again.
pub(crate) const NOTES: &str = "__mianshitiNotes";

static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();

/// The bundled notes, parsed once.
pub(crate) fn catalogue() -> Result<&'static Catalogue, &'static str> {
    match CATALOGUE.get_or_init(Catalogue::load) {
        Ok(c) => Ok(c),
        Err(e) => Err(e.as_str()),
    }
}

/// Topic bodies by slug, from the notes bundle (`Err`: why it could not be loaded).
static BODIES: OnceLock<Result<HashMap<String, String>, String>> = OnceLock::new();

/// The rendered body of a topic, or why the notes are unavailable.
pub(crate) fn topic_body(slug: &str) -> Result<String, String> {
    match BODIES.get() {
        Some(Ok(map)) => map
            .get(slug)
            .cloned()
            .ok_or_else(|| format!("笔记文件里没有「{slug}」")),
        Some(Err(e)) => Err(e.clone()),
        None => Err("笔记尚未加载".to_string()),
    }
}

/// Every loaded body as `(slug, html)` (empty when the notes could not be loaded).
pub(crate) fn with_bodies<R>(f: impl FnOnce(&HashMap<String, String>) -> R) -> R {
    match BODIES.get() {
        Some(Ok(map)) => f(map),
        _ => f(&Default::default()),
    }
}

/// Installs the panic hook, loads the notes bundle (usually already on its way: the boot
/// script started the request before the wasm arrived), then replaces the pre-rendered boot
/// view with the app. `load` fetches the parts a first topic does not need
/// ([`super::deferred`]).
pub fn start(load: super::deferred::Loader) {
    super::deferred::set_loader(load);
    super::panic::install();
    mark("start");
    Theme::stored().apply();
    super::code_wrap::apply_stored();
    super::pyrun::install();
    super::pyedit::install();
    // Not leptos' spawn_local: its executor only exists once the app is mounted.
    wasm_bindgen_futures::spawn_local(async {
        // Each phase in its own task, so no single main-thread task blocks input for long.
        let bytes = load_notes().await;
        yield_to_browser().await;
        let bodies = bytes
            .and_then(|b| crate::notes::bundle::parse_bodies(&b))
            .map(|b| b.into_iter().collect::<HashMap<_, _>>());
        let _ = BODIES.set(bodies);
        mark("notes");
        // Never replace a boot view nobody saw: wait for the frame that shows the deep-linked
        // topic the boot script paints from the notes ([`BOOT_DONE`]). On a slow link it has
        // long been painted by now; on a fast machine the wasm can be ready first.
        await_window_promise(BOOT_DONE).await;
        yield_to_browser().await;
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
        mark("mount");
        leptos::mount::mount_to_body(super::App);
        mark("mounted");
    });
}

/// The promise the boot script left at `window[name]`, if there is one.
fn window_promise(name: &str) -> Option<js_sys::Promise> {
    js_sys::Reflect::get(&window(), &name.into())
        .ok()
        .and_then(|v| v.dyn_into().ok())
}

/// Waits for [`window_promise`]`(name)`, if there is one (its outcome does not matter).
async fn await_window_promise(name: &str) {
    if let Some(p) = window_promise(name) {
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
}

/// The notes bundle's bytes: from the boot script's request ([`NOTES`]) when there is one,
/// else fetched here. Bytes, not text: the whole file is never converted to a JS string and
/// re-encoded into wasm memory (~5 ms at start-up).
async fn load_notes() -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let buffer = match window_promise(NOTES) {
        Some(p) => JsFuture::from(p).await,
        None => {
            let url = document()
                .query_selector("link[data-notes]")
                .ok()
                .flatten()
                .and_then(|l| l.get_attribute("href"))
                .ok_or("页面缺少笔记文件的链接")?;
            fetch_bytes(&url).await
        }
    };
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
    crate::notes::bundle::check_size(buffer.byte_length() as usize)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `fetch(url)` and the body as an `ArrayBuffer`; an HTTP error status is an error
/// (`"HTTP <status>"`, as the boot script reports it).
async fn fetch_bytes(url: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()).into());
    }
    JsFuture::from(response.array_buffer()?).await
}
