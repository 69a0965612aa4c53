//! str_to_int: the notes' `ans = ans * 10 + ord(c) - ord('0')` loop (no validation at all),
//! next to Python's own `int(s)`.

use num_bigint::BigInt;

use super::pyint::py_int_from_str;
use super::pyvalue::int_to_str;
use super::{InputError, Inputs, Section};

/// The seed loop's value: `sum((ord(c) - 48) * 10**(n-1-k))`, computed by divide and conquer so
/// that long inputs stay fast.
pub(crate) fn ord_loop(s: &str) -> BigInt {
    let digits: Vec<i64> = s.chars().map(|c| c as i64 - '0' as i64).collect();
    fn go(d: &[i64], pow_cache: &mut Vec<(usize, BigInt)>) -> BigInt {
        if d.len() <= 16 {
            let mut acc: i128 = 0;
            for &x in d {
                acc = acc * 10 + i128::from(x);
            }
            return BigInt::from(acc);
        }
        let mid = d.len() / 2;
        let (hi, lo) = d.split_at(mid);
        let h = go(hi, pow_cache);
        let l = go(lo, pow_cache);
        let p = pow10(lo.len(), pow_cache);
        h * p + l
    }
    fn pow10(n: usize, cache: &mut Vec<(usize, BigInt)>) -> BigInt {
        if let Some((_, v)) = cache.iter().find(|(k, _)| *k == n) {
            return v.clone();
        }
        let v = num_traits::pow(BigInt::from(10), n);
        cache.push((n, v.clone()));
        v
    }
    go(&digits, &mut Vec::new())
}

/// Longest input this exercise accepts (the loop's value is a bignum as long as the text).
const MAX_CHARS: usize = 200_000;

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let s = inp.text("s")?;
    if s.chars().count() > MAX_CHARS {
        return Err(InputError {
            field: "s",
            message: format!("输入太长：这个练习上限 {MAX_CHARS} 个字符"),
            position: None,
        });
    }
    let ans = ord_loop(s);
    let builtin = py_int_from_str(s).and_then(|v| int_to_str(&v));
    Ok(vec![
        Section::from_result("seed_loop", "笔记代码（ord 循环）", int_to_str(&ans))
            .with_outcome_note(
                "循环不做任何校验：每个字符都按 ord(c) - 48 当作一位数字，'-' 是 -3，'a' 是 49。",
                "循环本身能算出结果，但 print 要把超过 4300 位的整数转成字符串，抛 ValueError（勘误 E21）。",
            ),
        Section::from_result("python_int", "Python 内置 int(s)", builtin)
            .with_note("int() 会去掉首尾空白，接受 +/-、数字间的单个下划线和任何 Unicode 十进制数字，其余报 ValueError。"),
    ])
}
