//! Per-topic study controls on the topic page: status, bookmark, timestamps, personal note.
//! The note is plain text: it is only ever set as text content, never as markup.

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

/// The personal note for a topic (plain text, saved as you type).
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn TopicNote(slug: &'static str) -> impl IntoView {
    let Some(state) = progress_state::state() else {
        return ().into_any();
    };
    let note = move || state.store.with(|s| s.note(slug).to_string());
    let (truncated, set_truncated) = signal(false);
    view! {
        <details class="my-note" open=move || !note().is_empty()>
            <summary>"我的笔记"</summary>
            <textarea rows="4" placeholder="写下自己的理解、易错点……（纯文本，只保存在本机）" aria-label="我的笔记"
                prop:value=note
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    progress_state::update(|s| {
                        let cut = s.set_note(slug, &text, date_now_ms());
                        set_truncated.set(cut);
                        s.record_study_day(today());
                    });
                }></textarea>
            {move || truncated.get().then(|| view! { <p class="muted small">"笔记超过 100 KB，超出部分未保存。"</p> })}
        </details>
    }
    .into_any()
}
