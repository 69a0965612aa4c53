//! The learner's progress where they browse: each topic link of the sidebar and the home
//! cards shows its status, bookmark and exercise ([`progress::topic_mark`]), and the 复习
//! link the number of topics due today. The links stay one static HTML string each
//! ([`crate::notes::toc_html`]); one effect per list rewrites the marks that changed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{catalogue, progress_state};
use crate::progress::{self, Status, TopicFilter};

/// Keeps the marks of the topic links (`a[data-slug]`) under `root` (a CSS selector) in step
/// with the progress store, this tab's changes and other tabs' alike, and, given a `filter`,
/// hides the topics (and whole categories) it does not keep. Call it from the component that
/// renders the list: the effect runs after the list is in the document.
pub(crate) fn apply_topic_marks(root: &'static str, filter: Option<ReadSignal<TopicFilter>>) {
    let (Some(state), Ok(cat)) = (progress_state::state(), catalogue()) else {
        return;
    };
    // Only what the marks show: saving a reading position does not touch the lists.
    let shown = Memo::new(move |_| {
        state.store.with(|s| {
            cat.topics
                .iter()
                .map(|t| (s.status(&t.slug), s.is_bookmarked(&t.slug)))
                .collect::<Vec<(Status, bool)>>()
        })
    });
    Effect::new(move |_| {
        let shown = shown.get();
        let filter = filter.map(|f| f.get());
        let Ok(links) = document().query_selector_all(&format!("{root} a[data-slug]")) else {
            return;
        };
        for i in 0..links.length() {
            let Some(link) = links
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Some(idx) = link
                .get_attribute("data-slug")
                .and_then(|slug| cat.index_of(&slug))
            else {
                continue;
            };
            let (status, bookmarked) = shown[idx];
            let has_exercise = !cat.topics[idx].exercises.is_empty();
            if let (Some(f), Some(item)) = (filter, link.parent_element()) {
                let _ = item.toggle_attribute_with_force(
                    "hidden",
                    !f.keeps(status, bookmarked, has_exercise),
                );
            }
            let key = format!("{}{}", status.key(), if bookmarked { "+b" } else { "" });
            if link.get_attribute("data-mark").as_deref() == Some(key.as_str()) {
                continue;
            }
            let mark = progress::topic_mark(status, bookmarked, has_exercise);
            let _ = link.set_attribute("data-mark", &key);
            let _ = link.set_attribute("data-status", status.key());
            for (selector, text) in [(".tm", &mark.glyphs), (".vh", &mark.spoken)] {
                if let Ok(Some(el)) = link.query_selector(selector) {
                    el.set_text_content(Some(text));
                }
            }
        }
        if filter.is_some() {
            // A category whose topics are all filtered out is hidden with its heading.
            let Ok(groups) = document().query_selector_all(&format!("{root} section")) else {
                return;
            };
            for i in 0..groups.length() {
                if let Some(group) = groups
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let empty = !matches!(group.query_selector("li:not([hidden])"), Ok(Some(_)));
                    let _ = group.toggle_attribute_with_force("hidden", empty);
                }
            }
        }
    });
}

/// The filter buttons above the sidebar's topics (WAI-ARIA toggle buttons, one pressed), and
/// what the list says when the filter keeps no topic.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn TopicFilters(filter: RwSignal<TopicFilter>) -> impl IntoView {
    let buttons = TopicFilter::ALL
        .iter()
        .map(|&f| {
            view! {
                <button class="filter-btn" aria-pressed=move || (filter.get() == f).to_string()
                    on:click=move |_| filter.set(f)>{f.label()}</button>
            }
        })
        .collect_view();
    let none_kept = move || {
        let f = filter.get();
        let (Some(state), Ok(cat)) = (progress_state::state(), catalogue()) else {
            return None;
        };
        let any = state.store.with(|s| {
            cat.topics.iter().any(|t| {
                f.keeps(
                    s.status(&t.slug),
                    s.is_bookmarked(&t.slug),
                    !t.exercises.is_empty(),
                )
            })
        });
        (!any).then(
            || view! { <p class="muted small toc-empty" role="status">{f.empty_message()}</p> },
        )
    };
    view! {
        <div class="toc-filter" role="group" aria-label="筛选主题">{buttons}</div>
        {none_kept}
    }
}

/// The number of topics due today (by the end of the local day), following the store.
pub(crate) fn due_today() -> Memo<usize> {
    let slugs = progress_state::slugs();
    Memo::new(move |_| {
        progress_state::state().map_or(0, |state| {
            state.store.with(|s| {
                s.due_queue(super::progress::end_of_today_ms(), &slugs)
                    .len()
            })
        })
    })
}

/// The count after the 复习 link: a number to see, words to hear; nothing when none is due.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn DueBadge(due: Memo<usize>) -> impl IntoView {
    move || {
        progress::due_badge(due.get()).map(|(n, words)| {
            view! {
                <span class="due-badge" aria-hidden="true">{n}</span>
                <span class="vh">{words}</span>
            }
        })
    }
}
