//! Small browser helpers the components share: when to run deferred work (idle scheduling,
//! yielding the main thread), user-timing marks, the file picker, hash navigation and the
//! two clocks (`performance.now()` for durations, `Date.now()` for stored times). Each is a thin wrapper over one Web API; none holds state.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::route::{self, Route};

/// Runs `f` once the browser is idle after the next frame: for work the reader is not waiting
/// for (the table of contents, the visit record, exercise panels below the first screen), so it
/// delays neither the frame that shows what they asked for nor input handled right after it.
pub(crate) fn when_idle(f: impl FnOnce() + 'static) {
    request_animation_frame(move || idle(f));
}

/// Runs `f` in the browser's next idle period (`requestIdleCallback`), and at the latest after
/// 500 ms of a busy main thread; at once in a task where there is no `requestIdleCallback`
/// (Safari).
pub(crate) fn idle(f: impl FnOnce() + 'static) {
    let job = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = job.take() {
            f();
        }
    };
    let latest = if request_idle_callback_with_handle(run.clone()).is_ok() {
        std::time::Duration::from_millis(500)
    } else {
        std::time::Duration::ZERO
    };
    set_timeout(run, latest);
}

/// Ends the current task: resolves in a new one (`setTimeout(0)`), letting the browser
/// handle input and paint in between.
pub(crate) async fn yield_to_browser() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// `fetch(url)` from the site's own origin: the response, or an error for a network failure or
/// an HTTP error status (`"HTTP <status>"`, as the boot script reports it).
pub(crate) async fn fetch_ok(url: &str) -> Result<web_sys::Response, wasm_bindgen::JsValue> {
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(url))
            .await?
            .dyn_into()?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()).into());
    }
    Ok(response)
}

/// A user-timing mark `mianshiti:<name>` (the benchmark reads them for its start-up breakdown).
pub(crate) fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(&format!("mianshiti:{name}"));
    }
}

/// The `<input type=file>` behind a `change` event and the first file picked in it.
pub(crate) fn picked_file(
    ev: &web_sys::Event,
) -> Option<(web_sys::HtmlInputElement, web_sys::File)> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    Some((input, file))
}

/// The monotonic clock: `performance.now()`, ms since the page started. For durations (run
/// times shown to the user), never for dates.
pub(crate) fn performance_now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// The wall clock: `Date.now()`, ms since the Unix epoch. For timestamps stored with progress.
pub(crate) fn date_now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's local day number (days since the Unix epoch in the browser's time zone), for study
/// days, streaks and what is due today.
pub(crate) fn today() -> i64 {
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    crate::progress::day_number(date_now_ms(), offset)
}

/// Sets the tab's title to [`crate::notes::page_text::document_title`]`(page)`.
pub(crate) fn set_title(page: Option<&str>) {
    document().set_title(&crate::notes::page_text::document_title(page));
}

/// The route the address bar's hash names now.
pub(crate) fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    route::parse(&hash)
}

/// Navigates by setting `location.hash` (the `hashchange` listener updates the view).
pub(crate) fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route::to_hash(route));
}

/// Replaces the current history entry's hash without a new entry or a `hashchange`.
pub(crate) fn replace_hash(route: &Route) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&route::to_hash(route)),
        );
    }
}
