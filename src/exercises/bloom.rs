//! bloom_vs_bitmap: a Bloom filter and a bitmap side by side (erratum E18). The notes have no
//! code; the hashing follows the catalogue's proposed spec: double hashing
//! `h_i = (h1 + i·h2) mod m`, with `h1`/`h2` the little-endian 64-bit words at bytes 0–8 and
//! 8–16 of the SHA-256 of `str(item)` in UTF-8 (`h2 |= 1`). A bitmap sets bit `id` for integer
//! ids `0..m`. Deleting from the Bloom filter naively clears the item's `k` bits, which is what
//! produces false negatives for other items.

use std::collections::HashSet;

use num_traits::ToPrimitive;

use super::parse::ParseOptions;
use super::pyvalue::PyValue;
use super::sha2::sha256;
use super::{InputError, Inputs, Section};

/// Largest `m` (bits) accepted.
const MAX_M: u64 = 1_000_000;
/// Largest `k` (hash functions) accepted.
const MAX_K: u64 = 64;
/// Most items per list.
const MAX_ITEMS: usize = 10_000;
/// Bits drawn per row.
const ROW: usize = 64;

/// The Bloom filter's `k` bit positions of `item` in a filter of `m` bits.
pub(crate) fn positions(item: &str, m: u64, k: u64) -> Vec<u64> {
    let d = sha256(item.as_bytes());
    let word = |b: &[u8]| {
        b.iter()
            .rev()
            .fold(0u128, |acc, &x| (acc << 8) | u128::from(x))
    };
    let h1 = word(&d[0..8]);
    let h2 = word(&d[8..16]) | 1;
    (0..k)
        .map(|i| ((h1 + u128::from(i) * h2) % u128::from(m)) as u64)
        .collect()
}

fn int_field(inp: &Inputs, name: &'static str, lo: u64, hi: u64) -> Result<u64, InputError> {
    inp.literal(name, ParseOptions::default())?
        .as_int()
        .and_then(|i| i.to_u64())
        .filter(|n| (lo..=hi).contains(n))
        .ok_or_else(|| InputError {
            field: name,
            message: format!("{name} 要是 {lo} 到 {hi} 之间的整数"),
            position: None,
        })
}

/// A list field: each item as `str(item)` (str and int items; ints only for a bitmap).
fn items(inp: &Inputs, name: &'static str, ints_only: bool) -> Result<Vec<String>, InputError> {
    let text = inp.text(name)?;
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let err = |message: String| InputError {
        field: name,
        message,
        position: None,
    };
    let v = inp.literal(name, ParseOptions::default())?;
    let (PyValue::List(xs) | PyValue::Tuple(xs) | PyValue::Set(xs)) = v else {
        return Err(err(format!(
            "期望一个列表，例如 ['apple', 'banana']，却得到 {}",
            v.type_name()
        )));
    };
    if xs.len() > MAX_ITEMS {
        return Err(err(format!("元素太多：上限 {MAX_ITEMS} 个")));
    }
    xs.iter()
        .map(|x| match x {
            PyValue::Str(s) if !ints_only => Ok(s.clone()),
            PyValue::Int(i) => Ok(i.to_string()),
            other => Err(err(format!(
                "元素只能是{}，却有一个 {}",
                if ints_only {
                    "整数 id"
                } else {
                    "字符串或整数"
                },
                other.type_name()
            ))),
        })
        .collect()
}

/// The bit array drawn in rows of [`ROW`], each row prefixed with its first index.
fn draw(bits: &[bool]) -> String {
    let width = bits.len().saturating_sub(1).to_string().len();
    bits.chunks(ROW)
        .enumerate()
        .map(|(r, row)| {
            let groups: Vec<String> = row
                .chunks(8)
                .map(|g| g.iter().map(|&b| if b { '1' } else { '0' }).collect())
                .collect();
            format!("{:>width$}  {}", r * ROW, groups.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The answer for one query: `(all bits set, truly present)`.
fn answer(set: bool, truly: bool, bitmap: bool) -> &'static str {
    match (set, truly) {
        (true, true) => "在（present）",
        (false, false) => "不在（absent）",
        (true, false) if bitmap => "在（present）",
        (true, false) => "误判为在（false positive：位都是 1，但没有加入过）",
        (false, true) => "漏判为不在（false negative：删除别的元素时清掉了它的位）",
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let kind = inp
        .text("kind")?
        .trim()
        .trim_matches(|c| c == '\'' || c == '"');
    let bitmap = match kind {
        "bloom" => false,
        "bitmap" => true,
        other => {
            return Err(InputError {
                field: "kind",
                message: format!("`{other}` 不是 bloom 或 bitmap"),
                position: None,
            })
        }
    };
    let m = int_field(inp, "m", 1, MAX_M)?;
    let k = if bitmap {
        1
    } else {
        int_field(inp, "k", 1, MAX_K)?
    };
    let (add, delete, query) = (
        items(inp, "add", bitmap)?,
        items(inp, "delete", bitmap)?,
        items(inp, "query", bitmap)?,
    );
    let pos = |item: &str, field: &'static str| -> Result<Vec<u64>, InputError> {
        if !bitmap {
            return Ok(positions(item, m, k));
        }
        match item.parse::<u64>() {
            Ok(id) if id < m => Ok(vec![id]),
            _ => Err(InputError {
                field,
                message: format!("位图只能存 0 到 {} 的整数 id，`{item}` 不行", m - 1),
                position: None,
            }),
        }
    };
    let mut bits = vec![false; m as usize];
    let mut lines = Vec::new();
    for item in &add {
        let p = pos(item, "add")?;
        for &b in &p {
            bits[b as usize] = true;
        }
        lines.push(format!("add {}  → 置 1：{p:?}", show(item, bitmap)));
    }
    for item in &delete {
        let p = pos(item, "delete")?;
        for &b in &p {
            bits[b as usize] = false;
        }
        lines.push(format!("delete {}  → 清 0：{p:?}", show(item, bitmap)));
    }
    let deleted: HashSet<&str> = delete.iter().map(String::as_str).collect();
    let truly: HashSet<&str> = add
        .iter()
        .map(String::as_str)
        .filter(|a| !deleted.contains(a))
        .collect();
    let mut answers = Vec::new();
    for item in &query {
        let p = pos(item, "query")?;
        let set = p.iter().all(|&b| bits[b as usize]);
        answers.push(format!(
            "{}  位 {p:?} → {}",
            show(item, bitmap),
            answer(set, truly.contains(item.as_str()), bitmap)
        ));
    }
    let ones = bits.iter().filter(|&&b| b).count();
    let n = add.iter().collect::<HashSet<_>>().len();
    let mut out = vec![
        Section::ok("operations", "每个操作改动的位", lines.join("\n")),
        Section::ok("bits", format!("位数组（{ones}/{m} 位为 1）"), draw(&bits)),
        Section::ok("answers", "查询结果", answers.join("\n")).with_note(if bitmap {
            "位图一个 id 对应一个位：查询没有误判，删除就是把那一位清 0，也是精确的。"
        } else {
            "布隆过滤器说“不在”一定不在；说“在”可能是误判（几个位碰巧被别的元素置 1）。它不支持删除：清掉一个元素的位，会让共用这些位的其他元素被漏判——是假阴性，不是笔记说的“误判率上升”。"
        }),
    ];
    if !bitmap {
        let rate = (1.0 - (-(k as f64) * n as f64 / m as f64).exp()).powf(k as f64);
        let best_k = if n > 0 {
            format!(
                "；这组 m、n 下最优的 k ≈ (m/n)·ln 2 = {:.2}",
                m as f64 / n as f64 * std::f64::consts::LN_2
            )
        } else {
            String::new()
        };
        out.push(
            Section::ok("fp_rate", "理论误判率 (1 − e^(−kn/m))^k", format!("{rate:.6}（约 {:.4}%）", rate * 100.0))
                .with_note(format!("n = {n} 个不同的已加入元素，m = {m} 位，k = {k} 个哈希{best_k}。k 选得合适时，多个哈希让误判率更低，而不是笔记说的更高（勘误 E18）。")),
        );
    }
    Ok(out)
}

fn show(item: &str, bitmap: bool) -> String {
    if bitmap {
        item.to_string()
    } else {
        super::pyvalue::repr_str(item)
    }
}
