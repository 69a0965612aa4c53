//! The learner's Python: the notes' code blocks they edited (per topic and block) and the
//! scratchpad page's code (`#/py`). Part of the progress store, so it is saved, merged across
//! tabs and exported/imported like the rest; an empty set is not written at all, so stores
//! without edits keep their exact shape.
//!
//! Each entry carries its own `updated_at`; the newer entry wins a merge. 还原 (back to the
//! notes' code) keeps the entry with no code, so the restore also wins a merge against an
//! older edit in another tab.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{bump, clamp_ms, truncate_utf8, ProgressStore, KEY_MAX_BYTES, MAX_TIMESTAMP_MS};

/// Longest code kept for one block or the scratchpad, in bytes; longer code is truncated.
pub const CODE_MAX_BYTES: usize = 64 * 1024;
/// Most block entries kept (edits and restores); the least recently changed go first.
pub const MAX_CODE_BLOCKS: usize = 500;

/// One block's (or the scratchpad's) code as the learner left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedCode {
    /// The learner's code; `None` once 还原 put the notes' code back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// When it last changed (ms).
    pub updated_at: i64,
    /// The scratchpad's 标准输入 text (lines for `input()`); blocks keep none. Absent in
    /// stores written before it existed, so no schema change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdin: Option<String>,
}

/// Edited blocks and the scratchpad.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CodeEdits {
    /// Per block key ([`block_key`]: `"<slug>/<index>"`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub blocks: BTreeMap<String, SavedCode>,
    /// The scratchpad page's code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scratchpad: Option<SavedCode>,
}

impl CodeEdits {
    /// Whether nothing was ever edited (then the store does not write the field).
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.scratchpad.is_none()
    }
}

/// The key of Python block `index` (0-based, in page order) of topic `slug`.
pub fn block_key(slug: &str, index: usize) -> String {
    format!("{slug}/{index}")
}

fn saved(prev: Option<&SavedCode>, code: Option<String>, now_ms: f64) -> SavedCode {
    let now = clamp_ms(now_ms);
    SavedCode {
        code,
        updated_at: prev.map_or(now, |p| bump(p.updated_at, now)),
        stdin: None,
    }
}

impl ProgressStore {
    /// The learner's code for a block, if they edited it (and did not restore it).
    pub fn block_code(&self, key: &str) -> Option<&str> {
        self.code_edits.blocks.get(key)?.code.as_deref()
    }

    /// Keys of the edited blocks of topic `slug`, with their code.
    pub fn topic_code_edits<'a>(&'a self, slug: &str) -> Vec<(&'a str, &'a str)> {
        let prefix = format!("{slug}/");
        self.code_edits
            .blocks
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, s)| Some((k.as_str(), s.code.as_deref()?)))
            .collect()
    }

    /// Saves the learner's code for a block (truncated to [`CODE_MAX_BYTES`]); returns whether
    /// it was truncated. An unchanged code is not re-stamped.
    pub fn set_block_code(&mut self, key: &str, code: &str, now_ms: f64) -> bool {
        let mut code = code.to_string();
        let truncated = truncate_utf8(&mut code, CODE_MAX_BYTES);
        self.put_block(key, Some(code), now_ms);
        truncated
    }

    /// 还原: the block shows the notes' code again (remembered as a restore, see the module).
    pub fn restore_block(&mut self, key: &str, now_ms: f64) {
        if self.code_edits.blocks.contains_key(key) {
            self.put_block(key, None, now_ms);
        }
    }

    fn put_block(&mut self, key: &str, code: Option<String>, now_ms: f64) {
        let mut key = key.to_string();
        truncate_utf8(&mut key, KEY_MAX_BYTES);
        let blocks = &mut self.code_edits.blocks;
        let prev = blocks.get(&key);
        if prev.is_some_and(|p| p.code == code) {
            return;
        }
        if prev.is_none() && blocks.len() >= MAX_CODE_BLOCKS {
            // Restores first, then the least recently changed edit.
            let oldest = blocks
                .iter()
                .min_by_key(|(_, s)| (s.code.is_some(), s.updated_at))
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                blocks.remove(&k);
            }
        }
        let entry = saved(blocks.get(&key), code, now_ms);
        blocks.insert(key, entry);
    }

    /// The scratchpad's code ("" when never written).
    pub fn scratchpad(&self) -> &str {
        self.code_edits
            .scratchpad
            .as_ref()
            .and_then(|s| s.code.as_deref())
            .unwrap_or("")
    }

    /// Saves the scratchpad (truncated to [`CODE_MAX_BYTES`]); returns whether it was truncated.
    pub fn set_scratchpad(&mut self, code: &str, now_ms: f64) -> bool {
        let mut code = code.to_string();
        let truncated = truncate_utf8(&mut code, CODE_MAX_BYTES);
        if self.scratchpad() != code || self.code_edits.scratchpad.is_none() {
            let prev = self.code_edits.scratchpad.as_ref();
            let mut entry = saved(prev, Some(code), now_ms);
            entry.stdin = prev.and_then(|p| p.stdin.clone());
            self.code_edits.scratchpad = Some(entry);
        }
        truncated
    }

    /// The scratchpad's 标准输入 text ("" when never typed).
    pub fn scratchpad_stdin(&self) -> &str {
        self.code_edits
            .scratchpad
            .as_ref()
            .and_then(|s| s.stdin.as_deref())
            .unwrap_or("")
    }

    /// Saves the scratchpad's 标准输入 text (truncated to [`CODE_MAX_BYTES`]; "" forgets it),
    /// keeping its code; returns whether it was truncated.
    pub fn set_scratchpad_stdin(&mut self, text: &str, now_ms: f64) -> bool {
        let mut text = text.to_string();
        let truncated = truncate_utf8(&mut text, CODE_MAX_BYTES);
        if self.scratchpad_stdin() != text {
            let prev = self.code_edits.scratchpad.as_ref();
            let mut entry = saved(prev, prev.and_then(|p| p.code.clone()), now_ms);
            entry.stdin = (!text.is_empty()).then_some(text);
            self.code_edits.scratchpad = Some(entry);
        }
        truncated
    }
}

/// Reads stored or imported `code_edits`; returns the edits, how many values were dropped
/// (wrong type, out of range) and how many strings were truncated. Never panics.
pub(crate) fn salvage(v: Option<&Value>) -> (CodeEdits, usize, usize) {
    let mut out = CodeEdits::default();
    let (mut dropped, mut truncated) = (0, 0);
    let mut entry = |v: &Value| -> Option<SavedCode> {
        let obj = v.as_object()?;
        if obj
            .keys()
            .any(|k| k != "code" && k != "updated_at" && k != "stdin")
        {
            return None;
        }
        let updated_at = obj
            .get("updated_at")?
            .as_i64()
            .filter(|t| (0..=MAX_TIMESTAMP_MS).contains(t))?;
        let mut text = |key: &str| -> Result<Option<String>, ()> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => {
                    let mut s = s.clone();
                    if truncate_utf8(&mut s, CODE_MAX_BYTES) {
                        truncated += 1;
                    }
                    Ok(Some(s))
                }
                Some(_) => Err(()),
            }
        };
        let code = text("code").ok()?;
        let stdin = text("stdin").ok()?;
        Some(SavedCode {
            code,
            updated_at,
            stdin,
        })
    };
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return (out, 0, 0);
    };
    let Some(obj) = v.as_object() else {
        return (out, 1, 0);
    };
    dropped += obj
        .keys()
        .filter(|k| *k != "blocks" && *k != "scratchpad")
        .count();
    match obj.get("blocks") {
        None | Some(Value::Null) => {}
        Some(Value::Object(blocks)) => {
            for (key, v) in blocks {
                let ok = !key.is_empty() && key.len() <= KEY_MAX_BYTES;
                match entry(v).filter(|_| ok && out.blocks.len() < MAX_CODE_BLOCKS) {
                    Some(e) => {
                        out.blocks.insert(key.clone(), e);
                    }
                    None => dropped += 1,
                }
            }
        }
        Some(_) => dropped += 1,
    }
    match obj.get("scratchpad") {
        None | Some(Value::Null) => {}
        Some(v) => match entry(v) {
            Some(e) => out.scratchpad = Some(e),
            None => dropped += 1,
        },
    }
    (out, dropped, truncated)
}
