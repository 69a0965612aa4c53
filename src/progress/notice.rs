//! What loading or importing progress has to tell the user, as typed notices; each kind is
//! worded in Chinese by one function ([`LoadNotice::message`], [`ImportError::message`]).

use super::import::format_bytes;

/// Where the loaded text came from: it decides whether a notice can say the original was
/// backed up (the app backs up stored data before rewriting it; an import backs nothing up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadSource {
    /// The app's own stored progress.
    Stored,
    /// A file (or backup) being imported.
    Imported,
}

/// Something loading has to tell the user, with its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNotice {
    /// The text is not valid JSON: nothing could be read.
    InvalidJson,
    /// The JSON is not an object: nothing could be read.
    NotAnObject,
    /// The data is from a newer schema: used in memory only, never written back.
    NewerSchema {
        /// The schema version found.
        version: u32,
    },
    /// Schema v1 data was migrated to the current schema.
    MigratedV1,
    /// The schema version was missing or malformed; read as the current shape.
    BadVersion,
    /// Values of the wrong type or out of range were dropped.
    Dropped {
        /// How many.
        count: usize,
    },
    /// Strings were cut to their size cap.
    Truncated {
        /// How many.
        count: usize,
    },
    /// Records of slugs the notes do not have were kept aside (see `ProgressStore::orphans`).
    Orphaned {
        /// How many.
        count: usize,
        /// The first few of those slugs.
        examples: Vec<String>,
    },
    /// Records kept aside earlier belong to topics that are back in the notes.
    Restored {
        /// How many.
        count: usize,
    },
}

impl LoadNotice {
    /// The notice in Chinese, as shown to the user. Only stored data is backed up, so only
    /// [`LoadSource::Stored`] mentions the backup.
    pub fn message(&self, source: LoadSource) -> String {
        let stored = source == LoadSource::Stored;
        // How a sentence about salvaged data ends.
        let end = |sep: &str| {
            if stored {
                format!("{sep}原始数据已另存备份。")
            } else {
                "。".to_string()
            }
        };
        let fresh = if stored {
            "原始数据已另存备份，"
        } else {
            ""
        };
        match self {
            LoadNotice::InvalidJson => {
                format!("学习进度数据已损坏（不是有效的 JSON），{fresh}将从空白进度开始。")
            }
            LoadNotice::NotAnObject => format!("学习进度数据格式不对，{fresh}将从空白进度开始。"),
            LoadNotice::NewerSchema { version } => format!(
                "学习进度来自更新版本的应用（数据格式 v{version}），本页面只在内存中使用，不会保存任何修改。请刷新页面或更新应用。"
            ),
            LoadNotice::MigratedV1 => format!("已把旧版学习进度（v1）升级到新格式{}", end("，")),
            LoadNotice::BadVersion => format!(
                "学习进度的版本号缺失或无效，已按当前格式尽量读取{}",
                end("；")
            ),
            LoadNotice::Dropped { count } => {
                format!("学习进度中有 {count} 处数据无法识别，已忽略{}", end("；"))
            }
            LoadNotice::Truncated { count } => format!(
                "有 {count} 处内容过长（笔记上限 100 KB），已截断{}",
                end("；")
            ),
            LoadNotice::Orphaned { count, examples } => {
                let mut list: Vec<&str> = examples.iter().map(String::as_str).collect();
                if *count > examples.len() {
                    list.push("…");
                }
                format!(
                    "有 {count} 个主题在当前笔记中找不到（可能已改名）：{}。它们的进度已单独保留，不会丢失。",
                    list.join("、")
                )
            }
            LoadNotice::Restored { count } => {
                format!("已恢复 {count} 个主题的进度（这些主题重新出现在笔记中）。")
            }
        }
    }
}

/// Why a file cannot be imported. Nothing is changed when an import fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than [`super::MAX_IMPORT_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// The browser could not read the file as text.
    Unreadable,
    /// The text is not valid JSON.
    InvalidJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The JSON is not an object.
    NotAnObject,
    /// The data is from a newer schema, which this version cannot import safely.
    NewerSchema {
        /// The schema version found.
        version: u32,
    },
}

impl ImportError {
    /// The error in Chinese, as shown to the user.
    pub fn message(&self) -> String {
        match self {
            ImportError::TooLarge { bytes } => format!(
                "文件太大（{}），不像是学习进度导出文件。",
                format_bytes(*bytes)
            ),
            ImportError::Unreadable => {
                "无法读取这个文件（不是文本文件，或浏览器拒绝读取）。".to_string()
            }
            ImportError::InvalidJson { line, column } => format!(
                "文件不是有效的 JSON（第 {line} 行第 {column} 列附近出错），无法导入。请选择「导出进度」得到的 .json 文件。"
            ),
            ImportError::NotAnObject => {
                "文件内容不是学习进度（应为一个 JSON 对象），无法导入。".to_string()
            }
            ImportError::NewerSchema { version } => format!(
                "这个文件来自更新版本的应用（数据格式 v{version}），当前版本无法安全导入。请先刷新或更新应用。"
            ),
        }
    }
}
