//! 代码预测: predict-the-output cards ([`crate::cards`]). The learner reads the code, writes
//! what it prints, and only then reveals CPython's output, compared line by line; then rates
//! the card into the review schedule (the app proposes a rating: wrong → 重来).
//!
//! A topic page lists its cards with their standing in the schedule ([`PredictCards`]); the
//! review page shows a due card with the same pieces ([`predict_input`], [`code_block`],
//! [`VerdictView`], [`rate_buttons`]). Thin: the comparison, the diff and the proposed rating
//! are `cards::compare`; scheduling is `progress`. What the learner typed is kept in memory
//! per card ([`Draft`]) until the card is rated, so leaving a page and coming back within the
//! session finds it again.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;

use super::confirm::focus_soon;
use super::format;
use super::progress_state;
use super::{date_now_ms, today};
use crate::cards::{self, Card, DiffLine, Verdict};
use crate::notes::highlight::highlight_python;
use crate::progress::{self, CardProgress, CardStanding, Rating, ReviewCard};

/// A prediction being written, kept in memory until the card is rated.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Draft {
    /// What the learner typed.
    pub(crate) text: String,
    /// Whether the first reveal since the last rating was right (accuracy counts only it).
    pub(crate) first_correct: Option<bool>,
}

thread_local! {
    /// Drafts by card id: they outlive the page that shows them (not a reload).
    static DRAFTS: RefCell<BTreeMap<String, Draft>> = const { RefCell::new(BTreeMap::new()) };
    /// Drafts of cards rated in review, most recent last: an undo puts one back.
    static RATED: RefCell<Vec<(String, Draft)>> = const { RefCell::new(Vec::new()) };
}

/// The draft of card `id` (empty when none).
pub(crate) fn draft(id: &str) -> Draft {
    DRAFTS.with(|d| d.borrow().get(id).cloned().unwrap_or_default())
}

fn set_draft_text(id: &str, text: String) {
    DRAFTS.with(|d| d.borrow_mut().entry(id.to_string()).or_default().text = text);
}

/// Takes the draft of card `id` away (it was rated): the next time starts from an empty box.
pub(crate) fn take_draft(id: &str) -> Draft {
    DRAFTS.with(|d| d.borrow_mut().remove(id).unwrap_or_default())
}

/// Takes the draft of card `id` away as it is rated in review, keeping it for
/// [`restore_rated_draft`]; returns whether the first prediction was right.
pub(crate) fn rate_draft(id: &str) -> Option<bool> {
    let draft = take_draft(id);
    let correct = draft.first_correct;
    RATED.with(|r| r.borrow_mut().push((id.to_string(), draft)));
    correct
}

/// Puts back the draft of card `id` taken by its last rating (the rating was undone).
pub(crate) fn restore_rated_draft(id: &str) {
    let draft = RATED.with(|r| {
        let mut r = r.borrow_mut();
        let at = r.iter().rposition(|(i, _)| i == id)?;
        Some(r.remove(at).1)
    });
    DRAFTS.with(|d| {
        d.borrow_mut()
            .insert(id.to_string(), draft.unwrap_or_default())
    });
}

/// Compares the card's draft with CPython's output, remembering the first verdict.
pub(crate) fn reveal_draft(card: &Card) -> Verdict {
    let verdict = cards::compare(&card.expected, &draft(&card.id).text, card.unordered_sets);
    DRAFTS.with(|d| {
        let mut d = d.borrow_mut();
        let entry = d.entry(card.id.clone()).or_default();
        entry.first_correct.get_or_insert(verdict.correct);
    });
    verdict
}

/// The header line of the 代码预测 section: how to write a prediction.
fn intro() -> impl IntoView {
    let python = cards::catalogue()
        .map(|f| f.python.clone())
        .unwrap_or_default();
    view! {
        <p class="small muted">
            "先写下你认为代码会打印什么，再揭晓 " {python} " 的真实输出。会抛异常的，写出打印的内容和最后那一行异常（如 "
            <code>"NameError: name 'x' is not defined"</code> "）。"
        </p>
    }
}

/// The cards whose code comes from this topic, each with its own prediction box and its
/// standing in the review schedule (the list under the 代码预测 heading
/// `cards_data::PredictSection` shows); the room they take while the cards file downloads.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub fn PredictCards(slug: &'static str) -> impl IntoView {
    let n = cards::INDEX.iter().filter(|(_, t)| *t == slug).count();
    move || {
        let load = super::cards_data::cards();
        if load.is_none() {
            return super::cards_data::reserve(n);
        }
        super::cards_data::waiting_view(&load).unwrap_or_else(|| {
            untrack(|| {
                let list = cards::for_topic(slug);
                view! {
                    {intro()}
                    {list.into_iter().map(|card| view! { <PredictCard card=card /> }).collect_view()}
                }
                .into_any()
            })
        })
    }
}

/// Diff lines shown at most; a longer diff (a pasted novel) says how many more there are.
const MAX_DIFF_ROWS: usize = 200;

/// Rows of the prediction box: its lines plus one, between 3 and 20.
fn box_rows(text: &str) -> usize {
    (text.lines().count() + 1).clamp(3, 20)
}

/// The card's code, highlighted, in a notes-style Python block: once `runnable`, it carries a
/// 自己运行一下 button that `ui::pyrun` wires like every block's 运行 (output under the code).
pub(crate) fn code_block(card: &'static Card, runnable: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="py-block card-code">
            <pre class="code"><code inner_html=highlight_python(&card.code)></code></pre>
            {move || runnable.get().then(|| view! {
                <div class="py-tools">
                    <button type="button" class="py-run small" data-action="run-card"
                        title="在浏览器里的 CPython 中运行（第一次要下载 Python 运行环境）">"自己运行一下"</button>
                </div>
            })}
        </div>
    }
}

/// The prediction box of a card: bound to its draft, read-only once `revealed`, Ctrl/⌘+Enter
/// calls `reveal`.
pub(crate) fn predict_input(
    card: &'static Card,
    text: RwSignal<String>,
    revealed: RwSignal<bool>,
    reveal: Rc<dyn Fn()>,
) -> impl IntoView {
    let box_id = format!("predict-{}", card.id);
    view! {
        <label class="predict-label" for=box_id.clone()>"你的预测（每行对应一行输出）"</label>
        <textarea id=box_id class="code predict-input" spellcheck="false"
            autocapitalize="off" autocomplete="off"
            rows=move || text.with(|t| box_rows(t)).to_string()
            readonly=revealed
            title=move || revealed.get().then_some("已揭晓：按“再试一次”可以修改")
            prop:value=move || text.get()
            on:input=move |ev| {
                let value = event_target_value(&ev);
                set_draft_text(&card.id, value.clone());
                text.set(value);
            }
            on:keydown=move |ev| {
                if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                    ev.prevent_default();
                    if !revealed.get_untracked() {
                        reveal();
                    }
                }
            }></textarea>
    }
}

/// The four rating buttons, each with the wait it gives (`prev`: the card's state before;
/// `now` in ms); `proposed` is marked 建议 and highlighted.
pub(crate) fn rate_buttons(
    prev: Option<ReviewCard>,
    now: i64,
    proposed: Option<Rating>,
    rate: Rc<dyn Fn(Rating)>,
) -> impl IntoView {
    Rating::ALL
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let next = progress::schedule(prev.as_ref(), r, now);
            let is_proposed = proposed == Some(r);
            let rate = Rc::clone(&rate);
            view! {
                <button class=format!("rate-btn {}", r.key()) class:proposed=is_proposed data-rating=r.key()
                    title=format!("快捷键 {}", i + 1)
                    on:click=move |_| rate(r)>
                    <span class="r">{r.label()}{is_proposed.then_some("（建议）")}</span>
                    <span class="d small">{format::card_interval(&next, now)}</span>
                </button>
            }
        })
        .collect_view()
}

/// A card's standing in the schedule as the topic page words it: `复习 · 2026/12/3（3天后）`.
fn standing_text(standing: CardStanding) -> String {
    let label = standing.label();
    match (standing, standing.due()) {
        (CardStanding::Learning(_) | CardStanding::Relearning(_), Some(due)) => {
            format!("{label} · {} 到期", format::date_time(due))
        }
        (_, Some(due)) => format!(
            "{label} · 下次复习 {}（{}）",
            format::date(due),
            format::relative_day(due, today())
        ),
        (_, None) => label.to_string(),
    }
}

/// The 1–4 key as a rating (for a revealed card, outside text fields).
pub(crate) fn rating_key(key: &str) -> Option<Rating> {
    match key {
        "1" => Some(Rating::Again),
        "2" => Some(Rating::Hard),
        "3" => Some(Rating::Good),
        "4" => Some(Rating::Easy),
        _ => None,
    }
}

/// One card on a topic page: its standing, question, code, the prediction box; after 揭晓
/// the verdict, the diff and the rating buttons (the proposed one marked); after a rating,
/// where it now stands, and 撤销 (or Z), which puts the card's record and the prediction back
/// as they were before the rating, as the review page's undo does (the study day stays).
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
fn PredictCard(card: &'static Card) -> impl IntoView {
    let text = RwSignal::new(draft(&card.id).text);
    let verdict = RwSignal::new(None::<Verdict>);
    let rated = RwSignal::new(None::<(Rating, ReviewCard)>);
    // What the last rating replaced: the card's record and the draft it took.
    let before = StoredValue::new(None::<(Option<CardProgress>, Draft)>);
    let review = move || {
        progress_state::state()
            .and_then(|s| s.store.with(|st| st.card(&card.id).and_then(|c| c.review)))
    };
    let revealed = RwSignal::new(false);
    let reveal = move || {
        // The box may show a prediction already rated (its draft is gone): compare what it shows.
        set_draft_text(&card.id, text.get_untracked());
        verdict.set(Some(reveal_draft(card)));
        revealed.set(true);
        rated.set(None);
        // The button that was pressed is gone: the verdict's headline takes the focus.
        focus_soon(format!("#predict-{}-verdict", card.id));
    };
    let retry = move |_| {
        verdict.set(None);
        revealed.set(false);
        focus_soon(format!("#predict-{}", card.id));
    };
    let rate = move |r: Rating| {
        let taken = take_draft(&card.id);
        let first = taken.first_correct;
        let now = date_now_ms();
        let mut next = None;
        progress_state::update(|s| {
            before.set_value(Some((s.card(&card.id).cloned(), taken)));
            next = Some(s.record_card_review(&card.id, r, first, now));
            s.record_study_day(today());
        });
        if let Some(c) = next {
            rated.set(Some((r, c)));
        }
        focus_soon(format!("#predict-{}-rated", card.id));
    };
    let undo = move || {
        let Some((record, taken)) = before.try_update_value(Option::take).flatten() else {
            return;
        };
        progress_state::update(|s| s.restore_card_review(&card.id, record.as_ref(), date_now_ms()));
        DRAFTS.with(|d| d.borrow_mut().insert(card.id.clone(), taken));
        rated.set(None);
        focus_soon(format!("#predict-{}-verdict", card.id));
    };
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let in_box = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.tag_name() == "TEXTAREA");
        if in_box || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if let Some(r) =
            rating_key(&ev.key()).filter(|_| revealed.get() && rated.with(Option::is_none))
        {
            ev.prevent_default();
            rate(r);
        } else if ev.key().eq_ignore_ascii_case("z") && rated.with(Option::is_some) {
            ev.prevent_default();
            undo();
        }
    };
    let standing = move || {
        let st = CardStanding::of(review().as_ref());
        view! { <p class="card-standing small" data-standing=st.key()>"复习计划：" {standing_text(st)}</p> }
    };
    view! {
        <article class="predict-card" data-card=card.id.clone() on:keydown=keys>
            {standing}
            <p class="predict-q">{card.question.clone()}</p>
            {code_block(card, revealed)}
            {predict_input(card, text, revealed, Rc::new(reveal))}
            {move || match verdict.get() {
                None => view! {
                    <p class="predict-actions">
                        <button class="primary" on:click=move |_| reveal()>"揭晓答案"</button>
                        <span class="kbd-hint">"Ctrl/⌘ + Enter"</span>
                    </p>
                }.into_any(),
                Some(v) => {
                    let proposed = v.proposed_rating();
                    view! {
                        <VerdictView card=card verdict=v />
                        {move || match rated.get() {
                            None => view! {
                                <div class="rate" role="group" aria-label="记入复习计划：回忆得怎么样？">
                                    <span class="small muted">"记入复习计划：回忆得怎么样？" <span class="kbd-hint">"（快捷键 1–4）"</span></span>
                                    {rate_buttons(review(), date_now_ms() as i64, Some(proposed), Rc::new(rate))}
                                </div>
                            }.into_any(),
                            Some((r, c)) => view! {
                                <p class="review-result small" id=format!("predict-{}-rated", card.id) role="status" tabindex="-1" data-card-rated>
                                    "已记入复习计划：评为「" {r.label()} "」，"
                                    {if c.is_learning() {
                                        format!("{}再来一次。", format::card_interval(&c, c.last_review))
                                    } else {
                                        format!("下次复习 {}（间隔 {} 天）。", format::date(c.due), c.scheduled_days)
                                    }}
                                    " "
                                    <button class="small" data-action="undo" title="快捷键 Z"
                                        on:click=move |_| undo()>"撤销评分"</button>
                                </p>
                            }.into_any(),
                        }}
                        <p class="predict-actions">
                            <button on:click=retry>"再试一次"</button>
                        </p>
                    }.into_any()
                }
            }}
        </article>
    }
}

/// The verdict after 揭晓: right or not (the only part announced), the line diff, the real
/// output and why.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn VerdictView(card: &'static Card, verdict: Verdict) -> impl IntoView {
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
