//! Native tests for the review session (`progress::Session`): queue order, skip, rate and
//! advance, practice modes, keyboard shortcuts and the end of a session; plus the lists and
//! the calendar arithmetic around it (upcoming reviews, candidates, the activity calendar,
//! the end of a local day).
use std::collections::BTreeSet;

use mianshiti_playground::progress::*;

const DAY: i64 = 86_400_000;
/// 2023-11-14T22:13:20Z.
const T0: i64 = 1_700_000_000_000;
const TOPICS: [&str; 4] = ["gil", "lru", "tcp", "dns"];

fn topics() -> Vec<String> {
    TOPICS.iter().map(|s| s.to_string()).collect()
}

/// A store where `due` topics (in this order of due time) are in the review cycle, due now.
fn store_with_due(due: &[&str]) -> ProgressStore {
    let mut s = ProgressStore::new();
    for (i, slug) in due.iter().enumerate() {
        s.set_status(slug, Status::Review, (T0 + i as i64) as f64);
    }
    s
}

fn queue(s: &ProgressStore) -> Vec<String> {
    s.due_queue((T0 + DAY) as f64, &TOPICS)
}

#[test]
fn shows_the_queue_in_order_and_ends_when_it_is_empty() {
    let mut store = store_with_due(&["tcp", "gil"]);
    let q = queue(&store);
    assert_eq!(q, ["tcp", "gil"], "most overdue first");
    let mut session = Session::new(&q, None);
    assert_eq!(session.current(&q), Some("tcp"));
    assert_eq!(session.mode(), SessionMode::Due);
    assert!(!session.revealed());
    session.reveal();
    assert!(session.revealed());

    let now = (T0 + 10) as f64;
    let card = session.rate(&mut store, &q, Rating::Good, now, 19_676, 0.5);
    assert_eq!(card.map(|c| c.reps), Some(1));
    assert!(!session.revealed(), "the next card starts hidden");
    assert_eq!(session.done(), 1);
    let last = session.last().cloned();
    assert_eq!(last.as_ref().map(|r| r.slug.as_str()), Some("tcp"));
    assert_eq!(last.as_ref().map(|r| r.rating), Some(Rating::Good));
    assert_eq!(store.topic("tcp").and_then(|t| t.review), card);
    assert!(store.study_days.contains(&19_676), "rating is a study day");

    // The rated topic is no longer due: the queue moves on.
    let q = queue(&store);
    assert_eq!(q, ["gil"]);
    assert_eq!(session.current(&q), Some("gil"));
    session.rate(&mut store, &q, Rating::Easy, now, 19_676, 0.5);
    let q = queue(&store);
    assert!(q.is_empty());
    assert_eq!(session.current(&q), None, "the session is over");
    assert_eq!(session.done(), 2);
    assert_eq!(
        session.rate(&mut store, &q, Rating::Good, now, 19_676, 0.5),
        None
    );
    assert_eq!(session.done(), 2, "nothing to rate, nothing counted");
}

#[test]
fn an_empty_queue_has_nothing_to_show() {
    let session = Session::new(&[], Some("gil".to_string()));
    assert_eq!(session.current(&[]), None);
    assert_eq!(session.shortcut(&[], " "), None);
    assert_eq!(session.done(), 0);
    assert_eq!(session.last(), None);
}

#[test]
fn a_requested_topic_comes_first_only_if_it_is_due() {
    let q = queue(&store_with_due(&["tcp", "gil"]));
    let s = Session::new(&q, Some("gil".to_string()));
    assert_eq!(s.current(&q), Some("gil"));
    let s = Session::new(&q, Some("lru".to_string()));
    assert_eq!(s.current(&q), Some("tcp"), "not due: ignored");
}

#[test]
fn skip_puts_a_due_topic_behind_the_others() {
    let store = store_with_due(&["tcp", "gil", "lru"]);
    let q = queue(&store);
    let mut s = Session::new(&q, None);
    s.reveal();
    s.skip(&q, 0.0);
    assert!(!s.revealed());
    assert_eq!(s.current(&q), Some("gil"));
    s.skip(&q, 0.0);
    assert_eq!(s.current(&q), Some("lru"));
    s.skip(&q, 0.0);
    // Everything skipped: back to the head of the queue.
    assert_eq!(s.current(&q), Some("tcp"));
    s.skip(&q, 0.0);
    assert_eq!(
        s.current(&q),
        Some("tcp"),
        "all skipped: the queue head stays"
    );
    assert_eq!(s.mode(), SessionMode::Due);
    assert_eq!(s.done(), 0, "skipping is not reviewing");
}

#[test]
fn skipping_a_requested_topic_returns_to_the_queue() {
    let q = queue(&store_with_due(&["tcp", "gil"]));
    let mut s = Session::new(&q, Some("gil".to_string()));
    s.skip(&q, 0.0);
    assert_eq!(s.current(&q), Some("tcp"));
}

#[test]
fn bookmark_practice_goes_through_the_list_then_back_to_the_queue() {
    let mut store = store_with_due(&[]);
    store.mark_visit("lru", T0 as f64);
    let q = queue(&store);
    let mut s = Session::new(&q, None);
    s.practice_bookmarks(&[]);
    assert_eq!(s.mode(), SessionMode::Due, "no bookmarks: nothing starts");
    s.practice_bookmarks(&["lru".to_string(), "dns".to_string()]);
    assert_eq!(s.mode(), SessionMode::Bookmarks);
    assert_eq!(s.current(&q), Some("lru"));
    s.rate(&mut store, &q, Rating::Again, T0 as f64, 1, 0.0);
    assert_eq!(
        store.status("lru"),
        Status::Review,
        "practice ratings count"
    );
    let q = queue(&store);
    assert_eq!(
        s.current(&q),
        Some("dns"),
        "practice keeps its order over the queue"
    );
    s.skip(&q, 0.0);
    assert_eq!(
        s.mode(),
        SessionMode::Due,
        "list done: back to the due queue"
    );
    assert_eq!(
        s.current(&q),
        Some("lru"),
        "rated 重来: on its first learning step, due again in a minute"
    );
    assert_eq!(
        store.topic("lru").and_then(|t| t.review).map(|c| c.due),
        Some(T0 + 60_000)
    );
}

#[test]
fn random_practice_draws_another_topic_each_time() {
    let q: Vec<String> = Vec::new();
    let mut s = Session::new(&q, None);
    s.practice_random(topics(), 0.0);
    assert_eq!(s.mode(), SessionMode::Random);
    assert_eq!(s.current(&q), Some("gil"));
    s.skip(&q, 0.0);
    assert_eq!(
        s.current(&q),
        Some("lru"),
        "never the same topic twice in a row"
    );
    s.skip(&q, 0.999);
    assert_eq!(s.current(&q), Some("dns"));
    // Out-of-range randomness is clamped, never out of bounds.
    for r in [1.0, 7.5, -3.0, f64::NAN] {
        s.skip(&q, r);
        assert!(s.current(&q).is_some(), "{r}");
    }
    s.end_practice();
    assert_eq!(s.mode(), SessionMode::Due);
    assert_eq!(s.current(&q), None);
}

#[test]
fn random_practice_with_one_topic_ends_after_it() {
    let q: Vec<String> = Vec::new();
    let mut s = Session::new(&q, None);
    s.practice_random(vec!["gil".to_string()], 0.3);
    assert_eq!(s.current(&q), Some("gil"));
    s.skip(&q, 0.3);
    assert_eq!((s.mode(), s.current(&q)), (SessionMode::Due, None));
    let mut none = Session::new(&q, None);
    none.practice_random(Vec::new(), 0.3);
    assert_eq!(none.mode(), SessionMode::Due);
}

#[test]
fn end_practice_returns_to_the_queue_with_the_answer_hidden() {
    let q = queue(&store_with_due(&["tcp"]));
    let mut s = Session::new(&q, None);
    s.practice_bookmarks(&["dns".to_string(), "gil".to_string()]);
    s.reveal();
    s.end_practice();
    assert_eq!((s.mode(), s.revealed()), (SessionMode::Due, false));
    assert_eq!(s.current(&q), Some("tcp"));
}

#[test]
fn shortcuts_reveal_then_rate() {
    let q = queue(&store_with_due(&["tcp"]));
    let mut s = Session::new(&q, None);
    assert_eq!(s.shortcut(&q, "1"), None, "no rating before the answer");
    assert_eq!(s.shortcut(&q, "Enter"), None);
    assert_eq!(s.shortcut(&q, " "), Some(Shortcut::Reveal));
    s.reveal();
    assert_eq!(s.shortcut(&q, " "), None);
    let keys: Vec<_> = ["1", "2", "3", "4", "5"]
        .iter()
        .map(|k| s.shortcut(&q, k))
        .collect();
    assert_eq!(
        keys,
        [
            Some(Shortcut::Rate(Rating::Again)),
            Some(Shortcut::Rate(Rating::Hard)),
            Some(Shortcut::Rate(Rating::Good)),
            Some(Shortcut::Rate(Rating::Easy)),
            None
        ]
    );
}

#[test]
fn mode_labels_are_chinese() {
    let labels: Vec<_> = [
        SessionMode::Due,
        SessionMode::Bookmarks,
        SessionMode::Random,
    ]
    .iter()
    .map(|m| (m.label(), m.skip_label()))
    .collect();
    assert_eq!(
        labels,
        [
            ("今日复习", "跳过"),
            ("练习收藏", "换一题"),
            ("随机练习", "换一题")
        ]
    );
}

// ---------------------------------------------------------------- lists around the session

#[test]
fn upcoming_lists_the_next_reviews_soonest_first() {
    let mut s = ProgressStore::new();
    s.record_review("gil", Rating::Easy, T0 as f64);
    s.record_review("lru", Rating::Again, T0 as f64);
    s.record_review("tcp", Rating::Good, T0 as f64);
    s.set_status("dns", Status::Review, T0 as f64); // due now: not upcoming
    let end = T0 + 1000;
    let up = upcoming(&s, &TOPICS, end, 5);
    let slugs: Vec<_> = up.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(slugs, ["lru", "tcp", "gil"]);
    assert!(up.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(upcoming(&s, &TOPICS, end, 2).len(), 2);
    assert!(upcoming(&s, &["dns"], end, 5).is_empty());
}

#[test]
fn candidates_are_read_topics_outside_the_review_cycle() {
    let mut s = ProgressStore::new();
    for slug in TOPICS {
        s.mark_visit(slug, T0 as f64);
    }
    s.set_status("lru", Status::Review, T0 as f64);
    s.set_status("dns", Status::Mastered, T0 as f64);
    assert_eq!(review_candidates(&s, &TOPICS, 8), ["gil", "tcp"]);
    assert_eq!(review_candidates(&s, &TOPICS, 1), ["gil"]);
    assert!(review_candidates(&ProgressStore::new(), &TOPICS, 8).is_empty());
}

// ---------------------------------------------------------------- calendar arithmetic

#[test]
fn weekdays_start_on_monday() {
    assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
    // 2023-11-13 was a Monday.
    let monday = day_number((T0 - DAY) as f64, 0);
    assert_eq!(date_of_day(monday), (2023, 11, 13));
    assert_eq!(weekday(monday), 0);
    assert_eq!(weekday(monday + 6), 6);
    assert_eq!(weekday(monday - 1), 6);
}

#[test]
fn the_calendar_is_whole_weeks_ending_with_today() {
    let today = day_number(T0 as f64, 0); // a Tuesday
    assert_eq!(weekday(today), 1);
    let days: BTreeSet<i64> = [today - 200, today - 20, today - 1, today].into();
    let cal = activity_calendar(&days, today, 16);
    assert_eq!(cal.cells.len(), 16 * 7);
    assert_eq!(weekday(cal.start), 0, "the first cell is a Monday");
    assert_eq!(cal.start, today - 1 - 15 * 7);
    assert_eq!(cal.studied, 3, "the day 200 days ago is outside the grid");
    let future = cal
        .cells
        .iter()
        .filter(|c| **c == CalendarCell::Future)
        .count();
    assert_eq!(future, 5, "Wednesday to Sunday of this week");
    let today_cell = cal.cells[(today - cal.start) as usize];
    assert_eq!(
        today_cell,
        CalendarCell::Day {
            day: today,
            studied: true,
            today: true
        }
    );
    assert_eq!(
        cal.cells[0],
        CalendarCell::Day {
            day: cal.start,
            studied: false,
            today: false
        }
    );
    // A Sunday fills its last column.
    let sunday = activity_calendar(&days, today + 5, 1);
    assert!(sunday.cells.iter().all(|c| *c != CalendarCell::Future));
    assert_eq!(
        activity_calendar(&days, today, 0).cells.len(),
        7,
        "at least a week"
    );
}

#[test]
fn end_of_day_is_the_last_local_millisecond() {
    // 北京时间 (UTC+8): 2023-11-15 00:00 local is 2023-11-14T16:00Z.
    let day = day_number(T0 as f64, 480);
    assert_eq!(date_of_day(day), (2023, 11, 15));
    let end = end_of_day_ms(day, 480);
    assert_eq!(day_number(end, 480), day);
    assert_eq!(day_number(end + 1.0, 480), day + 1);
    // UTC and a negative offset.
    let day = day_number(T0 as f64, 0);
    assert_eq!(end_of_day_ms(day, 0) as i64 % DAY, DAY - 1);
    let day = day_number(T0 as f64, -300);
    let end = end_of_day_ms(day, -300);
    assert_eq!(day_number(end, -300), day);
    assert_eq!(day_number(end + 1.0, -300), day + 1);
}

#[test]
fn end_of_a_local_day_uses_the_offset_in_force_at_its_end() {
    // New York, 2024-03-10: clocks go from UTC−5 to UTC−4 at 07:00Z (02:00 local).
    let switch = 1_710_054_000_000.0; // 2024-03-10T07:00:00Z
    let offset_at = |ms: f64| if ms < switch { -300 } else { -240 };
    let morning = switch - 3_600_000.0; // 01:00 EST, before the change
    let day = day_number(morning, -300);
    assert_eq!(date_of_day(day), (2024, 3, 10));
    let end = end_of_local_day_ms(day, morning, offset_at);
    // 23:59:59.999 EDT is 03:59:59.999Z the next day, one hour before the EST reckoning.
    assert_eq!(end, end_of_day_ms(day, -240));
    assert_eq!(end_of_day_ms(day, -300) - end, 3_600_000.0);
    assert_eq!(day_number(end, -240), day);
    assert_eq!(day_number(end + 1.0, -240), day + 1);
    // Without a change during the day it is the plain end of day.
    let fixed = |_: f64| 480;
    let day = day_number(T0 as f64, 480);
    assert_eq!(
        end_of_local_day_ms(day, T0 as f64, fixed),
        end_of_day_ms(day, 480)
    );
}

// ---------------------------------------------------------------- learning steps, undo, limits

const MIN: i64 = 60_000;

/// Today's queue at `now` for a day running from T0 − 1 h to T0 + 1 day.
fn today_at(s: &ProgressStore, now: i64) -> TodayQueue {
    today_queue(s, &TOPICS, now, T0 - 3_600_000, T0 + DAY)
}

#[test]
fn again_brings_a_card_back_in_the_same_session_after_its_learning_step() {
    let mut store = store_with_due(&["tcp", "gil"]);
    let q = today_at(&store, T0).order;
    assert_eq!(q, ["tcp", "gil"]);
    let mut s = Session::new(&q, None);
    s.reveal();
    let card = s.rate(&mut store, &q, Rating::Again, T0 as f64, 1, 0.0);
    assert_eq!(
        card.map(|c| (c.state, c.step)),
        Some((CardState::Learning, 0))
    );
    assert_eq!(
        card.map(|c| c.due),
        Some(T0 + MIN),
        "back in one minute, not a day"
    );

    // Its step is not due yet: the other card comes first, the failed one waits at the end.
    let q = today_at(&store, T0 + 1000);
    assert_eq!(q.order, ["gil", "tcp"]);
    assert_eq!((q.learning, q.new, q.review), (1, 1, 0));
    assert_eq!(s.current(&q.order), Some("gil"));
    // Once its step is due, a learning card goes before everything else.
    assert_eq!(today_at(&store, T0 + MIN).order, ["tcp", "gil"]);

    // Nothing else left: it is shown at once (the end of the session), on step 1 after 良好.
    let q = today_at(&store, T0 + 1000).order;
    s.rate(&mut store, &q, Rating::Good, (T0 + 1000) as f64, 1, 0.0);
    let q = today_at(&store, T0 + 2000).order;
    assert_eq!(q, ["tcp"]);
    assert_eq!(s.current(&q), Some("tcp"));
    let card = s.rate(&mut store, &q, Rating::Good, (T0 + 2000) as f64, 1, 0.0);
    assert_eq!(
        card.map(|c| (c.state, c.step, c.due)),
        Some((CardState::Learning, 1, T0 + 2000 + 10 * MIN))
    );
    let q = today_at(&store, T0 + 3000).order;
    assert_eq!(s.current(&q), Some("tcp"), "still in this session");
    // Passing the last step graduates it with a whole-day FSRS interval.
    let card = s.rate(&mut store, &q, Rating::Good, (T0 + 11 * MIN) as f64, 1, 0.0);
    let card = card.expect("rated");
    assert_eq!((card.state, card.step), (CardState::Review, 0));
    assert!(card.scheduled_days >= 1);
    assert!(
        today_at(&store, T0 + 12 * MIN).is_empty(),
        "the session is over"
    );
    assert_eq!(s.done(), 4);
}

#[test]
fn learning_steps_follow_py_fsrs() {
    let at = |r| schedule(None, r, T0);
    // New cards start on the last learning step (a topic comes to review already read).
    assert_eq!(
        (at(Rating::Again).step, at(Rating::Again).due),
        (0, T0 + MIN)
    );
    assert_eq!(
        (at(Rating::Hard).step, at(Rating::Hard).due),
        (1, T0 + 10 * MIN)
    );
    assert_eq!(at(Rating::Good).state, CardState::Review);
    let first = at(Rating::Again);
    // On the first of two steps, 困难 waits the mean of the two; 良好 moves to the next.
    let hard = schedule(Some(&first), Rating::Hard, T0 + MIN);
    assert_eq!(
        (hard.state, hard.step, hard.due),
        (CardState::Learning, 0, T0 + 7 * MIN)
    );
    let good = schedule(Some(&first), Rating::Good, T0 + MIN);
    assert_eq!((good.step, good.due), (1, T0 + 11 * MIN));
    let easy = schedule(Some(&first), Rating::Easy, T0 + MIN);
    assert_eq!(easy.state, CardState::Review);
    // A lapse relearns on one 10-minute step; 困难 there waits 1.5 times it; 良好 graduates.
    let review = schedule(Some(&at(Rating::Good)), Rating::Good, T0 + 3 * DAY);
    let lapse = schedule(Some(&review), Rating::Again, T0 + 14 * DAY);
    assert_eq!(
        (lapse.state, lapse.due, lapse.lapses),
        (CardState::Relearning, T0 + 14 * DAY + 10 * MIN, 1)
    );
    let hard = schedule(Some(&lapse), Rating::Hard, T0 + 14 * DAY + 10 * MIN);
    assert_eq!(
        (hard.state, hard.due),
        (CardState::Relearning, T0 + 14 * DAY + 25 * MIN)
    );
    let back = schedule(Some(&lapse), Rating::Good, T0 + 14 * DAY + 10 * MIN);
    assert_eq!((back.state, back.step), (CardState::Review, 0));
    assert!(back.scheduled_days >= 1 && back.stability < review.stability + 100.0);
    // The memory state moves on every step: same-day reviews change stability.
    assert_ne!(good.stability, first.stability);
}

#[test]
fn undo_restores_the_card_its_log_and_the_session() {
    let mut store = store_with_due(&["tcp", "gil"]);
    store.set_note("tcp", "my note", T0 as f64);
    let before = store.topic("tcp").cloned();
    let q = today_at(&store, T0).order;
    let mut s = Session::new(&q, None);
    assert!(!s.can_undo());
    assert_eq!(s.shortcut(&q, "z"), None, "nothing to undo yet");
    s.reveal();
    s.rate(&mut store, &q, Rating::Easy, (T0 + 5) as f64, 1, 0.0);
    assert_eq!(store.topic("tcp").map(|t| t.log.len()), Some(1));
    let q = today_at(&store, T0 + 10).order;
    assert_eq!(s.current(&q), Some("gil"));
    assert!(s.can_undo());
    assert_eq!(s.shortcut(&q, "z"), Some(Shortcut::Undo));
    assert_eq!(s.shortcut(&q, "Z"), Some(Shortcut::Undo));

    // A note written meanwhile is kept; everything the rating changed goes back.
    store.set_note("tcp", "edited", (T0 + 8) as f64);
    assert_eq!(
        s.undo(&mut store, (T0 + 10) as f64),
        Some("tcp".to_string())
    );
    let after = store.topic("tcp").cloned().expect("record");
    let before = before.expect("record");
    assert_eq!(
        after.review, before.review,
        "FSRS memory state and due date"
    );
    assert_eq!(after.log, before.log, "the review log entry is gone");
    assert_eq!(after.status, before.status);
    assert_eq!(after.note, "edited");
    assert!(
        after.updated_at > before.updated_at,
        "the undo wins a merge"
    );
    // The card is shown again, with its answer, as before the rating.
    let q = today_at(&store, T0 + 20).order;
    assert_eq!(q, ["tcp", "gil"]);
    assert_eq!(
        (s.current(&q), s.revealed(), s.done(), s.last()),
        (Some("tcp"), true, 0, None)
    );
    assert!(!s.can_undo());
    assert_eq!(s.undo(&mut store, (T0 + 30) as f64), None);
    // Rated again differently: the new rating counts.
    s.rate(&mut store, &q, Rating::Again, (T0 + 40) as f64, 1, 0.0);
    assert_eq!(
        store.topic("tcp").and_then(|t| t.review).map(|c| c.state),
        Some(CardState::Learning)
    );
}

#[test]
fn undo_steps_back_through_several_ratings_and_a_first_review() {
    let mut store = ProgressStore::new();
    store.mark_visit("dns", T0 as f64);
    let q: Vec<String> = Vec::new();
    let mut s = Session::new(&q, None);
    s.practice_bookmarks(&["lru".to_string(), "dns".to_string()]);
    store.mark_visit("lru", T0 as f64);
    let lru_before = store.topic("lru").cloned();
    s.rate(&mut store, &q, Rating::Good, T0 as f64, 1, 0.0);
    s.rate(&mut store, &q, Rating::Hard, T0 as f64, 1, 0.0);
    assert_eq!(s.mode(), SessionMode::Due, "list done");
    assert_eq!(s.undo(&mut store, (T0 + 1) as f64).as_deref(), Some("dns"));
    assert_eq!(
        (s.mode(), s.current(&q)),
        (SessionMode::Bookmarks, Some("dns"))
    );
    assert_eq!(
        store.topic("dns").and_then(|t| t.review),
        None,
        "dns had never been reviewed"
    );
    assert_eq!(store.status("dns"), Status::Read);
    assert_eq!(s.undo(&mut store, (T0 + 2) as f64).as_deref(), Some("lru"));
    assert_eq!(s.current(&q), Some("lru"));
    assert_eq!(
        store
            .topic("lru")
            .map(|t| (t.status, t.review, t.log.len())),
        lru_before.map(|t| (t.status, t.review, t.log.len()))
    );
}

#[test]
fn daily_limits_cap_new_cards_and_reviews_but_not_learning_steps() {
    let mut store = ProgressStore::new();
    // Two cards in review due now, two new ones.
    for slug in ["gil", "lru"] {
        store.record_review(slug, Rating::Good, (T0 - 10 * DAY) as f64);
    }
    for slug in ["tcp", "dns"] {
        store.set_status(slug, Status::Review, T0 as f64);
    }
    let q = today_at(&store, T0);
    assert_eq!(
        q.order,
        ["gil", "lru", "tcp", "dns"],
        "reviews, then new cards"
    );
    assert_eq!((q.review, q.new, q.held_back), (2, 2, 0));

    store.set_review_settings(
        ReviewSettings {
            new_per_day: 1,
            reviews_per_day: 1,
            ..ReviewSettings::default()
        },
        T0 as f64,
    );
    let q = today_at(&store, T0);
    assert_eq!(q.order, ["gil", "tcp"]);
    assert_eq!(q.held_back, 2);

    // Rating uses up the day's allowance; a failed new card still comes back.
    let mut s = Session::new(&q.order, None);
    s.rate(&mut store, &q.order, Rating::Good, (T0 + 1) as f64, 1, 0.0);
    let q = today_at(&store, T0 + 2);
    assert_eq!(q.order, ["tcp"], "one review a day: lru waits");
    s.rate(&mut store, &q.order, Rating::Again, (T0 + 3) as f64, 1, 0.0);
    let q = today_at(&store, T0 + 4);
    assert_eq!(q.order, ["tcp"], "on its learning step; dns held back");
    assert_eq!((q.learning, q.new, q.review, q.held_back), (1, 0, 0, 2));
    assert_eq!(
        done_today(&store, T0 - 3_600_000),
        DoneToday { new: 1, reviews: 1 }
    );
    // Yesterday's ratings do not count today.
    assert_eq!(done_today(&store, T0 + DAY), DoneToday::default());
    // Undo gives the allowance back.
    s.undo(&mut store, (T0 + 5) as f64);
    assert_eq!(
        done_today(&store, T0 - 3_600_000),
        DoneToday { new: 0, reviews: 1 }
    );
    // A zero limit shows no new card; limits are capped.
    store.set_review_settings(
        ReviewSettings {
            new_per_day: 0,
            reviews_per_day: u32::MAX,
            ..ReviewSettings::default()
        },
        (T0 + 6) as f64,
    );
    assert_eq!(
        store.review_settings.reviews_per_day,
        ReviewSettings::MAX_LIMIT
    );
    assert_eq!(today_at(&store, T0 + 7).order, ["lru"]);
}

#[test]
fn practice_draws_from_opened_topics_and_never_schedules_an_unread_one() {
    let mut store = ProgressStore::new();
    store.mark_visit("lru", T0 as f64);
    store.set_status("dns", Status::Mastered, T0 as f64);
    assert_eq!(practice_pool(&store, &TOPICS, false), ["lru", "dns"]);
    assert_eq!(practice_pool(&store, &TOPICS, true), TOPICS);
    assert!(practice_pool(&ProgressStore::new(), &TOPICS, false).is_empty());

    let q: Vec<String> = Vec::new();
    let mut s = Session::new(&q, None);
    s.practice_random(Vec::new(), 0.5);
    assert_eq!(
        s.mode(),
        SessionMode::Due,
        "nothing opened: nothing to practise"
    );
    s.practice_random(practice_pool(&store, &TOPICS, false), 0.0);
    for r in [0.0, 0.99, 0.5, 0.2] {
        assert!(matches!(s.current(&q), Some("lru" | "dns")));
        s.skip(&q, r);
    }
    // With every topic included, an unread one can be drawn, but rating it records nothing.
    s.practice_random(practice_pool(&store, &TOPICS, true), 0.0);
    assert_eq!(s.current(&q), Some("gil"));
    let before = store.clone();
    assert_eq!(
        s.rate(&mut store, &q, Rating::Good, T0 as f64, 1, 0.0),
        None
    );
    assert_eq!(store, before, "not put on the schedule without asking");
    let last = s.last().cloned().expect("rated");
    assert_eq!((last.slug.as_str(), last.card), ("gil", None));
    assert!(s.can_undo());
    s.undo(&mut store, (T0 + 1) as f64);
    assert_eq!(s.current(&q), Some("gil"));
    assert_eq!(store, before);
    // An opened topic rated in practice is scheduled.
    s.practice_random(vec!["lru".to_string()], 0.0);
    assert!(s
        .rate(&mut store, &q, Rating::Good, T0 as f64, 1, 0.0)
        .is_some());
    assert_eq!(store.status("lru"), Status::Review);
}
