//! The learner's own notes, searched with the topics they belong to.
//!
//! Notes change while the app runs (the index over the notes' bodies does not), so they are
//! kept apart: the app keeps one [`LearnerNotes`], brings it up to date with
//! [`LearnerNotes::update`] before a search, and passes it to [`super::SearchIndex::find`].
//! Only a note that changed is normalised again, so typing a query costs no note work.

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
    /// `(slug, note)` in the order given; a few dozen at most, so looked up by a scan.
    notes: Vec<(String, Note)>,
}

impl LearnerNotes {
    /// Takes `(topic slug, note)` pairs; blank notes are skipped.
    pub fn new<'a>(notes: impl IntoIterator<Item = (&'a str, &'a str)>) -> LearnerNotes {
        let mut out = LearnerNotes::default();
        out.update(notes);
        out
    }

    /// Replaces the notes with `notes` (as [`LearnerNotes::new`] takes them), normalising
    /// only the notes whose text changed.
    pub fn update<'a>(&mut self, notes: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut old = std::mem::take(&mut self.notes);
        for (slug, text) in notes {
            if text.trim().is_empty() {
                continue;
            }
            let kept = old
                .iter()
                .position(|(s, n)| s == slug && n.plain == text)
                .map(|i| old.swap_remove(i));
            self.notes.push(kept.unwrap_or_else(|| {
                let note = Note {
                    plain: text.to_string(),
                    normalized: normalize(text),
                };
                (slug.to_string(), note)
            }));
        }
    }

    /// The note of one topic, if it has one.
    pub(super) fn get(&self, slug: &str) -> Option<&Note> {
        self.notes.iter().find(|(s, _)| s == slug).map(|(_, n)| n)
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
