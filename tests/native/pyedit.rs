//! Editing the notes' Python (issue 13): the learner's edits and scratchpad in the progress
//! store (save, restore, merge, load, export), the line diff, share links (huge and malformed
//! input included) and the toolbar's editing buttons.

use mianshiti_playground::notes::pyedit::{
    changed_summary, diff_lines, parse_share, share_hash, DiffKind, ShareTarget, Shared,
    SHARE_MAX_CHARS,
};
use mianshiti_playground::notes::pyrun::toolbar_html;
use mianshiti_playground::progress::{
    block_key, load, merge, to_json, to_storage_json, LoadNotice, ProgressStore, CODE_MAX_BYTES,
    MAX_CODE_BLOCKS,
};
use mianshiti_playground::route::{parse, to_hash, Route};

const T0: f64 = 1_700_000_000_000.0;

#[test]
fn an_edit_is_kept_per_block_and_restore_puts_the_notes_code_back() {
    let mut s = ProgressStore::new();
    let key = block_key("closure-late-binding", 0);
    assert_eq!(key, "closure-late-binding/0");
    assert_eq!(s.block_code(&key), None);
    assert!(!s.set_block_code(&key, "print(1)\n", T0));
    s.set_block_code(&block_key("closure-late-binding", 2), "x = 2\n", T0);
    s.set_block_code(&block_key("closure-late-binding-2", 0), "y\n", T0);
    assert_eq!(s.block_code(&key), Some("print(1)\n"));
    assert_eq!(
        s.topic_code_edits("closure-late-binding"),
        vec![
            ("closure-late-binding/0", "print(1)\n"),
            ("closure-late-binding/2", "x = 2\n")
        ]
    );
    s.restore_block(&key, T0 + 1.0);
    assert_eq!(s.block_code(&key), None);
    // The restore is remembered, so it wins a merge against the older edit elsewhere.
    let mut other = ProgressStore::new();
    other.set_block_code(&key, "print(1)\n", T0);
    assert_eq!(merge(&s, &other).block_code(&key), None);
    assert_eq!(merge(&other, &s).block_code(&key), None);
    // A newer edit in the other tab wins over the restore.
    other.set_block_code(&key, "print(2)\n", T0 + 5.0);
    assert_eq!(merge(&s, &other).block_code(&key), Some("print(2)\n"));
}

#[test]
fn code_is_capped_and_the_oldest_blocks_go_first() {
    let mut s = ProgressStore::new();
    let huge = "é".repeat(CODE_MAX_BYTES);
    assert!(s.set_block_code("t/0", &huge, T0));
    assert_eq!(s.block_code("t/0").map(str::len), Some(CODE_MAX_BYTES));
    assert!(s.set_scratchpad(&huge, T0));
    assert_eq!(s.scratchpad().len(), CODE_MAX_BYTES);
    for i in 1..MAX_CODE_BLOCKS + 10 {
        s.set_block_code(&block_key("t", i), "x", T0 + i as f64);
    }
    assert_eq!(s.code_edits.blocks.len(), MAX_CODE_BLOCKS);
    assert!(s.block_code("t/0").is_none(), "the oldest went first");
    assert_eq!(
        s.block_code(&block_key("t", MAX_CODE_BLOCKS + 9)),
        Some("x")
    );
}

#[test]
fn edits_and_the_scratchpad_survive_storage_export_and_import() {
    let mut s = ProgressStore::new();
    // A store without edits keeps its exact former shape.
    assert!(!to_storage_json(&s).contains("code_edits"));
    s.set_block_code(
        "closure-late-binding/0",
        "for i in range(3):\n\tprint(i)\n",
        T0,
    );
    s.set_block_code("closure-late-binding/1", "a\n", T0);
    s.restore_block("closure-late-binding/1", T0 + 1.0);
    s.set_scratchpad("print('你好')\n", T0);
    assert_eq!(s.scratchpad(), "print('你好')\n");
    for text in [to_storage_json(&s), to_json(&s, T0)] {
        let out = load(Some(&text), &["closure-late-binding"]);
        assert_eq!(out.notices, vec![], "{text}");
        assert_eq!(out.store, s);
    }
}

#[test]
fn the_scratchpads_stdin_is_kept_with_its_code_and_survives_a_reload() {
    let mut s = ProgressStore::new();
    assert_eq!(s.scratchpad_stdin(), "");
    // Typed before any code: the entry holds only the text, the page still starts fresh.
    s.set_scratchpad_stdin("小明\n3\n", T0);
    assert_eq!((s.scratchpad(), s.scratchpad_stdin()), ("", "小明\n3\n"));
    // Code changes keep the text, text changes keep the code.
    s.set_scratchpad("print(input())\n", T0 + 1.0);
    assert_eq!(s.scratchpad_stdin(), "小明\n3\n");
    s.set_scratchpad_stdin("小红\n", T0 + 2.0);
    assert_eq!(s.scratchpad(), "print(input())\n");
    let stamp = s.code_edits.scratchpad.as_ref().map(|e| e.updated_at);
    assert!(
        stamp > Some(T0 as i64 + 1),
        "a text change is a newer entry for merges"
    );
    let text = to_storage_json(&s);
    assert!(text.contains(r#""stdin":"小红\n""#), "{text}");
    let out = load(Some(&text), &[]);
    assert_eq!(out.notices, vec![]);
    assert_eq!(out.store.scratchpad_stdin(), "小红\n");
    // Emptied: the field is not written; huge text is truncated like code.
    s.set_scratchpad_stdin("", T0 + 3.0);
    assert!(!to_storage_json(&s).contains("stdin"));
    assert!(s.set_scratchpad_stdin(&"行\n".repeat(CODE_MAX_BYTES), T0 + 4.0));
    assert!(s.scratchpad_stdin().len() <= CODE_MAX_BYTES);
    // A stored entry written before the field existed still loads, and a wrong type is dropped.
    let raw = |pad: &str| {
        format!(
            r#"{{"schema_version":3,"epoch":0,"topics":{{}},"orphans":{{}},"study_days":[],
            "last_topic":null,"last_exercise":null,"exercise_inputs":{{}},
            "code_edits":{{"scratchpad":{pad}}}}}"#
        )
    };
    let old = load(Some(&raw(r#"{"code":"x","updated_at":2}"#)), &[]);
    assert_eq!(
        (old.store.scratchpad(), old.store.scratchpad_stdin()),
        ("x", "")
    );
    let bad = load(Some(&raw(r#"{"code":"x","updated_at":2,"stdin":5}"#)), &[]);
    assert_eq!(bad.store.scratchpad(), "");
    assert!(bad.notices.contains(&LoadNotice::Dropped { count: 1 }));
}

#[test]
fn malformed_stored_edits_are_dropped_with_a_notice_never_a_panic() {
    let raw = r#"{"schema_version":3,"epoch":0,"topics":{},"orphans":{},"study_days":[],
        "last_topic":null,"last_exercise":null,"exercise_inputs":{},
        "code_edits":{"blocks":{"a/0":{"code":"ok","updated_at":5},"a/1":{"code":7,"updated_at":5},
        "a/2":{"updated_at":-1},"":{"code":"x","updated_at":1},"a/3":"nope"},
        "scratchpad":{"code":"s","updated_at":2,"extra":1},"what":1}}"#;
    let out = load(Some(raw), &[]);
    assert_eq!(out.store.block_code("a/0"), Some("ok"));
    assert_eq!(out.store.code_edits.blocks.len(), 1);
    assert_eq!(out.store.scratchpad(), "");
    assert!(out.backup_needed);
    assert!(
        out.notices.contains(&LoadNotice::Dropped { count: 6 }),
        "{:?}",
        out.notices
    );
    for bad in [
        r#""code_edits":[]"#,
        r#""code_edits":{"blocks":[]}"#,
        r#""code_edits":null"#,
    ] {
        let raw = format!(r#"{{"schema_version":3,{bad}}}"#);
        let out = load(Some(&raw), &[]);
        assert!(out.store.code_edits.is_empty(), "{bad}");
    }
}

#[test]
fn the_diff_marks_removed_and_added_lines_in_order() {
    let original = "def f():\n    return 1\nprint(f())\n";
    let edited = "def f():\n    return 2\nprint(f())\nprint('end')";
    let lines = diff_lines(original, edited);
    let shown: Vec<(DiffKind, &str)> = lines.iter().map(|l| (l.kind, l.text.as_str())).collect();
    assert_eq!(
        shown,
        vec![
            (DiffKind::Same, "def f():"),
            (DiffKind::Removed, "    return 1"),
            (DiffKind::Added, "    return 2"),
            (DiffKind::Same, "print(f())"),
            (DiffKind::Added, "print('end')"),
        ]
    );
    assert_eq!(
        changed_summary(&lines),
        "已修改：新增 2 行，删除 1 行（对比笔记原文）"
    );
    // A missing final line break is not a change.
    assert!(diff_lines("a\nb\n", "a\nb")
        .iter()
        .all(|l| l.kind == DiffKind::Same));
}

#[test]
fn the_diff_of_huge_code_is_capped_not_slow() {
    let a: String = (0..5_000).map(|i| format!("x = {i}\n")).collect();
    let b: String = (0..5_000).map(|i| format!("y = {i}\n")).collect();
    let t = std::time::Instant::now();
    let lines = diff_lines(&a, &b);
    assert_eq!(lines.len(), 10_000);
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}

#[test]
fn share_links_round_trip_any_code() {
    for code in [
        "print(1)\n",
        "s = 'a+b & c=d #x ?y %20'\nprint(s)\n",
        "名字 = input('你叫什么？')\nprint(f\"你好，{名字}\")\n",
        "",
        "\t\r\n😀",
    ] {
        let target = ShareTarget::Block {
            slug: "closure-late-binding",
            index: 2,
        };
        let hash = share_hash(&target, code).unwrap();
        assert!(
            hash.starts_with("#/t/closure-late-binding?py=2&code="),
            "{hash}"
        );
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(
            parse_share(&hash),
            Some(Ok(Shared {
                block: Some(2),
                code: code.to_string()
            }))
        );
        // The topic route still opens the topic.
        assert!(
            matches!(parse(&hash), Route::Topic { slug, .. } if slug == "closure-late-binding")
        );
        let hash = share_hash(&ShareTarget::Scratchpad, code).unwrap();
        assert_eq!(
            parse_share(&hash),
            Some(Ok(Shared {
                block: None,
                code: code.to_string()
            }))
        );
        assert_eq!(parse(&hash), Route::Scratchpad);
    }
    assert_eq!(parse("#/py"), Route::Scratchpad);
    assert_eq!(to_hash(&Route::Scratchpad), "#/py");
}

#[test]
fn share_links_over_the_limit_are_refused_in_chinese() {
    let code = "你".repeat(SHARE_MAX_CHARS / 9 + 1);
    let err = share_hash(&ShareTarget::Scratchpad, &code).unwrap_err();
    assert!(err.starts_with("代码太长，无法放进链接"), "{err}");
    assert!(share_hash(&ShareTarget::Scratchpad, &"x".repeat(SHARE_MAX_CHARS - 20)).is_ok());
    let huge = format!("#/py?code={}", "a".repeat(10_000_000));
    let err = parse_share(&huge).unwrap().unwrap_err();
    assert!(err.contains("太长"), "{err}");
}

#[test]
fn malformed_share_links_never_panic() {
    assert_eq!(parse_share("#/t/x"), None);
    assert_eq!(parse_share("#/t/x?hl=a"), None);
    assert_eq!(parse_share(""), None);
    // Broken escapes are kept as text; invalid UTF-8 becomes U+FFFD.
    assert_eq!(
        parse_share("#/py?code=%ZZ%E4%F0%9F"),
        Some(Ok(Shared {
            block: None,
            code: "%ZZ\u{FFFD}\u{FFFD}".into()
        }))
    );
    for (hash, words) in [
        ("#/t/x?code=a", "没有说明是哪个代码块"),
        ("#/t/x?py=-1&code=a", "代码块编号「-1」无效"),
        ("#/t/x?py=99999999999999999999&code=a", "无效"),
        ("#/t/x?py=%3Cb%3E&code=a", "「<b>」"),
    ] {
        let err = parse_share(hash).unwrap().unwrap_err();
        assert!(err.contains(words), "{hash}: {err}");
    }
    assert_eq!(
        parse_share("#/t/x?py=1&code&x=%"),
        Some(Ok(Shared {
            block: Some(1),
            code: String::new()
        }))
    );
}

#[test]
fn the_toolbar_has_edit_and_wrap_toggles_and_hidden_after_edit_buttons() {
    let html = toolbar_html("print(1)\n");
    for part in [
        "<button type=\"button\" class=\"py-edit small\" aria-pressed=\"false\">编辑</button>",
        "<button type=\"button\" class=\"py-wrap small\" aria-pressed=\"false\">换行</button>",
        "<button type=\"button\" class=\"py-restore small\" hidden>还原</button>",
        "<button type=\"button\" class=\"py-diff small\" hidden aria-pressed=\"false\">对比</button>",
        "<button type=\"button\" class=\"py-share small\" hidden>分享</button>",
    ] {
        assert!(html.contains(part), "{html}");
    }
    // In the order the learner reads them.
    let at = |s: &str| html.find(s).unwrap();
    assert!(at("运行") < at("编辑") && at("编辑") < at("复制") && at("复制") < at("换行"));
}

#[test]
fn an_import_preview_names_the_edited_blocks_and_the_scratchpad() {
    use mianshiti_playground::progress::preview_import;
    let current = ProgressStore::new();
    let mut incoming = ProgressStore::new();
    incoming.set_block_code("a/0", "x", T0);
    incoming.set_block_code("a/1", "y", T0);
    incoming.set_block_code("a/2", "z", T0);
    incoming.restore_block("a/2", T0 + 1.0);
    let p = preview_import(&current, &incoming);
    assert_eq!(
        p.summary,
        vec!["带有 2 个改过的 Python 代码块（与本机的合并时，每个保留较新的一份）"]
    );
    incoming.set_scratchpad("print()", T0);
    let p = preview_import(&current, &incoming);
    assert_eq!(
        p.summary,
        vec!["带有 2 个改过的 Python 代码块和 Python 草稿本（与本机的合并时，每个保留较新的一份）"]
    );
    let mut only_pad = ProgressStore::new();
    only_pad.set_scratchpad("print()", T0);
    assert_eq!(
        preview_import(&current, &only_pad).summary,
        vec!["带有 Python 草稿本（与本机的合并时，每个保留较新的一份）"]
    );
}
