//! The header search box: a WAI-ARIA combobox (an input with a listbox popup of the best
//! hits, driven by the arrow keys, Enter and Escape), focused with `/` or Ctrl/Cmd+K.
//!
//! The input and its keyboard handling come with the app; the popup (`super::popup`, which
//! runs the query) arrives with the search chunk, requested at the first focus or keystroke.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{highlight_in_page, option_id, Combobox, SearchContext, SearchView};
use crate::route::{self, Route};
use crate::ui::deferred::{self, Part};

/// `id` of the search input.
const INPUT_ID: &str = "search-input";
/// `id` of the dropdown's listbox.
pub(super) const LISTBOX_ID: &str = "search-listbox";
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

/// The search input.
fn input() -> Option<web_sys::HtmlInputElement> {
    document()
        .get_element_by_id(INPUT_ID)
        .and_then(|el| el.dyn_into().ok())
}

impl Combobox {
    /// Closes the popup.
    pub(super) fn close(self) {
        self.open.set(false);
        self.active.set(None);
    }

    /// Opens the option `sel` (a hit index, or the "all results" item / no selection).
    pub(super) fn activate(self, sel: Option<usize>) {
        let query = self.text.get_untracked();
        if query.trim().is_empty() {
            return;
        }
        let hit = sel.and_then(|i| {
            self.targets
                .with_untracked(|t| t.as_ref().and_then(|t| t.get(i).cloned()))
        });
        let target = hit.unwrap_or(Route::Search { query });
        self.close();
        if let Some(input) = input() {
            let _ = input.blur();
        }
        go(&target);
    }

    /// Moves the selection one option down (or up), wrapping around; nothing to move through
    /// until the popup has listed its options.
    fn move_selection(self, down: bool) {
        // Options: the hits, then "查看全部结果".
        let Some(count) = self
            .targets
            .with_untracked(|t| t.as_ref().map(|t| t.len() + 1))
        else {
            return;
        };
        let next = match (self.active.get_untracked(), down) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.active.set(Some(next));
        if let Some(el) = document().get_element_by_id(&option_id(next)) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }
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
    let combo = Combobox {
        text,
        open,
        show,
        active,
        targets: RwSignal::new(None),
    };
    // Set once, at the first focus or keystroke: the popup's chunk is requested then, and the
    // popup, once here, stays mounted (it renders nothing while closed).
    let wanted = RwSignal::new(false);
    let want = move || {
        crate::ui::bodies::want_all(); // the notes bundle too, at the same moment as before
        if !wanted.get_untracked() {
            wanted.set(true);
        }
    };
    // The listbox exists once the popup's code is here.
    let expanded = move || show.get() && combo.targets.with(Option::is_some);

    // On navigation: close the dropdown; on the results page, show its query in the box.
    Effect::new(move |_| {
        let r = route.get();
        combo.close();
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

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        want();
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
                combo.move_selection(ev.key() == "ArrowDown");
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
                combo.activate(sel);
            }
            "Escape" => {
                if show.get_untracked() {
                    ev.prevent_default();
                    combo.close();
                } else if let Some(input) = input_ref.get_untracked() {
                    let _ = input.blur();
                }
            }
            "Tab" => combo.close(),
            _ => {}
        }
    };

    view! {
        <div class="search-box" role="search">
            <span class="search-icon" aria-hidden="true"></span>
            <input node_ref=input_ref id=INPUT_ID class="search-input" type="search"
                role="combobox" aria-autocomplete="list" aria-controls=LISTBOX_ID
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || {
                    if expanded() { active.get().map(option_id) } else { None }
                }
                aria-label="搜索笔记和练习（快捷键 / 或 Ctrl+K）"
                placeholder="搜索笔记…"
                autocomplete="off" spellcheck="false" enterkeyhint="search"
                value=text.get_untracked()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| {
                    want();
                    open.set(true);
                }
                on:blur=move |_| combo.close() />
            <kbd class="search-kbd" aria-hidden="true">"/"</kbd>
            {move || wanted.get().then(|| deferred::show(Part::Search(SearchView::Popup(combo))))}
        </div>
    }
}
