//! A Python block's run beyond the toolbar (`src/ui/pyrun.rs`): its 标准输入 box, whose lines
//! feed `input()`; the line a traceback points at, marked in the block's code; and the notes
//! under the output (the sample files a run used, why the browser could not run it).
//!
//! DOM only, made on first use and inserted as text; the decisions are in `notes::pyrun`.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlTextAreaElement};

use crate::notes::pyrun::{
    error_line, error_line_text, explanation, samples_text, stdin_label, RunResult, STDIN_LABEL,
};

/// The block's 标准输入 box, if it has one.
fn stdin_box(block: &Element) -> Option<Element> {
    block.query_selector(":scope > .py-stdin").ok().flatten()
}

/// The 标准输入 box's text for a run of `block` ("" without a box). Lines typed and then hidden
/// still count: the toolbar's label says how many there are.
pub(crate) fn stdin_of(block: &Element) -> String {
    stdin_box(block)
        .and_then(|b| b.query_selector("textarea").ok().flatten())
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default()
}

/// Opens or closes `block`'s 标准输入 box (a disclosure button, WAI-ARIA's pattern); the box is
/// made on first open, between the code and the output.
pub(crate) fn toggle_stdin(block: &Element, button: &Element) {
    let open = button.get_attribute("aria-expanded").as_deref() == Some("true");
    let existing = stdin_box(block);
    let boxed = match existing {
        Some(b) => b,
        None => {
            let Some(b) = make_stdin_box(block) else {
                return;
            };
            b
        }
    };
    if open {
        let _ = boxed.set_attribute("hidden", "");
    } else {
        let _ = boxed.remove_attribute("hidden");
        if let Some(t) = boxed
            .query_selector("textarea")
            .ok()
            .flatten()
            .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        {
            let _ = t.focus();
        }
    }
    let _ = button.set_attribute("aria-expanded", if open { "false" } else { "true" });
    if let Some(id) = boxed.get_attribute("id") {
        let _ = button.set_attribute("aria-controls", &id);
    }
}

fn make_stdin_box(block: &Element) -> Option<Element> {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    }
    let n = NEXT.get();
    NEXT.set(n + 1);
    let doc = document();
    let wrap = doc.create_element("div").ok()?;
    wrap.set_class_name("py-stdin");
    wrap.set_id(&format!("py-stdin-{n}"));
    let label = doc.create_element("label").ok()?;
    let _ = label.set_attribute("for", &format!("py-stdin-text-{n}"));
    label.set_text_content(Some(&format!(
        "{STDIN_LABEL}：每行供一次 input() 读取，读完后 input() 引发 EOFError"
    )));
    let area = doc.create_element("textarea").ok()?;
    area.set_id(&format!("py-stdin-text-{n}"));
    let _ = area.set_attribute("rows", "3");
    let _ = area.set_attribute("spellcheck", "false");
    let _ = area.set_attribute("autocapitalize", "off");
    wrap.append_child(&label).ok()?;
    wrap.append_child(&area).ok()?;
    // Above the output, if there is one already.
    let output = block
        .query_selector(":scope > output.py-output")
        .ok()
        .flatten();
    block
        .insert_before(&wrap, output.as_ref().map(|o| o.unchecked_ref()))
        .ok()?;
    Some(wrap)
}

/// Typing in a 标准输入 box: its toolbar button says how many lines it holds.
pub(crate) fn on_input(event: &Event) {
    let Some(area) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let Some(block) = area.closest(".py-block").ok().flatten() else {
        return;
    };
    if area.closest(".py-stdin").ok().flatten().is_none() {
        return;
    }
    if let Ok(Some(button)) = block.query_selector(".py-stdin-toggle") {
        button.set_text_content(Some(&stdin_label(&area.value())));
    }
    if block.get_attribute("data-py-key").as_deref() == Some(super::pyedit::SCRATCHPAD_KEY) {
        let (text, now) = (area.value(), super::date_now_ms());
        super::progress_state::update_soon(move |s| {
            s.set_scratchpad_stdin(&text, now);
        });
    }
}

/// The scratchpad page's saved 标准输入 text, put back in a closed box (its button counts the
/// lines); nothing for "".
pub(crate) fn restore_stdin(block: &Element, text: &str) {
    if text.is_empty() {
        return;
    }
    let Some(wrap) = stdin_box(block).or_else(|| make_stdin_box(block)) else {
        return;
    };
    let _ = wrap.set_attribute("hidden", "");
    if let Some(area) = wrap
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
    {
        area.set_value(text);
    }
    if let Ok(Some(button)) = block.query_selector(".py-stdin-toggle") {
        button.set_text_content(Some(&stdin_label(text)));
        if let Some(id) = wrap.get_attribute("id") {
            let _ = button.set_attribute("aria-controls", &id);
        }
    }
}

/// Removes the mark a previous run left on `block`'s code.
pub(crate) fn clear_error_line(block: &Element) {
    if let Ok(Some(old)) = block.query_selector("pre.code > .py-errline") {
        old.remove();
    }
}

/// After a run of `code`: marks the line the traceback points at in the block's code and adds
/// the notes under the output (that line, why the browser could not run it, the sample files).
pub(crate) fn show_hints(block: &Element, out: &Element, code: &str, result: &RunResult) {
    clear_error_line(block);
    let line = result.traceback.as_deref().and_then(error_line);
    if let Some((line, text)) = line.and_then(|l| Some((l, error_line_text(code, l)?))) {
        hint(out, "py-hint py-where", &text);
        mark_line(block, line);
    }
    if let Some(text) = explanation(result) {
        hint(out, "py-hint py-explain", text);
    }
    if let Some(text) = samples_text(&result.samples) {
        hint(out, "py-hint py-samples", &text);
    }
}

fn hint(out: &Element, class: &str, text: &str) {
    if let Ok(p) = document().create_element("p") {
        p.set_class_name(class);
        p.set_text_content(Some(text));
        let _ = out.append_child(&p);
    }
}

/// An empty band over line `line` of the block's code (style/main.css `.py-errline`, placed by
/// the custom property `--line`); the code's text is untouched.
fn mark_line(block: &Element, line: usize) {
    let Ok(Some(pre)) = block.query_selector("pre.code") else {
        return;
    };
    let Some(mark) = document()
        .create_element("span")
        .ok()
        .and_then(|m| m.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    mark.set_class_name("py-errline");
    let _ = mark.set_attribute("aria-hidden", "true");
    let _ = mark.set_attribute("data-line", &line.to_string());
    // CSSOM, which the CSP allows (a style attribute it would not).
    let _ = mark.style().set_property("--line", &line.to_string());
    let _ = pre.append_child(&mark);
}
