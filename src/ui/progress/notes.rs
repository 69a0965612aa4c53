//! `#/notes` (我的笔记): every note the learner wrote, newest edited first, each with its
//! topic's title (a link to the note on the topic page) and category, when it was edited,
//! and the note itself, always as text, never as markup. The progress page links here
//! with a count ([`NotesSection`]).

use leptos::prelude::*;

use super::title_html;
use crate::notes::Catalogue;
use crate::progress::{my_notes, ProgressStore};
use crate::route::{self, Route};
use crate::ui::format;
use crate::ui::progress_state::{self, ProgressState};
use crate::ui::set_title;
use crate::ui::topic_progress::NOTE_ANCHOR;

/// How many notes on topics the catalogue has (what the list shows).
fn known_count(cat: &Catalogue, store: &ProgressStore) -> usize {
    my_notes(store)
        .iter()
        .filter(|n| cat.get(n.slug).is_some())
        .count()
}

/// The hash of a topic page opened at its note.
fn note_hash(slug: &str) -> String {
    route::to_hash(&Route::Topic {
        slug: slug.to_string(),
        anchor: Some(NOTE_ANCHOR.to_string()),
        highlight: None,
    })
}

/// The 我的笔记 page.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn NotesPage() -> impl IntoView {
    set_title(Some("我的笔记"));
    let (Ok(cat), Some(state)) = (super::catalogue(), progress_state::state()) else {
        return view! { <p class="panel">"我的笔记不可用。"</p> }.into_any();
    };
    let list = move || {
        let notes: Vec<_> = state.store.with(|s| {
            my_notes(s)
                .into_iter()
                .filter_map(|n| {
                    let (text, cut) = n.excerpt();
                    cat.get(n.slug)
                        .map(|t| (t, text.to_string(), cut, n.edited_at))
                })
                .collect()
        });
        if notes.is_empty() {
            return view! {
                <p class="empty" data-notes-empty>"还没有笔记。打开任意主题，在页面下方的「我的笔记」里写下自己的理解、易错点："
                    "输入时自动保存在本机，并会列在这里，也能被搜索找到。"</p>
            }
            .into_any();
        }
        let lead = format!("共 {} 条，最近编辑的在前。", notes.len());
        let items = notes
            .into_iter()
            .map(|(t, text, cut, at)| {
                let more = cut.then(|| {
                    view! { <a class="small" href=note_hash(&t.slug)>"……在主题页查看全文"</a> }
                });
                view! {
                    <li class="my-note-item" data-slug=t.slug.clone()>
                        <h2 class="note-topic"><a href=note_hash(&t.slug) inner_html=title_html(cat, &t.slug)></a></h2>
                        <p class="muted small note-meta">
                            <span class="note-cat">{t.category.clone()}</span>
                            " · 编辑于 "<time>{format::date_time(at)}</time>
                        </p>
                        <p class="note-text">{text}</p>
                        {more}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="muted">{lead}</p>
            <ol class="my-notes">{items}</ol>
        }
        .into_any()
    };
    view! {
        <div class="notes-page" data-view="notes">
            <h1>"我的笔记"</h1>
            {list}
        </div>
    }
    .into_any()
}

/// The progress page's 我的笔记 section: how many notes there are, and the link to them.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn NotesSection(cat: &'static Catalogue, state: ProgressState) -> impl IntoView {
    let count = move || state.store.with(|s| known_count(cat, s));
    view! {
        <section class="prog-section notes-link" aria-labelledby="notes-h">
            <h2 id="notes-h">"我的笔记"</h2>
            <p>
                {move || match count() {
                    0 => "还没有笔记。在主题页下方的「我的笔记」里写下的内容会列在这里。".to_string(),
                    n => format!("共 {n} 条笔记。"),
                }}
                " "<a href=route::NOTES_HASH>"查看全部笔记 →"</a>
            </p>
        </section>
    }
}
