//! The overview section: counts per status, the overall bar, and per-category bars.

use leptos::prelude::*;

use crate::notes::{Catalogue, CATEGORIES};
use crate::progress::{self, percent, Status, StatusCounts};
use crate::ui::progress_state::ProgressState;

/// A bar split into 已掌握 / 待复习 / 已读 segments, widths set through the CSSOM.
fn stacked_bar(c: StatusCounts) -> impl IntoView {
    let total = c.total();
    let seg = |n: usize, class: &'static str, label: &'static str| {
        (n > 0).then(|| {
            view! {
                <span class=format!("seg {class}") style:width=format!("{:.3}%", percent(n, total))
                    title=format!("{label} {n}")></span>
            }
        })
    };
    view! {
        <div class="stack" aria-hidden="true">
            {seg(c.mastered, "mastered", "已掌握")}
            {seg(c.review, "review", "待复习")}
            {seg(c.read, "read", "已读")}
        </div>
    }
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
    let overall = move || {
        let c = ov.get().overall;
        let total = c.total();
        view! {
            <p class="overall-line">
                "已学 " <strong data-overall="started">{c.started()}</strong> " / " {total} " 个主题（"
                {format!("{:.0}%", percent(c.started(), total))} "），已掌握 "
                <strong data-overall="mastered">{c.mastered}</strong> " 个（"
                {format!("{:.0}%", percent(c.mastered, total))} "）"
            </p>
            <progress class="overall-bar" max=total.max(1) value=c.started() aria-label="总体进度"></progress>
            {stacked_bar(c)}
        }
    };
    let counts = move || {
        let c = ov.get().overall;
        Status::ALL
            .iter()
            .map(|&st| {
                view! {
                    <li data-count=st.key()>
                        <span class="n">{c.get(st)}</span>
                        <span class="l">{st.label()}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let categories = move || {
        let mut cats = ov.get().categories;
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
                        {stacked_bar(c)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="prog-section overview" aria-labelledby="ov-h">
            <h2 id="ov-h">"总览"</h2>
            {overall}
            <ul class="status-counts">{counts}</ul>
            <p class="legend small muted">
                <span class="key mastered"></span>"已掌握 "
                <span class="key review"></span>"待复习 "
                <span class="key read"></span>"已读"
            </p>
            <h3>"按分类"</h3>
            <ul class="cat-progress">{categories}</ul>
        </section>
    }
}
