//! Search UI (issue 5): the header search box, the results page and in-page highlighting.

use leptos::prelude::*;

use crate::route::Route;

/// The search box in the header (reachable with `/` or Ctrl/Cmd+K).
#[component]
pub fn SearchBox(route: ReadSignal<Route>) -> impl IntoView {
    let _ = route;
}

/// The results page for `#/search?q=...`.
#[component]
pub fn SearchPage(query: String) -> impl IntoView {
    let _ = query;
}

/// Highlights the search terms inside the rendered topic body and scrolls to the first match.
pub fn highlight_in_page(query: &str) {
    let _ = query;
}
