//! The one confirmation step before a destructive action (replace all progress, clear it,
//! delete a backup): an inline WAI-ARIA `alertdialog`, named by its question and described by
//! its details. It takes the place of the button that asked for it; focus moves to 取消 (the
//! safe choice), Escape cancels, and on cancel focus returns to the asking button.

use std::cell::Cell;

use leptos::html;
use leptos::prelude::*;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Confirmation of one destructive action.
#[component]
pub(crate) fn Confirm(
    /// The question, in bold (the dialog's accessible name).
    question: &'static str,
    /// What will happen, after the question (the dialog's description; not shown when compact).
    #[prop(optional)]
    detail: &'static str,
    /// Label of the confirming button.
    confirm_label: &'static str,
    /// `data-action` of the confirming button.
    action: &'static str,
    /// `data-confirm` of the dialog, if any.
    #[prop(optional)]
    name: Option<&'static str>,
    /// A one-line dialog inside a list row (question and buttons on one line, no box).
    #[prop(optional)]
    compact: bool,
    /// Runs on the confirming button.
    on_confirm: Callback<()>,
    /// Runs on 取消 or Escape (the caller closes the dialog).
    on_cancel: Callback<()>,
    /// The button that opened the dialog: focused again after a cancel.
    #[prop(optional)]
    opener: Option<NodeRef<html::Button>>,
) -> impl IntoView {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let (label_id, desc_id) = (format!("confirm-{id}-q"), format!("confirm-{id}-d"));
    let cancel_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });
    let cancel = move || {
        on_cancel.run(());
        if let Some(opener) = opener {
            // The opener is rendered again once the dialog is gone: focus it after that.
            request_animation_frame(move || {
                if let Some(Some(button)) = opener.try_get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            cancel();
        }
    };
    let buttons = view! {
        <button class="danger" data-action=action on:click=move |_| on_confirm.run(())>{confirm_label}</button>
        <button node_ref=cancel_ref on:click=move |_| cancel()>"取消"</button>
    };
    if compact {
        view! {
            <div class="actions" role="alertdialog" aria-labelledby=label_id
                data-confirm=name on:keydown=keydown>
                <span class="small" id=label_id.clone()>{question}</span>
                {buttons}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="confirm" role="alertdialog" aria-labelledby=label_id
                aria-describedby=desc_id data-confirm=name on:keydown=keydown>
                <p><strong id=label_id.clone()>{question}</strong><span id=desc_id.clone()>{detail}</span></p>
                <div class="actions">{buttons}</div>
            </div>
        }
        .into_any()
    }
}
