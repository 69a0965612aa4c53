//! Front matter: the topic fields, the categories and the parser of a content file's
//! `---` block; and the generator of the wasm's compiled form of it.
//!
//! Self-contained (std and `serde_json` only): `build.rs` includes this file with `#[path]`
//! to parse every content file at build time, so the wasm gets the topics as Rust statics
//! ([`StaticTopic`]) instead of front matter text and a parser, and a bad file fails the
//! build with the same Chinese error the native tests report.

use std::fmt;

/// The fixed list of categories, in the order the home page shows them.
pub const CATEGORIES: &[&str] = &[
    "Python 语言",
    "算法与编码题",
    "并发与进程",
    "网络与 HTTP",
    "Web 框架",
    "数据库",
    "中间件与分布式",
    "设计与工程",
];

/// One topic of the notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// Stable ASCII slug: the URL and the progress key. Never changes once published.
    pub slug: String,
    /// Display title (the heading, trimmed; a chosen title where the heading is empty).
    pub title: String,
    /// The question as an interviewer would ask it, in Chinese: the review card's front side
    /// (the title, often the note's first sentence, stays for reading).
    pub question: String,
    /// The heading text exactly as the seed has it after `#### `.
    pub source_heading: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// Ids of linked exercises (see `crate::exercises`).
    pub exercises: Vec<String>,
    /// Markdown body (front matter removed).
    pub body: String,
}

/// Why a content file could not be read, with the line it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line number in the file.
    pub line: usize,
    /// Explanation in Chinese.
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 行：{}", self.line, self.message)
    }
}

fn err(line: usize, message: impl Into<String>) -> FrontMatterError {
    FrontMatterError {
        line,
        message: message.into(),
    }
}

/// Parses one content file: `---`, `key: value` lines, `---`, then the Markdown body.
pub fn parse_topic(text: &str) -> Result<Topic, FrontMatterError> {
    let mut lines = text.split('\n').enumerate();
    match lines.next() {
        Some((_, "---")) => {}
        _ => return Err(err(1, "文件必须以 `---` 开头的 front matter 开始")),
    }
    let (mut slug, mut title, mut question, mut source_heading, mut category, mut exercises) =
        (None, None, None, None, None, None);
    let mut body_start = None;
    let mut offset = 4; // bytes consumed so far ("---\n")
    for (idx, line) in lines.by_ref() {
        let line_no = idx + 1;
        offset += line.len() + 1;
        if line == "---" {
            body_start = Some((offset, line_no));
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(
                line_no,
                format!("缺少冒号：应为 `键: 值`，实际是 `{line}`"),
            ));
        };
        let value = value.trim();
        match key.trim() {
            "slug" => {
                if value.is_empty()
                    || !value
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    return Err(err(
                        line_no,
                        format!("slug 只能包含小写 ASCII 字母、数字和 `-`，实际是 `{value}`"),
                    ));
                }
                slug = Some(value.to_string());
            }
            "title" => title = Some(parse_json_string(value).map_err(|m| err(line_no, m))?),
            "question" => {
                let q = parse_json_string(value).map_err(|m| err(line_no, m))?;
                if q.trim().is_empty() {
                    return Err(err(line_no, "question 不能为空"));
                }
                question = Some(q);
            }
            "source_heading" => {
                source_heading = Some(parse_json_string(value).map_err(|m| err(line_no, m))?)
            }
            "category" => {
                if !CATEGORIES.contains(&value) {
                    return Err(err(line_no, format!("未知分类 `{value}`")));
                }
                category = Some(value.to_string());
            }
            "exercises" => {
                let inner = value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'))
                    .ok_or_else(|| err(line_no, "exercises 应写成 `[id, id]`"))?;
                exercises = Some(
                    inner
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                );
            }
            other => return Err(err(line_no, format!("未知字段 `{other}`"))),
        }
    }
    let (body_start, end_line) =
        body_start.ok_or_else(|| err(1, "front matter 没有以 `---` 结束"))?;
    let missing = |name: &str| err(1, format!("front matter 缺少字段 `{name}`"));
    let title: String = title.ok_or_else(|| missing("title"))?;
    if title.trim().is_empty() {
        return Err(err(1, "title 不能为空"));
    }
    Ok(Topic {
        slug: slug.ok_or_else(|| missing("slug"))?,
        title,
        question: question.ok_or_else(|| {
            err(
                end_line,
                "front matter 缺少字段 `question`：请在此行之前写上面试官会怎么问，如 `question: \"……？\"`",
            )
        })?,
        source_heading: source_heading.ok_or_else(|| missing("source_heading"))?,
        category: category.ok_or_else(|| missing("category"))?,
        exercises: exercises.ok_or_else(|| missing("exercises"))?,
        body: text
            .get(body_start..)
            .unwrap_or("")
            .trim_start_matches('\n')
            .to_string(),
    })
}

fn parse_json_string(value: &str) -> Result<String, String> {
    serde_json::from_str::<String>(value).map_err(|e| format!("应为带双引号的 JSON 字符串：{e}"))
}

/// A topic as the build compiles it into the wasm: the front matter the app reads (no body,
/// which the app receives rendered, and no `source_heading`, which only maintainers read).
#[derive(Debug)]
pub(crate) struct StaticTopic {
    /// [`Topic::slug`].
    pub(crate) slug: &'static str,
    /// [`Topic::title`].
    pub(crate) title: &'static str,
    /// [`Topic::question`].
    pub(crate) question: &'static str,
    /// Index into [`CATEGORIES`].
    pub(crate) category: u8,
    /// [`Topic::exercises`].
    pub(crate) exercises: &'static [&'static str],
}

impl StaticTopic {
    /// The topic, with an empty body and `source_heading`.
    pub(crate) fn to_topic(&self) -> Topic {
        Topic {
            slug: self.slug.to_string(),
            title: self.title.to_string(),
            question: self.question.to_string(),
            source_heading: String::new(),
            category: CATEGORIES
                .get(usize::from(self.category))
                .copied()
                .unwrap_or_default()
                .to_string(),
            exercises: self.exercises.iter().map(|e| e.to_string()).collect(),
            body: String::new(),
        }
    }
}

/// Rust source of `static TOPICS: &[StaticTopic]`, one entry per `(file name, text)` in order
/// (`build.rs` writes it for the crate to include).
///
/// # Errors
/// The first file whose front matter does not parse: `"<file>：第 n 行：…"`.
pub fn statics_source(files: &[(&str, &str)]) -> Result<String, String> {
    let mut out = String::from(
        "/// Every topic's front matter, in file-name (= seed) order (generated by build.rs).\n\
         pub(crate) static TOPICS: &[StaticTopic] = &[\n",
    );
    for (name, text) in files {
        let t = parse_topic(text).map_err(|e| format!("{name}：{e}"))?;
        let category = CATEGORIES
            .iter()
            .position(|c| *c == t.category)
            .unwrap_or_default();
        out.push_str(&format!(
            "    StaticTopic {{ slug: {:?}, title: {:?}, question: {:?}, category: {category}, exercises: &{:?} }},\n",
            t.slug, t.title, t.question, t.exercises
        ));
    }
    out.push_str("];\n");
    Ok(out)
}
