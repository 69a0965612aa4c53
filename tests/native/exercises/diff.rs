//! Differential tests: random inputs run through both the Rust port and the notes' Python code
//! (tests/pyref/ref.py) in one python3 process per exercise; results must match exactly.

use super::gen::*;
use super::run_map;
use mianshiti_playground::exercises::rng::Rng;
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

pub(crate) type Case = Vec<(&'static str, String)>;

fn python(script: &str, id: &str, cases: &[Case]) -> Vec<Map<String, Value>> {
    let input: Vec<Map<String, Value>> = cases
        .iter()
        .map(|c| {
            c.iter()
                .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
                .collect()
        })
        .collect();
    python_json_lines(script, &[id], input)
}

/// Runs `python3 tests/pyref/<script> <args>` with `PYTHONHASHSEED=0` (sets of strings print
/// in hash order; the ports reproduce that seed), one JSON object per line in and out.
pub(super) fn python_json_lines(
    script: &str,
    args: &[&str],
    input: Vec<Map<String, Value>>,
) -> Vec<Map<String, Value>> {
    let path = format!("{}/tests/pyref/{script}", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("python3")
        .arg(&path)
        .args(args)
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is required for the differential tests (CI has it)");
    let mut stdin = child.stdin.take().expect("stdin");
    let n = input.len();
    let writer = std::thread::spawn(move || {
        for m in input {
            let _ = writeln!(stdin, "{}", Value::Object(m));
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    let out: Vec<Map<String, Value>> = BufReader::new(stdout)
        .lines()
        .map(|l| match serde_json::from_str(&l.expect("read")) {
            Ok(Value::Object(m)) => m,
            other => panic!("bad python output: {other:?}"),
        })
        .collect();
    writer.join().expect("writer");
    let status = child.wait().expect("wait");
    assert!(status.success(), "python3 {script} {args:?} failed");
    assert_eq!(out.len(), n, "python3 {script} {args:?}: output count");
    out
}

pub(super) fn compare(id: &str, cases: Vec<Case>) {
    compare_with("ref.py", id, cases);
}

/// Runs all cases through the port and through `tests/pyref/<script>`; panics on a mismatch
/// (an input the reference itself rejects must be an input error in Rust too).
pub(crate) fn compare_with(script: &str, id: &str, cases: Vec<Case>) {
    let py = python(script, id, &cases);
    let mut passed = 0;
    let mut skipped = 0;
    let mut failures = Vec::new();
    for (case, want) in cases.iter().zip(&py) {
        let fields: Vec<(&str, &str)> = case.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert!(!want.is_empty(), "python returned no sections for {case:?}");
        if let Some(err) = want.get("__input_error__") {
            // Python could not even evaluate the input; Rust must refuse it as an input error too.
            if run_map(id, &fields).is_ok() {
                failures.push(format!(
                    "{case:?}: python rejected input ({err}) but Rust accepted it"
                ));
            } else {
                skipped += 1;
            }
            continue;
        }
        match run_map(id, &fields) {
            Err(e) => failures.push(format!("{case:?}: Rust input error {e}; python {want:?}")),
            Ok(got) => {
                let mut ok = true;
                for (k, v) in want {
                    let v = v.as_str().unwrap_or_default();
                    if got.get(k).map(String::as_str) != Some(v) {
                        ok = false;
                        failures.push(format!(
                            "{case:?}\n    key {k}: python {v:?}\n    rust   {:?}",
                            got.get(k)
                        ));
                    }
                }
                if ok {
                    passed += 1;
                }
            }
        }
    }
    eprintln!(
        "diff {id}: {passed}/{} (plus {skipped} inputs both sides reject)",
        cases.len() - skipped
    );
    if !failures.is_empty() {
        let n = failures.len();
        failures.truncate(15);
        panic!(
            "diff {id}: {n} mismatches, first ones:\n{}",
            failures.join("\n")
        );
    }
}

const N: usize = 1500;

#[test]
fn diff_merge_sorted_lists() {
    let mut rng = Rng::new(1);
    let mut cases = Vec::new();
    for _ in 0..N {
        let kind = rng.below(6);
        let mk = |rng: &mut Rng| -> String {
            let n = rng.below(8) as usize;
            match kind {
                0 => list_of(rng, n, &mut |r| str_text(r)),
                1 => list_of(rng, n, &mut |r| scalar_text(r)),
                2 => list_of(rng, n, &mut |r| float_text(r)),
                _ => {
                    let mut v: Vec<i64> = (0..n).map(|_| rng.range_i64(-20, 20)).collect();
                    if rng.below(4) != 0 {
                        v.sort();
                    }
                    let texts: Vec<String> = v
                        .iter()
                        .map(|x| {
                            if *x == 1 && rng.below(3) == 0 {
                                "True".into()
                            } else {
                                x.to_string()
                            }
                        })
                        .collect();
                    format!("[{}]", texts.join(", "))
                }
            }
        };
        let a = mk(&mut rng);
        let b = mk(&mut rng);
        cases.push(vec![("l1", a), ("l2", b)]);
    }
    compare("merge_sorted_lists", cases);
}

#[test]
fn diff_reverse_number() {
    let mut rng = Rng::new(2);
    let mut cases = Vec::new();
    for i in 0..N {
        let t = match rng.below(8) {
            0 => pick(
                &mut rng,
                &[
                    "",
                    " ",
                    "-0",
                    "+0",
                    "007",
                    "-120",
                    "1_000",
                    "1__0",
                    "_1",
                    "1_",
                    "0x1F",
                    "12.5",
                    "abc",
                    "１２３",
                    "١٢٣",
                    "\u{3000}42\u{3000}",
                    "\u{1c}5",
                    "5\u{0}",
                    "- 5",
                    "+-5",
                    "\t-9\n",
                    "٣",
                ],
            )
            .to_string(),
            1 => "9".repeat(4299 + rng.below(3) as usize),
            2 => format!(
                "{}{}",
                "0".repeat(rng.below(3) as usize),
                int_text(&mut rng)
            ),
            3 => format!(" {} ", int_text(&mut rng)),
            _ => int_text(&mut rng),
        };
        let t = if i % 97 == 0 {
            format!("{}x", "1".repeat(250))
        } else {
            t
        };
        cases.push(vec![("n", t)]);
    }
    compare("reverse_number", cases);
}

#[test]
fn diff_sort_dict_by_value() {
    let mut rng = Rng::new(3);
    let mut cases = Vec::new();
    for _ in 0..N {
        let n = if rng.below(20) == 0 {
            64 + rng.below(40) as usize
        } else {
            rng.below(9) as usize
        };
        let mode = rng.below(5);
        let mut items = Vec::new();
        for _ in 0..n {
            let key = match rng.below(8) {
                0 => int_text(&mut rng),
                1 => pick(
                    &mut rng,
                    &["''", "'a'", "'中'", "(1, 2)", "(1,)", "None", "1.5"],
                )
                .to_string(),
                _ => {
                    let len = 1 + rng.below(3) as usize;
                    let s: String = (0..len)
                        .map(|_| pick(&mut rng, &["a", "b", "c", "z", "A", "é", "子", "😀"]))
                        .collect();
                    format!("'{s}'")
                }
            };
            let key = if n > 20 {
                format!("'k{}'", rng.below(1000))
            } else {
                key
            };
            let val = match (mode, n > 20) {
                (_, true) => rng.range_i64(-50, 50).to_string(),
                (0, _) => scalar_text(&mut rng),
                (1, _) => float_text(&mut rng),
                (2, _) => str_text(&mut rng),
                _ => pick(&mut rng, &["1", "2", "True", "0", "2.0", "-1", "3"]).to_string(),
            };
            items.push(format!("{key}: {val}"));
        }
        cases.push(vec![("d", format!("{{{}}}", items.join(", ")))]);
    }
    compare("sort_dict_by_value", cases);
}

#[test]
fn diff_day_of_year() {
    let mut rng = Rng::new(4);
    let mut cases = Vec::new();
    for _ in 0..N {
        let y = rng.range_i64(0, 9999);
        let m = rng.range_i64(0, 13);
        let d = rng.range_i64(0, 32);
        let t = match rng.below(8) {
            0 => format!("{y:04}-{m}-{d}"),
            1 => format!(
                "{y:04}-{m:02}-{d:02}{}",
                pick(&mut rng, &["", "T10:00", " ", "x", "0"])
            ),
            2 => pick(
                &mut rng,
                &[
                    "2024-02-29",
                    "2023-02-29",
                    "1900-02-29",
                    "2000-02-29",
                    "10000-01-01",
                    " 2024-01-01",
                    "2024/01/01",
                    "２０２４-01-01",
                    "2024-01- 5",
                    "2024-1-",
                    "2024-12-",
                    "2024-001-01",
                    "99-01-01",
                    "2024-01-3１",
                    "2024-01-1١",
                    "",
                    "0000-01-01",
                    "0001-01-01",
                    "9999-12-31",
                    "2024-1-31x",
                    "it's",
                ],
            )
            .to_string(),
            _ => format!("{y:04}-{m:02}-{d:02}"),
        };
        cases.push(vec![("date", t)]);
    }
    compare("day_of_year", cases);
}

#[test]
fn diff_list_slice() {
    let mut rng = Rng::new(5);
    let mut cases = Vec::new();
    for _ in 0..N {
        let n = rng.below(7) as usize;
        let seq = match rng.below(6) {
            0 => str_text(&mut rng),
            1 => format!(
                "({}{})",
                (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", "),
                if n == 1 { "," } else { "" }
            ),
            2 => pick(
                &mut rng,
                &[
                    "{1: 'a', 'b': 2}",
                    "5",
                    "None",
                    "{1, 2}",
                    "'中文😀abc'",
                    "'e\\u0301x'",
                    "range(10)",
                    "range(2, 20, 3)",
                    "range(10, -5, -2)",
                    "range(5, 5)",
                    "range(-3, 100000000000)",
                ],
            )
            .to_string(),
            _ => list_of(&mut rng, n, &mut |r| scalar_text(r)),
        };
        let part = |rng: &mut Rng| -> String {
            match rng.below(9) {
                0 | 1 => String::new(),
                2 => pick(
                    rng,
                    &[
                        "True",
                        "False",
                        "None",
                        "1.5",
                        "'a'",
                        "100000000000000000000000000000",
                        "-100000000000000000000000000000",
                        "0",
                    ],
                )
                .to_string(),
                _ => rng.range_i64(-8, 8).to_string(),
            }
        };
        let sl = match rng.below(5) {
            0 => part(&mut rng),
            1 => format!("{}:{}", part(&mut rng), part(&mut rng)),
            _ => format!("{}:{}:{}", part(&mut rng), part(&mut rng), part(&mut rng)),
        };
        let sl = if sl.trim().is_empty() {
            "0".to_string()
        } else {
            sl
        };
        cases.push(vec![("seq", seq), ("slice", sl)]);
    }
    compare("list_slice", cases);
}

#[test]
fn diff_set_ops() {
    let mut rng = Rng::new(6);
    let mut cases = Vec::new();
    let pool = [
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "-1",
        "1.0",
        "2.5",
        "True",
        "False",
        "'a'",
        "'b'",
        "'中'",
        "(1, 2)",
        "(2, 1)",
        // None and NaN hash by address in CPython 3.11, so their order is not reproducible:
        // tests/native/exercises/pyset_diff.rs compares their members only.
        "18446744073709551616",
        "-0.0",
        "float('inf')",
    ];
    for i in 0..N {
        let mk = |rng: &mut Rng| {
            // Every tenth case is long enough to resize the table (5 and 19 elements).
            let n = rng.below(if i % 10 == 0 { 40 } else { 8 }) as usize;
            let numeric_only = rng.below(2) == 0;
            list_of(rng, n, &mut |r| {
                if numeric_only {
                    pick(r, &pool[..10]).to_string()
                } else {
                    pick(r, &pool).to_string()
                }
            })
        };
        let mut a = mk(&mut rng);
        let b = mk(&mut rng);
        if i % 50 == 0 {
            a = "[[1], 2]".into();
        }
        cases.push(vec![("a", a), ("b", b)]);
    }
    compare("set_ops", cases);
}

#[test]
fn diff_str_to_int() {
    let mut rng = Rng::new(7);
    let mut cases = Vec::new();
    let pool = [
        "0", "1", "5", "9", "-", "+", " ", "_", "a", "Z", ".", "１", "٣", "中", "😀", "\u{0}",
        "\u{3000}", "\n", "e\u{301}",
    ];
    for i in 0..N {
        let n = rng.below(12) as usize;
        let mut s: String = (0..n).map(|_| pick(&mut rng, &pool)).collect();
        if i % 100 == 0 {
            s = "9".repeat(4299 + rng.below(4) as usize);
        }
        if i % 3 == 0 {
            s = int_text(&mut rng);
        }
        cases.push(vec![("s", s)]);
    }
    compare("str_to_int", cases);
}

#[test]
fn diff_remove_while_iterating() {
    let mut rng = Rng::new(8);
    let mut cases = Vec::new();
    for i in 0..N {
        let n = if i % 25 == 0 {
            200
        } else {
            rng.below(10) as usize
        };
        let mode = rng.below(4);
        let list = list_of(&mut rng, n, &mut |r| match mode {
            0 => pick(r, &["0", "1", "2", "3", "2", "4"]).to_string(),
            1 => pick(
                r,
                &[
                    "2.0",
                    "2.5",
                    "-3",
                    "-4",
                    "-3.0",
                    "True",
                    "False",
                    "float('nan')",
                    "float('inf')",
                    "1e300",
                    "-0.0",
                    "18446744073709551616",
                ],
            )
            .to_string(),
            2 => pick(
                r,
                &[
                    "1", "2", "'%d'", "'a'", "'%%'", "'%s%s'", "'%'", "'%q'", "None", "[2]",
                    "(2,)", "'%(a)s'", "'%*d'", "'%.*f'", "'%5.2f'", "'%c'",
                ],
            )
            .to_string(),
            _ => r.range_i64(-6, 6).to_string(),
        });
        let list = if i % 40 == 0 {
            format!("range({}, {})", rng.range_i64(-3, 3), rng.range_i64(0, 20))
        } else {
            list
        };
        cases.push(vec![("list", list)]);
    }
    compare("remove_while_iterating", cases);
}

#[test]
fn diff_closure_late_binding() {
    let mut rng = Rng::new(9);
    let mut cases = Vec::new();
    for _ in 0..N {
        let n = pick(
            &mut rng,
            &["-1", "0", "1", "2", "3", "4", "5", "True", "False"],
        )
        .to_string();
        let x = match rng.below(3) {
            0 => pick(
                &mut rng,
                &[
                    "None",
                    "[1]",
                    "(1, 'a')",
                    "[]",
                    "''",
                    "{1: 2}",
                    "{1}",
                    "True",
                    "2.5",
                    "float('inf')",
                    "float('nan')",
                    "-0.0",
                ],
            )
            .to_string(),
            _ => scalar_text(&mut rng),
        };
        cases.push(vec![("n", n), ("x", x)]);
    }
    compare("closure_late_binding", cases);
}

#[test]
fn diff_topk_word_freq() {
    let mut rng = Rng::new(10);
    let mut cases = Vec::new();
    let pool = [
        "the",
        "The",
        "fox",
        "hello",
        "world",
        " ",
        " ",
        " ",
        "\n",
        "\r\n",
        "\r",
        "'",
        "don't",
        "e-mail",
        "abc123",
        "_x",
        "café",
        "naïve",
        "ab²",
        "a\u{200d}b",
        "我爱python编程",
        "ＡＢＣ",
        ".",
        ",",
        "x",
        "Ünïcode",
        "ß",
        "1",
        "\u{feff}",
        "ﬁ",
        "Ⅻ",
        "½",
        "a\u{301}",
        "😀",
    ];
    for _ in 0..N {
        let n = rng.below(25) as usize;
        let text: String = (0..n).map(|_| pick(&mut rng, &pool)).collect();
        let k = pick(&mut rng, &["None", "0", "-1", "1", "2", "3", "10", "True"]).to_string();
        let bs = pick(&mut rng, &["1", "2", "3", "5", "7", "0", "-1", "100000000"]).to_string();
        let bn = pick(&mut rng, &["0", "1", "2", "3", "10", "-1", "1000"]).to_string();
        cases.push(vec![
            ("text", text),
            ("k", k),
            ("block_size", bs),
            ("block_num", bn),
        ]);
    }
    compare("topk_word_freq", cases);
}
