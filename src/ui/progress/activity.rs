//! The 学习日历 section: streaks and the activity calendar of the last weeks.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::progress::{self, date_of_day, CalendarCell};
use crate::ui::format;
use crate::ui::progress_state::ProgressState;
use crate::ui::today;

/// Weeks shown in the activity calendar.
const WEEKS: i64 = 16;

/// The calendar grid: one column per week (Monday on top), one cell per day.
fn calendar(days: &BTreeSet<i64>, today: i64) -> impl IntoView {
    let grid = progress::activity_calendar(days, today, WEEKS);
    let cells = grid
        .cells
        .into_iter()
        .map(|cell| match cell {
            CalendarCell::Future => {
                view! { <span class="day future" aria-hidden="true"></span> }.into_any()
            }
            CalendarCell::Day {
                day,
                studied,
                today,
            } => {
                let (y, m, d) = date_of_day(day);
                let shown = format::day(day);
                let title = if studied {
                    format!("{shown} 学习过")
                } else {
                    shown
                };
                view! {
                    <span class="day" class:on=studied class:today=today title=title
                        data-day=format!("{y}-{m:02}-{d:02}")></span>
                }
                .into_any()
            }
        })
        .collect_view();
    let label = format!(
        "最近 {WEEKS} 周（自 {} 起）有 {} 天学习",
        format::day(grid.start),
        grid.studied
    );
    view! {
        <div class="cal-wrap">
            <div class="cal-weekdays" aria-hidden="true">
                <span>"一"</span><span></span><span>"三"</span><span></span><span>"五"</span><span></span><span>"日"</span>
            </div>
            <div class="calendar" role="img" aria-label=label>
                {cells}
            </div>
        </div>
    }
}

#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn ActivitySection(state: ProgressState) -> impl IntoView {
    let today = today();
    let stats = move || {
        state.store.with(|s| {
            (
                s.streak(today),
                progress::longest_streak(&s.study_days),
                s.study_days.len(),
            )
        })
    };
    let cal = move || state.store.with(|s| calendar(&s.study_days, today));
    view! {
        <section class="prog-section activity" aria-labelledby="act-h">
            <h2 id="act-h">"学习日历"</h2>
            <ul class="streaks">
                <li data-streak="current"><span class="n">{move || stats().0}</span><span class="l">"连续学习（天）"</span></li>
                <li data-streak="longest"><span class="n">{move || stats().1}</span><span class="l">"最长连续（天）"</span></li>
                <li data-streak="total"><span class="n">{move || stats().2}</span><span class="l">"累计学习日"</span></li>
            </ul>
            {cal}
            <p class="legend small muted">
                "最近 " {WEEKS} " 周，每格一天，" <span class="key on"></span> " 表示这天学习过（打开主题、写笔记、运行练习或复习）。"
            </p>
        </section>
    }
}
