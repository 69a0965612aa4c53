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

/// Whether code blocks wrap now.
pub(crate) fn is_on() -> bool {
    document()
        .document_element()
        .is_some_and(|root| root.has_attribute("data-code-wrap"))
}

/// Turns wrapping on or off for every code block, editor and 换行 button, and remembers it.
pub(crate) fn set(on: bool) {
    apply(on);
    // A storage failure only loses the choice for the next visit.
    let _ = storage::set(CODE_WRAP_KEY, if on { "1" } else { "0" });
    WRAP.with(|w| w.set(on));
    press_buttons(on);
    super::pytools::wrap_changed();
}

/// Shows every block's 换行 button pressed or not.
pub(crate) fn press_buttons(on: bool) {
    if let Ok(buttons) = document().query_selector_all(".py-wrap") {
        for i in 0..buttons.length() {
            if let Some(b) = buttons
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                let _ = b.set_attribute("aria-pressed", &on.to_string());
            }
        }
    }
}

thread_local! {
    /// The choice, for the page-level toggle (any 换行 button changes it).
    static WRAP: ArcRwSignal<bool> = ArcRwSignal::new(stored());
}

/// Applies the stored choice at start-up, before any code block is shown.
pub(crate) fn apply_stored() {
    apply(stored());
}

/// The 换行 button (`aria-pressed`): toggles and remembers wrapping for every code block.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn CodeWrapToggle() -> impl IntoView {
    let on = WRAP.with(Clone::clone);
    let toggle = move |_| set(!is_on());
    view! {
        <div class="code-tools">
            <button class="code-wrap-btn small" aria-pressed=move || on.get().to_string()
                title=CODE_WRAP_HINT on:click=toggle>{CODE_WRAP_LABEL}</button>
        </div>
    }
}
