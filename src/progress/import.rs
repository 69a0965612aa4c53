//! Export and import as the user sees them: reading an import file into a store with typed
//! notices, the words of the import preview and the export result, file names and sizes.
//!
//! Pure: the caller reads the file and the clock; dates come in as parameters.

use super::notice::{ImportError, LoadNotice, LoadSource};
use super::{load, ImportPreview, ProgressStore};

/// Largest import file accepted, in bytes (an export of every topic with long notes is far
/// smaller; anything bigger is not a progress file).
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;

/// A file that can be imported: the store it holds and what loading it had to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The progress in the file, salvaged like stored data.
    pub store: ProgressStore,
    /// What salvage had to change (the user sees these above the preview).
    pub notices: Vec<LoadNotice>,
}

impl Imported {
    /// The notices in Chinese, worded for an import (nothing was backed up).
    pub fn notice_messages(&self) -> Vec<String> {
        self.notices
            .iter()
            .map(|n| n.message(LoadSource::Imported))
            .collect()
    }

    /// Whether the file holds no progress at all (merging or replacing would be pointless).
    pub fn is_empty(&self) -> bool {
        self.store.topics.is_empty()
            && self.store.study_days.is_empty()
            && self.store.orphans.is_empty()
    }
}

/// Refuses a file of `bytes` bytes before reading it when it is too large to be an export.
pub fn check_import_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES {
        Err(ImportError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Reads an import (an exported file or a backup). Never panics; a file that cannot be
/// imported says why. `known_slugs` are the current topics (see [`load`]).
pub fn parse_import(text: &str, known_slugs: &[&str]) -> Result<Imported, ImportError> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(e) => {
            return Err(ImportError::InvalidJson {
                line: e.line(),
                column: char_column(text, e.line(), e.column()),
            })
        }
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) => return Err(ImportError::NotAnObject),
    }
    let outcome = load(Some(text), known_slugs);
    if let Some(version) = outcome.read_only_newer {
        return Err(ImportError::NewerSchema { version });
    }
    Ok(Imported {
        store: outcome.store,
        notices: outcome.notices,
    })
}

/// The 1-based column, in characters, of serde_json's `byte_column` on 1-based `line` of
/// `text`. serde_json counts bytes (a Chinese character is three) and reports column 0 at the
/// end of input after a newline; people count characters from 1.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    // serde_json's column is one past the byte it stopped at: count the characters before it.
    let mut end = byte_column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count() + 1
}

impl ImportPreview {
    /// One line of counts: `新增 2 · 更新 0 · 不变 0 · 冲突 0`.
    pub fn counts_line(&self) -> String {
        format!(
            "新增 {} · 更新 {} · 不变 {} · 冲突 {}",
            self.added, self.updated, self.unchanged, self.conflicts
        )
    }

    /// What a merge import of this preview did, for the message after it.
    pub fn merged_message(&self) -> String {
        let days = if self.new_study_days > 0 {
            format!("，新增 {} 个学习日", self.new_study_days)
        } else {
            String::new()
        };
        format!(
            "已合并导入：新增 {} 个、更新 {} 个主题{days}。",
            self.added,
            self.updated + self.conflicts
        )
    }
}

/// What an export holds, for the message after it.
pub fn export_message(store: &ProgressStore, file_name: &str) -> String {
    let topics = store.topics.len() + store.orphans.len();
    let notes = store.topics.values().filter(|t| !t.note.is_empty()).count();
    let marks = store.topics.values().filter(|t| t.bookmarked).count();
    format!("已导出「{file_name}」：{topics} 个主题的记录，其中 {notes} 条笔记、{marks} 个收藏。")
}

/// `mianshiti-progress-YYYYMMDD.json` for a local calendar date.
pub fn export_file_name(year: i64, month: u32, day: u32) -> String {
    format!("mianshiti-progress-{year}{month:02}{day:02}.json")
}

/// `mianshiti-progress-backup-<stamp>.json` for a backup made at `stamp` (its key's suffix).
pub fn backup_file_name(stamp: &str) -> String {
    format!("mianshiti-progress-backup-{stamp}.json")
}

/// A size for people: `512 B`, `1.5 KB`, `2.0 MB` (binary units, one decimal).
pub fn format_bytes(n: u64) -> String {
    const KB: u64 = 1024;
    if n < KB {
        format!("{n} B")
    } else if n < KB * KB {
        format!("{:.1} KB", n as f64 / KB as f64)
    } else {
        format!("{:.1} MB", n as f64 / (KB * KB) as f64)
    }
}
