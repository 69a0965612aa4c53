//! Top-k words of a file picked from disk, read in chunks with a progress bar. Each chunk's
//! buffer is transferred (not copied) to the engine worker, whose `WordCounter` carries words
//! and UTF-8 sequences across chunk boundaries; the next chunk is read while it counts.

use leptos::prelude::*;

use super::engine::{self, Outcome};
use crate::exercises::protocol::Request;

/// Bytes read per chunk: big enough for throughput, small enough to keep the page responsive.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

#[derive(Clone)]
struct FileResult {
    name: String,
    bytes: f64,
    millis: f64,
    pairs: String,
    invalid: u64,
}

/// The sections of a worker answer, or its error as a message.
fn sections(outcome: Outcome) -> Result<Vec<(String, String)>, String> {
    match outcome?.outcome {
        Some(Ok(s)) => Ok(s.into_iter().map(|s| (s.key, s.value)).collect()),
        Some(Err(e)) => Err(e.message),
        None => Ok(Vec::new()),
    }
}

/// Counts `file` in the worker, `k` top words; `progress` gets the bytes counted so far.
async fn count(
    file: web_sys::File,
    k: usize,
    progress: impl Fn(f64, f64),
) -> Result<FileResult, String> {
    const READ_FAILED: &str = "读取文件失败（文件可能已被移动或删除）";
    engine::start();
    let total = file.size();
    let t0 = super::performance_now_ms();
    let id = engine::next_id();
    sections(engine::ask(&Request::FileOpen { id, k }).await)?;
    let mut offset = 0.0;
    let mut counting = None;
    while offset < total {
        let end = (offset + CHUNK).min(total);
        let blob = file
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| READ_FAILED)?;
        let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
            .await
            .map_err(|_| READ_FAILED)?;
        // The previous chunk is counted while this one was read.
        if let Some((done, answer)) = counting.take() {
            sections(answer.await)?;
            progress(done, total);
        }
        let chunk = engine::ask_chunk(engine::next_id(), id, buffer.into());
        counting = Some((end, chunk));
        offset = end;
    }
    if let Some((done, answer)) = counting {
        sections(answer.await)?;
        progress(done, total);
    }
    let close = Request::FileClose {
        id: engine::next_id(),
        file: id,
    };
    let found = sections(engine::ask(&close).await)?;
    let value = |key: &str| found.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Ok(FileResult {
        name: file.name(),
        bytes: total,
        millis: super::performance_now_ms() - t0,
        pairs: value("top").unwrap_or_default(),
        invalid: value("invalid").and_then(|v| v.parse().ok()).unwrap_or(0),
    })
}

/// A file picker that counts the most common words of a local file.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn WordFile() -> impl IntoView {
    // As typed; the count it means, or why it means none (nothing is clamped silently).
    let (k_text, set_k_text) = signal(10usize.to_string());
    let k = Memo::new(move |_| crate::exercises::parse_count(&k_text.get(), 1000));
    let (progress, set_progress) = signal(None::<(f64, f64)>);
    let (result, set_result) = signal(None::<Result<FileResult, String>>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some((_, file)) = super::picked_file(&ev) else {
            return;
        };
        let k = match k.get_untracked() {
            Ok(k) => k,
            Err(e) => {
                set_result.set(Some(Err(format!("「前几个高频词」{e}"))));
                return;
            }
        };
        set_result.set(None);
        set_progress.set(Some((0.0, file.size())));
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = count(file, k, |done, total| {
                set_progress.try_set(Some((done, total)));
            })
            .await;
            set_result.try_set(Some(outcome));
        });
    };
    view! {
        <section class="wordfile">
            <h3>"从本地文件统计（大文件分块读取）"</h3>
            <p class="muted small">
                "文件只在本机读取，不会上传。按 4 MB 分块读取，跨块的单词和 UTF-8 字符会被正确拼接（这正是笔记方式一、二的问题所在）。"
            </p>
            <div class="generator">
                <label>"前 "
                    <input type="number" min="1" max="1000" class="n-input" prop:value=k_text
                        aria-invalid=move || k.with(|k| k.is_err()).to_string() aria-describedby="topk-k-error"
                        on:input=move |ev| set_k_text.set(event_target_value(&ev)) />
                    " 个高频词"</label>
                <span class="field-error small" id="topk-k-error" role="alert">{move || k.get().err()}</span>
                <input type="file" aria-label="选择文本文件" on:change=on_file />
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <progress max=total value=done aria-label="读取进度"></progress>
            })}
            {move || result.get().map(|r| match r {
                Ok(r) => {
                    let mb = r.bytes / 1_048_576.0;
                    let speed = if r.millis > 0.0 { mb / (r.millis / 1000.0) } else { 0.0 };
                    let invalid = (r.invalid > 0).then(|| format!("（含 {} 个无效 UTF-8 字节：Python 会抛出 UnicodeDecodeError，这里按分隔符处理）", r.invalid));
                    view! {
                        <div class="result" data-key="file">
                            <div class="result-label">{format!("{}：{:.1} MB，用时 {:.0} ms，{:.1} MB/s", r.name, mb, r.millis, speed)}</div>
                            <output class="mono">{r.pairs}</output>
                            <p class="muted small">{invalid}</p>
                        </div>
                    }.into_any()
                }
                Err(e) => view! { <div class="input-error" role="alert">{e}</div> }.into_any(),
            })}
        </section>
    }
}
