//! What the topic lists (sidebar, home cards) and the header show of the learner's progress:
//! a marker per status with a distinct shape (never colour alone), ★ for a bookmark, ▶ for a
//! topic with an exercise, and the words a screen reader reads for them. The UI only applies
//! these strings.

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
/// The marker of a topic with an exercise.
pub const EXERCISE_GLYPH: &str = "▶";
/// The marker of a topic with predict-the-output cards (代码预测).
pub const CARDS_GLYPH: &str = "?";

/// The key to the list marks, `(glyph, words)` in the order they appear after a title: each
/// status, then bookmark, exercise and code cards. Shown once under the lists (the links
/// already carry the words for screen readers).
pub fn mark_legend() -> Vec<(&'static str, &'static str)> {
    let mut legend: Vec<(&'static str, &'static str)> = Status::ALL
        .iter()
        .map(|&s| (status_glyph(s), s.label()))
        .collect();
    legend.extend([
        (BOOKMARK_GLYPH, "已收藏"),
        (EXERCISE_GLYPH, "有练习"),
        (CARDS_GLYPH, "有代码预测"),
    ]);
    legend
}

/// The mark of one topic in a list.
pub fn topic_mark(
    status: Status,
    bookmarked: bool,
    has_exercise: bool,
    has_cards: bool,
) -> TopicMark {
    let mut glyphs = status_glyph(status).to_string();
    let mut words = vec![status.label()];
    if bookmarked {
        glyphs.push_str(BOOKMARK_GLYPH);
        words.push("已收藏");
    }
    if has_exercise {
        glyphs.push_str(EXERCISE_GLYPH);
        words.push("有练习");
    }
    if has_cards {
        glyphs.push_str(CARDS_GLYPH);
        words.push("有代码预测");
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
    /// 有练习: topics with an exercise.
    Exercise,
}

impl TopicFilter {
    /// The filters in the order they are offered.
    pub const ALL: [TopicFilter; 5] = [
        TopicFilter::All,
        TopicFilter::Unread,
        TopicFilter::Review,
        TopicFilter::Bookmarked,
        TopicFilter::Exercise,
    ];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            TopicFilter::All => "全部",
            TopicFilter::Unread => "只看未读",
            TopicFilter::Review => "待复习",
            TopicFilter::Bookmarked => "已收藏",
            TopicFilter::Exercise => "有练习",
        }
    }

    /// Whether a topic with this status, bookmark and exercise stays shown.
    pub fn keeps(self, status: Status, bookmarked: bool, has_exercise: bool) -> bool {
        match self {
            TopicFilter::All => true,
            TopicFilter::Unread => status == Status::Unread,
            TopicFilter::Review => status == Status::Review,
            TopicFilter::Bookmarked => bookmarked,
            TopicFilter::Exercise => has_exercise,
        }
    }

    /// What the list says when the filter keeps no topic.
    pub fn empty_message(self) -> String {
        format!("没有符合「{}」的主题。", self.label())
    }
}
