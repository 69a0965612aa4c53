//! The one input language (literals plus `range`, `list`, `tuple`, `set`, `frozenset`,
//! `dict`) in every field that takes a Python value; explanations that fit the result they
//! stand under; defaults that show each exercise's point; error messages cut into code parts.

use super::run_map;
use mianshiti_playground::exercises::panel::{code_segments, input_language_help, takes_literal};
use mianshiti_playground::exercises::parse::{parse_literal, CONSTRUCTORS};
use mianshiti_playground::exercises::{catalogue, run};

#[track_caller]
fn repr(text: &str) -> String {
    parse_literal(text)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .repr()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn constructors_build_what_cpython_builds() {
    // Each line: python3 -c "print(repr(<text>))" (PYTHONHASHSEED=0 for the str sets).
    for (text, want) in [
        ("range(3)", "[0, 1, 2]"),
        ("list(range(3))", "[0, 1, 2]"),
        ("list('ab')", "['a', 'b']"),
        ("list({'a': 1, 'b': 2})", "['a', 'b']"),
        ("list()", "[]"),
        ("tuple([1])", "(1,)"),
        ("tuple(range(2, 8, 3))", "(2, 5)"),
        ("set()", "set()"),
        ("set([3, 1, 2, 1])", "{1, 2, 3}"),
        ("set([8, 16, 0])", "{8, 16, 0}"),
        ("set(range(-2, 2))", "{0, 1, -2, -1}"),
        ("frozenset()", "frozenset()"),
        ("frozenset([2, 1])", "frozenset({1, 2})"),
        ("{frozenset({1})}", "{frozenset({1})}"),
        ("{1, True, 1.0}", "{1}"),
        ("{-1, -2}", "{-1, -2}"),
        ("set('abc')", "{'c', 'a', 'b'}"),
        ("dict()", "{}"),
        ("dict(a=1, b=2)", "{'a': 1, 'b': 2}"),
        ("dict([('a', 1), ('a', 2), ('b', 3)])", "{'a': 2, 'b': 3}"),
        ("dict({'x': 1}, y=2)", "{'x': 1, 'y': 2}"),
        ("dict(['ab', 'cd'])", "{'a': 'b', 'c': 'd'}"),
        (
            "[set(), frozenset(), {1: {2}}]",
            "[set(), frozenset(), {1: {2}}]",
        ),
    ] {
        assert_eq!(repr(text), want, "{text}");
    }
}

#[test]
fn constructor_errors_are_cpythons() {
    for (text, want) in [
        ("set([[1]])", "TypeError: unhashable type: 'list'"),
        ("list(5)", "TypeError: 'int' object is not iterable"),
        (
            "list(1, 2)",
            "TypeError: list expected at most 1 argument, got 2",
        ),
        (
            "dict([1])",
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence",
        ),
        (
            "dict(['abc'])",
            "ValueError: dictionary update sequence element #0 has length 3; 2 is required",
        ),
        (
            "tuple(a=1)",
            "TypeError: tuple() takes no keyword arguments",
        ),
        (
            "range()",
            "TypeError: range expected at least 1 argument, got 0",
        ),
        (
            "range(1.5)",
            "TypeError: 'float' object cannot be interpreted as an integer",
        ),
        (
            "range(1, 2, 0)",
            "ValueError: range() arg 3 must not be zero",
        ),
        (
            "dict(a=1, a=2)",
            "SyntaxError: keyword argument repeated: a",
        ),
    ] {
        let e = parse_literal(text).expect_err(text);
        assert!(e.message.contains(want), "{text}: {}", e.message);
        assert!(e.position.is_some(), "{text}: no position");
    }
}

/// One input per literal field, written with the constructors, that the port must run
/// without an input error.
const EVERY_FIELD: &[(&str, &str, &str)] = &[
    ("sort_dict_by_value", "d", "dict(b=2, a=1)"),
    ("list_slice", "seq", "range(10)"),
    ("set_ops", "a", "set(range(5))"),
    ("set_ops", "b", "frozenset(list((3, 4, 9)))"),
    ("remove_while_iterating", "list", "list(range(9))"),
    ("merge_sorted_lists", "l1", "list(range(3))"),
    ("merge_sorted_lists", "l2", "list(tuple([1, 5]))"),
    ("closure_late_binding", "n", "4"),
    ("closure_late_binding", "x", "list(range(2))"),
    ("topk_word_freq", "k", "None"),
    ("topk_word_freq", "block_size", "7"),
    ("topk_word_freq", "block_num", "3"),
    ("shuffle", "list", "list(range(10))"),
    ("shuffle", "seed", "7"),
    ("most_frequent", "data", "list((1, 2, 2))"),
    ("bloom_vs_bitmap", "add", "list(('a', 'b'))"),
    ("bloom_vs_bitmap", "delete", "list()"),
    ("bloom_vs_bitmap", "query", "tuple(['a', 'z'])"),
];

#[test]
fn every_literal_field_accepts_the_input_language() {
    for info in catalogue() {
        for f in info.fields {
            let listed = EVERY_FIELD
                .iter()
                .find(|(e, n, _)| *e == info.id && *n == f.name);
            assert_eq!(
                takes_literal(info.id, f.name),
                listed.is_some(),
                "{}.{}: takes_literal and this table disagree",
                info.id,
                f.name
            );
            let Some((id, name, text)) = listed else {
                continue;
            };
            let got = run_map(id, &[(name, text)]);
            assert!(got.is_ok(), "{id}.{name} = {text}: {got:?}");
            // And a constructor form the field does not expect is a Python error or an input
            // error about the type, never a parse error about the syntax.
            if let Err(e) = run(id, &[(name, "list(range(2))")]) {
                assert!(
                    !e.message.contains("不是字面量"),
                    "{id}.{name}: {}",
                    e.message
                );
            }
        }
    }
    let (intro, rows) = input_language_help();
    assert!(intro.contains("字面量") && rows.len() == CONSTRUCTORS.len());
    for (example, _) in CONSTRUCTORS {
        for part in example.split('、') {
            assert!(
                parse_literal(part).is_ok(),
                "help example {part} must parse"
            );
        }
    }
}

#[test]
fn list_slice_slices_a_range_into_a_range() {
    let got = run_map("list_slice", &[("seq", "range(10)"), ("slice", "2:8:2")]).unwrap();
    assert_eq!(got["result"], "range(2, 8, 2)");
    assert_eq!(got["indices"], "(2, 8, 2)");
    let got = run_map(
        "list_slice",
        &[("seq", "range(1, 20, 3)"), ("slice", "::-1")],
    )
    .unwrap();
    assert_eq!(got["result"], "range(19, -2, -3)");
    let got = run_map("list_slice", &[("seq", "range(5)"), ("slice", "1:3")]).unwrap();
    assert_eq!(got["result"], "range(1, 3)");
    let got = run_map("list_slice", &[("seq", "range(5)"), ("slice", "7")]).unwrap();
    assert_eq!(
        got["result"],
        "!IndexError: range object index out of range"
    );
    let got = run_map("list_slice", &[("seq", "range(10**3)"), ("slice", "1")]);
    assert!(got.is_err(), "range(10**3) is not a literal: {got:?}");
    let got = run_map("list_slice", &[("seq", "range(0, 10**0)"), ("slice", "1")]);
    assert!(got.is_err());
    let got = run_map(
        "list_slice",
        &[("seq", "range(3, 1000000000000)"), ("slice", "-1")],
    )
    .unwrap();
    assert_eq!(got["result"], "999999999999");
}

#[test]
fn notes_fit_the_result_they_stand_under() {
    let sections = run("sort_dict_by_value", &[("d", "{'a': 1, 'b': 'x'}")]).unwrap();
    let expected = sections.iter().find(|s| s.key == "expected").unwrap();
    assert!(expected.is_exception);
    let note = expected.note.as_deref().unwrap();
    assert!(
        !note.contains("稳定"),
        "a TypeError is not explained by stable sorting: {note}"
    );
    assert!(note.contains("TypeError"));
    let ok = run("sort_dict_by_value", &[]).unwrap();
    assert!(ok[0].note.as_deref().unwrap().contains("稳定"));
    // Every exception section of every port, on inputs that make each raise, carries a note
    // that is not the success explanation.
    for (id, fields) in [
        ("merge_sorted_lists", vec![("l1", "[1]"), ("l2", "['a']")]),
        ("closure_late_binding", vec![("x", "None")]),
        ("remove_while_iterating", vec![("list", "[None]")]),
        ("list_slice", vec![("seq", "[1]"), ("slice", "::0")]),
    ] {
        let raised = run(id, &fields).unwrap();
        let fine = run(id, &[]).unwrap();
        for s in raised.iter().filter(|s| s.is_exception) {
            let twin = fine.iter().find(|t| t.key == s.key && !t.is_exception);
            if let (Some(n), Some(t)) = (&s.note, twin) {
                assert_ne!(
                    Some(n),
                    t.note.as_ref(),
                    "{id}.{}: same note under a value and an exception",
                    s.key
                );
            }
        }
    }
}

#[test]
fn defaults_show_each_exercises_point() {
    // remove_while: the naive forward removal differs from the correct result.
    let d = run_map("remove_while_iterating", &[]).unwrap();
    assert_ne!(d["naive_forward_remove"], d["list_comprehension"]);
    // top-k: both block methods of the notes cut words in two by default.
    let d = run_map("topk_word_freq", &[]).unwrap();
    assert_ne!(d["method1_blocks"], d["expected"]);
    assert_ne!(d["method2_blocks"], d["expected"]);
    // ...and the fixed chunked count beside them equals the whole-text count.
    assert_eq!(d["chunked_correct"], d["expected"]);
    for size in ["1", "2", "3", "5", "-1", "0", "100"] {
        let d = run_map(
            "topk_word_freq",
            &[("text", "ab cd, efg hij\nkl ab"), ("block_size", size)],
        )
        .unwrap();
        assert_eq!(d["chunked_correct"], d["expected"], "block_size {size}");
    }
    // str_to_int: the loop and int() disagree on the default.
    let d = run_map("str_to_int", &[]).unwrap();
    assert_ne!(d["seed_loop"], d["python_int"]);
    // merge: the notes' function returns None; closure: every call gives the same value.
    let d = run_map("merge_sorted_lists", &[]).unwrap();
    assert_eq!(d["seed_literal"], "None");
    let d = run_map("closure_late_binding", &[]).unwrap();
    assert_eq!(d["list_comprehension"], "[9, 9, 9, 9]");
    // sort_dict: 方案一 returns a list, not the sorted dict.
    let d = run_map("sort_dict_by_value", &[]).unwrap();
    assert!(d["seed_method1"].starts_with('['));
    // set_ops prints sets.
    let d = run_map("set_ops", &[]).unwrap();
    assert_eq!(d["&"], "{3, 4, 5}");
}

#[test]
fn field_labels_do_not_show_parameter_names() {
    for info in catalogue() {
        for f in info.fields {
            assert_ne!(f.label, f.name, "{}.{}", info.id, f.name);
            assert!(
                !f.label.contains(f.name) || f.name.chars().count() < 2,
                "{}.{}: label {} names the parameter",
                info.id,
                f.name,
                f.label
            );
        }
    }
}

#[test]
fn error_messages_split_into_code_parts() {
    assert_eq!(
        code_segments("期望 `,` 或 `]`，却遇到 `x`"),
        vec![
            (false, "期望 ".to_string()),
            (true, ",".to_string()),
            (false, " 或 ".to_string()),
            (true, "]".to_string()),
            (false, "，却遇到 ".to_string()),
            (true, "x".to_string()),
        ]
    );
    assert_eq!(code_segments("a ` b"), vec![(false, "a ` b".to_string())]);
    assert_eq!(code_segments("plain"), vec![(false, "plain".to_string())]);
    // Every parser message pairs its backticks.
    for text in [
        "[1, 2 x]",
        "`",
        "[1,",
        "{1: 2",
        "'abc",
        "1_",
        "foo",
        "range(1, 2, 0)",
    ] {
        let e = parse_literal(text).expect_err(text);
        assert_eq!(
            e.message.matches('`').count() % 2,
            0,
            "{text}: {}",
            e.message
        );
    }
}
