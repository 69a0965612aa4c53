//! A code card in the review session: its question and code, the prediction box, 揭晓
//! (Ctrl/⌘+Enter in the box, space outside it), then the verdict with its diff and
//! explanation, 自己运行一下, and the rating bar with the app's proposed rating marked
//! (wrong → 重来), 1–4 as for topics. Also the code cards offered when nothing is due.

use leptos::prelude::*;

use super::title_html;
use crate::cards::{self, Card};
use crate::notes::Catalogue;
use crate::progress::{self, CardState, Rating, ReviewCard};
use crate::route;
use crate::ui::date_now_ms;
use crate::ui::predict::{self, VerdictView};
use crate::ui::progress_state::{self, ProgressState};

/// Code cards offered for the schedule when nothing is due.
const CANDIDATES: usize = 8;

/// What the review page knows about the shown code card.
pub(super) struct Parts {
    /// The notes (for the topic's title).
    pub(super) cat: &'static Catalogue,
    /// The card.
    pub(super) card: &'static Card,
    /// Its queue key.
    pub(super) key: String,
    /// Its review state before this rating.
    pub(super) prev: Option<ReviewCard>,
    /// The time the rating buttons' waits are counted from (ms).
    pub(super) now: i64,
    /// Whether the answer is shown.
    pub(super) revealed: bool,
}

/// The card, built again by the page whenever the session changes (a reveal rebuilds it with
/// its answer).
pub(super) fn view(
    p: Parts,
    reveal: impl Fn() + Copy + 'static,
    rate: impl Fn(Rating) + Copy + 'static,
    skip: impl Fn(leptos::ev::MouseEvent) + Copy + 'static,
) -> impl IntoView {
    let Parts {
        cat,
        card,
        key,
        prev,
        now,
        revealed,
    } = p;
    let text = RwSignal::new(predict::draft(&card.id).text);
    let shown = RwSignal::new(revealed);
    let state = prev.map_or(CardState::New, |c| c.state);
    let verdict = revealed.then(|| {
        let v = cards::compare(&card.expected, &text.get_untracked(), card.unordered_sets);
        let proposed = v.proposed_rating();
        (v, proposed)
    });
    let (answer, bar) = match verdict {
        None => (None, None),
        Some((v, proposed)) => (
            Some(view! {
                <div class="review-answer code-answer" data-answer tabindex="-1">
                    <VerdictView card=card verdict=v />
                </div>
            }),
            Some(view! {
                <div class="rate rate-bar" role="group" aria-label="回忆得怎么样？">
                    <span class="small muted">"回忆得怎么样？（建议：" {proposed.label()} "）"
                        <span class="kbd-hint">"（快捷键 1–4，Z 撤销）"</span></span>
                    {predict::rate_buttons(prev, now, Some(proposed), std::rc::Rc::new(rate))}
                </div>
            }),
        ),
    };
    let actions = (!revealed).then(|| {
        view! {
            <div class="actions">
                <button class="primary" data-action="reveal" on:click=move |_| reveal()>"揭晓答案"</button>
                <button data-action="skip" on:click=skip>"跳过"</button>
                <span class="small muted kbd-hint">"快捷键：Ctrl/⌘+Enter 揭晓，1–4 评分，Z 撤销"</span>
            </div>
        }
    });
    view! {
        <article class="review-card code-card" data-slug=key data-card=card.id.clone() data-card-state=state.key()>
            <p class="crumb">"代码题 · " <span inner_html=title_html(cat, &card.topic)></span> " · " <span data-state-label>{state.label()}</span></p>
            <h2 class="review-question">{card.question.clone()}</h2>
            {predict::code_block(card, shown)}
            {predict::predict_input(card, text, shown, std::rc::Rc::new(reveal))}
            {actions}
            {answer}
            {bar}
            <p class="small"><a href=route::topic_hash(&card.topic)>"打开这段代码所在的主题页 →"</a></p>
        </article>
    }
}

/// Code cards of topics the learner has opened, not yet in the schedule, each with a button
/// that adds it (a new card, due now); nothing when there are none.
pub(super) fn candidates(cat: &'static Catalogue, state: ProgressState) -> impl IntoView {
    let pairs = cards::topic_ids();
    let list = state
        .store
        .with(|s| progress::card_candidates(s, &pairs, CANDIDATES));
    (!list.is_empty()).then(|| {
        let items = list
            .into_iter()
            .filter_map(|id| cards::find(&id))
            .map(|card| {
                view! {
                    <li data-card=card.id.clone()>
                        <span inner_html=title_html(cat, &card.topic)></span> " · "
                        {card.question.clone()} " "
                        <button class="small" data-action="add-card"
                            on:click=move |_| progress_state::update(|s| s.add_card(&card.id, date_now_ms()))>
                            "加入复习"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="panel card-candidates" data-card-candidates>
                <h2>"代码题"</h2>
                <p class="small">"这些代码题来自你读过的主题。加入复习后，先写下代码会打印什么，再揭晓、评分："</p>
                <ul class="candidate-list">{items}</ul>
            </div>
        }
    })
}
