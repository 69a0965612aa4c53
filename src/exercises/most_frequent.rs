//! most_frequent: `Counter(data).most_common(1)` as CPython 3.11 computes it (`heapq.nlargest`
//! with `n == 1` is `max(..., key=itemgetter(1))`: the first element seen wins a tie), the
//! `Counter` repr, and the MapReduce steps the notes describe.

use std::collections::HashMap;

use super::generate::join_ints;
use super::listsort::py_sorted;
use super::parse::ParseOptions;
use super::pyvalue::{HashKey, PyErr, PyResult, PyValue};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// Largest input the MapReduce walk-through is drawn for.
const MAX_STEPS_ITEMS: usize = 60;
/// Chunks in the MapReduce walk-through.
const CHUNKS: usize = 3;

/// A `Counter`: keys in first-insertion order (first spelling kept), with their counts.
struct Counter {
    items: Vec<(PyValue, PyValue)>,
}

/// `Counter(data)`: a mapping's values are taken as counts; any other iterable is counted.
fn counter(data: &PyValue) -> PyResult<Counter> {
    let elems: &[PyValue] = match data {
        PyValue::None => &[],
        PyValue::Dict(pairs) => {
            return Ok(Counter {
                items: pairs.clone(),
            })
        }
        PyValue::List(x) | PyValue::Tuple(x) => x,
        PyValue::Str(s) => {
            let chars: Vec<PyValue> = s.chars().map(|c| PyValue::Str(c.to_string())).collect();
            return count(&chars);
        }
        other => {
            return Err(PyErr::new(
                "TypeError",
                format!("'{}' object is not iterable", other.type_name()),
            ))
        }
    };
    count(elems)
}

fn count(elems: &[PyValue]) -> PyResult<Counter> {
    let mut index: HashMap<HashKey, usize> = HashMap::new();
    let mut keys: Vec<PyValue> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    for e in elems {
        let k = e.hash_key()?;
        match index.get(&k) {
            Some(&i) => counts[i] += 1,
            None => {
                index.insert(k, keys.len());
                keys.push(e.clone());
                counts.push(1);
            }
        }
    }
    Ok(Counter {
        items: keys
            .into_iter()
            .zip(counts)
            .map(|(k, c)| (k, PyValue::Int(c.into())))
            .collect(),
    })
}

/// Python `a > b` through the reflected `b < a`, worded as CPython words `>`.
fn gt(a: &PyValue, b: &PyValue) -> PyResult<bool> {
    b.py_lt(a).map_err(|_| {
        PyErr::new(
            "TypeError",
            format!(
                "'>' not supported between instances of '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ),
        )
    })
}

/// `most_common(1)`: the first item whose count no later item exceeds.
fn most_common_1(c: &Counter) -> PyResult<String> {
    let mut best: Option<&(PyValue, PyValue)> = None;
    for item in &c.items {
        best = match best {
            Some(b) if !gt(&item.1, &b.1)? => Some(b),
            _ => Some(item),
        };
    }
    let list = best
        .map(|(k, v)| PyValue::Tuple(vec![k.clone(), v.clone()]))
        .into_iter()
        .collect();
    PyValue::List(list).repr()
}

/// `repr(Counter)`: items in `most_common()` order, insertion order when counts cannot be sorted.
fn counter_repr(c: &Counter) -> PyResult<String> {
    if c.items.is_empty() {
        return Ok("Counter()".into());
    }
    let keyed: Vec<(PyValue, PyValue)> = c
        .items
        .iter()
        .map(|(k, v)| (v.clone(), k.clone()))
        .collect();
    let items = match py_sorted(keyed, true) {
        Ok(sorted) => sorted.into_iter().map(|(v, k)| (k, v)).collect(),
        Err(_) => c.items.clone(),
    };
    Ok(format!("Counter({})", PyValue::Dict(items).repr()?))
}

/// The notes' MapReduce, drawn: map each chunk to `(x, 1)`, shuffle by key, reduce by summing.
fn map_reduce(elems: &[PyValue], c: &Counter) -> PyResult<String> {
    let mut out = String::new();
    let size = elems.len().div_ceil(CHUNKS).max(1);
    out.push_str(&format!(
        "Map：数据分成 {} 块，每个元素映射成 (元素, 1)\n",
        elems.len().div_ceil(size)
    ));
    for (i, chunk) in elems.chunks(size).enumerate() {
        let pairs: Vec<PyValue> = chunk
            .iter()
            .map(|e| PyValue::Tuple(vec![e.clone(), PyValue::int(1)]))
            .collect();
        out.push_str(&format!(
            "  块 {}：{}\n",
            i + 1,
            PyValue::List(pairs).repr()?
        ));
    }
    out.push_str("Shuffle：按键分组\n");
    for (k, v) in &c.items {
        let n = v
            .as_int()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0);
        out.push_str(&format!(
            "  {}: {}\n",
            k.repr()?,
            PyValue::List(vec![PyValue::int(1); n]).repr()?
        ));
    }
    out.push_str(&format!(
        "Reduce：每组求和 → {}\n最后遍历一遍，取次数最多的：{}",
        PyValue::Dict(c.items.clone()).repr()?,
        most_common_1(c)?
    ));
    Ok(out)
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let data = inp.literal("data", ParseOptions { allow_range: true })?;
    if let PyValue::Set(_) = data {
        return Err(InputError {
            field: "data",
            message:
                "集合的遍历顺序取决于哈希值，这个练习不接受集合：请改用列表，例如 [1, 3, 2, 3]"
                    .into(),
            position: Some(1),
        });
    }
    let c = match counter(&data) {
        Ok(c) => c,
        Err(e) => {
            return Ok(vec![Section::from_result(
                "most_common",
                "Counter(data).most_common(1)",
                Err(e),
            )
            .with_note(
                "Counter 用字典计数：元素必须可哈希（列表、字典、集合不行）。",
            )])
        }
    };
    let mut out = vec![
        Section::from_result("most_common", "Counter(data).most_common(1)", most_common_1(&c))
            .with_note("次数相同时取最先出现的元素：most_common(1) 用 max()，只有严格更大才替换。1、1.0 和 True 相等，算同一个键，保留第一次的写法。"),
        Section::from_result("counter", "Counter(data)", counter_repr(&c))
            .with_note("Counter 的 repr 按次数从多到少排列，次数相同的保持插入顺序。"),
    ];
    let elems: Option<Vec<PyValue>> = match &data {
        PyValue::List(x) | PyValue::Tuple(x) => Some(x.clone()),
        PyValue::Str(s) => Some(s.chars().map(|ch| PyValue::Str(ch.to_string())).collect()),
        _ => None,
    };
    if let Some(elems) = elems.filter(|e| !e.is_empty() && e.len() <= MAX_STEPS_ITEMS) {
        out.push(
            Section::from_result("mapreduce", "MapReduce 的步骤（笔记里的做法，单机演示）", map_reduce(&elems, &c))
                .with_note("真正的海量数据：Map 在各台机器上并行，Shuffle 按键的哈希把同一个键送到同一个 Reducer；单机内存放得下时，一个 Counter 就够了。"),
        );
    }
    Ok(out)
}

/// `n` random integers drawn so that a few values repeat often.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let span = ((n as f64).sqrt() as i64).max(2);
    let v: Vec<i64> = (0..n)
        .map(|_| {
            let a = rng.range_i64(0, span);
            let b = rng.range_i64(0, span);
            a.min(b)
        })
        .collect();
    vec![("data", join_ints(&v))]
}
