//! The header search box: a WAI-ARIA combobox (an input with a listbox popup of the best
//! hits, driven by the arrow keys, Enter and Escape), focused with `/` or Ctrl/Cmd+K.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{
    highlight_in_page, hit_body, hit_route, kind_attr, partial_notice, run, shown, Results,
    SearchContext,
};
use crate::route::{self, Route};
use crate::search::{MAX_QUERY_CHARS, MAX_TERMS};

/// Results rendered in the dropdown (per keystroke, so kept small).
const DROPDOWN_LIMIT: usize = 8;
/// `id` of the search input.
const INPUT_ID: &str = "search-input";
/// `id` of the dropdown's listbox.
const LISTBOX_ID: &str = "search-listbox";
/// Pause in typing after which the results page re-renders, in ms.
const PAGE_DEBOUNCE_MS: u64 = 120;

/// Navigates to `target`; when the hash would not change (the same topic and query again),
/// no `hashchange` fires, so the highlighting is redone directly.
fn go(target: &Route) {
    let hash = route::to_hash(target);
    if window().location().hash().unwrap_or_default() == hash {
        if let Route::Topic {
            highlight: Some(q), ..
        } = target
        {
            highlight_in_page(q);
        }
    } else {
        crate::ui::navigate(target);
    }
}

/// `id` of the `i`-th option of the listbox (the hits, then "all results").
fn option_id(i: usize) -> String {
    format!("search-opt-{i}")
}

/// True when a key press is aimed at something the user types into.
fn typing_target(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// The search box in the header (reachable with `/` or Ctrl/Cmd+K).
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn SearchBox(route: ReadSignal<Route>) -> impl IntoView {
    let ctx = SearchContext::from_context();
    let input_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let text = RwSignal::new(match route.get_untracked() {
        Route::Search { query } => query,
        _ => String::new(),
    });
    let open = RwSignal::new(false);
    let active: RwSignal<Option<usize>> = RwSignal::new(None);
    let on_page = Memo::new(move |_| matches!(route.get(), Route::Search { .. }));
    let show =
        Memo::new(move |_| open.get() && !on_page.get() && text.with(|t| !t.trim().is_empty()));
    let results = Memo::new(move |_| {
        if show.get() {
            text.with(|t| run(t, DROPDOWN_LIMIT))
        } else {
            Results::default()
        }
    });

    // On navigation: close the dropdown; on the results page, show its query in the box.
    Effect::new(move |_| {
        let r = route.get();
        open.set(false);
        active.set(None);
        if let Route::Search { query } = r {
            if text.get_untracked() != query {
                if let Some(input) = input_ref.get_untracked() {
                    input.set_value(&query);
                }
                text.set(query);
            }
        }
    });

    let focus_box = move || {
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
            input.select();
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.is_composing() {
            return;
        }
        let key = ev.key();
        let command_k =
            (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && key.eq_ignore_ascii_case("k");
        let slash =
            key == "/" && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() && !typing_target(&ev);
        if command_k || slash {
            ev.prevent_default();
            focus_box();
        }
    });
    on_cleanup(move || handle.remove());

    let close = move || {
        open.set(false);
        active.set(None);
    };
    // Opens the option `sel` (a hit index, or the "all results" item / no selection).
    let activate = move |sel: Option<usize>| {
        let query = text.get_untracked();
        if query.trim().is_empty() {
            return;
        }
        let hit = sel.and_then(|i| results.with_untracked(|r| r.hits.get(i).cloned()));
        let target = match hit {
            Some(hit) => hit_route(&hit, &query),
            None => Route::Search { query },
        };
        close();
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.blur();
        }
        go(&target);
    };
    let move_selection = move |down: bool| {
        // Options: the hits, then "查看全部结果".
        let count = results.with_untracked(|r| r.hits.len()) + 1;
        let next = match (active.get_untracked(), down) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        active.set(Some(next));
        if let Some(el) = document().get_element_by_id(&option_id(next)) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    };

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        active.set(None);
        if on_page.get_untracked() {
            crate::ui::replace_hash(&Route::Search {
                query: value.clone(),
            });
            // Rendering up to a page of results costs more than a frame, so the results page
            // follows once typing pauses: a query the box no longer holds is never shown.
            let query = value.clone();
            set_timeout(
                move || {
                    if text.try_with_untracked(|t| *t == query) == Some(true) {
                        ctx.show_on_page(query);
                    }
                },
                std::time::Duration::from_millis(PAGE_DEBOUNCE_MS),
            );
        } else {
            open.set(true);
        }
        text.set(value);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.is_composing() {
            return; // the IME is using the key (e.g. Enter to commit pinyin)
        }
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !on_page.get_untracked() => {
                if text.with_untracked(|t| t.trim().is_empty()) {
                    return;
                }
                ev.prevent_default();
                if !open.get_untracked() {
                    open.set(true);
                    return;
                }
                move_selection(ev.key() == "ArrowDown");
            }
            "ArrowDown" => {
                // On the results page the arrow moves on into the results themselves.
                if let Some(link) = document()
                    .query_selector(".search-results .search-result")
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    ev.prevent_default();
                    let _ = link.focus();
                }
            }
            "Enter" => {
                ev.prevent_default();
                let sel = if show.get_untracked() {
                    active.get_untracked()
                } else {
                    None
                };
                activate(sel);
            }
            "Escape" => {
                if show.get_untracked() {
                    ev.prevent_default();
                    close();
                } else if let Some(input) = input_ref.get_untracked() {
                    let _ = input.blur();
                }
            }
            "Tab" => close(),
            _ => {}
        }
    };

    let popover = move || {
        if !show.get() {
            return None;
        }
        let r = results.get();
        let n = r.hits.len();
        let all_id = option_id(n);
        let options = r
            .hits
            .iter()
            .enumerate()
            .map(|(i, hit)| {
                let selected = move || active.get() == Some(i);
                view! {
                    <li role="option" id=option_id(i) class="search-option"
                        class:active=selected
                        aria-selected=move || selected().to_string()
                        data-kind=kind_attr(hit)
                        on:mouseenter=move |_| active.set(Some(i))
                        on:click=move |_| activate(Some(i))>
                        {hit_body(hit, &r.terms)}
                    </li>
                }
            })
            .collect_view();
        let partial = partial_notice(&r).map(|notice| {
            view! { <p class="search-empty" data-state="partial">{notice}</p> }
        });
        let empty = (n == 0 && partial.is_none()).then(|| {
            view! {
                <p class="search-empty">"没有找到「" {shown(&r.query)} "」，试试更短的关键词。"</p>
            }
        });
        let truncated = r.truncated.then(|| {
            view! {
                <p class="search-trunc">
                    {format!("查询过长，只用了前 {MAX_QUERY_CHARS} 个字符、最多 {MAX_TERMS} 个词。")}
                </p>
            }
        });
        let all_label = if r.total > n {
            "查看全部结果（更多）→"
        } else {
            "在结果页查看 →"
        };
        let all_selected = move || active.get() == Some(n);
        Some(view! {
            // Keep the focus in the input while clicking an option (no blur before click).
            <div class="search-popover" on:mousedown=|ev| ev.prevent_default()>
                {truncated}
                {super::loading_notice(&r)}
                {partial}
                {empty}
                <ul role="listbox" id=LISTBOX_ID aria-label="搜索结果">
                    {options}
                    <li role="option" id=all_id class="search-option search-all"
                        class:active=all_selected
                        aria-selected=move || all_selected().to_string()
                        on:mouseenter=move |_| active.set(Some(n))
                        on:click=move |_| activate(None)>
                        {all_label}
                    </li>
                </ul>
            </div>
        })
    };

    view! {
        <div class="search-box" role="search">
            <span class="search-icon" aria-hidden="true"></span>
            <input node_ref=input_ref id=INPUT_ID class="search-input" type="search"
                role="combobox" aria-autocomplete="list" aria-controls=LISTBOX_ID
                aria-expanded=move || show.get().to_string()
                aria-activedescendant=move || {
                    if show.get() { active.get().map(option_id) } else { None }
                }
                aria-label="搜索笔记和练习（快捷键 / 或 Ctrl+K）"
                placeholder="搜索笔记…"
                autocomplete="off" spellcheck="false" enterkeyhint="search"
                value=text.get_untracked()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| {
                    let _ = super::index(); // build it before the first keystroke needs it
                    open.set(true);
                }
                on:blur=move |_| close() />
            <kbd class="search-kbd" aria-hidden="true">"/"</kbd>
            {popover}
        </div>
    }
}
