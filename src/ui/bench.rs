//! Functions exported to JavaScript for the benchmark command (bench/run.mjs) and the e2e
//! tests. Trunk's loader exposes them as `window.wasmBindings.<name>`. The exercise kernels
//! run in the engine worker (`exercises::protocol`'s `bench` request), so `bench_merge` and
//! `bench_topk` return promises of the kernel's milliseconds (inputs built outside the timed
//! region, in the worker).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::exercises::protocol::Request;

thread_local! {
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Test hook for the e2e suite: panics, so the panic panel can be checked.
#[wasm_bindgen]
pub fn __test_panic() {
    panic!("__test_panic: deliberate panic for the end-to-end test");
}

/// Runs kernel `name` on size `n` in the engine worker (starting it if needed); resolves to
/// its milliseconds, or NaN when the worker failed.
async fn kernel(name: &str, n: u32) -> f64 {
    super::engine::start();
    let request = Request::Bench {
        id: super::engine::next_id(),
        name: name.to_string(),
        n: n as usize,
    };
    let (ms, check) = match super::engine::ask(&request).await {
        Ok(reply) => {
            let check = match reply.outcome {
                Some(Ok(sections)) => sections.into_iter().map(|s| s.value).collect(),
                _ => String::new(),
            };
            (reply.ms, check)
        }
        Err(why) => (f64::NAN, why),
    };
    LAST.with(|l| *l.borrow_mut() = check);
    ms
}

/// Merges `[0, 2, 4, …]` and `[1, 3, 5, …]` (n each, the alternating worst case) with
/// `merge_sorted_i64` in the worker; resolves to the milliseconds of the merge alone.
#[wasm_bindgen]
pub async fn bench_merge(n: u32) -> f64 {
    kernel("merge", n).await
}

/// The benchmark text (`exercises::engine::bench_text`): `text_bytes` bytes of ASCII words,
/// the same text the JS and CPython runs count.
#[wasm_bindgen]
pub fn bench_text(text_bytes: u32) -> String {
    crate::exercises::engine::bench_text(text_bytes as usize)
}

/// Counts the words of [`bench_text`]`(text_bytes)` with `WordCounter` (fed in 64 KiB
/// chunks, `most_common(10)`) in the worker; resolves to the milliseconds of the counting.
#[wasm_bindgen]
pub async fn bench_topk(text_bytes: u32) -> f64 {
    kernel("topk", text_bytes).await
}

/// A check value from the last benchmark (the top-10 list, or the merge's length), so the
/// runner can confirm that the wasm, JS and CPython versions computed the same thing.
#[wasm_bindgen]
pub fn bench_last_result() -> String {
    LAST.with(|l| l.borrow().clone())
}
