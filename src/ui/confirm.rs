//! The one confirmation step before a destructive action (replace all progress, clear it,
//! delete a backup): an inline WAI-ARIA `alertdialog`, named by its question and described by
//! its details. It takes the place of the button that asked for it; focus moves to 取消 (the
//! safe choice), Escape cancels, and on cancel focus returns to the asking button.
//!
//! A plain function with boxed callbacks rather than a generic component: one copy of its
//! code serves every caller (each generic component instance or reactive type costs wasm).

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// What a confirmation asks and how its parts are named.
pub(crate) struct Confirm {
    /// The question, in bold (the dialog's accessible name).
    pub(crate) question: &'static str,
    /// What will happen, after the question (the dialog's description; "" for none).
    pub(crate) detail: &'static str,
    /// Label of the confirming button.
    pub(crate) confirm_label: &'static str,
    /// `data-action` of the confirming button.
    pub(crate) action: &'static str,
    /// `data-confirm` of the dialog ("" for none).
    pub(crate) name: &'static str,
    /// A one-line dialog inside a list row (question and buttons on one line, no box).
    pub(crate) compact: bool,
    /// CSS selector of the button that opened the dialog: focused again after a cancel.
    pub(crate) opener: String,
}

/// Focuses the first element matching `selector` in the next frame (once the view that holds
/// it is in the document), or in one of the few frames after it if the view comes later (a
/// busy main thread).
pub(crate) fn focus_soon(selector: String) {
    focus_within_frames(selector, 10);
}

/// [`focus_soon`], giving up after `frames` frames without a match.
fn focus_within_frames(selector: String, frames: u32) {
    request_animation_frame(move || {
        let el = document().query_selector(&selector).ok().flatten();
        match el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(el) => {
                let _ = el.focus();
            }
            None if frames > 1 => focus_within_frames(selector, frames - 1),
            None => {}
        }
    });
}

impl Confirm {
    /// The dialog. `on_confirm` runs on the confirming button; `on_cancel` on 取消 or Escape
    /// (the caller closes the dialog in both).
    pub(crate) fn view(self, on_confirm: Rc<dyn Fn()>, on_cancel: Rc<dyn Fn()>) -> AnyView {
        let id = NEXT_ID.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let label_id = format!("confirm-{id}-q");
        let cancel_id = format!("confirm-{id}-c");
        focus_soon(format!("#{cancel_id}"));
        let opener = self.opener;
        let cancel = Rc::new(move || {
            on_cancel();
            focus_soon(opener.clone());
        });
        let cancel_key = cancel.clone();
        let keydown = move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                cancel_key();
            }
        };
        let buttons = view! {
            <button class="danger" data-action=self.action on:click=move |_| on_confirm()>{self.confirm_label}</button>
            <button id=cancel_id on:click=move |_| cancel()>"取消"</button>
        };
        let name = (!self.name.is_empty()).then_some(self.name);
        // The message: the question (and the details, when shown).
        let (class, desc_id, text) = if self.compact {
            let text = view! { <span class="small" id=label_id.clone()>{self.question}</span> };
            ("actions", label_id.clone(), text.into_any())
        } else {
            let desc_id = format!("confirm-{id}-d");
            let text = view! {
                <p id=desc_id.clone()><strong id=label_id.clone()>{self.question}</strong>{self.detail}</p>
            };
            ("confirm", desc_id, text.into_any())
        };
        view! {
            <div class=class role="alertdialog" aria-labelledby=label_id aria-describedby=desc_id
                data-confirm=name on:keydown=keydown>
                {text}
                {if self.compact { buttons.into_any() } else { view! { <div class="actions">{buttons}</div> }.into_any() }}
            </div>
        }
        .into_any()
    }
}
