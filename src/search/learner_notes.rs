//! The learner's own notes, searched with the topics they belong to.
//!
//! Notes change while the app runs (the index over the notes' bodies does not), so they are
//! kept apart: the app builds a [`LearnerNotes`] whenever the notes change and passes it to
//! [`super::SearchIndex::find`]. Normalising happens once per change, not per keystroke.

use std::collections::BTreeMap;

use super::normalize::normalize;

/// One note: the text as written, and its matching form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    /// The note as the learner wrote it (snippets are cut from it).
    pub(super) plain: String,
    /// Its normalised form (what terms are matched against).
    pub(super) normalized: String,
}

/// The learner's personal notes by topic slug, ready to be searched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LearnerNotes {
    notes: BTreeMap<String, Note>,
}

impl LearnerNotes {
    /// Takes `(topic slug, note)` pairs; blank notes are skipped.
    pub fn new<'a>(notes: impl IntoIterator<Item = (&'a str, &'a str)>) -> LearnerNotes {
        let notes = notes
            .into_iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(slug, text)| {
                let note = Note {
                    plain: text.to_string(),
                    normalized: normalize(text),
                };
                (slug.to_string(), note)
            })
            .collect();
        LearnerNotes { notes }
    }

    /// The note of one topic, if it has one.
    pub(super) fn get(&self, slug: &str) -> Option<&Note> {
        self.notes.get(slug)
    }

    /// Number of topics with a note.
    pub fn len(&self) -> usize {
        self.notes.len()
    }

    /// True when the learner has written no note.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
}
