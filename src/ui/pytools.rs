//! The Python blocks' tools, loaded on first use: the main module's stand-in for `ui::pyrun`,
//! `ui::pyrun_io` and `ui::pyedit`, whose code is a lazily loaded chunk
//! ([`Part::PyTools`](super::deferred::Part::PyTools), issue 17).
//!
//! The buttons are in the notes' HTML (written at build time), so they take their room with the
//! text and nothing moves when the behaviour arrives. Until it has, a click on one of them (or
//! Ctrl/⌘+Enter in a block) is kept: the button is marked busy, 正在加载… shows under the
//! toolbar, the chunk is fetched and the click is handed to it when it arrives. The chunk comes
//! earlier only when the page needs it to show what the learner saved: a topic with an edited
//! block, or a share link (`?code=`). 换行 needs no chunk (`ui::code_wrap`).

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

use super::deferred::{self, Part};
use crate::progress::block_key;

/// Shown under a block's toolbar while the tools download.
const LOADING: &str = "正在加载…";
/// Shown there when they could not be downloaded.
const FAILED: &str = "运行和编辑的代码没能下载，请检查网络后再点一次。";

/// Where the tools' chunk is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not asked for yet (or the last download failed).
    Idle,
    /// On its way.
    Loading,
    /// Installed: its own listeners handle the blocks.
    Ready,
}

thread_local! {
    static STATE: Cell<State> = const { Cell::new(State::Idle) };
    /// Clicks and keys that arrived before the chunk, in order.
    static PENDING: RefCell<Vec<Event>> = const { RefCell::new(Vec::new()) };
    /// The topic page whose blocks the chunk sets up when it runs (`pyedit::mount_topic`).
    static MOUNT: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Listens for the blocks' buttons, once, at start-up; marks a browser without WebAssembly
/// stack switching (`data-no-jspi`: blocks that wait on asyncio say so up front).
pub(crate) fn install() {
    let doc = document();
    let suspending = js_sys::Reflect::get(&js_sys::global(), &"WebAssembly".into())
        .and_then(|wasm| js_sys::Reflect::has(&wasm, &"Suspending".into()))
        .unwrap_or(false);
    if !suspending {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("data-no-jspi", "");
        }
    }
    let click = Closure::<dyn FnMut(Event)>::new(on_click);
    let key = Closure::<dyn FnMut(KeyboardEvent)>::new(on_key);
    let _ = doc.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("keydown", key.as_ref().unchecked_ref());
    // Listening for the page's lifetime.
    click.forget();
    key.forget();
}

fn closest(event: &Event, selector: &str) -> Option<Element> {
    let target: Element = event.target()?.dyn_into().ok()?;
    target.closest(selector).ok().flatten()
}

fn on_click(event: Event) {
    if closest(&event, ".py-block .py-wrap").is_some() {
        super::code_wrap::set(!super::code_wrap::is_on());
        return;
    }
    if STATE.get() == State::Ready {
        return;
    }
    let Some(button) = closest(&event, ".py-block .py-tools button") else {
        return;
    };
    let _ = button.set_attribute("aria-busy", "true");
    wait(event);
}

fn on_key(event: KeyboardEvent) {
    if STATE.get() == State::Ready
        || event.key() != "Enter"
        || !(event.ctrl_key() || event.meta_key())
    {
        return;
    }
    if closest(&event, ".py-block").is_some() {
        event.prevent_default();
        wait(event.into());
    }
}

/// Keeps `event` for the chunk, says so under its block, and fetches the chunk.
fn wait(event: Event) {
    if let Some(block) = closest(&event, ".py-block") {
        set_loading_note(&block, LOADING, false);
    }
    PENDING.with_borrow_mut(|p| p.push(event));
    load();
}

/// The note under a block's toolbar while the chunk loads (`py-edit-note`, which the editor's
/// own notes then replace).
fn set_loading_note(block: &Element, text: &str, alert: bool) {
    let note = match block
        .query_selector(":scope > .py-edit-note[data-py-loading]")
        .ok()
        .flatten()
    {
        Some(note) => note,
        None => {
            let Ok(note) = document().create_element("p") else {
                return;
            };
            note.set_class_name("py-edit-note");
            let _ = note.set_attribute("data-py-loading", "");
            match block.query_selector(":scope > .py-tools").ok().flatten() {
                Some(tools) => {
                    let _ = tools.after_with_node_1(&note);
                }
                None => return,
            }
            note
        }
    };
    note.set_text_content(Some(text));
    if alert {
        let _ = note.set_attribute("role", "alert");
    }
}

/// Fetches the chunk (or, once it is here, runs its entry again: the topic to mount).
fn load() {
    if STATE.get() == State::Loading {
        return;
    }
    let Some(future) = deferred::load(Part::PyTools) else {
        failed();
        return;
    };
    if STATE.get() == State::Idle {
        STATE.set(State::Loading);
    }
    leptos::task::spawn_local(async move {
        let _ = future.await;
    });
}

/// A topic page's body is on the page: its blocks show the 换行 state now, and the chunk sets
/// them up (keys, saved edits, share link) when it runs: now if the page needs it to show what
/// the learner saved or was sent, else on the first click.
pub(crate) fn mount_topic(slug: &'static str) {
    MOUNT.set(Some(slug));
    super::code_wrap::press_buttons(super::code_wrap::is_on());
    let shared = window()
        .location()
        .hash()
        .is_ok_and(|h| h.contains("code="));
    let blocks = document()
        .query_selector_all(".note-body .py-block")
        .map_or(0, |b| b.length() as usize);
    let saved = super::progress_state::state().is_some_and(|s| {
        s.store
            .with_untracked(|s| (0..blocks).any(|i| s.block_code(&block_key(slug, i)).is_some()))
    });
    if STATE.get() == State::Ready || (blocks > 0 && (shared || saved)) {
        load();
    }
}

/// Every open editor follows the 换行 choice (the chunk's entry applies it).
pub(crate) fn wrap_changed() {
    if STATE.get() == State::Ready {
        load();
    }
}

/// The chunk could not be downloaded: the blocks waiting for it say so; the next click tries
/// again.
pub(crate) fn failed() {
    STATE.set(State::Idle);
    for event in PENDING.take() {
        if let Some(block) = closest(&event, ".py-block") {
            set_loading_note(&block, FAILED, true);
        }
        if let Some(button) = closest(&event, "button") {
            let _ = button.remove_attribute("aria-busy");
        }
    }
}

/// The chunk's entry (`deferred::python_tools`, and the scratchpad's): wires the tools once,
/// sets up the topic page waiting for it, then hands them the clicks that came first.
pub(crate) fn install_tools() {
    if STATE.replace(State::Ready) != State::Ready {
        super::pyrun::install();
        super::pyedit::install();
    }
    super::pyedit::set_wrap_all(super::code_wrap::is_on());
    if let Some(slug) = MOUNT.take() {
        // Only if the reader is still on that topic.
        let here = document()
            .query_selector(&format!("article.topic[data-slug=\"{slug}\"]"))
            .ok()
            .flatten()
            .is_some();
        if here {
            super::pyedit::mount_topic(slug);
        }
    }
    if let Ok(notes) = document().query_selector_all(".py-edit-note[data-py-loading]") {
        for i in 0..notes.length() {
            if let Some(note) = notes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                note.remove();
            }
        }
    }
    for event in PENDING.take() {
        if let Some(button) = closest(&event, "button") {
            let _ = button.remove_attribute("aria-busy");
        }
        super::pyrun::replay(&event);
        super::pyedit::replay(&event);
    }
}
