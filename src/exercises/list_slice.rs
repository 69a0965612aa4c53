//! list_slice: `seq[start:stop:step]` with CPython's `PySlice_AdjustIndices` clamping (unbounded
//! ints), `slice.indices(len)`, and the bare-index `IndexError` the topic contrasts it with.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::parse::{parse_literal, parse_range, ParseOptions};
use super::pyvalue::{int_to_str, PyErr, PyResult, PyValue};
use super::{InputError, Inputs, Section};

/// What the subscript text denotes.
enum Subscript {
    /// `a:b` or `a:b:c` (each part `None` when omitted).
    Slice(Option<PyValue>, Option<PyValue>, Option<PyValue>),
    /// A bare index.
    Index(PyValue),
}

/// Splits the subscript on top-level `:` (outside brackets and strings) and parses each part.
fn parse_subscript(text: &str) -> Result<Subscript, InputError> {
    // `(char offset, text)` of each part, split at the `:`s outside brackets and strings.
    let mut parts: Vec<(usize, String)> = Vec::new();
    let mut start = 0;
    let cuts = super::script::unquoted(text)
        .filter(|&(_, c, depth)| c == ':' && depth == 0)
        .map(|(i, _, _)| i);
    for end in cuts.chain(std::iter::once(text.len())) {
        parts.push((text[..start].chars().count(), text[start..end].to_string()));
        start = end + 1;
    }
    if parts.len() > 3 {
        let col = parts.get(3).map(|p| p.0).unwrap_or(1);
        return Err(InputError {
            field: "slice",
            message: format!(
                "第 {col} 个字符处：切片最多有两个 `:`（start:stop:step），Python 会报 SyntaxError"
            ),
            position: Some(col),
        });
    }
    let parse_part = |offset: usize, s: &str| -> Result<Option<PyValue>, InputError> {
        if s.trim().is_empty() {
            return Ok(None);
        }
        parse_literal(s).map(Some).map_err(|e| InputError {
            field: "slice",
            message: match e.position {
                Some(p) => format!(
                    "第 {} 个字符处：{}",
                    p + offset,
                    e.message
                        .split_once('：')
                        .map(|x| x.1)
                        .unwrap_or(&e.message)
                ),
                None => e.message,
            },
            position: e.position.map(|p| p + offset),
        })
    };
    if parts.len() == 1 {
        if text.trim().is_empty() {
            return Err(InputError {
                field: "slice",
                message: "下标为空：请输入像 `1:3`、`::-1` 或 `2` 这样的下标".into(),
                position: None,
            });
        }
        let v = parse_part(0, text)?.unwrap_or(PyValue::None);
        return Ok(Subscript::Index(v));
    }
    let mut vals = Vec::new();
    for (off, s) in &parts {
        vals.push(parse_part(*off, s)?);
    }
    let mut it = vals.into_iter();
    let a = it.next().flatten();
    let b = it.next().flatten();
    let c = it.next().flatten();
    Ok(Subscript::Slice(a, b, c))
}

fn slice_index(v: &Option<PyValue>) -> PyResult<Option<BigInt>> {
    match v {
        None | Some(PyValue::None) => Ok(None),
        Some(x) => match x.as_int() {
            Some(i) => Ok(Some(i)),
            None => Err(PyErr::new(
                "TypeError",
                "slice indices must be integers or None or have an __index__ method",
            )),
        },
    }
}

/// `slice(start, stop, step).indices(length)` with unbounded integers.
pub(crate) fn slice_indices(
    start: &Option<PyValue>,
    stop: &Option<PyValue>,
    step: &Option<PyValue>,
    length: usize,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = match slice_index(step)? {
        None => BigInt::from(1),
        Some(s) if s.is_zero() => {
            return Err(PyErr::new("ValueError", "slice step cannot be zero"))
        }
        Some(s) => s,
    };
    let len = BigInt::from(length);
    let neg = step.is_negative();
    let (lower, upper) = if neg {
        (BigInt::from(-1), &len - 1)
    } else {
        (BigInt::zero(), len.clone())
    };
    let adjust = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(mut i) => {
                if i.is_negative() {
                    i += &len;
                    if i < lower {
                        i = lower.clone();
                    }
                } else if i > upper {
                    i = upper.clone();
                }
                i
            }
        }
    };
    let start_v = slice_index(start)?;
    let stop_v = slice_index(stop)?;
    let s = adjust(start_v, if neg { &upper } else { &lower });
    let e = adjust(stop_v, if neg { &lower } else { &upper });
    Ok((s, e, step))
}

fn seq_kind(v: &PyValue) -> Option<&'static str> {
    match v {
        PyValue::List(_) => Some("list"),
        PyValue::Tuple(_) => Some("tuple"),
        PyValue::Str(_) => Some("string"),
        _ => None,
    }
}

fn rebuild(kind: &PyValue, items: Vec<PyValue>) -> PyValue {
    match kind {
        PyValue::Tuple(_) => PyValue::Tuple(items),
        PyValue::Str(_) => PyValue::Str(
            items
                .into_iter()
                .filter_map(|v| match v {
                    PyValue::Str(s) => Some(s),
                    _ => None,
                })
                .collect(),
        ),
        _ => PyValue::List(items),
    }
}

fn elements(v: &PyValue) -> Vec<PyValue> {
    match v {
        PyValue::List(x) | PyValue::Tuple(x) => x.clone(),
        PyValue::Str(s) => s.chars().map(|c| PyValue::Str(c.to_string())).collect(),
        _ => Vec::new(),
    }
}

fn not_subscriptable(v: &PyValue) -> PyErr {
    PyErr::new(
        "TypeError",
        format!("'{}' object is not subscriptable", v.type_name()),
    )
}

/// `seq[start:stop:step]`.
fn do_slice(
    seq: &PyValue,
    a: &Option<PyValue>,
    b: &Option<PyValue>,
    c: &Option<PyValue>,
) -> PyResult<PyValue> {
    if matches!(seq, PyValue::Dict(_)) {
        return Err(PyErr::new("TypeError", "unhashable type: 'slice'"));
    }
    if seq_kind(seq).is_none() {
        return Err(not_subscriptable(seq));
    }
    let items = elements(seq);
    let (s, e, st) = slice_indices(a, b, c, items.len())?;
    // Start/stop are within [-1, len]; the step saturates (any |step| > len picks one item).
    let s = s.to_i64().unwrap_or(0);
    let e = e.to_i64().unwrap_or(0);
    let st = st.to_i64().unwrap_or(if st.is_negative() {
        -i64::MAX
    } else {
        i64::MAX
    });
    let mut out = Vec::new();
    let mut i = s;
    if st > 0 {
        while i < e {
            if let Some(x) = usize::try_from(i).ok().and_then(|k| items.get(k)) {
                out.push(x.clone());
            }
            i = i.saturating_add(st);
        }
    } else {
        while i > e {
            if let Some(x) = usize::try_from(i).ok().and_then(|k| items.get(k)) {
                out.push(x.clone());
            }
            i = i.saturating_add(st);
        }
    }
    Ok(rebuild(seq, out))
}

/// `seq[index]`.
fn do_index(seq: &PyValue, idx: &PyValue) -> PyResult<PyValue> {
    if let PyValue::Dict(pairs) = seq {
        let key = idx.hash_key()?;
        for (k, v) in pairs {
            if k.hash_key().ok().as_ref() == Some(&key) {
                return Ok(v.clone());
            }
        }
        return Err(PyErr::new("KeyError", idx.repr()?));
    }
    let Some(kind) = seq_kind(seq) else {
        return Err(not_subscriptable(seq));
    };
    let Some(i) = idx.as_int() else {
        return Err(PyErr::new(
            "TypeError",
            if kind == "string" {
                format!("string indices must be integers, not '{}'", idx.type_name())
            } else {
                format!(
                    "{kind} indices must be integers or slices, not {}",
                    idx.type_name()
                )
            },
        ));
    };
    let Some(mut i) = i.to_i64() else {
        return Err(PyErr::new(
            "IndexError",
            "cannot fit 'int' into an index-sized integer",
        ));
    };
    let items = elements(seq);
    let len = items.len() as i64;
    if i < 0 {
        i += len;
    }
    match usize::try_from(i).ok().and_then(|k| items.get(k)) {
        Some(v) => Ok(v.clone()),
        None => Err(PyErr::new(
            "IndexError",
            format!("{kind} index out of range"),
        )),
    }
}

fn triple_repr(t: &(BigInt, BigInt, BigInt)) -> PyResult<String> {
    Ok(format!(
        "({}, {}, {})",
        int_to_str(&t.0)?,
        int_to_str(&t.1)?,
        int_to_str(&t.2)?
    ))
}

/// `range(lo, hi, step)` sliced or indexed (`range_subscript` in Objects/rangeobject.c):
/// a slice is another range, an index an int.
fn range_sections(lo: i128, hi: i128, step: i128, sub: Subscript) -> Vec<Section> {
    let n = super::parse::range_len(lo, hi, step);
    let at = |i: &BigInt| BigInt::from(lo) + i * BigInt::from(step);
    match sub {
        Subscript::Slice(a, b, c) => {
            let t = slice_indices(&a, &b, &c, n as usize);
            let result = t.as_ref().map_err(Clone::clone).and_then(|(s, e, st)| {
                let (s, e, st) = (at(s), at(e), st * BigInt::from(step));
                Ok(if st == BigInt::from(1) {
                    format!("range({}, {})", int_to_str(&s)?, int_to_str(&e)?)
                } else {
                    format!(
                        "range({}, {}, {})",
                        int_to_str(&s)?,
                        int_to_str(&e)?,
                        int_to_str(&st)?
                    )
                })
            });
            vec![
                Section::from_result("result", "seq[slice]", result).with_outcome_note(
                    "切片一个 range 得到的还是 range（不会展开成列表）：起止位置先按切片规则夹到范围内，再换算成 range 里的值。",
                    "切片的步长不能为 0，下标必须是整数或 None。",
                ),
                Section::from_result(
                    "indices",
                    format!("slice(...).indices({n})"),
                    t.and_then(|t| triple_repr(&t)),
                ),
            ]
        }
        Subscript::Index(i) => {
            let r = match i.as_int() {
                Some(k) => {
                    let k = if k.is_negative() {
                        k + BigInt::from(n)
                    } else {
                        k
                    };
                    if k.is_negative() || k >= BigInt::from(n) {
                        Err(PyErr::new("IndexError", "range object index out of range"))
                    } else {
                        int_to_str(&at(&k))
                    }
                }
                None => Err(PyErr::new(
                    "TypeError",
                    format!(
                        "range indices must be integers or slices, not {}",
                        i.type_name()
                    ),
                )),
            };
            vec![
                Section::from_result("result", "seq[index]", r).with_outcome_note(
                    "range 的单个下标直接算出对应的整数，不需要把 range 展开。",
                    "单个下标越界会抛 IndexError，这正是切片和取下标的区别。",
                ),
            ]
        }
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let sub = parse_subscript(inp.text("slice")?)?;
    if let Some(range) = parse_range(inp.text("seq")?) {
        let (lo, hi, step) = range.map_err(|e| InputError {
            field: "seq",
            message: e.message,
            position: e.position,
        })?;
        return Ok(range_sections(lo, hi, step, sub));
    }
    let seq = inp.literal("seq", ParseOptions::default())?;
    Ok(match sub {
        Subscript::Slice(a, b, c) => {
            let result = do_slice(&seq, &a, &b, &c).and_then(|v| v.repr());
            let mut out = vec![
                Section::from_result("result", "seq[slice]", result).with_outcome_note(
                    "切片越界不会报错：起止位置被夹到 [0, len] 之内（步长为负时是 [-1, len-1]）。",
                    "切片本身不会因为越界报错；这里的异常来自别处：步长为 0、下标不是整数，或者这个对象不支持切片。",
                ),
            ];
            if seq_kind(&seq).is_some() {
                let n = elements(&seq).len();
                let idx = slice_indices(&a, &b, &c, n).and_then(|t| triple_repr(&t));
                out.push(
                    Section::from_result("indices", format!("slice(...).indices({n})"), idx)
                        .with_outcome_note(
                            "规范化后的 (start, stop, step)：stop 为 -1 表示“在下标 0 之前停下”。",
                            "slice.indices 同样要求步长不为 0、下标是整数或 None。",
                        ),
                );
            }
            out
        }
        Subscript::Index(i) => {
            let r = do_index(&seq, &i).and_then(|v| v.repr());
            vec![Section::from_result("result", "seq[index]", r).with_outcome_note(
                "下标在范围内：取出的是单个元素，而不是子序列。",
                "单个下标越界会抛 IndexError（字典取不存在的键抛 KeyError），这正是切片和取下标的区别。",
            )]
        }
    })
}
