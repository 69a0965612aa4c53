//! Differential tests of CPython's set order (src/exercises/pyset) against `python3` run with
//! `PYTHONHASHSEED=0` (tests/pyref/pyset_ref.py): generated sets of ints (negative, colliding
//! like -1/-2, multiples of 2**61 - 1, past 64 bits), floats, bools, strs, tuples, None and
//! NaN; growth past the resize thresholds; discards; every operator.

use mianshiti_playground::exercises::parse::parse_literal;
use mianshiti_playground::exercises::pyset::{py_hash, PySet};
use mianshiti_playground::exercises::pyvalue::PyValue;
use mianshiti_playground::exercises::rng::Rng;
use serde_json::{Map, Value};

/// One element's source text.
fn element(rng: &mut Rng, kinds: u64) -> String {
    let ints = [
        "-1",
        "-2",
        "0",
        "1",
        "2",
        "7",
        "8",
        "16",
        "-8",
        "31",
        "32",
        "2305843009213693951",
        "4611686018427387902",
        "-2305843009213693951",
        "2305843009213693952",
        "18446744073709551616",
        "9223372036854775807",
        "-9223372036854775808",
        "1267650600228229401496703205376",
    ];
    let floats = [
        "0.5",
        "1.5",
        "-0.0",
        "2.0",
        "1e300",
        "5e-324",
        "float('inf')",
        "float('-inf')",
        "0.1",
        "-2.5",
        "1e16",
        "123456.789",
    ];
    let strs = [
        "''",
        "'a'",
        "'b'",
        "'ab'",
        "'hello'",
        "'abcdefgh'",
        "'abcdefghi'",
        "'é'",
        "'ÿ'",
        "'中'",
        "'中文字符串'",
        "'😀'",
        "'a😀'",
        "'\\x00'",
        "'Ā'",
    ];
    match rng.below(kinds) {
        0 => rng.range_i64(-40, 40).to_string(),
        1 => ints[rng.below(ints.len() as u64) as usize].to_string(),
        2 => (rng.range_i64(-1000, 1000) * 8).to_string(),
        3 => floats[rng.below(floats.len() as u64) as usize].to_string(),
        4 => format!("{}.25", rng.range_i64(-50, 50)),
        5 => ["True", "False"][rng.below(2) as usize].to_string(),
        6 => format!(
            "({}, {})",
            rng.range_i64(-3, 3),
            ["'x'", "1.5", "(1,)", "-1", "()"][rng.below(5) as usize]
        ),
        7 => strs[rng.below(strs.len() as u64) as usize].to_string(),
        8 => format!("'s{}'", rng.below(1000)),
        _ => ["None", "float('nan')", "(None, 1)"][rng.below(3) as usize].to_string(),
    }
}

fn list(rng: &mut Rng, n: usize, kinds: u64) -> String {
    let items: Vec<String> = (0..n).map(|_| element(rng, kinds)).collect();
    format!("[{}]", items.join(", "))
}

type Case = Map<String, Value>;

fn case(rng: &mut Rng, n: usize, kinds: u64) -> Case {
    let a = list(rng, n, kinds);
    let nb = n / 2 + rng.below(n as u64 + 2) as usize;
    let b = list(rng, nb, kinds);
    let nd = rng.below(n as u64 / 2 + 2) as usize;
    let discard = list(rng, nd, kinds);
    let na = rng.below(n as u64 / 3 + 2) as usize;
    let add = list(rng, na, kinds);
    let d_items: Vec<String> = (0..n)
        .map(|i| format!("{}: {i}", element(rng, kinds)))
        .collect();
    let lit: Vec<String> = (0..n.max(1)).map(|_| element(rng, kinds)).collect();
    let mut m = Map::new();
    for (k, v) in [
        ("a", a),
        ("b", b),
        ("discard", discard),
        ("add", add),
        ("d", format!("{{{}}}", d_items.join(", "))),
        ("lit", format!("{{{}}}", lit.join(", "))),
    ] {
        m.insert(k.into(), Value::String(v));
    }
    m
}

fn python(cases: &[Case]) -> Vec<Map<String, Value>> {
    super::diff::python_json_lines("pyset_ref.py", &[], cases.to_vec())
}

fn items(text: &str) -> Vec<PyValue> {
    match parse_literal(text) {
        Ok(PyValue::List(x)) => x,
        other => panic!("{text}: {other:?}"),
    }
}

fn unstable(v: &PyValue) -> bool {
    match v {
        PyValue::None => true,
        PyValue::Float(f) => f.is_nan(),
        PyValue::Tuple(x) | PyValue::FrozenSet(x) => x.iter().any(unstable),
        _ => false,
    }
}

/// What pyset_ref.py's `show` prints for a set.
fn show(s: &PySet, frozen: bool, members: bool) -> String {
    let values = s.values();
    if members || values.iter().any(unstable) {
        let mut reprs: Vec<String> = values.iter().map(|v| v.repr().expect("repr")).collect();
        reprs.sort();
        return format!(
            "~{}",
            PyValue::List(reprs.into_iter().map(PyValue::Str).collect())
                .repr()
                .expect("repr")
        );
    }
    s.repr(frozen).expect("repr")
}

fn rust(c: &Case) -> Map<String, Value> {
    let text = |k: &str| c[k].as_str().expect("str").to_string();
    let members = c.contains_key("members");
    let show = |s: &PySet, frozen: bool| show(s, frozen, members);
    let a_items = items(&text("a"));
    let mut a = PySet::from_items(&a_items).expect("a");
    let b = PySet::from_items(&items(&text("b"))).expect("b");
    for x in items(&text("discard")) {
        a.discard(&x).expect("discard");
    }
    for x in items(&text("add")) {
        a.add(x).expect("add");
    }
    let frozen = parse_literal(&format!("frozenset({})", text("a"))).expect("frozenset");
    let frozen_set = PySet::from_iterable(&frozen).expect("frozen");
    let d = PySet::from_iterable(&parse_literal(&text("d")).expect("d")).expect("set(d)");
    let lit = parse_literal(&text("lit")).expect("lit");
    let lit_set = PySet::from_iterable(&lit).expect("lit");
    let lit_shown = if members || lit_set.values().iter().any(unstable) {
        show(&lit_set, false)
    } else {
        lit.repr().expect("repr")
    };
    let frozen_shown = if members || frozen_set.values().iter().any(unstable) {
        show(&frozen_set, true)
    } else {
        frozen.repr().expect("repr")
    };
    let hashes: Vec<Value> = a_items
        .iter()
        .filter(|v| !unstable(v))
        .map(|v| Value::from(py_hash(v).expect("hash")))
        .collect();
    let mut m = Map::new();
    for (k, v) in [
        ("A", show(&a, false)),
        ("B", show(&b, false)),
        ("A|B", show(&a.union(&b), false)),
        ("B|A", show(&b.union(&a), false)),
        ("A&B", show(&a.intersection(&b), false)),
        ("B&A", show(&b.intersection(&a), false)),
        ("A-B", show(&a.difference(&b), false)),
        ("B-A", show(&b.difference(&a), false)),
        ("A^B", show(&a.symmetric_difference(&b), false)),
        ("B^A", show(&b.symmetric_difference(&a), false)),
        ("set(A)", show(&a.copy(), false)),
        ("frozenset(a)", frozen_shown),
        ("set(d)", show(&d, false)),
        ("lit", lit_shown),
    ] {
        m.insert(k.into(), Value::String(v));
    }
    m.insert("hashes".into(), Value::Array(hashes));
    m
}

fn compare(label: &str, cases: Vec<Case>) -> usize {
    let py = python(&cases);
    let mut failures = Vec::new();
    for (c, want) in cases.iter().zip(&py) {
        let got = rust(c);
        for (k, w) in want {
            if got.get(k) != Some(w) {
                let cut = |s: String| s.chars().take(400).collect::<String>();
                failures.push(format!(
                    "{label} {k}: case {}\n  python {}\n  rust   {}",
                    cut(Value::Object(c.clone()).to_string()),
                    cut(w.to_string()),
                    cut(format!("{:?}", got.get(k)))
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ; first:\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "pyset {label}: {} cases × {} sets match CPython",
        cases.len(),
        14
    );
    cases.len()
}

#[test]
fn set_order_numbers_and_tuples_match_cpython() {
    let mut rng = Rng::new(16);
    let cases = (0..400)
        .map(|i| {
            case(
                &mut rng,
                [0, 1, 3, 4, 5, 6, 12, 18, 19, 20, 40, 76, 77, 78, 150][i % 15],
                7,
            )
        })
        .collect();
    compare("numbers", cases);
}

#[test]
fn set_order_strings_match_cpython_with_hashseed_0() {
    let mut rng = Rng::new(17);
    let cases = (0..300)
        .map(|i| case(&mut rng, [1, 4, 5, 9, 19, 30, 77, 100][i % 8], 9))
        .collect();
    compare("strings", cases);
}

#[test]
fn set_members_with_none_and_nan_match_cpython() {
    let mut rng = Rng::new(18);
    let cases = (0..100)
        .map(|i| {
            let mut c = case(&mut rng, [2, 5, 20][i % 3], 10);
            c.insert("members".into(), Value::Bool(true));
            c
        })
        .collect();
    compare("none-nan", cases);
}

#[test]
fn set_order_past_large_resizes_matches_cpython() {
    // 307 → 1228 slots, 1228 → 4912, and past 50,000 elements the growth switches to used * 2.
    let mut rng = Rng::new(19);
    let cases = [308, 1229, 4913, 50_001, 60_000]
        .iter()
        .map(|&n| case(&mut rng, n, 3))
        .collect();
    compare("large", cases);
}
