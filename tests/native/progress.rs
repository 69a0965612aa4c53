//! Native tests for the study progress model: transitions, FSRS scheduling numbers, loading
//! (migration, newer versions, corrupted data), export/import and merge properties.
use std::collections::{BTreeMap, BTreeSet};

use mianshiti_playground::progress::*;
use proptest::prelude::*;

const DAY: i64 = 86_400_000;
/// 2023-11-14T22:13:20Z.
const T0: i64 = 1_700_000_000_000;

fn ms(t: i64) -> f64 {
    t as f64
}

/// The notices of a load of stored data, as the user reads them.
fn messages(out: &LoadOutcome) -> Vec<String> {
    out.notices
        .iter()
        .map(|n| n.message(LoadSource::Stored))
        .collect()
}

/// Loads `raw` and checks the backup flag and that each expected fragment is in a notice.
#[track_caller]
fn check_load(raw: &str, known: &[&str], backup: bool, notice_parts: &[&str]) -> ProgressStore {
    let out = load(Some(raw), known);
    assert_eq!(
        out.backup_needed, backup,
        "backup_needed; notices: {:?}",
        out.notices
    );
    assert_eq!(out.read_only_newer, None);
    for part in notice_parts {
        assert!(
            messages(&out).iter().any(|n| n.contains(part)),
            "no notice contains {part:?}: {:?}",
            out.notices
        );
    }
    if notice_parts.is_empty() {
        assert!(
            out.notices.is_empty(),
            "unexpected notices {:?}",
            out.notices
        );
    }
    out.store
}

/// Checks that a first review with `rating` gives `days` and `status`.
#[track_caller]
fn check_first_review(rating: Rating, days: i64, status: Status) {
    let mut s = ProgressStore::new();
    let card = s.record_review("gil", rating, ms(T0));
    assert_eq!(card.scheduled_days, days, "{rating:?}");
    assert_eq!(card.due, T0 + days * DAY);
    assert_eq!(card.reps, 1);
    assert_eq!(card.last_rating, Some(rating));
    assert_eq!(s.status("gil"), status, "{rating:?}");
}

// ---------------------------------------------------------------- model transitions

#[test]
fn labels_are_chinese() {
    let labels: Vec<_> = Status::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["未读", "已读", "待复习", "已掌握"]);
    let labels: Vec<_> = Rating::ALL.iter().map(|r| r.label()).collect();
    assert_eq!(labels, ["重来", "困难", "良好", "简单"]);
    for s in Status::ALL {
        assert_eq!(Status::from_key(s.key()), Some(s));
    }
    assert_eq!(Status::from_key("done"), None);
}

#[test]
fn visit_marks_read_once() {
    let mut s = ProgressStore::new();
    assert_eq!(s.status("gil"), Status::Unread);
    s.mark_visit("gil", ms(T0));
    s.mark_visit("gil", ms(T0 + 5000));
    let t = s.topic("gil").cloned().unwrap_or_default();
    assert_eq!(t.status, Status::Read);
    assert_eq!(t.first_read, Some(T0));
    assert_eq!(t.last_visit, Some(T0 + 5000));
    assert_eq!(t.updated_at, T0 + 5000);
}

#[test]
fn updated_at_never_goes_back() {
    let mut s = ProgressStore::new();
    s.mark_visit("gil", ms(T0));
    s.toggle_bookmark("gil", ms(T0 - 10 * DAY)); // clock jumped back
    assert_eq!(s.topic("gil").map(|t| t.updated_at), Some(T0 + 1));
    // NaN / negative / absurd clocks are clamped, never panic.
    s.mark_visit("x", f64::NAN);
    s.mark_visit("y", -5.0);
    s.mark_visit("z", 1e300);
    assert_eq!(s.topic("x").map(|t| t.updated_at), Some(0));
    assert_eq!(s.topic("z").map(|t| t.updated_at), Some(MAX_TIMESTAMP_MS));
}

#[test]
fn set_status_transitions() {
    let mut s = ProgressStore::new();
    s.set_status("gil", Status::Review, ms(T0));
    let t = s.topic("gil").cloned().unwrap_or_default();
    assert_eq!(t.status, Status::Review);
    assert_eq!(t.first_read, Some(T0));
    let card = t.review.unwrap_or_else(|| ReviewCard::new_due(-1));
    assert_eq!((card.due, card.state), (T0, CardState::New));
    assert_eq!(s.due_queue(ms(T0), &["gil"]), ["gil"]);

    // Same status again is a no-op (no spurious write).
    s.set_status("gil", Status::Review, ms(T0 + DAY));
    assert_eq!(s.topic("gil").map(|t| t.updated_at), Some(T0));

    // 待复习 on a scheduled card makes it due now.
    s.record_review("gil", Rating::Good, ms(T0));
    s.set_status("gil", Status::Read, ms(T0 + 1));
    assert!(s.due_queue(ms(T0 + 1), &["gil"]).is_empty());
    s.set_status("gil", Status::Review, ms(T0 + 2));
    assert_eq!(s.due_queue(ms(T0 + 2), &["gil"]), ["gil"]);

    s.set_status("gil", Status::Mastered, ms(T0 + 3));
    assert!(s.topic("gil").is_some_and(|t| t.review.is_some()));
    // 未读 resets the topic's study state.
    s.set_status("gil", Status::Unread, ms(T0 + 4));
    let t = s.topic("gil").cloned().unwrap_or_default();
    assert_eq!(
        (t.status, t.review, t.first_read),
        (Status::Unread, None, None)
    );
}

#[test]
fn notes_and_bookmarks() {
    let mut s = ProgressStore::new();
    assert!(!s.set_note("gil", "记得看 GIL 释放时机", ms(T0)));
    assert_eq!(s.note("gil"), "记得看 GIL 释放时机");
    // Unchanged note does not touch the record.
    s.set_note("gil", "记得看 GIL 释放时机", ms(T0 + DAY));
    assert_eq!(s.topic("gil").map(|t| t.updated_at), Some(T0));
    // Too long: truncated on a char boundary.
    let long = "中".repeat(NOTE_MAX_BYTES / 3 + 10);
    assert!(s.set_note("gil", &long, ms(T0 + 1)));
    assert!(s.note("gil").len() <= NOTE_MAX_BYTES);
    assert!(s.note("gil").chars().all(|c| c == '中'));

    assert!(s.toggle_bookmark("gil", ms(T0)));
    assert!(s.toggle_bookmark("lru", ms(T0)));
    assert_eq!(s.bookmarks(), ["gil", "lru"]);
    assert!(!s.toggle_bookmark("gil", ms(T0)));
    assert!(!s.is_bookmarked("gil"));
}

#[test]
fn my_notes_list_newest_edited_first() {
    let mut s = ProgressStore::new();
    assert_eq!(my_notes(&s), []);
    s.set_note("gil", "GIL 何时释放", ms(T0));
    s.set_note("lru", "用 OrderedDict", ms(T0 + 2 * DAY));
    s.set_note("gc", "分代回收", ms(T0 + DAY));
    // Visiting or marking a topic changes its record, not when its note was edited.
    s.mark_visit("gil", ms(T0 + 3 * DAY));
    s.set_status("gil", Status::Mastered, ms(T0 + 3 * DAY));
    s.toggle_bookmark("gc", ms(T0 + 4 * DAY));
    let listed = |s: &ProgressStore| -> Vec<(String, String, i64)> {
        my_notes(s)
            .into_iter()
            .map(|n| (n.slug.to_string(), n.text.to_string(), n.edited_at))
            .collect()
    };
    assert_eq!(
        listed(&s),
        [
            ("lru".into(), "用 OrderedDict".into(), T0 + 2 * DAY),
            ("gc".into(), "分代回收".into(), T0 + DAY),
            ("gil".into(), "GIL 何时释放".into(), T0),
        ]
    );
    // Editing moves a note to the top; an unchanged note keeps its time.
    s.set_note(
        "gil",
        "GIL 何时释放？I/O 与 sys.getswitchinterval",
        ms(T0 + 5 * DAY),
    );
    s.set_note("lru", "用 OrderedDict", ms(T0 + 6 * DAY));
    assert_eq!(
        listed(&s).iter().map(|n| n.0.as_str()).collect::<Vec<_>>(),
        ["gil", "lru", "gc"]
    );
    // A cleared (or blank) note is not listed; equal times keep slug order.
    s.set_note("lru", "", ms(T0 + 7 * DAY));
    s.set_note("gc", " \n\t", ms(T0 + 7 * DAY));
    s.set_note("b", "二", ms(T0 + 9 * DAY));
    s.set_note("a", "一", ms(T0 + 9 * DAY));
    assert_eq!(
        listed(&s).iter().map(|n| n.0.as_str()).collect::<Vec<_>>(),
        ["a", "b", "gil"]
    );
    // Orphans (topics the notes no longer have) have no page: not listed.
    s.orphans.insert(
        "gone".into(),
        TopicProgress {
            note: "旧主题".into(),
            updated_at: T0 + 10 * DAY,
            ..TopicProgress::default()
        },
    );
    assert_eq!(my_notes(&s).len(), 3);
}

#[test]
fn my_notes_list_shows_an_excerpt_of_a_long_note() {
    let mut s = ProgressStore::new();
    let exact = "中".repeat(MY_NOTES_EXCERPT_CHARS);
    s.set_note("a", &exact, ms(T0));
    assert_eq!(my_notes(&s)[0].excerpt(), (exact.as_str(), false));
    let long = format!("{exact}😀 and more");
    s.set_note("a", &long, ms(T0 + 1));
    assert_eq!(my_notes(&s)[0].excerpt(), (exact.as_str(), true));
    s.set_note("a", "短", ms(T0 + 2));
    assert_eq!(my_notes(&s)[0].excerpt(), ("短", false));
}

#[test]
fn note_edit_time_is_stored_and_loaded() {
    let mut s = ProgressStore::new();
    s.set_note("gil", "记住", ms(T0));
    s.mark_visit("gil", ms(T0 + DAY));
    let json = to_storage_json(&s);
    assert!(json.contains(&format!("\"note_at\":{T0}")), "{json}");
    let loaded = check_load(&json, &["gil"], false, &[]);
    assert_eq!(loaded, s);
    assert_eq!(loaded.topic("gil").and_then(|t| t.note_at), Some(T0));
    // Data from before the edit time was stored: the record's time stands in for it.
    let old = r#"{"schema_version": 2, "topics": {"gil": {"updated_at": 5, "note": "旧"}}}"#;
    let loaded = check_load(old, &["gil"], false, &[]);
    assert_eq!(loaded.topic("gil").and_then(|t| t.note_at), None);
    assert_eq!(my_notes(&loaded)[0].edited_at, 5);
}

#[test]
fn continue_where_left_off() {
    let mut s = ProgressStore::new();
    s.set_last_topic("gil", 0.123456, ms(T0));
    let last = s.last_topic.clone();
    assert_eq!(
        last.as_ref().map(|l| (l.slug.as_str(), l.scroll, l.at)),
        Some(("gil", 0.1235, T0))
    );
    s.set_last_topic("lru", f64::NAN, ms(T0 - 5));
    assert_eq!(
        s.last_topic.as_ref().map(|l| (l.scroll, l.at)),
        Some((0.0, T0 + 1))
    );
    s.set_last_topic("lru", 7.0, ms(T0 + 10));
    assert_eq!(s.last_topic.as_ref().map(|l| l.scroll), Some(1.0));

    let inputs = vec![
        ("nums".to_string(), "[1, 2, 3]".to_string()),
        ("k".into(), "2".into()),
    ];
    s.set_last_exercise("topk", &inputs, ms(T0));
    assert_eq!(
        s.last_exercise.as_ref().map(|e| e.id.as_str()),
        Some("topk")
    );
    assert_eq!(s.exercise_inputs_for("topk"), Some(inputs.as_slice()));
    s.save_exercise_inputs(
        "merge",
        &[("a".into(), "x".repeat(INPUT_MAX_BYTES + 5))],
        ms(T0),
    );
    assert_eq!(
        s.exercise_inputs_for("merge").map(|i| i[0].1.len()),
        Some(INPUT_MAX_BYTES)
    );
    assert_eq!(s.exercise_inputs_for("nope"), None);
}

#[test]
fn due_queue_orders_by_most_overdue() {
    let mut s = ProgressStore::new();
    s.record_review("a", Rating::Easy, ms(T0)); // due T0+15d
    s.record_review("b", Rating::Again, ms(T0)); // due T0+1d
    s.record_review("c", Rating::Good, ms(T0)); // due T0+3d
    s.record_review("d", Rating::Again, ms(T0)); // due T0+1d, tie with b
    s.mark_visit("e", ms(T0)); // never reviewed
    let all = ["a", "b", "c", "d", "e"];
    assert!(s.due_queue(ms(T0), &all).is_empty());
    assert_eq!(s.due_queue(ms(T0 + DAY), &all), ["b", "d"]);
    assert_eq!(s.due_queue(ms(T0 + DAY), &["d", "b"]), ["d", "b"]);
    assert_eq!(s.due_queue(ms(T0 + 20 * DAY), &all), ["b", "d", "c", "a"]);
    // Slugs not listed (e.g. removed topics) are not in the queue.
    assert_eq!(s.due_queue(ms(T0 + 20 * DAY), &["a", "c"]), ["c", "a"]);
}

// ---------------------------------------------------------------- scheduling numbers

#[test]
fn first_review_intervals() {
    // A topic comes to review already read: its new card is on the last learning step, so
    // 良好 and 简单 graduate it, 困难 repeats the 10-minute step, 重来 goes to the 1-minute one.
    check_first_review(Rating::Good, 3, Status::Review);
    check_first_review(Rating::Easy, 15, Status::Review);
    for (rating, step, minutes) in [(Rating::Again, 0, 1), (Rating::Hard, 1, 10)] {
        let mut s = ProgressStore::new();
        let card = s.record_review("gil", rating, ms(T0));
        assert_eq!(
            (card.state, card.step, card.scheduled_days),
            (CardState::Learning, step, 0),
            "{rating:?}"
        );
        assert_eq!(card.due, T0 + minutes * 60_000, "{rating:?}");
        assert!(card.is_learning());
        assert_eq!(s.status("gil"), Status::Review);
    }
}

#[test]
fn second_review_intervals() {
    // First 良好 (3 days), reviewed on time, then each rating.
    let mut s = ProgressStore::new();
    s.record_review("gil", Rating::Good, ms(T0));
    let lapsed = s.record_review("gil", Rating::Again, ms(T0 + 3 * DAY));
    assert_eq!(
        (lapsed.state, lapsed.scheduled_days, lapsed.lapses),
        (CardState::Relearning, 0, 1),
        "重来 on a card in review: relearning, 10 minutes"
    );
    assert_eq!(lapsed.due, T0 + 3 * DAY + 10 * 60_000);
    let expect = [
        (Rating::Hard, 5, 0, Status::Review),
        (Rating::Good, 11, 0, Status::Review),
        (Rating::Easy, 27, 0, Status::Mastered),
    ];
    for (rating, days, lapses, status) in expect {
        let mut s = ProgressStore::new();
        s.record_review("gil", Rating::Good, ms(T0));
        let card = s.record_review("gil", rating, ms(T0 + 3 * DAY));
        assert_eq!(card.scheduled_days, days, "{rating:?}");
        assert_eq!((card.reps, card.lapses), (2, lapses), "{rating:?}");
        assert_eq!(card.due, T0 + (3 + days) * DAY);
        assert_eq!(s.status("gil"), status, "{rating:?}");
    }
}

#[test]
fn memory_state_numbers() {
    let c = schedule(None, Rating::Good, T0);
    assert_eq!((c.stability, c.difficulty), (3.1262, 5.314578));
    let c2 = schedule(Some(&c), Rating::Good, T0 + 3 * DAY);
    assert_eq!((c2.stability, c2.difficulty), (11.388439, 5.267036));
    assert_eq!(c2.state, CardState::Review);
}

#[test]
fn mastery_and_lapse() {
    let mut s = ProgressStore::new();
    let mut now = T0;
    let mut card = s.record_review("gil", Rating::Good, ms(now));
    while s.status("gil") != Status::Mastered {
        now = card.due;
        card = s.record_review("gil", Rating::Good, ms(now));
        assert!(card.reps < 10, "never mastered");
    }
    assert!(card.scheduled_days >= MASTERED_INTERVAL_DAYS);
    now = card.due;
    let lapsed = s.record_review("gil", Rating::Again, ms(now));
    assert_eq!(s.status("gil"), Status::Review);
    assert_eq!(lapsed.lapses, 1);
    assert!(lapsed.scheduled_days < card.scheduled_days);
}

#[test]
fn degenerate_cards_do_not_break_scheduling() {
    let bad = ReviewCard {
        stability: 0.0,
        difficulty: 0.0,
        state: CardState::Review,
        ..ReviewCard::new_due(T0)
    };
    assert_eq!(schedule(Some(&bad), Rating::Good, T0).scheduled_days, 3);
    // Clock earlier than the last review: treated as reviewed at last_review.
    let c = schedule(None, Rating::Good, T0);
    let back = schedule(Some(&c), Rating::Good, T0 - 100 * DAY);
    assert!(back.last_review >= c.last_review && back.scheduled_days >= 1);
    // Extreme times clamp.
    let far = schedule(None, Rating::Easy, i64::MAX);
    assert!(far.due <= MAX_TIMESTAMP_MS);
}

// ---------------------------------------------------------------- overview

#[test]
fn overview_counts() {
    let topics = [
        ("gil", "Python 语言"),
        ("gc", "Python 语言"),
        ("lru", "算法与编码题"),
        ("tcp", "网络与 HTTP"),
    ];
    let mut s = ProgressStore::new();
    s.mark_visit("gil", ms(T0));
    s.record_review("lru", Rating::Good, ms(T0));
    s.set_status("tcp", Status::Mastered, ms(T0));
    s.toggle_bookmark("gc", ms(T0));
    s.mark_visit("renamed-away", ms(T0)); // not in the list: not counted
    let o = overview(&s, &topics);
    let overall = StatusCounts {
        unread: 1,
        read: 1,
        review: 1,
        mastered: 1,
    };
    assert_eq!(o.overall, overall);
    assert_eq!(o.overall.total(), 4);
    assert_eq!(o.overall.started(), 3);
    assert_eq!(percent(o.overall.started(), o.overall.total()), 75.0);
    assert_eq!(percent(o.overall.mastered, o.overall.total()), 25.0);
    assert_eq!(o.bookmarked, 1);
    let cats: Vec<_> = o
        .categories
        .iter()
        .map(|c| (c.category.as_str(), c.counts.total(), c.counts.started()))
        .collect();
    assert_eq!(
        cats,
        [
            ("Python 语言", 2, 1),
            ("算法与编码题", 1, 1),
            ("网络与 HTTP", 1, 1)
        ]
    );
    assert_eq!(o.categories[0].counts.get(Status::Read), 1);
    // The chart's text alternative names every status with its count, in the chart's order.
    assert_eq!(
        o.overall.summary(),
        "已掌握 1，待复习 1，已读 1，未读 1（共 4 个主题）"
    );
    let mut order = StatusCounts::CHART_ORDER.to_vec();
    order.sort_by_key(|s| Status::ALL.iter().position(|a| a == s));
    assert_eq!(order, Status::ALL, "the chart shows every status once");
    let empty = overview(&s, &[]).overall;
    assert_eq!(percent(empty.started(), empty.total()), 0.0);
}

#[test]
fn streaks_and_days() {
    let mut s = ProgressStore::new();
    for d in [10, 11, 12, 20, 21, 22, 23, 30] {
        assert!(s.record_study_day(d));
    }
    assert!(!s.record_study_day(12));
    assert!(!s.record_study_day(-1));
    assert!(!s.record_study_day(MAX_DAY + 1));
    assert_eq!(s.streak(23), 4);
    assert_eq!(s.streak(24), 4, "yesterday counts");
    assert_eq!(s.streak(25), 0);
    assert_eq!(s.streak(30), 1);
    assert_eq!(s.streak(12), 3);
    assert_eq!(longest_streak(&s.study_days), 4);
    assert_eq!(longest_streak(&BTreeSet::new()), 0);
    assert_eq!(streak(&BTreeSet::new(), 5), 0);

    // 2024-01-01T00:30 in Beijing is still 2023-12-31 in UTC.
    let t = 1_704_040_200_000.0; // 2023-12-31T16:30:00Z
    assert_eq!(day_number(t, 480), 19_723);
    assert_eq!(day_number(t, 0), 19_722);
    assert_eq!(date_of_day(19_723), (2024, 1, 1));
    assert_eq!(date_of_day(0), (1970, 1, 1));
    assert_eq!(date_of_day(19_782), (2024, 2, 29));
    // Extreme day numbers never overflow.
    let extremes = BTreeSet::from([i64::MIN, i64::MIN + 1, i64::MAX]);
    assert_eq!(streak(&extremes, i64::MIN + 1), 2);
    assert_eq!(streak(&extremes, i64::MIN), 1);
    assert_eq!(streak(&extremes, i64::MAX), 1);
    assert_eq!(longest_streak(&extremes), 2);
    assert_eq!(date_of_day(i64::MAX), (9999, 12, 31));
    assert_eq!(date_of_day(i64::MIN), (1970, 1, 1));
    assert_eq!(day_number(f64::NAN, 0), 0);
    assert_eq!(day_number(-1e18, 0), 0);
}

// ---------------------------------------------------------------- loading

#[test]
fn nothing_stored() {
    let out = load(None, &["gil"]);
    assert_eq!(out.store, ProgressStore::new());
    assert!(!out.backup_needed && out.notices.is_empty() && out.read_only_newer.is_none());
    assert_eq!(
        check_load("  \n", &["gil"], false, &[]),
        ProgressStore::new()
    );
}

#[test]
fn migrate_v1_to_v2() {
    let raw =
        r#"{"schema_version": 1, "read": ["gil", "lru", "old-name", 7], "last_topic": "lru"}"#;
    let s = check_load(
        raw,
        &["gil", "lru", "tcp"],
        true,
        &["v1", "old-name", "1 处"],
    );
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    assert_eq!(s.status("gil"), Status::Read);
    assert_eq!(s.status("lru"), Status::Read);
    assert_eq!(s.status("tcp"), Status::Unread);
    assert_eq!(
        s.orphans.get("old-name").map(|t| t.status),
        Some(Status::Read)
    );
    assert_eq!(s.last_topic.as_ref().map(|l| l.slug.as_str()), Some("lru"));
    // The migrated store saves and reloads as v2 without further notices.
    let again = check_load(&to_storage_json(&s), &["gil", "lru", "tcp"], false, &[]);
    assert_eq!(again, s);
    // v1 written before the version field existed.
    let s = check_load(r#"{"read": ["gil"]}"#, &["gil"], true, &["v1"]);
    assert_eq!(s.status("gil"), Status::Read);
}

#[test]
fn newer_version_is_read_only() {
    let mut s = ProgressStore::new();
    s.mark_visit("gil", ms(T0));
    let mut v: serde_json::Value = serde_json::from_str(&to_storage_json(&s)).unwrap_or_default();
    v["schema_version"] = 5.into();
    v["shiny_new_field"] = serde_json::json!({"x": 1});
    let out = load(Some(&v.to_string()), &["gil"]);
    assert_eq!(out.read_only_newer, Some(5));
    assert!(!out.backup_needed);
    assert!(messages(&out)
        .iter()
        .any(|n| n.contains("v5") && n.contains("不会保存")));
    assert_eq!(
        out.store.status("gil"),
        Status::Read,
        "still usable in memory"
    );
    // Even garbage fields in a newer version never panic or ask for a rewrite.
    let out = load(
        Some(r#"{"schema_version": 99999999999, "topics": 5}"#),
        &["gil"],
    );
    assert_eq!(out.read_only_newer, Some(u32::MAX));
    assert!(!out.backup_needed);
}

#[test]
fn invalid_json() {
    for raw in [
        "{",
        "not json",
        "{\"schema_version\": 2,}",
        "\u{0}",
        "[[[[[[[[",
    ] {
        let s = check_load(raw, &["gil"], true, &["不是有效的 JSON"]);
        assert_eq!(s, ProgressStore::new());
    }
    // Nesting far beyond the parser's recursion limit is an error, not a stack overflow.
    let deep = "[".repeat(100_000);
    check_load(&deep, &[], true, &["不是有效的 JSON"]);
    let deep_obj = format!(
        "{{\"schema_version\":2,\"topics\":{}",
        "{\"a\":".repeat(50_000)
    );
    check_load(&deep_obj, &[], true, &["不是有效的 JSON"]);
}

#[test]
fn wrong_top_level_type() {
    for raw in ["[]", "\"progress\"", "42", "null", "true"] {
        let s = check_load(raw, &["gil"], true, &["格式不对"]);
        assert_eq!(s, ProgressStore::new());
    }
}

#[test]
fn wrong_field_types_salvaged_per_field() {
    let raw = r#"{
      "schema_version": 2,
      "epoch": "yesterday",
      "topics": {
        "gil": {"status": "mastered", "updated_at": 5, "note": 42, "bookmarked": "yes"},
        "lru": {"status": 3, "note": "keep me", "bookmarked": true, "first_read": -4},
        "tcp": "read",
        "gc": {"status": "read", "review": {"due": "soon"}}
      },
      "study_days": [1, "2", 3.5, -9, 4],
      "last_topic": {"slug": "gil", "scroll": "half", "at": 9},
      "last_exercise": ["topk"],
      "exercise_inputs": {"topk": {"inputs": [["k", "2"], ["bad"], [1, "x"]], "updated_at": 7}}
    }"#;
    let s = check_load(raw, &["gil", "lru", "tcp", "gc"], true, &["无法识别"]);
    let gil = s.topic("gil").cloned().unwrap_or_default();
    assert_eq!(
        (
            gil.status,
            gil.updated_at,
            gil.note.as_str(),
            gil.bookmarked
        ),
        (Status::Mastered, 5, "", false)
    );
    let lru = s.topic("lru").cloned().unwrap_or_default();
    assert_eq!(
        (
            lru.status,
            lru.note.as_str(),
            lru.bookmarked,
            lru.first_read
        ),
        (Status::Unread, "keep me", true, None)
    );
    assert!(s.topic("tcp").is_none());
    let gc = s.topic("gc").cloned().unwrap_or_default();
    assert_eq!((gc.status, gc.review), (Status::Read, None));
    assert_eq!(s.study_days, BTreeSet::from([1, 4]));
    assert_eq!(
        s.last_topic.as_ref().map(|l| (l.scroll, l.at)),
        Some((0.0, 9))
    );
    assert_eq!(s.last_exercise, None);
    assert_eq!(
        s.exercise_inputs_for("topk"),
        Some(&[("k".to_string(), "2".to_string())][..])
    );
    assert_eq!(s.epoch, 0);
}

#[test]
fn wrong_container_types() {
    let raw = r#"{"schema_version": 2, "topics": ["gil"], "orphans": 1, "study_days": {"1": true},
                  "exercise_inputs": "none", "last_topic": 3}"#;
    let s = check_load(raw, &["gil"], true, &["5 处"]);
    assert_eq!(s, ProgressStore::new());
}

#[test]
fn missing_fields_default_silently() {
    let s = check_load(r#"{"schema_version": 2}"#, &["gil"], false, &[]);
    assert_eq!(s, ProgressStore::new());
    let raw = r#"{"schema_version": 2, "topics": {"gil": {"status": "read"}, "gc": {}},
                  "last_topic": {"slug": "gil"}, "exercise_inputs": {"topk": {}}}"#;
    let s = check_load(raw, &["gil", "gc"], false, &[]);
    let gil = s.topic("gil").cloned().unwrap_or_default();
    assert_eq!(
        gil,
        TopicProgress {
            status: Status::Read,
            ..TopicProgress::default()
        }
    );
    assert_eq!(s.topic("gc"), Some(&TopicProgress::default()));
    assert_eq!(
        s.last_topic.as_ref().map(|l| (l.scroll, l.at)),
        Some((0.0, 0))
    );
    assert_eq!(s.exercise_inputs_for("topk"), Some(&[][..]));
    // Explicit nulls are read as "absent".
    let raw = r#"{"schema_version": 2, "topics": {"gil": {"status": null, "note": null, "review": null}},
                  "last_topic": null, "study_days": null}"#;
    let s = check_load(raw, &["gil"], false, &[]);
    assert_eq!(s.topic("gil"), Some(&TopicProgress::default()));
}

#[test]
fn missing_or_bad_version() {
    let raw = r#"{"topics": {"gil": {"status": "read", "updated_at": 3}}}"#;
    let s = check_load(raw, &["gil"], true, &["版本号"]);
    assert_eq!(s.status("gil"), Status::Read);
    for v in ["\"2\"", "0", "-1", "2.5", "null", "[]"] {
        let raw =
            format!(r#"{{"schema_version": {v}, "topics": {{"gil": {{"status": "review"}}}}}}"#);
        let s = check_load(&raw, &["gil"], true, &["版本号"]);
        assert_eq!(s.status("gil"), Status::Review, "version {v}");
    }
}

#[test]
fn unknown_fields_are_dropped_with_backup() {
    let raw = r#"{"schema_version": 2, "theme": "dark", "topics": {"gil": {"status": "read", "stars": 5}}}"#;
    let s = check_load(raw, &["gil"], true, &["2 处"]);
    assert_eq!(s.status("gil"), Status::Read);
}

#[test]
fn five_megabyte_strings() {
    let big = "记".repeat(5 * 1024 * 1024 / 3 + 1);
    assert!(big.len() >= 5 * 1024 * 1024);
    // As a note: truncated to the cap on a char boundary.
    let raw = serde_json::json!({"schema_version": 2, "topics": {"gil": {"status": "read", "note": big}}}).to_string();
    let s = check_load(&raw, &["gil"], true, &["过长", "100 KB"]);
    let note = s.note("gil");
    assert!(note.len() <= NOTE_MAX_BYTES && note.len() > NOTE_MAX_BYTES - 4);
    assert!(note.chars().all(|c| c == '记'));
    assert_eq!(s.status("gil"), Status::Read);
    // As a slug, status, exercise input and the raw text itself.
    let raw = serde_json::json!({"schema_version": 2, "topics": {big.clone(): {"status": "read"}}})
        .to_string();
    assert_eq!(
        check_load(&raw, &["gil"], true, &["无法识别"]),
        ProgressStore::new()
    );
    let raw = serde_json::json!({"schema_version": 2, "topics": {"gil": {"status": big.clone()}}})
        .to_string();
    assert_eq!(
        check_load(&raw, &["gil"], true, &["无法识别"]).status("gil"),
        Status::Unread
    );
    let raw = serde_json::json!({"schema_version": 2,
        "exercise_inputs": {"topk": {"inputs": [["k", big.clone()]], "updated_at": 1}}})
    .to_string();
    let s = check_load(&raw, &[], true, &["过长"]);
    assert!(s
        .exercise_inputs_for("topk")
        .is_some_and(|i| i[0].1.len() <= INPUT_MAX_BYTES));
    check_load(&big, &[], true, &["不是有效的 JSON"]);
    check_load(&format!("\"{big}\""), &[], true, &["格式不对"]);
}

#[test]
fn unknown_slugs_become_orphans_and_come_back() {
    let mut s = ProgressStore::new();
    s.mark_visit("gil", ms(T0));
    s.set_note("old-lru", "我的笔记", ms(T0));
    s.set_status("old-lru", Status::Mastered, ms(T0 + 1));
    let raw = to_storage_json(&s);

    let loaded = check_load(
        &raw,
        &["gil", "lru"],
        true,
        &["1 个主题", "old-lru", "不会丢失"],
    );
    assert!(loaded.topic("old-lru").is_none());
    let orphan = loaded.orphans.get("old-lru").cloned().unwrap_or_default();
    assert_eq!(
        (orphan.note.as_str(), orphan.status),
        ("我的笔记", Status::Mastered)
    );
    assert_eq!(loaded.status("gil"), Status::Read);

    // Saved again and reloaded: stable, no repeated notice or backup.
    let raw2 = to_storage_json(&loaded);
    assert_eq!(check_load(&raw2, &["gil", "lru"], false, &[]), loaded);

    // The topic comes back (e.g. the rename was reverted): the record is restored.
    let back = check_load(
        &raw2,
        &["gil", "lru", "old-lru"],
        false,
        &["已恢复 1 个主题"],
    );
    assert_eq!(back.topic("old-lru"), Some(&orphan));
    assert!(back.orphans.is_empty());

    // An empty known list (catalogue unavailable) quarantines nothing.
    assert_eq!(check_load(&raw, &[], false, &[]), s);
}

#[test]
fn many_unknown_slugs_are_listed_briefly() {
    let topics: BTreeMap<String, serde_json::Value> = (0..8)
        .map(|i| (format!("gone-{i}"), serde_json::json!({"status": "read"})))
        .collect();
    let raw = serde_json::json!({"schema_version": 2, "topics": topics}).to_string();
    let s = check_load(&raw, &["gil"], true, &["8 个主题", "gone-0", "…"]);
    assert_eq!(s.orphans.len(), 8);
}

#[test]
fn bad_review_card_drops_only_the_card() {
    let raw = r#"{"schema_version": 2, "topics": {"gil": {"status": "review", "note": "n",
        "review": {"due": 1, "last_review": 1, "stability": -3, "difficulty": 5,
                   "scheduled_days": 1, "reps": 1, "lapses": 0, "state": "review"}}}}"#;
    let s = check_load(raw, &["gil"], true, &["1 处"]);
    let t = s.topic("gil").cloned().unwrap_or_default();
    assert_eq!(
        (t.status, t.note.as_str(), t.review),
        (Status::Review, "n", None)
    );
}

// ---------------------------------------------------------------- export / import

#[test]
fn export_contains_version_and_time() {
    let mut s = ProgressStore::new();
    s.mark_visit("gil", ms(T0));
    s.record_review("gil", Rating::Good, ms(T0));
    s.record_study_day(19_723);
    let json = to_json(&s, ms(T0 + 1));
    assert!(json.contains("\"schema_version\": 4"));
    assert!(json.contains(&format!("\"exported_at\": {}", T0 + 1)));
    assert!(json.contains('\n'), "pretty");
    assert_eq!(check_load(&json, &["gil"], false, &[]), s);
}

#[test]
fn import_preview_counts() {
    let mut cur = ProgressStore::new();
    cur.mark_visit("same", ms(T0));
    cur.mark_visit("older-here", ms(T0));
    cur.mark_visit("newer-here", ms(T0 + 10));
    cur.set_note("clash", "本机笔记", ms(T0));
    cur.record_study_day(1);
    let mut inc = cur.clone();
    inc.mark_visit("older-here", ms(T0 + 5)); // incoming newer → updated
    inc.topics.insert(
        "newer-here".into(),
        TopicProgress {
            updated_at: T0,
            ..TopicProgress::default()
        },
    ); // older → unchanged
    inc.set_note("clash", "导入的笔记", ms(T0 + 5)); // newer with a different note → conflict
    inc.mark_visit("fresh", ms(T0)); // added
    inc.record_study_day(2);
    inc.record_study_day(3);
    inc.orphans.insert("gone".into(), TopicProgress::default());

    let p = preview_import(&cur, &inc);
    assert_eq!((p.added, p.updated, p.unchanged, p.conflicts), (1, 1, 2, 1));
    assert_eq!((p.new_study_days, p.orphans), (2, 1));
    let changes: Vec<_> = p
        .changes
        .iter()
        .map(|c| (c.slug.as_str(), c.kind))
        .collect();
    assert_eq!(
        changes,
        [
            ("clash", ChangeKind::Conflict),
            ("fresh", ChangeKind::Added),
            ("older-here", ChangeKind::Updated)
        ]
    );
    assert_eq!(ChangeKind::Conflict.label(), "冲突");
    for part in [
        "新增 1 个主题",
        "更新 1 个主题",
        "1 个主题两边都有修改",
        "2 个主题保持不变",
        "新增 2 个学习日",
        "1 个主题在当前笔记中找不到",
    ] {
        assert!(
            p.summary.iter().any(|l| l.contains(part)),
            "{part}: {:?}",
            p.summary
        );
    }

    let merged = import_merge(&cur, &inc);
    assert_eq!(merged.note("clash"), "导入的笔记");
    assert_eq!(merged.topic("newer-here"), cur.topic("newer-here"));
    assert_eq!(merged.study_days, BTreeSet::from([1, 2, 3]));
    // Nothing to import from an identical store.
    let p = preview_import(&cur, &cur);
    assert_eq!((p.added, p.updated, p.conflicts, p.unchanged), (0, 0, 0, 4));
    let p = preview_import(&cur, &ProgressStore::new());
    assert!(p.summary.iter().any(|l| l.contains("没有学习进度")));
}

#[test]
fn import_replace_wins_over_other_tabs() {
    let mut tab_a = ProgressStore::new();
    tab_a.mark_visit("gil", ms(T0 + 100));
    tab_a.record_study_day(5);
    let mut file = ProgressStore::new();
    file.mark_visit("lru", ms(T0));
    let replaced = import_replace(&tab_a, &file, ms(T0 + 200));
    assert!(replaced.epoch > tab_a.epoch);
    assert_eq!(replaced.topics.keys().collect::<Vec<_>>(), ["lru"]);
    // Another tab still holding the old state must adopt the replacement, not resurrect "gil".
    let tab_b = tab_a.clone();
    assert_eq!(merge(&tab_b, &replaced), replaced);
    assert_eq!(merge(&replaced, &tab_b), replaced);
    // import_merge ignores the file's epoch: an old export still merges into a replaced store.
    let merged = import_merge(&replaced, &tab_a);
    assert_eq!(merged.epoch, replaced.epoch);
    assert_eq!(merged.status("gil"), Status::Read);
    // A clock behind the current epoch still bumps it.
    assert_eq!(
        import_replace(&replaced, &file, 0.0).epoch,
        replaced.epoch + 1
    );
}

#[test]
fn merge_rules() {
    let mut a = ProgressStore::new();
    a.set_note("gil", "A", ms(T0 + 10));
    a.set_last_topic("gil", 0.5, ms(T0 + 10));
    a.record_study_day(1);
    let mut b = ProgressStore::new();
    b.set_note("gil", "B", ms(T0 + 5));
    b.toggle_bookmark("gil", ms(T0 + 5));
    b.set_last_topic("lru", 0.25, ms(T0 + 20));
    b.save_exercise_inputs("topk", &[("k".into(), "3".into())], ms(T0));
    b.record_study_day(2);
    let m = merge(&a, &b);
    assert_eq!(m, merge(&b, &a));
    // The newer record wins whole: note "A" and no bookmark.
    assert_eq!((m.note("gil"), m.is_bookmarked("gil")), ("A", false));
    assert_eq!(m.last_topic.as_ref().map(|l| l.slug.as_str()), Some("lru"));
    assert_eq!(m.study_days, BTreeSet::from([1, 2]));
    assert!(m.exercise_inputs_for("topk").is_some());
    // Tie on updated_at: deterministic either way round.
    let mut c = ProgressStore::new();
    c.set_note("gil", "C", ms(T0 + 10));
    assert_eq!(merge(&a, &c), merge(&c, &a));
}

// ---------------------------------------------------------------- property tests

/// Strategy for one topic record; timestamps drawn from `0..=max_ts`.
fn arb_topic(max_ts: i64) -> impl Strategy<Value = TopicProgress> {
    let ts = move || 0..=max_ts;
    let card = (
        ts(),
        ts(),
        0..=1_000_000_000_000i64,
        0..=10_000_000i64,
        0..=36_500i64,
        any::<u32>(),
        any::<u32>(),
        prop::sample::select(CardState::ALL.to_vec()),
        prop::option::of(prop::sample::select(Rating::ALL.to_vec())),
        0..3u32,
    )
        .prop_map(
            |(due, last_review, s, d, scheduled_days, reps, lapses, state, last_rating, step)| {
                ReviewCard {
                    due,
                    last_review,
                    stability: s as f64 / 1e6,
                    difficulty: d as f64 / 1e6,
                    scheduled_days,
                    reps,
                    lapses,
                    state,
                    step,
                    last_rating,
                }
            },
        );
    let log = prop::collection::vec(
        (
            ts(),
            prop::sample::select(Rating::ALL.to_vec()),
            prop::sample::select(CardState::ALL.to_vec()),
            prop::option::of(any::<bool>()),
        )
            .prop_map(|(review, rating, state, correct)| ReviewLog {
                review,
                rating,
                state,
                correct,
            }),
        0..3,
    );
    (
        prop::sample::select(Status::ALL.to_vec()),
        prop::option::of(ts()),
        prop::option::of(ts()),
        ts(),
        prop_oneof!["", "\\PC{0,30}", "[ab]"],
        prop::option::of(ts()),
        any::<bool>(),
        prop::option::of(card),
        log,
    )
        .prop_map(
            |(
                status,
                first_read,
                last_visit,
                updated_at,
                note,
                note_at,
                bookmarked,
                review,
                log,
            )| {
                TopicProgress {
                    status,
                    first_read,
                    last_visit,
                    updated_at,
                    note,
                    note_at,
                    bookmarked,
                    review,
                    log,
                }
            },
        )
}

fn arb_inputs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("[a-z]{0,4}", "\\PC{0,12}"), 0..4)
}

/// Strategy for a valid store: topic slugs from `topic_keys`, orphan slugs prefixed `old-`.
fn arb_store(topic_keys: &'static str, max_ts: i64) -> impl Strategy<Value = ProgressStore> {
    (
        arb_store_base(topic_keys, max_ts),
        arb_code_edits(topic_keys, max_ts),
    )
        .prop_map(|(mut store, edits)| {
            store.code_edits = edits;
            store
        })
}

/// Edited blocks (some restored, code `None`) and maybe a scratchpad.
fn arb_code_edits(topic_keys: &'static str, max_ts: i64) -> impl Strategy<Value = CodeEdits> {
    let saved = move || {
        (prop::option::of("\\PC{0,12}"), 0..=max_ts).prop_map(|(code, updated_at)| SavedCode {
            code,
            updated_at,
            stdin: None,
        })
    };
    (
        prop::collection::btree_map(
            (topic_keys, 0..3usize).prop_map(|(k, i)| block_key(&k, i)),
            saved(),
            0..3,
        ),
        prop::option::of(saved()),
    )
        .prop_map(|(blocks, scratchpad)| CodeEdits { blocks, scratchpad })
}

fn arb_store_base(topic_keys: &'static str, max_ts: i64) -> impl Strategy<Value = ProgressStore> {
    let ts = move || 0..=max_ts;
    (
        ts(),
        prop::collection::btree_map(topic_keys, arb_topic(max_ts), 0..5),
        prop::collection::btree_map(
            topic_keys.prop_map(|k| format!("old-{k}")),
            arb_topic(max_ts),
            0..3,
        ),
        // Code cards: a topic record's review state, log and stamp under a card id (which may
        // equal a topic's slug, as real card ids do).
        prop::collection::btree_map(topic_keys, arb_topic(max_ts), 0..4),
        prop::collection::btree_set(0..=MAX_DAY, 0..6),
        prop::option::of((topic_keys, 0..=10_000u32, ts())),
        prop::option::of(("[a-z_]{1,8}", arb_inputs(), ts())),
        prop::collection::btree_map("[a-z_]{1,8}", (arb_inputs(), ts()), 0..3),
        prop::option::of((0..=9999u32, 0..=9999u32, any::<bool>(), ts())),
    )
        .prop_map(
            |(
                epoch,
                topics,
                orphans,
                cards,
                study_days,
                last_topic,
                last_exercise,
                ex,
                settings,
            )| {
                ProgressStore {
                    schema_version: SCHEMA_VERSION,
                    epoch,
                    topics,
                    orphans,
                    study_days,
                    last_topic: last_topic.map(|(slug, k, at)| LastTopic {
                        slug,
                        scroll: f64::from(k) / 1e4,
                        at,
                    }),
                    last_exercise: last_exercise.map(|(id, inputs, at)| LastExercise {
                        id,
                        inputs,
                        at,
                    }),
                    exercise_inputs: ex
                        .into_iter()
                        .map(|(k, (inputs, updated_at))| (k, SavedInputs { inputs, updated_at }))
                        .collect(),
                    cards: cards
                        .into_iter()
                        .map(|(id, t)| {
                            let c = CardProgress {
                                updated_at: t.updated_at,
                                review: t.review,
                                log: t.log,
                            };
                            (id, c)
                        })
                        .collect(),
                    review_settings: settings.map_or_else(
                        ReviewSettings::default,
                        |(n, r, p, at)| ReviewSettings {
                            new_per_day: n,
                            reviews_per_day: r,
                            practice_unread: p,
                            updated_at: at,
                            ..ReviewSettings::default()
                        },
                    ),
                    code_edits: CodeEdits::default(),
                }
            },
        )
}

/// A small-universe store so merges see shared slugs and equal timestamps.
fn arb_small_store() -> impl Strategy<Value = ProgressStore> {
    arb_store("[abc]", 3).prop_map(|mut s| {
        s.epoch %= 2;
        s.study_days = s.study_days.into_iter().map(|d| d % 5).collect();
        s
    })
}

fn known_of(s: &ProgressStore) -> Vec<&str> {
    s.topics.keys().map(String::as_str).collect()
}

/// Arbitrary JSON values.
fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
        prop::sample::select(vec![
            "read",
            "review",
            "mastered",
            "gil",
            "new",
            "good",
            "schema_version"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop::sample::select(vec![
            "schema_version",
            "topics",
            "orphans",
            "study_days",
            "last_topic",
            "last_exercise",
            "exercise_inputs",
            "epoch",
            "read",
            "status",
            "note",
            "review",
            "updated_at",
            "gil",
            "due",
            "stability",
            "state",
            "inputs",
            "slug",
            "scroll",
            "x",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(keys.prop_map(String::from), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the node at a pseudo-random path of `v` with `new`.
fn mutate(v: &mut serde_json::Value, mut choice: usize, new: serde_json::Value) {
    use serde_json::Value;
    let mut cur = v;
    loop {
        let next_len = match cur {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if next_len == 0 || choice.is_multiple_of(3) {
            *cur = new;
            return;
        }
        let i = (choice / 3) % next_len;
        choice /= 7;
        cur = match cur {
            Value::Object(m) => match m.values_mut().nth(i) {
                Some(c) => c,
                None => return,
            },
            Value::Array(a) => match a.get_mut(i) {
                Some(c) => c,
                None => return,
            },
            _ => return,
        };
    }
}

/// Asserts that whatever `load` produced is itself a clean, stable store.
#[track_caller]
fn check_load_total(raw: &str, known: &[&str]) {
    let out = load(Some(raw), known);
    if out.read_only_newer.is_some() {
        assert!(!out.backup_needed);
    }
    let again = load(Some(&to_storage_json(&out.store)), known);
    assert_eq!(again.store, out.store);
    assert!(
        !again.backup_needed,
        "salvaged store is not clean: {:?}",
        again.notices
    );
}

proptest! {
    #[test]
    fn export_load_round_trips_exactly(s in arb_store("[a-m]{1,8}", MAX_TIMESTAMP_MS), at in 0..=MAX_TIMESTAMP_MS) {
        let known = known_of(&s);
        for raw in [to_json(&s, at as f64), to_storage_json(&s)] {
            let out = load(Some(&raw), &known);
            prop_assert_eq!(&out.store, &s);
            prop_assert!(!out.backup_needed);
            prop_assert!(out.notices.is_empty(), "{:?}", out.notices);
            prop_assert_eq!(out.read_only_newer, None);
        }
    }

    #[test]
    fn merge_is_commutative(a in arb_small_store(), b in arb_small_store()) {
        prop_assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn merge_is_associative(a in arb_small_store(), b in arb_small_store(), c in arb_small_store()) {
        prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
    }

    #[test]
    fn merge_is_idempotent(a in arb_small_store(), b in arb_small_store()) {
        prop_assert_eq!(merge(&a, &a), a.clone());
        let ab = merge(&a, &b);
        prop_assert_eq!(merge(&ab, &b), ab.clone());
        prop_assert_eq!(merge(&ab, &a), ab);
    }

    #[test]
    fn merge_survives_storage_round_trip(a in arb_small_store(), b in arb_small_store()) {
        // What another tab reads back from storage merges to the same result.
        let m = merge(&a, &b);
        let reread = load(Some(&to_storage_json(&m)), &[]).store;
        prop_assert_eq!(merge(&reread, &a), m.clone());
        prop_assert_eq!(reread, m);
    }

    #[test]
    fn load_never_panics_on_strings(raw in "\\PC{0,200}", known in prop::collection::vec("[a-c]", 0..3)) {
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        check_load_total(&raw, &known);
    }

    #[test]
    fn load_never_panics_on_json(v in arb_json()) {
        check_load_total(&v.to_string(), &["gil", "a"]);
    }

    #[test]
    fn load_never_panics_on_mutated_exports(
        s in arb_store("[a-m]{1,8}", MAX_TIMESTAMP_MS),
        choice in any::<usize>(),
        new in arb_json(),
        cut in any::<prop::sample::Index>(),
    ) {
        let known = known_of(&s);
        let mut v = serde_json::to_value(&s).unwrap_or_default();
        mutate(&mut v, choice, new);
        check_load_total(&v.to_string(), &known);
        // Truncated text (e.g. a write cut short).
        let raw = to_storage_json(&s);
        let mut end = cut.index(raw.len() + 1);
        while !raw.is_char_boundary(end) { end -= 1; }
        check_load_total(&raw[..end], &known);
    }

    #[test]
    fn preview_matches_import_merge(a in arb_small_store(), b in arb_small_store()) {
        let p = preview_import(&a, &b);
        prop_assert_eq!(p.added + p.updated + p.unchanged + p.conflicts, b.topics.len());
        let merged = import_merge(&a, &b);
        for (slug, inc) in &b.topics {
            let kind = p.changes.iter().find(|c| &c.slug == slug).map(|c| c.kind);
            match kind {
                Some(ChangeKind::Added | ChangeKind::Updated) => prop_assert_eq!(merged.topics.get(slug), Some(inc)),
                None => prop_assert_eq!(merged.topics.get(slug), a.topics.get(slug)),
                Some(ChangeKind::Conflict) => prop_assert!(merged.topics.contains_key(slug)),
            }
        }
    }

    #[test]
    fn streak_matches_naive_count(days in prop::collection::btree_set(0i64..40, 0..30), today in 0i64..45) {
        let mut start = if days.contains(&today) { today } else { today - 1 };
        let mut naive = 0;
        while days.contains(&start) {
            naive += 1;
            start -= 1;
        }
        prop_assert_eq!(streak(&days, today), naive);
    }

    #[test]
    fn review_sequences_stay_valid(ratings in prop::collection::vec((prop::sample::select(Rating::ALL.to_vec()), -3i64..400), 1..30)) {
        let mut s = ProgressStore::new();
        let mut now = T0;
        for (r, gap_days) in ratings {
            now += gap_days * DAY;
            let card = s.record_review("gil", r, now as f64);
            prop_assert!(card.scheduled_days >= 1 || card.is_learning());
            prop_assert!(card.due > card.last_review);
            prop_assert!(card.stability > 0.0 && (1.0..=10.0).contains(&card.difficulty));
            prop_assert!(matches!(s.status("gil"), Status::Review | Status::Mastered));
        }
        let out = load(Some(&to_storage_json(&s)), &["gil"]);
        prop_assert_eq!(out.store, s);
    }
}

/// The facts of a topic in a list, for the mark and filter tests.
fn facts(
    status: Status,
    bookmarked: bool,
    has_note: bool,
    has_exercise: bool,
    has_cards: bool,
) -> TopicFacts {
    TopicFacts {
        status,
        bookmarked,
        has_note,
        has_exercise,
        has_cards,
    }
}

#[test]
fn every_status_has_its_own_shape_and_words_in_the_topic_lists() {
    let marks: Vec<TopicMark> = Status::ALL
        .iter()
        .map(|&s| topic_mark(facts(s, false, false, false, false)))
        .collect();
    for (i, (s, m)) in Status::ALL.iter().zip(&marks).enumerate() {
        // Not colour alone: a distinct visible marker, and the status in words for screen readers.
        assert_eq!(m.glyphs, status_glyph(*s));
        assert_eq!(m.spoken, format!("（{}）", s.label()));
        for other in &marks[i + 1..] {
            assert_ne!(m.glyphs, other.glyphs);
            assert_ne!(m.spoken, other.spoken);
        }
        for extra in [BOOKMARK_GLYPH, NOTE_GLYPH, EXERCISE_GLYPH, CARDS_GLYPH] {
            assert!(!m.glyphs.contains(extra));
        }
    }
    assert_eq!(
        topic_mark(facts(Status::Read, true, true, true, true)),
        TopicMark {
            glyphs: format!("◐{BOOKMARK_GLYPH}{NOTE_GLYPH}{EXERCISE_GLYPH}{CARDS_GLYPH}"),
            spoken: "（已读，已收藏，有笔记，有练习，有代码预测）".into(),
        }
    );
    assert_eq!(
        topic_mark(facts(Status::Review, false, false, true, false)).spoken,
        "（待复习，有练习）"
    );
    assert_eq!(
        topic_mark(facts(Status::Mastered, true, false, false, false)).spoken,
        "（已掌握，已收藏）"
    );
    assert_eq!(
        topic_mark(facts(Status::Unread, false, false, false, true)).spoken,
        "（未读，有代码预测）"
    );
    assert_eq!(
        topic_mark(facts(Status::Read, false, true, false, false)).spoken,
        "（已读，有笔记）"
    );
}

#[test]
fn a_topic_has_a_note_only_when_the_note_is_not_blank() {
    let mut store = ProgressStore::default();
    assert!(!store.topic_facts("a", false, false).has_note);
    store.set_note("a", "  \n ", 1.0);
    assert!(!store.topic_facts("a", false, false).has_note);
    store.set_note("a", "闭包晚绑定", 2.0);
    let f = store.topic_facts("a", true, false);
    assert!(f.has_note && f.has_exercise && !f.has_cards);
    assert_eq!(f.status, store.status("a"));
    // The learner's part of the mark changes with the note, so the list rewrites the link.
    assert_ne!(
        f.learner_key(),
        store.topic_facts("b", true, false).learner_key()
    );
}

#[test]
fn the_due_count_is_shown_only_when_something_is_due() {
    assert_eq!(due_badge(0), None);
    assert_eq!(due_summary(0), None);
    assert_eq!(
        due_badge(3),
        Some(("3".to_string(), "（今天 3 项待复习）".to_string()))
    );
    assert_eq!(due_summary(1).as_deref(), Some("今天有 1 项到期待复习。"));
}

#[test]
fn continue_reading_agrees_with_the_topics_status() {
    assert_eq!(
        continue_reading_label(Status::Unread, 0.42),
        "继续阅读（42%）"
    );
    assert_eq!(
        continue_reading_label(Status::Unread, 0.0),
        "继续阅读（0%）"
    );
    // A topic read (by hand or to its end) is never "0%", wherever the reader was last.
    for (s, words) in [
        (Status::Read, "已读"),
        (Status::Review, "待复习"),
        (Status::Mastered, "已掌握"),
    ] {
        for scroll in [0.0, 0.5, 1.0] {
            let label = continue_reading_label(s, scroll);
            assert_eq!(label, format!("继续阅读（{words}）"));
            assert!(!label.contains('%'));
        }
    }
}

#[test]
fn the_list_filters_keep_what_their_labels_say() {
    let labels: Vec<&str> = TopicFilter::ALL.iter().map(|f| f.label()).collect();
    assert_eq!(
        labels,
        ["全部", "只看未读", "待复习", "已收藏", "有笔记", "有练习"]
    );
    assert_eq!(TopicFilter::default(), TopicFilter::All);
    for status in Status::ALL {
        for bits in 0u8..16 {
            let t = facts(
                status,
                bits & 1 != 0,
                bits & 2 != 0,
                bits & 4 != 0,
                bits & 8 != 0,
            );
            let keeps = |f: TopicFilter| f.keeps(t);
            assert!(keeps(TopicFilter::All));
            assert_eq!(keeps(TopicFilter::Unread), status == Status::Unread);
            assert_eq!(keeps(TopicFilter::Review), status == Status::Review);
            assert_eq!(keeps(TopicFilter::Bookmarked), t.bookmarked);
            assert_eq!(keeps(TopicFilter::Noted), t.has_note);
            assert_eq!(keeps(TopicFilter::Exercise), t.has_exercise);
        }
    }
    assert_eq!(
        TopicFilter::Bookmarked.empty_message(),
        "没有符合「已收藏」的主题。"
    );
}

#[test]
fn category_counts_follow_the_filter() {
    assert_eq!(
        TopicFilter::All.category_count(12, 12),
        ("12".to_string(), "（12 个主题）".to_string())
    );
    assert_eq!(
        TopicFilter::Noted.category_count(3, 12),
        ("3/12".to_string(), "（12 个主题中的 3 个）".to_string())
    );
}

#[test]
fn the_mark_legend_explains_every_glyph_a_list_can_show() {
    let legend = mark_legend();
    let all = topic_mark(facts(Status::Read, true, true, true, true));
    for s in Status::ALL {
        assert!(legend.contains(&(status_glyph(s), s.label())));
    }
    // Every glyph of the fullest mark is explained, with the words screen readers hear.
    for (glyph, words) in &legend[Status::ALL.len()..] {
        assert!(all.glyphs.contains(glyph), "{glyph}");
        assert!(all.spoken.contains(words), "{words}");
    }
    assert_eq!(legend.len(), Status::ALL.len() + 4);
}
