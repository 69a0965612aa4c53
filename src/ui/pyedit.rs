//! Editing the notes' Python blocks in place, and the scratchpad page (`#/py`): the page's side
//! of the code editor (CodeMirror 6, bundled into `editor/<hash>/editor.mjs` by
//! `scripts/build-editor.mjs`, imported on first use through the fixed-name `editor.mjs`).
//!
//! Thin: the 编辑/换行/还原/对比/分享 buttons are in the notes' HTML (`notes::pyedit`), wired here
//! by event delegation like 运行 (`ui::pyrun`); what the learner changed is saved in the
//! progress store (`progress::CodeEdits`) through `progress_state`; the diff and share links
//! are pure functions. Every text the learner typed reaches the page as text nodes or as the
//! editor's document, never as markup.

use std::cell::RefCell;
use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::{date_now_ms, progress_state};
use crate::notes::highlight::highlight_python;
use crate::notes::pyedit::{
    changed_summary, diff_lines, diff_mark, parse_share, share_hash, DiffKind, ShareTarget,
    EDITOR_ARIA_LABEL, EDITOR_FAILED, EDITOR_LOADING, SCRATCHPAD_SHARED_NOTE, SCRATCHPAD_START,
    SCRATCHPAD_TITLE, SHARED_NOTE, SHARE_COPIED, SHARE_LABEL,
};
use crate::progress::block_key;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: the editor module, loaded on first use.
    fn import_module(url: &str) -> js_sys::Promise;
}

/// The block key of the scratchpad (`data-py-key`).
pub(crate) const SCRATCHPAD_KEY: &str = "scratchpad";

/// An editor on its way to a block (see `OPENING`).
struct Opening {
    block: Element,
    code: String,
    /// Which opening this is (`OPENINGS`): a later one of the same key supersedes it.
    seq: u64,
}

/// A block shown as the editor.
struct Live {
    block: Element,
    handle: JsValue,
    _on_change: Closure<dyn FnMut(String)>,
}

thread_local! {
    /// The editor module's `open`, once imported.
    static OPEN: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The blocks shown as the editor, by block key.
    static LIVE: RefCell<BTreeMap<String, Live>> = const { RefCell::new(BTreeMap::new()) };
    /// The latest editor opening of each block key, until the editor is open (its module can
    /// take seconds to arrive): a run, copy or share meanwhile uses its code, as it would the
    /// editor's, and only the latest opening of a key goes on to build the editor (a second
    /// share link before the module arrived wins over the first). Kept when the editor fails
    /// to open, so the block still runs what it was opened with (a shared link's code on the
    /// scratchpad).
    static OPENING: RefCell<BTreeMap<String, Opening>> = const { RefCell::new(BTreeMap::new()) };
    /// The number of the last [`Opening`].
    static OPENINGS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// The notes' own code of each block seen, by block key.
    static ORIGINAL: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

/// Wires the editing buttons, once, when the tools' chunk arrives (`ui::pytools`).
pub(crate) fn install() {
    let click = Closure::<dyn FnMut(Event)>::new(on_click);
    let _ = document().add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    click.forget();
}

/// Handles a click that arrived before [`install`] (`ui::pytools` kept it).
pub(crate) fn replay(event: &Event) {
    if event.type_() == "click" {
        on_click(event.clone());
    }
}

fn closest(event: &Event, selector: &str) -> Option<(Element, Element)> {
    let target: Element = event.target()?.dyn_into().ok()?;
    let button = target.closest(selector).ok().flatten()?;
    let block = button.closest(".py-block").ok().flatten()?;
    Some((button, block))
}

fn on_click(event: Event) {
    if let Some((_, block)) = closest(&event, ".py-edit") {
        toggle_editor(&block);
    } else if let Some((_, block)) = closest(&event, ".py-restore") {
        restore(&block);
    } else if let Some((button, block)) = closest(&event, ".py-diff") {
        let open = button.get_attribute("aria-pressed").as_deref() != Some("true");
        let _ = button.set_attribute("aria-pressed", &open.to_string());
        show_diff(&block);
    } else if let Some((button, block)) = closest(&event, ".py-share") {
        share(&block, button);
    }
}

/// The block's key (`data-py-key`, set when its page was mounted).
fn key_of(block: &Element) -> Option<String> {
    block.get_attribute("data-py-key")
}

fn pre_of(block: &Element) -> Option<Element> {
    block.query_selector(":scope > pre.code").ok().flatten()
}

/// The code a run of `block` uses: the editor's, else the code its editor is opening with;
/// `None` when it has neither (the caller then uses what the block shows).
pub(crate) fn code_of(block: &Element) -> Option<String> {
    let key = key_of(block)?;
    let live = LIVE.with_borrow(|live| {
        let handle = &live.get(&key)?.handle;
        call(handle, "code", &[]).and_then(|v| v.as_string())
    });
    live.or_else(|| {
        OPENING.with_borrow(|o| {
            o.get(&key)
                .filter(|op| op.block.is_same_node(Some(block)))
                .map(|op| op.code.clone())
        })
    })
}

/// Calls `handle[name](...args)`; `None` when it is missing or throws.
fn call(handle: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(handle, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let array: js_sys::Array = args.iter().collect();
    f.apply(handle, &array).ok()
}

/// The editor module's `open`, importing it on first use.
async fn editor_open() -> Option<js_sys::Function> {
    if let Some(f) = OPEN.with_borrow(Clone::clone) {
        return Some(f);
    }
    let url = web_sys::Url::new_with_base("editor.mjs", &document().base_uri().ok()??).ok()?;
    let module = wasm_bindgen_futures::JsFuture::from(import_module(&url.href()))
        .await
        .ok()?;
    let f: js_sys::Function = js_sys::Reflect::get(&module, &"open".into())
        .ok()?
        .dyn_into()
        .ok()?;
    OPEN.set(Some(f.clone()));
    Some(f)
}

/// Shows or hides a note line under the block's toolbar (class `py-edit-note`).
fn set_note(block: &Element, text: Option<&str>) {
    let existing = block
        .query_selector(":scope > .py-edit-note")
        .ok()
        .flatten();
    match (existing, text) {
        (Some(el), None) => el.remove(),
        (Some(el), Some(t)) => el.set_text_content(Some(t)),
        (None, Some(t)) => {
            if let Ok(el) = document().create_element("p") {
                el.set_class_name("py-edit-note");
                el.set_text_content(Some(t));
                if let Some(tools) = block.query_selector(":scope > .py-tools").ok().flatten() {
                    let _ = tools.after_with_node_1(&el);
                }
            }
        }
        (None, None) => {}
    }
}

/// Forgets the editors of blocks no longer on the page (the reader left their topic), and the
/// code such blocks' editors were opening with.
fn prune() {
    OPENING.with_borrow_mut(|o| o.retain(|_, op| op.block.is_connected()));
    LIVE.with_borrow_mut(|l| {
        l.retain(|_, live| {
            let keep = live.block.is_connected();
            if !keep {
                call(&live.handle, "destroy", &[]);
            }
            keep
        });
    });
}

fn toggle_editor(block: &Element) {
    let Some(key) = key_of(block) else { return };
    prune();
    if LIVE.with_borrow(|l| l.contains_key(&key)) {
        close_editor(block, &key);
    } else {
        let code = current_code(&key, block);
        open_editor(block.clone(), key, code, true, None, false);
    }
}

/// What the block holds now, with no editor open in it: the code its `<pre>` shows, which a run
/// uses too (the learner's saved code, a share link's code not saved yet, or the notes'); else
/// the saved code, else the notes'. 编辑, 对比 and 分享 start from it, so none of them drops a
/// link's code the block is showing.
fn current_code(key: &str, block: &Element) -> String {
    if let Some(shown) = pre_of(block).and_then(|p| p.text_content()) {
        return shown;
    }
    let saved = progress_state::state().and_then(|s| {
        s.store
            .with_untracked(|s| s.block_code(key).map(str::to_string))
    });
    saved.unwrap_or_else(|| original(key, block))
}

/// The notes' code of a block.
fn original(key: &str, block: &Element) -> String {
    if key == SCRATCHPAD_KEY {
        return String::new();
    }
    ORIGINAL
        .with_borrow(|o| o.get(key).cloned())
        .unwrap_or_else(|| {
            pre_of(block)
                .and_then(|p| p.text_content())
                .unwrap_or_default()
        })
}

/// Replaces `block`'s code view with the editor holding `code` (focused if `focus`), then
/// shows `note` (or no note) under the toolbar. `from_link`: `code` comes from a share link,
/// so it replaces what an editor already in the block shows.
fn open_editor(
    block: Element,
    key: String,
    code: String,
    focus: bool,
    note: Option<String>,
    from_link: bool,
) {
    set_note(&block, Some(EDITOR_LOADING));
    // Until the editor is here (and if it never comes: offline before its first use) the
    // block's `<pre>` shows the code it opens with, which a run, copy or share uses meanwhile;
    // an editor already showing this block keeps it hidden.
    let shown_here = LIVE.with_borrow(|l| {
        l.get(&key)
            .is_some_and(|live| live.block.is_same_node(Some(&block)))
    });
    if !shown_here {
        show_static(&block, &key, Some(&code));
    }
    let seq = OPENINGS.get() + 1;
    OPENINGS.set(seq);
    let opening = Opening {
        block: block.clone(),
        code: code.clone(),
        seq,
    };
    OPENING.with_borrow_mut(|o| o.insert(key.clone(), opening));
    wasm_bindgen_futures::spawn_local(async move {
        let Some(open) = editor_open().await else {
            set_note(&block, Some(EDITOR_FAILED));
            return;
        };
        prune();
        // A later opening of this key (a second share link meanwhile) builds the editor instead.
        if !OPENING.with_borrow(|o| o.get(&key).is_some_and(|op| op.seq == seq))
            || !block.is_connected()
        {
            return;
        }
        // The block already shows an editor: its page was rebuilt in place (a link to the page
        // the reader is on). A share link's code replaces what it shows, as if opened afresh (so
        // it is saved only once changed); otherwise the editor holds the newest code and stays.
        let live_here = LIVE.with_borrow(|l| {
            l.get(&key)
                .map(|live| live.block.is_same_node(Some(&block)))
        });
        match live_here {
            Some(true) if from_link => {
                close_editor(&block, &key);
            }
            Some(_) => {
                OPENING.with_borrow_mut(|o| o.remove(&key));
                set_note(&block, note.as_deref());
                return;
            }
            None => {}
        }
        set_note(&block, note.as_deref());
        let Ok(host) = document().create_element("div") else {
            return;
        };
        host.set_class_name("py-editor");
        // Every block (the scratchpad's too) has its `<pre>`; the editor takes its place.
        match pre_of(&block) {
            Some(pre) => {
                let _ = pre.after_with_node_1(&host);
                let _ = pre.set_attribute("hidden", "");
            }
            None => {
                let _ = block.append_child(&host);
            }
        }
        let change_key = key.clone();
        let change_block = block.clone();
        let on_change = Closure::<dyn FnMut(String)>::new(move |code: String| {
            saved_edit(&change_block, &change_key, &code);
        });
        let options = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&options, &k.into(), v);
        let _ = set("wrap", &super::code_wrap::is_on().into());
        let _ = set("label", &EDITOR_ARIA_LABEL.into());
        if key == SCRATCHPAD_KEY {
            let _ = set("minHeight", &"12rem".into());
        }
        let _ = set("onChange", on_change.as_ref());
        let Ok(handle) = open.call3(&JsValue::NULL, &host, &code.as_str().into(), &options) else {
            host.remove();
            if let Some(pre) = pre_of(&block) {
                let _ = pre.remove_attribute("hidden");
            }
            set_note(&block, Some(EDITOR_FAILED));
            return;
        };
        if focus {
            call(&handle, "focus", &[]);
        }
        set_pressed(&block, ".py-edit", true);
        OPENING.with_borrow_mut(|o| o.remove(&key));
        LIVE.with_borrow_mut(|l| {
            l.insert(
                key,
                Live {
                    block: block.clone(),
                    handle,
                    _on_change: on_change,
                },
            );
        });
    });
}

/// Back to the static view: the notes' code, or the learner's as plain text.
fn close_editor(block: &Element, key: &str) {
    let Some(live) = LIVE.with_borrow_mut(|l| l.remove(key)) else {
        return;
    };
    let code = call(&live.handle, "code", &[]).and_then(|v| v.as_string());
    call(&live.handle, "destroy", &[]);
    if let Some(host) = block.query_selector(":scope > .py-editor").ok().flatten() {
        host.remove();
    }
    set_pressed(block, ".py-edit", false);
    show_static(block, key, code.as_deref());
}

/// Shows `code` (else the notes' code) in the block's `<pre>`, highlighted like the notes
/// (`notes::highlight`, which escapes every character of it).
fn show_static(block: &Element, key: &str, code: Option<&str>) {
    let Some(pre) = pre_of(block) else { return };
    let _ = pre.remove_attribute("hidden");
    let original = original(key, block);
    let code = code.unwrap_or(&original);
    if pre.text_content().unwrap_or_default() != code {
        if let Ok(Some(c)) = pre.query_selector("code") {
            c.set_inner_html(&highlight_python(code));
        }
    }
}

fn set_pressed(block: &Element, selector: &str, on: bool) {
    if let Ok(Some(b)) = block.query_selector(selector) {
        let _ = b.set_attribute("aria-pressed", &on.to_string());
    }
}

/// Shows or hides the buttons that only make sense after an edit.
fn set_edited(block: &Element, key: &str, code: Option<&str>) {
    let edited = code.is_some() && key != SCRATCHPAD_KEY;
    for sel in [".py-restore", ".py-diff", ".py-share"] {
        if let Ok(Some(b)) = block.query_selector(sel) {
            let show = edited || (sel == ".py-share" && key == SCRATCHPAD_KEY);
            let _ = if show {
                b.remove_attribute("hidden")
            } else {
                b.set_attribute("hidden", "")
            };
        }
    }
    let summary = block.query_selector(":scope > .py-changed").ok().flatten();
    let text = match code {
        Some(code) if key != SCRATCHPAD_KEY => {
            Some(changed_summary(&diff_lines(&original(key, block), code)))
        }
        _ => None,
    };
    match (summary, text) {
        (Some(el), Some(t)) => el.set_text_content(Some(&t)),
        (Some(el), None) => el.remove(),
        (None, Some(t)) => {
            if let Ok(el) = document().create_element("p") {
                el.set_class_name("py-changed small muted");
                el.set_text_content(Some(&t));
                if let Some(tools) = block.query_selector(":scope > .py-tools").ok().flatten() {
                    let _ = tools.after_with_node_1(&el);
                }
            }
        }
        (None, None) => {}
    }
    if !edited {
        set_pressed(block, ".py-diff", false);
    }
    show_diff(block);
}

/// The editor's document changed: save it (an edit back to the notes' code is a restore).
fn saved_edit(block: &Element, key: &str, code: &str) {
    let now = date_now_ms();
    if key == SCRATCHPAD_KEY {
        progress_state::update_soon(|s| {
            s.set_scratchpad(code, now);
        });
        return;
    }
    let unchanged = code == original(key, block);
    progress_state::update_soon(|s| {
        if unchanged {
            s.restore_block(key, now);
        } else {
            s.set_block_code(key, code, now);
        }
    });
    set_edited(block, key, (!unchanged).then_some(code));
}

/// 还原: the notes' code again, in the editor or the static view.
fn restore(block: &Element) {
    let Some(key) = key_of(block) else { return };
    let code = original(&key, block);
    let handle = LIVE.with_borrow(|l| l.get(&key).map(|live| live.handle.clone()));
    match handle {
        // The editor reports the change, which saves it as a restore.
        Some(h) => {
            call(&h, "setCode", &[code.as_str().into()]);
        }
        None => {
            let now = date_now_ms();
            progress_state::update(|s| s.restore_block(&key, now));
            show_static(block, &key, None);
            set_edited(block, &key, None);
        }
    }
    set_note(block, None);
    super::pyrun::clear_result(block);
}

/// Shows the line diff under the toolbar while 对比 is pressed (kept up to date on edits).
fn show_diff(block: &Element) {
    let Some(key) = key_of(block) else { return };
    let old = block
        .query_selector(":scope > .py-diff-view")
        .ok()
        .flatten();
    if let Some(old) = old {
        old.remove();
    }
    let pressed = block
        .query_selector(".py-diff")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("aria-pressed"))
        .as_deref()
        == Some("true");
    if !pressed {
        return;
    }
    let doc = document();
    let Ok(view) = doc.create_element("pre") else {
        return;
    };
    view.set_class_name("py-diff-view");
    let _ = view.set_attribute("aria-label", "与笔记原文的逐行对比（- 删除，+ 新增）");
    let edited = code_of(block).unwrap_or_else(|| current_code(&key, block));
    for line in diff_lines(&original(&key, block), &edited) {
        if let Ok(span) = doc.create_element("span") {
            span.set_class_name(match line.kind {
                DiffKind::Same => "py-same",
                DiffKind::Removed => "py-del",
                DiffKind::Added => "py-add",
            });
            span.set_text_content(Some(&format!("{}{}\n", diff_mark(line.kind), line.text)));
            let _ = view.append_child(&span);
        }
    }
    let anchor = block
        .query_selector(":scope > .py-changed")
        .ok()
        .flatten()
        .or_else(|| block.query_selector(":scope > .py-tools").ok().flatten());
    if let Some(a) = anchor {
        let _ = a.after_with_node_1(&view);
    }
}

/// 分享: copies a link that opens this block (or the scratchpad) with the code as it is now.
fn share(block: &Element, button: Element) {
    let Some(key) = key_of(block) else { return };
    let code = code_of(block).unwrap_or_else(|| current_code(&key, block));
    let target = match key.rsplit_once('/') {
        Some((slug, i)) if key != SCRATCHPAD_KEY => match i.parse() {
            Ok(index) => ShareTarget::Block { slug, index },
            Err(_) => return,
        },
        _ => ShareTarget::Scratchpad,
    };
    let hash = match share_hash(&target, &code) {
        Ok(h) => h,
        Err(e) => {
            set_note(block, Some(&e));
            return;
        }
    };
    let location = window().location();
    let base = location.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default();
    let link = format!("{base}{hash}");
    let _ = button.set_attribute("data-link", &link);
    let promise = window().navigator().clipboard().write_text(&link);
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            button.set_text_content(Some(SHARE_COPIED));
            gloo_timers::future::TimeoutFuture::new(1_500).await;
            button.set_text_content(Some(SHARE_LABEL));
        }
    });
}

/// Sets up a topic page's Python blocks once its body is on the page: their keys, the
/// 换行 state, the learner's saved edits (shown as the editor) and code from a share link.
pub(crate) fn mount_topic(slug: &str) {
    prune();
    let Ok(blocks) = document().query_selector_all(".note-body .py-block") else {
        return;
    };
    let shared = parse_share(&window().location().hash().unwrap_or_default());
    let wrap = super::code_wrap::is_on();
    let store = progress_state::state();
    for i in 0..blocks.length() {
        let Some(block) = blocks.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let key = block_key(slug, i as usize);
        let _ = block.set_attribute("data-py-key", &key);
        set_pressed(&block, ".py-wrap", wrap);
        let original = pre_of(&block)
            .and_then(|p| p.text_content())
            .unwrap_or_default();
        ORIGINAL.with_borrow_mut(|o| o.insert(key.clone(), original));
        let saved = store.and_then(|s| {
            s.store
                .with_untracked(|s| s.block_code(&key).map(str::to_string))
        });
        match &shared {
            Some(Ok(sh)) if sh.block == Some(i as usize) => {
                set_edited(&block, &key, Some(&sh.code));
                let note = Some(SHARED_NOTE.to_string());
                open_editor(
                    block.clone(),
                    key.clone(),
                    sh.code.clone(),
                    false,
                    note,
                    true,
                );
                block.scroll_into_view();
            }
            _ => {
                if let Some(code) = saved {
                    set_edited(&block, &key, Some(&code));
                    open_editor(block.clone(), key, code, false, None, false);
                }
            }
        }
    }
    match shared {
        Some(Err(e)) => {
            if let Ok(Some(first)) = document().query_selector(".note-body .py-block") {
                set_note(&first, Some(&e));
            }
        }
        Some(Ok(_)) => {
            // The link's code is on the page now; a reload shows the learner's own version.
            super::replace_hash(&crate::route::Route::Topic {
                slug: slug.to_string(),
                anchor: None,
                highlight: None,
            });
        }
        None => {}
    }
}

/// Every open editor wraps long lines, or not (`ui::code_wrap`).
pub(crate) fn set_wrap_all(on: bool) {
    LIVE.with_borrow(|l| {
        for live in l.values() {
            call(&live.handle, "setWrap", &[on.into()]);
        }
    });
}

/// The scratchpad page (`#/py`): the learner's own code in the editor, run like a notes block.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn ScratchpadPage() -> impl IntoView {
    super::set_title(Some(SCRATCHPAD_TITLE));
    let (saved, stdin) = progress_state::state()
        .map(|s| {
            s.store
                .with_untracked(|s| (s.scratchpad().to_string(), s.scratchpad_stdin().to_string()))
        })
        .unwrap_or_default();
    let shared = parse_share(&window().location().hash().unwrap_or_default());
    let from_link = matches!(shared, Some(Ok(_)));
    // The learner's own code: what is saved, else the sample.
    let own = if saved.is_empty() {
        SCRATCHPAD_START.to_string()
    } else {
        saved
    };
    let (code, note) = match shared {
        Some(Ok(sh)) => (sh.code, Some(SCRATCHPAD_SHARED_NOTE.to_string())),
        // A link that could not be opened leaves the scratchpad as it was.
        Some(Err(e)) => (own, Some(e)),
        None => (own, None),
    };
    let shown = code.clone();
    let block = NodeRef::<leptos::html::Div>::new();
    request_animation_frame(move || {
        // `try_`: the reader may have left the page before this frame (its `NodeRef` is then
        // disposed, and reading it would panic).
        let Some(el) = block.try_get_untracked().flatten() else {
            return;
        };
        let el: Element = el.into();
        set_pressed(&el, ".py-wrap", super::code_wrap::is_on());
        super::pyrun_io::restore_stdin(&el, &stdin);
        // Whatever the page was opened with is shown; it is saved on the first change.
        open_editor(el, SCRATCHPAD_KEY.to_string(), code, true, note, from_link);
        super::replace_hash(&crate::route::Route::Scratchpad);
    });
    view! {
        <div class="scratchpad">
            <h1>{SCRATCHPAD_TITLE}</h1>
            <p class="muted">"写你自己的代码，在浏览器里用 CPython 运行（第一次运行会下载约 6.4 MB 的 Python 运行环境）。代码自动保存在本机的学习进度里，可随进度导出。"</p>
            <div class="py-block" data-py-key=SCRATCHPAD_KEY node_ref=block>
                <div class="py-tools">
                    <button type="button" class="py-run small">{crate::notes::pyrun::RUN_LABEL}</button>
                    <button type="button" class="py-copy small">{crate::notes::pyrun::COPY_LABEL}</button>
                    <button type="button" class="py-wrap small" aria-pressed="false">{crate::notes::pyedit::WRAP_LABEL}</button>
                    <button type="button" class="py-share small">{SHARE_LABEL}</button>
                    <button type="button" class="py-stdin-toggle small" aria-expanded="false" title="input() 从这里逐行读取">
                        {crate::notes::pyrun::STDIN_LABEL}
                    </button>
                </div>
                // The code until the editor arrives (or if it cannot: offline before its first
                // use); the editor goes right after it and hides it.
                <pre class="code"><code inner_html=highlight_python(&shown)></code></pre>
                // The 标准输入 box (input()) goes in this slot, below the editor, above the output.
                <div class="py-stdin-slot"></div>
            </div>
        </div>
    }
}
