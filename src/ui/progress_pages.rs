//! Progress pages (issue 4): overview, today's review queue, practice mode, export/import, settings.

use leptos::prelude::*;

/// `#/progress`: overview, review queue, export/import and storage settings.
#[component]
pub fn ProgressPage() -> impl IntoView {}

/// `#/review`: practice mode for due topics.
#[component]
pub fn ReviewPage() -> impl IntoView {}
