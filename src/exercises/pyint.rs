//! Python's `int(text)` (base 10): Unicode digits and whitespace, `+`/`-`, single underscores
//! between digits, the 4300-digit limit, and CPython's exact error messages.

use num_bigint::BigInt;
use num_traits::Num;

use super::pyvalue::{decimal_value, is_space, repr_str, PyErr, PyResult, INT_MAX_STR_DIGITS};

/// `int(text)` exactly as CPython 3.11 does it for base 10.
pub(crate) fn py_int_from_str(text: &str) -> PyResult<BigInt> {
    // Like _PyUnicode_TransformDecimalAndSpaceToASCII: non-ASCII spaces become ' ', non-ASCII
    // decimal digits become their ASCII digit, anything else non-ASCII becomes '?'.
    let ascii: Vec<u8> = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if is_space(c) {
                b' '
            } else if let Some(d) = decimal_value(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect();
    let invalid = || {
        let r: String = repr_str(text).chars().take(200).collect();
        PyErr::new(
            "ValueError",
            format!("invalid literal for int() with base 10: {r}"),
        )
    };
    let is_c_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let mut i = 0;
    while ascii.get(i).is_some_and(|&b| is_c_space(b)) {
        i += 1;
    }
    let negative = match ascii.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    if ascii.get(i) == Some(&b'_') {
        return Err(invalid());
    }
    let mut digits = String::new();
    let mut prev = 0u8;
    while let Some(&b) = ascii.get(i) {
        if b == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else if b.is_ascii_digit() {
            digits.push(b as char);
        } else {
            break;
        }
        prev = b;
        i += 1;
    }
    if prev == b'_' {
        return Err(invalid());
    }
    if digits.len() > INT_MAX_STR_DIGITS {
        return Err(PyErr::new(
            "ValueError",
            format!(
                "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            ),
        ));
    }
    if digits.is_empty() {
        return Err(invalid());
    }
    while ascii.get(i).is_some_and(|&b| is_c_space(b)) {
        i += 1;
    }
    if i != ascii.len() {
        return Err(invalid());
    }
    let v = BigInt::from_str_radix(&digits, 10).map_err(|_| invalid())?;
    Ok(if negative { -v } else { v })
}
