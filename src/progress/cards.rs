//! Code cards (predict-the-output, [`crate::cards`]) in the progress store: each card's own
//! FSRS memory state and review log, keyed by the card's stable id, scheduled exactly like a
//! topic ([`schedule`](super::schedule)) and never touching a topic's record.
//!
//! One review queue holds both kinds. Its entries are *keys*: a topic's slug, or
//! [`CARD_KEY_PREFIX`] + a card id (a card id may equal its topic's slug). [`ReviewItem::of`]
//! tells them apart; [`ProgressStore::review_of`] reads either's review card, so
//! [`today_queue`](super::today_queue), [`upcoming`](super::upcoming) and the
//! [`Session`](super::Session) work on both. The daily limits are shared: one budget of new
//! cards and one of reviews per day, whatever their kind (as Anki counts every note type of a
//! deck together).
//!
//! Pure: no clock (times are parameters).

use serde::Serialize;
use serde_json::Value;

use super::load::{check_keys, review_card, review_log, ts_or_zero, valid_key, Salvage};
use super::{
    bump, clamp_ms, schedule, CardState, ProgressStore, Rating, ReviewCard, ReviewLog,
    MASTERED_INTERVAL_DAYS,
};

/// What a review-queue key of a code card starts with: `"card:closure-late-binding"`.
pub const CARD_KEY_PREFIX: &str = "card:";
/// Most code-card records kept (the data file has a few dozen cards).
pub const MAX_CARDS: usize = 1000;

/// Progress of one code card.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CardProgress {
    /// When this record last changed (ms); the newer record wins a merge.
    pub updated_at: i64,
    /// FSRS memory state, once the card entered the schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewCard>,
    /// The ratings given to this card, oldest first (at most [`MAX_REVIEW_LOG`](super::MAX_REVIEW_LOG)); each says
    /// whether the prediction was right ([`ReviewLog::correct`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<ReviewLog>,
}

/// One entry of the review queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewItem<'a> {
    /// A topic, by slug: the front side is its question.
    Topic(&'a str),
    /// A code card, by id: predict what the code prints.
    Card(&'a str),
}

impl<'a> ReviewItem<'a> {
    /// Reads a queue key (see [`card_key`]).
    pub fn of(key: &'a str) -> ReviewItem<'a> {
        match key.strip_prefix(CARD_KEY_PREFIX) {
            Some(id) => ReviewItem::Card(id),
            None => ReviewItem::Topic(key),
        }
    }
}

/// The review-queue key of a code card.
pub fn card_key(id: &str) -> String {
    format!("{CARD_KEY_PREFIX}{id}")
}

/// Which cards the review page shows; `#/review?only=code` in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewFilter {
    /// Topics and code cards, mixed.
    #[default]
    All,
    /// Topics only.
    Topics,
    /// Code cards only.
    Code,
}

impl ReviewFilter {
    /// Every filter, in the order the page offers them.
    pub const ALL: [ReviewFilter; 3] =
        [ReviewFilter::All, ReviewFilter::Topics, ReviewFilter::Code];

    /// The value of the address's `only` parameter (`""` for [`ReviewFilter::All`]).
    pub fn key(self) -> &'static str {
        match self {
            ReviewFilter::All => "",
            ReviewFilter::Topics => "topics",
            ReviewFilter::Code => "code",
        }
    }

    /// Reads the `only` parameter; anything unknown shows everything.
    pub fn from_key(key: &str) -> ReviewFilter {
        ReviewFilter::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .unwrap_or_default()
    }

    /// Chinese label of the choice.
    pub fn label(self) -> &'static str {
        match self {
            ReviewFilter::All => "全部",
            ReviewFilter::Topics => "只看主题",
            ReviewFilter::Code => "只看代码题",
        }
    }

    /// Whether a queue key passes the filter.
    pub fn admits(self, key: &str) -> bool {
        match (self, ReviewItem::of(key)) {
            (ReviewFilter::All, _) => true,
            (ReviewFilter::Topics, item) => matches!(item, ReviewItem::Topic(_)),
            (ReviewFilter::Code, item) => matches!(item, ReviewItem::Card(_)),
        }
    }
}

/// The keys a review queue is built from, in the order that breaks ties: each topic of
/// `slugs` followed by its code cards (`cards`: `(topic slug, card id)`, in file order), then
/// the cards of topics not in `slugs`; only those `filter` admits.
pub fn review_keys(slugs: &[&str], cards: &[(&str, &str)], filter: ReviewFilter) -> Vec<String> {
    let mut keys = Vec::with_capacity(slugs.len() + cards.len());
    for slug in slugs {
        keys.push(slug.to_string());
        keys.extend(
            cards
                .iter()
                .filter(|(t, _)| t == slug)
                .map(|(_, id)| card_key(id)),
        );
    }
    keys.extend(
        cards
            .iter()
            .filter(|(t, _)| !slugs.contains(t))
            .map(|(_, id)| card_key(id)),
    );
    keys.retain(|k| filter.admits(k));
    keys
}

/// Code cards (`cards`: `(topic slug, card id)`, in order) not yet in the schedule whose
/// topic the learner has opened, at most `limit`: what the review page offers to add.
pub fn card_candidates(store: &ProgressStore, cards: &[(&str, &str)], limit: usize) -> Vec<String> {
    cards
        .iter()
        .filter(|(topic, id)| {
            store.status(topic) != super::Status::Unread
                && store.card(id).is_none_or(|c| c.review.is_none())
        })
        .take(limit)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Where a code card stands in the schedule, in FSRS's terms, as a topic page lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStanding {
    /// Not in the schedule: never rated nor added.
    Unscheduled,
    /// In the schedule, never reviewed (FSRS `New`).
    New,
    /// On a learning step, due again at this time (ms).
    Learning(i64),
    /// In review, next due at this time (ms).
    Review(i64),
    /// On a relearning step after a lapse, due again at this time (ms).
    Relearning(i64),
    /// In review with an interval of at least [`MASTERED_INTERVAL_DAYS`], next due (ms).
    Mastered(i64),
}

impl CardStanding {
    /// The standing of a card with this review state.
    pub fn of(review: Option<&ReviewCard>) -> CardStanding {
        let Some(c) = review else {
            return CardStanding::Unscheduled;
        };
        match c.state {
            CardState::New => CardStanding::New,
            CardState::Learning => CardStanding::Learning(c.due),
            CardState::Relearning => CardStanding::Relearning(c.due),
            CardState::Review if c.scheduled_days >= MASTERED_INTERVAL_DAYS => {
                CardStanding::Mastered(c.due)
            }
            CardState::Review => CardStanding::Review(c.due),
        }
    }

    /// Stable ASCII key (a `data-` attribute for styles and tests).
    pub fn key(self) -> &'static str {
        match self {
            CardStanding::Unscheduled => "unscheduled",
            CardStanding::New => "new",
            CardStanding::Learning(_) => "learning",
            CardStanding::Review(_) => "review",
            CardStanding::Relearning(_) => "relearning",
            CardStanding::Mastered(_) => "mastered",
        }
    }

    /// Chinese label: 未加入复习, 新, 学习中, 复习, 重新学习, 已掌握.
    pub fn label(self) -> &'static str {
        match self {
            CardStanding::Unscheduled => "未加入复习",
            CardStanding::New => "新",
            CardStanding::Learning(_) => "学习中",
            CardStanding::Review(_) => "复习",
            CardStanding::Relearning(_) => "重新学习",
            CardStanding::Mastered(_) => "已掌握",
        }
    }

    /// When the card is due next (ms), for the states that have a date worth showing.
    pub fn due(self) -> Option<i64> {
        match self {
            CardStanding::Unscheduled | CardStanding::New => None,
            CardStanding::Learning(d)
            | CardStanding::Review(d)
            | CardStanding::Relearning(d)
            | CardStanding::Mastered(d) => Some(d),
        }
    }
}

/// The code cards on the progress overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardOverview {
    /// Cards in the data file.
    pub total: usize,
    /// Cards rated at least once.
    pub learned: usize,
    /// Cards in the schedule due by the end of today (limits not applied).
    pub due: usize,
    /// Code-card reviews that recorded a prediction.
    pub answered: usize,
    /// Of those, the ones whose first prediction was right.
    pub first_try_correct: usize,
}

impl CardOverview {
    /// Accuracy: the share of code-card reviews whose first prediction (before any 再试一次)
    /// matched CPython's output, in percent; `None` before any.
    pub fn accuracy(&self) -> Option<f64> {
        (self.answered > 0).then(|| super::percent(self.first_try_correct, self.answered))
    }
}

/// Counts the code cards `ids` for the overview; `day_end_ms` is the end of the local day.
/// Review-log entries of cards no longer in `ids` count towards nothing.
pub fn card_overview(store: &ProgressStore, ids: &[&str], day_end_ms: i64) -> CardOverview {
    let mut ov = CardOverview {
        total: ids.len(),
        ..CardOverview::default()
    };
    for c in ids.iter().filter_map(|id| store.cards.get(*id)) {
        if c.review.is_some_and(|r| r.reps > 0) {
            ov.learned += 1;
        }
        if c.review.is_some_and(|r| r.due <= day_end_ms) {
            ov.due += 1;
        }
        for correct in c.log.iter().filter_map(|l| l.correct) {
            ov.answered += 1;
            ov.first_try_correct += usize::from(correct);
        }
    }
    ov
}

impl ProgressStore {
    /// The record of one code card, if any.
    pub fn card(&self, id: &str) -> Option<&CardProgress> {
        self.cards.get(id)
    }

    /// The review card behind a queue key: a topic's or a code card's ([`ReviewItem`]).
    pub fn review_of(&self, key: &str) -> Option<ReviewCard> {
        match ReviewItem::of(key) {
            ReviewItem::Topic(slug) => self.topic(slug)?.review,
            ReviewItem::Card(id) => self.card(id)?.review,
        }
    }

    /// Gets the record of card `id` (created if missing) stamped as changed at `now`.
    fn touch_card(&mut self, id: &str, now: i64) -> &mut CardProgress {
        let c = self.cards.entry(id.to_string()).or_default();
        c.updated_at = bump(c.updated_at, now);
        c
    }

    /// Puts code card `id` in the schedule as a new card due now; does nothing when it is
    /// already there.
    pub fn add_card(&mut self, id: &str, now_ms: f64) {
        if self.card(id).is_some_and(|c| c.review.is_some()) || !valid_key(id) {
            return;
        }
        let now = clamp_ms(now_ms);
        self.touch_card(id, now).review = Some(ReviewCard::new_due(now));
    }

    /// Rates code card `id` and schedules its next review, exactly as
    /// [`ProgressStore::record_review`] does for a topic; `correct` is whether the learner's
    /// first prediction was right (`None`: no prediction was compared). Returns the new state.
    pub fn record_card_review(
        &mut self,
        id: &str,
        rating: Rating,
        correct: Option<bool>,
        now_ms: f64,
    ) -> ReviewCard {
        let now = clamp_ms(now_ms);
        let c = self.touch_card(id, now);
        let before = c.review.map_or(CardState::New, |r| r.state);
        let card = schedule(c.review.as_ref(), rating, now);
        c.review = Some(card);
        super::push_log(
            &mut c.log,
            ReviewLog {
                review: card.last_review,
                rating,
                state: before,
                correct,
            },
        );
        card
    }

    /// Puts back what a rating changed on code card `id` (review card and log) as it was in
    /// `before` (`None`: no record), stamped as changed at `now_ms` so the undo wins a merge.
    pub fn restore_card_review(&mut self, id: &str, before: Option<&CardProgress>, now_ms: f64) {
        let before = before.cloned().unwrap_or_default();
        let c = self.touch_card(id, clamp_ms(now_ms));
        c.review = before.review;
        c.log = before.log;
    }
}

/// Reads the stored `cards` map: malformed records dropped, at most [`MAX_CARDS`] kept.
/// Unknown ids are kept (a card taken out of the data file may come back; ids are never
/// reused).
pub(super) fn card_map(
    v: Option<&Value>,
    sv: &mut Salvage,
) -> std::collections::BTreeMap<String, CardProgress> {
    let mut out = std::collections::BTreeMap::new();
    let items = match v {
        None | Some(Value::Null) => return out,
        Some(Value::Object(m)) => m,
        Some(_) => {
            sv.drop_one();
            return out;
        }
    };
    for (id, c) in items {
        let Some(obj) = c
            .as_object()
            .filter(|_| valid_key(id) && out.len() < MAX_CARDS)
        else {
            sv.drop_one();
            continue;
        };
        check_keys(obj, &["updated_at", "review", "log"], sv);
        let review = match obj.get("review") {
            None | Some(Value::Null) => None,
            Some(v) => review_card(v, sv),
        };
        out.insert(
            id.clone(),
            CardProgress {
                updated_at: ts_or_zero(obj, "updated_at", sv),
                review,
                log: review_log(obj.get("log"), sv),
            },
        );
    }
    out
}
