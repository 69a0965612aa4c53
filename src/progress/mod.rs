//! Study progress: the pure per-topic model behind the home overview, "continue where you
//! left off", the 今日复习 (spaced repetition) queue and progress export/import.
//!
//! Pure: no browser imports and no clock reads. Callers pass time as `now_ms` (milliseconds
//! since the Unix epoch, as JavaScript `Date.now` gives them) and calendar days as an `i64` day number they
//! computed for the local date (see [`day_number`]).
//!
//! The store is keyed by topic slug. Every topic record carries its own `updated_at`, so two
//! copies of the store (two tabs, two devices) combine with [`merge`], a join that is
//! commutative, associative and idempotent. Loading ([`load`]) never panics: it salvages what
//! it can from corrupted or hand-edited data and says so in typed notices ([`LoadNotice`]).
//! A review session on the 复习 page is a [`Session`]; imports go through [`parse_import`].
//! Code cards (predict-the-output) have their own records in the same store, keyed by card
//! id ([`CardProgress`]), and share the review queue with topics ([`ReviewItem`]).

mod cards;
mod code_edits;
mod daily;
mod import;
mod load;
mod marks;
mod my_notes;
mod notice;
mod overview;
mod schedule;
mod session;
mod sync;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

pub use cards::{
    card_candidates, card_key, card_overview, review_keys, CardOverview, CardProgress,
    CardStanding, ReviewFilter, ReviewItem, CARD_KEY_PREFIX, MAX_CARDS,
};
pub use code_edits::{block_key, CodeEdits, SavedCode, CODE_MAX_BYTES, MAX_CODE_BLOCKS};
pub use daily::{done_today, today_queue, DoneToday, ReviewLog, ReviewSettings, TodayQueue};
pub use import::{
    backup_file_name, check_import_size, export_file_name, export_message, format_bytes,
    parse_import, Imported, MAX_IMPORT_BYTES,
};
pub use load::{load, LoadOutcome};
pub use marks::{
    continue_reading_label, due_badge, due_summary, mark_legend, status_glyph, topic_mark,
    TopicFacts, TopicFilter, TopicMark, BOOKMARK_GLYPH, CARDS_GLYPH, EXERCISE_GLYPH, NOTE_GLYPH,
};
pub use my_notes::{my_notes, MyNote, MY_NOTES_EXCERPT_CHARS};
pub use notice::{ImportError, LoadNotice, LoadSource};
pub use overview::{
    activity_calendar, date_of_day, day_number, end_of_day_ms, end_of_local_day_ms, longest_streak,
    overview, percent, streak, weekday, ActivityCalendar, CalendarCell, CategoryProgress, Overview,
    StatusCounts,
};
pub use schedule::{
    minutes_until, schedule, CardState, Rating, ReviewCard, LEARNING_STEPS_MIN,
    MASTERED_INTERVAL_DAYS, RELEARNING_STEPS_MIN,
};
pub use session::{
    practice_pool, review_candidates, upcoming, Rated, Session, SessionMode, Shortcut,
};
pub use sync::{
    import_merge, import_replace, merge, preview_import, to_json, to_storage_json, ChangeKind,
    ImportPreview, TopicChange,
};

/// The schema version this build writes. Version 3 added a card's learning `step`, each
/// topic's review `log` and the store's `review_settings`; version 4 the code cards' records
/// (`cards`) and a review log entry's `correct`. Version 2 and 3 texts are read as they are.
pub const SCHEMA_VERSION: u32 = 4;
/// Most review log entries kept per topic (the oldest go first).
pub const MAX_REVIEW_LOG: usize = 100;
/// Longest personal note kept, in bytes; longer notes are truncated.
pub const NOTE_MAX_BYTES: usize = 100 * 1024;
/// Longest slug or exercise id accepted, in bytes.
pub const KEY_MAX_BYTES: usize = 128;
/// Longest saved exercise input (name or value), in bytes; longer ones are truncated.
pub const INPUT_MAX_BYTES: usize = 16 * 1024;
/// Most input pairs kept for one exercise.
pub const MAX_INPUTS: usize = 64;
/// Most exercises whose last inputs are kept.
pub const MAX_EXERCISES: usize = 1000;
/// Most orphaned (unknown-slug) topic records kept.
pub const MAX_ORPHANS: usize = 1000;
/// Latest accepted timestamp: 9999-12-31T23:59:59.999Z in milliseconds.
pub const MAX_TIMESTAMP_MS: i64 = 253_402_300_799_999;
/// Latest accepted day number (9999-12-31).
pub const MAX_DAY: i64 = MAX_TIMESTAMP_MS / 86_400_000;

/// Converts a caller-supplied `now_ms` to the stored integer milliseconds (clamped; NaN → 0).
pub fn clamp_ms(now_ms: f64) -> i64 {
    if now_ms.is_finite() {
        (now_ms.floor() as i64).clamp(0, MAX_TIMESTAMP_MS)
    } else {
        0
    }
}

/// Study status of one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 未读: never opened.
    #[default]
    Unread,
    /// 已读: opened at least once.
    Read,
    /// 待复习: in the spaced-repetition cycle, not yet mastered.
    Review,
    /// 已掌握: reviewed to a long interval (or marked by hand).
    Mastered,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 4] = [
        Status::Unread,
        Status::Read,
        Status::Review,
        Status::Mastered,
    ];

    /// Chinese label shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unread => "未读",
            Status::Read => "已读",
            Status::Review => "待复习",
            Status::Mastered => "已掌握",
        }
    }

    /// Stable ASCII key used in the stored JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::Unread => "unread",
            Status::Read => "read",
            Status::Review => "review",
            Status::Mastered => "mastered",
        }
    }

    /// Parses a stored key (see [`Status::key`]).
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Progress of one topic.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TopicProgress {
    /// Study status.
    pub status: Status,
    /// When the topic was first read (ms), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_read: Option<i64>,
    /// When the topic was last opened (ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_visit: Option<i64>,
    /// When this record last changed (ms); the newer record wins a merge.
    pub updated_at: i64,
    /// Personal plain-text note (at most [`NOTE_MAX_BYTES`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the note was last edited (ms); absent in data from before it was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_at: Option<i64>,
    /// Bookmark flag.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bookmarked: bool,
    /// Spaced-repetition memory state, once the topic entered the review cycle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewCard>,
    /// The ratings given to this topic, oldest first (at most [`MAX_REVIEW_LOG`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<ReviewLog>,
}

/// The last topic the user was reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastTopic {
    /// Topic slug.
    pub slug: String,
    /// Scroll position as a fraction of the page, 0.0..=1.0 (4 decimals).
    pub scroll: f64,
    /// When it was recorded (ms).
    pub at: i64,
}

/// The last exercise the user ran, with its inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastExercise {
    /// Exercise id.
    pub id: String,
    /// Input `(name, value)` pairs.
    pub inputs: Vec<(String, String)>,
    /// When it was recorded (ms).
    pub at: i64,
}

/// The last inputs used for one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedInputs {
    /// Input `(name, value)` pairs.
    pub inputs: Vec<(String, String)>,
    /// When they were saved (ms).
    pub updated_at: i64,
}

/// All study progress: what is persisted, exported and merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressStore {
    /// Schema version of this shape ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Time (ms) of the last whole-store replace; a higher epoch wins a [`merge`] outright.
    pub epoch: i64,
    /// Progress per known topic slug.
    pub topics: BTreeMap<String, TopicProgress>,
    /// Progress of slugs the current notes do not have (e.g. a renamed topic), kept, not lost.
    pub orphans: BTreeMap<String, TopicProgress>,
    /// Day numbers (see [`day_number`]) on which the user studied.
    pub study_days: BTreeSet<i64>,
    /// Where the user left off reading.
    pub last_topic: Option<LastTopic>,
    /// The last exercise run.
    pub last_exercise: Option<LastExercise>,
    /// Last inputs per exercise id.
    pub exercise_inputs: BTreeMap<String, SavedInputs>,
    /// Progress per code card id (predict-the-output cards, [`crate::cards`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub cards: BTreeMap<String, CardProgress>,
    /// Daily limits and the practice pool (defaults until first changed).
    #[serde(skip_serializing_if = "ReviewSettings::is_default")]
    pub review_settings: ReviewSettings,
    /// The learner's edited Python blocks and scratchpad (not written while empty).
    #[serde(default, skip_serializing_if = "CodeEdits::is_empty")]
    pub code_edits: CodeEdits,
}

impl Default for ProgressStore {
    fn default() -> Self {
        ProgressStore {
            schema_version: SCHEMA_VERSION,
            epoch: 0,
            topics: BTreeMap::new(),
            orphans: BTreeMap::new(),
            study_days: BTreeSet::new(),
            last_topic: None,
            last_exercise: None,
            exercise_inputs: BTreeMap::new(),
            cards: BTreeMap::new(),
            review_settings: ReviewSettings::default(),
            code_edits: CodeEdits::default(),
        }
    }
}

/// Truncates `s` to at most `max` bytes on a char boundary; returns whether it was cut.
pub(crate) fn truncate_utf8(s: &mut String, max: usize) -> bool {
    if s.len() <= max {
        return false;
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    true
}

/// Appends to a review log, dropping the oldest entries beyond [`MAX_REVIEW_LOG`].
fn push_log(log: &mut Vec<ReviewLog>, entry: ReviewLog) {
    if log.len() >= MAX_REVIEW_LOG {
        log.drain(..=log.len() - MAX_REVIEW_LOG);
    }
    log.push(entry);
}

/// Rounds a scroll fraction to 4 decimals in 0..=1 (NaN → 0), so it survives JSON exactly.
pub(crate) fn quantize_scroll(x: f64) -> f64 {
    if !x.is_finite() {
        return 0.0;
    }
    let q = (x.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0;
    if q == 0.0 {
        0.0
    } else {
        q
    }
}

/// The stamp for a change at `now` to something last stamped `prev`: never earlier than
/// `prev + 1`, so a local edit beats the copy it was made on in a merge even if the clock
/// went backwards.
pub(crate) fn bump(prev: i64, now: i64) -> i64 {
    now.max(prev.saturating_add(1)).min(MAX_TIMESTAMP_MS)
}

fn clean_inputs(inputs: &[(String, String)]) -> Vec<(String, String)> {
    inputs
        .iter()
        .take(MAX_INPUTS)
        .map(|(k, v)| {
            let (mut k, mut v) = (k.clone(), v.clone());
            truncate_utf8(&mut k, INPUT_MAX_BYTES);
            truncate_utf8(&mut v, INPUT_MAX_BYTES);
            (k, v)
        })
        .collect()
}

impl ProgressStore {
    /// An empty store of the current schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// The record of one topic, if any.
    pub fn topic(&self, slug: &str) -> Option<&TopicProgress> {
        self.topics.get(slug)
    }

    /// Status of one topic (未读 when there is no record).
    pub fn status(&self, slug: &str) -> Status {
        self.topics.get(slug).map(|t| t.status).unwrap_or_default()
    }

    /// Personal note of one topic ("" when none).
    pub fn note(&self, slug: &str) -> &str {
        self.topics.get(slug).map(|t| t.note.as_str()).unwrap_or("")
    }

    /// Whether one topic is bookmarked.
    pub fn is_bookmarked(&self, slug: &str) -> bool {
        self.topics.get(slug).is_some_and(|t| t.bookmarked)
    }

    /// What a topic list shows of one topic: the learner's status, bookmark and note (a blank
    /// note counts as none), with what the topic offers.
    pub fn topic_facts(&self, slug: &str, has_exercise: bool, has_cards: bool) -> TopicFacts {
        let t = self.topics.get(slug);
        TopicFacts {
            status: self.status(slug),
            bookmarked: t.is_some_and(|t| t.bookmarked),
            has_note: t.is_some_and(|t| !t.note.trim().is_empty()),
            has_exercise,
            has_cards,
        }
    }

    /// Bookmarked slugs, sorted.
    pub fn bookmarks(&self) -> Vec<String> {
        self.topics
            .iter()
            .filter(|(_, t)| t.bookmarked)
            .map(|(s, _)| s.clone())
            .collect()
    }

    /// Gets the record for `slug` (created if missing) and stamps it as changed at `now`.
    fn touch(&mut self, slug: &str, now: i64) -> &mut TopicProgress {
        match self.topics.entry(slug.to_string()) {
            Entry::Vacant(e) => e.insert(TopicProgress {
                updated_at: now,
                ..TopicProgress::default()
            }),
            Entry::Occupied(e) => {
                let t = e.into_mut();
                t.updated_at = bump(t.updated_at, now);
                t
            }
        }
    }

    /// Records opening a topic: updates last_visit only; the status is unchanged.
    pub fn record_visit(&mut self, slug: &str, now_ms: f64) {
        let now = clamp_ms(now_ms);
        let t = self.touch(slug, now);
        t.last_visit = Some(now);
    }

    /// Marks a topic read (e.g. scrolled to the end): 未读→已读, sets first and last visit.
    pub fn mark_visit(&mut self, slug: &str, now_ms: f64) {
        let now = clamp_ms(now_ms);
        let t = self.touch(slug, now);
        t.last_visit = Some(now);
        if t.status == Status::Unread {
            t.status = Status::Read;
        }
        t.first_read.get_or_insert(now);
    }

    /// Sets the status by hand; 未读 clears the review state, 待复习 makes the topic due now.
    pub fn set_status(&mut self, slug: &str, status: Status, now_ms: f64) {
        if self.topics.get(slug).is_some_and(|t| t.status == status) {
            return;
        }
        let now = clamp_ms(now_ms);
        let t = self.touch(slug, now);
        t.status = status;
        match status {
            Status::Unread => {
                t.review = None;
                t.first_read = None;
            }
            Status::Read | Status::Mastered => {
                t.first_read.get_or_insert(now);
            }
            Status::Review => {
                t.first_read.get_or_insert(now);
                match &mut t.review {
                    Some(card) => card.due = card.due.min(now),
                    None => t.review = Some(ReviewCard::new_due(now)),
                }
            }
        }
    }

    /// Sets the personal note (truncated to [`NOTE_MAX_BYTES`]) and, when it changed, the
    /// time it was edited ([`TopicProgress::note_at`]); returns whether it was truncated.
    pub fn set_note(&mut self, slug: &str, note: &str, now_ms: f64) -> bool {
        let mut note = note.to_string();
        let truncated = truncate_utf8(&mut note, NOTE_MAX_BYTES);
        if self.note(slug) == note {
            return truncated;
        }
        let now = clamp_ms(now_ms);
        let t = self.touch(slug, now);
        t.note = note;
        t.note_at = Some(t.updated_at);
        truncated
    }

    /// Flips the bookmark flag; returns the new state.
    pub fn toggle_bookmark(&mut self, slug: &str, now_ms: f64) -> bool {
        let t = self.touch(slug, clamp_ms(now_ms));
        t.bookmarked = !t.bookmarked;
        t.bookmarked
    }

    /// Rates a review and schedules the next one; status becomes 已掌握 once the interval
    /// reaches [`MASTERED_INTERVAL_DAYS`], otherwise 待复习. Returns the new review state.
    pub fn record_review(&mut self, slug: &str, rating: Rating, now_ms: f64) -> ReviewCard {
        let now = clamp_ms(now_ms);
        let t = self.touch(slug, now);
        let before = t.review.map_or(CardState::New, |c| c.state);
        let card = schedule(t.review.as_ref(), rating, now);
        t.review = Some(card);
        push_log(
            &mut t.log,
            ReviewLog {
                review: card.last_review,
                rating,
                state: before,
                correct: None,
            },
        );
        t.first_read.get_or_insert(now);
        t.status = if matches!(rating, Rating::Good | Rating::Easy)
            && card.scheduled_days >= MASTERED_INTERVAL_DAYS
        {
            Status::Mastered
        } else {
            Status::Review
        };
        card
    }

    /// Puts back what a rating changed on one topic (status, review card, review log, first
    /// read), as it was in `before` (`None`: no record). The note and bookmark stay as they
    /// are now; the record is stamped as changed at `now_ms`, so the undo wins a merge.
    pub fn restore_review(&mut self, slug: &str, before: Option<&TopicProgress>, now_ms: f64) {
        let before = before.cloned().unwrap_or_default();
        let t = self.touch(slug, clamp_ms(now_ms));
        t.status = before.status;
        t.review = before.review;
        t.log = before.log;
        t.first_read = before.first_read;
    }

    /// Changes the daily limits and practice pool.
    pub fn set_review_settings(&mut self, settings: ReviewSettings, now_ms: f64) {
        let updated_at = bump(self.review_settings.updated_at, clamp_ms(now_ms));
        self.review_settings = ReviewSettings {
            updated_at,
            ..settings.clamped()
        };
    }

    /// 今日复习: slugs (from `slugs`) whose review is due at or before `now_ms`, most overdue
    /// first (ties keep `slugs` order). Pass the end of the local day to get "due today".
    pub fn due_queue(&self, now_ms: f64, slugs: &[&str]) -> Vec<String> {
        let now = clamp_ms(now_ms);
        let mut due: Vec<(i64, &str)> = slugs
            .iter()
            .filter_map(|s| {
                let card = self.topics.get(*s)?.review.as_ref()?;
                (card.due <= now).then_some((card.due, *s))
            })
            .collect();
        crate::index_sort::sort_by_key(&mut due, |(d, _)| *d);
        due.into_iter().map(|(_, s)| s.to_string()).collect()
    }

    /// Adds a study day (a day number); returns whether it was new. Out-of-range days are ignored.
    pub fn record_study_day(&mut self, day: i64) -> bool {
        (0..=MAX_DAY).contains(&day) && self.study_days.insert(day)
    }

    /// Current streak of study days ending `today` or yesterday.
    pub fn streak(&self, today: i64) -> u32 {
        streak(&self.study_days, today)
    }

    /// Remembers the reading position (scroll fraction 0..=1) for "continue where you left off".
    pub fn set_last_topic(&mut self, slug: &str, scroll: f64, now_ms: f64) {
        let mut slug = slug.to_string();
        truncate_utf8(&mut slug, KEY_MAX_BYTES);
        let now = clamp_ms(now_ms);
        let at = self.last_topic.as_ref().map_or(now, |l| bump(l.at, now));
        self.last_topic = Some(LastTopic {
            slug,
            scroll: quantize_scroll(scroll),
            at,
        });
    }

    /// Saves the inputs of one exercise (capped; see [`MAX_INPUTS`], [`INPUT_MAX_BYTES`]).
    pub fn save_exercise_inputs(&mut self, id: &str, inputs: &[(String, String)], now_ms: f64) {
        let mut id = id.to_string();
        truncate_utf8(&mut id, KEY_MAX_BYTES);
        let now = clamp_ms(now_ms);
        let prev = self.exercise_inputs.get(&id).map(|s| s.updated_at);
        if prev.is_none() && self.exercise_inputs.len() >= MAX_EXERCISES {
            // Evict the least recently saved exercise.
            if let Some(oldest) = self
                .exercise_inputs
                .iter()
                .min_by_key(|(_, s)| s.updated_at)
                .map(|(k, _)| k.clone())
            {
                self.exercise_inputs.remove(&oldest);
            }
        }
        let updated_at = prev.map_or(now, |p| bump(p, now));
        self.exercise_inputs.insert(
            id,
            SavedInputs {
                inputs: clean_inputs(inputs),
                updated_at,
            },
        );
    }

    /// Last saved inputs of one exercise.
    pub fn exercise_inputs_for(&self, id: &str) -> Option<&[(String, String)]> {
        self.exercise_inputs.get(id).map(|s| s.inputs.as_slice())
    }

    /// Remembers the last exercise run (and saves its inputs in the per-exercise map).
    pub fn set_last_exercise(&mut self, id: &str, inputs: &[(String, String)], now_ms: f64) {
        let mut id_owned = id.to_string();
        truncate_utf8(&mut id_owned, KEY_MAX_BYTES);
        let now = clamp_ms(now_ms);
        let at = self.last_exercise.as_ref().map_or(now, |l| bump(l.at, now));
        self.last_exercise = Some(LastExercise {
            id: id_owned,
            inputs: clean_inputs(inputs),
            at,
        });
        self.save_exercise_inputs(id, inputs, now_ms);
    }
}
