//! The colour theme: follow the system, or a light or dark override the reader picked.
//!
//! Stored in localStorage under [`THEME_KEY`] as `"system"`, `"light"` or `"dark"` (the values
//! earlier versions stored, so a reader keeps their choice). index.html's boot script
//! (`src/boot-early.js`) reads the same key before the first paint, so a reader who picked dark mode
//! never sees a light flash; the app is the only writer. An override is the `data-theme`
//! attribute on `<html>`, which the CSS variables in `style/` follow.

use leptos::prelude::*;

use crate::storage::{self, THEME_KEY};

/// The reader's colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's `prefers-color-scheme` (no `data-theme` attribute).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in the order the theme button cycles through them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The theme a stored value names (`None` for anything else).
    pub fn parse(stored: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == stored)
    }

    /// The value stored in localStorage (and, for an override, set as `data-theme`).
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme after this one when the theme button is pressed.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// The theme button's icon.
    pub(crate) fn icon(self) -> &'static str {
        match self {
            Theme::System => "◐",
            Theme::Light => "☀",
            Theme::Dark => "☾",
        }
    }

    /// The theme's name, as the theme button shows it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Theme::System => "跟随系统",
            Theme::Light => "浅色",
            Theme::Dark => "深色",
        }
    }

    /// The stored choice; [`Theme::System`] when there is none, it is unreadable or unknown.
    pub fn stored() -> Theme {
        storage::get(THEME_KEY)
            .ok()
            .flatten()
            .and_then(|s| Theme::parse(&s))
            .unwrap_or_default()
    }

    /// Remembers this choice (a storage failure only loses the choice, not the page).
    pub(crate) fn save(self) {
        let _ = storage::set(THEME_KEY, self.as_str());
    }

    /// Shows the page in this theme: `data-theme` on `<html>` for an override, none for
    /// [`Theme::System`].
    pub(crate) fn apply(self) {
        if let Some(root) = document().document_element() {
            let _ = match self {
                Theme::System => root.remove_attribute("data-theme"),
                _ => root.set_attribute("data-theme", self.as_str()),
            };
        }
    }
}
