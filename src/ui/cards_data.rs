//! UI. The predict-the-output cards' file: `cards::FILE_NAME` (the build's copy of
//! `cards.json`, precached by the service worker), fetched on first use, not on the first
//! visit's critical path (a topic page starts it once its first frame is painted and the
//! browser is idle). The topic page's 代码预测 and the review page wait for it; the
//! lists' `?` marks, the overview's counts and the review queue only need `cards::INDEX`,
//! which the wasm carries.

use std::cell::Cell;

use leptos::prelude::*;

use crate::cards::{self, CardFile};

/// The file's state: `None` while it downloads, then the cards or a Chinese error.
type Load = Option<Result<&'static CardFile, String>>;

thread_local! {
    static STATE: ArcRwSignal<Load> = ArcRwSignal::new(None);
    /// A download is running or has succeeded (cleared when one fails, so a later page retries).
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Starts downloading the card file unless it is loaded or on its way: a page that shows
/// cards calls it when it is built (not from a reactive closure, so a failed download is
/// retried by the next page, never in a loop).
pub(crate) fn start() {
    if !STARTED.with(|s| s.replace(true)) {
        STATE.with(|s| {
            if s.with_untracked(|l| matches!(l, Some(Err(_)))) {
                s.set(None);
            }
        });
        leptos::task::spawn_local(async {
            let outcome = match fetch_text(cards::FILE_NAME).await {
                Ok(text) => cards::install(&text).map_err(str::to_string),
                Err(e) => {
                    STARTED.with(|s| s.set(false));
                    Err(format!(
                        "代码预测题的数据（{}）下载失败：{}。请检查网络后重新打开本页。",
                        cards::FILE_NAME,
                        e.as_string().unwrap_or_else(|| "网络错误".to_string())
                    ))
                }
            };
            STATE.with(|s| s.set(Some(outcome)));
        });
    }
}

/// The card file, read reactively: `None` while it downloads ([`start`]), then the cards or
/// the error.
pub(crate) fn cards() -> Load {
    STATE.with(|s| s.get())
}

/// What a page shows instead of its cards until the file is there: a line while it
/// downloads, the error (`role="alert"`) if it failed; `None` once the cards are loaded.
pub(crate) fn waiting_view(load: &Load) -> Option<AnyView> {
    match load {
        Some(Ok(_)) => None,
        None => Some(
            view! { <p class="small muted" data-cards="loading">"正在载入代码预测题……"</p> }
                .into_any(),
        ),
        Some(Err(e)) => Some(
            view! { <p class="small error" role="alert" data-cards="failed">{e.clone()}</p> }
                .into_any(),
        ),
    }
}

/// `fetch(url)` and its body as text ([`super::browser::fetch_ok`]).
async fn fetch_text(url: &str) -> Result<String, wasm_bindgen::JsValue> {
    let response = super::browser::fetch_ok(url).await?;
    wasm_bindgen_futures::JsFuture::from(response.text()?)
        .await?
        .as_string()
        .ok_or_else(|| "内容不是文本".into())
}
