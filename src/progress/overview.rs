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

    /// Fraction of topics no longer 未读 (0.0 when there are none).
    pub fn fraction(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.started() as f64 / n as f64,
        }
    }

    /// Fraction of topics 已掌握 (0.0 when there are none).
    pub fn mastered_fraction(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.mastered as f64 / n as f64,
        }
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
