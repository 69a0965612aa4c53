//! The notes: topic catalogue parsed from the bundled `content/` files, front matter,
//! Markdown rendering (the one pulldown-cmark call site) and Python highlighting.
//!
//! Pure: no browser imports. Parsing never panics; a bad file yields a [`FrontMatterError`].

pub mod bundle;
pub mod highlight;
pub mod pyedit;
pub mod pyrun;
// Build time only (the prerender step and the tests): the app receives the bodies rendered,
// so neither the renderer nor pulldown-cmark is compiled into the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod markdown;

use std::fmt;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/content_files.rs"));
}

/// Every bundled content file as `(file name, text)`, in seed order.
pub fn content_files() -> &'static [(&'static str, &'static str)] {
    generated::FILES
}

/// A topic title as inline HTML: escaped, with `` `code` `` spans marked up and `**`
/// dropped. The same output as the Markdown renderer gives for every title (a native test
/// checks all of them), without pulling pulldown-cmark into the wasm for one-line titles.
pub fn title_html(title: &str) -> String {
    let mut out = String::with_capacity(title.len() + 16);
    let text = title.replace("**", "");
    let text = text.trim();
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        highlight::escape_html(first, &mut out);
    }
    let rest: Vec<&str> = parts.collect();
    // Pairs of backticks delimit code; an unpaired last backtick stays literal.
    let mut i = 0;
    while i < rest.len() {
        if i + 1 < rest.len() {
            out.push_str("<code>");
            highlight::escape_html(rest[i], &mut out);
            out.push_str("</code>");
            highlight::escape_html(rest[i + 1], &mut out);
            i += 2;
        } else {
            out.push('`');
            highlight::escape_html(rest[i], &mut out);
            i += 1;
        }
    }
    out
}

/// The home page's hero (title, introduction, "start" link) as static HTML. The app's home
/// page and index.html's boot view (injected at build time) both use it.
pub fn home_hero_html(cat: &Catalogue) -> String {
    let first = cat
        .reading_order()
        .first()
        .map(|&i| crate::route::topic_hash(&cat.topics[i].slug))
        .unwrap_or_default();
    format!(
        "<h1>面试题 Playground</h1><p>{}</p><p><a class=\"button\" href=\"{first}\">从第一题开始 →</a></p>",
        home_intro(cat.topics.len())
    )
}

/// What the build injects into index.html's boot view (`#boot-home`): the home page's hero,
/// exactly as the app renders it. Only the hero: the category cards would make the boot
/// view's first layout (and so the first paint) slower, and the hero is what a reader sees
/// first on a phone.
pub fn home_static_html(cat: &Catalogue) -> String {
    format!("<section class=\"hero\">{}</section>", home_hero_html(cat))
}

/// The home page's introduction sentence.
pub fn home_intro(n_topics: usize) -> String {
    format!(
        "一份 {n_topics} 个主题的 Python 面试笔记：语言特性、算法编码题、并发、网络、Web 框架、数据库与分布式。\
         每个主题都能离线阅读；编码题配有 Rust 移植版，边输入边运行，结果与 CPython 一致；笔记里有错的地方会明确标出。"
    )
}

/// The table of contents as static HTML: a home link, then one `section.toc-group` per
/// category with a link per topic (`a[data-slug]`). Built once as a string because 78
/// reactive links cost the start-up ~50 ms on a phone; the app marks the current link itself.
pub fn toc_html(cat: &Catalogue) -> String {
    let lists = topic_lists(
        cat,
        "toc-group",
        |c, n, _| format!("{c}<span class=\"count\" data-total=\"{n}\">{n}</span>"),
        |t| format!(" data-slug=\"{}\"", t.slug),
    );
    format!("<a class=\"toc-home\" href=\"#/\">首页</a>{lists}")
}

/// The home page's category cards as static HTML (one `section.cat-card` per category, a
/// link per topic, `a[data-slug]`, each with its mark slot like the table of contents).
pub fn home_cards_html(cat: &Catalogue) -> String {
    topic_lists(
        cat,
        "cat-card",
        |c, n, first| format!("<a href=\"{first}\">{c}</a><span class=\"count\">{n} 题</span>"),
        |t| format!(" data-slug=\"{}\"", t.slug),
    )
}

/// The slot after a topic's title in a list, filled for a topic not yet opened: the visible
/// markers (`span.tm`, hidden from screen readers) and the words read with the link
/// (`span.vh`, visually hidden). The app rewrites both from the progress store.
pub fn mark_slot_html(t: &Topic) -> String {
    let mark = crate::progress::topic_mark(crate::progress::TopicFacts {
        has_exercise: !t.exercises.is_empty(),
        has_cards: !crate::cards::for_topic(&t.slug).is_empty(),
        ..Default::default()
    });
    format!(
        "<span class=\"tm\" aria-hidden=\"true\">{}</span><span class=\"vh\">{}</span>",
        mark.glyphs, mark.spoken
    )
}

/// One `<section class=…><h2>head</h2><ul>` per category, a link per topic. `head` gets the
/// category, its topic count and the link to its first topic; `link_attrs` extra attributes
/// of a topic's link.
fn topic_lists(
    cat: &Catalogue,
    class: &str,
    head: impl Fn(&str, usize, &str) -> String,
    link_attrs: impl Fn(&Topic) -> String,
) -> String {
    let mut out = String::new();
    for c in CATEGORIES {
        let topics: Vec<&Topic> = cat.in_category(c).collect();
        let first = topics
            .first()
            .map(|t| crate::route::topic_hash(&t.slug))
            .unwrap_or_default();
        out.push_str(&format!(
            "<section class=\"{class}\"><h2>{}</h2><ul>",
            head(c, topics.len(), &first)
        ));
        for t in topics {
            out.push_str(&format!(
                "<li><a href=\"{}\"{}>{}{}</a></li>",
                crate::route::topic_hash(&t.slug),
                link_attrs(t),
                title_html(&t.title),
                mark_slot_html(t)
            ));
        }
        out.push_str("</ul></section>");
    }
    out
}

/// Words the topic page shows in its header, shared by the app (`ui::pages`,
/// `ui::topic_progress`) and the pre-wasm paint of a deep-linked topic
/// ([`bundle::topic_head_html`]), so the two lay out the same.
pub mod page_text {
    /// The app's name: the brand link and the end of every page title.
    pub const APP_NAME: &str = "面试题 Playground";

    /// The document title of a page: `"<page> · 面试题 Playground"`, or the app's name alone
    /// for the home page (`None`).
    pub fn document_title(page: Option<&str>) -> String {
        match page {
            Some(page) => format!("{page} · {APP_NAME}"),
            None => APP_NAME.to_string(),
        }
    }

    /// The topic page's breadcrumb: category, place among all topics and within the
    /// category, e.g. `"Python 语言 · 第 3 / 78 题（本类第 3 / 20 题）"`.
    pub fn crumb(category: &str, place: &super::Place) -> String {
        format!(
            "{category} · 第 {} / {} 题（本类第 {} / {} 题）",
            place.position + 1,
            place.total,
            place.in_category + 1,
            place.category_total
        )
    }

    /// Before the jump links to a topic's exercises.
    pub const EXERCISE_LINKS_LEAD: &str = "本题有可运行的练习：";
    /// Before a jump link's exercise title.
    pub const EXERCISE_LINK_MARK: &str = "▶ ";
    /// The 换行 toggle's label (`ui::code_wrap`, and the boot view's inert copy).
    pub const CODE_WRAP_LABEL: &str = "换行";
    /// The 换行 toggle's tooltip.
    pub const CODE_WRAP_HINT: &str = "代码块自动换行，不再左右滚动（本设备记住）";
    /// The status bar's label.
    pub const STATUS_LABEL: &str = "状态";
    /// The bookmark toggle, off.
    pub const BOOKMARK_OFF: &str = "☆ 收藏";
    /// The bookmark toggle, on.
    pub const BOOKMARK_ON: &str = "★ 已收藏";
}

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

/// A topic's place in the reading order ([`Catalogue::place`]). Positions are 0-based;
/// `prev` and `next` are indices into [`Catalogue::topics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Position among all topics.
    pub position: usize,
    /// How many topics there are.
    pub total: usize,
    /// Position within the topic's category.
    pub in_category: usize,
    /// How many topics the category has.
    pub category_total: usize,
    /// The topic before it (the last of the previous category at a category's start).
    pub prev: Option<usize>,
    /// The topic after it (the first of the next category at a category's end).
    pub next: Option<usize>,
}

/// The parsed catalogue of all topics, in seed order.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Topics in seed order.
    pub topics: Vec<Topic>,
}

impl Catalogue {
    /// Parses every bundled content file. Bad files are reported, never panicked on.
    pub fn load() -> Result<Catalogue, String> {
        Self::from_files(content_files())
    }

    /// Parses the given `(name, text)` files.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalogue, String> {
        let mut topics = Vec::with_capacity(files.len());
        for (name, text) in files {
            topics.push(parse_topic(text).map_err(|e| format!("{name}：{e}"))?);
        }
        Ok(Catalogue { topics })
    }

    /// Index of the topic with this slug.
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.slug == slug)
    }

    /// The topic with this slug.
    pub fn get(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    /// The reading order: indices into [`Catalogue::topics`], category by category in
    /// [`CATEGORIES`] order and within a category in seed order. The sidebar, the home page's
    /// cards and "从第一题开始" list topics in this order, and 上一题 / 下一题 and the
    /// breadcrumb's positions follow it ([`Catalogue::place`]).
    pub fn reading_order(&self) -> Vec<usize> {
        CATEGORIES
            .iter()
            .flat_map(|c| {
                self.topics
                    .iter()
                    .enumerate()
                    .filter(move |(_, t)| t.category == *c)
                    .map(|(i, _)| i)
            })
            .collect()
    }

    /// Where topic `idx` (an index into [`Catalogue::topics`]) stands in the reading order;
    /// `None` for an index out of range.
    pub fn place(&self, idx: usize) -> Option<Place> {
        let order = self.reading_order();
        let position = order.iter().position(|&i| i == idx)?;
        let category = &self.topics[idx].category;
        let same = |&&i: &&usize| self.topics[i].category == *category;
        Some(Place {
            position,
            total: order.len(),
            in_category: order[..position].iter().filter(same).count(),
            category_total: order.iter().filter(same).count(),
            prev: position.checked_sub(1).map(|p| order[p]),
            next: order.get(position + 1).copied(),
        })
    }

    /// Topics of one category, in seed order.
    pub fn in_category<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Topic> + 'a {
        self.topics.iter().filter(move |t| t.category == category)
    }
}
