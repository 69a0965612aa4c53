//! sort_dict_by_value: 方案二 `dict(sorted(d.items(), key=itemgetter(1)))` (and `reverse=True`),
//! and what 方案一 `sorted(d, key=lambda x: x[1])` really returns (erratum E01).

use super::listsort::py_sorted;
use super::parse::ParseOptions;
use super::pyvalue::{PyErr, PyResult, PyValue};
use super::{InputError, Inputs, Section};

fn method2(pairs: &[(PyValue, PyValue)], reverse: bool) -> PyResult<String> {
    let keyed: Vec<(PyValue, (PyValue, PyValue))> = pairs
        .iter()
        .map(|(k, v)| (v.clone(), (k.clone(), v.clone())))
        .collect();
    let sorted = py_sorted(keyed, reverse)?;
    PyValue::Dict(sorted.into_iter().map(|(_, kv)| kv).collect()).repr()
}

/// `x[1]` on a dict key.
fn second_item(x: &PyValue) -> PyResult<PyValue> {
    match x {
        PyValue::Str(s) => s
            .chars()
            .nth(1)
            .map(|c| PyValue::Str(c.to_string()))
            .ok_or_else(|| PyErr::new("IndexError", "string index out of range")),
        PyValue::Tuple(items) => items
            .get(1)
            .cloned()
            .ok_or_else(|| PyErr::new("IndexError", "tuple index out of range")),
        other => Err(PyErr::new(
            "TypeError",
            format!("'{}' object is not subscriptable", other.type_name()),
        )),
    }
}

fn method1(pairs: &[(PyValue, PyValue)]) -> PyResult<String> {
    let mut keyed = Vec::with_capacity(pairs.len());
    for (k, _) in pairs {
        keyed.push((second_item(k)?, k.clone()));
    }
    let sorted = py_sorted(keyed, false)?;
    PyValue::List(sorted.into_iter().map(|(_, k)| k).collect()).repr()
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let d = inp.literal("d", ParseOptions::default())?;
    let PyValue::Dict(pairs) = d else {
        return Err(InputError {
            field: "d",
            message: format!(
                "期望一个字典字面量，例如 {{'apple': 5}}，却得到 {}",
                d.type_name()
            ),
            position: Some(1),
        });
    };
    Ok(vec![
        Section::from_result(
            "expected",
            "方案二（正确）：dict(sorted(d.items(), key=operator.itemgetter(1)))",
            method2(&pairs, false),
        )
        .with_outcome_note(
            "sorted 是稳定排序：value 相等的项保持原来的插入顺序。",
            "sorted 要比较 value 的大小；这些 value 之间不能比较（比如 int 和 str 混在一起），所以抛出 TypeError。",
        ),
        Section::from_result(
            "descending",
            "方案二 降序：reverse=True",
            method2(&pairs, true),
        )
        .with_outcome_note(
            "reverse=True 也保持相等项的原有顺序（不是简单地把升序结果倒过来）。",
            "降序同样要比较 value 的大小，所以抛出同样的异常。",
        ),
        Section::from_result(
            "seed_method1",
            "方案一（笔记原代码，有 bug）：sorted(d, key=lambda x: x[1])",
            method1(&pairs),
        )
        .with_outcome_note(
            "遍历字典得到的是键，x[1] 取的是键的第二个元素（字符串键就是第二个字符）；结果是按它排序的键列表，不是字典（勘误 E01）。",
            "遍历字典得到的是键，lambda 对每个键取 x[1]：只有一个字符的键抛 IndexError，整数键不能下标访问抛 TypeError，取出的值之间不能比较也抛 TypeError（勘误 E01）。",
        ),
    ])
}
