//! 代码预测: a topic's predict-the-output cards ([`crate::cards`]). The learner reads the code,
//! writes what it prints, and only then reveals CPython's output, compared line by line.
//!
//! Thin: the comparison, the diff and the proposed rating are `cards::compare`; this module
//! holds the text and the verdict in signals. Nothing here is stored yet (the review queue
//! integration is issue 14's next step).

use leptos::prelude::*;

use super::confirm::focus_soon;
use crate::cards::{self, Card, DiffLine, Verdict};
use crate::notes::highlight::highlight_python;

/// The cards whose code comes from this topic, each with its own prediction box; nothing when
/// the topic has none.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub fn PredictCards(slug: &'static str) -> impl IntoView {
    let list = cards::for_topic(slug);
    if list.is_empty() {
        return ().into_any();
    }
    let python = cards::catalogue()
        .map(|f| f.python.clone())
        .unwrap_or_default();
    let n = list.len();
    view! {
        <section class="predict" aria-labelledby="predict-h">
            <h2 id="predict-h">"代码预测"<span class="count">{format!("{n} 题")}</span></h2>
            <p class="small muted">
                "先写下你认为代码会打印什么，再揭晓 " {python} " 的真实输出。会抛异常的，写出打印的内容和最后那一行异常（如 "
                <code>"NameError: name 'x' is not defined"</code> "）。"
            </p>
            {list.into_iter().map(|card| view! { <PredictCard card=card /> }).collect_view()}
        </section>
    }
    .into_any()
}

/// Diff lines shown at most; a longer diff (a pasted novel) says how many more there are.
const MAX_DIFF_ROWS: usize = 200;

/// Rows of the prediction box: its lines plus one, between 3 and 20.
fn box_rows(text: &str) -> usize {
    (text.lines().count() + 1).clamp(3, 20)
}

/// One card: question, code, the prediction box, and after 揭晓 the verdict and the diff.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
fn PredictCard(card: &'static Card) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let verdict = RwSignal::new(None::<Verdict>);
    let reveal = move || {
        verdict.set(Some(cards::compare(
            &card.expected,
            &text.get_untracked(),
            card.unordered_sets,
        )));
        // The button that was pressed is gone: the verdict's headline takes the focus.
        focus_soon(format!("#predict-{}-verdict", card.id));
    };
    let retry = move |_| {
        verdict.set(None);
        focus_soon(format!("#predict-{}", card.id));
    };
    let box_id = format!("predict-{}", card.id);
    view! {
        <article class="predict-card" data-card=card.id.clone()>
            <p class="predict-q">{card.question.clone()}</p>
            <pre class="code"><code inner_html=highlight_python(&card.code)></code></pre>
            <label class="predict-label" for=box_id.clone()>"你的预测（每行对应一行输出）"</label>
            <textarea id=box_id class="code predict-input" spellcheck="false"
                autocapitalize="off" autocomplete="off"
                rows=move || text.with(|t| box_rows(t)).to_string()
                readonly=move || verdict.with(Option::is_some)
                title=move || verdict.with(Option::is_some).then_some("已揭晓：按“再试一次”可以修改")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        if verdict.with_untracked(Option::is_none) {
                            reveal();
                        }
                    }
                }></textarea>
            {move || match verdict.get() {
                None => view! {
                    <p class="predict-actions">
                        <button class="primary" on:click=move |_| reveal()>"揭晓答案"</button>
                        <span class="kbd-hint">"Ctrl/⌘ + Enter"</span>
                    </p>
                }.into_any(),
                Some(v) => view! {
                    <VerdictView card=card verdict=v />
                    <p class="predict-actions">
                        <button on:click=retry>"再试一次"</button>
                    </p>
                }.into_any(),
            }}
        </article>
    }
}

/// The verdict after 揭晓: right or not (the only part announced), the line diff, the real
/// output and why.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
fn VerdictView(card: &'static Card, verdict: Verdict) -> impl IntoView {
    let class = if verdict.correct {
        "verdict ok"
    } else {
        "verdict bad"
    };
    let headline = verdict.headline();
    let (missing, extra) = verdict.counts();
    let diff =
        (!verdict.correct && missing + extra > 0 && verdict.lines.len() > missing).then(|| {
            let hidden = verdict.lines.len().saturating_sub(MAX_DIFF_ROWS);
            let rows = verdict
                .lines
                .into_iter()
                .take(MAX_DIFF_ROWS)
                .map(|line| {
                    let (class, mark, label, text) = match line {
                        DiffLine::Same(t) => ("same", " ", "一致", t),
                        DiffLine::Missing(t) => ("missing", "+", "真实输出", t),
                        DiffLine::Extra(t) => ("extra", "−", "你的预测", t),
                    };
                    // Leading spaces count: show them (·), or " 9" and "9" would look the same.
                    let lead = text.len() - text.trim_start_matches(' ').len();
                    let text = format!("{}{}", "·".repeat(lead), &text[lead..]);
                    view! {
                        <li class=class><span class="mark" aria-hidden="true">{mark}</span>
                            <span class="vh">{label}"："</span><code>{text}</code></li>
                    }
                })
                .collect_view();
            let more = (hidden > 0).then(
                || view! { <p class="small muted">{format!("还有 {hidden} 行未显示。")}</p> },
            );
            view! {
                <p class="small">"逐行对比（" <span class="legend missing">"+ 真实输出"</span> "，"
                    <span class="legend extra">"− 你写的"</span> "；行首的空格显示为 ·）："</p>
                <ol class="predict-diff">{rows}</ol>
                {more}
            }
        });
    let raises = card.raises.as_ref().map(
        |name| view! { <p class="small">"这段代码最后抛出 " <code>{name.clone()}</code> "。"</p> },
    );
    view! {
        <div class=class data-correct=verdict.correct.to_string()>
            <p class="verdict-head" id=format!("predict-{}-verdict", card.id) role="status" tabindex="-1">{headline}</p>
            {diff}
            <div class="result" class:exception=card.raises.is_some()>
                <div class="result-label">"CPython 的真实输出"</div>
                <div class="mono predict-expected">{card.expected.trim_end().to_string()}</div>
            </div>
            {raises}
            <p class="predict-why">
                {card.erratum.clone().map(|e| view! { <span class="tag erratum">{format!("笔记勘误 {e}")}</span> " " })}
                {card.explain.clone()}
            </p>
        </div>
    }
}
