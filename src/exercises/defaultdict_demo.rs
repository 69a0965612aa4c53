//! defaultdict_demo: the notes' word count, `word_count = defaultdict(int)` over `s.split()`,
//! printed with CPython's `defaultdict.__repr__`; `str.split()` splits on runs of what
//! `str.isspace()` calls whitespace (CPython's `Py_UNICODE_ISSPACE`). Reading a missing key
//! with `d[k]` inserts it, `d.get(k)` does not.

use std::collections::HashMap;

use super::pyvalue::{is_space, repr_str};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// The key the demo reads: `'python'`, lengthened with `_` until it is not a counted word.
fn missing_key(index: &HashMap<&str, usize>) -> String {
    let mut key = String::from("python");
    while index.contains_key(key.as_str()) {
        key.push('_');
    }
    key
}

/// `repr(word_count)`: `defaultdict(<class 'int'>, {'the': 2, ...})`.
fn repr(counts: &[(&str, u64)]) -> String {
    let mut out = String::from("defaultdict(<class 'int'>, {");
    for (i, (w, n)) in counts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr_str(w));
        out.push_str(": ");
        out.push_str(&n.to_string());
    }
    out.push_str("})");
    out
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let s = inp.text("text")?;
    let words: Vec<&str> = s.split(is_space).filter(|w| !w.is_empty()).collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut counts: Vec<(&str, u64)> = Vec::new();
    for &w in &words {
        match index.get(w) {
            Some(&i) => counts[i].1 += 1,
            None => {
                index.insert(w, counts.len());
                counts.push((w, 1));
            }
        }
    }
    let words_repr = {
        let mut out = String::from("[");
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&repr_str(w));
        }
        out.push(']');
        out
    };
    let key = missing_key(&index);
    let key_repr = repr_str(&key);
    let before = repr(&counts);
    let mut after_counts = counts.clone();
    after_counts.push((&key, 0));
    Ok(vec![
        Section::ok("words", "words = s.split()", words_repr).with_note(
            "不带参数的 split() 按连续的空白切分并丢掉首尾空白：空格、制表符、换行，也包括全角空格 U+3000、不换行空格 U+00A0；零宽空格 U+200B 不算空白。没有空格的中文整句是一个词。",
        ),
        Section::ok("word_count", "print(word_count)", before).with_note(
            "打印的是 defaultdict 的 repr，不是普通字典的 {…}（勘误 E19）；键按第一次出现的顺序排列。",
        ),
        Section::ok("get_missing", format!("word_count.get({key_repr})"), "None")
            .with_note("get() 只是查询，不会调用默认工厂，也不会插入键。"),
        Section::ok("read_missing", format!("word_count[{key_repr}]"), "0").with_note(
            "键不存在时，d[k] 调用 __missing__：用 int() 生成默认值 0，并把它存进字典。",
        ),
        Section::ok("after_read", "再 print(word_count)", repr(&after_counts))
            .with_note(format!("读了一次 word_count[{key_repr}]，字典里就多了这个键。")),
    ])
}

/// A text of `n` words from a small vocabulary, separated by assorted whitespace.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    const WORDS: &[&str] = &[
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "狐狸", "café",
    ];
    const SPACES: &[&str] = &[" ", " ", " ", "  ", "\t", "\n", "\u{3000}", "\u{a0}"];
    let mut s = String::with_capacity(n * 6);
    for i in 0..n {
        if i > 0 {
            s.push_str(SPACES[rng.below(SPACES.len() as u64) as usize]);
        }
        s.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    vec![("text", s)]
}
