//! Search timings (run by `./x bench`, reported by `bench/run.mjs`): building the index from
//! the rendered notes, as the app does from the notes bundle on the first focus of the search
//! box, and the mean time of each query. Native, release profile: the app's wasm is slower by
//! a constant factor, and the benchmark's keystroke measurement covers the search box there.
//! Prints one JSON object.
//!
//!     cargo run --release --example search_bench

use std::hint::black_box;
use std::time::Instant;

use mianshiti_playground::notes::{bundle, Catalogue};
use mianshiti_playground::search::{exercise_docs, SearchIndex};

/// Learner-like queries, from one character (the most matches) to several terms (some
/// with a word the topic lacks, some with a word nothing has), and full-width forms.
const QUERIES: &[&str] = &[
    "闭",
    "闭包",
    "幂等性",
    "布隆过滤",
    "的",
    "a",
    "http",
    "defaultdict",
    "session 共享",
    "合并 有序列表",
    "Content-Type",
    "2MSL",
    "ＨＴＴＰ　状态码",
    "zzzz",
    "redis zset",
    "python 闭包",
    "闭包 面试",
    "网络 TCP",
    "闭包 xyzzy qqqq",
    "a 的 e",
];
/// Index builds; the median is reported.
const BUILDS: usize = 5;
/// Runs of each query; the mean is reported (one run is a few microseconds).
const ROUNDS: u32 = 200;

fn main() {
    let cat = Catalogue::load().expect("bundled content parses");
    // Rendered outside the timed region: the app receives the bodies rendered.
    let bodies: Vec<String> = cat.topics.iter().map(bundle::topic_html).collect();
    let html_of = |slug: &str| cat.index_of(slug).map(|i| bodies[i].as_str());
    let exercises = exercise_docs();

    let mut builds = Vec::with_capacity(BUILDS);
    let mut index = SearchIndex::default();
    for _ in 0..BUILDS {
        let start = Instant::now();
        index = black_box(SearchIndex::from_html(&cat, html_of, &exercises));
        builds.push(start.elapsed().as_secs_f64() * 1e3);
    }
    builds.sort_by(f64::total_cmp);

    let queries: serde_json::Map<String, serde_json::Value> = QUERIES
        .iter()
        .map(|q| {
            let start = Instant::now();
            for _ in 0..ROUNDS {
                black_box(index.search(black_box(q), 20));
            }
            let ms = start.elapsed().as_secs_f64() * 1e3 / f64::from(ROUNDS);
            (q.to_string(), ms.into())
        })
        .collect();
    let html_bytes: usize = bodies.iter().map(String::len).sum();
    let report = serde_json::json!({
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "docs": index.len(),
        "htmlBytes": html_bytes,
        "buildMs": builds[BUILDS / 2],
        "rounds": ROUNDS,
        "hits": 20,
        "queryMs": queries,
    });
    println!("{report}");
}
