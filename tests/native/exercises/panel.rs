//! The exercise panel's pure decisions (`exercises::panel`): initial inputs, output capping,
//! error excerpts.

use mianshiti_playground::exercises::find;
use mianshiti_playground::exercises::panel::{
    cap_output, error_excerpt, initial_inputs, link_params, MAX_LINK_BYTES, MAX_OUTPUT_CHARS,
};

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn initial_inputs_prefer_link_then_memory_then_defaults() {
    let info = find("merge_sorted_lists").unwrap();
    let defaults = pairs(&[
        ("l1", "[1, 2, 3, 4, 5, 6]"),
        ("l2", "[3, 4, 5, 6, 7, 8, 9, 10]"),
    ]);
    assert_eq!(initial_inputs(info, &[], None), defaults);
    // Remembered input fills the fields it has, in field order; unknown names are ignored.
    let memory = pairs(&[("l2", "[9]"), ("zz", "x")]);
    assert_eq!(
        initial_inputs(info, &[], Some(&memory)),
        pairs(&[("l1", "[1, 2, 3, 4, 5, 6]"), ("l2", "[9]")])
    );
    // A link wins over memory, and a field it leaves out takes the default, not memory.
    let link = pairs(&[("l1", "[7]"), ("l1", "[8]")]);
    assert_eq!(
        initial_inputs(info, &link, Some(&memory)),
        pairs(&[("l1", "[7]"), ("l2", "[3, 4, 5, 6, 7, 8, 9, 10]")])
    );
    // A link with only unknown parameters still counts as a link.
    assert_eq!(
        initial_inputs(info, &pairs(&[("x", "1")]), Some(&memory)),
        defaults
    );
}

#[test]
fn output_is_capped_by_characters() {
    assert_eq!(cap_output("[1, 2]"), "[1, 2]");
    let exact = "中".repeat(MAX_OUTPUT_CHARS);
    assert_eq!(cap_output(&exact), exact);
    let long = format!("{exact}尾巴");
    let capped = cap_output(&long);
    assert!(capped.starts_with(&exact));
    assert!(capped.ends_with(&format!(
        "\n…（输出共 {} 个字符，只显示前 {MAX_OUTPUT_CHARS} 个）",
        MAX_OUTPUT_CHARS + 2
    )));
    assert!(!capped.contains('尾'));
}

#[test]
fn error_excerpt_points_at_the_character() {
    assert_eq!(
        error_excerpt("[1, 2 x]", 7),
        ("[1, 2 x]".into(), "      ^".into())
    );
    assert_eq!(error_excerpt("abc", 1), ("abc".into(), "^".into()));
    // Only the offending line; the column counts from its start.
    assert_eq!(
        error_excerpt("[1,\n 2 x]", 8),
        (" 2 x]".into(), "   ^".into())
    );
    // Wide characters take two columns.
    assert_eq!(
        error_excerpt("'中文' x", 6),
        ("'中文' x".into(), "       ^".into())
    );
    // A long line is cut to 60 characters starting 30 before the error.
    let text = format!("{}x{}", "a".repeat(100), "b".repeat(100));
    let (line, caret) = error_excerpt(&text, 101);
    assert_eq!(line, format!("{}x{}", "a".repeat(30), "b".repeat(29)));
    assert_eq!(caret, format!("{}^", " ".repeat(30)));
}

#[test]
fn error_excerpt_never_panics_out_of_range() {
    assert_eq!(error_excerpt("", 0), (String::new(), "^".into()));
    // Just past the end (an unexpected end of input).
    assert_eq!(error_excerpt("ab", 3), ("ab".into(), "  ^".into()));
    assert_eq!(error_excerpt("ab", 50).1, "^");
    assert_eq!(error_excerpt("a\n", 3), (String::new(), "^".into()));
    assert_eq!(error_excerpt("\n\n\n", 2), (String::new(), "^".into()));
}

#[test]
fn share_links_carry_inputs_up_to_the_limit() {
    let small = pairs(&[("l1", "[1, 3]"), ("l2", "[2]")]);
    assert_eq!(link_params(&small), Some(&small[..]));
    let at_limit = vec![("a".to_string(), "x".repeat(MAX_LINK_BYTES))];
    assert!(link_params(&at_limit).is_some());
    // The limit is on the fields together, counted in bytes (a CJK character is 3).
    let over = pairs(&[
        ("a", &"x".repeat(MAX_LINK_BYTES / 2)),
        ("b", &"闭".repeat(700)),
    ]);
    assert_eq!(link_params(&over), None);
    assert_eq!(link_params(&[]), Some(&[][..]));
}

#[test]
fn long_outputs_are_shown_over_several_frames_short_ones_in_one() {
    use mianshiti_playground::exercises::panel::{frame_batches, FRAME_CHARS};
    // The notes' examples: everything in the first frame.
    assert_eq!(frame_batches(&[40, 40, 200, 40], FRAME_CHARS), vec![4]);
    assert_eq!(frame_batches(&[], FRAME_CHARS), vec![0]);
    // Four capped sections (remove-while-iterating on 10⁶ values): one per frame.
    let capped = cap_output(&"7".repeat(10 * MAX_OUTPUT_CHARS))
        .chars()
        .count();
    assert!(capped > FRAME_CHARS);
    assert_eq!(frame_batches(&[capped; 4], FRAME_CHARS), vec![1, 2, 3, 4]);
    // Small sections join the frame they fit in; a big one starts its own.
    assert_eq!(
        frame_batches(&[10, capped, 10, 10, capped, 5], FRAME_CHARS),
        vec![1, 2, 4, 5, 6]
    );
    assert_eq!(frame_batches(&[12_000, 8_000, 1], 20_000), vec![2, 3]);
}

/// The text of `src/exercises/default_output.rs` for the ports as they are now.
fn default_output_source() -> String {
    use mianshiti_playground::exercises::{catalogue, protocol::WireSection, run};
    let mut out = String::from(
        "//! GENERATED by `default_output_table_matches_the_ports` in `tests/native/exercises/panel.rs`\n\
         //! (`UPDATE_DEFAULT_OUTPUT=1 cargo test --test native -- default_output_table`): each\n\
         //! exercise's output for its notes' example inputs, as the engine worker answers it. The\n\
         //! page lays it out, hidden, while the worker starts, so the panel does not change height\n\
         //! when the first answer fills it in (`ui::exercise`).\n\n\
         use super::panel::ExampleSection;\n\n\
         /// Each exercise id's sections for the notes' example.\n\
         #[rustfmt::skip]\n\
         pub(super) const DEFAULT_OUTPUT: &[(&str, &[ExampleSection])] = &[\n",
    );
    for info in catalogue() {
        let inputs: Vec<(&str, &str)> = info.fields.iter().map(|f| (f.name, f.default)).collect();
        let Ok(sections) = run(info.id, &inputs) else {
            continue;
        };
        out.push_str(&format!("    ({:?}, &[\n", info.id));
        for s in sections.into_iter().map(WireSection::from) {
            let note = s.note.unwrap_or_default();
            out.push_str(&format!(
                "        ({:?}, {:?}, {:?}),\n",
                s.label, s.value, note
            ));
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    out
}

#[test]
fn default_output_table_matches_the_ports() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/exercises/default_output.rs"
    );
    let expected = default_output_source();
    if std::env::var_os("UPDATE_DEFAULT_OUTPUT").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "src/exercises/default_output.rs is out of date: rerun with UPDATE_DEFAULT_OUTPUT=1"
    );
    // What the page reads.
    use mianshiti_playground::exercises::panel::default_output;
    let merge = default_output("merge_sorted_lists");
    assert_eq!(merge[0].1, "[1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]");
    assert!(default_output("no_such_exercise").is_empty());
}

#[test]
fn a_typed_count_is_taken_or_refused_with_what_was_typed_never_clamped() {
    use mianshiti_playground::exercises::{parse_count, GENERATE_MAX};
    assert_eq!(parse_count(" 250 ", GENERATE_MAX), Ok(250));
    assert_eq!(parse_count("1000000", GENERATE_MAX), Ok(1_000_000));
    assert_eq!(
        parse_count("1000001", GENERATE_MAX),
        Err("「1000001」超过上限 1000000".to_string())
    );
    assert_eq!(
        parse_count("99999999999999999999999", 1000),
        Err("「99999999999999999999999」超过上限 1000".to_string())
    );
    assert_eq!(parse_count("0", 1000), Err("至少为 1".to_string()));
    assert_eq!(
        parse_count("", 1000),
        Err("请输入 1 到 1000 之间的整数".to_string())
    );
    assert_eq!(
        parse_count("1e5", 1000),
        Err("「1e5」不是整数：请输入 1 到 1000 之间的整数".to_string())
    );
    assert_eq!(parse_count("-3", 1000), Err("至少为 1".to_string()));
    assert_eq!(
        parse_count("3.5", 1000),
        Err("「3.5」不是整数：请输入 1 到 1000 之间的整数".to_string())
    );
}
