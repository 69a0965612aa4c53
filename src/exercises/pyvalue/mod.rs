//! A small model of Python 3.11 values: `repr`, `==`, `<` and hashing, exactly as CPython prints
//! and compares them, for the values the literal parser can produce.

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};
use std::cmp::Ordering;

mod repr;
mod unicode;

pub use repr::{int_to_str, repr_float, repr_str};
pub use unicode::{decimal_value, is_printable, is_space, is_word_char};

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// A Python value (the subset the exercises need).
#[derive(Clone, Debug)]
pub enum PyValue {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// `int` (unbounded).
    Int(BigInt),
    /// `float`.
    Float(f64),
    /// `str` (Rust strings cannot hold lone surrogates; the parser refuses them).
    Str(String),
    /// `list`.
    List(Vec<PyValue>),
    /// `tuple`.
    Tuple(Vec<PyValue>),
    /// `dict` in insertion order (keys unique under Python equality).
    Dict(Vec<(PyValue, PyValue)>),
    /// `set`: its elements in the order they were added (a literal's order, `set(iterable)`'s
    /// order), unique under Python equality. `repr` rebuilds CPython's table from that order
    /// (`super::pyset`), so it prints in CPython's iteration order.
    Set(Vec<PyValue>),
    /// `frozenset`, like [`PyValue::Set`].
    FrozenSet(Vec<PyValue>),
}

/// A Python exception as it would be printed by a traceback's last line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyErr {
    /// Exception type name, e.g. `TypeError`.
    pub kind: &'static str,
    /// The message after `: `.
    pub msg: String,
}

impl PyErr {
    /// Builds an exception from its type name and message.
    pub fn new(kind: &'static str, msg: impl Into<String>) -> Self {
        PyErr {
            kind,
            msg: msg.into(),
        }
    }
    /// `TypeError: '<' not supported between instances of 'a' and 'b'`.
    pub fn lt_unsupported(a: &PyValue, b: &PyValue) -> Self {
        PyErr::new(
            "TypeError",
            format!(
                "'<' not supported between instances of '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ),
        )
    }
    /// The `int` → `str` conversion limit error.
    pub fn int_to_str_limit() -> Self {
        PyErr::new(
            "ValueError",
            format!(
                "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
            ),
        )
    }
}

impl std::fmt::Display for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.msg.is_empty() {
            f.write_str(self.kind)
        } else {
            write!(f, "{}: {}", self.kind, self.msg)
        }
    }
}

/// Result of Python-level operations.
pub type PyResult<T> = Result<T, PyErr>;

impl PyValue {
    /// An `int` from an `i64`.
    pub fn int(i: i64) -> Self {
        PyValue::Int(BigInt::from(i))
    }

    /// Python's `type(x).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            PyValue::None => "NoneType",
            PyValue::Bool(_) => "bool",
            PyValue::Int(_) => "int",
            PyValue::Float(_) => "float",
            PyValue::Str(_) => "str",
            PyValue::List(_) => "list",
            PyValue::Tuple(_) => "tuple",
            PyValue::Dict(_) => "dict",
            PyValue::Set(_) => "set",
            PyValue::FrozenSet(_) => "frozenset",
        }
    }

    /// Python `repr(x)` (also what `print` shows for containers).
    pub fn repr(&self) -> PyResult<String> {
        let mut out = String::new();
        self.repr_into(&mut out)?;
        Ok(out)
    }

    fn repr_into(&self, out: &mut String) -> PyResult<()> {
        match self {
            PyValue::None => out.push_str("None"),
            PyValue::Bool(true) => out.push_str("True"),
            PyValue::Bool(false) => out.push_str("False"),
            PyValue::Int(i) => out.push_str(&int_to_str(i)?),
            PyValue::Float(f) => out.push_str(&repr_float(*f)),
            PyValue::Str(s) => out.push_str(&repr_str(s)),
            PyValue::List(items) => {
                out.push('[');
                repr_seq(items, out)?;
                out.push(']');
            }
            PyValue::Tuple(items) => {
                out.push('(');
                repr_seq(items, out)?;
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            PyValue::Set(items) | PyValue::FrozenSet(items) => {
                let frozen = matches!(self, PyValue::FrozenSet(_));
                out.push_str(&super::pyset::PySet::from_items(items)?.repr(frozen)?);
            }
            PyValue::Dict(pairs) => {
                out.push('{');
                for (n, (k, v)) in pairs.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    k.repr_into(out)?;
                    out.push_str(": ");
                    v.repr_into(out)?;
                }
                out.push('}');
            }
        }
        Ok(())
    }

    /// The numeric value of bool/int (not float).
    pub fn as_int(&self) -> Option<BigInt> {
        match self {
            PyValue::Bool(b) => Some(BigInt::from(u8::from(*b))),
            PyValue::Int(i) => Some(i.clone()),
            _ => None,
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, PyValue::Bool(_) | PyValue::Int(_) | PyValue::Float(_))
    }

    /// Python `==` (never raises for these types). NaN is unequal to itself; CPython's identity
    /// shortcut inside containers is not modelled (values here are never shared objects).
    pub fn py_eq(&self, other: &PyValue) -> bool {
        use PyValue::*;
        if self.is_number() && other.is_number() {
            return num_cmp(self, other) == Some(Ordering::Equal);
        }
        match (self, other) {
            (None, None) => true,
            (Str(a), Str(b)) => a == b,
            (List(a), List(b)) | (Tuple(a), Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y))
            }
            (Set(a) | FrozenSet(a), Set(b) | FrozenSet(b)) => {
                a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| x.py_eq(y)))
            }
            (Dict(a), Dict(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.iter().any(|(k2, v2)| k.py_eq(k2) && v.py_eq(v2)))
            }
            _ => false,
        }
    }

    /// Python `self < other`, with CPython's TypeError for unorderable pairs.
    pub fn py_lt(&self, other: &PyValue) -> PyResult<bool> {
        use PyValue::*;
        if self.is_number() && other.is_number() {
            return Ok(num_cmp(self, other) == Some(Ordering::Less));
        }
        match (self, other) {
            (Str(a), Str(b)) => Ok(a < b),
            (List(a), List(b)) | (Tuple(a), Tuple(b)) => {
                for (x, y) in a.iter().zip(b) {
                    if !x.py_eq(y) {
                        return x.py_lt(y);
                    }
                }
                Ok(a.len() < b.len())
            }
            // Proper subset.
            (Set(a) | FrozenSet(a), Set(b) | FrozenSet(b)) => {
                Ok(a.len() < b.len() && a.iter().all(|x| b.iter().any(|y| x.py_eq(y))))
            }
            _ => Err(PyErr::lt_unsupported(self, other)),
        }
    }

    /// A key with Python's hash-equivalence (`1 == 1.0 == True` share a key), or the
    /// `TypeError: unhashable type` CPython raises.
    pub fn hash_key(&self) -> PyResult<HashKey> {
        Ok(match self {
            PyValue::None => HashKey::None,
            PyValue::Bool(b) => HashKey::Int(BigInt::from(u8::from(*b))),
            PyValue::Int(i) => HashKey::Int(i.clone()),
            PyValue::Float(f) => {
                if f.is_nan() {
                    // Every NaN object is distinct in a set (CPython hashes NaN by identity).
                    HashKey::Nan(next_nan_id())
                } else if f.is_finite() && f.fract() == 0.0 {
                    HashKey::Int(BigInt::from_f64(*f).unwrap_or_default())
                } else {
                    HashKey::Float(f.to_bits())
                }
            }
            PyValue::Str(s) => HashKey::Str(s.clone()),
            PyValue::Tuple(items) => HashKey::Tuple(
                items
                    .iter()
                    .map(|x| x.hash_key())
                    .collect::<PyResult<_>>()?,
            ),
            PyValue::FrozenSet(items) => {
                let mut keys = items
                    .iter()
                    .map(|x| x.hash_key())
                    .collect::<PyResult<Vec<_>>>()?;
                keys.sort();
                keys.dedup();
                HashKey::FrozenSet(keys)
            }
            other => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("unhashable type: '{}'", other.type_name()),
                ))
            }
        })
    }
}

fn next_nan_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering as AO};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, AO::Relaxed)
}

/// Hash-equivalence key: two hashable Python values are equal iff their keys are equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HashKey {
    /// `None`.
    None,
    /// Any integral number (bool, int, integral float).
    Int(BigInt),
    /// A non-integral or infinite float, by bits.
    Float(u64),
    /// A NaN (never equal to another).
    Nan(u64),
    /// A string.
    Str(String),
    /// A tuple.
    Tuple(Vec<HashKey>),
    /// A frozenset: its elements' keys, sorted and distinct.
    FrozenSet(Vec<HashKey>),
}

fn repr_seq(items: &[PyValue], out: &mut String) -> PyResult<()> {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        item.repr_into(out)?;
    }
    Ok(())
}

/// Compares two numbers exactly (big ints against floats without rounding). `None` for NaN.
pub fn num_cmp(a: &PyValue, b: &PyValue) -> Option<Ordering> {
    match (a, b) {
        (PyValue::Float(x), PyValue::Float(y)) => x.partial_cmp(y),
        (PyValue::Float(x), other) => {
            let i = other.as_int()?;
            int_float_cmp(&i, *x).map(Ordering::reverse)
        }
        (other, PyValue::Float(y)) => {
            let i = other.as_int()?;
            int_float_cmp(&i, *y)
        }
        _ => Some(a.as_int()?.cmp(&b.as_int()?)),
    }
}

/// Exact comparison of an integer with a float.
pub fn int_float_cmp(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let bf = BigInt::from_f64(fl)?;
    match i.cmp(&bf) {
        Ordering::Equal if f != fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// Python `x % 2` for numbers: `Ok(Some(is_zero))`, or the TypeError/str-format error.
/// Strings go through printf-style formatting with the single argument `2`.
pub fn mod2_is_zero(x: &PyValue) -> PyResult<bool> {
    match x {
        PyValue::Bool(b) => Ok(!*b),
        PyValue::Int(i) => Ok(i.is_even_py()),
        PyValue::Float(f) => {
            if !f.is_finite() {
                return Ok(false);
            }
            Ok((f % 2.0) == 0.0)
        }
        PyValue::Str(s) => {
            percent_format_one_int(s)?;
            // The formatted string is never equal to 0.
            Ok(false)
        }
        other => Err(PyErr::new(
            "TypeError",
            format!(
                "unsupported operand type(s) for %: '{}' and 'int'",
                other.type_name()
            ),
        )),
    }
}

trait IsEvenPy {
    fn is_even_py(&self) -> bool;
}
impl IsEvenPy for BigInt {
    fn is_even_py(&self) -> bool {
        match self.to_u64_digits().1.first() {
            Some(d) => d % 2 == 0,
            None => true,
        }
    }
}

/// Checks `s % 2` (printf-style formatting with one int argument) for the errors CPython raises.
fn percent_format_one_int(s: &str) -> PyResult<()> {
    let chars: Vec<char> = s.chars().collect();
    let mut args_left: usize = 1;
    let mut i = 0usize;
    let n = chars.len();
    let incomplete = || PyErr::new("ValueError", "incomplete format");
    let not_enough = || PyErr::new("TypeError", "not enough arguments for format string");
    while i < n {
        if chars.get(i) != Some(&'%') {
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c0) = chars.get(i) else {
            return Err(incomplete());
        };
        if c0 == '(' {
            return Err(PyErr::new("TypeError", "format requires a mapping"));
        }
        // Flags.
        while let Some(&c) = chars.get(i) {
            if matches!(c, '-' | '+' | ' ' | '#' | '0') {
                i += 1;
            } else {
                break;
            }
        }
        // Width, then `.` precision: each digits or a `*` that takes an argument.
        let mut count = |i: &mut usize| -> PyResult<()> {
            if chars.get(*i) == Some(&'*') {
                if args_left == 0 {
                    return Err(not_enough());
                }
                args_left -= 1;
                *i += 1;
            } else {
                while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                    *i += 1;
                }
            }
            Ok(())
        };
        count(&mut i)?;
        if chars.get(i) == Some(&'.') {
            i += 1;
            count(&mut i)?;
        }
        // Length modifiers are accepted and ignored.
        while chars.get(i).is_some_and(|c| matches!(c, 'h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(incomplete());
        };
        if conv == '%' {
            i += 1;
            continue;
        }
        if args_left == 0 {
            return Err(not_enough());
        }
        match conv {
            's' | 'r' | 'a' | 'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g'
            | 'G' | 'c' => {}
            other => {
                let cp = other as u32;
                let shown = if (0x20..0x7f).contains(&cp) {
                    other.to_string()
                } else {
                    "?".into()
                };
                return Err(PyErr::new(
                    "ValueError",
                    format!("unsupported format character '{shown}' (0x{cp:x}) at index {i}"),
                ));
            }
        }
        args_left -= 1;
        i += 1;
    }
    if args_left > 0 {
        return Err(PyErr::new(
            "TypeError",
            "not all arguments converted during string formatting",
        ));
    }
    Ok(())
}

/// Python `int * other` for the closure exercise (`i*x` with `i` a non-negative int).
pub fn int_mul(i: &BigInt, x: &PyValue) -> PyResult<PyValue> {
    let times = |len: usize| -> PyResult<usize> {
        let n = i.to_usize().unwrap_or(usize::MAX);
        if len == 0 || n == 0 {
            return Ok(0);
        }
        match n.checked_mul(len) {
            Some(total) if total <= super::MAX_OUTPUT_ITEMS => Ok(n),
            _ => Err(PyErr::new("MemoryError", "")),
        }
    };
    Ok(match x {
        PyValue::Bool(b) => PyValue::Int(i * BigInt::from(u8::from(*b))),
        PyValue::Int(v) => PyValue::Int(i * v),
        PyValue::Float(f) => {
            let fi = i.to_f64().unwrap_or(f64::INFINITY);
            PyValue::Float(fi * f)
        }
        PyValue::Str(s) => {
            let n = if i.is_negative() {
                0
            } else {
                times(s.chars().count())?
            };
            PyValue::Str(s.repeat(n))
        }
        PyValue::List(items) | PyValue::Tuple(items) => {
            let n = if i.is_negative() {
                0
            } else {
                times(items.len())?
            };
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                out.extend(items.iter().cloned());
            }
            if matches!(x, PyValue::List(_)) {
                PyValue::List(out)
            } else {
                PyValue::Tuple(out)
            }
        }
        other => {
            return Err(PyErr::new(
                "TypeError",
                format!(
                    "unsupported operand type(s) for *: 'int' and '{}'",
                    other.type_name()
                ),
            ))
        }
    })
}
