//! Functions exported to JavaScript for the benchmark command (bench/run.mjs) and the e2e
//! tests. Trunk's loader exposes them as `window.wasmBindings.<name>`. Each benchmark builds
//! its input outside the timed region and returns the elapsed milliseconds of the pure port.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::exercises::{merge_sorted_i64, show_pairs, WordCounter};

thread_local! {
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Test hook for the e2e suite: panics, so the panic panel can be checked.
#[wasm_bindgen]
pub fn __test_panic() {
    panic!("__test_panic: deliberate panic for the end-to-end test");
}

/// Merges `[0, 2, 4, …]` and `[1, 3, 5, …]` (n each, the alternating worst case) with
/// `merge_sorted_i64`; returns the milliseconds of the merge alone.
#[wasm_bindgen]
pub fn bench_merge(n: u32) -> f64 {
    let a: Vec<i64> = (0..n as i64).map(|i| 2 * i).collect();
    let b: Vec<i64> = (0..n as i64).map(|i| 2 * i + 1).collect();
    let t0 = now();
    let merged = merge_sorted_i64(&a, &b);
    let ms = now() - t0;
    let ok = merged.len() == 2 * n as usize && merged.windows(2).all(|w| w[0] <= w[1]);
    LAST.with(|l| *l.borrow_mut() = format!("len={} sorted={ok}", merged.len()));
    ms
}

/// The benchmark text (`exercises::protocol::bench_text`): `text_bytes` bytes of ASCII words,
/// the same text the JS and CPython runs count.
#[wasm_bindgen]
pub fn bench_text(text_bytes: u32) -> String {
    crate::exercises::protocol::bench_text(text_bytes as usize)
}

/// Counts the words of [`bench_text`]`(text_bytes)` with `WordCounter` (fed in 64 KiB
/// chunks, `most_common(10)`); returns the milliseconds of the counting alone.
#[wasm_bindgen]
pub fn bench_topk(text_bytes: u32) -> f64 {
    let text = bench_text(text_bytes);
    let t0 = now();
    let mut counter = WordCounter::new();
    for chunk in text.as_bytes().chunks(64 * 1024) {
        counter.feed(chunk);
    }
    let top = counter.finish(Some(10));
    let ms = now() - t0;
    LAST.with(|l| *l.borrow_mut() = show_pairs(&top).unwrap_or_default());
    ms
}

/// A check value from the last benchmark (the top-10 list, or the merge's length), so the
/// runner can confirm that the wasm, JS and CPython versions computed the same thing.
#[wasm_bindgen]
pub fn bench_last_result() -> String {
    LAST.with(|l| l.borrow().clone())
}
