//! Today's review, Anki-style: the review log each rating leaves, the daily limits on new
//! cards and reviews, and the queue they give — cards on a (re)learning step, reviews due
//! today and new cards, in the order a session shows them.
//!
//! Pure: "now" and the local day's bounds are parameters (milliseconds since the Unix epoch).

use serde::Serialize;

use super::{CardState, ProgressStore, Rating};

/// One rating given to a topic or a code card, as FSRS's review log records it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReviewLog {
    /// When it was rated (ms).
    pub review: i64,
    /// The rating.
    pub rating: Rating,
    /// The card's state before the rating (`new`: the card's first review).
    pub state: CardState,
    /// For a code card: whether the learner's first prediction (before any 再试一次) matched
    /// CPython's output; `None` for a topic, or when nothing was compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
}

/// The daily limits (Anki's "new cards/day" and "maximum reviews/day"), which topics
/// random practice draws from, and the time limit of a Python run (`notes::pyrun`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewSettings {
    /// New cards (never reviewed) introduced per day.
    pub new_per_day: u32,
    /// Reviews of cards in the review state per day; cards on a (re)learning step are not
    /// limited (as in Anki), so a failed card always comes back.
    pub reviews_per_day: u32,
    /// Random practice also draws topics never opened (未读).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub practice_unread: bool,
    /// A Python run's time limit in seconds
    /// (`notes::pyrun::TIME_LIMIT_MIN_S`..=`TIME_LIMIT_MAX_S`); absent in stores written
    /// before it existed, which read as the default.
    #[serde(skip_serializing_if = "ReviewSettings::is_default_time_limit")]
    pub py_time_limit_s: u32,
    /// When the settings last changed (ms); 0 = never (the defaults).
    pub updated_at: i64,
}

impl ReviewSettings {
    /// Default new cards per day (Anki's default).
    pub const DEFAULT_NEW: u32 = 20;
    /// Default reviews per day (Anki's default).
    pub const DEFAULT_REVIEWS: u32 = 200;
    /// Largest limit accepted.
    pub const MAX_LIMIT: u32 = 9999;

    /// Whether `s` is the default Python time limit (then it is not stored).
    fn is_default_time_limit(s: &u32) -> bool {
        *s == crate::notes::pyrun::TIME_LIMIT_DEFAULT_S
    }

    /// Whether these are the untouched defaults (then they are not stored).
    pub fn is_default(&self) -> bool {
        *self == ReviewSettings::default()
    }

    /// The limits capped to [`ReviewSettings::MAX_LIMIT`].
    pub fn clamped(self) -> ReviewSettings {
        ReviewSettings {
            new_per_day: self.new_per_day.min(Self::MAX_LIMIT),
            reviews_per_day: self.reviews_per_day.min(Self::MAX_LIMIT),
            py_time_limit_s: crate::notes::pyrun::time_limit_s(self.py_time_limit_s),
            ..self
        }
    }
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            new_per_day: Self::DEFAULT_NEW,
            reviews_per_day: Self::DEFAULT_REVIEWS,
            practice_unread: false,
            py_time_limit_s: crate::notes::pyrun::TIME_LIMIT_DEFAULT_S,
            updated_at: 0,
        }
    }
}

/// What was rated today, from the review logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DoneToday {
    /// New cards introduced (first reviews).
    pub new: u32,
    /// Reviews of cards in the review state.
    pub reviews: u32,
}

/// Counts today's first reviews and reviews (log entries from `day_start_ms` on), of topics
/// and code cards together: the daily limits are one budget for both.
pub fn done_today(store: &ProgressStore, day_start_ms: i64) -> DoneToday {
    let mut done = DoneToday::default();
    for entry in store
        .topics
        .values()
        .flat_map(|t| &t.log)
        .chain(store.cards.values().flat_map(|c| &c.log))
        .filter(|l| l.review >= day_start_ms)
    {
        match entry.state {
            CardState::New => done.new += 1,
            CardState::Review => done.reviews += 1,
            CardState::Learning | CardState::Relearning => {}
        }
    }
    done
}

/// Today's queue: what a review session shows, in order, and how much of it is of each kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TodayQueue {
    /// Slugs in the order to show them: (re)learning cards whose step is due, reviews (most
    /// overdue first), new cards (in the order they were added), then (re)learning cards whose
    /// step is not due yet, soonest first (shown when nothing else is left).
    pub order: Vec<String>,
    /// New cards in `order`.
    pub new: usize,
    /// Cards on a (re)learning step in `order`.
    pub learning: usize,
    /// Review-state cards in `order`.
    pub review: usize,
    /// Cards due today that the daily limits hold back until tomorrow.
    pub held_back: usize,
}

impl TodayQueue {
    /// Number of cards left today.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether nothing is left today.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// Today's queue over `slugs`, queue keys of topics and code cards
/// ([`review_keys`](super::review_keys); their order breaks ties): cards due by `day_end_ms`,
/// new cards and reviews capped by the store's [`ReviewSettings`] less what
/// [`done_today`] counts since `day_start_ms`; `now_ms` tells a due learning step from
/// one still waiting.
pub fn today_queue(
    store: &ProgressStore,
    slugs: &[&str],
    now_ms: i64,
    day_start_ms: i64,
    day_end_ms: i64,
) -> TodayQueue {
    let mut learning_due = Vec::new();
    let mut learning_later = Vec::new();
    let mut reviews = Vec::new();
    let mut new = Vec::new();
    for (i, slug) in slugs.iter().enumerate() {
        let Some(card) = store.review_of(slug) else {
            continue;
        };
        if card.due > day_end_ms {
            continue;
        }
        let list = match card.state {
            CardState::New => &mut new,
            CardState::Review => &mut reviews,
            CardState::Learning | CardState::Relearning if card.due <= now_ms => &mut learning_due,
            CardState::Learning | CardState::Relearning => &mut learning_later,
        };
        list.push((card.due, i, *slug));
    }
    for list in [
        &mut learning_due,
        &mut learning_later,
        &mut reviews,
        &mut new,
    ] {
        crate::index_sort::sort_by(list, Ord::cmp);
    }
    let settings = store.review_settings;
    let done = done_today(store, day_start_ms);
    let new_left = settings.new_per_day.saturating_sub(done.new) as usize;
    let reviews_left = settings.reviews_per_day.saturating_sub(done.reviews) as usize;
    let held_back = new.len().saturating_sub(new_left) + reviews.len().saturating_sub(reviews_left);
    reviews.truncate(reviews_left);
    new.truncate(new_left);
    let (n_new, n_review) = (new.len(), reviews.len());
    let n_learning = learning_due.len() + learning_later.len();
    let order = learning_due
        .into_iter()
        .chain(reviews)
        .chain(new)
        .chain(learning_later)
        .map(|(_, _, s)| s.to_string())
        .collect();
    TodayQueue {
        order,
        new: n_new,
        learning: n_learning,
        review: n_review,
        held_back,
    }
}
