//! A review session (the 复习 page): which topic is shown, what skipping, rating, undoing and
//! practising do, and when the session has nothing left to show.
//!
//! The queue holds keys of topics and code cards alike ([`ReviewItem`]); rating a code card
//! changes only that card's record.
//!
//! Pure: the due queue, the clock and randomness are parameters. The queue is the order
//! [`today_queue`](super::today_queue) gives now; it changes as topics are rated (a rated
//! topic is no longer due, a failed one waits on its learning step at the end), so the
//! session never keeps its own copy. `random` is a number in `0.0..1.0` (e.g.
//! `Math.random()`), used only to pick a topic in random practice.
//!
//! Every rating can be undone (撤销, Z or Ctrl/⌘+Z, as in Anki), most recent first: the
//! topic's status, review card and review log are put back as they were, and the session
//! shows the card again with its answer, as it was just before the rating.

use std::collections::VecDeque;

use super::{CardProgress, ProgressStore, Rating, ReviewCard, ReviewItem, Status, TopicProgress};

/// Most ratings a session can undo.
const MAX_UNDO: usize = 50;

/// Where the topics of a session come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionMode {
    /// Today's due queue (the default).
    Due,
    /// Practising bookmarked topics, in order.
    Bookmarks,
    /// Practising random topics.
    Random,
}

impl SessionMode {
    /// Chinese label shown above the card.
    pub fn label(self) -> &'static str {
        match self {
            SessionMode::Due => "今日复习",
            SessionMode::Bookmarks => "练习收藏",
            SessionMode::Random => "随机练习",
        }
    }

    /// Label of the button that moves on without rating.
    pub fn skip_label(self) -> &'static str {
        match self {
            SessionMode::Due => "跳过",
            SessionMode::Bookmarks | SessionMode::Random => "换一题",
        }
    }
}

/// The result of the last rating, shown above the next card.
#[derive(Debug, Clone, PartialEq)]
pub struct Rated {
    /// The rated topic.
    pub slug: String,
    /// The rating given.
    pub rating: Rating,
    /// The topic's review card after the rating (next due date, interval); `None` when the
    /// rating was not recorded (a topic never read, rated in practice, is not scheduled
    /// without asking).
    pub card: Option<ReviewCard>,
}

/// What a key press does on the review page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Space: show the answer.
    Reveal,
    /// 1–4: rate the shown topic.
    Rate(Rating),
    /// Z (or Ctrl/⌘+Z): undo the last rating.
    Undo,
}

/// A record as it was before a rating (`None` inside: there was none).
#[derive(Debug, Clone, PartialEq)]
enum Before {
    /// A topic's record.
    Topic(Option<TopicProgress>),
    /// A code card's record.
    Card(Option<CardProgress>),
}

/// What undoing a rating puts back.
#[derive(Debug, Clone, PartialEq)]
struct Undo {
    /// The rated queue key.
    slug: String,
    /// Its record before the rating. `None`: the rating changed nothing in the store.
    before: Option<Before>,
    /// The session just before the rating (its own history empty).
    session: Box<Session>,
}

/// The state of one review session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The topics random practice draws from.
    pool: Vec<String>,
    mode: SessionMode,
    /// A topic chosen explicitly (a queue link, practice); else the queue decides.
    chosen: Option<String>,
    /// Bookmarks still to practise after the chosen one.
    practice: VecDeque<String>,
    /// Due topics put aside with 跳过, oldest first.
    skipped: Vec<String>,
    revealed: bool,
    last: Option<Rated>,
    done: usize,
    /// Ratings that can be undone, oldest first.
    history: Vec<Undo>,
}

/// Index in `0..n` for a `random` number in `0.0..1.0` (out-of-range or NaN input is clamped).
fn pick(n: usize, random: f64) -> usize {
    ((random.max(0.0) * n as f64) as usize).min(n.saturating_sub(1))
}

impl Session {
    /// A session reviewing the due `queue`. `requested` (e.g. a topic clicked in the
    /// overview's queue) is shown first if it is due.
    pub fn new(queue: &[String], requested: Option<String>) -> Session {
        Session {
            pool: Vec::new(),
            mode: SessionMode::Due,
            chosen: requested.filter(|s| queue.contains(s)),
            practice: VecDeque::new(),
            skipped: Vec::new(),
            revealed: false,
            last: None,
            done: 0,
            history: Vec::new(),
        }
    }

    /// The topic to show: the chosen one, else the first due topic not skipped, else (all
    /// skipped) the head of the queue. `None`: nothing to review, the session is over.
    pub fn current<'a>(&'a self, queue: &'a [String]) -> Option<&'a str> {
        self.chosen
            .as_deref()
            .or_else(|| {
                queue
                    .iter()
                    .find(|s| !self.skipped.contains(s))
                    .map(String::as_str)
            })
            .or_else(|| queue.first().map(String::as_str))
    }

    /// Where the topics come from now.
    pub fn mode(&self) -> SessionMode {
        self.mode
    }

    /// Whether the answer of the current topic is shown.
    pub fn revealed(&self) -> bool {
        self.revealed
    }

    /// The last rating of this session.
    pub fn last(&self) -> Option<&Rated> {
        self.last.as_ref()
    }

    /// How many topics were rated in this session.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Shows the answer.
    pub fn reveal(&mut self) {
        self.revealed = true;
    }

    /// Moves on without rating. In the due queue the topic goes to the back (after every
    /// other due topic); in practice another topic is drawn.
    pub fn skip(&mut self, queue: &[String], random: f64) {
        if self.mode == SessionMode::Due {
            if let Some(slug) = self.current(queue).map(str::to_string) {
                self.skipped.retain(|s| *s != slug);
                self.skipped.push(slug);
            }
        }
        self.advance(random);
    }

    /// Shows the head of the queue again with its answer hidden, for when the queue itself
    /// changed under the session (the review page's filter); practice keeps its topic.
    pub fn requeue(&mut self) {
        if self.mode == SessionMode::Due {
            self.chosen = None;
        }
        self.revealed = false;
    }

    /// Whether a rating can be undone.
    pub fn can_undo(&self) -> bool {
        !self.history.is_empty()
    }

    /// Undoes the last rating: puts the topic's status, review card and review log back in
    /// `store` (see [`ProgressStore::restore_review`]) and returns to the session as it was
    /// just before the rating, showing that topic with its answer. The study day stays (the
    /// learner did study). Returns the topic, or `None` when there is nothing to undo.
    pub fn undo(&mut self, store: &mut ProgressStore, now_ms: f64) -> Option<String> {
        let undo = self.history.pop()?;
        match (&undo.before, ReviewItem::of(&undo.slug)) {
            (Some(Before::Topic(before)), _) => {
                store.restore_review(&undo.slug, before.as_ref(), now_ms)
            }
            (Some(Before::Card(before)), ReviewItem::Card(id)) => {
                store.restore_card_review(id, before.as_ref(), now_ms)
            }
            _ => {}
        }
        let history = std::mem::take(&mut self.history);
        *self = *undo.session;
        self.history = history;
        // Shown again even if the due queue would now put another topic first.
        self.chosen = Some(undo.slug.clone());
        self.revealed = true;
        Some(undo.slug)
    }

    /// Rates the current topic in `store` (records the review and today as a study day)
    /// and moves on; the rating can be undone. In practice, a topic never read (未读) is not
    /// put on the schedule: the rating is shown but not recorded. Returns the new review
    /// card, or `None` when there is no topic or nothing was recorded.
    pub fn rate(
        &mut self,
        store: &mut ProgressStore,
        queue: &[String],
        rating: Rating,
        now_ms: f64,
        today: i64,
        random: f64,
    ) -> Option<ReviewCard> {
        self.rate_prediction(store, queue, rating, None, now_ms, today, random)
    }

    /// [`Session::rate`], saying for a code card whether the learner's first prediction was
    /// right (recorded in its review log, [`super::ReviewLog::correct`]); ignored for a topic.
    #[allow(clippy::too_many_arguments)] // `rate`'s arguments and the verdict
    pub fn rate_prediction(
        &mut self,
        store: &mut ProgressStore,
        queue: &[String],
        rating: Rating,
        correct: Option<bool>,
        now_ms: f64,
        today: i64,
        random: f64,
    ) -> Option<ReviewCard> {
        let slug = self.current(queue)?.to_string();
        let history = std::mem::take(&mut self.history);
        let snapshot = Box::new(self.clone());
        self.history = history;
        let (before, card) = match ReviewItem::of(&slug) {
            ReviewItem::Card(id) => {
                let before = store.card(id).cloned();
                let card = store.record_card_review(id, rating, correct, now_ms);
                store.record_study_day(today);
                (Some(Before::Card(before)), Some(card))
            }
            ReviewItem::Topic(_)
                if self.mode != SessionMode::Due && store.status(&slug) == Status::Unread =>
            {
                (None, None)
            }
            ReviewItem::Topic(_) => {
                let before = store.topic(&slug).cloned();
                let card = store.record_review(&slug, rating, now_ms);
                store.record_study_day(today);
                (Some(Before::Topic(before)), Some(card))
            }
        };
        if self.history.len() >= MAX_UNDO {
            self.history.remove(0);
        }
        self.history.push(Undo {
            slug: slug.clone(),
            before,
            session: snapshot,
        });
        self.last = Some(Rated { slug, rating, card });
        self.done += 1;
        self.advance(random);
        card
    }

    /// Practises `bookmarks` in order (rated like due topics). Does nothing when empty.
    pub fn practice_bookmarks(&mut self, bookmarks: &[String]) {
        let mut list: VecDeque<String> = bookmarks.iter().cloned().collect();
        let Some(first) = list.pop_front() else {
            return;
        };
        self.practice = list;
        self.start(SessionMode::Bookmarks, first);
    }

    /// Practises random topics drawn from `pool` (see [`practice_pool`]), starting now.
    /// Does nothing when `pool` is empty.
    pub fn practice_random(&mut self, pool: Vec<String>, random: f64) {
        if let Some(first) = pool.get(pick(pool.len(), random)).cloned() {
            self.pool = pool;
            self.start(SessionMode::Random, first);
        }
    }

    /// Stops practising and returns to the due queue.
    pub fn end_practice(&mut self) {
        self.mode = SessionMode::Due;
        self.practice.clear();
        self.revealed = false;
        self.chosen = None;
    }

    /// What `key` (a `KeyboardEvent.key`) does now: space reveals, then 1–4 rate; z undoes
    /// the last rating (the page maps Ctrl/⌘+Z to it too).
    pub fn shortcut(&self, queue: &[String], key: &str) -> Option<Shortcut> {
        if matches!(key, "z" | "Z") {
            return self.can_undo().then_some(Shortcut::Undo);
        }
        self.current(queue)?;
        if !self.revealed {
            return (key == " ").then_some(Shortcut::Reveal);
        }
        let rating = match key {
            "1" => Rating::Again,
            "2" => Rating::Hard,
            "3" => Rating::Good,
            "4" => Rating::Easy,
            _ => return None,
        };
        Some(Shortcut::Rate(rating))
    }

    fn start(&mut self, mode: SessionMode, first: String) {
        self.mode = mode;
        self.chosen = Some(first);
        self.revealed = false;
    }

    /// The next topic after a rating or a skip.
    fn advance(&mut self, random: f64) {
        self.revealed = false;
        match self.mode {
            SessionMode::Due => self.chosen = None,
            SessionMode::Bookmarks => {
                self.chosen = self.practice.pop_front();
                if self.chosen.is_none() {
                    self.mode = SessionMode::Due;
                }
            }
            SessionMode::Random => {
                let pool: Vec<&String> = self
                    .pool
                    .iter()
                    .filter(|s| Some(s.as_str()) != self.chosen.as_deref())
                    .collect();
                self.chosen = pool.get(pick(pool.len(), random)).map(|s| s.to_string());
                if self.chosen.is_none() {
                    self.mode = SessionMode::Due;
                }
            }
        }
    }
}

/// Topics and code cards (queue keys from `slugs`) next due after `after_ms`, soonest first
/// (ties by key), at most `limit`: `(due ms, key)`.
pub fn upcoming(
    store: &ProgressStore,
    slugs: &[&str],
    after_ms: i64,
    limit: usize,
) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> = slugs
        .iter()
        .filter_map(|slug| {
            let due = store.review_of(slug)?.due;
            (due > after_ms).then(|| (due, slug.to_string()))
        })
        .collect();
    crate::index_sort::sort_by(&mut v, Ord::cmp);
    v.truncate(limit);
    v
}

/// The topics random practice draws from (from `slugs`, in order): those the learner has
/// opened (any status but 未读), or every topic when `include_unread`.
pub fn practice_pool(store: &ProgressStore, slugs: &[&str], include_unread: bool) -> Vec<String> {
    slugs
        .iter()
        .filter(|s| include_unread || store.status(s) != Status::Unread)
        .map(|s| s.to_string())
        .collect()
}

/// Read topics (from `slugs`, in order) not yet in the review cycle, at most `limit`: what
/// the empty review page offers to add.
pub fn review_candidates(store: &ProgressStore, slugs: &[&str], limit: usize) -> Vec<String> {
    slugs
        .iter()
        .filter(|s| {
            store
                .topic(s)
                .is_some_and(|p| p.status == Status::Read && p.review.is_none())
        })
        .take(limit)
        .map(|s| s.to_string())
        .collect()
}
