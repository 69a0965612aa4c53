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
    leptos::mount::mount_to_body(ui::App);
    let doc = document();
    let title = doc
        .query_selector(".hero h1")
        .ok()
        .flatten()
        .expect("home page rendered");
    assert_eq!(title.text_content().as_deref(), Some("面试题 Playground"));
    let links = doc
        .query_selector_all("nav.sidebar .toc-group a")
        .expect("query works");
    assert_eq!(links.length(), 78);

    web_sys::window()
        .expect("window")
        .location()
        .set_hash("#/t/reverse-number")
        .expect("set hash");
    // Let the hashchange event and the reactive update run.
    for _ in 0..50 {
        gloo_timers_sleep(20).await;
        if doc
            .query_selector("h1.topic-title")
            .ok()
            .flatten()
            .is_some()
        {
            break;
        }
    }
    let h1 = doc
        .query_selector("h1.topic-title")
        .ok()
        .flatten()
        .expect("topic page rendered");
    assert_eq!(h1.text_content().as_deref(), Some("反转数字"));
    assert!(doc.title().starts_with("反转数字"));
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
