//! One stable sort for the app's small lists (search hits, due reviews, backups, categories),
//! named for how it works: it sorts a permutation of indices. (Not `small_sort`: that is the
//! standard library's name for driftsort's insertion sort of short runs.)
//!
//! Each `slice::sort_by_key` call site with its own element type and closure instantiates the
//! standard library's whole driftsort (quicksort, merges, small-sorts): about 4.5 KB of wasm
//! per site, ~42 KB raw for the app's call sites together. Here the elements are ordered
//! through a permutation of their indices sorted by one non-generic function, so the standard
//! sort is compiled once; each call site only adds this thin generic wrapper. Hot paths where
//! an indirect comparison would cost throughput (the top-k counts) keep `slice::sort_by_key`.

use std::cmp::Ordering;

/// Stable sort of `v` by `cmp` (equal elements keep their order), like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Stable sort of `v` by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instantiation of the standard stable sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that position `k` holds what was at `order[k]` (`order` is a
/// permutation of `0..v.len()`), in place, one cycle at a time.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut cur = start;
        while order[cur] != cur {
            let next = order[cur];
            order[cur] = cur;
            if next == start {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}
