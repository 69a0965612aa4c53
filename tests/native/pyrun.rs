//! Running the notes' Python in the browser: the pure decisions of `notes::pyrun`.

use mianshiti_playground::notes::markdown::render;
use mianshiti_playground::notes::pyrun::{
    cannot_run_reason, editor_cache_text, error_line, error_line_text, explanation, ms_text,
    needs_stack_switching, parse_message, pieces, progress_text, run_request, samples_text,
    status_text, stdin_label, stdin_lines, time_limit_s, timeout_text, toolbar_html, Piece,
    RunResult, WorkerMessage, FATAL_TEXT, TIME_LIMIT_DEFAULT_S, TRUNCATED_TEXT,
};
use mianshiti_playground::notes::{content_files, parse_topic};
use mianshiti_playground::progress::{parse_import, ReviewSettings};

/// Every Python block of the notes as `(slug, index, code)`, as `scripts/blocks.mjs` finds them.
fn notes_blocks() -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for (_, text) in content_files() {
        let topic = parse_topic(text).expect("content parses");
        let mut rest = *text;
        let mut index = 0;
        while let Some(open) = rest.find("```") {
            let after = &rest[open + 3..];
            let Some(eol) = after.find('\n') else { break };
            let lang = after[..eol].trim();
            let body = &after[eol + 1..];
            let Some(close) = body.find("```") else { break };
            if ["python", "py", ""].contains(&lang) {
                out.push((topic.slug.clone(), index, body[..close].to_string()));
                index += 1;
            }
            rest = &body[close + 3..];
        }
    }
    out
}

#[test]
fn exactly_the_blocks_that_need_a_server_or_processes_say_so_before_running() {
    let blocks = notes_blocks();
    assert_eq!(blocks.len(), 43, "the notes have 43 Python blocks");
    let flagged: Vec<String> = blocks
        .iter()
        .filter(|(_, _, code)| cannot_run_reason(code).is_some())
        .map(|(slug, i, _)| format!("{slug}/{i}"))
        .collect();
    assert_eq!(
        flagged,
        [
            "ipc-pipe-queue-shm/0",
            "ipc-pipe-queue-shm/1",
            "ipc-pipe-queue-shm/2",
            "flask-blueprint/0",
            "flask-vs-django-routing/0",
            "flask-vs-django-routing/1",
            "top-words-in-1g-file/2",
            "mq-idempotency/0",
        ]
    );
}

#[test]
fn cannot_run_reasons_come_from_imports_not_from_words_in_comments() {
    assert!(cannot_run_reason("import multiprocessing as mp\n").is_some());
    assert!(cannot_run_reason("from multiprocessing import Process\n").is_some());
    assert!(cannot_run_reason("import os, redis\n").is_some());
    assert!(cannot_run_reason("from django.urls import path\n").is_some());
    // A word in a comment or string is not an import.
    assert_eq!(
        cannot_run_reason("# multiprocessing 需要进程\nprint('redis')\n"),
        None
    );
    // Creating a socket works in Pyodide; connecting does not.
    assert_eq!(
        cannot_run_reason("import socket\ns = socket.socket()\n"),
        None
    );
    assert!(
        cannot_run_reason("import socket\ns = socket.socket()\ns.connect(('a', 1))\n").is_some()
    );
    assert!(cannot_run_reason("import threading\nthreading.Thread(target=f).start()\n").is_some());
    assert_eq!(cannot_run_reason("print(1)\n"), None);
}

#[test]
fn every_python_block_gets_the_toolbar_and_other_code_does_not() {
    let html = render("```python\nprint(1)\n```\n\n```bash\nls\n```\n", "#/t/x/").html;
    assert_eq!(html.matches("<div class=\"py-tools\">").count(), 1);
    assert!(html.contains("<button type=\"button\" class=\"py-run small\""));
    assert!(html.contains(">运行</button>"));
    assert!(html.contains(">复制</button>"));
    assert!(html.contains("class=\"py-stdin-toggle small\" aria-expanded=\"false\""));
    assert!(html.contains(">标准输入</button>"));
    assert!(html.contains("<pre class=\"code\" data-lang=\"bash\"><code>ls"));
    let blocked = toolbar_html("import redis\n");
    assert!(blocked.contains("<span class=\"py-cannot\">"), "{blocked}");
    assert!(!toolbar_html("print(1)\n").contains("py-cannot"));
}

#[test]
fn the_toolbar_is_not_searchable_text() {
    let html = render("```python\nprint(1)\n```\n", "#/t/x/").html;
    let text = mianshiti_playground::search::html_text::extract_html(&html).plain;
    assert!(!text.contains("运行"), "{text}");
    assert!(text.contains("print(1)"), "{text}");
}

#[test]
fn run_requests_are_json_the_worker_reads() {
    let req: serde_json::Value =
        serde_json::from_str(&run_request(7, "print(\"中\")\n", "a\nb")).unwrap();
    assert_eq!(req["id"], 7);
    assert_eq!(req["code"], "print(\"中\")\n");
    assert_eq!(req["stdin"], serde_json::json!(["a\n", "b\n"]));
}

fn result(json: &str) -> RunResult {
    match parse_message(json) {
        Ok(WorkerMessage::Result(r)) => r,
        other => panic!("not a result: {other:?}"),
    }
}

#[test]
fn worker_messages_parse_and_bad_ones_say_so_in_chinese() {
    assert_eq!(
        parse_message(r#"{"type":"progress","received":10,"total":100}"#),
        Ok(WorkerMessage::Progress {
            received: 10,
            total: 100
        })
    );
    assert_eq!(
        parse_message(r#"{"type":"ready","python":"CPython 3.14.2 · Pyodide 314.0.7","ms":3500}"#),
        Ok(WorkerMessage::Ready {
            python: "CPython 3.14.2 · Pyodide 314.0.7".into(),
            ms: 3500.0,
            heap: 0
        })
    );
    assert!(matches!(
        parse_message(r#"{"type":"error","message":"boom"}"#),
        Ok(WorkerMessage::Error { .. })
    ));
    let err = parse_message("{\"type\":\"nope\"}").unwrap_err();
    assert!(
        err.starts_with("Python 运行环境发来无法识别的消息"),
        "{err}"
    );
    assert!(parse_message("not json").is_err());
}

#[test]
fn output_keeps_write_order_marks_stderr_and_splits_off_the_exception_line() {
    let r = result(
        r#"{"type":"result","id":1,"output":[[0,"a"],[0,"b\n"],[1,"warn\n"],[0,"c"]],
            "raises":"NameError","traceback":"Traceback (most recent call last):\n  File \"<block>\", line 3, in <module>\nNameError: name 'x' is not defined\n",
            "truncated":false,"fatal":false,"ms":1.5,"python":"CPython 3.14.2 · Pyodide 314.0.7"}"#,
    );
    assert_eq!(
        pieces(&r),
        [
            Piece::Stdout("ab\n".into()),
            Piece::Stderr("warn\n".into()),
            Piece::Stdout("c\n".into()),
            Piece::Traceback(
                "Traceback (most recent call last):\n  File \"<block>\", line 3, in <module>\n"
                    .into()
            ),
            Piece::ExceptionLine("NameError: name 'x' is not defined".into()),
        ]
    );
    assert_eq!(
        status_text(&r),
        "引发 NameError · 用时 1.5 毫秒 · CPython 3.14.2 · Pyodide 314.0.7"
    );
}

#[test]
fn output_is_capped_with_a_note_and_a_fatal_error_says_python_restarts() {
    let big = "x".repeat(150_000);
    let json = serde_json::json!({
        "type": "result", "id": 2, "output": [[0, big], [1, big]], "raises": null,
        "traceback": null, "truncated": false, "fatal": true, "ms": 3.0, "python": "P",
    })
    .to_string();
    let p = pieces(&result(&json));
    let chars: usize = p
        .iter()
        .map(|piece| match piece {
            Piece::Stdout(s) | Piece::Stderr(s) => s.chars().count(),
            _ => 0,
        })
        .sum();
    assert_eq!(chars, 200_000);
    assert_eq!(p[p.len() - 2], Piece::Note(TRUNCATED_TEXT.into()));
    assert_eq!(p[p.len() - 1], Piece::Note(FATAL_TEXT.into()));
    assert_eq!(
        status_text(&result(&json)),
        "解释器已退出 · 用时 3.0 毫秒 · P"
    );
    // The worker's own cut is shown too.
    let cut = result(
        r#"{"type":"result","id":3,"output":[[0,"x"]],"raises":null,"traceback":null,"truncated":true,"fatal":false,"ms":1,"python":"P"}"#,
    );
    assert_eq!(
        pieces(&cut).last(),
        Some(&Piece::Note(TRUNCATED_TEXT.into()))
    );
    assert_eq!(status_text(&cut), "完成 · 用时 1.0 毫秒 · P");
}

#[test]
fn progress_and_durations_read_well() {
    assert_eq!(
        progress_text(3_200_000, 13_531_207),
        "正在下载 Python 运行环境（约 6.4 MB）… 23%"
    );
    assert_eq!(
        progress_text(99_000_000, 13_531_207),
        "正在下载 Python 运行环境（约 6.4 MB）… 100%"
    );
    assert_eq!(
        progress_text(1_000_000, 0),
        "正在下载 Python 运行环境（约 6.4 MB）… 已下载 1.0 MB"
    );
    assert_eq!(
        editor_cache_text(400_000),
        "代码编辑器（CodeMirror）另占 390.6 KB，“删除”时一并删除。"
    );
    assert_eq!(ms_text(0.84), "0.8 毫秒");
    assert_eq!(ms_text(12.4), "12 毫秒");
    assert_eq!(ms_text(1250.0), "1.25 秒");
}

#[test]
fn a_result_without_its_id_is_refused() {
    let err = parse_message(r#"{"type":"result","output":[],"ms":1,"python":"P"}"#).unwrap_err();
    assert!(err.contains("结果缺少 id"), "{err}");
}

#[test]
fn stdin_box_text_becomes_the_lines_input_reads() {
    assert!(
        stdin_lines("").is_empty(),
        "no lines: the first input() raises EOFError"
    );
    assert_eq!(stdin_lines("张三\n18"), ["张三\n", "18\n"]);
    assert_eq!(stdin_lines("a\r\nb\rc\n"), ["a\n", "b\n", "c\n"]);
    // A blank line is an empty answer; only the one final line break ends nothing.
    assert_eq!(stdin_lines("\n"), ["\n"]);
    assert_eq!(stdin_lines("a\n\n"), ["a\n", "\n"]);
    assert_eq!(stdin_lines(&"x".repeat(300_000)).concat().len(), 100_001);
    assert_eq!(stdin_label(""), "标准输入");
    assert_eq!(stdin_label("1\n2\n"), "标准输入（2 行）");
}

#[test]
fn the_time_limit_defaults_to_5_s_and_stays_within_1_to_60() {
    assert_eq!(TIME_LIMIT_DEFAULT_S, 5);
    assert_eq!(
        (
            time_limit_s(0),
            time_limit_s(1),
            time_limit_s(30),
            time_limit_s(600)
        ),
        (5, 1, 30, 60)
    );
    assert!(timeout_text(2).starts_with("运行超过 2 秒，已停止。"));
    assert_eq!(ReviewSettings::default().py_time_limit_s, 5);
    // Stored with the settings; a store written before the field existed reads as 5 s, an
    // out-of-range value is clamped, and the default is not written at all.
    let doc = |limit: &str| {
        format!(
            r#"{{"schema_version":3,"topics":{{}},"review_settings":{{"new_per_day":20,"reviews_per_day":200,"updated_at":1{limit}}}}}"#
        )
    };
    let limit = |text: &str| match parse_import(text, &[]) {
        Ok(i) => i.store.review_settings.py_time_limit_s,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(limit(&doc("")), 5);
    assert_eq!(limit(&doc(r#","py_time_limit_s":12"#)), 12);
    assert_eq!(limit(&doc(r#","py_time_limit_s":3600"#)), 60);
    assert_eq!(
        limit(&doc(r#","py_time_limit_s":"x""#)),
        5,
        "a bad value: defaults"
    );
    let json = serde_json::to_string(&ReviewSettings::default()).unwrap();
    assert!(!json.contains("py_time_limit_s"), "{json}");
}

#[test]
fn a_traceback_points_at_the_innermost_line_of_the_block() {
    let tb = "Traceback (most recent call last):\n  File \"<block>\", line 7, in <module>\n    f()\n  File \"<block>\", line 3, in f\n    print(x)\n  File \"/lib/python3.14/x.py\", line 99, in g\nNameError: name 'x' is not defined\n";
    assert_eq!(error_line(tb), Some(3));
    assert_eq!(
        error_line("  File \"<block>\", line 12\n    def f(:\nSyntaxError: invalid syntax\n"),
        Some(12)
    );
    assert_eq!(error_line("NameError: x\n"), None);
    let code = "def f():\n    y = 1\n    print(x)\n";
    assert_eq!(
        error_line_text(code, 3).as_deref(),
        Some("出错位置：代码块第 3 行　print(x)")
    );
    assert_eq!(error_line_text(code, 9), None);
    assert_eq!(error_line_text(code, 0), None);
}

#[test]
fn asyncio_without_stack_switching_is_explained_and_sample_files_are_named() {
    let r = result(
        r#"{"type":"result","id":1,"output":[],"raises":"RuntimeError",
            "traceback":"Traceback (most recent call last):\nRuntimeError: WebAssembly stack switching not supported in this JavaScript runtime\n",
            "samples":["example.txt"],"heap":20971520,"ms":1,"python":"p"}"#,
    );
    assert!(explanation(&r).is_some_and(|t| t.contains("JSPI") && t.contains("asyncio")));
    assert_eq!(
        (r.samples.as_slice(), r.heap),
        (["example.txt".to_string()].as_slice(), 20_971_520)
    );
    let plain = result(
        r#"{"type":"result","id":1,"raises":"RuntimeError","traceback":"RuntimeError: x\n"}"#,
    );
    assert_eq!(explanation(&plain), None);
    assert_eq!(samples_text(&[]), None);
    let note = samples_text(&["project/".into(), "example.txt".into()]).unwrap();
    assert!(
        note.starts_with("示例数据：project/、example.txt"),
        "{note}"
    );
}

#[test]
fn only_the_block_that_waits_on_asyncio_carries_the_hidden_jspi_note() {
    let needing: Vec<String> = notes_blocks()
        .iter()
        .filter(|(_, _, code)| toolbar_html(code).contains("py-needs-jspi"))
        .map(|(slug, i, _)| format!("{slug}/{i}"))
        .collect();
    assert_eq!(needing, ["generator-coroutine-future/0"]);
    assert!(needs_stack_switching(
        "import asyncio\nasyncio.run(main())\n"
    ));
    assert!(!needs_stack_switching(
        "import asyncio\nasync def f(): pass\n"
    ));
    assert!(!needs_stack_switching("# asyncio.run(x)\n"));
    let html = toolbar_html("import asyncio\nasyncio.run(main())\n");
    assert!(html.contains("<span class=\"py-cannot py-needs-jspi\" hidden>这个浏览器不支持 WebAssembly 栈切换（JSPI）"), "{html}");
}
