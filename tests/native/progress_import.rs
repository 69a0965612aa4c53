//! Native tests for import as the user sees it (`progress::parse_import`): typed errors and
//! notices and their Chinese words, the preview and export messages, file names, sizes and
//! percentages.
use mianshiti_playground::progress::*;

/// 2023-11-14T22:13:20Z.
const T0: f64 = 1_700_000_000_000.0;
const KNOWN: [&str; 3] = ["gil", "lru", "tcp"];

/// The column a broken file's error names, as the user counts: characters (not UTF-8 bytes)
/// from 1, also at the end of the input.
fn error_at(text: &str) -> (usize, usize) {
    match parse_import(text, &KNOWN) {
        Err(ImportError::InvalidJson { line, column }) => (line, column),
        other => panic!("{text:?}: {other:?}"),
    }
}

#[test]
fn invalid_json_column_counts_characters_from_one() {
    // `x` is the 17th character of the line (serde_json says byte 25).
    assert_eq!(error_at("{\"note\": \"中文笔记\" x}"), (1, 17));
    assert_eq!(error_at("{\"a\": 1,\n  \"笔记\": 中}"), (2, 9));
    assert_eq!(error_at("这不是 JSON {"), (1, 1));
    // At the end of the input: never column 0.
    assert_eq!(error_at(""), (1, 1));
    assert_eq!(error_at("{\n"), (2, 1));
    assert_eq!(error_at("{\"a\":"), (1, 5)); // near the last character
}

#[test]
fn invalid_json_says_where() {
    let err = parse_import("{\n  \"topics\": [1,,]\n}", &KNOWN);
    assert_eq!(
        err,
        Err(ImportError::InvalidJson {
            line: 2,
            column: 16
        })
    );
    let text = err.err().map(|e| e.message()).unwrap_or_default();
    assert!(
        text.contains("不是有效的 JSON") && text.contains("第 2 行第 16 列"),
        "{text}"
    );
    assert!(matches!(
        parse_import("这不是 JSON {", &KNOWN),
        Err(ImportError::InvalidJson { line: 1, .. })
    ));
    assert!(matches!(
        parse_import("", &KNOWN),
        Err(ImportError::InvalidJson { .. })
    ));
}

#[test]
fn json_that_is_not_an_object_is_refused() {
    for text in ["[]", "42", "\"x\"", "null"] {
        assert_eq!(
            parse_import(text, &KNOWN),
            Err(ImportError::NotAnObject),
            "{text}"
        );
    }
    assert!(ImportError::NotAnObject.message().contains("JSON 对象"));
}

#[test]
fn a_newer_schema_is_refused() {
    let err = parse_import(r#"{"schema_version": 99, "topics": {}}"#, &KNOWN);
    assert_eq!(err, Err(ImportError::NewerSchema { version: 99 }));
    let text = ImportError::NewerSchema { version: 99 }.message();
    assert!(text.contains("更新版本") && text.contains("v99"), "{text}");
}

#[test]
fn size_and_unreadable_files_are_refused_before_parsing() {
    assert_eq!(check_import_size(0), Ok(()));
    assert_eq!(check_import_size(MAX_IMPORT_BYTES), Ok(()));
    let err = check_import_size(MAX_IMPORT_BYTES + 1);
    assert_eq!(
        err,
        Err(ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1
        })
    );
    let text = err.err().map(|e| e.message()).unwrap_or_default();
    assert!(text.contains("文件太大（32.0 MB）"), "{text}");
    assert!(ImportError::Unreadable.message().contains("无法读取"));
}

#[test]
fn an_export_imports_cleanly() {
    let mut s = ProgressStore::new();
    s.set_status("gil", Status::Mastered, T0);
    s.set_note("gil", "记住", T0);
    s.toggle_bookmark("lru", T0);
    let imported = parse_import(&to_json(&s, T0), &KNOWN);
    let Ok(imported) = imported else {
        panic!("{imported:?}");
    };
    assert_eq!(imported.store, s);
    assert!(imported.notices.is_empty() && imported.notice_messages().is_empty());
    assert!(!imported.is_empty());
    let empty = parse_import("{}", &KNOWN);
    assert!(empty.is_ok_and(|i| i.is_empty()));
}

#[test]
fn a_v2_export_still_imports_and_becomes_v3() {
    // An export written by the previous release (schema 2): no learning step, review log or
    // review settings.
    let v2 = r#"{
      "schema_version": 2, "exported_at": 1700000000000, "epoch": 0,
      "topics": {"gil": {"status": "review", "updated_at": 1700000000000, "note": "旧笔记",
        "review": {"due": 1700259200000, "last_review": 1700000000000, "stability": 3.1262,
          "difficulty": 5.314578, "scheduled_days": 3, "reps": 1, "lapses": 0,
          "state": "review", "last_rating": "good"}}},
      "study_days": [19676]
    }"#;
    let Ok(imported) = parse_import(v2, &KNOWN) else {
        panic!("a v2 export must import");
    };
    assert!(imported.notices.is_empty(), "{:?}", imported.notices);
    let s = imported.store;
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    let t = s.topic("gil").expect("gil");
    assert_eq!((t.note.as_str(), t.log.len()), ("旧笔记", 0));
    let card = t.review.expect("card");
    assert_eq!(
        (card.state, card.step, card.scheduled_days),
        (CardState::Review, 0, 3)
    );
    assert_eq!(s.review_settings, ReviewSettings::default());
    // Re-exported, it is a current (v4) file that loads back to the same store.
    let again = parse_import(&to_json(&s, T0), &KNOWN).map(|i| i.store);
    assert_eq!(again, Ok(s));
}

#[test]
fn learning_state_log_and_limits_survive_export_and_import() {
    let mut s = ProgressStore::new();
    s.set_status("gil", Status::Review, T0);
    s.record_review("gil", Rating::Again, T0 + 1.0);
    s.set_review_settings(
        ReviewSettings {
            new_per_day: 5,
            reviews_per_day: 50,
            practice_unread: true,
            py_time_limit_s: 12,
            updated_at: 0,
        },
        T0,
    );
    let json = to_json(&s, T0);
    assert!(json.contains("\"schema_version\": 4"), "{json}");
    assert!(json.contains("\"py_time_limit_s\": 12"), "{json}");
    let card = s.topic("gil").and_then(|t| t.review).expect("card");
    assert_eq!((card.state, card.step), (CardState::Learning, 0));
    let Ok(imported) = parse_import(&json, &KNOWN) else {
        panic!("{json}");
    };
    assert!(imported.notices.is_empty(), "{:?}", imported.notices);
    assert_eq!(imported.store, s);
    let log = &imported.store.topic("gil").expect("gil").log;
    assert_eq!(
        log.as_slice(),
        [ReviewLog {
            review: (T0 + 1.0) as i64,
            rating: Rating::Again,
            state: CardState::New,
            correct: None,
        }]
    );
    // A broken log entry or setting is dropped with a notice, the rest is kept.
    let broken = json
        .replace("\"rating\": \"again\"", "\"rating\": \"meh\"")
        .replace("\"new_per_day\": 5", "\"new_per_day\": -1");
    let Ok(salvaged) = parse_import(&broken, &KNOWN) else {
        panic!("{broken}");
    };
    assert!(!salvaged.notices.is_empty());
    let t = salvaged.store.topic("gil").expect("gil");
    assert!(t.log.is_empty() && t.review.is_some());
    assert_eq!(salvaged.store.review_settings, ReviewSettings::default());
}

#[test]
fn salvage_notices_are_typed_and_worded_for_an_import() {
    // A v1 file with an unknown slug and a value of the wrong type.
    let raw = r#"{"schema_version": 1, "read": ["gil", "old-name", 7]}"#;
    let Ok(imported) = parse_import(raw, &KNOWN) else {
        panic!("v1 imports");
    };
    assert_eq!(
        imported.notices,
        [
            LoadNotice::MigratedV1,
            LoadNotice::Orphaned {
                count: 1,
                examples: vec!["old-name".to_string()]
            },
            LoadNotice::Dropped { count: 1 },
        ]
    );
    // An import backs nothing up, so no notice says it did; stored data does.
    let words = imported.notice_messages();
    assert_eq!(
        words,
        [
            "已把旧版学习进度（v1）升级到新格式。",
            "有 1 个主题在当前笔记中找不到（可能已改名）：old-name。它们的进度已单独保留，不会丢失。",
            "学习进度中有 1 处数据无法识别，已忽略。",
        ]
    );
    assert_eq!(
        LoadNotice::MigratedV1.message(LoadSource::Stored),
        "已把旧版学习进度（v1）升级到新格式，原始数据已另存备份。"
    );
}

#[test]
fn every_notice_mentions_a_backup_only_for_stored_data() {
    let all = [
        LoadNotice::InvalidJson,
        LoadNotice::NotAnObject,
        LoadNotice::NewerSchema { version: 3 },
        LoadNotice::MigratedV1,
        LoadNotice::BadVersion,
        LoadNotice::Dropped { count: 2 },
        LoadNotice::Truncated { count: 1 },
        LoadNotice::Orphaned {
            count: 7,
            examples: vec!["a".to_string(), "b".to_string()],
        },
        LoadNotice::Restored { count: 1 },
    ];
    for n in &all {
        let stored = n.message(LoadSource::Stored);
        let imported = n.message(LoadSource::Imported);
        assert!(!imported.contains("备份"), "{imported}");
        assert!(imported.ends_with('。'), "{imported}");
        let backs_up = !matches!(
            n,
            LoadNotice::NewerSchema { .. }
                | LoadNotice::Orphaned { .. }
                | LoadNotice::Restored { .. }
        );
        assert_eq!(stored.contains("原始数据已另存备份"), backs_up, "{stored}");
        if !backs_up {
            assert_eq!(stored, imported);
        }
    }
    assert_eq!(
        LoadNotice::Dropped { count: 2 }.message(LoadSource::Stored),
        "学习进度中有 2 处数据无法识别，已忽略；原始数据已另存备份。"
    );
    assert_eq!(
        LoadNotice::InvalidJson.message(LoadSource::Imported),
        "学习进度数据已损坏（不是有效的 JSON），将从空白进度开始。"
    );
    // More unknown slugs than examples end the list with an ellipsis.
    assert!(all[7].message(LoadSource::Stored).contains("：a、b、…。"));
}

#[test]
fn preview_and_export_messages() {
    let mut current = ProgressStore::new();
    current.mark_visit("gil", T0);
    let mut incoming = ProgressStore::new();
    incoming.mark_visit("lru", T0);
    incoming.mark_visit("gil", T0 + 1000.0);
    incoming.record_study_day(19_000);
    let p = preview_import(&current, &incoming);
    assert_eq!(p.counts_line(), "新增 1 · 更新 1 · 不变 0 · 冲突 0");
    assert_eq!(
        p.merged_message(),
        "已合并导入：新增 1 个、更新 1 个主题，新增 1 个学习日。"
    );
    let same = preview_import(&incoming, &incoming);
    assert_eq!(
        same.merged_message(),
        "已合并导入：新增 0 个、更新 0 个主题。"
    );

    incoming.set_note("lru", "笔记", T0);
    incoming.toggle_bookmark("gil", T0);
    assert_eq!(
        export_message(&incoming, "x.json"),
        "已导出「x.json」：2 个主题的记录，其中 1 条笔记、1 个收藏。"
    );
}

#[test]
fn file_names() {
    assert_eq!(
        export_file_name(2026, 3, 7),
        "mianshiti-progress-20260307.json"
    );
    assert_eq!(
        export_file_name(2026, 12, 31),
        "mianshiti-progress-20261231.json"
    );
    assert_eq!(
        backup_file_name("1700000000000"),
        "mianshiti-progress-backup-1700000000000.json"
    );
}

#[test]
fn byte_sizes_and_percentages() {
    let cases = [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (1024 * 1024 - 1, "1024.0 KB"),
        (1024 * 1024, "1.0 MB"),
        (5 * 1024 * 1024 + 512 * 1024, "5.5 MB"),
    ];
    for (n, text) in cases {
        assert_eq!(format_bytes(n), text, "{n}");
    }
    assert_eq!(percent(0, 0), 0.0);
    assert_eq!(percent(1, 4), 25.0);
    assert_eq!(percent(78, 78), 100.0);
}
