//! What the topic lists (sidebar, home cards) and the header show of the learner's progress:
//! a marker per status with a distinct shape (never colour alone), ★ for a bookmark, ✎ for a
//! topic with the learner's own note, ▶ for a topic with an exercise, ? for one with code
//! cards, and the words a screen reader reads for them. The UI only applies these strings.

use super::Status;

/// The mark shown after a topic's title in a list: `glyphs` are seen (and hidden from screen
/// readers), `spoken` is visually hidden and read as part of the link's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicMark {
    /// The visible markers, e.g. `"◐★▶?"`.
    pub glyphs: String,
    /// The accessible words, e.g. `"（已读，已收藏，有练习）"`.
    pub spoken: String,
}

/// The marker of a status: a shape each, filling up as the topic is learnt.
pub fn status_glyph(status: Status) -> &'static str {
    match status {
        Status::Unread => "○",
        Status::Read => "◐",
        Status::Review => "↻",
        Status::Mastered => "●",
    }
}

/// The marker of a bookmarked topic.
pub const BOOKMARK_GLYPH: &str = "★";
/// The marker of a topic the learner wrote a note on (我的笔记).
pub const NOTE_GLYPH: &str = "✎";
/// The marker of a topic with an exercise.
pub const EXERCISE_GLYPH: &str = "▶";
/// The marker of a topic with predict-the-output cards (代码预测).
pub const CARDS_GLYPH: &str = "?";

/// The key to the list marks, `(glyph, words)` in the order they appear after a title: each
/// status, then bookmark, note, exercise and code cards. Shown once under the lists (the links
/// already carry the words for screen readers).
pub fn mark_legend() -> Vec<(&'static str, &'static str)> {
    let mut legend: Vec<(&'static str, &'static str)> = Status::ALL
        .iter()
        .map(|&s| (status_glyph(s), s.label()))
        .collect();
    legend.extend([
        (BOOKMARK_GLYPH, "已收藏"),
        (NOTE_GLYPH, "有笔记"),
        (EXERCISE_GLYPH, "有练习"),
        (CARDS_GLYPH, "有代码预测"),
    ]);
    legend
}

/// What a topic list knows of one topic: the learner's status, bookmark and note, and what
/// the topic offers (an exercise, code cards).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TopicFacts {
    /// The learner's status of the topic.
    pub status: Status,
    /// Whether the learner bookmarked it.
    pub bookmarked: bool,
    /// Whether the learner wrote a (non-blank) note on it.
    pub has_note: bool,
    /// Whether it has an exercise.
    pub has_exercise: bool,
    /// Whether it has predict-the-output cards.
    pub has_cards: bool,
}

impl TopicFacts {
    /// The learner's part as a short key: a list link whose key is unchanged needs no rewrite.
    pub fn learner_key(&self) -> String {
        format!(
            "{}{}{}",
            self.status.key(),
            if self.bookmarked { "+b" } else { "" },
            if self.has_note { "+n" } else { "" }
        )
    }
}

/// The mark of one topic in a list: its status, then the legend's other marks that apply,
/// in the legend's order.
pub fn topic_mark(facts: TopicFacts) -> TopicMark {
    let mut glyphs = status_glyph(facts.status).to_string();
    let mut words = vec![facts.status.label()];
    for (on, glyph, word) in [
        (facts.bookmarked, BOOKMARK_GLYPH, "已收藏"),
        (facts.has_note, NOTE_GLYPH, "有笔记"),
        (facts.has_exercise, EXERCISE_GLYPH, "有练习"),
        (facts.has_cards, CARDS_GLYPH, "有代码预测"),
    ] {
        if on {
            glyphs.push_str(glyph);
            words.push(word);
        }
    }
    TopicMark {
        glyphs,
        spoken: format!("（{}）", words.join("，")),
    }
}

/// The 复习 link's count of topics and code cards due today: the visible number and the words read with the
/// link; `None` when nothing is due.
pub fn due_badge(due: usize) -> Option<(String, String)> {
    (due > 0).then(|| (due.to_string(), format!("（今天 {due} 项待复习）")))
}

/// The home page's line about today's review, `None` when nothing is due.
pub fn due_summary(due: usize) -> Option<String> {
    (due > 0).then(|| format!("今天有 {due} 项到期待复习。"))
}

/// 继续阅读's position: the scroll position while the topic is 未读, its status once it has
/// been read (a topic marked 已读 never shows "0%").
pub fn continue_reading_label(status: Status, scroll: f64) -> String {
    match status {
        Status::Unread => format!("继续阅读（{:.0}%）", scroll.clamp(0.0, 1.0) * 100.0),
        s => format!("继续阅读（{}）", s.label()),
    }
}

/// A filter on the topic lists (the sidebar): which topics stay shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TopicFilter {
    /// Every topic.
    #[default]
    All,
    /// 只看未读: topics still 未读.
    Unread,
    /// 待复习: topics in the review cycle.
    Review,
    /// 已收藏: bookmarked topics.
    Bookmarked,
    /// 有笔记: topics the learner wrote a note on.
    Noted,
    /// 有练习: topics with an exercise.
    Exercise,
}

impl TopicFilter {
    /// The filters in the order they are offered.
    pub const ALL: [TopicFilter; 6] = [
        TopicFilter::All,
        TopicFilter::Unread,
        TopicFilter::Review,
        TopicFilter::Bookmarked,
        TopicFilter::Noted,
        TopicFilter::Exercise,
    ];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            TopicFilter::All => "全部",
            TopicFilter::Unread => "只看未读",
            TopicFilter::Review => "待复习",
            TopicFilter::Bookmarked => "已收藏",
            TopicFilter::Noted => "有笔记",
            TopicFilter::Exercise => "有练习",
        }
    }

    /// Whether a topic with these facts stays shown.
    pub fn keeps(self, t: TopicFacts) -> bool {
        match self {
            TopicFilter::All => true,
            TopicFilter::Unread => t.status == Status::Unread,
            TopicFilter::Review => t.status == Status::Review,
            TopicFilter::Bookmarked => t.bookmarked,
            TopicFilter::Noted => t.has_note,
            TopicFilter::Exercise => t.has_exercise,
        }
    }

    /// A category heading's count under this filter: the category's size when nothing is
    /// filtered, otherwise kept of total (`"3/12"`), with the words a screen reader reads.
    pub fn category_count(self, kept: usize, total: usize) -> (String, String) {
        if self == TopicFilter::All {
            (total.to_string(), format!("（{total} 个主题）"))
        } else {
            (
                format!("{kept}/{total}"),
                format!("（{total} 个主题中的 {kept} 个）"),
            )
        }
    }

    /// What the list says when the filter keeps no topic.
    pub fn empty_message(self) -> String {
        format!("没有符合「{}」的主题。", self.label())
    }
}
