//! merge_sorted_lists: the notes' two-pointer merge (ties take `l_2` first), with the missing
//! `return result` added, plus what the notes' code really returns (`None`, erratum E02).

use super::generate::join_ints;
use super::parse::ParseOptions;
use super::pyvalue::{PyErr, PyResult, PyValue};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// The notes' merge on machine integers (same tie rule), for the throughput benchmark.
pub fn merge_sorted_i64(a: &[i64], b: &[i64]) -> Vec<i64> {
    let mut result = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if x < y {
            result.push(x);
            i += 1;
        } else {
            result.push(y);
            j += 1;
        }
    }
    // "超出边界": exactly one of the tails is non-empty.
    if i == a.len() {
        result.extend_from_slice(b.get(j..).unwrap_or_default());
    } else {
        result.extend_from_slice(a.get(i..).unwrap_or_default());
    }
    result
}

/// The notes' merge on Python values; raises like Python on unorderable pairs.
pub(crate) fn merge_values(l1: &[PyValue], l2: &[PyValue]) -> PyResult<Vec<PyValue>> {
    let mut result = Vec::with_capacity(l1.len() + l2.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (l1.get(i), l2.get(j)) {
        if x.py_lt(y)? {
            result.push(x.clone());
            i += 1;
        } else {
            result.push(y.clone());
            j += 1;
        }
    }
    if i == l1.len() {
        result.extend(l2.get(j..).unwrap_or_default().iter().cloned());
    } else {
        result.extend(l1.get(i..).unwrap_or_default().iter().cloned());
    }
    Ok(result)
}

/// Turns a parsed value into the sequence Python would index (`len()` + `[i]` + slicing).
pub(crate) fn as_sequence(v: PyValue) -> PyResult<Vec<PyValue>> {
    match v {
        PyValue::List(items) | PyValue::Tuple(items) => Ok(items),
        PyValue::Str(s) => Ok(s.chars().map(|c| PyValue::Str(c.to_string())).collect()),
        other => Err(PyErr::new(
            "TypeError",
            format!("object of type '{}' has no len()", other.type_name()),
        )),
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let opts = ParseOptions { allow_range: true };
    let l1 = inp.literal("l1", opts)?;
    let l2 = inp.literal("l2", opts)?;
    let merged = (|| {
        let a = as_sequence(l1)?;
        let b = as_sequence(l2)?;
        merge_values(&a, &b)
    })();
    let seed = match &merged {
        Ok(_) => Ok("None".to_string()),
        Err(e) => Err(e.clone()),
    };
    let merged_repr = merged.and_then(|v| PyValue::List(v).repr());
    Ok(vec![
        Section::from_result("merged", "合并结果（补上 return result 之后）", merged_repr)
            .with_outcome_note(
                "比较用 l_1[i] < l_2[j]，相等时先取 l_2 的元素；输入没排好序时只会机械地合并，不会排序。",
                "合并要用 < 比较两边的元素，也要能用 len() 和下标访问；这里的输入做不到，所以抛出异常。",
            ),
        Section::from_result("seed_literal", "笔记原代码的返回值（缺少 return）", seed)
            .with_outcome_note(
                "笔记里的函数没有 return 语句，所以 print(merge_order_list(l1, l2)) 打印 None（勘误 E02）。",
                "函数在循环里就抛出了异常，还没走到末尾，所以连 None 也不会打印。",
            ),
    ])
}

/// Two sorted lists of `n` random integers each.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let a = sorted_ints(rng, n);
    let b = sorted_ints(rng, n);
    vec![("l1", join_ints(&a)), ("l2", join_ints(&b))]
}

fn sorted_ints(rng: &mut Rng, n: usize) -> Vec<i64> {
    let mut v: Vec<i64> = (0..n)
        .map(|_| rng.range_i64(-1_000_000, 1_000_000))
        .collect();
    v.sort_unstable();
    v
}
