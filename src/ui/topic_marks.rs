//! The learner's progress where they browse: each topic link of the sidebar and the home
//! cards shows its status, bookmark, note, exercise and cards ([`progress::topic_mark`]), and the 复习
//! link the number of topics due today. The links stay one static HTML string each
//! ([`crate::notes::toc_html`]); one effect per list rewrites the marks that changed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{catalogue, progress_state};
use crate::progress::{self, TopicFilter};

/// Keeps the marks of the topic links (`a[data-slug]`) under `root` (a CSS selector) in step
/// with the progress store, this tab's changes and other tabs' alike, and, given a `filter`,
/// hides the topics (and whole categories) it does not keep. Call it from the component that
/// renders the list: the effect runs after the list is in the document.
pub(crate) fn apply_topic_marks(root: &'static str, filter: Option<RwSignal<u32>>) {
    let (Some(state), Ok(cat)) = (progress_state::state(), catalogue()) else {
        return;
    };
    // Every store change reruns this; links whose mark is unchanged are skipped below.
    Effect::new(move |_| {
        let filter = filter.map(|f| filter_at(f.get()));
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
            let slug = cat.topics[idx].slug.as_str();
            let facts = state.store.with(|s| {
                s.topic_facts(
                    slug,
                    !cat.topics[idx].exercises.is_empty(),
                    crate::cards::topic_has_cards(slug),
                )
            });
            if let (Some(f), Some(item)) = (filter, link.parent_element()) {
                let _ = item.toggle_attribute_with_force("hidden", !f.keeps(facts));
            }
            let key = facts.learner_key();
            if link.get_attribute("data-mark").as_deref() == Some(key.as_str()) {
                continue;
            }
            let mark = progress::topic_mark(facts);
            let _ = link.set_attribute("data-mark", &key);
            let _ = link.set_attribute("data-status", facts.status.key());
            for (selector, text) in [(".tm", &mark.glyphs), (".vh", &mark.spoken)] {
                if let Ok(Some(el)) = link.query_selector(selector) {
                    el.set_text_content(Some(text));
                }
            }
        }
        if let Some(f) = filter {
            // A category whose topics are all filtered out is hidden with its heading; the
            // others' counts say how many of their topics the filter keeps.
            let Ok(groups) = document().query_selector_all(&format!("{root} section")) else {
                return;
            };
            for i in 0..groups.length() {
                if let Some(group) = groups
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let kept = group
                        .query_selector_all("li:not([hidden])")
                        .map_or(0, |l| l.length() as usize);
                    let _ = group.toggle_attribute_with_force("hidden", kept == 0);
                    if let Ok(Some(count)) = group.query_selector(".count[data-total]") {
                        let total = count
                            .get_attribute("data-total")
                            .and_then(|n| n.parse().ok())
                            .unwrap_or(kept);
                        let (text, words) = f.category_count(kept, total);
                        count.set_text_content(Some(&text));
                        let _ = count.set_attribute("title", &words);
                    }
                }
            }
        }
    });
}

/// The filter a sidebar filter signal holds: an index into [`TopicFilter::ALL`] (a `u32`
/// signal reuses the app's `RwSignal<u32>` code instead of compiling another signal type).
fn filter_at(i: u32) -> TopicFilter {
    TopicFilter::ALL
        .get(i as usize)
        .copied()
        .unwrap_or_default()
}

/// The filter buttons above the sidebar's topics (WAI-ARIA toggle buttons, one pressed), and
/// what the list says when the filter keeps no topic. `filter` indexes [`TopicFilter::ALL`].
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn TopicFilters(filter: RwSignal<u32>) -> impl IntoView {
    let buttons = (0u32..)
        .zip(TopicFilter::ALL)
        .map(|(i, f)| {
            view! {
                <button class="filter-btn" aria-pressed=move || (filter.get() == i).to_string()
                    on:click=move |_| filter.set(i)>{f.label()}</button>
            }
        })
        .collect_view();
    let any_kept = move || {
        let f = filter_at(filter.get());
        let (Some(state), Ok(cat)) = (progress_state::state(), catalogue()) else {
            return true;
        };
        state.store.with(|s| {
            cat.topics.iter().any(|t| {
                f.keeps(s.topic_facts(
                    &t.slug,
                    !t.exercises.is_empty(),
                    crate::cards::topic_has_cards(&t.slug),
                ))
            })
        })
    };
    view! {
        <div class="toc-filter" role="group" aria-label="筛选主题">{buttons}</div>
        <p class="muted small toc-empty" role="status" hidden=any_kept>
            {move || filter_at(filter.get()).empty_message()}
        </p>
    }
}

/// The number of topics and code cards left to review today (due by the end of the local day,
/// within the daily limits, learning steps included); reactive, it follows the store.
pub(crate) fn due_today() -> usize {
    progress_state::state().map_or(0, |state| {
        state.store.with(|s| {
            super::progress::today_queue(s, &super::progress::queue_keys(Default::default())).len()
        })
    })
}

/// The count after the 复习 link: a number to see, words to hear; nothing when none is due.
pub(crate) fn due_badge() -> impl IntoView {
    move || {
        progress::due_badge(due_today()).map(|(n, words)| {
            view! {
                <span class="due-badge" aria-hidden="true">{n}</span>
                <span class="vh">{words}</span>
            }
        })
    }
}
