//! The engine worker's whole logic as a pure state machine: [`Engine::handle`] takes one
//! message of `exercises::protocol` and returns the reply's JSON. `src/bin/engine_worker.rs`
//! only moves messages in and out of it; native tests drive it directly.

use super::protocol::{
    MadeInput, Reply, Request, RunReply, WireError, WireSection, KEPT_GENERATED, PREVIEW_CHARS,
};
use super::{Section, WordCounter};
use serde::Deserialize;

/// Most files counted at once (each open file holds a word table).
const MAX_OPEN_FILES: usize = 4;

/// The worker's state: the files being counted. Feed it each message with [`Engine::handle`].
#[derive(Default)]
pub struct Engine {
    files: Vec<(u32, usize, WordCounter)>,
    /// The last [`KEPT_GENERATED`] generate requests' made inputs, by request id.
    generated: Vec<(u32, Vec<(String, String)>)>,
}

impl Engine {
    /// A fresh engine.
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers one message: `text` is its JSON, `chunk` the bytes of a `file_chunk`, `now` a
    /// millisecond clock (for `ms` and the benchmark kernels). Returns the reply's JSON.
    pub fn handle(&mut self, text: &str, chunk: Option<&[u8]>, now: &dyn Fn() -> f64) -> String {
        let t0 = now();
        let request = match Request::parse(text) {
            Ok(r) => r,
            Err(message) => {
                // Reply to the id if there is one, so the page's waiting request ends.
                #[derive(Deserialize)]
                struct IdOnly {
                    id: u32,
                }
                let id = serde_json::from_str::<IdOnly>(text)
                    .map(|r| r.id)
                    .unwrap_or(0);
                return error_reply(id, message, now() - t0);
            }
        };
        let id = request.id();
        let mut reply = RunReply {
            id,
            ..RunReply::default()
        };
        let mut bench_ms = None;
        reply.outcome = Some(match request {
            Request::Run {
                exercise,
                inputs,
                generated: 0,
                ..
            } => run_wire(&exercise, &[], &inputs),
            Request::Run {
                exercise,
                inputs,
                generated,
                ..
            } => match self.generated.iter().find(|g| g.0 == generated) {
                Some((_, made)) => run_wire(&exercise, made, &inputs),
                None => Err(wire_error(
                    "生成的数据已不在练习引擎里（引擎重启过），请重新生成".into(),
                )),
            },
            Request::Generate {
                exercise, n, seed, ..
            } => match super::generate(&exercise, n, seed) {
                Some(made) => {
                    let made: Vec<(String, String)> =
                        made.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                    reply.made = made
                        .iter()
                        .map(|(field, text)| MadeInput {
                            field: field.clone(),
                            preview: text.chars().take(PREVIEW_CHARS).collect(),
                            chars: text.chars().count(),
                        })
                        .collect();
                    let out = run_wire(&exercise, &made, &[]);
                    if self.generated.len() >= KEPT_GENERATED {
                        self.generated.remove(0);
                    }
                    self.generated.push((id, made));
                    out
                }
                None => Err(wire_error(format!("练习 `{exercise}` 不能随机生成输入"))),
            },
            Request::FileOpen { k, .. } => {
                if self.files.len() >= MAX_OPEN_FILES {
                    self.files.remove(0);
                }
                self.files.push((id, k, WordCounter::new()));
                Ok(Vec::new())
            }
            Request::FileChunk { file, .. } => match self.files.iter_mut().find(|f| f.0 == file) {
                Some((_, _, counter)) => {
                    counter.feed(chunk.unwrap_or_default());
                    Ok(Vec::new())
                }
                None => Err(wire_error("文件统计已中断，请重新选择文件".into())),
            },
            Request::FileClose { file, .. } => match self.files.iter().position(|f| f.0 == file) {
                Some(at) => {
                    let (_, k, counter) = self.files.remove(at);
                    let invalid = counter.invalid_bytes();
                    let pairs = counter.finish(Some(k));
                    let top = super::show_pairs(&pairs).unwrap_or_else(|e| e.to_string());
                    let mut sections = vec![WireSection::from(Section::ok("top", "", top))];
                    if invalid > 0 {
                        sections.push(WireSection::from(Section::ok(
                            "invalid",
                            "",
                            invalid.to_string(),
                        )));
                    }
                    Ok(sections)
                }
                None => Err(wire_error("文件统计已中断，请重新选择文件".into())),
            },
            Request::Bench { name, n, .. } => {
                let (ms, check) = bench(&name, n, now);
                bench_ms = Some(ms);
                Ok(vec![WireSection::from(Section::ok("check", "", check))])
            }
        });
        reply.ms = bench_ms.unwrap_or_else(|| now() - t0);
        Reply::Result(reply).to_json()
    }
}

fn wire_error(message: String) -> WireError {
    WireError {
        field: String::new(),
        message,
        position: None,
    }
}

fn error_reply(id: u32, message: String, ms: f64) -> String {
    Reply::Result(RunReply {
        id,
        outcome: Some(Err(wire_error(message))),
        made: Vec::new(),
        ms,
    })
    .to_json()
}

/// Runs one exercise on `base` overridden by `inputs` (`exercises::run` takes the last value
/// given for a field), and converts its outcome for the wire.
fn run_wire(
    exercise: &str,
    base: &[(String, String)],
    inputs: &[(String, String)],
) -> Result<Vec<WireSection>, WireError> {
    let refs: Vec<(&str, &str)> = base
        .iter()
        .chain(inputs)
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    super::run(exercise, &refs)
        .map(|s| s.into_iter().map(WireSection::from).collect())
        .map_err(WireError::from)
}

/// The benchmark's kernels: `merge` merges `[0, 2, 4, …]` with `[1, 3, 5, …]` (n each, the
/// alternating worst case); `topk` counts the words of [`bench_text`]`(n)` fed in 64 KiB chunks.
/// Returns the kernel's milliseconds (inputs built outside the timed region) and a check value.
fn bench(name: &str, n: usize, now: &dyn Fn() -> f64) -> (f64, String) {
    match name {
        "merge" => {
            let a: Vec<i64> = (0..n as i64).map(|i| 2 * i).collect();
            let b: Vec<i64> = (0..n as i64).map(|i| 2 * i + 1).collect();
            let t0 = now();
            let merged = super::merge_sorted_i64(&a, &b);
            let ms = now() - t0;
            let ok = merged.len() == 2 * n && merged.windows(2).all(|w| w[0] <= w[1]);
            (ms, format!("len={} sorted={ok}", merged.len()))
        }
        "topk" => {
            let text = bench_text(n);
            let t0 = now();
            let mut counter = WordCounter::new();
            for chunk in text.as_bytes().chunks(64 * 1024) {
                counter.feed(chunk);
            }
            let top = counter.finish(Some(10));
            let ms = now() - t0;
            (ms, super::show_pairs(&top).unwrap_or_default())
        }
        other => (0.0, format!("unknown kernel {other:?}")),
    }
}

/// The benchmark text: `text_bytes` bytes (or a few more) of ASCII words, skewed towards a
/// few frequent ones, with commas, full stops and newlines. Deterministic (LCG), so the JS and
/// CPython runs count exactly the same text.
pub fn bench_text(text_bytes: usize) -> String {
    const VOCAB: usize = 2000;
    let words: Vec<String> = (0..VOCAB)
        .map(|k| {
            let mut x = k * 7919 + 17;
            let len = 2 + k % 9;
            (0..len)
                .map(|_| {
                    let c = (b'a' + (x % 26) as u8) as char;
                    x = x / 26 + k * 31 + 7;
                    c
                })
                .collect()
        })
        .collect();
    let mut state: u32 = 12345;
    let mut next = move || {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345) & 0x7fff_ffff;
        state >> 8
    };
    let mut text = String::with_capacity(text_bytes + 16);
    while text.len() < text_bytes {
        let (r1, r2) = (next() as usize % VOCAB, next() as usize % VOCAB);
        let w = &words[r1 * r2 / VOCAB];
        if next() % 7 == 0 {
            // Capitalised occurrence: a different word for the case-sensitive regex.
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                text.push(c.to_ascii_uppercase());
                text.push_str(cs.as_str());
            }
        } else {
            text.push_str(w);
        }
        text.push_str(match next() % 12 {
            0 => ", ",
            1 => ".\n",
            _ => " ",
        });
    }
    text
}
