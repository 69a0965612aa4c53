//! The live exercise panel: inputs, the notes' Python, errata and the output, recomputed
//! on every keystroke by the pure ports in `crate::exercises`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::exercises::panel::{
    self, cap_output, code_segments, error_excerpt, input_language_help, link_params,
    takes_literal, ERROR_DELAY_MS,
};
use crate::exercises::{self, ExerciseInfo, InputError, Section};
use crate::notes::highlight::highlight_python;
use crate::route::{self, Route};

/// Longest value (bytes) shown in an input box; longer (generated) values show a summary.
const MAX_EDITABLE_CHARS: usize = 100_000;
/// Longest total input carried in a shareable link.
use super::performance_now_ms;

/// The starting inputs: link parameters win, then the user's last input, then the notes'
/// example (see [`panel::initial_inputs`]).
pub(crate) fn initial_inputs(
    info: &ExerciseInfo,
    params: &[(String, String)],
) -> Vec<(String, String)> {
    let remembered = super::progress_state::last_inputs(info.id);
    panel::initial_inputs(info, params, remembered.as_deref())
}

/// What the panel says while an input is mid-way through a literal.
const PENDING: &str = "输入未完成……停下来或离开输入框后再检查";

/// The outcome of one run, with how long it took.
#[derive(Clone)]
struct RunResult {
    result: Result<Vec<Section>, InputError>,
    millis: f64,
}

/// An exercise: question, inputs, live output, the notes' Python and the errata.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn ExercisePanel(
    info: &'static ExerciseInfo,
    /// Initial `(field, value)` pairs.
    initial: Vec<(String, String)>,
    /// Whether typing updates the page URL (true on the exercise's own page).
    sync_url: bool,
    /// Whether the page shows the note this Python comes from (a topic page whose body
    /// loaded): then the panel links to the note's code instead of repeating it.
    python_in_note: bool,
) -> impl IntoView {
    let inputs = RwSignal::new(initial);
    let (copied, set_copied) = signal(None::<&'static str>);
    let run_once = move |pairs: &[(String, String)]| {
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let t0 = performance_now_ms();
        let result = exercises::run(info.id, &refs);
        RunResult {
            result,
            millis: performance_now_ms() - t0,
        }
    };
    let first_run = run_once(&inputs.get_untracked());
    // The last output that was not an input error, kept (marked stale) while the learner is
    // mid-way through a literal; an input error shows only after a pause or on blur.
    let last_good = RwSignal::new(first_run.result.is_ok().then(|| first_run.clone()));
    let error_shown = RwSignal::new(first_run.result.is_err());
    let output = RwSignal::new(first_run);
    let typing = StoredValue::new(0u64);

    // Recompute on every change, remember the input, and keep the link shareable.
    Effect::new(move |first: Option<()>| {
        let pairs = inputs.get();
        if first.is_some() {
            let run = run_once(&pairs);
            error_shown.set(false);
            typing.update_value(|n| *n += 1);
            if run.result.is_ok() {
                last_good.set(Some(run.clone()));
            } else {
                let this = typing.get_value();
                set_timeout(
                    move || {
                        if typing.try_get_value() == Some(this) {
                            error_shown.try_set(true);
                        }
                    },
                    std::time::Duration::from_millis(ERROR_DELAY_MS),
                );
            }
            output.set(run);
            super::progress_state::remember_inputs(info.id, &pairs);
        }
        if sync_url {
            let params = link_params(&pairs).map(<[_]>::to_vec).unwrap_or_default();
            super::replace_hash(&Route::Exercise {
                id: info.id.to_string(),
                params,
            });
        }
    });

    let set_field = move |name: &'static str, value: String| {
        inputs.update(|pairs| {
            if let Some(p) = pairs.iter_mut().find(|(k, _)| k == name) {
                p.1 = value;
            }
        });
    };

    let help_open = RwSignal::new(false);
    let fields = info
        .fields
        .iter()
        .map(|f| {
            let name = f.name;
            let value = move || {
                inputs.with(|p| p.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default())
            };
            // A memo, so the editor is rebuilt only when the size class changes, not on
            // every keystroke (rebuilding the <input> would drop focus mid-typing).
            let too_big = Memo::new(move |_| {
                inputs.with(|p| {
                    p.iter()
                        .find(|(k, _)| k == name)
                        .is_some_and(|(_, v)| v.len() > MAX_EDITABLE_CHARS)
                })
            });
            let id = format!("ex-{}-{}", info.id, name);
            let id2 = id.clone();
            let has_error = move || {
                error_shown.get() && output.with(|o| matches!(&o.result, Err(e) if e.field == name))
            };
            // Leaving a field shows a pending input error at once. The browser also fires
            // blur when the panel is being removed (navigation), after its signals are gone.
            let on_blur = move |_| {
                if output.try_with_untracked(|o| o.result.is_err()) == Some(true) {
                    error_shown.try_set(true);
                }
            };
            let literal = takes_literal(info.id, name);
            let describedby = literal.then(|| format!("ex-{}-lang", info.id));
            let describedby2 = describedby.clone();
            let editor = move || {
                if too_big.get() {
                    let v = inputs.with_untracked(|p| {
                        p.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
                    });
                    let preview: String = v.chars().take(200).collect();
                    view! {
                        <div class="big-input" id=id2.clone()>
                            <code class="mono">{preview}"…"</code>
                            <p class="muted small">"生成的数据共 " {v.chars().count()} " 个字符，不在输入框中显示。"</p>
                            <button on:click=move |_| set_field(name, info.fields.iter().find(|f| f.name == name).map(|f| f.default).unwrap_or("").to_string())>
                                "清除，恢复示例"
                            </button>
                        </div>
                    }
                    .into_any()
                } else if f.multiline {
                    view! {
                        <textarea id=id2.clone() class="code" rows="4" spellcheck="false" autocapitalize="off" autocomplete="off"
                            aria-invalid=move || has_error().to_string()
                            aria-describedby=describedby.clone()
                            on:blur=on_blur
                            prop:value=value
                            on:input=move |ev| set_field(name, event_target_value(&ev))></textarea>
                    }
                    .into_any()
                } else {
                    view! {
                        <input id=id2.clone() class="code" type="text" spellcheck="false" autocapitalize="off" autocomplete="off"
                            aria-invalid=move || has_error().to_string()
                            aria-describedby=describedby2.clone()
                            on:blur=on_blur
                            prop:value=value
                            on:input=move |ev| set_field(name, event_target_value(&ev)) />
                    }
                    .into_any()
                }
            };
            view! {
                <div class="field" data-field=name>
                    <label for=id>{f.label}</label>
                    {literal.then(|| view! {
                        <button type="button" class="lang-link" aria-controls=format!("ex-{}-lang", info.id)
                            on:click=move |_| help_open.set(true)>"可以输入什么？"</button>
                    })}
                    {editor}
                </div>
            }
        })
        .collect_view();

    let sections_view = move |run: RunResult, stale: bool| {
        let timing = format!("用时 {:.2} ms", run.millis);
        let sections = run.result.unwrap_or_default();
        let items = sections
            .into_iter()
            .map(|s| {
                let note = s.note.map(|n| view! { <p class="muted small">{n}</p> });
                view! {
                    <div class="result" class:exception=s.is_exception data-key=s.key>
                        <div class="result-label">{s.label}</div>
                        <output class="mono">{cap_output(&s.value)}</output>
                        {note}
                    </div>
                }
            })
            .collect_view();
        // Stale, the timing line says why, so the panel keeps its height while typing.
        let foot = if stale {
            view! { <p class="timing muted small" role="status">{PENDING}</p> }.into_any()
        } else {
            view! { <p class="timing muted small">{timing}</p> }.into_any()
        };
        view! {
            <div class="results" class:stale=stale data-stale=stale.to_string()>
                {items}
                {foot}
            </div>
        }
    };
    let error_view = move |e: InputError| {
        let field_label = info
            .fields
            .iter()
            .find(|f| f.name == e.field)
            .map(|f| f.label)
            .unwrap_or(e.field);
        let excerpt = e.position.and_then(|pos| {
            let text = inputs
                .with_untracked(|p| p.iter().find(|(k, _)| k == e.field).map(|(_, v)| v.clone()))?;
            let (line, caret) = error_excerpt(&text, pos);
            Some(view! { <pre class="excerpt">{line}"\n"{caret}</pre> })
        });
        let message = code_segments(&e.message)
            .into_iter()
            .map(|(is_code, text)| {
                if is_code {
                    view! { <code>{text}</code> }.into_any()
                } else {
                    text.into_any()
                }
            })
            .collect_view();
        view! {
            <div class="input-error" role="alert">
                <strong>"输入有误（" {field_label} "）："</strong>
                <span class="msg">{message}</span>
                {excerpt}
            </div>
        }
    };
    let output_view = move || {
        let run = output.get();
        match run.result {
            Ok(_) => sections_view(run, false).into_any(),
            Err(e) => {
                let shown = error_shown.get();
                let stale = last_good.get().map(|good| sections_view(good, true));
                let status = (!shown && stale.is_none()).then(|| {
                    view! { <p class="typing-status muted small" role="status">{PENDING}</p> }
                });
                view! {
                    <div class="output-pending" aria-busy=(!shown).to_string()>
                        {status}
                        {shown.then(|| error_view(e))}
                        {stale}
                    </div>
                }
                .into_any()
            }
        }
    };

    let copy_link = move |_| {
        let pairs = inputs.get_untracked();
        let Some(params) = link_params(&pairs) else {
            set_copied.set(Some("输入太大，无法放进链接"));
            return;
        };
        let hash = route::to_hash(&Route::Exercise {
            id: info.id.to_string(),
            params: params.to_vec(),
        });
        let location = window().location();
        let base = location.href().unwrap_or_default();
        let base = base.split('#').next().unwrap_or_default().to_string();
        let url = format!("{base}{hash}");
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&url);
        set_copied.set(Some("已复制链接"));
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                set_copied.set(Some("复制失败：请从地址栏复制"));
            }
        });
    };

    let generate = info
        .supports_generate()
        .then(|| view! { <Generator info=info inputs=inputs output=output /> });
    let file_picker = info
        .takes_file
        .then(|| view! { <super::wordfile::WordFile /> });
    // The directory walk can also take its tree from a folder picked on this machine.
    let folder_picker = (info.id == "dir_walk")
        .then(|| view! { <super::folder_pick::FolderPick inputs=inputs field="tree" /> });

    let help_view = info
        .fields
        .iter()
        .any(|f| takes_literal(info.id, f.name))
        .then(|| {
            let (intro, rows) = input_language_help();
            let rows = rows
                .iter()
                .map(|(example, meaning)| view! { <li><code>{*example}</code>"：" {*meaning}</li> })
                .collect_view();
            view! {
                // `set` notifies even when the value is unchanged, so the button reopens the
                // help after the learner closed it by its summary.
                <details class="lang-help" id=format!("ex-{}-lang", info.id) prop:open=move || help_open.get()>
                    <summary>"输入格式：可以输入什么？"</summary>
                    <p class="small">{intro}</p>
                    <ul class="small">{rows}</ul>
                </details>
            }
        });

    let errata = (!info.errata.is_empty()).then(|| {
        let items = info
            .errata
            .iter()
            .map(|e| {
                view! {
                    <li>
                        <strong>{e.title}</strong>
                        <dl>
                            <dt>"笔记的说法"</dt><dd>{e.claim}</dd>
                            <dt>"CPython 实际结果"</dt><dd><code class="mono pre">{e.actual}</code></dd>
                            <dt>"原因"</dt><dd>{e.why}</dd>
                        </dl>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="errata" aria-label="勘误">
                <h3>"笔记勘误"</h3>
                <ul>{items}</ul>
            </section>
        }
    });

    // The notes' code is shown once per page: on a topic page it is in the note above, so
    // the panel links there; on the exercise's own page the panel shows it.
    // Exercises on prose-only topics have no block to link to: on their topic page the prose
    // is right above; on their own page it is shown as text, not as Python.
    let prose = info.python_is_prose();
    let has_python = !info.python.is_empty() && (!prose || !python_in_note);
    let python_link = (python_in_note && has_python).then(|| {
        view! {
            <p class="python-src-link small">
                <a href=format!("#ex-{}-code", info.id) on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(block) = note_code_block(info.python) {
                        block.scroll_into_view();
                    }
                }>"↑ 笔记中的 Python 原代码（在上文）"</a>
            </p>
        }
    });
    let python_src = (!python_in_note && has_python).then(|| {
        if prose {
            view! {
                <details class="python-src" open>
                    <summary>"笔记原文（这一题的笔记没有 Python 代码）"</summary>
                    <pre class="note-block">{info.python}</pre>
                </details>
            }
            .into_any()
        } else {
            view! {
                <details class="python-src" open>
                    <summary>"笔记中的 Python 原代码"</summary>
                    <pre class="code"><code inner_html=highlight_python(info.python)></code></pre>
                </details>
            }
            .into_any()
        }
    });

    view! {
        <section class="exercise" data-exercise=info.id>
            <header class="exercise-head">
                <h2>"练习：" {info.title}</h2>
                <p class="question">{info.question}</p>
                {python_link}
            </header>
            <div class="exercise-grid" class:single={python_in_note || !has_python}>
                <div class="exercise-io">
                    <div class="fields">{fields}</div>
                    {help_view}
                    <div class="actions">
                        <button on:click=copy_link>"复制链接"</button>
                        <button on:click=move |_| {
                            inputs.set(info.fields.iter().map(|f| (f.name.to_string(), f.default.to_string())).collect())
                        }>"↺ 恢复示例"</button>
                        <span class="muted small" aria-live="polite">{move || copied.get()}</span>
                    </div>
                    {generate}
                    {folder_picker}
                    <h3 class="out-title">{if info.id.starts_with("redis_") {
                        "输出（与 Redis 7.0.15 的 redis-cli 一致）"
                    } else if info.python.is_empty() {
                        "输出"
                    } else {
                        "输出（与 CPython 3.11 打印一致）"
                    }}</h3>
                    {output_view}
                    {file_picker}
                </div>
                {python_src}
            </div>
            {errata}
        </section>
    }
}

/// The first code block of the topic's note that is part of `python` (an exercise's code is
/// one or two of its note's blocks, verbatim: `scripts/gen_seed_code.py`).
fn note_code_block(python: &str) -> Option<web_sys::Element> {
    let blocks = document().query_selector_all(".note-body pre.code").ok()?;
    (0..blocks.length())
        .filter_map(|i| blocks.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .find(|el| {
            let text = el.text_content().unwrap_or_default();
            let text = text.trim();
            !text.is_empty() && python.contains(text)
        })
}

/// "Generate N random values" for the list exercises, with the run time shown.
#[component]
fn Generator(
    info: &'static ExerciseInfo,
    inputs: RwSignal<Vec<(String, String)>>,
    output: RwSignal<RunResult>,
) -> impl IntoView {
    let (n, set_n) = signal(100_000usize);
    let (busy, set_busy) = signal(false);
    let (seed, set_seed) = signal(1u64);
    let go = move |_| {
        set_busy.set(true);
        // Let the browser paint "生成中…" before the synchronous work starts.
        set_timeout(
            move || {
                let s = seed.get_untracked();
                set_seed.set(s.wrapping_add(1));
                if let Some(generated) = exercises::generate(info.id, n.get_untracked(), s) {
                    inputs.update(|pairs| {
                        for (k, v) in generated {
                            if let Some(p) = pairs.iter_mut().find(|(name, _)| name == k) {
                                p.1 = v;
                            }
                        }
                    });
                }
                set_busy.set(false);
            },
            std::time::Duration::from_millis(16),
        );
    };
    view! {
        <div class="generator">
            <label>"随机生成 "
                <input type="number" min="1" max="1000000" step="1" class="n-input"
                    prop:value=move || n.get().to_string()
                    on:input=move |ev| {
                        let v = event_target_value(&ev).trim().parse::<usize>().unwrap_or(1).clamp(1, 1_000_000);
                        set_n.set(v);
                    } />
                " 个值"</label>
            <button class="primary" on:click=go disabled=move || busy.get()>
                {move || if busy.get() { "生成中…" } else { "生成并运行" }}
            </button>
            <span class="muted small">{move || format!("上次运行 {:.1} ms", output.get().millis)}</span>
        </div>
    }
}
