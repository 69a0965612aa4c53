//! The learner's own notes as the 我的笔记 page lists them: every topic with a note, newest
//! edited first.

use super::ProgressStore;

/// One personal note, with the topic it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MyNote<'a> {
    /// The topic's slug.
    pub slug: &'a str,
    /// The note, plain text as typed.
    pub text: &'a str,
    /// When the note was last edited (ms since the Unix epoch). Notes saved before edits were
    /// timed ([`super::TopicProgress::note_at`] absent) use the last change to their topic's
    /// record instead.
    pub edited_at: i64,
}

/// The notes of the topics in `store.topics` (orphaned records have no page to link to),
/// newest edited first, ties in slug order. A note of only white space is not listed.
pub fn my_notes(store: &ProgressStore) -> Vec<MyNote<'_>> {
    let mut notes: Vec<MyNote<'_>> = store
        .topics
        .iter()
        .filter(|(_, t)| !t.note.trim().is_empty())
        .map(|(slug, t)| MyNote {
            slug,
            text: &t.note,
            edited_at: t.note_at.unwrap_or(t.updated_at),
        })
        .collect();
    // Stable: equal times keep the map's slug order.
    crate::index_sort::sort_by_key(&mut notes, |n| std::cmp::Reverse(n.edited_at));
    notes
}

/// Most characters of a note the 我的笔记 list shows; the topic page has the whole note.
pub const MY_NOTES_EXCERPT_CHARS: usize = 600;

impl<'a> MyNote<'a> {
    /// The note as the list shows it: its first [`MY_NOTES_EXCERPT_CHARS`] characters, and
    /// whether it was cut.
    pub fn excerpt(&self) -> (&'a str, bool) {
        match self.text.char_indices().nth(MY_NOTES_EXCERPT_CHARS) {
            Some((at, _)) => (&self.text[..at], true),
            None => (self.text, false),
        }
    }
}
