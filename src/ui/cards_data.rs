//! UI. The predict-the-output cards' file: `cards::FILE_NAME` (the build's copy of
//! `cards.json`, precached by the service worker), fetched on first use, not on the first
//! visit's critical path (a topic page starts it once its first frame is painted and the
//! browser is idle, with the cards' code chunk: [`PredictSection`]). The topic page's 代码预测
//! and the review page wait for it; the lists' `?` marks, the overview's counts and the review
//! queue only need `cards::INDEX`, which the wasm carries.

use std::cell::Cell;

use leptos::prelude::*;

use super::deferred::{self, Part};
use crate::cards::{self, CardFile};

/// The file's state: `None` while it downloads, then the cards or a Chinese error.
type Load = Option<Result<&'static CardFile, String>>;

thread_local! {
    /// The file's text as downloaded (parsed by [`cards`], in the chunks that show cards, so
    /// the main module carries no card parser), or the Chinese error.
    static TEXT: ArcRwSignal<Option<Result<String, String>>> = ArcRwSignal::new(None);
    /// A download is running or has succeeded (cleared when one fails, so a later page retries).
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Starts downloading the card file unless it is loaded or on its way: a page that shows
/// cards calls it when it is built (not from a reactive closure, so a failed download is
/// retried by the next page, never in a loop).
pub(crate) fn start() {
    if !STARTED.with(|s| s.replace(true)) {
        TEXT.with(|s| {
            if s.with_untracked(|l| matches!(l, Some(Err(_)))) {
                s.set(None);
            }
        });
        leptos::task::spawn_local(async {
            let outcome = fetch_text(cards::FILE_NAME).await.map_err(|e| {
                STARTED.with(|s| s.set(false));
                format!(
                    "代码预测题的数据（{}）下载失败：{}。请检查网络后重新打开本页。",
                    cards::FILE_NAME,
                    e.as_string().unwrap_or_else(|| "网络错误".to_string())
                )
            });
            TEXT.with(|s| s.set(Some(outcome)));
        });
    }
}

/// The card file, read reactively: `None` while it downloads ([`start`]), then the cards
/// (parsed on the first read) or the error.
pub(crate) fn cards() -> Load {
    TEXT.with(|s| {
        s.with(|text| match text.as_ref()? {
            Ok(text) => Some(cards::install(text).map_err(str::to_string)),
            Err(e) => Some(Err(e.clone())),
        })
    })
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

/// The room `n` cards will take, held (with the loading line) while their code or their file
/// downloads, so the note and 上一题/下一题 below move little when they arrive (measured on six
/// topics: 366–825 px a card, ~560 on average, desktop and phone alike; intro 48–95 px).
pub(crate) fn reserve(n: usize) -> AnyView {
    let room = 80 + 560 * n;
    view! {
        <div class="predict-wait" style:min-height=format!("{room}px")>
            {waiting_view(&None)}
        </div>
    }
    .into_any()
}

/// 代码预测 on a topic page: the heading and count from the index the wasm carries, the room
/// the cards will take, and, once the page's first frame is painted and the browser is idle,
/// the cards' code (a chunk, [`Part::Predict`]) and the cards file, fetched in parallel.
/// Nothing when the topic has no cards. `eager`: a page opened scrolled away from its top
/// (an anchor, a search highlight, 继续阅读) asks for them at once instead, so its height is
/// final sooner (the scroll waits for [`super::PLACEHOLDERS`] to go).
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn PredictSection(slug: &'static str, eager: bool) -> impl IntoView {
    let n = cards::INDEX.iter().filter(|(_, t)| *t == slug).count();
    if n == 0 {
        return ().into_any();
    }
    let (wanted, want) = signal(eager);
    let here = RwSignal::new(false);
    if eager {
        start();
    } else {
        super::when_idle(move || {
            start();
            let _ = want.try_set(true);
        });
    }
    let list = move || {
        wanted
            .get()
            .then(|| match deferred::load(Part::Predict(slug)) {
                Some(part) => Suspend::new(async move {
                    let view = part.await;
                    let _ = here.try_set(true);
                    view
                })
                .into_any(),
                None => deferred::show(Part::Predict(slug)),
            })
    };
    view! {
        <section class="predict" aria-labelledby="predict-h">
            <h2 id="predict-h">"代码预测"<span class="count">{format!("{n} 题")}</span></h2>
            {move || (!here.get()).then(|| reserve(n))}
            {list}
        </section>
    }
    .into_any()
}

/// `fetch(url)` and its body as text ([`super::browser::fetch_ok`]).
async fn fetch_text(url: &str) -> Result<String, wasm_bindgen::JsValue> {
    let response = super::browser::fetch_ok(url).await?;
    wasm_bindgen_futures::JsFuture::from(response.text()?)
        .await?
        .as_string()
        .ok_or_else(|| "内容不是文本".into())
}
