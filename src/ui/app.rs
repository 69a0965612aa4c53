//! The app shell: top bar, sidebar of contents, and the page the route names.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::boot::catalogue;
use super::browser::{current_route, mark, when_idle};
use super::deferred::{self, Part};
use super::reading::{
    has_pending_scroll, install_reading_tracker, scroll_to_fraction, stop_watching,
    take_pending_scroll,
};
use super::theme::Theme;
use super::topic_marks::{apply_topic_marks, due_badge, TopicFilters};
use super::{pages, progress_state, search};
use crate::route::Route;

/// The app shell: header, sidebar of contents grouped by category, and the routed page.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(current_route());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current_route());
    });
    on_cleanup(move || handle.remove());

    let progress = progress_state::init();
    search::SearchContext::provide();
    install_reading_tracker();
    let (sidebar_open, set_sidebar_open) = signal(false);
    // The table of contents is built when the browser is idle after the frame that shows the
    // page: it is not what the reader waits for, and it keeps the first render's task short.
    let (toc_ready, set_toc_ready) = signal(false);
    when_idle(move || {
        // `set` notifies even when the value is unchanged: never rebuild contents that the
        // 目录 button already built.
        if !toc_ready.get_untracked() {
            set_toc_ready.set(true);
        }
        mark("toc");
    });
    let (theme, set_theme) = signal(Theme::stored());
    let cycle_theme = move |_| {
        let next = theme.get_untracked().next();
        next.apply();
        next.save();
        set_theme.set(next);
    };
    let theme_icon = move || theme.get().icon();
    let theme_label = move || theme.get().label();

    // Whether the routed topic's body is here (or why not): a topic opened before the notes
    // bundle arrived shows 正在加载… until its own file has (`bodies::ready`). A `Memo`, so the
    // page is built once, not again when the bundle arrives.
    let topic_ready = Memo::new(move |_| match route.get() {
        Route::Topic { slug, .. } => {
            catalogue().map_or(true, |c| c.index_of(&slug).is_none()) || super::bodies::ready(&slug)
        }
        _ => true,
    });

    // Close the mobile sidebar whenever the route changes, and scroll to the right place
    // (for a topic, once its page is built).
    Effect::new(move |_| {
        let r = route.get();
        set_sidebar_open.set(false);
        if !topic_ready.get() {
            stop_watching();
            return;
        }
        let (anchor, restore, highlight) = match &r {
            Route::Topic {
                anchor,
                slug,
                highlight,
            } => (anchor.clone(), take_pending_scroll(slug), highlight.clone()),
            _ => {
                stop_watching();
                (None, None, None)
            }
        };
        let scrolls_away = anchor.is_some() || restore.is_some() || highlight.is_some();
        let go = move || {
            if let Some(q) = highlight {
                // Search results open the topic scrolled to the first highlighted match.
                search::highlight_in_page(&q);
                return;
            }
            let target = anchor.and_then(|a| document().get_element_by_id(&a));
            match (target, restore) {
                (Some(el), _) => el.scroll_into_view(),
                (None, Some(fraction)) => scroll_to_fraction(fraction),
                (None, None) => window().scroll_to_with_x_and_y(0.0, 0.0),
            }
        };
        if scrolls_away {
            // The page was built eagerly, but its exercise panels and 代码预测 cards may still
            // wait for their chunks or file: scroll once they are in, or the position drifts.
            when_panels_built(PANEL_WAIT_FRAMES, go);
        } else {
            request_animation_frame(go);
        }
    });

    let body = move || match catalogue() {
        Err(e) => view! {
            <div class="panel error" role="alert">
                <h1>"内容加载失败"</h1>
                <p>{e}</p>
            </div>
        }
        .into_any(),
        Ok(cat) => match route.get() {
            Route::Home => view! { <pages::Home cat=cat /> }.into_any(),
            Route::Topic {
                slug,
                anchor,
                highlight,
            } => match cat.index_of(&slug) {
                Some(_) if !topic_ready.get() => view! {
                    <p class="boot-loading" role="status">"正在加载…"</p>
                }
                .into_any(),
                Some(idx) => {
                    // Where the page opens scrolled away from its top, everything is built at
                    // once, so the scroll target and the page's height are final.
                    let eager =
                        anchor.is_some() || highlight.is_some() || has_pending_scroll(&slug);
                    view! { <pages::TopicPage cat=cat idx=idx eager_exercises=eager /> }.into_any()
                }
                None => {
                    view! { <pages::NotFound what=format!("找不到主题「{slug}」") /> }.into_any()
                }
            },
            Route::NotFound { path } => {
                view! { <pages::NotFound what=format!("没有这个页面：{path}") /> }.into_any()
            }
            Route::Exercise { id, params } => {
                view! { <pages::ExercisePage cat=cat id=id params=params /> }.into_any()
            }
            Route::Search { query } => view! { <search::SearchPage query=query /> }.into_any(),
            Route::Progress => deferred::show(Part::Progress),
            Route::Review { only } => deferred::show(Part::Review(only)),
            Route::Notes => deferred::show(Part::Notes),
            Route::Scratchpad => deferred::show(Part::Scratchpad),
        },
    };

    view! {
        <a class="skip-link" href="#main" on:click=move |ev| {
            ev.prevent_default();
            if let Some(m) = document().get_element_by_id("main") {
                if let Ok(m) = m.dyn_into::<web_sys::HtmlElement>() { let _ = m.focus(); }
            }
        }>"跳到正文"</a>
        <header class="topbar">
            <button class="menu-btn" aria-label="目录" aria-expanded=move || sidebar_open.get().to_string()
                on:click=move |_| {
                    // Opened before the idle callback built the contents: build them now, so the
                    // drawer never slides in empty and then fills up under the learner's finger.
                    if !toc_ready.get_untracked() {
                        set_toc_ready.set(true);
                    }
                    set_sidebar_open.update(|o| *o = !*o)
                }>"☰"<span class="label">"目录"</span></button>
            <a class="brand" href="#/">
                <img class="brand-icon" src="icons/icon.svg" alt="" width="22" height="22"/>
                <span class="brand-text">{crate::notes::page_text::APP_NAME}</span>
            </a>
            <search::SearchBox route=route />
            <span class="spacer"></span>
            <a class="nav-link" href="#/progress">"进度"</a>
            <a class="nav-link" href=crate::route::NOTES_HASH>"笔记"</a>
            <a class="nav-link" href="#/review">"复习"{due_badge()}</a>
            <a class="nav-link" href="#/py" title="Python 草稿本：写你自己的代码并运行">"草稿"</a>
            <button class="theme-btn" title="切换配色" aria-label=move || format!("配色：{}", theme_label()) on:click=cycle_theme>
                {theme_icon}<span class="label">{theme_label}</span>
            </button>
        </header>
        <div class="layout">
            <nav class="sidebar" class:open=move || sidebar_open.get() aria-label="目录">
                // Built once idle after the frame that shows the page (see `toc_ready`).
                {move || toc_ready.get().then(|| view! { <Sidebar route=route /> })}
            </nav>
            <div class="scrim" class:open=move || sidebar_open.get()
                on:click=move |_| set_sidebar_open.set(false)></div>
            <main id="main" tabindex="-1">
                {move || progress.banner.get().map(|b| view! {
                    <div class="banner warn" role="alert" data-banner="storage">{b}</div>
                })}
                {move || {
                    let notices = progress.notices.get();
                    (!notices.is_empty()).then(|| view! {
                        <div class="banner info" role="status" data-banner="notice">
                            <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                            <button on:click=move |_| progress.notices.set(Vec::new())>"知道了"</button>
                        </div>
                    })
                }}
                {body}
            </main>
        </div>
    }
}

/// Contents grouped by category, with the current topic marked. The links are one static
/// HTML string ([`crate::notes::toc_html`]); an effect moves the `current` mark, another
/// keeps each link's progress mark and applies the filter ([`apply_topic_marks`]).
#[component]
fn Sidebar(route: ReadSignal<Route>) -> impl IntoView {
    let Ok(cat) = catalogue() else {
        return view! { <p>"目录不可用"</p> }.into_any();
    };
    Effect::new(move |_| {
        let current = match route.get() {
            Route::Topic { slug, .. } => Some(slug),
            _ => None,
        };
        let doc = document();
        if let Ok(marked) = doc.query_selector_all("nav.sidebar a.current") {
            for i in 0..marked.length() {
                if let Some(el) = marked
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.class_list().remove_1("current");
                    let _ = el.remove_attribute("aria-current");
                }
            }
        }
        // Slugs are `[a-z0-9-]+` (route parsing guarantees it), safe inside the selector.
        let link = current
            .filter(|s| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .and_then(|s| {
                doc.query_selector(&format!("nav.sidebar a[data-slug=\"{s}\"]"))
                    .ok()
                    .flatten()
            });
        if let Some(el) = link {
            let _ = el.class_list().add_1("current");
            let _ = el.set_attribute("aria-current", "page");
        }
    });
    let filter = RwSignal::new(0u32); // TopicFilter::ALL[0], 全部
    apply_topic_marks("nav.sidebar", Some(filter));
    view! {
        <TopicFilters filter=filter />
        <div class="toc" inner_html=crate::notes::toc_html(cat)></div>
        // The key to the marks; hidden from screen readers, which hear the words on each link.
        <p class="toc-legend small muted" aria-hidden="true">
            {crate::progress::mark_legend()
                .into_iter()
                .map(|(glyph, words)| view! { <span><b>{glyph}</b>" "{words}</span> })
                .collect_view()}
        </p>
    }
    .into_any()
}

/// How many animation frames (about 5 s at 60 Hz) a scroll target waits for the parts of a
/// topic page still loading before scrolling anyway.
const PANEL_WAIT_FRAMES: u32 = 300;

/// Runs `f` in the first animation frame with none of [`super::PLACEHOLDERS`] left on the
/// page, or after `frames` frames, whichever comes first.
fn when_panels_built<F: FnOnce() + 'static>(frames: u32, f: F) {
    request_animation_frame(move || {
        let pending = document()
            .query_selector(super::PLACEHOLDERS)
            .ok()
            .flatten()
            .is_some();
        if pending && frames > 0 {
            when_panels_built(frames - 1, f);
        } else {
            f();
        }
    });
}
