//! Hand-picked cases, one line each.

use super::run_map;
use mianshiti_playground::exercises::parse::parse_literal;
use mianshiti_playground::exercises::pyvalue::{repr_float, repr_str};
use mianshiti_playground::exercises::{
    catalogue, find, generate, merge_sorted_i64, run, WordCounter,
};

#[track_caller]
fn check(id: &str, fields: &[(&str, &str)], key: &str, expected: &str) {
    let got = run_map(id, fields).unwrap_or_else(|e| panic!("{id} {fields:?}: {e}"));
    assert_eq!(
        got.get(key).map(String::as_str),
        Some(expected),
        "{id} {fields:?} -> {got:?}"
    );
}

#[track_caller]
fn check_input_error(id: &str, fields: &[(&str, &str)], needle: &str) {
    match run(id, fields) {
        Ok(s) => panic!("{id} {fields:?}: expected an input error, got {s:?}"),
        Err(e) => assert!(
            e.message.contains(needle),
            "{id}: message {:?} lacks {needle:?}",
            e.message
        ),
    }
}

#[track_caller]
fn check_repr(literal: &str, expected: &str) {
    let v = parse_literal(literal).unwrap_or_else(|e| panic!("{literal}: {e:?}"));
    assert_eq!(v.repr().unwrap(), expected, "repr of {literal}");
}

#[test]
fn literal_round_trips() {
    check_repr("[1, 2, 3]", "[1, 2, 3]");
    check_repr("(1,)", "(1,)");
    check_repr("()", "()");
    check_repr("1, 2", "(1, 2)");
    check_repr("{'a': 1, 'a': 2, 'b': 3}", "{'a': 2, 'b': 3}");
    check_repr("{1: 'x', True: 'y', 1.0: 'z'}", "{1: 'z'}");
    check_repr("{1, True, 1.0, 2}", "{1, 2}");
    check_repr("set()", "set()");
    check_repr(
        "[1e16, 1e-5, 1.5, 1e15, .5, 1., 0.0001, -0.0, 1_000.5]",
        "[1e+16, 1e-05, 1.5, 1000000000000000.0, 0.5, 1.0, 0.0001, -0.0, 1000.5]",
    );
    check_repr(
        "[float('inf'), float('-inf'), float('nan'), 1e400]",
        "[inf, -inf, nan, inf]",
    );
    check_repr("123456789012345678.0", "1.2345678901234568e+17");
    check_repr("[0x1F, 0o17, 0b101, 1_000, -0]", "[31, 15, 5, 1000, 0]");
    check_repr("\"it's\"", "\"it's\"");
    check_repr("'say \"hi\"'", "'say \"hi\"'");
    check_repr("'both \\' and \"'", "'both \\' and \"'");
    check_repr(
        "'\\x00\\x7f\\x80\\xa0\\xad\\u200b\\U0001F600 e\\u0301'",
        "'\\x00\\x7f\\x80\\xa0\\xad\\u200b😀 e\u{301}'",
    );
    check_repr("'a' \"b\" r'\\n'", "'ab\\\\n'");
    check_repr("'''x'y'''", "\"x'y\"");
    check_repr("[None, True, False]", "[None, True, False]");
    check_repr(
        "-340282366920938463463374607431768211456",
        "-340282366920938463463374607431768211456",
    );
}

#[test]
fn float_repr_matches_python() {
    for (f, s) in [
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (0.1 + 0.2, "0.30000000000000004"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (123.0, "123.0"),
        (-1.5e-7, "-1.5e-07"),
    ] {
        assert_eq!(repr_float(f), s);
    }
    assert_eq!(repr_str("a'b"), "\"a'b\"");
}

#[test]
fn parse_errors_are_chinese_with_columns() {
    let e = parse_literal("[1, 2 x]").unwrap_err();
    assert_eq!(e.position, Some(7));
    assert!(
        e.message.contains("第 7 个字符处")
            && e.message.contains("`,` 或 `]`")
            && e.message.contains("`x`"),
        "{}",
        e.message
    );
    let e = parse_literal("'abc").unwrap_err();
    assert!(e.message.contains("字符串没有结束"), "{}", e.message);
    assert!(parse_literal("007")
        .unwrap_err()
        .message
        .contains("leading zeros"));
    assert!(parse_literal(&"[".repeat(100_000))
        .unwrap_err()
        .message
        .contains("嵌套太深"));
    assert!(parse_literal(&"9".repeat(4301))
        .unwrap_err()
        .message
        .contains("4301 digits"));
    assert!(parse_literal(&"9".repeat(4300)).is_ok());
    assert!(parse_literal("{[1]: 2}")
        .unwrap_err()
        .message
        .contains("unhashable type: 'list'"));
    assert!(parse_literal("'\\ud800'")
        .unwrap_err()
        .message
        .contains("代理"));
    assert!(parse_literal("").unwrap_err().message.contains("输入为空"));
}

#[test]
fn ports_on_hand_picked_cases() {
    check(
        "merge_sorted_lists",
        &[],
        "merged",
        "[1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]",
    );
    check("merge_sorted_lists", &[], "seed_literal", "None");
    check(
        "merge_sorted_lists",
        &[("l1", "[1]"), ("l2", "[1.0]")],
        "merged",
        "[1.0, 1]",
    );
    check(
        "merge_sorted_lists",
        &[("l1", "range(0, 3)"), ("l2", "[1]")],
        "merged",
        "[0, 1, 1, 2]",
    );
    check("reverse_number", &[("n", "-1000")], "reversed", "-1");
    check("reverse_number", &[("n", "١٢٣")], "reversed", "321");
    check(
        "reverse_number",
        &[("n", "0x1F")],
        "int",
        "!ValueError: invalid literal for int() with base 10: '0x1F'",
    );
    check("day_of_year", &[("date", "2024-1-5")], "day", "5");
    check("day_of_year", &[("date", "１９９９-01-01")], "day", "1");
    check(
        "day_of_year",
        &[("date", "0000-01-01")],
        "day",
        "!ValueError: year 0 is out of range",
    );
    check(
        "day_of_year",
        &[("date", "2024-01-32")],
        "day",
        "!ValueError: unconverted data remains: 2",
    );
    check("day_of_year", &[("date", "2024-01- 5")], "day", "5");
    check(
        "list_slice",
        &[("slice", "1:10")],
        "result",
        "['b', 'c', 'd', 'e']",
    );
    check(
        "list_slice",
        &[("slice", "-1:-6:-1")],
        "indices",
        "(4, -1, -1)",
    );
    check(
        "list_slice",
        &[("slice", "1.5:")],
        "result",
        "!TypeError: slice indices must be integers or None or have an __index__ method",
    );
    check(
        "list_slice",
        &[("seq", "(1, 2, 3)"), ("slice", "1:2")],
        "result",
        "(2,)",
    );
    check(
        "list_slice",
        &[("seq", "'中文😀abc'"), ("slice", "1:4")],
        "result",
        "'文😀a'",
    );
    check(
        "list_slice",
        &[("slice", "10")],
        "result",
        "!IndexError: list index out of range",
    );
    check(
        "list_slice",
        &[("slice", "::-100000000000000000000000000000")],
        "indices",
        "(4, -1, -100000000000000000000000000000)",
    );
    check("set_ops", &[("a", "[1.0]"), ("b", "[1]")], "&", "{1}");
    check("set_ops", &[("a", "[1.0]"), ("b", "[1]")], "|", "{1.0}");
    check(
        "set_ops",
        &[("a", "[8, 16, 0]"), ("b", "[]")],
        "|",
        "{8, 16, 0}",
    );
    check(
        "set_ops",
        &[("a", "[-1, -2, 2305843009213693951, 0]"), ("b", "{0}")],
        "list1-list2",
        "{2305843009213693951, -1, -2}",
    );
    check(
        "set_ops",
        &[("a", "[[1]]")],
        "set1",
        "!TypeError: unhashable type: 'list'",
    );
    check("str_to_int", &[("s", "-123")], "seed_loop", "-2877");
    check("str_to_int", &[("s", "１２３")], "seed_loop", "7242651");
    check(
        "remove_while_iterating",
        &[("list", "[2, 4, 6, 8]")],
        "naive_forward_remove",
        "[4, 8]",
    );
    check(
        "remove_while_iterating",
        &[("list", "[2, 2, 2, 3]")],
        "naive_forward_remove",
        "[2, 3]",
    );
    check(
        "remove_while_iterating",
        &[("list", "['a']")],
        "method1_reverse_index",
        "!TypeError: not all arguments converted during string formatting",
    );
    check(
        "remove_while_iterating",
        &[("list", "['%d']")],
        "method1_reverse_index",
        "['%d']",
    );
    check(
        "closure_late_binding",
        &[("n", "3"), ("x", "[1]")],
        "generator_lazy",
        "[[], [1], [1, 1]]",
    );
    check(
        "closure_late_binding",
        &[("n", "0"), ("x", "None")],
        "list_comprehension",
        "[]",
    );
    check(
        "topk_word_freq",
        &[("text", "我爱python编程 café x ab² a\u{200d}b c")],
        "expected",
        "[('x', 1), ('a', 1), ('b', 1), ('c', 1)]",
    );
    check(
        "topk_word_freq",
        &[("block_num", "0")],
        "method2_blocks",
        "!ZeroDivisionError: integer division or modulo by zero",
    );
    check_input_error("nope", &[], "没有这个练习");
    check_input_error("merge_sorted_lists", &[("l1", "[1, 2 x]")], "第 7 个字符处");
    check_input_error("closure_late_binding", &[("n", "10**9")], "");
}

#[test]
fn catalogue_is_complete() {
    let ids = super::IDS;
    let group_a = super::ports_a::IDS_A;
    assert_eq!(
        catalogue().len(),
        ids.len() + group_a.len() + super::ports_b::IDS.len()
    );
    for id in ids.into_iter().chain(group_a) {
        let info = find(id).unwrap_or_else(|| panic!("missing {id}"));
        assert!(
            !info.python().is_empty() && !info.fields.is_empty() && !info.topic_slug.is_empty()
        );
        // Defaults must run without input errors.
        assert!(run(id, &[]).is_ok(), "{id} default inputs");
        if info.supports_generate() {
            let g = generate(id, 50, 7).unwrap_or_else(|| panic!("{id} generate"));
            let pairs: Vec<(&str, &str)> = g.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert!(run(id, &pairs).is_ok(), "{id} generated inputs");
        } else {
            assert!(generate(id, 5, 1).is_none());
        }
        // The file picker counts words: only the word-frequency exercise takes a file.
        assert_eq!(info.takes_file, id == "topk_word_freq", "{id} takes_file");
    }
}

#[test]
fn generated_inputs_are_deterministic_and_sized() {
    for info in catalogue().iter().filter(|i| i.supports_generate()) {
        let a = generate(info.id, 200, 3).unwrap_or_default();
        assert_eq!(Some(&a), generate(info.id, 200, 3).as_ref(), "{}", info.id);
        assert_ne!(Some(&a), generate(info.id, 200, 4).as_ref(), "{}", info.id);
        for (name, _) in &a {
            assert!(
                info.fields.iter().any(|f| f.name == *name),
                "{} {name}",
                info.id
            );
        }
    }
    let merged = generate("merge_sorted_lists", 3, 1).unwrap_or_default();
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0].1.matches(", ").count(), 2);
    let text = generate("topk_word_freq", 5, 1).unwrap_or_default();
    assert_eq!(text[0].1.split_whitespace().count(), 5);
}

#[test]
fn merge_i64_and_word_counter() {
    assert_eq!(
        merge_sorted_i64(&[1, 3, 5], &[1, 2, 6, 7]),
        vec![1, 1, 2, 3, 5, 6, 7]
    );
    assert_eq!(merge_sorted_i64(&[], &[2]), vec![2]);
    let mut wc = WordCounter::new();
    for chunk in "b a c b a c d café".as_bytes().chunks(3) {
        wc.feed(chunk);
    }
    assert_eq!(
        wc.finish(Some(2)),
        vec![("b".to_string(), 2), ("a".to_string(), 2)]
    );
}

/// The run table (`runners.rs`) and the info table (`registry.rs`) list the same exercises in
/// the same order, and `generates` says exactly which have a generator.
#[test]
fn runners_match_the_catalogue() {
    let infos: Vec<(&str, bool)> = catalogue().iter().map(|i| (i.id, i.generates)).collect();
    let runners: Vec<(&str, bool)> = mianshiti_playground::exercises::runner_ids().collect();
    assert_eq!(infos, runners);
}
