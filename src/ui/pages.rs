//! Pages: home, topic and 404.

use leptos::prelude::*;

use crate::exercises;
use crate::notes::page_text;
use crate::notes::title_html as render_inline;
use crate::notes::Catalogue;
use crate::progress;
use crate::route::{self, Route};

use super::deferred::{self, PanelArgs, Part};
use super::progress_state;
use super::topic_progress::{TopicNote, TopicStatusBar};
use super::{date_now_ms, set_title, today};

/// The home page: what this is, and the categories with their topics.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn Home(cat: &'static Catalogue) -> impl IntoView {
    set_title(None);
    super::topic_marks::apply_topic_marks(".cat-grid", None);
    view! {
        <div class="home">
            <section class="hero" inner_html=crate::notes::home_hero_html(cat)></section>
            <ContinueCard cat=cat />
            <div class="cat-grid" inner_html=crate::notes::home_cards_html(cat)></div>
        </div>
    }
}

/// One topic: breadcrumb, title, rendered body, exercises and previous/next links.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn TopicPage(
    cat: &'static Catalogue,
    idx: usize,
    /// Build the exercise panels with the page, not after its first frame (see below).
    eager_exercises: bool,
) -> impl IntoView {
    let Some(topic) = cat.topics.get(idx) else {
        return view! { <NotFound what="找不到这个主题".to_string() /> }.into_any();
    };
    set_title(Some(&topic.title.replace('`', "")));
    let body_html = super::topic_body(&topic.slug);
    // The exercise panels link to the note's code rather than repeat it, when the note is here.
    let python_in_note = body_html.is_ok();
    let body = match body_html {
        Ok(html) => {
            let wrap = crate::notes::bundle::has_code_block(&html)
                .then(|| view! { <super::code_wrap::CodeWrapToggle /> });
            view! { {wrap} <div class="note-body" inner_html=html></div> }.into_any()
        }
        Err(e) => view! { <NotesMissing reason=e /> }.into_any(),
    };
    let place = cat.place(idx);
    let crumb = place.map(|p| page_text::crumb(&topic.category, &p));
    let prev = place.and_then(|p| p.prev).and_then(|i| cat.topics.get(i));
    let next = place.and_then(|p| p.next).and_then(|i| cat.topics.get(i));
    let nav_link = |t: Option<&'static crate::notes::Topic>,
                    label: &'static str,
                    class: &'static str| {
        t.map(|t| {
            view! {
                <a class=class href=route::topic_hash(&t.slug) rel=if class == "prev" { "prev" } else { "next" }>
                    <span class="dir">{label}</span>
                    <span class="t" inner_html=render_inline(&t.title)></span>
                </a>
            }
        })
    };
    let slug: &'static str = topic.slug.as_str();
    let now = date_now_ms();
    // Saved once the page is on screen (a read-merge-write of the whole store in
    // localStorage is not what the reader waits for).
    super::when_idle(move || {
        progress_state::update(|s| {
            s.record_visit(slug, now);
            s.set_last_topic(slug, 0.0, now);
            s.record_study_day(today());
        })
    });
    super::watch_reading(slug);
    // The body is on the page by the next frame: its Python blocks get their keys and edits.
    request_animation_frame(move || super::pytools::mount_topic(slug));
    let infos: Vec<_> = topic
        .exercises
        .iter()
        .filter_map(|id| exercises::find(id))
        .collect();
    let exercise_links = (!topic.exercises.is_empty()).then(|| {
        let links = infos
            .iter()
            .map(|&info| view! { <a class="chip" href=format!("#ex-{}", info.id) on:click=move |ev| {
                ev.prevent_default();
                if let Some(el) = document().query_selector(&format!("[data-exercise={}]", info.id)).ok().flatten() {
                    el.scroll_into_view();
                }
            }>{page_text::EXERCISE_LINK_MARK} {info.title}</a> })
            .collect_view();
        view! { <p class="exercise-links">{page_text::EXERCISE_LINKS_LEAD} {links}</p> }
    });
    // An exercise panel costs about as much to build and lay out as the rest of the page
    // (measured: mount 26 → 43 ms, layout +9 ms), its code is a chunk of its own
    // (`deferred::Part::Exercise`), and on most topics it sits below the first screen. So it
    // is asked for once the browser is idle after the first frame, unless it would show on
    // that screen: the check runs just before the frame, and the chunk is then fetched at once
    // (once fetched, a panel is built in the frame that asks for it). Until built, a
    // placeholder carries its `data-exercise` anchor, so the jump links work, and holds its
    // space.
    let (panels_built, build_panels) = signal(eager_exercises || infos.is_empty());
    if !panels_built.get_untracked() {
        request_animation_frame(move || {
            let on_first_screen = document()
                .query_selector(".exercise-pending")
                .ok()
                .flatten()
                .zip(window().inner_height().ok().and_then(|h| h.as_f64()))
                .is_none_or(|(el, h)| el.get_bounding_client_rect().top() < h);
            // `try_set`: the reader may have left the page by the time this runs.
            if on_first_screen {
                let _ = build_panels.try_set(true);
            } else {
                super::idle(move || {
                    let _ = build_panels.try_set(true);
                });
            }
        });
    }
    // What follows the panels comes with them: a placeholder of another height than its panel
    // would move it on screen (on a screen tall enough to show it).
    let tail = move || {
        view! {
            <super::cards_data::PredictSection slug=slug eager=eager_exercises />
            <TopicNote slug=slug />
            <nav class="prev-next" aria-label="上一题 / 下一题">
                {nav_link(prev, "← 上一题", "prev")}
                {nav_link(next, "下一题 →", "next")}
            </nav>
        }
    };
    // Copy, so each closure below can list them.
    let ids = move || topic.exercises.iter().filter_map(|id| exercises::find(id));
    let has_panels = !infos.is_empty();
    let pending = move |start_engine: bool| {
        ids()
            .map(|info| view! { <PendingPanel id=info.id start_engine=start_engine /> })
            .collect_view()
    };
    let exercises_and_tail = move || {
        if !has_panels {
            return tail().into_any();
        }
        if !panels_built.get() {
            return pending(false).into_any();
        }
        let panels = ids()
            .map(|info| {
                deferred::show(Part::Exercise(PanelArgs {
                    id: info.id,
                    params: Vec::new(),
                    sync_url: false,
                    python_in_note,
                }))
            })
            .collect_view();
        view! {
            <Suspense fallback=move || pending(true)>{panels}{tail()}</Suspense>
        }
        .into_any()
    };
    view! {
        <article class="topic" data-slug=topic.slug.clone()>
            <p class="crumb">{crumb}</p>
            <h1 class="topic-title" inner_html=render_inline(&topic.title)></h1>
            <TopicStatusBar slug=slug />
            {exercise_links}
            {body}
            {exercises_and_tail}
        </article>
    }
    .into_any()
}

/// Shown instead of a topic body when the notes bundle could not be loaded.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn NotesMissing(reason: String) -> impl IntoView {
    view! {
        <div class="panel error" role="alert" data-view="notes-missing">
            <p>"这一题的正文没能加载：" {reason}</p>
            <p>"练习和进度仍然可用。请检查网络后重新加载。"</p>
            <p><button class="primary" on:click=|_| { let _ = window().location().reload(); }>"重新加载"</button></p>
        </div>
    }
}

/// The 404 view.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn NotFound(what: String) -> impl IntoView {
    set_title(Some("未找到"));
    view! {
        <div class="panel not-found" data-view="404">
            <h1>"404 · 页面不存在"</h1>
            <p>{what}</p>
            <p><a class="button" href="#/">"回到首页"</a></p>
        </div>
    }
}

/// An exercise at its own deep link, inputs taken from the link's query parameters.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn ExercisePage(
    cat: &'static Catalogue,
    id: String,
    params: Vec<(String, String)>,
) -> impl IntoView {
    let Some(info) = exercises::find(&id) else {
        return view! { <NotFound what=format!("找不到练习「{id}」") /> }.into_any();
    };
    set_title(Some(&format!("练习：{}", info.title)));
    let topic = cat.get(info.topic_slug);
    let back = topic.map(|t| {
        view! {
            <p class="crumb">"练习 · 来自主题 "
                <a href=route::topic_hash(&t.slug) inner_html=render_inline(&t.title)></a>
            </p>
        }
    });
    // The same study controls as the topic page, for the topic the exercise belongs to.
    let slug = topic.map(|t| t.slug.as_str());
    // The panel's chunk is fetched at once; the topic note below comes with the panel, so the
    // placeholder's height never moves it.
    let panel = deferred::show(Part::Exercise(PanelArgs {
        id: info.id,
        params,
        sync_url: true,
        python_in_note: false,
    }));
    view! {
        <div class="exercise-page">
            {back}
            {slug.map(|slug| view! { <TopicStatusBar slug=slug /> })}
            <Suspense fallback=move || view! { <PendingPanel id=info.id start_engine=true /> }>
                {panel}
                {slug.map(|slug| view! { <TopicNote slug=slug /> })}
            </Suspense>
        </div>
    }
    .into_any()
}

/// An exercise panel not built yet: its `data-exercise` anchor (the jump links' target), and
/// the space the panel will take (CSS). With `start_engine` (the panel's chunk is on its way)
/// it starts the engine worker as the panel would (near the viewport, or when idle), so the
/// worker and the chunk load side by side.
#[component]
fn PendingPanel(id: &'static str, start_engine: bool) -> impl IntoView {
    let node: NodeRef<leptos::html::Section> = NodeRef::new();
    if start_engine {
        Effect::new(move || {
            if let Some(el) = node.get() {
                super::engine::start_near(&el);
            }
        });
    }
    view! { <section class="exercise-pending" data-exercise=id node_ref=node></section> }
}

/// "Continue where you left off": the last topic (with its position, or its status once
/// read), the last exercise, and today's review when something is due.
#[component]
fn ContinueCard(cat: &'static Catalogue) -> impl IntoView {
    let Some(state) = progress_state::state() else {
        return ().into_any();
    };
    let (last_topic, last_ex) = state
        .store
        .with_untracked(|s| (s.last_topic.clone(), s.last_exercise.clone()));
    let topic = last_topic.and_then(|l| {
        let status = state.store.with_untracked(|s| s.status(&l.slug));
        cat.get(&l.slug).map(|t| (t, l.scroll, status))
    });
    let exercise = last_ex.and_then(|l| exercises::find(&l.id).map(|info| (info, l.inputs)));
    // Read once: the home page is rebuilt on every visit.
    let due = untrack(super::topic_marks::due_today);
    if topic.is_none() && exercise.is_none() && due == 0 {
        return ().into_any();
    }
    let topic_link = topic.map(|(t, scroll, status)| {
        let slug = t.slug.clone();
        view! {
            <a class="continue-link" data-continue="topic" href=route::topic_hash(&t.slug)
                on:click=move |_| super::set_pending_scroll(&slug, scroll)>
                <span class="dir">{progress::continue_reading_label(status, scroll)}</span>
                <span class="t" inner_html=render_inline(&t.title)></span>
            </a>
        }
    });
    let exercise_link = exercise.map(|(info, inputs)| {
        let hash = route::to_hash(&Route::Exercise {
            id: info.id.to_string(),
            params: inputs,
        });
        view! {
            <a class="continue-link" data-continue="exercise" href=hash>
                <span class="dir">"继续练习"</span>
                <span class="t">{info.title}</span>
            </a>
        }
    });
    let review_link = progress::due_summary(due).map(|summary| {
        view! {
            <a class="continue-link" data-continue="review" href="#/review">
                <span class="dir">{summary}</span>
                <span class="t">"开始复习 →"</span>
            </a>
        }
    });
    view! {
        <section class="continue" aria-label="继续学习">
            <h2>"继续上次的学习"</h2>
            <div class="continue-grid">{review_link}{topic_link}{exercise_link}</div>
        </section>
    }
    .into_any()
}
