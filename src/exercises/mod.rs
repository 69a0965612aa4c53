//! Exercises: pure Rust ports of the notes' Python coding questions, printing exactly what
//! CPython 3.11 prints. No browser imports live here (a tidy test enforces it).
//!
//! The UI calls [`catalogue`] / [`find`] for the static description of each exercise, [`run`]
//! with the user's text fields, and [`generate`] for random large inputs. All three read the
//! one table in `registry.rs`.

mod closure;
mod day_of_year;
mod default_output;
pub mod engine;
mod generate;
mod list_slice;
mod listsort;
mod merge;
pub mod panel;
pub mod parse;
pub mod protocol;
mod pyint;
pub mod pyset;
pub mod pyvalue;
mod registry;
mod remove_while;
mod reverse_number;
pub mod rng;
mod runners;
mod seed_code;
mod set_ops;
mod sort_dict;
mod str_to_int;
mod topk;
mod unicode_tables;
// P2 ports, group A.
mod c3_mro;
mod defaultdict_demo;
mod http_status;
mod most_frequent;
mod redis_cluster_slot;
mod redis_reply;
mod redis_zset;
mod url_parts;

// Ports group B (issue 16) and their helpers.
mod bloom;
mod dir_walk;
mod metaclass;
mod mt19937;
mod observer;
mod script;
mod sha2;
mod shuffle;
mod tcp;
mod tcp_model;
mod yield_send;

pub use merge::merge_sorted_i64;
pub use topk::{findall_words, show_pairs, WordCounter};
// Ports group B (issue 16).
pub use dir_walk::tree_from_paths;

use pyvalue::PyResult;

/// Longest accepted text per input field, in characters.
pub const MAX_INPUT_CHARS: usize = 10_000_000;
/// Largest number of items an exercise will build for its output (guards `i * x` repetition).
pub const MAX_OUTPUT_ITEMS: usize = 10_000_000;

/// One input field of an exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Query-parameter name, also the key passed to [`run`].
    pub name: &'static str,
    /// Chinese label.
    pub label: &'static str,
    /// The notes' own example value.
    pub default: &'static str,
    /// Whether the UI should use a textarea.
    pub multiline: bool,
}

/// A place where the notes' code or claim differs from what CPython really does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Erratum {
    /// Short Chinese title, with the errata id.
    pub title: &'static str,
    /// What the notes say.
    pub claim: &'static str,
    /// What CPython really does.
    pub actual: &'static str,
    /// Why.
    pub why: &'static str,
}

/// Runs a port on the user's inputs (see [`run`]).
pub(crate) type RunFn = fn(&Inputs<'_>) -> Result<Vec<Section>, InputError>;
/// Makes random inputs with about `n` items (see [`generate`]).
pub(crate) type GenerateFn = fn(&mut rng::Rng, usize) -> Vec<(&'static str, String)>;

/// One exercise, as registered in `registry.rs`: what the page shows. The port that runs it
/// and its generator are in `runners.rs` (see [`run`], [`generate`]).
#[derive(Clone, Copy, Debug)]
pub struct ExerciseInfo {
    /// Stable id (used in URLs and in content front matter).
    pub id: &'static str,
    /// Chinese title.
    pub title: &'static str,
    /// Chinese question, one paragraph.
    pub question: &'static str,
    /// Input fields, in display order.
    pub fields: &'static [Field],
    /// Slug of the topic page that hosts this exercise.
    pub topic_slug: &'static str,
    /// Whether the panel also runs it on a text file the reader picks, read in chunks. The file
    /// reader (`ui::wordfile`) counts words with [`WordCounter`], so only the top-k port sets
    /// this; another file-taking exercise would first give the reader its own chunk consumer.
    pub takes_file: bool,
    /// Whether [`generate`] can make random inputs for it (`runners.rs` has a generator).
    pub generates: bool,
}

/// What only the exercise panel shows of an exercise (`registry::TEXTS`, in the registry's
/// order): kept apart from [`ExerciseInfo`], so the page's main wasm, which reads that table,
/// carries neither (issue 17: the panel is a lazily loaded chunk).
#[derive(Clone, Copy, Debug)]
pub struct ExerciseText {
    /// The exercise's id, as in [`ExerciseInfo::id`].
    pub id: &'static str,
    /// The notes' original Python, verbatim from the seed (empty when there is none).
    pub python: &'static str,
    /// Errata that concern this exercise.
    pub errata: &'static [Erratum],
}

impl ExerciseInfo {
    /// The notes' original Python, verbatim from the seed (empty when there is none).
    pub fn python(&self) -> &'static str {
        self.text().map_or("", |t| t.python)
    }

    /// Errata that concern this exercise.
    pub fn errata(&self) -> &'static [Erratum] {
        self.text().map_or(&[], |t| t.errata)
    }

    fn text(&self) -> Option<&'static ExerciseText> {
        registry::TEXTS.iter().find(|t| t.id == self.id)
    }

    /// Whether [`python`](Self::python) is an excerpt of the notes' prose rather than a Python
    /// block (the exercise comes from a topic whose notes have no code).
    pub fn python_is_prose(&self) -> bool {
        seed_code::PROSE_EXCERPTS.contains(&self.python())
    }

    /// Whether [`generate`] can make random inputs for it.
    pub fn supports_generate(&self) -> bool {
        self.generates
    }
}

/// One labelled result block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable machine key (e.g. `"merged"`), for tests and UI styling.
    pub key: &'static str,
    /// Chinese label, e.g. "方案二（正确）".
    pub label: String,
    /// Exactly what Python prints, or `"ValueError: ..."` when it raises.
    pub value: String,
    /// Whether `value` is a Python exception line.
    pub is_exception: bool,
    /// Optional Chinese explanation.
    pub note: Option<String>,
}

impl Section {
    /// A section showing a successful value.
    pub fn ok(key: &'static str, label: impl Into<String>, value: impl Into<String>) -> Self {
        Section {
            key,
            label: label.into(),
            value: value.into(),
            is_exception: false,
            note: None,
        }
    }
    /// A section from a Python-level result: the value or the exception line.
    pub fn from_result(key: &'static str, label: impl Into<String>, r: PyResult<String>) -> Self {
        match r {
            Ok(v) => Section::ok(key, label, v),
            Err(e) => Section {
                key,
                label: label.into(),
                value: e.to_string(),
                is_exception: true,
                note: None,
            },
        }
    }
    /// Adds the note that fits the outcome: `if_ok` under a value, `if_raised` under an
    /// exception (an explanation must describe the result it stands under).
    pub fn with_outcome_note(self, if_ok: impl Into<String>, if_raised: impl Into<String>) -> Self {
        if self.is_exception {
            self.with_note(if_raised)
        } else {
            self.with_note(if_ok)
        }
    }
    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// Unparseable or out-of-range input text (as opposed to a Python exception, which is output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Name of the offending field (empty for an unknown exercise id).
    pub field: &'static str,
    /// Chinese message naming the token, position and what was expected.
    pub message: String,
    /// 1-based character column, when known.
    pub position: Option<usize>,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.field, self.message)
    }
}

/// All exercises, in notes order.
pub fn catalogue() -> &'static [ExerciseInfo] {
    registry::EXERCISES
}

/// The ids of the exercises that have a port, with whether each has a generator, in
/// `runners.rs` order (a native test checks it matches [`catalogue`]).
pub fn runner_ids() -> impl Iterator<Item = (&'static str, bool)> {
    runners::RUNNERS
        .iter()
        .map(|r| (r.id, r.generate.is_some()))
}

/// Looks an exercise up by id.
pub fn find(id: &str) -> Option<&'static ExerciseInfo> {
    registry::EXERCISES.iter().find(|e| e.id == id)
}

/// The user's inputs for one run, falling back to each field's default.
pub(crate) struct Inputs<'a> {
    info: &'static ExerciseInfo,
    given: &'a [(&'a str, &'a str)],
}

impl<'a> Inputs<'a> {
    /// The text of field `name` (the last given value wins, else the default).
    pub(crate) fn text(&self, name: &'static str) -> Result<&'a str, InputError> {
        let given = self
            .given
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v);
        let text = match given {
            Some(v) => v,
            None => self
                .info
                .fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.default)
                .unwrap_or(""),
        };
        // Cheap byte check first; chars are never more than bytes.
        if text.len() > MAX_INPUT_CHARS && text.chars().count() > MAX_INPUT_CHARS {
            return Err(InputError {
                field: name,
                message: format!("输入太长：上限 {MAX_INPUT_CHARS} 个字符"),
                position: None,
            });
        }
        Ok(text)
    }

    /// Parses field `name` as a Python literal.
    pub(crate) fn literal(
        &self,
        name: &'static str,
        opts: parse::ParseOptions,
    ) -> Result<pyvalue::PyValue, InputError> {
        let text = self.text(name)?;
        parse::parse_literal_with(text, opts).map_err(|e| InputError {
            field: name,
            message: e.message,
            position: e.position,
        })
    }
}

/// Runs exercise `id` on the given `(field, text)` pairs; missing fields use their defaults.
pub fn run(id: &str, inputs: &[(&str, &str)]) -> Result<Vec<Section>, InputError> {
    let runner = runners::RUNNERS.iter().find(|r| r.id == id);
    let (Some(info), Some(runner)) = (find(id), runner) else {
        return Err(InputError {
            field: "",
            message: format!("没有这个练习：`{id}`"),
            position: None,
        });
    };
    let inp = Inputs {
        info,
        given: inputs,
    };
    (runner.run)(&inp)
}

/// The most values [`generate`] makes.
pub const GENERATE_MAX: usize = 1_000_000;

/// Random input text for exercises that take lists or text (`n` items, at most
/// [`GENERATE_MAX`]), deterministic in `seed`. `None` when the exercise does not support
/// generation.
pub fn generate(id: &str, n: usize, seed: u64) -> Option<Vec<(&'static str, String)>> {
    let generate = runners::RUNNERS.iter().find(|r| r.id == id)?.generate?;
    Some(generate(&mut rng::Rng::new(seed), n.min(GENERATE_MAX)))
}

/// A count typed into a number field (how many values to generate, how many words to list):
/// an integer in `1..=max`, surrounding spaces ignored. `Err` is the Chinese message to show
/// beside the field, quoting what was typed; nothing is clamped silently.
pub fn parse_count(text: &str, max: usize) -> Result<usize, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("请输入 1 到 {max} 之间的整数"));
    }
    match t.parse::<usize>() {
        Ok(0) => Err("至少为 1".to_string()),
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(format!("「{t}」超过上限 {max}")),
        // All digits but too long for usize is still just too big.
        Err(_) if t.bytes().all(|b| b.is_ascii_digit()) => Err(format!("「{t}」超过上限 {max}")),
        Err(_)
            if t.strip_prefix('-')
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Err("至少为 1".to_string())
        }
        Err(_) => Err(format!("「{t}」不是整数：请输入 1 到 {max} 之间的整数")),
    }
}
