//! Browser tests in headless Chromium: `cargo test --target wasm32-unknown-unknown --test web`.
//! They exercise the real DOM and the real localStorage.
#![cfg(target_arch = "wasm32")]

use mianshiti_playground::{storage, ui};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

#[wasm_bindgen_test]
fn storage_round_trips_through_real_local_storage() {
    storage::set("test.key", "值 😀").expect("localStorage works in Chromium");
    assert_eq!(
        storage::get("test.key").ok().flatten().as_deref(),
        Some("值 😀")
    );
    storage::remove("test.key").expect("remove works");
    assert_eq!(storage::get("test.key").ok().flatten(), None);
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_routes_by_hash() {
    let window = web_sys::window().expect("window");
    window.location().set_hash("").expect("set hash");
    leptos::mount::mount_to_body(ui::App);
    let doc = document();
    let title = wait_for(&doc, ".hero h1")
        .await
        .expect("home page rendered");
    assert_eq!(title.text_content().as_deref(), Some("面试题 Playground"));
    // The table of contents is built in the task after the page.
    wait_for(&doc, "nav.sidebar .toc-group a")
        .await
        .expect("sidebar rendered");
    let links = doc
        .query_selector_all("nav.sidebar .toc-group a")
        .expect("query works");
    assert_eq!(links.length(), 78);

    window
        .location()
        .set_hash("#/t/reverse-number")
        .expect("set hash");
    // The hashchange event and the reactive update run asynchronously.
    let h1 = wait_for(&doc, "h1.topic-title")
        .await
        .expect("topic page rendered");
    assert_eq!(h1.text_content().as_deref(), Some("反转数字"));
    assert!(doc.title().starts_with("反转数字"));
}

/// The theme is an enum in the app, but stored as the strings earlier versions stored (and
/// index.html's boot script reads), so a reader keeps their choice across the update.
#[wasm_bindgen_test]
fn theme_reads_and_writes_the_stored_strings() {
    use ui::Theme;
    const KEY: &str = "mianshiti.theme";
    for (stored, theme) in [
        ("system", Theme::System),
        ("light", Theme::Light),
        ("dark", Theme::Dark),
    ] {
        assert_eq!(Theme::parse(stored), Some(theme));
        assert_eq!(theme.as_str(), stored);
        storage::set(KEY, stored).expect("localStorage works");
        assert_eq!(Theme::stored(), theme);
    }
    // Unknown or missing: follow the system.
    storage::set(KEY, "sepia").expect("localStorage works");
    assert_eq!(Theme::stored(), Theme::System);
    storage::remove(KEY).expect("remove works");
    assert_eq!(Theme::stored(), Theme::System);
    // The theme button visits every theme and comes back.
    let mut t = Theme::System;
    for want in [Theme::Light, Theme::Dark, Theme::System] {
        t = t.next();
        assert_eq!(t, want);
    }
}

/// Polls for a selector for up to two seconds (effects and events run asynchronously).
async fn wait_for(doc: &web_sys::Document, selector: &str) -> Option<web_sys::Element> {
    for _ in 0..100 {
        if let Some(el) = doc.query_selector(selector).ok().flatten() {
            return Some(el);
        }
        sleep_ms(20).await;
    }
    None
}

async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
