//! set_ops: `set(list1)`, `set(list2)`, then `&`, `^`, `|` and both differences, printed as
//! CPython prints them: the `{…}` repr in the set table's iteration order (`super::pyset`),
//! with CPython's choice of which equal element (1 / 1.0 / True) survives.

use super::generate::join_ints;
use super::parse::ParseOptions;
use super::pyset::{has_run_dependent_hash, PySet};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// The note under a set whose printed order depends on the run (see
/// [`has_run_dependent_hash`]).
pub(crate) const RUN_DEPENDENT_ORDER: &str = "含字符串（或 None、nan）的集合：这里按 PYTHONHASHSEED=0 时 CPython 的哈希顺序打印。真实的解释器默认每次启动都随机化字符串的哈希（None 的哈希取决于内存地址），所以同一段代码每次运行打印的顺序可能不同；元素本身不变。";

/// The note under a set of numbers and tuples of them.
const FIXED_ORDER: &str = "集合按哈希表里的槽位顺序打印，并不排序：小的非负整数的哈希值就是它本身，所以常常看起来有序（试试 [100, 9, 17, 1]）。整数、浮点数和由它们组成的元组哈希值固定，每次运行的顺序都和这里一样。";

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let a = inp.literal("a", ParseOptions::default())?;
    let b = inp.literal("b", ParseOptions::default())?;
    let s1 = match PySet::from_iterable(&a) {
        Ok(s) => s,
        Err(e) => {
            return Ok(vec![Section::from_result(
                "set1",
                "set1 = set(list1)",
                Err(e),
            )])
        }
    };
    let s2 = match PySet::from_iterable(&b) {
        Ok(s) => s,
        Err(e) => {
            return Ok(vec![Section::from_result(
                "set2",
                "set2 = set(list2)",
                Err(e),
            )])
        }
    };
    let ops: [(&'static str, &str, PySet); 5] = [
        (
            "&",
            "print(set1 & set2)　相同的元素（交集）",
            s1.intersection(&s2),
        ),
        (
            "^",
            "print(set1 ^ set2)　不同的元素（对称差）",
            s1.symmetric_difference(&s2),
        ),
        ("|", "print(set1 | set2)　并集", s1.union(&s2)),
        (
            "list1-list2",
            "print(set1 - set2)　只在 list1 中",
            s1.difference(&s2),
        ),
        (
            "list2-list1",
            "print(set2 - set1)　只在 list2 中",
            s2.difference(&s1),
        ),
    ];
    let mut out = Vec::new();
    for (key, label, set) in ops {
        let run_dependent = set.entries().any(|(_, v)| has_run_dependent_hash(v));
        let mut sec = Section::from_result(key, label, set.repr(false));
        if run_dependent {
            sec = sec.with_note(RUN_DEPENDENT_ORDER);
        } else if key == "&" && set.len() > 1 {
            sec = sec.with_note(FIXED_ORDER);
        }
        out.push(sec);
    }
    Ok(out)
}

/// Two lists of `n` random integers from `0..=2n`, so they share about half their values.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let span = (n as i64).max(1) * 2;
    let a: Vec<i64> = (0..n).map(|_| rng.range_i64(0, span)).collect();
    let b: Vec<i64> = (0..n).map(|_| rng.range_i64(0, span)).collect();
    vec![("a", join_ints(&a)), ("b", join_ints(&b))]
}
