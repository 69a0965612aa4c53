//! The notes: topic catalogue parsed from the bundled `content/` files, front matter,
//! Markdown rendering (the one pulldown-cmark call site) and Python highlighting.
//!
//! Pure: no browser imports. Parsing never panics; a bad file yields a [`FrontMatterError`].

pub mod bundle;
mod front_matter;
pub mod highlight;
pub mod pyedit;
pub mod pyrun;
// Build time only (the prerender step and the tests): the app receives the bodies rendered,
// so neither the renderer nor pulldown-cmark is compiled into the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod markdown;

pub use front_matter::{parse_topic, statics_source, FrontMatterError, Topic, CATEGORIES};

mod generated {
    #[cfg(not(target_arch = "wasm32"))]
    include!(concat!(env!("OUT_DIR"), "/content_files.rs"));
    use super::front_matter::StaticTopic;
    include!(concat!(env!("OUT_DIR"), "/front_matter.rs"));
}

/// Every content file as `(file name, text)`, in seed order. Native only (tests, the
/// prerender step): the wasm gets the front matter compiled ([`Catalogue::from_statics`]).
#[cfg(not(target_arch = "wasm32"))]
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
        has_cards: crate::cards::topic_has_cards(&t.slug),
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
    /// Every topic. Natively, parses every content file (bad files are reported, never
    /// panicked on); in the wasm, the same front matter as compiled by `build.rs`
    /// ([`Catalogue::from_statics`]), which fails the build on a bad file instead.
    pub fn load() -> Result<Catalogue, String> {
        #[cfg(target_arch = "wasm32")]
        return Ok(Self::from_statics());
        #[cfg(not(target_arch = "wasm32"))]
        Self::from_files(content_files())
    }

    /// The topics from the front matter `build.rs` compiled into the binary: every field but
    /// the body and `source_heading`, which are empty (a native test checks they equal the
    /// parsed files' otherwise).
    pub fn from_statics() -> Catalogue {
        Catalogue {
            topics: generated::TOPICS.iter().map(|t| t.to_topic()).collect(),
        }
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
