//! CPython's list sort (named after its `Objects/listsort.txt`): `list.sort` / `sorted` with
//! Python's `<`: CPython's run detection and binary insertion sort
//! (exact, including which pair raises first, for fewer than 64 items), then stable merges.

use super::pyvalue::{PyResult, PyValue};

/// Sorts `items` by `key(item)` like `sorted(items, key=..., reverse=...)`.
/// Keys must already be computed (Python computes all keys before comparing).
pub(crate) fn py_sorted<T: Clone>(
    items: Vec<(PyValue, T)>,
    reverse: bool,
) -> PyResult<Vec<(PyValue, T)>> {
    let mut v = items;
    if reverse {
        v.reverse();
    }
    listsort(&mut v)?;
    if reverse {
        v.reverse();
    }
    Ok(v)
}

fn lt<T>(a: &(PyValue, T), b: &(PyValue, T)) -> PyResult<bool> {
    a.0.py_lt(&b.0)
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

fn count_run<T>(v: &[(PyValue, T)]) -> PyResult<(usize, bool)> {
    let len = v.len();
    if len <= 1 {
        return Ok((len, false));
    }
    let mut n = 2;
    let (Some(a), Some(b)) = (v.get(1), v.first()) else {
        return Ok((len, false));
    };
    if lt(a, b)? {
        while n < len {
            let (Some(x), Some(y)) = (v.get(n), v.get(n - 1)) else {
                break;
            };
            if lt(x, y)? {
                n += 1;
            } else {
                break;
            }
        }
        Ok((n, true))
    } else {
        while n < len {
            let (Some(x), Some(y)) = (v.get(n), v.get(n - 1)) else {
                break;
            };
            if lt(x, y)? {
                break;
            }
            n += 1;
        }
        Ok((n, false))
    }
}

/// CPython's `binarysort`: `v[..start]` is sorted; insert the rest one by one.
fn binarysort<T: Clone>(v: &mut [(PyValue, T)], start: usize) -> PyResult<()> {
    let mut start = if start == 0 { 1 } else { start };
    while start < v.len() {
        let mut l = 0;
        let mut r = start;
        let Some(pivot) = v.get(start).cloned() else {
            break;
        };
        while l < r {
            let p = l + ((r - l) >> 1);
            let Some(pv) = v.get(p) else { break };
            if lt(&pivot, pv)? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        if let Some(slice) = v.get_mut(l..=start) {
            slice.rotate_right(1);
        }
        start += 1;
    }
    Ok(())
}

fn listsort<T: Clone>(v: &mut [(PyValue, T)]) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = compute_minrun(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let rest = v.get_mut(lo..).unwrap_or_default();
        let (mut run, desc) = count_run(rest)?;
        if desc {
            if let Some(s) = rest.get_mut(..run) {
                s.reverse();
            }
        }
        let remaining = rest.len();
        if run < minrun {
            let force = minrun.min(remaining);
            if let Some(s) = rest.get_mut(..force) {
                binarysort(s, run)?;
            }
            run = force;
        }
        runs.push((lo, run));
        lo += run;
    }
    // Merge runs left to right, stably (equal keys keep left-run items first).
    while runs.len() > 1 {
        let mut next = Vec::with_capacity(runs.len().div_ceil(2));
        let mut i = 0;
        while i < runs.len() {
            match (runs.get(i), runs.get(i + 1)) {
                (Some(&(a_lo, a_len)), Some(&(_, b_len))) => {
                    merge(v, a_lo, a_len, b_len)?;
                    next.push((a_lo, a_len + b_len));
                }
                (Some(&r), None) => next.push(r),
                _ => {}
            }
            i += 2;
        }
        runs = next;
    }
    Ok(())
}

fn merge<T: Clone>(v: &mut [(PyValue, T)], lo: usize, a_len: usize, b_len: usize) -> PyResult<()> {
    let left: Vec<(PyValue, T)> = v.get(lo..lo + a_len).map(<[_]>::to_vec).unwrap_or_default();
    let right: Vec<(PyValue, T)> = v
        .get(lo + a_len..lo + a_len + b_len)
        .map(<[_]>::to_vec)
        .unwrap_or_default();
    let mut out = Vec::with_capacity(a_len + b_len);
    let (mut i, mut j) = (0, 0);
    while let (Some(a), Some(b)) = (left.get(i), right.get(j)) {
        // Take from the right only when strictly smaller: stability.
        if lt(b, a)? {
            out.push(b.clone());
            j += 1;
        } else {
            out.push(a.clone());
            i += 1;
        }
    }
    out.extend(left.get(i..).unwrap_or_default().iter().cloned());
    out.extend(right.get(j..).unwrap_or_default().iter().cloned());
    if let Some(dst) = v.get_mut(lo..lo + a_len + b_len) {
        dst.clone_from_slice(&out);
    }
    Ok(())
}
