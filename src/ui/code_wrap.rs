//! The 换行 toggle: whether code blocks wrap long lines instead of scrolling sideways.
//!
//! One choice per device, stored under [`CODE_WRAP_KEY`]; it is the `data-code-wrap` attribute
//! on `<html>`, which `style/main.css` follows for every `pre.code` (the notes' bodies are
//! static HTML, so no block needs its own script).

use leptos::prelude::*;

use crate::notes::page_text::{CODE_WRAP_HINT, CODE_WRAP_LABEL};
use crate::storage::{self, CODE_WRAP_KEY};

/// Whether this device chose wrapped code blocks (off when unset or storage is blocked).
fn stored() -> bool {
    storage::get(CODE_WRAP_KEY).ok().flatten().as_deref() == Some("1")
}

/// Shows code blocks wrapped or scrolling, as `on` says.
fn apply(on: bool) {
    if let Some(root) = document().document_element() {
        let _ = if on {
            root.set_attribute("data-code-wrap", "")
        } else {
            root.remove_attribute("data-code-wrap")
        };
    }
}

/// Applies the stored choice at start-up, before any code block is shown.
pub(crate) fn apply_stored() {
    apply(stored());
}

/// The 换行 button (`aria-pressed`): toggles and remembers wrapping for every code block.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn CodeWrapToggle() -> impl IntoView {
    let (on, set_on) = signal(stored());
    let toggle = move |_| {
        let next = !on.get_untracked();
        set_on.set(next);
        apply(next);
        // A storage failure only loses the choice for the next visit.
        let _ = storage::set(CODE_WRAP_KEY, if next { "1" } else { "0" });
    };
    view! {
        <div class="code-tools">
            <button class="code-wrap-btn small" aria-pressed=move || on.get().to_string()
                title=CODE_WRAP_HINT on:click=toggle>{CODE_WRAP_LABEL}</button>
        </div>
    }
}
