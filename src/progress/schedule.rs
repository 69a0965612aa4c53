//! Spaced repetition with FSRS (Free Spaced Repetition Scheduler, FSRS-5 default weights) via
//! the `rs-fsrs` crate, using its long-term scheduler (whole-day intervals, no intra-day
//! learning steps) with fuzz off, so scheduling is deterministic.
//!
//! Chosen over SM-2 after measuring its wasm cost (about 10 KiB gzip on top of an app that
//! already links serde_json and wasm-bindgen). No clock is read: `rs_fsrs::Parameters` is
//! built field by field because its `Default` seeds itself from the current time.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, Parameters, Seed, FSRS};
use serde::Serialize;

use super::MAX_TIMESTAMP_MS;

/// Interval (days) from which a 良好/简单 review counts as 已掌握 (Anki's "mature" threshold).
pub const MASTERED_INTERVAL_DAYS: i64 = 21;
/// Longest interval the scheduler gives, in days.
const MAX_INTERVAL_DAYS: i32 = 36_500;
/// Largest stability accepted from storage, in days.
pub(crate) const MAX_STABILITY: f64 = 1_000_000.0;
const DAY_MS: i64 = 86_400_000;
/// FSRS default weights (as shipped by rs-fsrs 1.2.1); copied because `Parameters::default()`
/// reads the clock to seed its fuzz generator.
const FSRS_WEIGHTS: [f64; 19] = [
    0.4072, 1.1829, 3.1262, 15.4722, 7.2102, 0.5316, 1.0651, 0.0234, 1.616, 0.1544, 1.0824, 1.9813,
    0.0953, 0.2975, 2.2042, 0.2407, 2.9466, 0.5034, 0.6567,
];

/// How well the user recalled a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 重来: forgot it.
    Again,
    /// 困难: recalled with serious difficulty.
    Hard,
    /// 良好: recalled after some thought.
    Good,
    /// 简单: recalled easily.
    Easy,
}

impl Rating {
    /// All ratings in button order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// Chinese label shown on the button.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "重来",
            Rating::Hard => "困难",
            Rating::Good => "良好",
            Rating::Easy => "简单",
        }
    }

    /// Stable ASCII key used in the stored JSON.
    pub fn key(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// Parses a stored key (see [`Rating::key`]).
    pub fn from_key(key: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == key)
    }

    fn to_fsrs(self) -> rs_fsrs::Rating {
        match self {
            Rating::Again => rs_fsrs::Rating::Again,
            Rating::Hard => rs_fsrs::Rating::Hard,
            Rating::Good => rs_fsrs::Rating::Good,
            Rating::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

/// FSRS card state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardState {
    /// Never reviewed.
    #[default]
    New,
    /// In (re)learning steps (not produced by the long-term scheduler; accepted from data).
    Learning,
    /// In the review cycle.
    Review,
    /// Relearning after a lapse (accepted from data).
    Relearning,
}

impl CardState {
    /// All states.
    pub const ALL: [CardState; 4] = [
        CardState::New,
        CardState::Learning,
        CardState::Review,
        CardState::Relearning,
    ];

    /// Stable ASCII key used in the stored JSON.
    pub fn key(self) -> &'static str {
        match self {
            CardState::New => "new",
            CardState::Learning => "learning",
            CardState::Review => "review",
            CardState::Relearning => "relearning",
        }
    }

    /// Parses a stored key (see [`CardState::key`]).
    pub fn from_key(key: &str) -> Option<CardState> {
        CardState::ALL.into_iter().find(|s| s.key() == key)
    }

    fn to_fsrs(self) -> rs_fsrs::State {
        match self {
            CardState::New => rs_fsrs::State::New,
            CardState::Learning => rs_fsrs::State::Learning,
            CardState::Review => rs_fsrs::State::Review,
            CardState::Relearning => rs_fsrs::State::Relearning,
        }
    }

    fn from_fsrs(s: rs_fsrs::State) -> CardState {
        match s {
            rs_fsrs::State::New => CardState::New,
            rs_fsrs::State::Learning => CardState::Learning,
            rs_fsrs::State::Review => CardState::Review,
            rs_fsrs::State::Relearning => CardState::Relearning,
        }
    }
}

/// Spaced-repetition memory state of one topic.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReviewCard {
    /// When the next review is due (ms).
    pub due: i64,
    /// When it was last reviewed (ms).
    pub last_review: i64,
    /// FSRS stability in days (6 decimals).
    pub stability: f64,
    /// FSRS difficulty, 1..=10 once reviewed (6 decimals).
    pub difficulty: f64,
    /// Interval given by the last review, in days.
    pub scheduled_days: i64,
    /// Number of reviews.
    pub reps: u32,
    /// Number of 重来 ratings after the first review.
    pub lapses: u32,
    /// FSRS state.
    pub state: CardState,
    /// The last rating given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_rating: Option<Rating>,
}

impl ReviewCard {
    /// A never-reviewed card that is due at `now` (ms).
    pub fn new_due(now: i64) -> ReviewCard {
        ReviewCard {
            due: now,
            last_review: now,
            stability: 0.0,
            difficulty: 0.0,
            scheduled_days: 0,
            reps: 0,
            lapses: 0,
            state: CardState::New,
            last_rating: None,
        }
    }
}

/// Rounds to 6 decimals so the value survives a JSON round trip exactly.
pub(crate) fn quantize6(x: f64) -> f64 {
    let q = (x * 1_000_000.0).round() / 1_000_000.0;
    if q == 0.0 {
        0.0
    } else {
        q
    }
}

fn params() -> Parameters {
    Parameters {
        request_retention: 0.9,
        maximum_interval: MAX_INTERVAL_DAYS,
        w: FSRS_WEIGHTS,
        decay: Parameters::DECAY,
        factor: Parameters::FACTOR,
        enable_short_term: false,
        enable_fuzz: false,
        seed: Seed::Empty,
    }
}

fn to_dt(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms.clamp(0, MAX_TIMESTAMP_MS)).unwrap_or_default()
}

/// Next review state after rating `card` (`None` = first review) at `now` (ms).
pub fn schedule(card: Option<&ReviewCard>, rating: Rating, now: i64) -> ReviewCard {
    let now = now.clamp(0, MAX_TIMESTAMP_MS);
    let usable = card.filter(|c| {
        c.state == CardState::New
            || (c.stability.is_finite()
                && c.stability > 0.0
                && c.difficulty.is_finite()
                && (1.0..=10.0).contains(&c.difficulty))
    });
    let prev = usable.copied().unwrap_or_else(|| ReviewCard::new_due(now));
    // A clock that went backwards must not produce a negative elapsed time.
    let now = now.max(prev.last_review);
    let fsrs_card = Card {
        due: to_dt(prev.due),
        stability: prev.stability,
        difficulty: prev.difficulty,
        elapsed_days: 0,
        scheduled_days: prev.scheduled_days,
        reps: i32::try_from(prev.reps).unwrap_or(i32::MAX - 1),
        lapses: i32::try_from(prev.lapses).unwrap_or(i32::MAX - 1),
        state: prev.state.to_fsrs(),
        last_review: to_dt(prev.last_review),
    };
    let next = FSRS::new(params())
        .next(fsrs_card, to_dt(now), rating.to_fsrs())
        .card;
    let scheduled_days = next.scheduled_days.clamp(1, i64::from(MAX_INTERVAL_DAYS));
    let stability = quantize6(next.stability);
    if !(stability.is_finite() && stability > 0.0 && next.difficulty.is_finite())
        && usable.is_some_and(|c| c.state != CardState::New)
    {
        // Degenerate stored state: start over as a first review.
        return schedule(None, rating, now);
    }
    ReviewCard {
        due: now
            .saturating_add(scheduled_days.saturating_mul(DAY_MS))
            .min(MAX_TIMESTAMP_MS),
        last_review: now,
        stability: stability.clamp(0.01, MAX_STABILITY),
        difficulty: quantize6(next.difficulty.clamp(1.0, 10.0)),
        scheduled_days,
        reps: u32::try_from(next.reps).unwrap_or(0),
        lapses: u32::try_from(next.lapses).unwrap_or(0),
        state: CardState::from_fsrs(next.state),
        last_rating: Some(rating),
    }
}
