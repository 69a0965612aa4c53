//! Highlighting inside a topic page: the query's matches in the title and body become
//! `<mark class="search-hit">` elements, with a bar above the article to step through them
//! or clear them.
//!
//! The DOM is the state: the marks are found again by their class, and the current one
//! carries the class `current`, so nothing outlives the topic page it was made for.
//!
//! Part of the search chunk: the app asks for it through [`super::highlight_in_page`].

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use leptos::prelude::*;

use super::shown;
use crate::route::{self, Route};
use crate::search::{cut_query, find_ranges, parse_query, segments};

/// `<mark>`s inserted into a topic page at most (a one-letter query could match thousands).
const MAX_MARKS: usize = 500;
/// The marks of the current highlighting, in document order.
const MARKS: &str = "mark.search-hit";

thread_local! {
    /// One click listener shared by every highlight bar: created once, on the first bar, and
    /// never dropped (it holds no state; every bar of the page's lifetime may call it).
    static BAR_LISTENER: js_sys::Function = Closure::<dyn Fn(web_sys::Event)>::new(on_bar_click)
        .into_js_value()
        .unchecked_into();
}

/// Highlights the search terms inside the rendered topic body and scrolls to the first match.
pub(super) fn highlight_in_page(query: &str) {
    clear_highlights();
    let doc = document();
    let Some(article) = doc.query_selector("article.topic").ok().flatten() else {
        return;
    };
    let query = cut_query(query);
    let terms = parse_query(query).terms;
    if terms.is_empty() {
        return;
    }
    let mut texts = Vec::new();
    for selector in [".topic-title", ".note-body"] {
        if let Some(root) = article.query_selector(selector).ok().flatten() {
            collect_text(&root, &mut texts);
        }
    }
    let mut marks: Vec<web_sys::Element> = Vec::new();
    let mut capped = false;
    for node in texts {
        let Some(text) = node.node_value() else {
            continue;
        };
        let ranges = find_ranges(&text, &terms);
        if ranges.is_empty() {
            continue;
        }
        let Some(parent) = node.parent_node() else {
            continue;
        };
        for (piece, hit) in segments(&text, &ranges) {
            let new_node: Option<web_sys::Node> = if hit && marks.len() < MAX_MARKS {
                doc.create_element("mark").ok().map(|mark| {
                    mark.set_class_name("search-hit");
                    mark.set_text_content(Some(&piece));
                    marks.push(mark.clone());
                    mark.into()
                })
            } else {
                capped |= hit;
                node.clone_node()
                    .ok()
                    .inspect(|t| t.set_node_value(Some(&piece)))
            };
            if let Some(new_node) = new_node {
                let _ = parent.insert_before(&new_node, Some(&node));
            }
        }
        let _ = parent.remove_child(&node);
    }
    if let Ok(bar) = highlight_bar(&doc, query, marks.len(), capped) {
        let _ = article.insert_before(&bar, article.first_child().as_ref());
    }
    match marks.first() {
        Some(mark) => focus_mark(mark),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Appends the text nodes under `node` to `out`, in document order.
fn collect_text(node: &web_sys::Node, out: &mut Vec<web_sys::Node>) {
    let mut child = node.first_child();
    while let Some(c) = child {
        match c.node_type() {
            web_sys::Node::TEXT_NODE => out.push(c.clone()),
            web_sys::Node::ELEMENT_NODE
                if !matches!(c.node_name().as_str(), "SCRIPT" | "STYLE" | "TEXTAREA") =>
            {
                collect_text(&c, out);
            }
            _ => {}
        }
        child = c.next_sibling();
    }
}

/// Marks `mark` as the current hit and scrolls it to the middle of the screen.
fn focus_mark(mark: &web_sys::Element) {
    let _ = mark.class_list().add_1("current");
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    mark.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// The bar "高亮：<query> · N 处 · 上一处 下一处 清除高亮" (text nodes only).
fn highlight_bar(
    doc: &web_sys::Document,
    query: &str,
    count: usize,
    capped: bool,
) -> Result<web_sys::Element, JsValue> {
    let bar = doc.create_element("div")?;
    bar.set_class_name("search-hl-bar");
    bar.set_attribute("role", "status")?;
    let span = |class: &str, text: &str| -> Result<web_sys::Element, JsValue> {
        let el = doc.create_element("span")?;
        el.set_class_name(class);
        el.set_text_content(Some(text));
        bar.append_child(&el)?;
        Ok(el)
    };
    span("hl-label", "高亮：")?;
    span("hl-query", &shown(query))?;
    let count_text = match (count, capped) {
        (0, _) => " · 本页正文没有匹配".to_string(),
        (n, true) => format!(" · {n}+ 处"),
        (n, false) => format!(" · {n} 处"),
    };
    span("hl-count", &count_text)?;
    let button = |action: &str, label: &str| -> Result<(), JsValue> {
        let b = doc.create_element("button")?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-action", action)?;
        b.set_text_content(Some(label));
        bar.append_child(&b)?;
        Ok(())
    };
    if count > 1 {
        button("prev", "上一处")?;
        button("next", "下一处")?;
    }
    button("clear", "清除高亮")?;
    BAR_LISTENER.with(|f| bar.add_event_listener_with_callback("click", f))?;
    Ok(bar)
}

/// A click in a highlight bar: its buttons step through the marks or clear them.
fn on_bar_click(ev: web_sys::Event) {
    let action = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-action]").ok().flatten())
        .and_then(|el| el.get_attribute("data-action"));
    match action.as_deref() {
        Some("next") => step(true),
        Some("prev") => step(false),
        Some("clear") => {
            clear_highlights();
            // Drop `hl` from the URL so a reload does not bring the marks back.
            if let Route::Topic { slug, anchor, .. } =
                route::parse(&window().location().hash().unwrap_or_default())
            {
                crate::ui::replace_hash(&Route::Topic {
                    slug,
                    anchor,
                    highlight: None,
                });
            }
        }
        _ => {}
    }
}

/// The marks of the current highlighting, in document order.
fn marks() -> Vec<web_sys::Element> {
    let Ok(list) = document().query_selector_all(MARKS) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Scrolls to the next (or previous) hit after the current one, wrapping around.
fn step(forward: bool) {
    let marks = marks();
    let n = marks.len();
    if n == 0 {
        return;
    }
    let cur = marks
        .iter()
        .position(|m| m.class_list().contains("current"))
        .unwrap_or(0);
    let _ = marks[cur].class_list().remove_1("current");
    let next = if forward {
        (cur + 1) % n
    } else {
        (cur + n - 1) % n
    };
    focus_mark(&marks[next]);
}

/// Removes the current highlighting: unwraps every mark and removes the bar.
fn clear_highlights() {
    for mark in marks() {
        let Some(parent) = mark.parent_node() else {
            continue;
        };
        while let Some(child) = mark.first_child() {
            let _ = parent.insert_before(&child, Some(&mark));
        }
        let _ = parent.remove_child(&mark);
        parent.normalize(); // merge the split text nodes back
    }
    if let Ok(bars) = document().query_selector_all(".search-hl-bar") {
        for i in 0..bars.length() {
            if let Some(bar) = bars
                .item(i)
                .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
            {
                bar.remove();
            }
        }
    }
}
