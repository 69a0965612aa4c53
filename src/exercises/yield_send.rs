//! yield_send: the notes' generator (seed L2556-2573)
//!
//! ```python
//! def my_generator():
//!     range_ = yield
//!     for i in range(range_):
//!         yield i
//! ```
//!
//! driven by `next(g)` / `g.send(value)` lines, one result a line: the repr of the yielded
//! value, `StopIteration`, or the exception (`gen_send_ex` in `Objects/genobject.c`:
//! a non-None value sent to a just-started generator raises `TypeError` and leaves it
//! unstarted; an exception inside the generator finishes it).

use num_bigint::BigInt;

use super::parse::parse_literal;
use super::pyvalue::{PyErr, PyValue};
use super::script::{lines, Line};
use super::{InputError, Inputs, Section};

/// Most operations one run accepts.
const MAX_OPS: usize = 10_000;
/// Most values the trailing `for i in g: print(i)` shows.
const MAX_FOR_VALUES: u64 = 1_000;

/// What the `for` section shows when the loop prints nothing.
const NOTHING: &str = "（什么也不打印：生成器已经结束）";

/// Where the generator is suspended.
#[derive(Clone, Debug, PartialEq)]
enum Gen {
    /// Created, not started.
    Fresh,
    /// Suspended at `range_ = yield`.
    AtRange,
    /// Suspended at `yield i` inside `for i in range(n)`.
    InLoop { i: BigInt, n: BigInt },
    /// Returned or raised: every resumption raises `StopIteration`.
    Done,
}

/// One operation: `next(g)` or `g.send(value)`.
enum Op {
    Next,
    Send(PyValue),
}

fn parse_op(line: &Line) -> Result<Op, InputError> {
    let t = line.text;
    let arg = if t == "next" || t == "next(g)" || t == "g.__next__()" {
        return Ok(Op::Next);
    } else if let Some(rest) = t.strip_prefix("send") {
        let rest = rest.trim();
        // `send 3` or `send(3)`.
        match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            Some(inner) => inner,
            None => rest,
        }
    } else if let Some(inner) = t.strip_prefix("g.send(").and_then(|r| r.strip_suffix(')')) {
        inner
    } else {
        return Err(line.error(
            "ops",
            format!("看不懂 `{t}`：每行写 next 或 send <值>，例如 send None、send 3"),
        ));
    };
    if arg.trim().is_empty() {
        return Err(line.error("ops", "send 需要一个值，例如 send None 或 send 3"));
    }
    parse_literal(arg)
        .map(Op::Send)
        .map_err(|e| line.error("ops", format!("send 的值不是 Python 字面量：{}", e.message)))
}

/// `range(v)`'s argument as an int, or CPython's `TypeError`.
fn range_arg(v: &PyValue) -> Result<BigInt, PyErr> {
    v.as_int().ok_or_else(|| {
        PyErr::new(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )
    })
}

/// Resumes the generator with `sent` (`next` sends `None`): the yielded value's repr, or the
/// exception line (`StopIteration` included).
fn resume(g: &mut Gen, sent: &PyValue) -> Result<String, PyErr> {
    let stop = || PyErr::new("StopIteration", "");
    match std::mem::replace(g, Gen::Done) {
        Gen::Fresh => {
            if !matches!(sent, PyValue::None) {
                *g = Gen::Fresh;
                return Err(PyErr::new(
                    "TypeError",
                    "can't send non-None value to a just-started generator",
                ));
            }
            *g = Gen::AtRange;
            Ok("None".into())
        }
        Gen::AtRange => {
            let n = range_arg(sent)?;
            let zero = BigInt::from(0);
            if n > zero {
                *g = Gen::InLoop { i: zero, n };
                Ok("0".into())
            } else {
                Err(stop())
            }
        }
        Gen::InLoop { i, n } => {
            let next: BigInt = i + 1;
            if next < n {
                let text = next.to_string();
                *g = Gen::InLoop { i: next, n };
                Ok(text)
            } else {
                Err(stop())
            }
        }
        Gen::Done => Err(stop()),
    }
}

/// What `for i in g: print(i)` prints from state `g` (capped).
fn drain(g: &Gen) -> String {
    match g {
        Gen::Fresh => {
            "None\nTypeError: 'NoneType' object cannot be interpreted as an integer".into()
        }
        Gen::AtRange => "TypeError: 'NoneType' object cannot be interpreted as an integer".into(),
        Gen::InLoop { i, n } => {
            let mut out = Vec::new();
            let mut k: BigInt = i + 1;
            let mut shown = 0;
            while &k < n {
                if shown == MAX_FOR_VALUES {
                    out.push(format!("…（还有 {} 个）", n - &k));
                    break;
                }
                out.push(k.to_string());
                k += 1;
                shown += 1;
            }
            if out.is_empty() {
                NOTHING.into()
            } else {
                out.join("\n")
            }
        }
        Gen::Done => NOTHING.into(),
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("ops")?;
    let mut g = Gen::Fresh;
    let mut transcript = Vec::new();
    for line in lines("ops", text, MAX_OPS)? {
        let (call, sent) = match parse_op(&line)? {
            Op::Next => ("next(g)".to_string(), PyValue::None),
            Op::Send(v) => {
                let r = v.repr().map_err(|e| line.error("ops", e))?;
                (format!("g.send({r})"), v)
            }
        };
        let result = match resume(&mut g, &sent) {
            Ok(v) => v,
            Err(e) => e.to_string(),
        };
        transcript.push(format!("{call} → {result}"));
    }
    Ok(vec![
        Section::ok("results", "每一步的返回值（或抛出的异常）", transcript.join("\n")).with_note(
            "next(g) 等于 g.send(None)。第一次必须发送 None，让生成器运行到 range_ = yield；下一次 send 的值成为 range_，for 循环随即产出 0——笔记里 g.send(3) 的返回值 0 被丢掉了，所以后面的 for 只打印 1、2。",
        ),
        Section::ok("for_loop", "接着执行 for i in g: print(i)", drain(&g)).with_note(
            "for 循环遇到 StopIteration 就正常结束；生成器内部的异常（例如 range(None)）会让它结束，以后只会抛 StopIteration。",
        ),
    ])
}
