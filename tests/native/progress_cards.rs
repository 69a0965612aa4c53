//! Native tests for code cards in the progress store: their own FSRS state and review log,
//! never a topic's; the mixed review queue with shared daily limits and its filter; undo;
//! accuracy; schema v4 with its migration from v1–v3 and the export → import round trip.
use mianshiti_playground::progress::*;

const DAY: i64 = 86_400_000;
const MIN: i64 = 60_000;
/// 2023-11-14T22:13:20Z.
const T0: i64 = 1_700_000_000_000;
/// A card id equal to its topic's slug, as in the data file: the two must never mix.
const SAME: &str = "closure-late-binding";
const KNOWN: [&str; 3] = [SAME, "gil", "variable-scope"];
const CARDS: [(&str, &str); 3] = [
    (SAME, SAME),
    (SAME, "closure-default-arg"),
    ("variable-scope", "local-scope-error"),
];

fn keys(filter: ReviewFilter) -> Vec<String> {
    review_keys(&KNOWN, &CARDS, filter)
}

fn today_at(s: &ProgressStore, keys: &[String], now: i64) -> TodayQueue {
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    today_queue(s, &keys, now, T0 - 3_600_000, T0 + DAY)
}

#[test]
fn scheduling_a_code_card_never_touches_a_topic() {
    let mut s = ProgressStore::new();
    s.set_status(SAME, Status::Review, T0 as f64);
    s.record_review(SAME, Rating::Good, T0 as f64);
    let topic_before = s.topic(SAME).cloned();
    let card = s.record_card_review(SAME, Rating::Again, Some(false), (T0 + 5) as f64);
    assert_eq!(
        s.topic(SAME).cloned(),
        topic_before,
        "the topic's record is untouched"
    );
    assert_eq!(s.topics.len(), 1);
    let c = s.card(SAME).expect("the card's own record");
    assert_eq!(c.review, Some(card));
    assert_eq!(
        c.log,
        [ReviewLog {
            review: T0 + 5,
            rating: Rating::Again,
            state: CardState::New,
            correct: Some(false),
        }]
    );
    // The queue tells the two apart by key.
    assert_eq!(s.review_of(SAME), topic_before.and_then(|t| t.review));
    assert_eq!(s.review_of(&card_key(SAME)), Some(card));
    assert_eq!(ReviewItem::of(&card_key(SAME)), ReviewItem::Card(SAME));
    assert_eq!(ReviewItem::of(SAME), ReviewItem::Topic(SAME));
}

#[test]
fn a_code_card_is_scheduled_exactly_like_a_topic() {
    let mut s = ProgressStore::new();
    s.set_status("gil", Status::Review, T0 as f64);
    s.add_card(SAME, T0 as f64);
    let mut now = T0;
    for rating in [
        Rating::Again,
        Rating::Good,
        Rating::Good,
        Rating::Hard,
        Rating::Again,
    ] {
        now += 11 * MIN;
        let t = s.record_review("gil", rating, now as f64);
        let c = s.record_card_review(SAME, rating, None, now as f64);
        assert_eq!(t, c, "{rating:?}");
        now += t.due - t.last_review;
    }
    let states: Vec<CardState> = s
        .card(SAME)
        .map_or(vec![], |c| c.log.iter().map(|l| l.state).collect());
    let topic_states: Vec<CardState> = s
        .topic("gil")
        .map_or(vec![], |t| t.log.iter().map(|l| l.state).collect());
    assert_eq!(states, topic_states);
    assert_eq!(states.first(), Some(&CardState::New));
    // Adding a card already in the schedule changes nothing.
    let before = s.clone();
    s.add_card(SAME, (now + DAY) as f64);
    assert_eq!(s, before);
}

#[test]
fn the_queue_mixes_topics_and_cards_and_the_filter_picks_one_kind() {
    assert_eq!(
        keys(ReviewFilter::All),
        [
            SAME,
            "card:closure-late-binding",
            "card:closure-default-arg",
            "gil",
            "variable-scope",
            "card:local-scope-error"
        ]
    );
    assert_eq!(
        keys(ReviewFilter::Code),
        [
            "card:closure-late-binding",
            "card:closure-default-arg",
            "card:local-scope-error"
        ]
    );
    assert_eq!(keys(ReviewFilter::Topics), [SAME, "gil", "variable-scope"]);
    // A card whose topic is not listed still comes, after the topics.
    assert_eq!(
        review_keys(&["gil"], &CARDS[2..], ReviewFilter::All),
        ["gil", "card:local-scope-error"]
    );
    for f in ReviewFilter::ALL {
        assert_eq!(ReviewFilter::from_key(f.key()), f);
    }
    assert_eq!(ReviewFilter::from_key("nonsense"), ReviewFilter::All);
    assert_eq!(ReviewFilter::Code.label(), "只看代码题");

    let mut s = ProgressStore::new();
    s.set_status("gil", Status::Review, T0 as f64);
    s.add_card("local-scope-error", (T0 + 1) as f64);
    assert_eq!(
        today_at(&s, &keys(ReviewFilter::All), T0 + 2).order,
        ["gil", "card:local-scope-error"]
    );
    assert_eq!(
        today_at(&s, &keys(ReviewFilter::Code), T0 + 2).order,
        ["card:local-scope-error"]
    );
    assert_eq!(
        today_at(&s, &keys(ReviewFilter::Topics), T0 + 2).order,
        ["gil"]
    );
    let all = keys(ReviewFilter::All);
    let ks: Vec<&str> = all.iter().map(String::as_str).collect();
    assert_eq!(upcoming(&s, &ks, T0 - 1, 5).len(), 2);
}

#[test]
fn daily_limits_are_one_budget_for_topics_and_cards() {
    let mut s = ProgressStore::new();
    s.set_review_settings(
        ReviewSettings {
            new_per_day: 2,
            ..ReviewSettings::default()
        },
        T0 as f64,
    );
    s.set_status("gil", Status::Review, T0 as f64);
    s.add_card(SAME, (T0 + 1) as f64);
    s.add_card("local-scope-error", (T0 + 2) as f64);
    let all = keys(ReviewFilter::All);
    let q = today_at(&s, &all, T0 + 3);
    assert_eq!((q.new, q.held_back), (2, 1));
    // A card introduced today uses up the same budget as a topic.
    s.record_card_review(SAME, Rating::Good, Some(true), (T0 + 4) as f64);
    assert_eq!(done_today(&s, T0 - 3_600_000).new, 1);
    let q = today_at(&s, &all, T0 + 5);
    assert_eq!((q.new, q.held_back), (1, 1));
    // The code-only view is under the same limit.
    assert_eq!(today_at(&s, &keys(ReviewFilter::Code), T0 + 5).new, 1);
}

#[test]
fn a_wrong_card_comes_back_in_the_session_and_a_right_one_days_later() {
    let mut s = ProgressStore::new();
    s.add_card(SAME, T0 as f64);
    s.add_card("local-scope-error", T0 as f64);
    let code = keys(ReviewFilter::Code);
    let q = today_at(&s, &code, T0).order;
    assert_eq!(q, ["card:closure-late-binding", "card:local-scope-error"]);
    let mut session = Session::new(&q, None);
    session.reveal();
    let again = session.rate_prediction(&mut s, &q, Rating::Again, Some(false), T0 as f64, 1, 0.0);
    assert_eq!(
        again.map(|c| (c.state, c.due)),
        Some((CardState::Learning, T0 + MIN))
    );
    assert!(s.study_days.contains(&1));
    // The other card first; the failed one waits on its step, then comes back.
    let q = today_at(&s, &code, T0 + 1000).order;
    assert_eq!(q, ["card:local-scope-error", "card:closure-late-binding"]);
    assert_eq!(session.current(&q), Some("card:local-scope-error"));
    let good = session.rate_prediction(
        &mut s,
        &q,
        Rating::Good,
        Some(true),
        (T0 + 1000) as f64,
        1,
        0.0,
    );
    let good = good.expect("scheduled");
    assert_eq!(good.state, CardState::Review);
    assert!(good.due >= T0 + DAY, "days ahead, not minutes");
    let q = today_at(&s, &code, T0 + 2000).order;
    assert_eq!(q, ["card:closure-late-binding"]);
    assert_eq!(session.current(&q), Some("card:closure-late-binding"));

    // Undo puts back only the card's record, and shows it again with its answer.
    let topic_less = s.topics.is_empty();
    assert_eq!(
        session.undo(&mut s, (T0 + 3000) as f64),
        Some("card:local-scope-error".to_string())
    );
    assert!(session.revealed());
    let back = s.card("local-scope-error").expect("record");
    assert_eq!(back.review.map(|c| c.state), Some(CardState::New));
    assert!(back.log.is_empty());
    assert_eq!(s.topics.is_empty(), topic_less);
    assert_eq!(
        session.last().map(|r| r.slug.as_str()),
        Some("card:closure-late-binding")
    );
}

#[test]
fn accuracy_is_the_share_of_first_predictions_that_were_right() {
    let mut s = ProgressStore::new();
    let ids = ["a", "b", "c"];
    assert_eq!(
        card_overview(&s, &ids, T0).accuracy(),
        None,
        "nothing answered yet"
    );
    s.record_card_review("a", Rating::Again, Some(false), T0 as f64);
    s.record_card_review("a", Rating::Good, Some(true), (T0 + MIN) as f64);
    s.record_card_review("b", Rating::Good, Some(true), T0 as f64);
    // Rated without a comparison: counts as learned, not towards accuracy.
    s.record_card_review("c", Rating::Good, None, T0 as f64);
    // A card no longer in the data file counts towards nothing.
    s.record_card_review("gone", Rating::Again, Some(false), T0 as f64);
    s.add_card("gone-too", T0 as f64);
    let ov = card_overview(&s, &ids, T0 + DAY / 2);
    assert_eq!(
        ov,
        CardOverview {
            total: 3,
            learned: 3,
            // "a" waits on its 10-minute learning step: due today.
            due: 1,
            answered: 3,
            first_try_correct: 2,
        }
    );
    assert_eq!(ov.accuracy().map(|p| (p * 10.0).round()), Some(667.0));
    // Due by the end of the day: every card whose review is due then.
    assert_eq!(card_overview(&s, &ids, T0 + 40 * DAY).due, 3);
}

#[test]
fn a_card_stands_as_fsrs_names_it() {
    let mut s = ProgressStore::new();
    assert_eq!(CardStanding::of(None), CardStanding::Unscheduled);
    s.add_card("a", T0 as f64);
    let standing =
        |s: &ProgressStore| CardStanding::of(s.card("a").and_then(|c| c.review.as_ref()));
    assert_eq!(standing(&s), CardStanding::New);
    assert_eq!(standing(&s).label(), "新");
    let c = s.record_card_review("a", Rating::Again, Some(false), T0 as f64);
    assert_eq!(standing(&s), CardStanding::Learning(c.due));
    assert_eq!(
        (standing(&s).label(), standing(&s).due()),
        ("学习中", Some(T0 + MIN))
    );
    let c = s.record_card_review("a", Rating::Easy, Some(true), (T0 + MIN) as f64);
    assert_eq!(standing(&s), CardStanding::Review(c.due));
    let c = s.record_card_review("a", Rating::Again, Some(false), c.due as f64);
    assert_eq!(standing(&s), CardStanding::Relearning(c.due));
    let mut now = c.due;
    for _ in 0..6 {
        let c = s.record_card_review("a", Rating::Easy, Some(true), now as f64);
        now = c.due;
    }
    assert_eq!(standing(&s).key(), "mastered");
    assert_eq!(standing(&s).label(), "已掌握");
}

fn v4_store() -> ProgressStore {
    let mut s = ProgressStore::new();
    s.set_status("gil", Status::Review, T0 as f64);
    s.record_review("gil", Rating::Good, T0 as f64);
    s.record_card_review(SAME, Rating::Again, Some(false), T0 as f64);
    s.record_card_review(SAME, Rating::Good, Some(true), (T0 + MIN) as f64);
    s.add_card("local-scope-error", T0 as f64);
    s.record_study_day(19_676);
    s
}

#[test]
fn export_and_import_keep_card_history() {
    let s = v4_store();
    let json = to_json(&s, T0 as f64);
    assert!(json.contains("\"schema_version\": 4"), "{json}");
    assert!(json.contains("\"cards\""), "{json}");
    assert!(json.contains("\"correct\": false"), "{json}");
    let Ok(imported) = parse_import(&json, &KNOWN) else {
        panic!("{json}");
    };
    assert!(imported.notices.is_empty(), "{:?}", imported.notices);
    assert_eq!(imported.store, s);
    let log = &imported.store.card(SAME).expect("card").log;
    assert_eq!(
        log.iter().map(|l| l.correct).collect::<Vec<_>>(),
        [Some(false), Some(true)]
    );
    // Stored (compact) text round-trips as well.
    assert_eq!(load(Some(&to_storage_json(&s)), &KNOWN).store, s);

    // Merging into a store without cards adds them; the preview says so.
    let mut current = ProgressStore::new();
    current.set_status("gil", Status::Review, T0 as f64);
    let preview = preview_import(&current, &s);
    assert_eq!(preview.cards, 2);
    assert!(
        preview
            .summary
            .iter()
            .any(|l| l == "新增或更新 2 张代码题卡片的复习记录"),
        "{:?}",
        preview.summary
    );
    let merged = import_merge(&current, &s);
    assert_eq!(merged.cards, s.cards);
    assert_eq!(preview_import(&merged, &s).cards, 0, "nothing newer left");
    // A file with only card history is not "empty".
    let mut only_cards = ProgressStore::new();
    only_cards.add_card("a", T0 as f64);
    assert!(!preview_import(&current, &only_cards)
        .summary
        .iter()
        .any(|l| l.contains("没有学习进度")));
}

#[test]
fn old_exports_v1_to_v3_still_import() {
    let v1 = r#"{"schema_version": 1, "read": ["gil"], "last_topic": "gil"}"#;
    let v2 = r#"{"schema_version": 2, "epoch": 0, "topics": {"gil": {"status": "review",
        "updated_at": 1700000000000, "review": {"due": 1700259200000,
        "last_review": 1700000000000, "stability": 3.1262, "difficulty": 5.314578,
        "scheduled_days": 3, "reps": 1, "lapses": 0, "state": "review"}}}, "study_days": []}"#;
    let v3 = r#"{"schema_version": 3, "epoch": 0, "topics": {"gil": {"status": "review",
        "updated_at": 1700000000000, "review": {"due": 1700000060000,
        "last_review": 1700000000000, "stability": 0.4072, "difficulty": 7.2102,
        "scheduled_days": 0, "reps": 1, "lapses": 0, "state": "learning", "step": 0,
        "last_rating": "again"}, "log": [{"review": 1700000000000, "rating": "again",
        "state": "new"}]}}, "study_days": [19676],
        "review_settings": {"new_per_day": 5, "reviews_per_day": 50, "updated_at": 1}}"#;
    for (v, text) in [(1, v1), (2, v2), (3, v3)] {
        let Ok(imported) = parse_import(text, &KNOWN) else {
            panic!("a v{v} export must import");
        };
        let s = imported.store;
        assert_eq!(s.schema_version, SCHEMA_VERSION, "v{v}");
        assert!(s.cards.is_empty(), "v{v} had no cards");
        assert_ne!(s.status("gil"), Status::Unread, "v{v}");
        // Written back, it is a v4 text that loads to the same store.
        assert_eq!(load(Some(&to_storage_json(&s)), &KNOWN).store, s, "v{v}");
    }
    let s = parse_import(v3, &KNOWN)
        .map(|i| i.store)
        .unwrap_or_default();
    let t = s.topic("gil").expect("gil");
    assert_eq!(t.log.len(), 1);
    assert_eq!(t.log[0].correct, None);
    assert_eq!(t.review.map(|c| c.state), Some(CardState::Learning));
    assert_eq!(s.review_settings.new_per_day, 5);
}

#[test]
fn malformed_card_records_are_salvaged_not_fatal() {
    let text = r#"{"schema_version": 4, "epoch": 0, "topics": {}, "study_days": [],
      "cards": {
        "good": {"updated_at": 5, "log": [{"review": 1, "rating": "good", "state": "new", "correct": true}]},
        "bad-review": {"updated_at": 5, "review": {"due": "soon"}},
        "bad-log": {"updated_at": 5, "log": [{"review": 1, "rating": "good", "state": "new", "correct": "yes"}]},
        "not-an-object": 7,
        "": {"updated_at": 1}
      }}"#;
    let out = load(Some(text), &KNOWN);
    assert!(out.backup_needed);
    assert!(
        out.notices.contains(&LoadNotice::Dropped { count: 4 }),
        "{:?}",
        out.notices
    );
    let s = out.store;
    assert_eq!(
        s.cards.keys().collect::<Vec<_>>(),
        ["bad-log", "bad-review", "good"]
    );
    assert_eq!(s.card("good").map(|c| c.log[0].correct), Some(Some(true)));
    assert_eq!(s.card("bad-review").and_then(|c| c.review), None);
    assert!(s.card("bad-log").is_some_and(|c| c.log.is_empty()));
    // A "cards" that is not an object is dropped as a whole.
    let out = load(Some(r#"{"schema_version": 4, "cards": [1]}"#), &KNOWN);
    assert!(out.store.cards.is_empty());
    assert!(out.notices.contains(&LoadNotice::Dropped { count: 1 }));
}

#[test]
fn the_review_page_offers_cards_of_opened_topics_not_yet_scheduled() {
    let mut s = ProgressStore::new();
    assert!(card_candidates(&s, &CARDS, 8).is_empty(), "nothing opened");
    s.mark_visit(SAME, T0 as f64);
    assert_eq!(
        card_candidates(&s, &CARDS, 8),
        [SAME, "closure-default-arg"]
    );
    assert_eq!(card_candidates(&s, &CARDS, 1), [SAME]);
    s.add_card(SAME, T0 as f64);
    assert_eq!(card_candidates(&s, &CARDS, 8), ["closure-default-arg"]);
}
