//! The exercise engine's message protocol: what the page sends the engine worker (a second
//! wasm, `src/bin/engine_worker.rs`) and what it answers. The worker's whole logic, which
//! answers these messages, is `exercises::engine::Engine` (a pure state machine).
//!
//! Every message is one JSON string, except a file chunk, which is a two-element JS array
//! `[json, ArrayBuffer]` whose buffer is *transferred*, not copied. The shape follows the Python
//! worker's (`public/py-worker.js`, `notes::pyrun`): a `type` tag, a request `id`, `ms`.
//!
//! Page → worker ([`Request`]; every request has a fresh `id` and gets exactly one `result`):
//! - `{"type":"run","id":7,"exercise":"merge_sorted_lists","inputs":[["l1","[1, 3]"],["l2","[2]"]]}`
//!   runs a port (`exercises::run`);
//!   with `"generated":8` it also takes, for every field missing from `inputs`, the text that
//!   generate request 8 made (the worker keeps the last [`KEPT_GENERATED`], so a million values
//!   never cross to the page and back);
//! - `{"type":"generate","id":8,"exercise":"merge_sorted_lists","n":1000000,"seed":1}` makes
//!   random inputs (`exercises::generate`) and runs them: the result carries the output and,
//!   per field made, a preview (`made`);
//! - `{"type":"file_open","id":9,"k":10}`, then per chunk `[{"type":"file_chunk","id":10,"file":9}, ArrayBuffer]`,
//!   then `{"type":"file_close","id":11,"file":9}`: the top-k words of a file read in chunks
//!   (`exercises::WordCounter`); the close's result has sections `top` (the pairs as Python
//!   prints them) and, when the file had invalid UTF-8, `invalid` (a count of bytes);
//! - `{"type":"bench","id":12,"name":"merge"|"topk","n":1000000}`: the benchmark's timed
//!   kernels; the result's `ms` is the kernel alone, its one section `check` a value to compare.
//!
//! Worker → page ([`Reply`]):
//! - `{"type":"ready","ms":3.1}` once the wasm has started (requests sent earlier are lost, so
//!   the page queues them until then);
//! - `{"type":"result","id":7,"sections":[{"key","label","value","exception","note"}],"ms":0.4}`,
//!   or with `"error":{"field","message","position"}` instead of sections (an input error, in
//!   Chinese), and for `generate` also `"made":[{"field","preview","chars"}, …]` (the first
//!   [`PREVIEW_CHARS`] characters of each made text, and its length). `ms` is the worker's own
//!   time for the request, in milliseconds. Each section's value is already capped at
//!   [`super::panel::MAX_OUTPUT_CHARS`], so a million-item output never crosses to the page.
//!
//! The page runs the watchdog (a request unanswered after its time limit terminates the worker)
//! and drops answers to requests it no longer wants (`ui::engine`).

use serde::{Deserialize, Serialize};

use super::panel::cap_output;
use super::{InputError, Section};

/// One output section as it crosses to the page (owned strings; see [`Section`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireSection {
    /// Stable machine key (`Section::key`).
    pub key: String,
    /// Chinese label.
    pub label: String,
    /// What Python prints, capped at [`super::panel::MAX_OUTPUT_CHARS`] characters.
    pub value: String,
    /// Whether `value` is a Python exception line.
    #[serde(default)]
    pub exception: bool,
    /// Optional Chinese explanation.
    #[serde(default)]
    pub note: Option<String>,
}

/// An input error as it crosses to the page (see [`InputError`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    /// Name of the offending field (empty when no field is to blame).
    pub field: String,
    /// Chinese message.
    pub message: String,
    /// 1-based character column, when known.
    #[serde(default)]
    pub position: Option<usize>,
}

impl From<Section> for WireSection {
    fn from(s: Section) -> Self {
        WireSection {
            key: s.key.to_string(),
            label: s.label,
            value: cap_output(&s.value),
            exception: s.is_exception,
            note: s.note,
        }
    }
}

impl From<InputError> for WireError {
    fn from(e: InputError) -> Self {
        WireError {
            field: e.field.to_string(),
            message: e.message,
            position: e.position,
        }
    }
}

/// One input `generate` made, as the page shows it (the text itself stays in the worker).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeInput {
    /// The field's name.
    pub field: String,
    /// Its first [`PREVIEW_CHARS`] characters.
    pub preview: String,
    /// Its length in characters.
    pub chars: usize,
}

/// Characters of a generated input shown on the page.
pub const PREVIEW_CHARS: usize = 200;
/// Generated inputs the worker keeps for later runs (`generated` in a run request).
pub const KEPT_GENERATED: usize = 2;

/// A request from the page, as the worker reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Run `exercise` on `inputs` (`(field, text)` pairs).
    Run {
        /// Request id.
        id: u32,
        /// Exercise id.
        exercise: String,
        /// `(field, text)` pairs; missing fields take their defaults.
        inputs: Vec<(String, String)>,
        /// A generate request's id (0: none) whose made texts fill the fields missing from
        /// `inputs`.
        generated: u32,
    },
    /// Generate about `n` random items for `exercise` with `seed`, then run them.
    Generate {
        /// Request id.
        id: u32,
        /// Exercise id.
        exercise: String,
        /// Item count (capped at 1,000,000 by `exercises::generate`).
        n: usize,
        /// Generator seed.
        seed: u64,
    },
    /// Start counting the words of a file; `id` names the file in later chunks.
    FileOpen {
        /// Request id, also the file's id.
        id: u32,
        /// How many of the most common words to report.
        k: usize,
    },
    /// One chunk of the file `file` (its bytes travel beside the JSON).
    FileChunk {
        /// Request id.
        id: u32,
        /// The `file_open` request's id.
        file: u32,
    },
    /// The end of file `file`: report its top words.
    FileClose {
        /// Request id.
        id: u32,
        /// The `file_open` request's id.
        file: u32,
    },
    /// A benchmark kernel (`"merge"` or `"topk"`) on size `n`.
    Bench {
        /// Request id.
        id: u32,
        /// Kernel name.
        name: String,
        /// Size: items per merged list, or bytes of text.
        n: usize,
    },
}

/// Every field any request has, flat (serde's tagged enums cost wasm; see `notes::pyrun`).
#[derive(Serialize, Deserialize, Default)]
struct RawRequest {
    #[serde(rename = "type")]
    kind: String,
    id: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    exercise: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    inputs: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "is_zero")]
    n: usize,
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    seed: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    k: usize,
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    file: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    generated: u32,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}
fn is_zero_u64(n: &u64) -> bool {
    *n == 0
}

impl Request {
    /// The request's id.
    pub fn id(&self) -> u32 {
        match self {
            Request::Run { id, .. }
            | Request::Generate { id, .. }
            | Request::FileOpen { id, .. }
            | Request::FileChunk { id, .. }
            | Request::FileClose { id, .. }
            | Request::Bench { id, .. } => *id,
        }
    }

    /// The JSON text the page posts.
    pub fn to_json(&self) -> String {
        let raw = match self.clone() {
            Request::Run {
                id,
                exercise,
                inputs,
                generated,
            } => RawRequest {
                kind: "run".into(),
                id,
                exercise,
                inputs,
                generated,
                ..RawRequest::default()
            },
            Request::Generate {
                id,
                exercise,
                n,
                seed,
            } => RawRequest {
                kind: "generate".into(),
                id,
                exercise,
                n,
                seed,
                ..RawRequest::default()
            },
            Request::FileOpen { id, k } => RawRequest {
                kind: "file_open".into(),
                id,
                k,
                ..RawRequest::default()
            },
            Request::FileChunk { id, file } => RawRequest {
                kind: "file_chunk".into(),
                id,
                file,
                ..RawRequest::default()
            },
            Request::FileClose { id, file } => RawRequest {
                kind: "file_close".into(),
                id,
                file,
                ..RawRequest::default()
            },
            Request::Bench { id, name, n } => RawRequest {
                kind: "bench".into(),
                id,
                name,
                n,
                ..RawRequest::default()
            },
        };
        // Plain strings and numbers: serialising cannot fail.
        serde_json::to_string(&raw).unwrap_or_default()
    }

    /// Parses the JSON text of a request; `Err` says what was wrong (for the worker's reply).
    pub fn parse(text: &str) -> Result<Request, String> {
        let raw: RawRequest =
            serde_json::from_str(text).map_err(|e| format!("练习引擎收到无法识别的请求：{e}"))?;
        let RawRequest {
            id,
            exercise,
            inputs,
            n,
            seed,
            k,
            file,
            name,
            generated,
            ..
        } = raw;
        Ok(match raw.kind.as_str() {
            "run" => Request::Run {
                id,
                exercise,
                inputs,
                generated,
            },
            "generate" => Request::Generate {
                id,
                exercise,
                n,
                seed,
            },
            "file_open" => Request::FileOpen { id, k },
            "file_chunk" => Request::FileChunk { id, file },
            "file_close" => Request::FileClose { id, file },
            "bench" => Request::Bench { id, name, n },
            other => return Err(format!("练习引擎收到未知类型的请求：{other:?}")),
        })
    }
}

/// A reply from the worker, as the page reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// The worker's wasm has started and takes requests; `ms` since the worker began.
    Ready {
        /// Start-up time in milliseconds.
        ms: f64,
    },
    /// The answer to request `id`.
    Result(RunReply),
}

/// The answer to one request.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RunReply {
    /// The request's id.
    pub id: u32,
    /// The output, or the input error (`Err`); `None` only while the worker builds it.
    pub outcome: Option<Result<Vec<WireSection>, WireError>>,
    /// For `generate`: the inputs it made.
    pub made: Vec<MadeInput>,
    /// The worker's time for the request, in milliseconds.
    pub ms: f64,
}

/// Every field any reply has, flat.
#[derive(Serialize, Deserialize, Default)]
struct RawReply {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sections: Option<Vec<WireSection>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<WireError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    made: Vec<MadeInput>,
    #[serde(default)]
    ms: f64,
}

impl Reply {
    /// The JSON text the worker posts.
    pub fn to_json(&self) -> String {
        let raw = match self.clone() {
            Reply::Ready { ms } => RawReply {
                kind: "ready".into(),
                ms,
                ..RawReply::default()
            },
            Reply::Result(r) => {
                let (sections, error) = match r.outcome {
                    Some(Ok(s)) => (Some(s), None),
                    Some(Err(e)) => (None, Some(e)),
                    None => (Some(Vec::new()), None),
                };
                RawReply {
                    kind: "result".into(),
                    id: Some(r.id),
                    sections,
                    error,
                    made: r.made,
                    ms: r.ms,
                }
            }
        };
        serde_json::to_string(&raw).unwrap_or_default()
    }

    /// Parses one message from the worker; `Err` says in Chinese what was wrong with it.
    pub fn parse(text: &str) -> Result<Reply, String> {
        let bad = |why: &dyn std::fmt::Display| format!("练习引擎发来无法识别的消息：{why}");
        let raw: RawReply = serde_json::from_str(text).map_err(|e| bad(&e))?;
        Ok(match raw.kind.as_str() {
            "ready" => Reply::Ready { ms: raw.ms },
            "result" => Reply::Result(RunReply {
                id: raw.id.ok_or_else(|| bad(&"结果缺少 id"))?,
                outcome: Some(match raw.error {
                    Some(e) => Err(e),
                    None => Ok(raw.sections.unwrap_or_default()),
                }),
                made: raw.made,
                ms: raw.ms,
            }),
            other => return Err(bad(&format!("未知类型 {other:?}"))),
        })
    }
}
