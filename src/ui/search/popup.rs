//! The search box's popup: the listbox of the best hits for what the box holds, with the
//! notices of the partial, empty or cut query. Part of the search chunk: built once, when the
//! chunk arrives after the first focus or keystroke, and kept (it renders nothing while closed),
//! so typing never waits for a chunk again.

use leptos::prelude::*;

use super::combobox::LISTBOX_ID;
use super::found::{
    hit_body, hit_route, index, kind_attr, loading_notice, partial_notice, run, Results,
};
use super::{option_id, shown, Combobox};
use crate::search::{MAX_QUERY_CHARS, MAX_TERMS};

/// Results rendered in the dropdown (per keystroke, so kept small).
const DROPDOWN_LIMIT: usize = 8;

/// The popup of `combo`: runs the query in its input (the first time at once, so what was typed
/// while the chunk loaded is answered when it arrives) and lists the hits.
pub(super) fn popup(combo: Combobox) -> AnyView {
    let Combobox {
        text,
        show,
        active,
        targets,
        ..
    } = combo;
    let _ = index(); // build it before the next keystroke needs it
    let results = Memo::new(move |_| {
        if show.get() {
            text.with(|t| run(t, DROPDOWN_LIMIT))
        } else {
            Results::default()
        }
    });
    // Where each hit leads, for the box's keyboard handling: now, then whenever they change.
    let routes = move |r: &Results| -> Vec<crate::route::Route> {
        r.hits.iter().map(|h| hit_route(h, &r.query)).collect()
    };
    targets.set(Some(results.with_untracked(routes)));
    Effect::new(move |_| {
        let now = results.with(routes);
        if targets.with_untracked(|t| t.as_ref() != Some(&now)) {
            targets.set(Some(now));
        }
    });
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
                        on:click=move |_| combo.activate(Some(i))>
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
                {loading_notice(&r)}
                {partial}
                {empty}
                <ul role="listbox" id=LISTBOX_ID aria-label="搜索结果">
                    {options}
                    <li role="option" id=all_id class="search-option search-all"
                        class:active=all_selected
                        aria-selected=move || all_selected().to_string()
                        on:mouseenter=move |_| active.set(Some(n))
                        on:click=move |_| combo.activate(None)>
                        {all_label}
                    </li>
                </ul>
            </div>
        })
    };
    popover.into_any()
}
