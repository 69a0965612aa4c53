//! No-panic properties: arbitrary text into the parser and every port, hostile inputs, and
//! chunked word counting equal to whole-text counting.

use mianshiti_playground::exercises::parse::parse_literal;
use mianshiti_playground::exercises::pyset::PySet;
use mianshiti_playground::exercises::pyvalue::PyValue;
use mianshiti_playground::exercises::{catalogue, run, WordCounter};
use proptest::prelude::*;

use super::IDS;

fn literalish() -> impl Strategy<Value = String> {
    // Mostly Python-ish tokens so the parser gets deep, plus arbitrary unicode.
    prop_oneof![
        prop::collection::vec(
            prop::sample::select(vec![
                "[",
                "]",
                "(",
                ")",
                "{",
                "}",
                ",",
                ":",
                "'",
                "\"",
                "\\",
                "1",
                "-",
                ".",
                "e",
                "_",
                "0x",
                "None",
                "True",
                "float('inf')",
                "range(3)",
                "range(",
                "list(",
                "tuple(",
                "set(",
                "frozenset(",
                "dict(",
                "a=",
                "=",
                "{1, 2}",
                "-1",
                "2305843009213693951",
                "'é\\u0301'",
                "😀",
                " ",
                "\n",
                "#",
                "r'",
                "1e5",
                "9999999999999999999999"
            ]),
            0..40
        )
        .prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics(s in literalish()) {
        let _ = parse_literal(&s);
    }

    #[test]
    fn every_port_never_panics(s in literalish(), field_idx in 0usize..4, id_idx in 0usize..10) {
        let id = IDS[id_idx];
        let info = catalogue().iter().find(|e| e.id == id).unwrap();
        let field = info.fields[field_idx % info.fields.len()].name;
        let _ = run(id, &[(field, s.as_str())]);
    }

    #[test]
    fn set_operations_never_panic(a in prop::collection::vec(-3000i64..3000, 0..120),
            b in prop::collection::vec(-3000i64..3000, 0..120),
            gone in prop::collection::vec(-3000i64..3000, 0..60)) {
        // Tables of every size with dummies, then every operator and a repr, both ways.
        let ints = |v: &[i64]| v.iter().map(|&i| PyValue::int(i * 8)).collect::<Vec<_>>();
        let mut x = PySet::from_items(&ints(&a)).unwrap();
        let y = PySet::from_items(&ints(&b)).unwrap();
        for g in ints(&gone) {
            x.discard(&g).unwrap();
        }
        for (l, r) in [(&x, &y), (&y, &x)] {
            for s in [l.union(r), l.intersection(r), l.difference(r), l.symmetric_difference(r), l.copy()] {
                let shown = s.repr(false).unwrap();
                let looks_like_a_set = shown.starts_with('{') || shown == "set()";
                prop_assert!(looks_like_a_set, "repr {}", shown);
            }
        }
    }

    #[test]
    fn chunked_counting_equals_whole(bytes in prop::collection::vec(
            prop_oneof![Just(b' '), Just(b'a'), Just(b'b'), Just(b'Z'), Just(b'_'), Just(b'1'), Just(0xC3u8), Just(0xA9u8), Just(0xE2), Just(0x80), Just(0x8D), Just(0xFF), any::<u8>()], 0..200),
        cuts in prop::collection::vec(0usize..200, 0..8)) {
        let mut whole = WordCounter::new();
        whole.feed(&bytes);
        let whole = whole.finish(None);
        let mut points: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
        points.sort();
        let mut chunked = WordCounter::new();
        let (mut last, mut fed) = (0, 0);
        for p in points.into_iter().chain([bytes.len()]) {
            chunked.feed(&bytes[last..p]);
            fed += p - last;
            last = p;
        }
        prop_assert_eq!(fed, bytes.len());
        prop_assert_eq!(chunked.finish(None), whole);
    }

    #[test]
    fn word_counter_matches_findall_on_valid_utf8(s in "[a-zA-Z _1é²\u{200d}'\\-\n]{0,60}", split in 0usize..60) {
        let words = mianshiti_playground::exercises::findall_words(&s);
        let mut wc = WordCounter::new();
        let b = s.as_bytes();
        let cut = split.min(b.len());
        wc.feed(&b[..cut]);
        wc.feed(&b[cut..]);
        let total: u64 = wc.finish(None).iter().map(|(_, c)| c).sum();
        prop_assert_eq!(total, words.len() as u64);
    }
}

#[test]
fn hostile_inputs_are_refused_or_handled() {
    let deep = "[".repeat(100_000);
    let big_digits = "7".repeat(1_000_000);
    let unterminated = "['abc, 1".to_string();
    let emoji = "['😀\u{301}\u{301}', 'e\u{301}']".to_string();
    for id in IDS {
        let info = catalogue().iter().find(|e| e.id == id).unwrap();
        for f in info.fields {
            for text in [&deep, &big_digits, &unterminated, &emoji] {
                let _ = run(id, &[(f.name, text.as_str())]);
            }
        }
    }
    assert!(run("merge_sorted_lists", &[("l1", &deep)]).is_err());
}
