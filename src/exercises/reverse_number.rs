//! reverse_number: `int(text)`, then the notes' string-slicing reversal, all on decimal text.

use super::pyint::py_int_from_str;
use super::pyvalue::{int_to_str, PyResult};
use super::{InputError, Inputs, Section};

/// The notes' `reverse_number(number)` on an already-parsed integer.
pub(crate) fn reverse_number(n: &num_bigint::BigInt) -> PyResult<String> {
    let tmp_str = int_to_str(n)?;
    let rebuilt = match tmp_str.strip_prefix('-') {
        // int(f"-{tmp_str[:0:-1]}")
        Some(rest) => format!("-{}", rest.chars().rev().collect::<String>()),
        None => tmp_str.chars().rev().collect(),
    };
    let v = py_int_from_str(&rebuilt)?;
    int_to_str(&v)
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("n")?;
    let parsed = py_int_from_str(text);
    let mut out = Vec::new();
    match parsed {
        Err(e) => out.push(Section::from_result("int", "int(输入)", Err(e))),
        Ok(n) => {
            out.push(Section::from_result("int", "int(输入)", int_to_str(&n)));
            out.push(
                Section::from_result("reversed", "reverse_number(n)", reverse_number(&n))
                    .with_outcome_note(
                        "先 str() 再切片反转：末尾的 0 反转后变成前导 0，被 int() 去掉；负号保持在最前。",
                        "str() 和 int() 超过 4300 位十进制数字时抛 ValueError（勘误 E21）。",
                    ),
            );
        }
    }
    Ok(out)
}
