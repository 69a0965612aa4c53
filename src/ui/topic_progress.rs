//! Per-topic study controls on the topic page: status, bookmark, timestamps, personal note.
//! The note is plain text: it is only ever set as text content, never as markup.

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

use super::format;
use super::progress_state;
use super::{date_now_ms, today};
use crate::notes::page_text;
use crate::progress::Status;

/// Status buttons, bookmark toggle and the "first read / last visit" line.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn TopicStatusBar(slug: &'static str) -> impl IntoView {
    let Some(state) = progress_state::state() else {
        return ().into_any();
    };
    let status = move || state.store.with(|s| s.status(slug));
    let buttons = Status::ALL
        .iter()
        .map(|&st| {
            view! {
                <button class="status-btn" data-status=st.key()
                    aria-pressed=move || (status() == st).to_string()
                    on:click=move |_| progress_state::update(|s| s.set_status(slug, st, date_now_ms()))>
                    {st.label()}
                </button>
            }
        })
        .collect_view();
    let bookmarked = move || state.store.with(|s| s.is_bookmarked(slug));
    let times = move || {
        state.store.with(|s| {
            s.topic(slug).map(|t| {
                let mut parts = Vec::new();
                if let Some(f) = t.first_read {
                    parts.push(format!("首次阅读 {}", format::date_time(f)));
                }
                if let Some(l) = t.last_visit {
                    parts.push(format!("上次访问 {}", format::date_time(l)));
                }
                if let Some(r) = &t.review {
                    parts.push(format!("下次复习 {}", format::date_time(r.due)));
                }
                parts.join(" · ")
            })
        })
    };
    view! {
        <div class="status-bar" role="group" aria-label="学习状态">
            <span class="status-label">{page_text::STATUS_LABEL}</span>
            {buttons}
            <button class="bookmark-btn" aria-pressed=move || bookmarked().to_string()
                on:click=move |_| { progress_state::update(|s| { s.toggle_bookmark(slug, date_now_ms()); }); }>
                {move || if bookmarked() { page_text::BOOKMARK_ON } else { page_text::BOOKMARK_OFF }}
            </button>
            <span class="muted small times">{times}</span>
        </div>
    }
    .into_any()
}

/// How long after the last keystroke the note is written and 已保存 is said, in ms.
const NOTE_SAVED_DELAY_MS: u64 = 600;

/// The `id` of the note editor on a topic page: `#/t/<slug>/my-note` opens the topic at its
/// note (headings' ids all start with `h-`, see [`crate::notes::markdown::anchor_id`]).
pub(crate) const NOTE_ANCHOR: &str = "my-note";

/// The personal note for a topic (plain text). Every keystroke changes the store in memory;
/// the write to localStorage follows shortly ([`progress_state::update_soon`]), and once the
/// learner pauses a polite status line says 已保存 with the time. Nothing moves the focus,
/// and the status line keeps its height, so nothing below it jumps.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn TopicNote(slug: &'static str) -> impl IntoView {
    let Some(state) = progress_state::state() else {
        return ().into_any();
    };
    let note = move || state.store.with(|s| s.note(slug).to_string());
    // Decided once: clearing the note while typing must not close the editor under the caret.
    let open = state.store.with_untracked(|s| !s.note(slug).is_empty());
    let (truncated, set_truncated) = signal(false);
    let (saved, set_saved) = signal(None::<String>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        progress_state::update_soon(|s| {
            set_truncated.set(s.set_note(slug, &text, date_now_ms()));
            s.record_study_day(today());
        });
        if saved.with_untracked(Option::is_some) {
            set_saved.set(None);
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || {
                let said = if progress_state::save_now() {
                    format!("已保存 {}", format::time(date_now_ms() as i64))
                } else {
                    "未能保存到本机（见页面顶部的提示）".to_string()
                };
                // `try_set`: the learner may have left the page meanwhile.
                let _ = set_saved.try_set(Some(said));
            },
            std::time::Duration::from_millis(NOTE_SAVED_DELAY_MS),
        );
        pending.set_value(h.ok());
    };
    view! {
        <details class="my-note" id=NOTE_ANCHOR open=open>
            <summary>"我的笔记"</summary>
            <textarea rows="4" placeholder="写下自己的理解、易错点……（纯文本，只保存在本机）" aria-label="我的笔记"
                prop:value=note on:input=on_input></textarea>
            <p class="note-status muted small" role="status" aria-live="polite">{saved}</p>
            {move || truncated.get().then(|| view! { <p class="muted small">"笔记超过 100 KB，超出部分未保存。"</p> })}
        </details>
    }
    .into_any()
}
