//! The reading tracker: which topic is on screen, how far it has been read (saved, throttled,
//! as the progress store's last position) and when it counts as 已读 (the reader reached its
//! end), plus the one-shot scroll restore of 继续阅读.
//!
//! State is per page, not per component: the topic page announces itself
//! ([`watch_reading`]), the shell's route effect restores or clears ([`take_pending_scroll`],
//! [`stop_watching`]), and one window scroll listener ([`install_reading_tracker`]) records.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

use super::progress_state;

thread_local! {
    /// A scroll fraction the next render of a topic restores: `(slug, fraction)`.
    static PENDING_SCROLL: RefCell<Option<(String, f64)>> = const { RefCell::new(None) };
    /// The topic being read (the one on screen), if any.
    static READING: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Bumped after a scroll settles (or a settle timer): the tracker's effect records then.
    static READING_TICK: Cell<Option<WriteSignal<u32>>> = const { Cell::new(None) };
}

/// Asks the next render of `slug` to restore a scroll fraction ("continue reading").
pub(crate) fn set_pending_scroll(slug: &str, fraction: f64) {
    PENDING_SCROLL.with(|p| *p.borrow_mut() = Some((slug.to_string(), fraction)));
}

/// Whether the next render of `slug` restores a scroll position.
pub(super) fn has_pending_scroll(slug: &str) -> bool {
    PENDING_SCROLL.with(|p| matches!(p.borrow().as_ref(), Some((s, _)) if s == slug))
}

/// The scroll fraction to restore for `slug`, once (it is cleared when taken).
pub(super) fn take_pending_scroll(slug: &str) -> Option<f64> {
    PENDING_SCROLL.with(|p| {
        let mut p = p.borrow_mut();
        match p.as_ref() {
            Some((s, f)) if s == slug => {
                let f = *f;
                *p = None;
                Some(f)
            }
            _ => None,
        }
    })
}

/// Tracks reading of the topic on screen: saves the scroll position (throttled) and marks
/// the topic 已读 once the reader reaches its end.
pub(crate) fn watch_reading(slug: &str) {
    READING.with(|r| *r.borrow_mut() = Some(slug.to_string()));
    // A page short enough to fit on screen is read without scrolling: check once it settled.
    if let Some(set_tick) = READING_TICK.with(|t| t.get()) {
        set_timeout(
            move || set_tick.update(|t| *t = t.wrapping_add(1)),
            std::time::Duration::from_secs(3),
        );
    }
}

/// No topic is on screen any more (another kind of page is shown): record nothing.
pub(super) fn stop_watching() {
    READING.with(|r| *r.borrow_mut() = None);
}

/// Scrolls to `fraction` of the page's scrollable height.
pub(super) fn scroll_to_fraction(fraction: f64) {
    window().scroll_to_with_x_and_y(0.0, fraction * max_scroll());
}

/// How far the page can scroll vertically, in CSS pixels.
fn max_scroll() -> f64 {
    let inner = window()
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let height = document()
        .document_element()
        .map(|e| e.scroll_height() as f64)
        .unwrap_or(0.0);
    (height - inner).max(0.0)
}

/// The scroll position as a fraction of the page, and whether the reader is at its end.
fn scroll_fraction() -> (f64, bool) {
    let y = window().scroll_y().unwrap_or(0.0);
    let max = max_scroll();
    let fraction = if max <= 0.0 {
        1.0
    } else {
        (y / max).clamp(0.0, 1.0)
    };
    (fraction, y >= max - 48.0)
}

/// Installs the window scroll listener (throttled to one record per 400 ms) and the effect
/// that records the position of the topic being read. Called once, by the app shell.
pub(super) fn install_reading_tracker() {
    let (tick, set_tick) = signal(0u32);
    READING_TICK.with(|t| t.set(Some(set_tick)));
    let pending = StoredValue::new(false);
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        if !pending.get_value() {
            pending.set_value(true);
            set_timeout(
                move || {
                    pending.set_value(false);
                    set_tick.update(|t| *t = t.wrapping_add(1));
                },
                std::time::Duration::from_millis(400),
            );
        }
    });
    std::mem::forget(handle);
    Effect::new(move |_| {
        // Only after a scroll (or the settle timer): reading layout during start-up forces a
        // synchronous reflow before the first paint (measured ~140 ms of app-ready), and the
        // topic page has already recorded position 0.
        if tick.get() == 0 {
            return;
        }
        let Some(slug) = READING.with(|r| r.borrow().clone()) else {
            return;
        };
        let (fraction, at_end) = scroll_fraction();
        let now = super::date_now_ms();
        progress_state::update(|s| {
            s.set_last_topic(&slug, fraction, now);
            if at_end {
                s.mark_visit(&slug, now);
            }
        });
    });
}
