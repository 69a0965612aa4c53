//! The live exercise panel: inputs, the notes' Python, errata and the output, recomputed
//! on every keystroke by the ports in the engine worker (`ui::engine`). One run is in flight
//! per panel: a newer input waits for it and its answer is dropped, and the last good output
//! stays on screen until the newest input's answer arrives.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::exercises::panel::{
    self, cap_output, code_segments, default_output, error_excerpt, frame_batches,
    input_language_help, link_params, takes_literal, FRAME_CHARS,
};
use crate::exercises::protocol::{WireError, WireSection};

use super::exercise_runs::{Generated, Generator, RunResult, Runs};
use crate::exercises::ExerciseInfo;
use crate::notes::highlight::highlight_python;
use crate::route::{self, Route};

/// Longest value (bytes) shown in an input box; longer (generated) values show a summary.
const MAX_EDITABLE_CHARS: usize = 100_000;

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
/// The stale output's last line once the input's error is shown above it.
const LAST_GOOD: &str = "以下是上一次有效输入的结果";

/// What the panel says until the engine's first answer.
const STARTING: &str = "练习引擎加载中……";

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
    // The last output that was not an input error, kept (marked stale) while the learner is
    // mid-way through a literal; an input error shows only after a pause or on blur.
    let last_good = RwSignal::new(None::<RunResult>);
    let error_shown = RwSignal::new(false);
    let output = RwSignal::new(None::<RunResult>);
    let generated = RwSignal::new(None::<Generated>);
    let runs = Runs {
        exercise: info.id,
        in_flight: StoredValue::new(None),
        next: StoredValue::new(None),
        generated,
        output,
        last_good,
        error_shown,
        typing: StoredValue::new(0u64),
        blurred: StoredValue::new(false),
    };
    // Set by the generator: its answer already carries the run of the inputs it made.
    let skip_run = StoredValue::new(false);

    // Run on every change, remember the input, and keep the link shareable.
    Effect::new(move |first: Option<()>| {
        let pairs = inputs.get();
        if !skip_run.get_value() {
            runs.request(pairs.clone());
        }
        skip_run.set_value(false);
        let made = generated.with_untracked(Option::is_some);
        if first.is_some() {
            error_shown.set(false);
            runs.typing.update_value(|n| *n += 1);
            runs.blurred.set_value(false);
            if !made {
                super::progress_state::remember_inputs(info.id, &pairs);
            }
        }
        if sync_url {
            let params = link_params(&pairs)
                .filter(|_| !made)
                .map(<[_]>::to_vec)
                .unwrap_or_default();
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
            let made = move || {
                generated.with(|g| {
                    g.as_ref()
                        .and_then(|g| g.made.iter().find(|m| m.field == name).cloned())
                })
            };
            let too_big = Memo::new(move |_| {
                made().is_some()
                    || inputs.with(|p| {
                        p.iter()
                            .find(|(k, _)| k == name)
                            .is_some_and(|(_, v)| v.len() > MAX_EDITABLE_CHARS)
                    })
            });
            let id = format!("ex-{}-{}", info.id, name);
            let id2 = id.clone();
            let has_error = move || {
                error_shown.get()
                    && output.with(|o| {
                        matches!(o, Some(RunResult { result: Err(e), .. }) if e.field == name)
                    })
            };
            // Leaving a field shows a pending input error at once, or as soon as it arrives.
            // The browser also fires blur when the panel is being removed (navigation), after
            // its signals are gone.
            let on_blur = move |_| {
                runs.blurred.try_set_value(true);
                let failed = output.try_with_untracked(|o| {
                    o.as_ref().is_some_and(|o| o.result.is_err())
                });
                if failed == Some(true) && runs.in_flight.try_get_value() == Some(None) {
                    error_shown.try_set(true);
                }
            };
            let literal = takes_literal(info.id, name);
            let describedby = literal.then(|| format!("ex-{}-lang", info.id));
            let describedby2 = describedby.clone();
            let editor = move || {
                if too_big.get() {
                    let (preview, chars) = made().map_or_else(
                        || {
                            inputs.with_untracked(|p| {
                                let v = p.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v);
                                (v.chars().take(200).collect::<String>(), v.chars().count())
                            })
                        },
                        |m| (m.preview, m.chars),
                    );
                    let clear = move |_| {
                        // The field leaves the generated set, then takes the notes' example.
                        generated.update(|g| {
                            if let Some(made) = g {
                                made.made.retain(|m| m.field != name);
                                if made.made.is_empty() {
                                    *g = None;
                                }
                            }
                        });
                        let default = info.fields.iter().find(|f| f.name == name).map_or("", |f| f.default);
                        set_field(name, default.to_string());
                    };
                    view! {
                        <div class="big-input" id=id2.clone()>
                            <code class="mono">{preview}"…"</code>
                            <p class="muted small">"生成的数据共 " {chars} " 个字符，不在输入框中显示。"</p>
                            <button on:click=clear>
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

    // `stale`: the words on the output's last line when it is from an earlier input.
    let sections_view = move |run: RunResult, stale: Option<&'static str>| {
        let timing = format!("用时 {:.2} ms", run.millis);
        let sections = run.result.unwrap_or_default();
        // A long output is added over a few frames, so no frame lays out more than about
        // `FRAME_CHARS` characters (issue 17: no main-thread task over 50 ms).
        let sizes: Vec<usize> = sections.iter().map(|s| s.value.len()).collect();
        let batches = frame_batches(&sizes, FRAME_CHARS);
        let first = batches[0];
        let shown = RwSignal::new(first);
        show_later(shown, batches[1..].to_vec(), true);
        let section_view = |s: WireSection| {
            let note = s.note.map(|n| view! { <p class="muted small">{n}</p> });
            view! {
                <div class="result" class:exception=s.exception data-key=s.key>
                    <div class="result-label">{s.label}</div>
                    <output class="mono">{cap_output(&s.value)}</output>
                    {note}
                </div>
            }
        };
        let items = sections
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                if i < first {
                    section_view(s).into_any()
                } else {
                    (move || (i < shown.get()).then(|| section_view(s.clone()))).into_any()
                }
            })
            .collect_view();
        // Stale, the timing line says why, so the panel keeps its height while typing.
        let foot = match stale {
            Some(words) => {
                view! { <p class="timing muted small" role="status">{words}</p> }.into_any()
            }
            None => view! { <p class="timing muted small">{timing}</p> }.into_any(),
        };
        let stale = stale.is_some();
        view! {
            <div class="results" class:stale=stale data-stale=stale.to_string()>
                {items}
                {foot}
            </div>
        }
    };
    let error_view = move |e: WireError| {
        // An error no field is to blame for (the engine stopped or failed) says so.
        let heading = match info.fields.iter().find(|f| f.name == e.field) {
            Some(f) => format!("输入有误（{}）：", f.label),
            None if e.field.is_empty() => "无法运行：".to_string(),
            None => format!("输入有误（{}）：", e.field),
        };
        let excerpt = e.position.and_then(|pos| {
            let text = inputs.with_untracked(|p| {
                p.iter()
                    .find(|(k, _)| *k == e.field)
                    .map(|(_, v)| v.clone())
            })?;
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
                <strong>{heading}</strong>
                <span class="msg">{message}</span>
                {excerpt}
            </div>
        }
    };
    let output_view = move || {
        let Some(run) = output.get() else {
            // The notes' example output, laid out hidden, holds the space the first answer
            // fills, so nothing below the panel moves when it arrives.
            let reserved = default_output(info.id)
                .iter()
                .map(|&(label, value, note)| {
                    let note =
                        (!note.is_empty()).then(|| view! { <p class="muted small">{note}</p> });
                    view! {
                        <div class="reserved-result">
                            <div class="result-label">{label}</div>
                            <samp class="mono">{value}</samp>
                            {note}
                        </div>
                    }
                })
                .collect_view();
            return view! {
                <div class="results" data-stale="false">
                    <p class="timing muted small" role="status">{STARTING}</p>
                    <div class="reserved" aria-hidden="true">{reserved}</div>
                </div>
            }
            .into_any();
        };
        match run.result {
            Ok(_) => sections_view(run, None).into_any(),
            Err(e) => {
                let shown = error_shown.get();
                let words = if shown { LAST_GOOD } else { PENDING };
                let stale = last_good.get().map(|good| sections_view(good, Some(words)));
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
        let made = generated.with_untracked(Option::is_some);
        let Some(params) = link_params(&pairs).filter(|_| !made) else {
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
        .then(|| view! { <Generator info=info inputs=inputs runs=runs skip_run=skip_run /> });
    let file_picker = info
        .takes_file
        .then(|| super::deferred::show(super::deferred::Part::WordFile));
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

    let errata = (!info.errata().is_empty()).then(|| {
        let items = info
            .errata()
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
    let has_python = !info.python().is_empty() && (!prose || !python_in_note);
    let python_link = (python_in_note && has_python).then(|| {
        view! {
            <p class="python-src-link small">
                <a href=format!("#ex-{}-code", info.id) on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(block) = note_code_block(info.python()) {
                        // The block with its toolbar (运行, 编辑…), clear of the sticky header.
                        let target = block.closest(".py-block").ok().flatten().unwrap_or(block);
                        target.scroll_into_view();
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
                    <pre class="note-block">{info.python()}</pre>
                </details>
            }
            .into_any()
        } else {
            view! {
                <details class="python-src" open>
                    <summary>"笔记中的 Python 原代码"</summary>
                    <pre class="code"><code inner_html=highlight_python(info.python())></code></pre>
                </details>
            }
            .into_any()
        }
    });

    // The engine worker starts when this panel nears the viewport (or the page is idle).
    let panel_ref: NodeRef<leptos::html::Section> = NodeRef::new();
    Effect::new(move || {
        if let Some(el) = panel_ref.get() {
            super::engine::start_near(&el);
        }
    });

    view! {
        <section class="exercise" data-exercise=info.id node_ref=panel_ref>
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
                            generated.set(None);
                            inputs.set(info.fields.iter().map(|f| (f.name.to_string(), f.default.to_string())).collect())
                        }>"↺ 恢复示例"</button>
                        <span class="muted small" aria-live="polite">{move || copied.get()}</span>
                    </div>
                    {generate}
                    {folder_picker}
                    <h3 class="out-title">{if info.id.starts_with("redis_") {
                        "输出（与 Redis 7.0.15 的 redis-cli 一致）"
                    } else if info.python().is_empty() {
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

/// Shows the output's later sections, one batch per animation frame: `shown` takes each of
/// `rest` in turn (a cumulative count of sections). The first batch, already on the page, is
/// laid out in the coming frame, so with `after_next_frame` the first step waits one more
/// frame. Stops when the output is replaced (its signal is gone).
fn show_later(shown: RwSignal<usize>, rest: Vec<usize>, after_next_frame: bool) {
    let Some(&count) = rest.first() else {
        return;
    };
    request_animation_frame(move || {
        if after_next_frame {
            show_later(shown, rest, false);
        } else if shown.try_set(count).is_none() {
            show_later(shown, rest[1..].to_vec(), false);
        }
    });
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
