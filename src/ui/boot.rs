//! Start-up: the boot handshake with index.html, the deep-linked topic's body, and mounting the
//! app in place of the boot view.
//!
//! # The boot handshake
//!
//! Three parties share the start-up: the boot script (two halves Trunk inlines into index.html:
//! `src/boot-early.js` in `<head>` above the stylesheet, which starts the requests, and
//! `src/boot.js` after the boot view, which paints it; both run before anything else), the wasm loader Trunk writes from `Trunk.toml`'s
//! `pattern_script`, and [`start`]. They talk through three promises the boot script puts on
//! `window`; each name is written once per file and `tests/native/tidy.rs` checks that the
//! three files agree with the constants below.
//!
//! | Global | Resolves when | Set by | Awaited by |
//! |---|---|---|---|
//! | [`WASM`] | the wasm's response has begun to arrive (a `Response`; the request starts, for a deep-linked topic, as soon as that topic's file has arrived, before it is painted; otherwise after the first painted frame); resolves to `null` when index.html names no wasm | `boot-early.js` | the loader, which hands it to wasm-bindgen's `init` |
//! | [`BOOT_DONE`] | the frame showing a deep-linked topic painted from its file has been painted (at once when there is none) | `boot.js` | [`start`], before it replaces the boot view |
//! | [`NOTES`] | set only on a topic deep link (`#/t/<slug>`): that topic's own file's bytes (`notes-<hash>/<slug>.json`, an `ArrayBuffer`) have arrived; rejects with `"HTTP <status>"` or a network error | `boot-early.js` | [`start`] (`bodies::load_first`) |
//!
//! Each is optional for the wasm: when a global is missing (no boot script, as in the browser
//! tests), [`start`] fetches the deep-linked topic's file itself and does not wait. The whole
//! notes bundle is no part of start-up: the app fetches it once it is ready (`ui::bodies`).

use std::sync::OnceLock;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{mark, yield_to_browser};
use super::theme::Theme;
use crate::notes::Catalogue;

/// `window.__mianshitiWasm`: the boot script's request for the wasm, a promise of its
/// `Response`. Requested there, not by the loader, because the loader's own request would wait
/// for the JS glue and its snippet module (two round trips after index.html); requested right
/// after a deep-linked topic's own file (the stylesheet is inlined, so that small file is all
/// the first screen waits for), else after the first painted frame. Measured on the bench's phone profile against the loader's request after the first
/// frame: the wasm is requested ~290 ms earlier and the app starts ~260 ms sooner, FCP and LCP
/// no later (`bench/profile-startup.mjs`, 9 interleaved cold loads each). Since the requests moved
/// above the stylesheet (`src/boot-early.js`), the topic's file no longer waits for the
/// stylesheet: the wasm is requested at ~550 ms instead of ~900 ms, app ready ~280 ms sooner and
/// LCP ~100 ms sooner (5 interleaved cold loads each). Since the stylesheet is inlined
/// (scripts/postbuild.mjs) and the wasm requested with the topic's file: requested at ~280 ms
/// instead of ~480 ms, app ready 1970 → 1864 ms, LCP 608 → 564 ms (7 each).
#[expect(
    dead_code,
    reason = "awaited by the loader Trunk.toml writes, not by the wasm; named here so the handshake is in one place"
)]
pub(crate) const WASM: &str = "__mianshitiWasm";
/// `window.__mianshitiBootDone`: the boot view shows what it will show (a deep-linked topic
/// painted from the notes, or at once nothing to wait for). The app replaces the boot view
/// only after it, so on a fast machine it never replaces a topic nobody saw.
pub(crate) const BOOT_DONE: &str = "__mianshitiBootDone";
/// `window.__mianshitiNotes`: on a topic deep link, the boot script's request for that topic's
/// own file, a promise of an `ArrayBuffer`. The app reuses it instead of fetching the file again.
pub(crate) const NOTES: &str = "__mianshitiNotes";

static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();

/// The bundled notes, parsed once.
pub(crate) fn catalogue() -> Result<&'static Catalogue, &'static str> {
    match CATALOGUE.get_or_init(Catalogue::load) {
        Ok(c) => Ok(c),
        Err(e) => Err(e.as_str()),
    }
}

/// Installs the panic hook, loads a deep-linked topic's own file (usually already on its way:
/// the boot script started the request before the wasm arrived), then replaces the
/// pre-rendered boot view with the app, and leaves the whole notes bundle for when the browser
/// is idle after that. `load` fetches the parts a first topic does not need
/// ([`super::deferred`]).
pub fn start(load: super::deferred::Loader) {
    super::deferred::set_loader(load);
    super::panic::install();
    mark("start");
    Theme::stored().apply();
    super::code_wrap::apply_stored();
    super::pytools::install();
    // Not leptos' spawn_local: its executor only exists once the app is mounted.
    wasm_bindgen_futures::spawn_local(async {
        // A deep link to a topic needs its body before mounting; the home page none.
        if let crate::route::Route::Topic { slug, .. } = super::browser::current_route() {
            if catalogue().is_ok_and(|c| c.index_of(&slug).is_some()) {
                super::bodies::load_first(&slug, window_promise(NOTES)).await;
            }
        }
        yield_to_browser().await;
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
        super::bodies::load_all_when_idle();
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
