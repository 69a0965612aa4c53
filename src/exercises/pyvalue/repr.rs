//! CPython's `repr()` of `str` and `float` (`unicode_repr`, `float_repr` with the shortest
//! round-tripping digits) and `str(int)` with the 4300-digit limit (`sys.get_int_max_str_digits`).

use std::fmt::Write as _;

use num_bigint::BigInt;

use super::{is_printable, PyErr, PyResult, INT_MAX_STR_DIGITS};

/// Python `repr()` of a `str`.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_ascii() => out.push(c),
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                if cp <= 0xff {
                    let _ = write!(out, "\\x{cp:02x}");
                } else if cp <= 0xffff {
                    let _ = write!(out, "\\u{cp:04x}");
                } else {
                    let _ = write!(out, "\\U{cp:08x}");
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Python `repr()` of a `float` (shortest round-trip digits, exponent when exp < -4 or >= 16).
pub fn repr_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits, e.g. `1.2345e17`, `-5e-324`.
    let sci = format!("{f:e}");
    let (mant, exp) = match sci.split_once('e') {
        Some(p) => p,
        None => return sci,
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = (exp + 1) as usize;
            if digits.len() <= int_len {
                out.push_str(&digits);
                for _ in 0..(int_len - digits.len()) {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(digits.get(..int_len).unwrap_or(""));
                out.push('.');
                out.push_str(digits.get(int_len..).unwrap_or(""));
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        let mut chars = digits.chars();
        if let Some(first) = chars.next() {
            out.push(first);
        }
        let rest: String = chars.collect();
        if !rest.is_empty() {
            out.push('.');
            out.push_str(&rest);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

/// `str(int)` with CPython's 4300-digit limit.
pub fn int_to_str(i: &BigInt) -> PyResult<String> {
    // 4300 decimal digits need at most 14285 bits; anything with more bits is certainly over.
    let bits = i.bits();
    if bits > 14_300 {
        return Err(PyErr::int_to_str_limit());
    }
    let s = i.to_string();
    let digits = s.trim_start_matches('-').len();
    if digits > INT_MAX_STR_DIGITS {
        return Err(PyErr::int_to_str_limit());
    }
    Ok(s)
}
