//! set_ops: `set(a) & set(b)`, `^`, `|` and both differences with CPython's choice of which
//! equal element (1 / 1.0 / True) survives; displayed sorted, since CPython's hash order differs.

use std::collections::HashMap;

use super::generate::join_ints;
use super::listsort::py_sorted;
use super::parse::ParseOptions;
use super::pyvalue::{HashKey, PyErr, PyResult, PyValue};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// An insertion-ordered set of Python values (first inserted representative wins).
#[derive(Clone, Debug, Default)]
pub(crate) struct PySet {
    items: Vec<(HashKey, PyValue)>,
    index: HashMap<HashKey, usize>,
}

impl PySet {
    fn insert(&mut self, k: HashKey, v: PyValue) {
        if !self.index.contains_key(&k) {
            self.index.insert(k.clone(), self.items.len());
            self.items.push((k, v));
        }
    }
    fn contains(&self, k: &HashKey) -> bool {
        self.index.contains_key(k)
    }
    fn len(&self) -> usize {
        self.items.len()
    }
    /// `set(iterable)`.
    pub(crate) fn from_value(v: PyValue) -> PyResult<PySet> {
        let elems: Vec<PyValue> = match v {
            PyValue::List(x) | PyValue::Tuple(x) | PyValue::Set(x) => x,
            PyValue::Dict(pairs) => pairs.into_iter().map(|(k, _)| k).collect(),
            PyValue::Str(s) => s.chars().map(|c| PyValue::Str(c.to_string())).collect(),
            other => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("'{}' object is not iterable", other.type_name()),
                ))
            }
        };
        let mut s = PySet::default();
        for e in elems {
            let k = e.hash_key()?;
            s.insert(k, e);
        }
        Ok(s)
    }
}

/// `a & b`: CPython iterates the smaller set (the right one on a tie) and keeps its elements.
fn intersection(a: &PySet, b: &PySet) -> PySet {
    let (small, big) = if b.len() > a.len() { (a, b) } else { (b, a) };
    let mut out = PySet::default();
    for (k, v) in &small.items {
        if big.contains(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

fn union(a: &PySet, b: &PySet) -> PySet {
    let mut out = a.clone();
    for (k, v) in &b.items {
        out.insert(k.clone(), v.clone());
    }
    out
}

fn difference(a: &PySet, b: &PySet) -> PySet {
    let mut out = PySet::default();
    for (k, v) in &a.items {
        if !b.contains(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Elements in first-appearance order for display (a's leftovers, then b's).
fn symmetric(a: &PySet, b: &PySet) -> PySet {
    union(&difference(a, b), &difference(b, a))
}

/// `repr(sorted(s))` of the elements taken in first-appearance order (in list1 then list2), or
/// that order itself when the elements cannot be ordered. Returns the text and whether sorting
/// worked.
fn sorted_display(s: &PySet, appearance: &HashMap<HashKey, usize>) -> PyResult<(String, bool)> {
    let mut ordered: Vec<&(HashKey, PyValue)> = s.items.iter().collect();
    crate::index_sort::sort_by_key(&mut ordered, |(k, _)| {
        appearance.get(k).copied().unwrap_or(usize::MAX)
    });
    let in_order: Vec<PyValue> = ordered.iter().map(|(_, v)| v.clone()).collect();
    let keyed: Vec<(PyValue, ())> = in_order.iter().map(|v| (v.clone(), ())).collect();
    match py_sorted(keyed, false) {
        Ok(v) => Ok((
            PyValue::List(v.into_iter().map(|(x, _)| x).collect()).repr()?,
            true,
        )),
        Err(_) => Ok((PyValue::List(in_order).repr()?, false)),
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let opts = ParseOptions { allow_range: true };
    let a = inp.literal("a", opts)?;
    let b = inp.literal("b", opts)?;
    let s1 = match PySet::from_value(a) {
        Ok(s) => s,
        Err(e) => {
            return Ok(vec![Section::from_result(
                "set1",
                "set1 = set(list1)",
                Err(e),
            )])
        }
    };
    let s2 = match PySet::from_value(b) {
        Ok(s) => s,
        Err(e) => {
            return Ok(vec![Section::from_result(
                "set2",
                "set2 = set(list2)",
                Err(e),
            )])
        }
    };
    let mut appearance: HashMap<HashKey, usize> = HashMap::new();
    for (k, _) in s1.items.iter().chain(s2.items.iter()) {
        let n = appearance.len();
        appearance.entry(k.clone()).or_insert(n);
    }
    let ops: [(&'static str, &str, PySet); 5] = [
        (
            "&",
            "set1 & set2（相同的元素，交集）",
            intersection(&s1, &s2),
        ),
        (
            "^",
            "set1 ^ set2（不同的元素，对称差）",
            symmetric(&s1, &s2),
        ),
        ("|", "set1 | set2（并集）", union(&s1, &s2)),
        (
            "list1-list2",
            "set1 - set2（只在 list1 中）",
            difference(&s1, &s2),
        ),
        (
            "list2-list1",
            "set2 - set1（只在 list2 中）",
            difference(&s2, &s1),
        ),
    ];
    let mut out = Vec::new();
    for (key, label, set) in ops {
        let sec = match sorted_display(&set, &appearance) {
            Ok((text, true)) => Section::ok(key, label, text)
                .with_note("这里按 sorted() 排序显示；CPython 的 print 按哈希顺序输出，顺序可能不同。"),
            Ok((text, false)) => Section::ok(key, label, text)
                .with_note("元素类型混杂、无法排序，这里按首次出现的顺序显示；CPython 的 print 按哈希顺序输出。"),
            Err(e) => Section::from_result(key, label, Err(e)),
        };
        out.push(sec);
    }
    Ok(out)
}

/// Two lists of `n` random integers from `0..=2n`, so they share about half their values.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let span = (n as i64).max(1) * 2;
    let a: Vec<i64> = (0..n).map(|_| rng.range_i64(0, span)).collect();
    let b: Vec<i64> = (0..n).map(|_| rng.range_i64(0, span)).collect();
    vec![("a", join_ints(&a)), ("b", join_ints(&b))]
}
