//! Random inputs for the list/text exercises, deterministic in the seed.

use super::rng::Rng;

const WORDS: &[&str] = &[
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "python", "rust", "hello",
    "world", "data", "file", "word", "count", "list", "set", "dict", "merge",
];

fn join_ints(v: &[i64]) -> String {
    let mut s = String::with_capacity(v.len() * 8 + 2);
    s.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&x.to_string());
    }
    s.push(']');
    s
}

fn sorted_ints(rng: &mut Rng, n: usize) -> Vec<i64> {
    let mut v: Vec<i64> = (0..n)
        .map(|_| rng.range_i64(-1_000_000, 1_000_000))
        .collect();
    v.sort_unstable();
    v
}

/// See [`super::generate`].
pub(crate) fn generate(id: &str, n: usize, seed: u64) -> Option<Vec<(&'static str, String)>> {
    let mut rng = Rng::new(seed);
    match id {
        "merge_sorted_lists" => {
            let a = sorted_ints(&mut rng, n);
            let b = sorted_ints(&mut rng, n);
            Some(vec![("l1", join_ints(&a)), ("l2", join_ints(&b))])
        }
        "set_ops" => {
            let span = (n as i64).max(1) * 2;
            let a: Vec<i64> = (0..n).map(|_| rng.range_i64(0, span)).collect();
            let b: Vec<i64> = (0..n).map(|_| rng.range_i64(0, span)).collect();
            Some(vec![("a", join_ints(&a)), ("b", join_ints(&b))])
        }
        "remove_while_iterating" => {
            let v: Vec<i64> = (0..n).map(|_| rng.range_i64(-1000, 1000)).collect();
            Some(vec![("list", join_ints(&v))])
        }
        "topk_word_freq" => {
            let mut s = String::with_capacity(n * 6);
            for i in 0..n {
                if i > 0 {
                    s.push(if rng.below(12) == 0 { '\n' } else { ' ' });
                }
                // Zipf-ish: low indices are much more common.
                let a = rng.below(WORDS.len() as u64);
                let b = rng.below(a + 1);
                s.push_str(WORDS.get(b as usize).copied().unwrap_or("the"));
            }
            Some(vec![("text", s)])
        }
        _ => None,
    }
}
