//! The engine worker's message protocol (`exercises::protocol`): requests and replies survive
//! the JSON round trip, and `exercises::engine::Engine` answers each request as calling the
//! engine directly does.

use mianshiti_playground::exercises::engine::Engine;
use mianshiti_playground::exercises::protocol::{
    MadeInput, Reply, Request, RunReply, WireSection, KEPT_GENERATED, PREVIEW_CHARS,
};
use mianshiti_playground::exercises::{generate, panel::MAX_OUTPUT_CHARS, run};

fn clock() -> f64 {
    0.0
}

fn result(json: &str) -> RunReply {
    match Reply::parse(json).expect(json) {
        Reply::Result(r) => r,
        other => panic!("not a result: {other:?}"),
    }
}

#[test]
fn requests_round_trip() {
    let requests = [
        Request::Run {
            id: 7,
            exercise: "merge_sorted_lists".into(),
            inputs: vec![
                ("l1".into(), "[1, \"\\n\"]".into()),
                ("l2".into(), "".into()),
            ],
            generated: 0,
        },
        Request::Run {
            id: 2,
            exercise: "m".into(),
            inputs: vec![],
            generated: 8,
        },
        Request::Generate {
            id: 8,
            exercise: "set_ops".into(),
            n: 1_000_000,
            seed: 3,
        },
        Request::FileOpen { id: 9, k: 10 },
        Request::FileChunk { id: 10, file: 9 },
        Request::FileClose { id: 11, file: 9 },
        Request::Bench {
            id: 12,
            name: "merge".into(),
            n: 5,
        },
    ];
    for r in requests {
        assert_eq!(
            Request::parse(&r.to_json()),
            Ok(r.clone()),
            "{}",
            r.to_json()
        );
    }
    assert_eq!(
        Request::Run {
            id: 1,
            exercise: "x".into(),
            inputs: vec![("a".into(), "b".into())],
            generated: 0,
        }
        .to_json(),
        r#"{"type":"run","id":1,"exercise":"x","inputs":[["a","b"]]}"#
    );
}

#[test]
fn replies_round_trip() {
    let ready = Reply::Ready { ms: 3.5 };
    assert_eq!(Reply::parse(&ready.to_json()), Ok(ready));
    let ok = Reply::Result(RunReply {
        id: 4,
        outcome: Some(Ok(vec![WireSection {
            key: "merged".into(),
            label: "结果".into(),
            value: "[1, 2]".into(),
            exception: false,
            note: Some("说明".into()),
        }])),
        made: vec![MadeInput {
            field: "l1".into(),
            preview: "[1".into(),
            chars: 9,
        }],
        ms: 0.25,
    });
    assert_eq!(Reply::parse(&ok.to_json()), Ok(ok));
}

#[test]
fn malformed_messages_are_errors_in_chinese() {
    for bad in [
        "",
        "{",
        "[]",
        r#"{"type":"nope","id":1}"#,
        r#"{"type":"result"}"#,
    ] {
        let e = Reply::parse(bad).unwrap_err();
        assert!(e.starts_with("练习引擎发来无法识别的消息"), "{bad}: {e}");
    }
    assert!(Request::parse(r#"{"type":"nope","id":1}"#)
        .unwrap_err()
        .contains("未知类型"));
    // The engine answers a bad request with an error for its id, never a panic.
    let mut engine = Engine::new();
    let r = result(&engine.handle(r#"{"type":"nope","id":5}"#, None, &clock));
    assert_eq!(r.id, 5);
    assert!(matches!(r.outcome, Some(Err(ref e)) if e.message.contains("未知类型")));
    let r = result(&engine.handle("not json", None, &clock));
    assert!(matches!(r.outcome, Some(Err(_))));
}

#[test]
fn engine_runs_as_the_direct_call() {
    let mut engine = Engine::new();
    for (id, exercise, inputs) in [
        ("merge_sorted_lists", vec![("l1", "[1, 3]"), ("l2", "[2]")]),
        ("merge_sorted_lists", vec![("l1", "[1, 3")]),
        ("no_such_exercise", vec![]),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (e, inp))| (i as u32 + 1, e, inp))
    {
        let request = Request::Run {
            id,
            exercise: exercise.into(),
            inputs: inputs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            generated: 0,
        };
        let r = result(&engine.handle(&request.to_json(), None, &clock));
        assert_eq!(r.id, id);
        match (run(exercise, &inputs), r.outcome.unwrap()) {
            (Ok(direct), Ok(wire)) => {
                assert_eq!(direct.len(), wire.len());
                for (d, w) in direct.into_iter().zip(wire) {
                    assert_eq!(
                        (d.key, d.label, d.value, d.is_exception, d.note),
                        (w.key.as_str(), w.label, w.value, w.exception, w.note)
                    );
                }
            }
            (Err(direct), Err(wire)) => {
                assert_eq!(
                    (direct.field, direct.message, direct.position),
                    (wire.field.as_str(), wire.message, wire.position)
                );
            }
            (d, w) => panic!("{exercise}: direct {d:?}, wire {w:?}"),
        }
    }
}

#[test]
fn generate_keeps_its_inputs_in_the_worker_and_caps_the_output() {
    let mut engine = Engine::new();
    let json = Request::Generate {
        id: 3,
        exercise: "merge_sorted_lists".into(),
        n: 20_000,
        seed: 1,
    }
    .to_json();
    let r = result(&engine.handle(&json, None, &clock));
    let made = generate("merge_sorted_lists", 20_000, 1).unwrap();
    // Only previews cross to the page.
    assert_eq!(r.made.len(), made.len());
    for (m, (field, text)) in r.made.iter().zip(&made) {
        assert_eq!(m.field, *field);
        assert_eq!(m.chars, text.chars().count());
        assert_eq!(
            m.preview,
            text.chars().take(PREVIEW_CHARS).collect::<String>()
        );
    }
    let sections = r.outcome.unwrap().unwrap();
    for s in &sections {
        assert!(
            s.value.chars().count() <= MAX_OUTPUT_CHARS + 100,
            "{} not capped",
            s.key
        );
    }
    assert!(
        sections.iter().any(|s| s.value.contains("只显示前")),
        "a 40,000-item merge is capped"
    );
    // A later run takes the kept text for the fields it leaves out, and the given ones win.
    let run_json = |id, generated| {
        Request::Run {
            id,
            exercise: "merge_sorted_lists".into(),
            inputs: vec![("l2".into(), "[]".into())],
            generated,
        }
        .to_json()
    };
    let r = result(&engine.handle(&run_json(4, 3), None, &clock));
    let direct = run(
        "merge_sorted_lists",
        &[(made[0].0, made[0].1.as_str()), ("l2", "[]")],
    )
    .unwrap();
    let wire = r.outcome.unwrap().unwrap();
    assert_eq!(
        direct.iter().map(|s| s.key).collect::<Vec<_>>(),
        wire.iter().map(|s| s.key.as_str()).collect::<Vec<_>>()
    );
    assert!(wire[0]
        .value
        .starts_with(&direct[0].value.chars().take(100).collect::<String>()));
    // Only the last KEPT_GENERATED are kept; an older one is a Chinese error, not a panic.
    for id in 0..KEPT_GENERATED as u32 {
        let json = Request::Generate {
            id: 20 + id,
            exercise: "merge_sorted_lists".into(),
            n: 5,
            seed: 1,
        }
        .to_json();
        engine.handle(&json, None, &clock);
    }
    let r = result(&engine.handle(&run_json(5, 3), None, &clock));
    assert!(matches!(r.outcome, Some(Err(ref e)) if e.message.contains("重新生成")));
    // An exercise without a generator says so.
    let json = Request::Generate {
        id: 6,
        exercise: "day_of_year".into(),
        n: 5,
        seed: 1,
    }
    .to_json();
    assert!(matches!(
        result(&engine.handle(&json, None, &clock)).outcome,
        Some(Err(_))
    ));
}

#[test]
fn file_chunks_count_words_across_boundaries() {
    let mut engine = Engine::new();
    let open = Request::FileOpen { id: 1, k: 2 }.to_json();
    assert_eq!(
        result(&engine.handle(&open, None, &clock)).outcome,
        Some(Ok(vec![]))
    );
    // "hello world hello" cut inside both words, and an invalid UTF-8 byte.
    for (i, part) in [&b"hel"[..], b"lo wor", b"ld hello \xff"]
        .into_iter()
        .enumerate()
    {
        let chunk = Request::FileChunk {
            id: 2 + i as u32,
            file: 1,
        }
        .to_json();
        assert_eq!(
            result(&engine.handle(&chunk, Some(part), &clock)).outcome,
            Some(Ok(vec![]))
        );
    }
    let close = Request::FileClose { id: 9, file: 1 }.to_json();
    let sections = result(&engine.handle(&close, None, &clock))
        .outcome
        .unwrap()
        .unwrap();
    assert_eq!(sections[0].key, "top");
    assert_eq!(sections[0].value, "[('hello', 2), ('world', 1)]");
    assert_eq!(
        (sections[1].key.as_str(), sections[1].value.as_str()),
        ("invalid", "1")
    );
    // The file is gone once closed: a late chunk is an error, not a panic.
    let late = Request::FileChunk { id: 10, file: 1 }.to_json();
    assert!(matches!(
        result(&engine.handle(&late, Some(b"x"), &clock)).outcome,
        Some(Err(_))
    ));
}

#[test]
fn bench_kernels_report_their_check() {
    let mut engine = Engine::new();
    let json = Request::Bench {
        id: 1,
        name: "merge".into(),
        n: 1000,
    }
    .to_json();
    let sections = result(&engine.handle(&json, None, &clock))
        .outcome
        .unwrap()
        .unwrap();
    assert_eq!(sections[0].value, "len=2000 sorted=true");
    let json = Request::Bench {
        id: 2,
        name: "topk".into(),
        n: 10_000,
    }
    .to_json();
    let sections = result(&engine.handle(&json, None, &clock))
        .outcome
        .unwrap()
        .unwrap();
    assert!(
        sections[0].value.starts_with("[('"),
        "{}",
        sections[0].value
    );
}
