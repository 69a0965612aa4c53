//! Turns a panic into a visible error panel (reload / export progress) instead of a blank page.
//!
//! The release build aborts on panic, so after the hook returns the wasm instance is dead:
//! the panel is therefore plain DOM built with `web_sys`, and its buttons never call back
//! into wasm. 重新加载 is `location.reload` bound as the listener; 导出进度 clicks a hidden
//! `<a download>` whose `data:` URL already holds the raw progress JSON (read at panic time
//! through [`crate::storage`], the only localStorage module). Everything is set as text or
//! attributes, never as markup.

use wasm_bindgen::{JsCast, JsValue};

use crate::storage::{self, PROGRESS_KEY};

/// Id of the panel, so a second panic does not add a second one.
const PANEL_ID: &str = "panic-panel";

/// Installs the panic hook: logs like `console_error_panic_hook`, then shows the panel.
pub(crate) fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let _ = show_panel(&info.to_string());
        }));
    });
}

/// A method of `target` (e.g. `location.reload`) bound to it, usable as an event listener.
fn bound_method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    let f = js_sys::Reflect::get(target, &JsValue::from_str(name)).ok()?;
    Some(f.dyn_into::<js_sys::Function>().ok()?.bind0(target))
}

fn show_panel(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id(PANEL_ID).is_some() {
        return Some(());
    }
    let body = document.body()?;
    // The app behind the panel can no longer react: replace it rather than leave dead UI.
    body.set_text_content(None);

    let el = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    };

    let main = el("main", "", "")?;
    main.set_id("main");
    let panel = el("div", "panel error", "")?;
    panel.set_id(PANEL_ID);
    panel.set_attribute("role", "alert").ok()?;
    let title = el("h1", "", "出错了")?;
    panel.append_child(&title).ok()?;
    let explain = el(
        "p",
        "",
        "页面遇到了一个内部错误，无法继续运行。你的学习进度保存在本机浏览器里，不会丢失；\
         可以重新加载页面，或先导出进度备份。",
    )?;
    panel.append_child(&explain).ok()?;

    let actions = el("p", "panic-actions", "")?;
    let window: JsValue = web_sys::window()?.into();
    let location = js_sys::Reflect::get(&window, &JsValue::from_str("location")).ok()?;
    let reload = el("button", "primary", "重新加载")?;
    reload.set_attribute("type", "button").ok()?;
    if let Some(f) = bound_method(&location, "reload") {
        reload.add_event_listener_with_callback("click", &f).ok()?;
    }
    actions.append_child(&reload).ok()?;
    actions.append_child(&document.create_text_node(" ")).ok()?;

    let export = el("button", "", "导出进度")?;
    export.set_attribute("type", "button").ok()?;
    match storage::get(PROGRESS_KEY) {
        Ok(Some(raw)) => {
            let link = el("a", "", "")?;
            link.set_attribute("hidden", "").ok()?;
            link.set_attribute("download", "mianshiti-progress.json")
                .ok()?;
            let href = format!(
                "data:application/json;charset=utf-8,{}",
                String::from(js_sys::encode_uri_component(&raw))
            );
            link.set_attribute("href", &href).ok()?;
            if let Some(f) = bound_method(&link.clone().into(), "click") {
                export.add_event_listener_with_callback("click", &f).ok()?;
            }
            actions.append_child(&link).ok()?;
        }
        _ => {
            export.set_attribute("disabled", "").ok()?;
            export.set_attribute("title", "没有可导出的进度").ok()?;
        }
    }
    actions.append_child(&export).ok()?;
    panel.append_child(&actions).ok()?;

    let details = el("details", "", "")?;
    let summary = el("summary", "", "技术细节")?;
    details.append_child(&summary).ok()?;
    let pre = el("pre", "", message)?;
    details.append_child(&pre).ok()?;
    panel.append_child(&details).ok()?;

    main.append_child(&panel).ok()?;
    body.append_child(&main).ok()?;
    Some(())
}
