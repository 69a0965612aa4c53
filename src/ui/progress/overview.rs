//! The overview section: the overall chart with its legend (each status and its count),
//! the code cards' numbers (learned, due today, accuracy), and per-category charts.

use leptos::prelude::*;

use crate::notes::{Catalogue, CATEGORIES};
use crate::progress::{self, percent, Status, StatusCounts};
use crate::ui::progress_state::ProgressState;

/// The progress chart: one bar split into 已掌握 / 待复习 / 已读 segments over a 未读 track,
/// widths set through the CSSOM. `label` is its text alternative (colour is never the only cue).
fn stacked_bar(c: StatusCounts, label: String) -> impl IntoView {
    let total = c.total();
    let segs = StatusCounts::CHART_ORDER
        .iter()
        .filter(|&&st| st != Status::Unread && c.get(st) > 0)
        .map(|&st| {
            let n = c.get(st);
            view! {
                <span class=format!("seg {}", st.key()) style:width=format!("{:.3}%", percent(n, total))
                    title=format!("{} {n}", st.label())></span>
            }
        })
        .collect_view();
    view! { <div class="stack" role="img" aria-label=label>{segs}</div> }
}

#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn OverviewSection(cat: &'static Catalogue, state: ProgressState) -> impl IntoView {
    let topics: Vec<(&'static str, &'static str)> = cat
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.category.as_str()))
        .collect();
    let ov = Memo::new(move |_| state.store.with(|s| progress::overview(s, &topics)));
    // `try_` reads of the page's own memo: Leptos may run one of these effects once more after
    // the page was disposed (leptos-rs/leptos#3922; see `review::review_page`), and a panic
    // there aborts the app. A disposed read shows nothing.
    let overall = move || {
        let c = ov.try_get()?.overall;
        let total = c.total();
        Some(view! {
            <p class="overall-line">
                "已学 " <strong data-overall="started">{c.started()}</strong> " / " {total} " 个主题（"
                {format!("{:.0}%", percent(c.started(), total))} "），已掌握 "
                <strong data-overall="mastered">{c.mastered}</strong> " 个（"
                {format!("{:.0}%", percent(c.mastered, total))} "）"
            </p>
            {stacked_bar(c, format!("总体进度：{}", c.summary()))}
        })
    };
    // The chart's legend: each status with its colour key and its count.
    let counts = move || {
        let c = ov.try_get()?.overall;
        let items = StatusCounts::CHART_ORDER
            .iter()
            .map(|&st| {
                view! {
                    <li data-count=st.key()>
                        <span class=format!("key {}", st.key()) aria-hidden="true"></span>
                        <span class="n">{c.get(st)}</span>
                        <span class="l">{st.label()}</span>
                    </li>
                }
            })
            .collect_view();
        Some(items)
    };
    // Code cards: learned, due by the end of today, first-try accuracy.
    let card_ids: Vec<&'static str> = crate::cards::INDEX.iter().map(|(id, _)| *id).collect();
    let code_cards = move || {
        let end = super::end_of_today_ms() as i64;
        let c = state
            .store
            .with(|s| progress::card_overview(s, &card_ids, end));
        let accuracy = match c.accuracy() {
            Some(p) => format!(
                "{p:.0}%（{} / {} 次首次作答正确）",
                c.first_try_correct, c.answered
            ),
            None => "还没有作答".to_string(),
        };
        view! {
            <p class="code-cards-line" data-code-cards>
                "代码题：已学 " <strong data-cards="learned">{c.learned}</strong> " / " {c.total}
                " 张，今天到期 " <strong data-cards="due">{c.due}</strong> " 张，正确率 "
                <strong data-cards="accuracy">{accuracy}</strong>
            </p>
        }
    };
    let categories = move || {
        let mut cats = ov.try_get().map(|o| o.categories).unwrap_or_default();
        // Same order as the sidebar and the home page.
        crate::index_sort::sort_by_key(&mut cats, |c| {
            CATEGORIES.iter().position(|k| *k == c.category)
        });
        cats.into_iter()
            .map(|cp| {
                let c = cp.counts;
                view! {
                    <li class="cat-row" data-category=cp.category.clone()>
                        <div class="cat-head">
                            <span class="cat-name">{cp.category.clone()}</span>
                            <span class="cat-num muted small">
                                {c.started()} " / " {c.total()} " · 已掌握 " {c.mastered}
                            </span>
                        </div>
                        {stacked_bar(c, format!("{}：{}", cp.category, c.summary()))}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="prog-section overview" aria-labelledby="ov-h">
            <h2 id="ov-h">"总览"</h2>
            {overall}
            <ul class="status-counts legend" aria-label="图例：各状态的主题数">{counts}</ul>
            {code_cards}
            <h3>"按分类"</h3>
            <ul class="cat-progress">{categories}</ul>
        </section>
    }
}
