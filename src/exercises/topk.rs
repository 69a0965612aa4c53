//! topk_word_freq: `re.findall(r'\b[a-zA-Z]+\b', text)` with Python's `\b` (word = `isalnum()`
//! or `_`), `Counter.most_common(k)`, the notes' two chunked readers (erratum E03), and a
//! streaming [`WordCounter`] that carries partial words and UTF-8 sequences across chunks.

use std::collections::HashMap;

use super::parse::parse_literal;
use super::pyvalue::{is_word_char, PyErr, PyResult, PyValue};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// Incremental tokenizer state for `\b[a-zA-Z]+\b`.
#[derive(Clone, Debug, Default)]
struct Tokenizer {
    prev_is_word: bool,
    run: String,
    in_run: bool,
    run_valid: bool,
}

impl Tokenizer {
    fn push(&mut self, c: char, emit: &mut impl FnMut(&str)) {
        if c.is_ascii_alphabetic() {
            if !self.in_run {
                self.in_run = true;
                self.run_valid = !self.prev_is_word;
                self.run.clear();
            }
            self.run.push(c);
            self.prev_is_word = true;
            return;
        }
        let word = is_word_char(c);
        if self.in_run {
            if self.run_valid && !word {
                emit(&self.run);
            }
            self.in_run = false;
            self.run.clear();
        }
        self.prev_is_word = word;
    }
    fn finish(&mut self, emit: &mut impl FnMut(&str)) {
        if self.in_run && self.run_valid {
            emit(&self.run);
        }
        *self = Tokenizer::default();
    }
}

/// `re.findall(r'\b[a-zA-Z]+\b', text)`.
pub fn findall_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut t = Tokenizer::default();
    let mut emit = |w: &str| out.push(w.to_string());
    for c in text.chars() {
        t.push(c, &mut emit);
    }
    t.finish(&mut emit);
    out
}

/// A `collections.Counter` of words that remembers first-seen order.
#[derive(Clone, Debug, Default)]
struct Counter {
    index: HashMap<String, usize>,
    counts: Vec<(String, u64)>,
}

impl Counter {
    fn add(&mut self, w: &str) {
        match self.index.get(w) {
            Some(&i) => {
                if let Some(e) = self.counts.get_mut(i) {
                    e.1 += 1;
                }
            }
            None => {
                self.index.insert(w.to_string(), self.counts.len());
                self.counts.push((w.to_string(), 1));
            }
        }
    }
    /// `most_common(k)`: by count descending, ties in first-seen order; `None` = all.
    fn most_common(mut self, k: Option<usize>) -> Vec<(String, u64)> {
        // Stable sort keeps first-seen order among equal counts, like sorted()/nlargest.
        self.counts.sort_by_key(|e| std::cmp::Reverse(e.1));
        if let Some(k) = k {
            self.counts.truncate(k);
        }
        self.counts
    }
}

fn count_text(text: &str, counter: &mut Counter) {
    let mut t = Tokenizer::default();
    let mut emit = |w: &str| counter.add(w);
    for c in text.chars() {
        t.push(c, &mut emit);
    }
    t.finish(&mut emit);
}

/// Python's text-mode newline translation (`\r\n` and lone `\r` become `\n`).
fn universal_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// 方式一: `while True: block = f.read(block_size); if not block: break; ...`.
fn method1_blocks(text: &str, block_size: i64, k: Option<usize>) -> Vec<(String, u64)> {
    let chars: Vec<char> = universal_newlines(text).chars().collect();
    let mut counter = Counter::default();
    if block_size == 0 {
        return Vec::new();
    }
    let size = if block_size < 0 {
        chars.len().max(1)
    } else {
        block_size as usize
    };
    for block in chars.chunks(size) {
        let s: String = block.iter().collect();
        count_text(&s, &mut counter);
    }
    counter.most_common(k)
}

/// 方式二: `block_size = file_size // block_num` (file size in bytes), `block_num` reads of
/// `block_size` characters, the last one plus the rest of the file.
fn method2_blocks(text: &str, block_num: i64, k: Option<usize>) -> PyResult<Vec<(String, u64)>> {
    if block_num == 0 {
        return Err(PyErr::new(
            "ZeroDivisionError",
            "integer division or modulo by zero",
        ));
    }
    let file_size = text.len() as i64;
    let block_size = file_size.div_euclid(block_num);
    let chars: Vec<char> = universal_newlines(text).chars().collect();
    let mut counter = Counter::default();
    if block_size == 0 && block_num > 0 {
        // Every read(0) returns '' and the last block reads the whole file: skip the empty reads.
        count_text(&chars.iter().collect::<String>(), &mut counter);
        return Ok(counter.most_common(k));
    }
    let mut pos = 0usize;
    for i in 0..block_num.max(0) {
        let take = |pos: &mut usize, n: Option<usize>| -> String {
            let end = match n {
                Some(n) => (*pos).saturating_add(n).min(chars.len()),
                None => chars.len(),
            };
            let s: String = chars.get(*pos..end).unwrap_or_default().iter().collect();
            *pos = end.max(*pos);
            s
        };
        // f.read(negative) reads everything.
        let mut block = take(&mut pos, usize::try_from(block_size).ok());
        if i == block_num - 1 {
            block.push_str(&take(&mut pos, None));
        }
        count_text(&block, &mut counter);
    }
    Ok(counter.most_common(k))
}

/// Python's repr of `most_common()` output: `[('hello', 3), ('world', 2)]`.
pub fn show_pairs(v: &[(String, u64)]) -> PyResult<String> {
    PyValue::List(
        v.iter()
            .map(|(w, c)| PyValue::Tuple(vec![PyValue::Str(w.clone()), PyValue::int(*c as i64)]))
            .collect(),
    )
    .repr()
}

/// Streaming word counter for big files: feed bytes in any chunking, get `most_common(k)`.
/// Invalid UTF-8 (where Python would raise `UnicodeDecodeError`) acts as a word separator and is
/// counted in [`WordCounter::invalid_bytes`].
#[derive(Clone, Debug, Default)]
pub struct WordCounter {
    tokenizer: Tokenizer,
    counter: Counter,
    pending: Vec<u8>,
    invalid_bytes: u64,
}

impl WordCounter {
    /// An empty counter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next chunk of the file (words and UTF-8 sequences may be split anywhere).
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend_from_slice(bytes);
        let mut rest: &[u8] = &buf;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.push_str(s);
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.push_str(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            self.invalid_bytes += n as u64;
                            self.push_char('\u{FFFD}');
                            rest = bad.get(n..).unwrap_or_default();
                        }
                        None => {
                            // An incomplete sequence at the end: wait for the next chunk.
                            self.pending = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        let counter = &mut self.counter;
        self.tokenizer.push(c, &mut |w: &str| counter.add(w));
    }

    /// Bytes that were not valid UTF-8 so far (Python would have raised `UnicodeDecodeError`).
    pub fn invalid_bytes(&self) -> u64 {
        self.invalid_bytes
    }

    /// Ends the input and returns `most_common(k)` (`None` = all), ties in first-seen order.
    pub fn finish(mut self, k: Option<usize>) -> Vec<(String, u64)> {
        if !self.pending.is_empty() {
            self.invalid_bytes += self.pending.len() as u64;
            self.push_char('\u{FFFD}');
        }
        let counter = &mut self.counter;
        self.tokenizer.finish(&mut |w: &str| counter.add(w));
        self.counter.most_common(k)
    }
}

/// Parses `k`: an int (negative → `[]`), `None` (all) or a bool.
fn parse_k(inp: &Inputs) -> Result<Option<usize>, InputError> {
    let text = inp.text("k")?;
    let v = parse_literal(text).map_err(|e| InputError {
        field: "k",
        message: e.message,
        position: e.position,
    })?;
    match v {
        PyValue::None => Ok(None),
        other => match other.as_int() {
            Some(i) => {
                use num_traits::{Signed, ToPrimitive};
                if i.is_negative() {
                    Ok(Some(0))
                } else {
                    Ok(Some(i.to_usize().unwrap_or(usize::MAX)))
                }
            }
            None => Err(InputError {
                field: "k",
                message: format!("k 必须是整数或 None，却得到 {}", other.type_name()),
                position: Some(1),
            }),
        },
    }
}

fn parse_small_int(inp: &Inputs, name: &'static str) -> Result<i64, InputError> {
    let text = inp.text(name)?;
    let v = parse_literal(text).map_err(|e| InputError {
        field: name,
        message: e.message,
        position: e.position,
    })?;
    use num_traits::ToPrimitive;
    v.as_int()
        .and_then(|i| i.to_i64())
        .ok_or_else(|| InputError {
            field: name,
            message: format!("{name} 必须是整数"),
            position: Some(1),
        })
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("text")?;
    let k = parse_k(inp)?;
    let block_size = parse_small_int(inp, "block_size")?;
    let block_num = parse_small_int(inp, "block_num")?;
    let mut whole = Counter::default();
    count_text(text, &mut whole);
    let expected = show_pairs(&whole.most_common(k));
    let mut out = vec![Section::from_result(
        "expected",
        "Counter(re.findall(...)).most_common(k)（整段文本一次处理）",
        expected.clone(),
    )
    .with_note("只数由非单词字符包围的纯 ASCII 字母串：don't → don、t；café、abc123、我爱python编程 里的词都不算。并列时按首次出现的顺序。")];
    let cut_note = |r: &PyResult<String>, cut: &'static str, raised: &'static str| match r {
        Err(_) => raised,
        Ok(v) if Ok(v) == expected.as_ref() => {
            "这次碰巧没有单词被切断（块够大，或切点正好落在单词之间）；把块改小试试。"
        }
        Ok(_) => cut,
    };
    let m1 = show_pairs(&method1_blocks(text, block_size, k));
    let m1_note = cut_note(
        &m1,
        "按固定字符数切块，不管单词边界：单词被切成两半时会被错误地数成两个词（勘误 E03）。",
        "",
    );
    out.push(
        Section::from_result(
            "method1_blocks",
            format!("方式一：每次 f.read({block_size})"),
            m1,
        )
        .with_note(m1_note),
    );
    let m2 = method2_blocks(text, block_num, k).and_then(|v| show_pairs(&v));
    let m2_note = cut_note(
        &m2,
        "同样按固定大小切块：单词被切断后两段分别计数（勘误 E03）。",
        "block_size = file_size // block_num：block_num 为 0 时整除抛 ZeroDivisionError。",
    );
    out.push(
        Section::from_result(
            "method2_blocks",
            format!("方式二：block_num={block_num}，block_size = 文件字节数 // block_num"),
            m2,
        )
        .with_note(m2_note),
    );
    // The fix: read fixed-size blocks, but carry a word cut at a block's end into the next.
    let mut carried = WordCounter::new();
    let bytes = text.as_bytes();
    let size = usize::try_from(block_size)
        .ok()
        .filter(|&n| n > 0)
        .unwrap_or(bytes.len().max(1));
    for chunk in bytes.chunks(size) {
        carried.feed(chunk);
    }
    out.push(
        Section::from_result(
            "chunked_correct",
            format!("正确的分块：每次读 {size} 个字节，块末尾不完整的单词留到下一块"),
            show_pairs(&carried.finish(k)),
        )
        .with_note(
            "和整段一次处理的结果相同：切点落在单词中间时，先不数块末尾的半个单词，等下一块补全。",
        ),
    );
    let words = findall_words(text);
    if words.len() <= 1000 {
        let list = PyValue::List(words.into_iter().map(PyValue::Str).collect());
        out.push(Section::from_result(
            "python_findall",
            "re.findall(r'\\b[a-zA-Z]+\\b', text)",
            list.repr(),
        ));
    }
    Ok(out)
}

/// The vocabulary of generated texts.
const WORDS: &[&str] = &[
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "python", "rust", "hello",
    "world", "data", "file", "word", "count", "list", "set", "dict", "merge",
];

/// A text of `n` words, Zipf-like (early words of [`WORDS`] much more common), mostly
/// space-separated with a newline about every twelfth word.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let mut s = String::with_capacity(n * 6);
    for i in 0..n {
        if i > 0 {
            s.push(if rng.below(12) == 0 { '\n' } else { ' ' });
        }
        let a = rng.below(WORDS.len() as u64);
        let b = rng.below(a + 1);
        s.push_str(WORDS.get(b as usize).copied().unwrap_or("the"));
    }
    vec![("text", s)]
}
