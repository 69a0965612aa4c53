//! Spaced repetition with FSRS (Free Spaced Repetition Scheduler, FSRS-5 default weights) via
//! the `rs-fsrs` crate, with fuzz off, so scheduling is deterministic.
//!
//! The memory state (stability, difficulty) comes from rs-fsrs's short-term scheduler, which
//! applies FSRS-5's same-day stability formula to cards in (re)learning. Which card is shown
//! when follows explicit learning steps as py-fsrs 5's `Scheduler.review_card` (and Anki) does:
//! [`LEARNING_STEPS_MIN`] and [`RELEARNING_STEPS_MIN`]. 重来 puts a card (back) on its first
//! step, a few minutes away, so it returns in the same session; passing the last step
//! graduates it to the review state with an FSRS interval in whole days. A topic enters
//! review already read, so a new card starts on the last learning step: its first 良好
//! graduates it, its first 重来 sends it to the first step.
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
const MINUTE_MS: i64 = 60_000;
/// Learning steps of a new card, in minutes (Anki's and py-fsrs's defaults).
pub const LEARNING_STEPS_MIN: [i64; 2] = [1, 10];
/// Relearning steps after a lapse (重来 on a card in review), in minutes.
pub const RELEARNING_STEPS_MIN: [i64; 1] = [10];
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
    /// On its learning steps (minutes apart), after a 重来 on a new card.
    Learning,
    /// In the review cycle (intervals in whole days).
    Review,
    /// On its relearning steps after a lapse (重来 on a card in review).
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

    /// Chinese label shown on the review card.
    pub fn label(self) -> &'static str {
        match self {
            CardState::New => "首次复习",
            CardState::Learning => "学习中",
            CardState::Review => "复习",
            CardState::Relearning => "重新学习",
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
    /// Interval given by the last review, in days (0 while on a (re)learning step).
    pub scheduled_days: i64,
    /// Number of reviews.
    pub reps: u32,
    /// Number of 重来 ratings after the first review.
    pub lapses: u32,
    /// FSRS state.
    pub state: CardState,
    /// The current (re)learning step, an index into [`LEARNING_STEPS_MIN`] or
    /// [`RELEARNING_STEPS_MIN`] (py-fsrs's `step`); 0 outside (re)learning.
    #[serde(skip_serializing_if = "is_zero")]
    pub step: u32,
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
            step: 0,
            last_rating: None,
        }
    }

    /// Whether the card is on a (re)learning step (due again within minutes, not days).
    pub fn is_learning(&self) -> bool {
        matches!(self.state, CardState::Learning | CardState::Relearning)
    }
}

/// Whole minutes from `now` (ms) until `due` (ms), rounded up, at least 1.
pub fn minutes_until(due: i64, now: i64) -> i64 {
    (due.saturating_sub(now).saturating_add(MINUTE_MS - 1) / MINUTE_MS).max(1)
}

fn is_zero(n: &u32) -> bool {
    *n == 0
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
        enable_short_term: true,
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
    let stability = quantize6(next.stability);
    if !(stability.is_finite() && stability > 0.0 && next.difficulty.is_finite())
        && usable.is_some_and(|c| c.state != CardState::New)
    {
        // Degenerate stored state: start over as a first review.
        return schedule(None, rating, now);
    }
    let stability = stability.clamp(0.01, MAX_STABILITY);
    let (state, step, due, scheduled_days) = match next_step(&prev, rating) {
        Some((state, step, minutes)) => (
            state,
            step,
            now.saturating_add(minutes.saturating_mul(MINUTE_MS)),
            0,
        ),
        None => {
            // Graduated (or stays in review): rs-fsrs's interval when it graduated the card
            // too (it keeps hard < good < easy), else FSRS's interval for the new stability.
            let days = if next.state == rs_fsrs::State::Review {
                next.scheduled_days
            } else {
                params().next_interval(stability, 0) as i64
            };
            let days = days.clamp(1, i64::from(MAX_INTERVAL_DAYS));
            (
                CardState::Review,
                0,
                now.saturating_add(days.saturating_mul(DAY_MS)),
                days,
            )
        }
    };
    ReviewCard {
        due: due.min(MAX_TIMESTAMP_MS),
        last_review: now,
        stability,
        difficulty: quantize6(next.difficulty.clamp(1.0, 10.0)),
        scheduled_days,
        reps: u32::try_from(next.reps).unwrap_or(0),
        lapses: u32::try_from(next.lapses).unwrap_or(0),
        state,
        step,
        last_rating: Some(rating),
    }
}

/// The (re)learning step after rating `prev`: `Some((state, step, minutes until due))`, or
/// `None` when the card graduates to (or stays in) review. As py-fsrs 5: 重来 goes to the
/// first step; 困难 repeats the step (on the first of several steps, the mean of the first
/// two; on a single step, 1.5 times it); 良好 moves to the next step or graduates after the
/// last; 简单 graduates at once.
fn next_step(prev: &ReviewCard, rating: Rating) -> Option<(CardState, u32, i64)> {
    let (state, steps, step): (CardState, &[i64], usize) = match prev.state {
        // A topic comes to review already read: it starts on the last learning step.
        CardState::New => (CardState::Learning, &LEARNING_STEPS_MIN, 1),
        CardState::Learning => (CardState::Learning, &LEARNING_STEPS_MIN, prev.step as usize),
        CardState::Relearning => (
            CardState::Relearning,
            &RELEARNING_STEPS_MIN,
            prev.step as usize,
        ),
        CardState::Review => {
            return (rating == Rating::Again).then_some((
                CardState::Relearning,
                0,
                RELEARNING_STEPS_MIN[0],
            ));
        }
    };
    let step = step.min(steps.len() - 1);
    match rating {
        Rating::Again => Some((state, 0, steps[0])),
        Rating::Hard => {
            let minutes = match (step, steps) {
                (0, [only]) => only * 3 / 2,
                (0, [first, second, ..]) => (first + second + 1) / 2,
                _ => steps[step],
            };
            Some((state, step as u32, minutes))
        }
        Rating::Good => steps
            .get(step + 1)
            .map(|&minutes| (state, step as u32 + 1, minutes)),
        Rating::Easy => None,
    }
}
