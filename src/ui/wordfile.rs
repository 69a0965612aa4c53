//! Top-k words of a file picked from disk, read in chunks with a progress bar.
//! The pure `WordCounter` carries words and UTF-8 sequences across chunk boundaries.

use leptos::prelude::*;

use crate::exercises::{show_pairs, WordCounter};

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

/// A file picker that counts the most common words of a local file.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn WordFile() -> impl IntoView {
    let (k, set_k) = signal(10usize);
    let (progress, set_progress) = signal(None::<(f64, f64)>);
    let (result, set_result) = signal(None::<Result<FileResult, String>>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some((_, file)) = super::picked_file(&ev) else {
            return;
        };
        let k = k.get_untracked();
        set_result.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            let total = file.size();
            let t0 = super::performance_now_ms();
            let mut counter = WordCounter::new();
            let mut offset = 0.0;
            while offset < total {
                let end = (offset + CHUNK).min(total);
                let blob = match file.slice_with_f64_and_f64(offset, end) {
                    Ok(b) => b,
                    Err(_) => {
                        set_result.set(Some(Err("读取文件失败".into())));
                        return;
                    }
                };
                let buffer = match wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await {
                    Ok(b) => b,
                    Err(_) => {
                        set_result.set(Some(Err("读取文件失败（文件可能已被移动或删除）".into())));
                        return;
                    }
                };
                counter.feed(&js_sys::Uint8Array::new(&buffer).to_vec());
                offset = end;
                set_progress.set(Some((offset, total)));
            }
            let invalid = counter.invalid_bytes();
            let pairs = counter.finish(Some(k));
            let millis = super::performance_now_ms() - t0;
            let pairs = show_pairs(&pairs).unwrap_or_else(|e| e.to_string());
            set_result.set(Some(Ok(FileResult {
                name: file.name(),
                bytes: total,
                millis,
                pairs,
                invalid,
            })));
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
                    <input type="number" min="1" max="1000" class="n-input" prop:value=move || k.get().to_string()
                        on:input=move |ev| set_k.set(event_target_value(&ev).trim().parse::<usize>().unwrap_or(10).clamp(1, 1000)) />
                    " 个高频词"</label>
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
