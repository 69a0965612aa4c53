//! `#/review`: the review session. The session itself (which topic, skip, rate, undo,
//! practice) is a pure [`Session`] held in a signal; this module shows it and feeds it
//! today's queue of topics and code cards (learning steps and daily limits applied), the
//! clock and `Math.random()`. A radio group filters the queue to topics or code cards
//! (`#/review?only=code`); a code card is shown by `review_code`.
//! Once the answer is shown, the rating buttons follow it in a bar that sticks to the bottom
//! of the viewport (above the safe area) until the answer's end, so on a phone they are
//! where the learner finishes reading.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{catalogue, known_bookmarks, queue_keys, title_html, today_queue};
use crate::notes::title_html as render_inline;
use crate::notes::Catalogue;
use crate::progress::{
    self, Rating, ReviewFilter, ReviewItem, ReviewSettings, Session, SessionMode, Shortcut, Status,
};
use crate::route::{self, Route};
use crate::ui::confirm::focus_soon;
use crate::ui::format;
use crate::ui::predict;
use crate::ui::progress_state::{self, ProgressState};
use crate::ui::{date_now_ms, replace_hash, set_title, today};

/// The shown answer, focused when it appears after a click (the button that asked is gone).
const ANSWER: &str = "[data-answer]";

/// Read topics offered for the review cycle when nothing is due.
const CANDIDATES: usize = 8;

thread_local! {
    /// The topic a "今日复习" link asked the review page to show first.
    static PENDING_REVIEW: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Asks the next review page to show `slug` first (if it is due).
pub(super) fn set_pending_review(slug: &str) {
    PENDING_REVIEW.with(|p| *p.borrow_mut() = Some(slug.to_string()));
}

fn take_pending_review() -> Option<String> {
    PENDING_REVIEW.with(|p| p.borrow_mut().take())
}

/// The code card behind a queue key, if it is one.
fn code_card(key: &str) -> Option<&'static crate::cards::Card> {
    match ReviewItem::of(key) {
        ReviewItem::Card(id) => crate::cards::find(id),
        ReviewItem::Topic(_) => None,
    }
}

/// `#/review`: practice mode for due topics and code cards; `only` filters the queue. Shown
/// once the code cards' file is there (`ui::cards_data`).
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn ReviewPage(only: ReviewFilter) -> impl IntoView {
    set_title(Some("复习"));
    crate::ui::cards_data::start();
    move || {
        let load = crate::ui::cards_data::cards();
        crate::ui::cards_data::waiting_view(&load).unwrap_or_else(|| untrack(|| review_page(only)))
    }
}

/// The review page's content, built once the card file is loaded.
fn review_page(only: ReviewFilter) -> AnyView {
    let (Ok(cat), Some(state)) = (catalogue(), progress_state::state()) else {
        return view! { <p class="panel">"复习不可用。"</p> }.into_any();
    };
    let filter = RwSignal::new(only);
    let keys = Memo::new(move |_| queue_keys(filter.get()));
    // Recomputed on every store change (each rating), with the clock read then: a failed
    // card waits at the end until its learning step is due.
    let today_q = Memo::new(move |_| keys.with(|k| state.store.with(|s| today_queue(s, k))));
    let queue = Memo::new(move |_| today_q.with(|q| q.order.clone()));
    let session = RwSignal::new(queue.with_untracked(|q| Session::new(q, take_pending_review())));
    let current =
        Memo::new(move |_| queue.with(|q| session.with(|s| s.current(q).map(str::to_string))));
    // Plain derived reads, not memos: each view below changes exactly when the session does
    // (and every memo type costs wasm).
    //
    // Every reactive read of this page's own signals below is a `try_` read: Leptos may run one
    // of its effects once more after the page was disposed (a store change queued in the same
    // tick as leaving the page; leptos-rs/leptos#3922), and `get`/`with` on a disposed signal
    // panics, which aborts the whole app. A disposed read shows nothing instead.
    let revealed = move || session.try_with(Session::revealed).unwrap_or(false);
    let done = move || session.try_with(Session::done).unwrap_or(0);

    let reveal = move || {
        if let Some(card) = current.with_untracked(|c| c.as_deref().and_then(code_card)) {
            predict::reveal_draft(card);
        }
        session.update(Session::reveal);
        focus_soon(ANSWER.to_string());
    };
    let rate = move |rating: Rating| {
        let (now, day, random) = (date_now_ms(), today(), js_sys::Math::random());
        // A code card: its draft goes (the next time starts empty); the first verdict counts.
        let correct = current
            .with_untracked(|c| c.as_deref().and_then(code_card))
            .and_then(|card| predict::rate_draft(&card.id));
        let mut next = session.get_untracked();
        queue.with_untracked(|q| {
            progress_state::update(|s| {
                next.rate_prediction(s, q, rating, correct, now, day, random);
            })
        });
        session.set(next);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    let undo = move || {
        let now = date_now_ms();
        let mut next = session.get_untracked();
        let mut undone = None;
        progress_state::update(|s| {
            undone = next.undo(s, now);
        });
        if let Some(card) = undone.as_deref().and_then(code_card) {
            predict::restore_rated_draft(&card.id);
        }
        session.set(next);
        // The 撤销 button may be gone: focus goes to the answer shown again.
        focus_soon(ANSWER.to_string());
    };
    let set_filter = move |f: ReviewFilter| {
        filter.set(f);
        session.update(Session::requeue);
        replace_hash(&Route::Review { only: f });
    };
    let skip = move |_: leptos::ev::MouseEvent| {
        let random = js_sys::Math::random();
        queue.with_untracked(|q| session.update(|s| s.skip(q, random)));
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };

    // Keyboard: space reveals, 1–4 rate, Z or Ctrl/⌘+Z undoes (not while typing in a field).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let mut key = ev.key();
        if ev.alt_key() {
            return;
        }
        if ev.ctrl_key() || ev.meta_key() {
            if ev.shift_key() || !key.eq_ignore_ascii_case("z") {
                return;
            }
            key = "z".to_string();
        }
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
                return;
            }
        }
        let Some(action) =
            queue.with_untracked(|q| session.with_untracked(|s| s.shortcut(q, &key)))
        else {
            return;
        };
        ev.prevent_default();
        match action {
            Shortcut::Reveal => reveal(),
            Shortcut::Rate(rating) => rate(rating),
            Shortcut::Undo => undo(),
        }
    });
    on_cleanup(move || keys.remove());

    let last_view = move || {
        session.try_with(|s| s.last().cloned()).flatten().map(|r| {
            let title = title_html(cat, &r.slug);
            let rating = r.rating.label();
            let what = match r.card {
                None => {
                    let slug = r.slug.clone();
                    view! {
                        "这个主题还没读过，评分没有记入复习计划。"
                        <button class="small" data-action="schedule-unread"
                            on:click=move |_| progress_state::update(|s| s.set_status(&slug, Status::Review, date_now_ms()))>
                            "加入复习计划"
                        </button>
                    }
                    .into_any()
                }
                Some(card) if card.is_learning() => view! {
                    {card.state.label()} "：" <strong data-next-due>{format::card_interval(&card, card.last_review)}</strong>
                    "再来一次（本轮之内）。"
                }
                .into_any(),
                Some(card) => view! {
                    "下次复习：" <strong data-next-due>{format::date(card.due)}</strong> "（"
                    {format::relative_day(card.due, today())} "，间隔 " {card.scheduled_days} " 天）"
                }
                .into_any(),
            };
            view! {
                <p class="review-result" role="status" data-review-result>
                    "已记录：「" <span inner_html=title></span> "」评为「" {rating} "」。" {what}
                </p>
            }
        })
    };
    let undo_button = move || {
        session.try_with(Session::can_undo).unwrap_or(false).then(|| {
            view! {
                <button class="small review-undo" data-action="undo" title="快捷键 Z 或 Ctrl/⌘+Z"
                    on:click=move |_| undo()>"撤销上次评分"</button>
            }
        })
    };

    let card_view = move || {
        let Some(current) = current.try_get() else {
            return ().into_any(); // disposed: see `revealed` above
        };
        let Some(slug) = current else {
            let held_back = today_q.with_untracked(|q| q.held_back);
            return empty_state(
                cat,
                state,
                session,
                session.with_untracked(Session::done),
                held_back,
            )
            .into_any();
        };
        // Tracked: the card is built again when the session changes (a reveal rebuilds the
        // question with its answer; the mode can change while the topic stays the same).
        let m = session.with(Session::mode);
        let now = date_now_ms();
        let prev_card = state.store.with_untracked(|s| s.review_of(&slug));
        if let Some(card) = code_card(&slug) {
            let parts = super::review_code::Parts {
                cat,
                card,
                key: slug,
                prev: prev_card,
                now: now as i64,
                revealed: session.with(Session::revealed),
            };
            return super::review_code::view(parts, reveal, rate, skip).into_any();
        }
        let Some(topic) = cat.get(&slug) else {
            return ().into_any();
        };
        let rate_buttons =
            move || predict::rate_buttons(prev_card, now as i64, None, std::rc::Rc::new(rate));
        let slug_a = slug.clone();
        // Read at the reveal (a Memo is lazy): the body, once its file or the notes bundle is
        // here (`bodies::ready` requests it).
        let slug_r = slug.clone();
        let body_ready = Memo::new(move |_| crate::ui::bodies::ready(&slug_r));
        let body = move || {
            revealed().then(|| {
                let note = state.store.with_untracked(|s| s.note(&slug_a).to_string());
                let html = if !body_ready.try_get().unwrap_or(false) {
                    "<p class=\"boot-loading\" role=\"status\">正在加载…</p>".to_string()
                } else {
                    crate::ui::topic_body(&slug_a).unwrap_or_else(|e| {
                        let mut msg = String::from("<p class=\"muted\">正文没能加载：");
                        crate::notes::highlight::escape_html(&e, &mut msg);
                        msg.push_str("</p>");
                        msg
                    })
                };
                view! {
                    <div class="review-answer" data-answer tabindex="-1">
                        <div class="note-body" inner_html=html></div>
                        {(!note.is_empty()).then(|| view! {
                            <div class="my-note-view">
                                <h3>"我的笔记"</h3>
                                <p class="pre">{note}</p>
                            </div>
                        })}
                    </div>
                }
            })
        };
        let card_state = prev_card.map_or(progress::CardState::New, |c| c.state);
        let hint = prev_card.filter(|c| c.reps > 0).map(|c| {
            format!(
                "已复习 {} 次 · 上次 {}",
                c.reps,
                format::date(c.last_review)
            )
        });
        view! {
            <article class="review-card" data-slug=slug.clone() data-mode=m.label() data-card-state=card_state.key()>
                <p class="crumb">{m.label()} " · " {topic.category.clone()} " · " <span data-state-label>{card_state.label()}</span> {hint.map(|h| format!(" · {h}"))}</p>
                <h2 class="review-question" inner_html=render_inline(&topic.question)></h2>
                {move || if revealed() {
                    ().into_any()
                } else {
                    view! {
                        <p class="muted small">"先在心里回答这道题，再看答案。"</p>
                        <div class="actions">
                            <button class="primary" data-action="reveal" on:click=move |_| reveal()>"显示答案"</button>
                            <button data-action="skip" on:click=skip>{m.skip_label()}</button>
                            {(m != SessionMode::Due).then(|| view! {
                                <button data-action="end-practice" on:click=move |_| session.update(Session::end_practice)>"结束练习"</button>
                            })}
                            <span class="small muted kbd-hint">"快捷键：空格显示答案，1–4 评分，Z 撤销"</span>
                        </div>
                    }
                    .into_any()
                }}
                {body}
                {move || revealed().then(|| view! {
                    <div class="rate rate-bar" role="group" aria-label="回忆得怎么样？">
                        <span class="small muted">"回忆得怎么样？" <span class="kbd-hint">"（快捷键 1–4，Z 撤销）"</span></span>
                        {rate_buttons()}
                    </div>
                })}
                <p class="small"><a href=route::topic_hash(&slug)>"打开完整主题页 →"</a></p>
            </article>
        }
        .into_any()
    };

    let filter_radios = ReviewFilter::ALL
        .into_iter()
        .map(|f| {
            view! {
                <label>
                    <input type="radio" name="review-filter" value=f.key() data-filter=f.key()
                        prop:checked=move || filter.try_get() == Some(f)
                        on:change=move |_| set_filter(f) />
                    " " {f.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="review-page" data-view="review">
            <h1>"复习"</h1>
            <fieldset class="review-filter">
                <legend class="vh">"复习哪些卡片"</legend>
                {filter_radios}
            </fieldset>
            <p class="review-meta muted small">
                "今日待复习 " <strong data-remaining>{move || queue.try_with(Vec::len).unwrap_or(0)}</strong> " 个"
                <span data-queue-kinds>{move || today_q.try_with(|q| format!("（新 {} · 学习中 {} · 复习 {}）", q.new, q.learning, q.review))}</span>
                {move || (done() > 0).then(|| format!(" · 本轮已复习 {} 个", done()))}
                " · " <a href="#/progress">"查看进度"</a>
            </p>
            <div class="review-last">{last_view}{undo_button}</div>
            {card_view}
            {move || (filter.try_get().is_some_and(|f| f != ReviewFilter::Topics) && current.try_with(Option::is_none).unwrap_or(false)).then(|| {
                super::review_code::candidates(cat, state)
            })}
        </div>
    }
    .into_any()
}

/// Nothing due: say so, and offer practice or adding topics to the review cycle.
fn empty_state(
    cat: &'static Catalogue,
    state: ProgressState,
    session: RwSignal<Session>,
    done: usize,
    held_back: usize,
) -> impl IntoView {
    let marks = state.store.with_untracked(|s| known_bookmarks(cat, s));
    let n_marks = marks.len();
    let practice_marks = move |_| session.update(|s| s.practice_bookmarks(&marks));
    let slugs: Vec<&'static str> = cat.topics.iter().map(|t| t.slug.as_str()).collect();
    let include_unread = move || state.store.with(|s| s.review_settings.practice_unread);
    let pool_slugs = slugs.clone();
    let pool = Memo::new(move |_| {
        state
            .store
            .with(|s| progress::practice_pool(s, &pool_slugs, s.review_settings.practice_unread))
    });
    let practice_random = move |_| {
        let random = js_sys::Math::random();
        session.update(|s| s.practice_random(pool.get_untracked(), random));
    };
    let set_include_unread = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        progress_state::update(|s| {
            let settings = ReviewSettings {
                practice_unread: checked,
                ..s.review_settings
            };
            s.set_review_settings(settings, date_now_ms());
        });
    };
    // Read topics not yet in the review cycle: one click adds them.
    let candidate_list = move || {
        let list = state
            .store
            .with(|s| progress::review_candidates(s, &slugs, CANDIDATES));
        if list.is_empty() {
            return view! {
                <p class="small muted">"在任意主题页把状态设为「待复习」，它就会进入复习计划。"</p>
            }
            .into_any();
        }
        let items = list
            .into_iter()
            .map(|slug| {
                let s2 = slug.clone();
                view! {
                    <li data-slug=slug.clone()>
                        <a href=route::topic_hash(&slug) inner_html=title_html(cat, &slug)></a>
                        " "
                        <button class="small" data-action="add-review"
                            on:click=move |_| progress_state::update(|s| s.set_status(&s2, Status::Review, date_now_ms()))>
                            "加入复习"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="small">"这些主题你已经读过，加入复习计划后会按遗忘曲线安排复习："</p>
            <ul class="candidate-list">{items}</ul>
        }
        .into_any()
    };
    let heading = if done > 0 {
        "今天的复习都完成了 🎉"
    } else {
        "今天没有需要复习的主题"
    };
    view! {
        <div class="review-empty panel" data-review-empty>
            <h2>{heading}</h2>
            {(held_back > 0).then(|| view! {
                <p class="small" data-held-back>
                    "另有 " {held_back} " 项到期的复习超出每日上限（主题和代码题共用），明天再复习（上限在「"
                    <a href="#/progress">"学习进度"</a> "」页的存储与设置里调整）。"
                </p>
            })}
            <div class="actions">
                <button data-action="practice-bookmarks" disabled=n_marks == 0 on:click=practice_marks>
                    "练习收藏的主题（" {n_marks} "）"
                </button>
                <button data-action="practice-random" disabled=move || pool.try_with(Vec::is_empty).unwrap_or(true) on:click=practice_random>
                    "随机练习一题（" {move || pool.try_with(Vec::len).unwrap_or(0)} "）"
                </button>
                <label class="small">
                    <input type="checkbox" data-action="practice-unread" prop:checked=include_unread on:change=set_include_unread />
                    " 随机练习也包括未读的主题"
                </label>
            </div>
            <p class="small muted">
                "随机练习默认只从你打开过的主题里抽题。练习时的评分同样会记入复习计划；未读的主题除外，评分后可以再决定是否加入。"
            </p>
            {candidate_list}
        </div>
    }
}
