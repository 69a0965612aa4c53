//! Overview numbers: counts per status, per category and overall, and study-day streaks.
//!
//! Day numbers are days since 1970-01-01 of the user's local calendar, computed by the
//! caller (e.g. with [`day_number`] and the browser's UTC offset).

use std::collections::BTreeSet;

use super::{ProgressStore, Status, MAX_DAY};

const DAY_MS: f64 = 86_400_000.0;

/// How many topics are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCounts {
    /// 未读 topics.
    pub unread: usize,
    /// 已读 topics.
    pub read: usize,
    /// 待复习 topics.
    pub review: usize,
    /// 已掌握 topics.
    pub mastered: usize,
}

impl StatusCounts {
    /// The statuses in the order the progress chart stacks them, left to right (the most
    /// advanced first; 未读 is the empty rest of the track). Its legend uses the same order.
    pub const CHART_ORDER: [Status; 4] = [
        Status::Mastered,
        Status::Review,
        Status::Read,
        Status::Unread,
    ];

    /// The chart in words, its text alternative: `已掌握 1，待复习 0，已读 2，未读 75（共 78 个主题）`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = Self::CHART_ORDER
            .iter()
            .map(|&s| format!("{} {}", s.label(), self.get(s)))
            .collect();
        format!("{}（共 {} 个主题）", parts.join("，"), self.total())
    }

    /// Count for one status.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Unread => self.unread,
            Status::Read => self.read,
            Status::Review => self.review,
            Status::Mastered => self.mastered,
        }
    }

    fn add(&mut self, status: Status) {
        match status {
            Status::Unread => self.unread += 1,
            Status::Read => self.read += 1,
            Status::Review => self.review += 1,
            Status::Mastered => self.mastered += 1,
        }
    }

    /// Number of topics counted.
    pub fn total(&self) -> usize {
        self.unread + self.read + self.review + self.mastered
    }

    /// Topics that are no longer 未读.
    pub fn started(&self) -> usize {
        self.total() - self.unread
    }
}

/// Progress of one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryProgress {
    /// Category name.
    pub category: String,
    /// Status counts of its topics.
    pub counts: StatusCounts,
}

/// Progress over all topics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overview {
    /// Counts over every topic.
    pub overall: StatusCounts,
    /// Per category, in first-appearance order of the topic list.
    pub categories: Vec<CategoryProgress>,
    /// Bookmarked topics among the listed ones.
    pub bookmarked: usize,
}

/// Counts statuses for the given `(slug, category)` topic list (orphans are not counted).
pub fn overview(store: &ProgressStore, topics: &[(&str, &str)]) -> Overview {
    let mut out = Overview::default();
    for (slug, category) in topics {
        let status = store.status(slug);
        out.overall.add(status);
        if store.is_bookmarked(slug) {
            out.bookmarked += 1;
        }
        match out.categories.iter_mut().find(|c| c.category == *category) {
            Some(c) => c.counts.add(status),
            None => {
                let mut counts = StatusCounts::default();
                counts.add(status);
                out.categories.push(CategoryProgress {
                    category: category.to_string(),
                    counts,
                });
            }
        }
    }
    out
}

/// Local day number of a timestamp; `utc_offset_minutes` is local minus UTC (+480 for 北京时间,
/// i.e. `-Date.getTimezoneOffset()`). Clamped to 0..=[`MAX_DAY`].
pub fn day_number(ms: f64, utc_offset_minutes: i32) -> i64 {
    if !ms.is_finite() {
        return 0;
    }
    let local = ms + f64::from(utc_offset_minutes) * 60_000.0;
    ((local / DAY_MS).floor() as i64).clamp(0, MAX_DAY)
}

/// Calendar date `(year, month, day)` of a day number (proleptic Gregorian; clamped to 0..=[`MAX_DAY`]).
pub fn date_of_day(day: i64) -> (i64, u32, u32) {
    // Howard Hinnant's civil_from_days.
    let z = day.clamp(0, MAX_DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as u32, d as u32)
}

/// Consecutive study days ending `today`, or yesterday when today has none yet; else 0.
pub fn streak(days: &BTreeSet<i64>, today: i64) -> u32 {
    let yesterday = today.checked_sub(1);
    let start = if days.contains(&today) {
        today
    } else if let Some(y) = yesterday.filter(|y| days.contains(y)) {
        y
    } else {
        return 0;
    };
    let mut expect = Some(start);
    let mut n = 0u32;
    for &d in days.range(..=start).rev() {
        if Some(d) != expect {
            break;
        }
        n = n.saturating_add(1);
        expect = d.checked_sub(1);
    }
    n
}

/// Longest run of consecutive study days ever.
pub fn longest_streak(days: &BTreeSet<i64>) -> u32 {
    let (mut best, mut run, mut prev) = (0u32, 0u32, None::<i64>);
    for &d in days {
        let follows = matches!((prev, d.checked_sub(1)), (Some(p), Some(q)) if p == q);
        run = if follows { run.saturating_add(1) } else { 1 };
        best = best.max(run);
        prev = Some(d);
    }
    best
}

/// `part` as a percentage of `total` (0.0 when `total` is 0).
pub fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

/// Day of the week of a day number, Monday = 0 … Sunday = 6.
pub fn weekday(day: i64) -> i64 {
    // 1970-01-01 (day 0) was a Thursday.
    (day + 3).rem_euclid(7)
}

/// The last millisecond of local day `day`, for a clock `utc_offset_minutes` ahead of UTC at
/// that moment (the "due today" cut-off; see [`day_number`] for the offset's sign).
pub fn end_of_day_ms(day: i64, utc_offset_minutes: i32) -> f64 {
    (day + 1) as f64 * DAY_MS - f64::from(utc_offset_minutes) * 60_000.0 - 1.0
}

/// The last millisecond of local day `day` where the clock's offset may change during the day
/// (daylight saving): `offset_at(ms)` is the UTC offset in minutes in force at `ms`. Takes the
/// offset at the day's end: first with the offset in force `now_ms`, then, if the end falls
/// under another offset, with that one.
pub fn end_of_local_day_ms(day: i64, now_ms: f64, offset_at: impl Fn(f64) -> i32) -> f64 {
    let offset = offset_at(now_ms);
    let end = end_of_day_ms(day, offset);
    match offset_at(end) {
        o if o == offset => end,
        o => end_of_day_ms(day, o),
    }
}

/// One cell of the activity calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarCell {
    /// A day after today (shown blank).
    Future,
    /// A day up to today.
    Day {
        /// Its day number.
        day: i64,
        /// Whether the user studied that day.
        studied: bool,
        /// Whether it is today.
        today: bool,
    },
}

/// The activity calendar: the last `weeks` weeks up to `today`, one column per week
/// (Monday on top), so the first cell is a Monday and the last column holds today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityCalendar {
    /// Day number of the first (top-left) cell.
    pub start: i64,
    /// Days studied from `start` to today.
    pub studied: usize,
    /// `weeks * 7` cells, column by column.
    pub cells: Vec<CalendarCell>,
}

/// Lays out the activity calendar of `days` (study day numbers) for `weeks` weeks to `today`.
pub fn activity_calendar(days: &BTreeSet<i64>, today: i64, weeks: i64) -> ActivityCalendar {
    let weeks = weeks.max(1);
    let start = today - weekday(today) - (weeks - 1) * 7;
    let studied = days.range(start..=today).count();
    let cells = (start..start + weeks * 7)
        .map(|day| {
            if day > today {
                CalendarCell::Future
            } else {
                CalendarCell::Day {
                    day,
                    studied: days.contains(&day),
                    today: day == today,
                }
            }
        })
        .collect();
    ActivityCalendar {
        start,
        studied,
        cells,
    }
}
