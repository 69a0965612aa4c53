//! 存储与设置's Python part: a run's time limit, and the Python runtime (Pyodide) — download it
//! ahead with a progress bar, see how much space its cache and the whole site use, whether
//! storage is persistent, how much memory the running interpreter holds, and remove it.
//!
//! The runtime's files live in their own Cache Storage cache, `pyodide-<version>`, and the code
//! editor's (CodeMirror) in `editor-<hash>` (`public/sw.js` fills both). They are shown and
//! removed together: the editor is only of use with the runtime, and is small next to it.
//! Removing deletes every `pyodide-*` and `editor-*` cache and ends the worker.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::notes::pyrun::{
    cache_text, editor_cache_text, memory_text, persisted_text, progress_text, time_limit_s,
    usage_text, DOWNLOAD_LABEL, REMOVED_TEXT, REMOVE_LABEL, TIME_LIMIT_MAX_S, TIME_LIMIT_MIN_S,
};
use crate::storage;
use crate::ui::progress_state::ProgressState;
use crate::ui::pyrun::{self, RuntimeStatus};

/// The cache names the runtime's files live in start with this (`public/sw.js` `PY_CACHE`).
const CACHE_PREFIX: &str = "pyodide-";
/// The cache names the editor's files live in start with this (`public/sw.js` `ED_CACHE`).
const EDITOR_PREFIX: &str = "editor-";

/// What Cache Storage and the storage manager say.
#[derive(Clone, Debug, Default, PartialEq)]
struct CacheInfo {
    files: usize,
    bytes: u64,
    /// The editor's cache, in bytes (0 when not cached).
    editor_bytes: u64,
    usage: Option<(f64, f64)>,
    persisted: Option<bool>,
}

async fn await_js(p: js_sys::Promise) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(p).await.ok()
}

/// The runtime's and the editor's caches' names.
async fn cache_names(caches: &web_sys::CacheStorage) -> Vec<String> {
    let Some(keys) = await_js(caches.keys()).await else {
        return Vec::new();
    };
    js_sys::Array::from(&keys)
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| k.starts_with(CACHE_PREFIX) || k.starts_with(EDITOR_PREFIX))
        .collect()
}

/// Sizes every file in the runtime's and the editor's caches (each response's body, as stored).
async fn read_info() -> CacheInfo {
    let mut info = CacheInfo {
        usage: storage::estimate().await,
        persisted: storage::is_persisted().await,
        ..CacheInfo::default()
    };
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return info;
    };
    for name in cache_names(&caches).await {
        let Some(cache) = await_js(caches.open(&name))
            .await
            .and_then(|c| c.dyn_into::<web_sys::Cache>().ok())
        else {
            continue;
        };
        let Some(requests) = await_js(cache.keys()).await else {
            continue;
        };
        for req in js_sys::Array::from(&requests).iter() {
            let Ok(req) = req.dyn_into::<web_sys::Request>() else {
                continue;
            };
            let size = match await_js(cache.match_with_request(&req))
                .await
                .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
                .and_then(|r| r.blob().ok())
            {
                Some(blob) => await_js(blob)
                    .await
                    .and_then(|b| b.dyn_into::<web_sys::Blob>().ok())
                    .map_or(0, |b| b.size() as u64),
                None => 0,
            };
            if name.starts_with(EDITOR_PREFIX) {
                info.editor_bytes += size;
            } else {
                info.files += 1;
                info.bytes += size;
            }
        }
    }
    info
}

/// Deletes the runtime's and the editor's caches.
async fn remove_caches() {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    for name in cache_names(&caches).await {
        let _ = await_js(caches.delete(&name)).await;
    }
}

/// The Python part of 存储与设置.
pub(super) fn python_settings(state: ProgressState) -> impl IntoView {
    let status = pyrun::runtime_status();
    let info = RwSignal::new(None::<CacheInfo>);
    let message = RwSignal::new(None::<&'static str>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            let read = read_info().await;
            info.try_set(Some(read));
        })
    };
    refresh();
    // The files are cached as they arrive: read again once the runtime is ready, and a moment
    // later (the service worker's last writes may still be finishing).
    Effect::new(move |was_ready: Option<bool>| {
        let ready = matches!(status.get(), RuntimeStatus::Ready { .. });
        if ready && was_ready != Some(true) {
            refresh();
            set_timeout(refresh, std::time::Duration::from_millis(1500));
        }
        ready
    });
    let download = move |_| {
        message.set(None);
        pyrun::preload();
    };
    let remove = move |_| {
        leptos::task::spawn_local(async move {
            pyrun::unload();
            remove_caches().await;
            message.try_set(Some(REMOVED_TEXT));
            refresh();
        });
    };
    let loading = move || match status.get() {
        RuntimeStatus::Loading { received, total } => Some(view! {
            <p class="small" role="status" data-py-progress="">{progress_text(received, total)}</p>
            <progress class="py-download" max=total.max(1) value=received.min(total)></progress>
        }),
        _ => None,
    };
    let state_line = move || {
        let cached = info.get().map_or(0, |i| i.files);
        // The editor's space in the same line: one more view would cost the main wasm ~2 KB.
        let text = match info.get() {
            None => "正在读取…".to_string(),
            Some(i) if i.editor_bytes > 0 => {
                format!(
                    "{} {}",
                    cache_text(i.bytes, i.files),
                    editor_cache_text(i.editor_bytes)
                )
            }
            Some(i) => cache_text(i.bytes, i.files),
        };
        view! { <p data-py-cache=cached>{text}</p> }
    };
    let details = move || {
        info.get().map(|i| {
            view! {
                {i.usage.map(|(u, q)| view! { <p class="small muted" data-py-usage="">{usage_text(u, q)}</p> })}
                {(i.files > 0).then(|| view! {
                    <p class="small muted" data-py-persisted=i.persisted.map_or("unsupported", |p| if p { "yes" } else { "no" })>
                        {persisted_text(i.persisted)}
                    </p>
                })}
            }
        })
    };
    let memory = move || match status.get() {
        RuntimeStatus::Ready { heap } if heap > 0 => Some(
            view! { <p class="small muted" data-py-memory=heap>{memory_text(heap)}</p> }.into_any(),
        ),
        RuntimeStatus::Failed(text) => {
            Some(view! { <p class="small error" role="alert">{text}</p> }.into_any())
        }
        _ => None,
    };
    let busy = move || matches!(status.get(), RuntimeStatus::Loading { .. });
    let cached = move || info.get().is_some_and(|i| i.files > 0);
    let removable = move || {
        info.get()
            .is_some_and(|i| i.files > 0 || i.editor_bytes > 0)
    };
    view! {
        {time_limit(state)}
        <h3>"Python 运行环境"</h3>
        <p class="small muted">
            "笔记里的 Python 代码在浏览器中用 CPython 3.14（Pyodide）运行，全部在本机，不经过服务器。"
        </p>
        {state_line}
        {details}
        {memory}
        {loading}
        <div class="actions">
            <button data-action="py-download" disabled=move || busy() || cached() on:click=download>
                {DOWNLOAD_LABEL}
            </button>
            <button data-action="py-remove" disabled=move || busy() || !removable() on:click=remove>{REMOVE_LABEL}</button>
        </div>
        {move || message.get().map(|m| view! { <p class="small" role="status" data-py-removed="">{m}</p> })}
    }
}

/// 运行时间上限: a Python run's time limit in seconds, saved on change.
fn time_limit(state: ProgressState) -> impl IntoView {
    let value = move || {
        state
            .store
            .with(|s| time_limit_s(s.review_settings.py_time_limit_s).to_string())
    };
    // Clamped to TIME_LIMIT_MIN_S..=TIME_LIMIT_MAX_S by the settings.
    let change = super::settings::number_setting(state, |r, n| r.py_time_limit_s = n.max(1));
    view! {
        <h3>"Python 运行时间上限"</h3>
        <p class="small muted">
            "一次运行超过这个时间就会被停止（Python 会重新启动），以免死循环卡住页面。默认 5 秒，可设 "
            {TIME_LIMIT_MIN_S} "–" {TIME_LIMIT_MAX_S} " 秒。"
        </p>
        <div class="actions limits">
            <label class="limit">
                "每次运行最多 "
                <input type="number" inputmode="numeric" min=TIME_LIMIT_MIN_S max=TIME_LIMIT_MAX_S step="1"
                    data-setting="py-time-limit" prop:value=value on:change=change />
                " 秒"
            </label>
        </div>
    }
}
