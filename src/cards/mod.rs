//! Predict-the-output cards: code from the notes whose output is fixed, and the comparison of a
//! learner's prediction with what CPython printed.
//!
//! The cards live in one data file, `src/cards/cards.json`, written by `scripts/gen_cards.mjs`
//! from the cards `scripts/gen_cards.py` describes: every expected output was produced by running
//! the card's code in the CPython the app ships (3.14, Pyodide under Node, with
//! `PYTHONHASHSEED=0` as the browser's worker), never typed by hand. An e2e test regenerates the
//! file and fails on any difference; a native test checks each port card against its Rust port.
//!
//! Pure: no browser imports. The review queue schedules cards by [`Card::id`].

use std::sync::OnceLock;

use serde::Deserialize;

use crate::progress::Rating;

/// The data file, as generated. Native only (tests, the prerender step, which writes it into
/// the site as [`FILE_NAME`]); the app fetches that copy and hands it to [`install`].
#[cfg(not(target_arch = "wasm32"))]
pub const JSON: &str = include_str!("cards.json");

// `FILE_NAME` and `INDEX`, written by build.rs with `index.rs` (which only build.rs compiles).
mod generated {
    include!(concat!(env!("OUT_DIR"), "/cards_index.rs"));
}
pub use generated::{FILE_NAME, INDEX};

/// Where a card's code comes from.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CardSource {
    /// One of the notes' code blocks (comments removed, since they often state the answer),
    /// possibly followed by a few lines that call it.
    Block,
    /// The notes' code changed the way an interviewer would ask about it.
    Variant,
}

/// A card that is also a Rust port run on chosen inputs: the port must print the same.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PortCheck {
    /// Exercise id (see [`crate::exercises::find`]).
    pub exercise: String,
    /// Field name → text, as the exercise panel passes them.
    pub inputs: std::collections::BTreeMap<String, String>,
    /// Keys of the sections whose values, one per line, are the card's expected output.
    pub sections: Vec<String>,
}

/// One predict-the-output card.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Card {
    /// Stable id; progress is stored under it.
    pub id: String,
    /// Slug of the topic the code comes from.
    pub topic: String,
    /// Whether it is a notes block or a variant of one.
    pub source: CardSource,
    /// The question shown above the code, in Chinese.
    pub question: String,
    /// The Python code shown to the learner.
    pub code: String,
    /// Exactly what CPython printed: stdout, then the traceback's last line if it raised.
    pub expected: String,
    /// The exception class name when the code raises (`"NameError"`), else `None`.
    pub raises: Option<String>,
    /// Index of the notes' block among the topic's Python blocks, for block cards.
    #[serde(default)]
    pub block: Option<usize>,
    /// Why it prints that, in Chinese (hand-written; the output itself never is).
    pub explain: String,
    /// The erratum (`"E04"`) where the notes themselves get this wrong, if any.
    #[serde(default)]
    pub erratum: Option<String>,
    /// The Rust port that gives the same answer, if any.
    #[serde(default)]
    pub port: Option<PortCheck>,
    /// Whether lines printing a set compare as unordered (string hashing varies per process).
    #[serde(default)]
    pub unordered_sets: bool,
}

/// The card file: the interpreter that produced the answers, and the cards.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CardFile {
    /// The script that wrote it.
    pub generated_by: String,
    /// The interpreter that produced every `expected`, e.g. `"CPython 3.14.2 · Pyodide 314.0.7"`.
    pub python: String,
    /// The `PYTHONHASHSEED` used.
    pub hash_seed: u32,
    /// Every card, in notes order.
    pub cards: Vec<Card>,
}

/// Parses a card file.
///
/// # Errors
/// The JSON error, in Chinese, with its 1-based line and column.
pub fn parse(json: &str) -> Result<CardFile, String> {
    serde_json::from_str(json).map_err(|e| {
        format!(
            "卡片数据无法读取（第 {} 行第 {} 列）：{e}",
            e.line(),
            e.column()
        )
    })
}

/// The parsed card file: natively the built-in one; in the app, the fetched one once
/// [`install`]ed.
static FILE: OnceLock<Result<CardFile, String>> = OnceLock::new();

/// What [`catalogue`] says in the app before the card file has been [`install`]ed.
pub const NOT_LOADED: &str = "卡片数据还没有下载";

/// Every card: natively parsed once from the built-in data file; in the app, the file
/// [`install`] received.
///
/// # Errors
/// When the file does not parse (a native test makes sure the built-in one does), or, in
/// the app, [`NOT_LOADED`] before [`install`].
pub fn catalogue() -> Result<&'static CardFile, &'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    let file = Some(FILE.get_or_init(|| parse(JSON)));
    #[cfg(target_arch = "wasm32")]
    let file = FILE.get();
    file.map_or(Err(NOT_LOADED), |f| f.as_ref().map_err(String::as_str))
}

/// Parses the card file the app fetched and keeps it for [`catalogue`]; a second call
/// returns the first outcome.
///
/// # Errors
/// The parse error (in Chinese), or, when its cards are not the ones [`INDEX`] lists (a file
/// from another build), a Chinese error saying so.
pub fn install(json: &str) -> Result<&'static CardFile, &'static str> {
    FILE.get_or_init(|| parse_indexed(json))
        .as_ref()
        .map_err(String::as_str)
}

/// [`parse`], then checks the cards are the ones [`INDEX`] lists, in order.
///
/// # Errors
/// The parse error, or a Chinese error when the cards differ from the index (a file from
/// another build).
pub fn parse_indexed(json: &str) -> Result<CardFile, String> {
    let file = parse(json)?;
    let same = file.cards.len() == INDEX.len()
        && file
            .cards
            .iter()
            .zip(INDEX)
            .all(|(c, (id, topic))| c.id == *id && c.topic == *topic);
    if same {
        Ok(file)
    } else {
        Err("卡片数据与当前版本的应用不符，请刷新页面".to_string())
    }
}

/// The card with this id (once the file is loaded).
pub fn find(id: &str) -> Option<&'static Card> {
    catalogue().ok()?.cards.iter().find(|c| c.id == id)
}

/// The cards whose code comes from this topic, in file order (once the file is loaded).
pub fn for_topic(slug: &str) -> Vec<&'static Card> {
    catalogue()
        .map(|f| f.cards.iter().filter(|c| c.topic == slug).collect())
        .unwrap_or_default()
}

/// Whether this topic has cards ([`INDEX`]; no file needed).
pub fn topic_has_cards(slug: &str) -> bool {
    INDEX.iter().any(|(_, topic)| *topic == slug)
}

/// The topic card `id` comes from ([`INDEX`]; no file needed).
pub fn topic_of(id: &str) -> Option<&'static str> {
    INDEX
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, topic)| *topic)
}

/// Every card's `(topic, id)`, in file order ([`INDEX`]), the pairs `progress` takes.
pub fn topic_ids() -> Vec<(&'static str, &'static str)> {
    INDEX.iter().map(|(id, topic)| (*topic, *id)).collect()
}

/// Longest prediction compared, in characters; a longer one is cut (the diff says so).
pub const MAX_PREDICTION_CHARS: usize = 20_000;

/// One line of the comparison, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    /// A line the prediction got right.
    Same(String),
    /// A line CPython printed that the prediction lacks or got wrong.
    Missing(String),
    /// A line of the prediction that CPython did not print.
    Extra(String),
}

/// The outcome of comparing a prediction with a card's expected output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the prediction equals the output after [`normalise`].
    pub correct: bool,
    /// Line-by-line diff (Myers), expected against predicted; all `Same` when correct.
    pub lines: Vec<DiffLine>,
}

impl Verdict {
    /// How far off a prediction is: `(missing, extra)`, the lines CPython printed that the
    /// prediction lacks or got wrong, and the predicted lines CPython did not print.
    pub fn counts(&self) -> (usize, usize) {
        self.lines.iter().fold((0, 0), |(m, e), l| match l {
            DiffLine::Missing(_) => (m + 1, e),
            DiffLine::Extra(_) => (m, e + 1),
            DiffLine::Same(_) => (m, e),
        })
    }

    /// The verdict in words: never "0 lines wrong" on a wrong answer, and an empty prediction
    /// is named as such rather than scored line by line.
    pub fn headline(&self) -> String {
        if self.correct {
            return "✓ 完全正确".to_string();
        }
        let (missing, extra) = self.counts();
        if extra == 0 && !self.lines.iter().any(|l| matches!(l, DiffLine::Same(_))) {
            return "还没有写预测：下面是真实输出".to_string();
        }
        let mut parts = Vec::new();
        if missing > 0 {
            parts.push(format!("缺少或写错 {missing} 行"));
        }
        if extra > 0 {
            parts.push(format!("多写了 {extra} 行"));
        }
        format!("✗ 与真实输出不同：{}", parts.join("，"))
    }

    /// The FSRS rating the app proposes: 重来 (Again) when wrong, 良好 (Good) when right. The
    /// learner may choose another.
    pub fn proposed_rating(&self) -> Rating {
        if self.correct {
            Rating::Good
        } else {
            Rating::Again
        }
    }
}

/// The lines of a printed output as compared: `\r\n` read as `\n`, trailing whitespace of each
/// line and trailing blank lines dropped (print's final newline is not something to predict).
pub fn normalise(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.split('\n').map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A set's repr (`{'b', 'a'}`, `frozenset({1, 2})`) as its sorted element texts, so two orders of
/// the same set compare equal; `None` for a line that is not one set.
fn set_elements(line: &str) -> Option<Vec<String>> {
    let inner = line
        .strip_prefix("frozenset({")
        .and_then(|s| s.strip_suffix("})"))
        .or_else(|| line.strip_prefix('{').and_then(|s| s.strip_suffix('}')))?;
    let mut items = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0usize);
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ':') if depth == 0 => return None, // a dict, whose order is insertion order
            (None, ',') if depth == 0 => {
                items.push(inner[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(inner[start..].trim().to_string());
    items.sort();
    Some(items)
}

/// Compares a prediction with what CPython printed (see [`normalise`]); with `unordered_sets`,
/// a line printing a set matches the same elements in any order.
pub fn compare(expected: &str, predicted: &str, unordered_sets: bool) -> Verdict {
    let predicted: String = predicted.chars().take(MAX_PREDICTION_CHARS).collect();
    let want = normalise(expected);
    let got = normalise(&predicted);
    // Lines compare through a key: with unordered sets, a set line's key is its sorted elements.
    let key = |l: &String| -> String {
        match unordered_sets.then(|| set_elements(l)).flatten() {
            Some(items) => format!("\u{0}set\u{0}{}", items.join("\u{0}")),
            None => l.clone(),
        }
    };
    let want_keys: Vec<String> = want.iter().map(key).collect();
    let got_keys: Vec<String> = got.iter().map(key).collect();
    let correct = want_keys == got_keys;
    let mut lines = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &want_keys, &got_keys) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            lines.extend(want[old].iter().cloned().map(DiffLine::Same));
        } else {
            // Delete, Insert or Replace: what CPython printed there, then what was predicted.
            lines.extend(want[old].iter().cloned().map(DiffLine::Missing));
            lines.extend(got[new].iter().cloned().map(DiffLine::Extra));
        }
    }
    Verdict { correct, lines }
}
