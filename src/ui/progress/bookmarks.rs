//! The 收藏 section: bookmarked topics with their status, each with 取消收藏.

use leptos::prelude::*;

use super::{known_bookmarks, title_html};
use crate::notes::Catalogue;
use crate::route;
use crate::ui::date_now_ms;
use crate::ui::progress_state::{update, ProgressState};

#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn BookmarksSection(cat: &'static Catalogue, state: ProgressState) -> impl IntoView {
    let list = move || {
        let marks = state.store.with(|s| known_bookmarks(cat, s));
        if marks.is_empty() {
            return view! { <p class="empty muted">"还没有收藏。在主题页点「☆ 收藏」即可加入这里。"</p> }
                .into_any();
        }
        marks
            .into_iter()
            .map(|slug| {
                let status = state.store.with_untracked(|s| s.status(&slug));
                let s2 = slug.clone();
                view! {
                    <li data-slug=slug.clone()>
                        <a href=route::topic_hash(&slug) inner_html=title_html(cat, &slug)></a>
                        <span class="muted small">" · " {status.label()}</span>
                        <button class="link-btn small" title="取消收藏"
                            on:click=move |_| update(|s| { s.toggle_bookmark(&s2, date_now_ms()); })>
                            "取消收藏"
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="prog-section bookmarks" aria-labelledby="bm-h">
            <h2 id="bm-h">"收藏"</h2>
            <ul class="bookmark-list">{list}</ul>
        </section>
    }
}
