//! shuffle: `random.seed(seed); random.shuffle(my_list)` exactly as CPython 3.11
//! (`Lib/random.py`: Fisher–Yates from the end, `j = _randbelow(i + 1)`), and
//! `print(random.shuffle(my_list))` printing `None`.
//!
//! Seeds: `int` and `bool` (absolute value), `float` (`hash(x)`, NaN refused: its hash is the
//! object's address), `str` (version 2: `int.from_bytes(s.encode() + sha512(s).digest())`),
//! `None`/empty (the OS's entropy: not reproducible, said on the page); other types raise
//! CPython's `TypeError`. `bytes` seeds are not accepted: the input parser has no bytes literal.

use num_bigint::{BigInt, Sign};

use super::generate::join_ints;
use super::mt19937::{hash_float, Mt19937};
use super::parse::{parse_literal, ParseOptions};
use super::pyvalue::{PyErr, PyResult, PyValue};
use super::rng::Rng;
use super::sha2::sha512;
use super::{InputError, Inputs, Section};

/// Lists at most this long get the step-by-step swap table.
const MAX_STEPS: usize = 20;

/// The seeded generator, or why there is none.
enum Seeded {
    Rng(Box<Mt19937>),
    /// `random.seed(None)` (or no seed): a fresh OS seed every run.
    Unseeded,
    /// A NaN float: `hash(nan)` is the object's address (Python 3.10+).
    Nan,
}

/// `random.seed(a)` (version 2) for the parsed `seed`.
fn seed_state(seed: &PyValue) -> PyResult<Seeded> {
    Ok(match seed {
        PyValue::None => Seeded::Unseeded,
        PyValue::Int(_) | PyValue::Bool(_) => Seeded::Rng(Box::new(Mt19937::from_int(
            &seed.as_int().unwrap_or_default(),
        ))),
        PyValue::Float(f) => match hash_float(*f) {
            // CPython seeds with `(size_t)hash`.
            Some(h) => Seeded::Rng(Box::new(Mt19937::from_int(&BigInt::from(h as u64)))),
            None => Seeded::Nan,
        },
        PyValue::Str(s) => {
            let mut bytes = s.as_bytes().to_vec();
            bytes.extend_from_slice(&sha512(s.as_bytes()));
            Seeded::Rng(Box::new(Mt19937::from_int(&BigInt::from_bytes_be(
                Sign::Plus,
                &bytes,
            ))))
        }
        _ => {
            return Err(PyErr::new(
                "TypeError",
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ))
        }
    })
}

/// One swap of the shuffle: `(i, j)`.
type Swap = (usize, usize);

/// `random.shuffle(x)` on `x`, recording the swaps. Returns the exception CPython raises for
/// values that are not mutable sequences.
fn shuffle(rng: &mut Mt19937, x: &mut PyValue, swaps: &mut Vec<Swap>) -> PyResult<()> {
    let len = match &*x {
        PyValue::List(v) | PyValue::Tuple(v) | PyValue::Set(v) => v.len(),
        PyValue::Str(s) => s.chars().count(),
        PyValue::Dict(p) => p.len(),
        other => {
            return Err(PyErr::new(
                "TypeError",
                format!("object of type '{}' has no len()", other.type_name()),
            ))
        }
    };
    for i in (1..len).rev() {
        let j = rng.randbelow(i as u64 + 1) as usize;
        match x {
            PyValue::List(v) => v.swap(i, j),
            PyValue::Dict(pairs) => dict_swap(pairs, i, j)?,
            other => {
                let msg = if matches!(other, PyValue::Set(_)) {
                    "object is not subscriptable"
                } else {
                    "object does not support item assignment"
                };
                return Err(PyErr::new(
                    "TypeError",
                    format!("'{}' {msg}", other.type_name()),
                ));
            }
        }
        swaps.push((i, j));
    }
    Ok(())
}

/// `x[i], x[j] = x[j], x[i]` on a dict: both keys must exist (`KeyError` names the missing one,
/// `x[j]` first).
fn dict_swap(pairs: &mut [(PyValue, PyValue)], i: usize, j: usize) -> PyResult<()> {
    let find = |pairs: &[(PyValue, PyValue)], k: usize| -> PyResult<usize> {
        let key = PyValue::int(k as i64);
        pairs
            .iter()
            .position(|(kk, _)| kk.py_eq(&key))
            .ok_or_else(|| PyErr::new("KeyError", k.to_string()))
    };
    let pj = find(pairs, j)?;
    let pi = find(pairs, i)?;
    let vj = pairs[pj].1.clone();
    let vi = std::mem::replace(&mut pairs[pi].1, vj);
    pairs[pj].1 = vi;
    Ok(())
}

fn steps_text(swaps: &[Swap]) -> String {
    swaps
        .iter()
        .map(|(i, j)| {
            format!(
                "i = {i}: j = _randbelow({}) = {j}，交换 x[{i}] 和 x[{j}]",
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let mut list = inp.literal("list", ParseOptions { allow_range: true })?;
    let seed_text = inp.text("seed")?;
    let seed = if seed_text.trim().is_empty() {
        PyValue::None
    } else {
        parse_literal(seed_text).map_err(|e| InputError {
            field: "seed",
            message: e.message,
            position: e.position,
        })?
    };
    let call = "random.seed(seed); print(random.shuffle(my_list))";
    let mut rng = match seed_state(&seed) {
        Err(e) => return Ok(vec![Section::from_result("returned", call, Err(e))]),
        Ok(Seeded::Rng(rng)) => rng,
        Ok(state) => {
            let why = if matches!(state, Seeded::Nan) {
                "hash(float('nan')) 取决于对象的内存地址（Python 3.10 起），所以用 NaN 做种子每次运行结果都不同，这里无法复现。"
            } else {
                "没有种子（或 random.seed(None)）时，CPython 用操作系统的随机数做种子，每次运行结果都不同，这里无法复现；填一个整数或字符串种子就能得到和 CPython 完全一样的结果。"
            };
            return Ok(vec![Section::ok("returned", call, "None").with_note(why)]);
        }
    };
    let mut swaps = Vec::new();
    let result = shuffle(&mut rng, &mut list, &mut swaps);
    if let Err(e) = result {
        return Ok(vec![Section::from_result("returned", call, Err(e)).with_note(
            "random.shuffle 要求可以按下标读写的序列（如 list）：元组和字符串不能修改，集合不能用下标。",
        )]);
    }
    let mut out = vec![
        Section::ok("returned", call, "None").with_note(
            "random.shuffle 原地打乱列表，返回值是 None，所以 print(random.shuffle(my_list)) 打印 None——常见的坑。",
        ),
        Section::from_result("shuffled", "print(my_list)", list.repr()).with_note(
            "CPython 3.11 的 MT19937 + _randbelow（getrandbits 拒绝采样）：同一个种子在任何机器上都得到同样的顺序。",
        ),
    ];
    if !swaps.is_empty() && swaps.len() < MAX_STEPS {
        out.push(
            Section::ok("steps", "Fisher–Yates 每一步（从末尾往前）", steps_text(&swaps))
                .with_note("for i in reversed(range(1, len(x))): j = _randbelow(i + 1); x[i], x[j] = x[j], x[i]"),
        );
    }
    Ok(out)
}

pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let v: Vec<i64> = (1..=n as i64).collect();
    vec![
        ("list", join_ints(&v)),
        ("seed", rng.below(1_000_000).to_string()),
    ]
}
