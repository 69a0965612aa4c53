//! The P2 ports of group A (c3_mro, redis_cluster_slot, most_frequent, defaultdict_demo,
//! http_status, url_parts, redis_zset): their vectors from tests/data/vectors, differential
//! runs against python3 (through tests/pyref/ref_ports_a.py), unit cases and no-panic properties.

use super::diff::{compare, Case};
use super::run_map;
use mianshiti_playground::exercises::rng::Rng;
use mianshiti_playground::exercises::{catalogue, run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The group's ids, in registry order.
pub(crate) const IDS_A: [&str; 7] = [
    "c3_mro",
    "redis_cluster_slot",
    "most_frequent",
    "defaultdict_demo",
    "http_status",
    "url_parts",
    "redis_zset",
];

fn vectors(file: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vectors")
        .join(format!("{file}.jsonl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}: {e}")))
        .collect()
}

fn get(id: &str, fields: &[(&str, &str)]) -> BTreeMap<String, String> {
    run_map(id, fields).unwrap_or_else(|e| panic!("{id} {fields:?}: {e}"))
}

fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.below(xs.len() as u64) as usize]
}

// ---- c3_mro ----

#[test]
fn c3_mro_vectors() {
    let mut n = 0;
    for v in vectors("c3_mro") {
        let input = v["input"].as_str().unwrap();
        let got = get("c3_mro", &[("classes", input)]);
        match &v["expected"] {
            Value::Array(names) => {
                let want: Vec<String> = names
                    .iter()
                    .map(|s| format!("'{}'", s.as_str().unwrap()))
                    .collect();
                assert_eq!(got["mro"], format!("[{}]", want.join(", ")), "{input}");
            }
            _ => assert_eq!(
                got["mro"],
                format!("!{}", v["error"].as_str().unwrap()),
                "{input}"
            ),
        }
        if let (Some(classic), false) = (
            v.get("python2_classic_class_mro").and_then(Value::as_str),
            got["mro"].starts_with('!'),
        ) {
            assert_eq!(got["classic"], classic, "{input}");
        }
        n += 1;
    }
    assert_eq!(n, 8);
}

#[test]
fn c3_mro_steps_errors_and_syntax() {
    let got = get("c3_mro", &[]);
    assert_eq!(got["mro"], "['D', 'B', 'C', 'A', 'object']");
    assert_eq!(got["classic"], "['D', 'B', 'A', 'C']");
    let steps = &got["steps"];
    assert!(
        steps.starts_with("L[D] = [D] + merge(L[B], L[C], [B, C])\n"),
        "{steps}"
    );
    assert!(
        steps.contains("= [D] + merge([B, A, object], [C, A, object], [B, C])"),
        "{steps}"
    );
    assert!(
        steps.contains("A 在 [C, A, object] 的尾部，跳过"),
        "{steps}"
    );
    assert!(steps.ends_with("= [D, B, C, A, object]"), "{steps}");
    let dup = get("c3_mro", &[("classes", "A; B(A, A)")]);
    assert_eq!(dup["mro"], "!TypeError: duplicate base class A");
    let bad = get(
        "c3_mro",
        &[("classes", "X; Y; A(X, Y); B(Y, X); C(A, B); D(C)")],
    );
    assert!(bad["mro"].contains("for bases X, Y"));
    assert!(bad["steps"].contains("没有可以取出的表头"));
    // `class` keyword and `: pass` accepted; newlines separate.
    let kw = get(
        "c3_mro",
        &[("classes", "class A: pass\nclass B(A):\nclass C(B, A): ...")],
    );
    assert_eq!(kw["mro"], "['C', 'B', 'A', 'object']");
    for bad in ["A(", "1A", "A; B(A B)", "class", "", " ; ", "A; B(A,,)"] {
        let e = run("c3_mro", &[("classes", bad)]).expect_err(bad);
        assert_eq!(e.field, "classes");
        assert!(e.position.is_some(), "{bad}");
    }
    // A deep ladder of diamonds stays fast (the classic walk skips seen subtrees).
    let mut text = String::from("C0; D0");
    for i in 1..150 {
        text.push_str(&format!("; C{i}(C{p}, D{p}); D{i}(D{p}, C{p})", p = i - 1));
    }
    let t = std::time::Instant::now();
    let _ = run("c3_mro", &[("classes", &text)]);
    assert!(t.elapsed().as_secs() < 2);
}

#[test]
fn diff_c3_mro() {
    let mut rng = Rng::new(31);
    let names = ["A", "B", "C", "D", "E", "F", "G", "object", "Zé"];
    let mut cases: Vec<Case> = Vec::new();
    for _ in 0..1500 {
        let n = 1 + rng.below(7) as usize;
        let mut defined: Vec<&str> = Vec::new();
        let mut stmts = Vec::new();
        for _ in 0..n {
            let name = pick(&mut rng, &names[..7]);
            let k = rng.below(4) as usize;
            let mut bases = Vec::new();
            for _ in 0..k {
                let b = if !defined.is_empty() && rng.below(12) != 0 {
                    defined[rng.below(defined.len() as u64) as usize]
                } else {
                    pick(&mut rng, &names)
                };
                bases.push(b);
            }
            stmts.push(if bases.is_empty() && rng.below(2) == 0 {
                name.to_string()
            } else {
                format!("{name}({})", bases.join(", "))
            });
            defined.push(name);
        }
        cases.push(vec![(
            "classes",
            stmts.join(pick(&mut rng, &["; ", ";", "\n"])),
        )]);
    }
    compare("c3_mro", cases);
}

// ---- redis_cluster_slot ----

#[test]
fn redis_cluster_slot_vectors() {
    let vs = vectors("redis_cluster_slot");
    for v in &vs {
        let key = v["input"].as_str().unwrap();
        let got = get("redis_cluster_slot", &[("key", key)]);
        let want = format!("(integer) {}", v["expected"].as_str().unwrap());
        assert_eq!(got["slot"], want, "{key}");
    }
    assert_eq!(vs.len(), 6);
    let got = get("redis_cluster_slot", &[("key", "123456789")]);
    assert_eq!(got["crc16"], "0x31C3", "the CRC16/XMODEM check value");
    assert_eq!(get("redis_cluster_slot", &[])["hashed"], "user1000");
}

#[test]
fn diff_redis_cluster_slot() {
    let mut rng = Rng::new(32);
    let parts = [
        "{", "}", "user", "1000", "", "{}", "é", "张三", ":", ".", "\\", "\"", " ", "\t", "😀",
    ];
    let cases: Vec<Case> = (0..2000)
        .map(|_| {
            let n = rng.below(7);
            let key: String = (0..n).map(|_| pick(&mut rng, &parts)).collect();
            vec![("key", key)]
        })
        .collect();
    compare("redis_cluster_slot", cases);
}

// ---- most_frequent ----

#[test]
fn most_frequent_vectors_and_ties() {
    let vs = vectors("most_frequent");
    for v in &vs {
        let input = v["input"].as_str().unwrap();
        let got = get("most_frequent", &[("data", input)]);
        let want = match v["expected"].as_str() {
            Some(s) => s.to_string(),
            None => format!("!{}", v["error"].as_str().unwrap()),
        };
        assert_eq!(got["most_common"], want, "{input}");
    }
    assert_eq!(vs.len(), 5);
    let d = get("most_frequent", &[]);
    assert_eq!(
        d["most_common"], "[('b', 2)]",
        "the default shows the tie rule"
    );
    assert_eq!(d["counter"], "Counter({'b': 2, 'a': 2, 'c': 1})");
    assert!(d["mapreduce"].contains("Shuffle"));
    let merged = get("most_frequent", &[("data", "[1, 1.0, True, 2]")]);
    assert_eq!(merged["most_common"], "[(1, 3)]");
    assert_eq!(
        get("most_frequent", &[("data", "None")])["counter"],
        "Counter()"
    );
    assert_eq!(get("most_frequent", &[("data", "[]")])["most_common"], "[]");
    assert!(run("most_frequent", &[("data", "{1, 2}")]).is_err());
}

#[test]
fn diff_most_frequent() {
    use super::gen::{list_of, scalar_text, str_text};
    let mut rng = Rng::new(33);
    let mut cases: Vec<Case> = Vec::new();
    for i in 0..1500 {
        let n = rng.below(12) as usize;
        let text = match i % 6 {
            0 => list_of(&mut rng, n, &mut |r| r.below(4).to_string()),
            1 => list_of(&mut rng, n, &mut |r| {
                pick(
                    r,
                    &[
                        "1",
                        "1.0",
                        "True",
                        "2",
                        "0",
                        "False",
                        "None",
                        "'a'",
                        "(1, 2)",
                        "(1, [2])",
                        "[1]",
                        "float('nan')",
                    ],
                )
                .to_string()
            }),
            2 => list_of(&mut rng, n, &mut |r| scalar_text(r)),
            3 => format!(
                "'{}'",
                (0..n)
                    .map(|_| pick(&mut rng, &["a", "b", "é", " ", "张"]))
                    .collect::<String>()
            ),
            4 => format!(
                "{{{}}}",
                (0..n)
                    .map(|k| format!(
                        "'k{k}': {}",
                        pick(&mut rng, &["1", "2", "2.5", "-1", "'x'", "None", "True"])
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => list_of(&mut rng, n, &mut |r| str_text(r)),
        };
        cases.push(vec![("data", text)]);
    }
    compare("most_frequent", cases);
}

// ---- defaultdict_demo ----

#[test]
fn defaultdict_demo_vectors_and_missing_key() {
    let vs = vectors("defaultdict_wordcount");
    for v in &vs {
        let input = v["input"].as_str().unwrap();
        let got = get("defaultdict_demo", &[("text", input)]);
        assert_eq!(
            got["word_count"],
            v["expected"].as_str().unwrap(),
            "{input:?}"
        );
    }
    assert_eq!(vs.len(), 4);
    let got = get("defaultdict_demo", &[("text", "python a")]);
    assert_eq!(got["read_missing"], "0");
    assert_eq!(
        got["after_read"],
        "defaultdict(<class 'int'>, {'python': 1, 'a': 1, 'python_': 0})"
    );
    let zw = get("defaultdict_demo", &[("text", "a\u{200b}b\u{3000}c")]);
    assert_eq!(zw["words"], "['a\\u200bb', 'c']");
    assert_eq!(
        get("defaultdict_demo", &[("text", "")])["word_count"],
        "defaultdict(<class 'int'>, {})"
    );
}

#[test]
fn diff_defaultdict_demo() {
    let mut rng = Rng::new(34);
    let pieces = [
        "the", "a", "A", "python", "python_", "狐狸", "it's", "\"q\"", "\\", "e\u{301}", "\u{7f}",
        " ", "  ", "\t", "\n", "\r\n", "\u{3000}", "\u{a0}", "\u{85}", "\u{1c}", "\u{1f}",
        "\u{200b}", "\u{2028}", "\u{202f}", "\u{180e}", "\u{feff}", "\u{2007}", "\u{0b}",
    ];
    let cases: Vec<Case> = (0..2000)
        .map(|_| {
            let n = rng.below(14);
            vec![(
                "text",
                (0..n).map(|_| pick(&mut rng, &pieces)).collect::<String>(),
            )]
        })
        .collect();
    compare("defaultdict_demo", cases);
}

// ---- http_status ----

#[test]
fn http_status_vectors_and_notes() {
    let vs = vectors("http_status");
    for v in &vs {
        let input = v["input"].as_str().unwrap();
        let got = get("http_status", &[("code", input)]);
        let want = &v["expected"];
        match want["class"].as_str() {
            Some(c) => assert_eq!(got["class"], c, "{input}"),
            None => assert!(got["class"].contains("不属于"), "{input}"),
        }
        match want["seed_description"].as_str() {
            Some(d) => assert_eq!(got["seed"], d, "{input}"),
            None => assert!(got["seed"].contains("没有列出"), "{input}"),
        }
        let phrase = want["python_phrase"].as_str().unwrap();
        let phrase = if phrase.starts_with("ValueError") {
            format!("!{phrase}")
        } else {
            phrase.to_string()
        };
        assert_eq!(got["phrase"], phrase, "{input}");
    }
    assert_eq!(vs.len(), 9);
    // Every description shown is the notes' own line for that code.
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/seed/000_f1efb83ef02286e6.txt"
    ))
    .unwrap();
    let mut listed = 0;
    for code in 100..600 {
        let got = get("http_status", &[("code", &code.to_string())]);
        if !got["seed"].contains("没有列出") {
            assert!(seed.contains(&format!("{code}：{}", got["seed"])), "{code}");
            listed += 1;
        }
    }
    assert_eq!(listed, 18);
}

#[test]
fn diff_http_status() {
    let mut rng = Rng::new(35);
    let mut cases: Vec<Case> = (-5..1000).map(|c| vec![("code", c.to_string())]).collect();
    for _ in 0..300 {
        let t = pick(
            &mut rng,
            &[
                " 404 ",
                "４０４",
                "+200",
                "2_00",
                "0x1F4",
                "abc",
                "",
                "404.0",
                "-0",
                "99999999999999999999999",
                "٤٠٤",
                "4__04",
            ],
        );
        cases.push(vec![("code", t.to_string())]);
    }
    compare("http_status", cases);
}

// ---- url_parts ----

/// A vector's expected field as the Rust section prints it (a repr, or `!ValueError: …`).
fn url_expect(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::String(s) if s.starts_with("ValueError") => format!("!{s}"),
        Value::String(s) => mianshiti_playground::exercises::pyvalue::repr_str(s),
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, vs)| {
                    let list: Vec<String> = vs
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| {
                            mianshiti_playground::exercises::pyvalue::repr_str(x.as_str().unwrap())
                        })
                        .collect();
                    format!(
                        "{}: [{}]",
                        mianshiti_playground::exercises::pyvalue::repr_str(k),
                        list.join(", ")
                    )
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[test]
fn url_parts_vectors() {
    let vs = vectors("url_parts");
    for v in &vs {
        let url = v["input"].as_str().unwrap();
        let got = get("url_parts", &[("url", url)]);
        let want = &v["expected"];
        let split = format!(
            "SplitResult(scheme={}, netloc={}, path={}, query={}, fragment={})",
            url_expect(&want["scheme"]),
            url_expect(&want["netloc"]),
            url_expect(&want["path"]),
            url_expect(&want["query"]),
            url_expect(&want["fragment"])
        );
        assert_eq!(got["split"], split, "{url}");
        for key in ["hostname", "username", "password", "port", "parse_qs"] {
            assert_eq!(got[key], url_expect(&want[key]), "{url} {key}");
        }
    }
    assert_eq!(vs.len(), 8);
    let d = get("url_parts", &[("url", "http://h")]);
    assert_eq!(d["port"], "None");
    assert!(d["effective_port"].starts_with("80"));
    let e = get("url_parts", &[("url", "http://h:99999/")]);
    assert_eq!(e["port"], "!ValueError: Port out of range 0-65535");
}

#[test]
fn url_parts_nfkc_list_matches_python() {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import unicodedata\nfor cp in range(0x80, 0x110000):\n    c = chr(cp)\n    n = unicodedata.normalize('NFKC', c)\n    if n != c and any(d in n for d in '/?#@:'):\n        print(cp)",
        ])
        .output()
        .expect("python3");
    let cps: Vec<u32> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(cps.len(), 19);
    for cp in cps {
        let c = char::from_u32(cp).unwrap();
        let got = get("url_parts", &[("url", &format!("http://a{c}b/"))]);
        assert!(got["split"].contains("NFKC"), "U+{cp:04X}");
    }
}

#[test]
fn diff_url_parts() {
    let mut rng = Rng::new(36);
    let schemes = [
        "http://",
        "HTTPS://",
        "ftp://",
        "//",
        "mailto:",
        "",
        "a+b-c.d:",
        "1x://",
        "git+ssh://",
        " \u{1}http://",
        ":",
    ];
    let users = ["", "user@", "user:pw@", "u:p:q@", "@", "a@b@", "é@"];
    let hosts = [
        "www.Example.COM",
        "[::1]",
        "[fe80::1%25eTh0]",
        "[v1.x]",
        "[1.2.3.4]",
        "[::ffff:1.2.3.4]",
        "[::1",
        "::1]",
        "h[x]",
        "[x]",
        "[1::2::3]",
        "例子.测试",
        "a\u{ff0f}b",
        "a\u{2100}",
        "H\u{130}",
        "",
        "[]",
        "[::]",
    ];
    let ports = [
        "", ":", ":80", ":0080", ":99999", ":abc", ":-1", ":\u{661}", ":65535", ":1_0",
    ];
    let paths = ["", "/", "/A/B", "/p;x", "/a b", "/\t/\n", "/路径"];
    let queries = [
        "",
        "?",
        "?a=1&a=2&b=",
        "?q=a%20b+c",
        "?x",
        "?%E4%B8%AD=%zz&%FF=1",
        "?a=%E4中%B8",
        "?=v&&k=",
        "?a;b=c",
    ];
    let frags = ["", "#", "#frag?x", "#a#b"];
    let cases: Vec<Case> = (0..3000)
        .map(|_| {
            let url = [
                pick(&mut rng, &schemes),
                pick(&mut rng, &users),
                pick(&mut rng, &hosts),
                pick(&mut rng, &ports),
                pick(&mut rng, &paths),
                pick(&mut rng, &queries),
                pick(&mut rng, &frags),
            ]
            .concat();
            vec![("url", url)]
        })
        .collect();
    compare("url_parts", cases);
}

// ---- redis_zset ----

/// Runs commands and returns each one's reply text, split off the redis-cli transcript.
fn zset_replies(commands: &[&str]) -> Vec<String> {
    let got = get("redis_zset", &[("commands", &commands.join("\n"))]);
    let mut replies = Vec::new();
    for block in got["transcript"].split("127.0.0.1:6379> ").skip(1) {
        let reply = block.split_once('\n').map_or("", |(_, r)| r);
        replies.push(reply.trim_end_matches('\n').to_string());
    }
    replies
}

#[test]
fn redis_zset_vectors() {
    let vs = vectors("redis_zset");
    for v in &vs {
        let cmds: Vec<&str> = v["input"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let want: Vec<&str> = v["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(zset_replies(&cmds), want, "{}", v["note"]);
    }
    assert_eq!(vs.len(), 10);
}

#[test]
fn redis_zset_semantics_from_the_research_notes() {
    let r = zset_replies(&[
        "ZADD z 0.1 a -0 b 1e3 c",
        "ZRANGE z 0 -1 WITHSCORES",
        "ZADD z XX NX 1 a",
        "ZADD z GT LT 1 a",
        "ZADD z INCR 1 a 2 b",
        "ZADD z CH 5 a 9 new",
        "ZREVRANK z a",
        "ZCOUNT z (0 +inf",
        "ZCOUNT z x 1",
        "ZRANGEBYSCORE z (0 +inf WITHSCORES LIMIT 1 1",
        "ZRANGEBYSCORE z 5 0",
        "ZREM z a b c new nope",
        "EXISTS z",
        "ZRANGE z 0 -1 LIMIT 0 1",
        "NOSUCH a \"b c\"",
        "ZADD z 1 \"unterminated",
        "ZADD z 1 a\"b\"",
        "ZRANK z a extra",
    ]);
    assert_eq!(
        r,
        vec![
            "(integer) 3",
            "1) \"b\"\n2) \"0\"\n3) \"a\"\n4) \"0.10000000000000001\"\n5) \"c\"\n6) \"1000\"",
            "(error) ERR XX and NX options at the same time are not compatible",
            "(error) ERR GT, LT, and/or NX options at the same time are not compatible",
            "(error) ERR INCR option supports a single increment-element pair",
            "(integer) 2",
            "(integer) 2",
            "(integer) 3",
            "(error) ERR min or max is not a float",
            "1) \"new\"\n2) \"9\"",
            "(empty array)",
            "(integer) 4",
            "(integer) 0",
            "(error) ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
            "(error) ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b c' ",
            "Invalid argument(s)",
            "(integer) 1",
            "(error) ERR wrong number of arguments for 'zrank' command",
        ]
    );
    let r = zset_replies(&[
        "ZADD r 1 a 2 b 3 c 4 d 5 e",
        "ZREMRANGEBYRANK r -2 -1",
        "ZREMRANGEBYSCORE r (1 2",
        "ZREMRANGEBYRANK r 5 9",
        "ZREMRANGEBYSCORE r x 1",
        "ZRANGE r 0 -1",
        "ZREMRANGEBYSCORE r -inf +inf",
        "TYPE r",
        "SET k v",
    ]);
    assert_eq!(
        r,
        vec![
            "(integer) 5",
            "(integer) 2",
            "(integer) 1",
            "(integer) 0",
            "(error) ERR min or max is not a float",
            "1) \"a\"\n2) \"c\"",
            "(integer) 2",
            "none",
            "（这个练习只模拟有序集合的常用命令，没有模拟 SET）",
        ]
    );
    // Ten or more items: the numbers are right-aligned.
    let r = zset_replies(&["ZADD k 1 a 2 b 3 c 4 d 5 e", "ZRANGE k 0 -1 WITHSCORES"]);
    assert!(r[1].starts_with(" 1) \"a\"\n 2) \"1\""), "{}", r[1]);
    assert!(r[1].ends_with("10) \"5\""), "{}", r[1]);
    // A skiplist (more than 128 members) keeps -0; a listpack stores it as 0.
    let mut many = vec!["ZADD big -0 m".to_string()];
    many.extend((0..130).map(|i| format!("ZADD big {i} x{i}")));
    many.push("ZADD big -0 n".into());
    many.push("ZSCORE big n".into());
    many.push("ZSCORE big m".into());
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let r = zset_replies(&refs);
    assert_eq!(r[r.len() - 2..], ["\"-0\"", "\"0\""]);
}

#[test]
fn diff_redis_score_format() {
    // ZADD's strtod and the reply's %.17g against CPython's float() and '%.17g' (both correctly
    // rounded, as glibc is).
    let mut rng = Rng::new(37);
    let mut texts = Vec::new();
    for _ in 0..1500 {
        let t = match rng.below(5) {
            0 => format!("{}", rng.range_i64(-1_000_000, 1_000_000)),
            1 => format!("{}.{}", rng.range_i64(-999, 999), rng.below(1_000_000)),
            2 => format!("{}e{}", rng.range_i64(1, 99_999), rng.range_i64(-330, 310)),
            3 => format!("{}", f64::from_bits(rng.next_u64() & 0x7fef_ffff_ffff_ffff)),
            _ => format!("0.{:0>20}", rng.next_u64()),
        };
        texts.push(t);
    }
    let script = "import sys\nfor l in sys.stdin:\n    v = float(l)\n    print('%.17g' % v if abs(v) != float('inf') and v != 0 else ('inf' if v > 0 else '-inf') if v else '0')";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        for t in &texts {
            writeln!(stdin, "{t}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let want: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(want.len(), texts.len());
    let mut compared = 0;
    for (t, w) in texts.iter().zip(&want) {
        let r = zset_replies(&[&format!("ZADD s {t} m"), "ZSCORE s m", "DEL s"]);
        if w == "inf" || w == "-inf" {
            // Overflowing text is refused by string2d (ERANGE), as Redis does.
            assert_eq!(r[0], "(error) ERR value is not a valid float", "{t}");
            continue;
        }
        if r[0].starts_with("(error)") {
            // Underflow to zero is refused too.
            assert_eq!(w, "0", "{t}");
            continue;
        }
        assert_eq!(r[1], format!("\"{w}\""), "{t}");
        compared += 1;
    }
    eprintln!(
        "diff redis score format: {compared}/{} against CPython",
        texts.len()
    );
    assert!(compared > 1000);
}

// ---- every port of the group ----

#[test]
fn group_a_is_registered_with_working_defaults() {
    for id in IDS_A {
        let info = catalogue().iter().find(|e| e.id == id).expect(id);
        assert!(!info.python().is_empty() && !info.topic_slug.is_empty());
        let out = run(id, &[]).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(!out.is_empty());
        assert!(
            out.iter().all(|s| !s.is_exception),
            "{id} default shows no exception"
        );
    }
}

#[test]
fn group_a_survives_hostile_input() {
    let deep = "(".repeat(100_000);
    let long = "A".repeat(1_000_000);
    let many = "A; ".repeat(50_000);
    let braces = "{".repeat(100_000) + &"}".repeat(100_000);
    let ws = "\u{3000} \u{85}\u{200b}".repeat(100_000);
    for id in IDS_A {
        let info = catalogue().iter().find(|e| e.id == id).expect(id);
        for f in info.fields {
            for text in [
                &deep,
                &long,
                &many,
                &braces,
                &ws,
                &"\0\u{301}'\"\\".to_string(),
            ] {
                let t = std::time::Instant::now();
                let _ = run(id, &[(f.name, text.as_str())]);
                assert!(t.elapsed().as_secs() < 3, "{id}.{} took too long", f.name);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]
    #[test]
    fn group_a_never_panics(s in "[A-Za-z0-9(){},;:\\[\\]%@#?/=&+ \\-\\n'\"\u{e9}\u{3000}\x00\\\\]{0,40}", idx in 0usize..16) {
        let id = IDS_A[idx % IDS_A.len()];
        let info = catalogue().iter().find(|e| e.id == id).unwrap();
        let field = info.fields[idx % info.fields.len()].name;
        let _ = run(id, &[(field, s.as_str())]);
    }
}
