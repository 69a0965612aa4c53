//! closure_late_binding: `[lambda x: i*x for i in range(n)]` and its generator twin. Closures
//! capture the loop variable itself, so calling after the loop sees its last value.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::parse::{parse_literal, ParseOptions};
use super::pyvalue::{int_mul, PyErr, PyResult, PyValue};
use super::{InputError, Inputs, Section};

/// Largest `n` accepted (the output has `n` items).
pub(crate) const MAX_N: u64 = 100_000;

fn calls(is: impl Iterator<Item = BigInt>, x: &PyValue) -> PyResult<String> {
    let mut out = Vec::new();
    for i in is {
        out.push(int_mul(&i, x)?);
    }
    PyValue::List(out).repr()
}

/// The note under a call that raised: the lambda's `i*x`, not the binding, failed.
const RAISED: &str =
    "调用 m(x) 时计算 i*x 抛出了异常：x 的类型不能和整数相乘（或结果太大）。这和 i 何时绑定无关。";

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let n_text = inp.text("n")?;
    let n_val = parse_literal(n_text).map_err(|e| InputError {
        field: "n",
        message: e.message,
        position: e.position,
    })?;
    let x = inp.literal("x", ParseOptions::default())?;
    let n: i64 = match &n_val {
        PyValue::Int(_) | PyValue::Bool(_) => {
            let big = n_val.as_int().unwrap_or_default();
            if big.is_negative() {
                0
            } else {
                match big.to_u64() {
                    Some(v) if v <= MAX_N => v as i64,
                    _ => {
                        return Err(InputError {
                            field: "n",
                            message: format!("n 太大：这个练习上限 {MAX_N}"),
                            position: None,
                        })
                    }
                }
            }
        }
        other => {
            let e = PyErr::new(
                "TypeError",
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                ),
            );
            return Ok(vec![Section::from_result(
                "list_comprehension",
                "range(n)",
                Err(e),
            )]);
        }
    };
    let last = BigInt::from((n - 1).max(0));
    let all_last = || std::iter::repeat_n(last.clone(), n as usize);
    let each = || (0..n).map(BigInt::from);
    Ok(vec![
        Section::from_result("list_comprehension", "[m(x) for m in multi()]（列表推导式）", calls(all_last(), &x))
            .with_outcome_note("列表推导式先把 n 个 lambda 全部建好，循环结束时 i 已经是 n-1；lambda 调用时才去查 i，所以结果全一样。", RAISED),
        Section::from_result("generator_lazy", "[m(x) for m in multi_gen()]（生成器，边生成边调用）", calls(each(), &x))
            .with_outcome_note("生成器每产出一个 lambda 就暂停，此时立刻调用它，i 还是当前值。", RAISED),
        Section::from_result("generator_materialised_first", "[m(x) for m in list(multi_gen())]（先把生成器跑完再调用）", calls(all_last(), &x))
            .with_outcome_note("先 list() 把生成器耗尽，i 同样停在 n-1，于是又变回全一样。", RAISED),
        Section::from_result("fixed_default_arg", "[lambda x, i=i: i*x for i in range(n)]（默认参数修复）", calls(each(), &x))
            .with_outcome_note("默认参数在定义 lambda 时就求值，把当时的 i 固定下来。", RAISED),
    ])
}
