//! The 今日复习 section: topics and code cards due today (each a link into the review page)
//! and the next few due after today.

use leptos::prelude::*;

use super::review::set_pending_review;
use super::{end_of_today_ms, item_hash, queue_keys, title_html, today_queue};
use crate::notes::Catalogue;
use crate::progress;
use crate::ui::format;
use crate::ui::progress_state::ProgressState;
use crate::ui::today;

/// Upcoming reviews listed on the overview.
const UPCOMING: usize = 5;

#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn QueueSection(cat: &'static Catalogue, state: ProgressState) -> impl IntoView {
    let keys = queue_keys(progress::ReviewFilter::All);
    let keys2 = keys.clone();
    let queue = Memo::new(move |_| state.store.with(|s| today_queue(s, &keys).order));
    let upcoming = Memo::new(move |_| {
        let end = end_of_today_ms() as i64;
        let keys: Vec<&str> = keys2.iter().map(String::as_str).collect();
        state
            .store
            .with(|s| progress::upcoming(s, &keys, end, UPCOMING))
    });
    // `try_` reads of the page's own memos: see `overview::OverviewSection`.
    let list = move || {
        let Some(q) = queue.try_get() else {
            return ().into_any();
        };
        if q.is_empty() {
            return view! {
                <p class="empty" data-queue-empty>"今天没有需要复习的主题。"
                    "在主题页把状态设为「待复习」，它就会出现在这里。"</p>
            }
            .into_any();
        }
        let day = today();
        let items = q
            .into_iter()
            .map(|slug| {
                let due = state
                    .store
                    .with_untracked(|s| s.review_of(&slug).map(|c| c.due));
                let when = due
                    .map(|d| format::relative_day(d, day))
                    .unwrap_or_default();
                let s2 = slug.clone();
                view! {
                    <li data-slug=slug.clone()>
                        <a href="#/review" on:click=move |_| set_pending_review(&s2)
                            inner_html=title_html(cat, &slug)></a>
                        <span class="muted small">" · " {when}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ol class="due-list">{items}</ol>
            <p><a class="button primary" href="#/review" data-action="start-review">"开始复习"</a></p>
        }
        .into_any()
    };
    let upcoming_view = move || {
        let u = upcoming.try_get().unwrap_or_default();
        let day = today();
        (!u.is_empty()).then(|| {
            let items = u
                .into_iter()
                .map(|(due, slug)| {
                    view! {
                        <li data-slug=slug.clone()>
                            <a href=item_hash(&slug) inner_html=title_html(cat, &slug)></a>
                            <span class="muted small">" · " {format::date(due)} "（" {format::relative_day(due, day)} "）"</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3>"接下来"</h3>
                <ul class="upcoming-list">{items}</ul>
            }
        })
    };
    view! {
        <section class="prog-section queue" aria-labelledby="q-h">
            <h2 id="q-h">"今日复习" <span class="count" data-queue-count>{move || queue.try_with(Vec::len).unwrap_or(0)}</span></h2>
            {list}
            {upcoming_view}
        </section>
    }
}
