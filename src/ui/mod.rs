//! Leptos components: the app shell, hash router and pages. Thin: every decision that
//! can be made without a browser lives in the pure modules and is called from here.

pub mod bench;
mod exercise;
mod pages;
mod panic;
mod progress_pages;
mod progress_state;
mod search;
mod topic_progress;
mod wordfile;

use std::sync::OnceLock;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::notes::Catalogue;
use crate::route::{self, Route};
use crate::storage;

/// Key of the theme preference in localStorage.
const THEME_KEY: &str = "mianshiti.theme";

static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();

/// The bundled notes, parsed once.
pub(crate) fn catalogue() -> Result<&'static Catalogue, &'static str> {
    match CATALOGUE.get_or_init(Catalogue::load) {
        Ok(c) => Ok(c),
        Err(e) => Err(e.as_str()),
    }
}

/// Topic bodies by slug, from the notes bundle (`Err`: why it could not be loaded).
static BODIES: OnceLock<Result<std::collections::HashMap<String, String>, String>> =
    OnceLock::new();

/// The rendered body of a topic, or why the notes are unavailable.
pub(crate) fn topic_body(slug: &str) -> Result<String, String> {
    match BODIES.get() {
        Some(Ok(map)) => map
            .get(slug)
            .cloned()
            .ok_or_else(|| format!("笔记文件里没有「{slug}」")),
        Some(Err(e)) => Err(e.clone()),
        None => Err("笔记尚未加载".to_string()),
    }
}

/// Every loaded body as `(slug, html)` (empty when the notes could not be loaded).
pub(crate) fn with_bodies<R>(f: impl FnOnce(&std::collections::HashMap<String, String>) -> R) -> R {
    match BODIES.get() {
        Some(Ok(map)) => f(map),
        _ => f(&Default::default()),
    }
}

/// Installs the panic hook, loads the notes bundle (usually already on its way: the inline
/// boot script in index.html started the request before the wasm arrived), then replaces
/// the pre-rendered boot view with the app.
pub fn start() {
    panic::install();
    mark("start");
    apply_theme(&stored_theme());
    // Not leptos' spawn_local: its executor only exists once the app is mounted.
    wasm_bindgen_futures::spawn_local(async {
        // Each phase in its own task, so no single main-thread task blocks input for long.
        let bytes = load_notes().await;
        yield_to_browser().await;
        let bodies = bytes
            .and_then(|b| crate::notes::bundle::parse_bodies(&b))
            .map(|b| b.into_iter().collect::<std::collections::HashMap<_, _>>());
        let _ = BODIES.set(bodies);
        mark("notes");
        // Never replace a boot view nobody saw: wait for the frame that shows the deep-linked
        // topic index.html paints from the notes (`__mianshitiBootDone`; open at once when
        // there is none). On a slow link it has long been painted by now; on a fast machine the
        // wasm can be ready first.
        await_window_promise("__mianshitiBootDone").await;
        yield_to_browser().await;
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
        mark("mount");
        leptos::mount::mount_to_body(App);
        mark("mounted");
    });
}

/// Runs `f` once the browser is idle after the next frame: for work the reader is not waiting
/// for (the table of contents, the visit record, exercise panels below the first screen), so it
/// delays neither the frame that shows what they asked for nor input handled right after it.
pub(crate) fn when_idle(f: impl FnOnce() + 'static) {
    request_animation_frame(move || idle(f));
}

/// Runs `f` in the browser's next idle period (`requestIdleCallback`), and at the latest after
/// 500 ms of a busy main thread; at once in a task where there is no `requestIdleCallback`
/// (Safari).
pub(crate) fn idle(f: impl FnOnce() + 'static) {
    let job = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = job.take() {
            f();
        }
    };
    let latest = if request_idle_callback_with_handle(run.clone()).is_ok() {
        std::time::Duration::from_millis(500)
    } else {
        std::time::Duration::ZERO
    };
    set_timeout(run, latest);
}

/// A user-timing mark `mianshiti:<name>` (the benchmark reads them for its start-up breakdown).
pub(crate) fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(&format!("mianshiti:{name}"));
    }
}

/// The promise index.html's boot script left at `window[name]`, if there is one.
fn window_promise(name: &str) -> Option<js_sys::Promise> {
    js_sys::Reflect::get(&window(), &name.into())
        .ok()
        .and_then(|v| v.dyn_into().ok())
}

/// Waits for [`window_promise`]`(name)`, if there is one (its outcome does not matter).
async fn await_window_promise(name: &str) {
    if let Some(p) = window_promise(name) {
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
}

/// The notes bundle's bytes: from the boot script's request (`window.__mianshitiNotes`, a
/// promise of an `ArrayBuffer`) when there is one, else fetched here. Bytes, not text: the whole
/// file is never converted to a JS string and re-encoded into wasm memory (~5 ms at start-up).
async fn load_notes() -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let buffer = match window_promise("__mianshitiNotes") {
        Some(p) => JsFuture::from(p).await,
        None => {
            let url = document()
                .query_selector("link[data-notes]")
                .ok()
                .flatten()
                .and_then(|l| l.get_attribute("href"))
                .ok_or("页面缺少笔记文件的链接")?;
            fetch_bytes(&url).await
        }
    };
    let buffer = buffer.map_err(|e| {
        format!(
            "下载笔记文件失败（{}）",
            e.as_string()
                .or_else(|| js_sys::Error::from(e).message().as_string())
                .unwrap_or_else(|| "网络错误".into())
        )
    })?;
    let buffer = buffer
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_err(|_| "笔记文件的内容无法读取".to_string())?;
    // Refused before it is copied into wasm memory (the parser has the same limit).
    crate::notes::bundle::check_size(buffer.byte_length() as usize)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `fetch(url)` and the body as an `ArrayBuffer`; an HTTP error status is an error
/// (`"HTTP <status>"`, as the boot script reports it).
async fn fetch_bytes(url: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()).into());
    }
    JsFuture::from(response.array_buffer()?).await
}

/// Ends the current task: resolves in a new one (`setTimeout(0)`), letting the browser
/// handle input and paint in between.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            },
            std::time::Duration::ZERO,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The `<input type=file>` behind a `change` event and the first file picked in it.
pub(crate) fn picked_file(
    ev: &web_sys::Event,
) -> Option<(web_sys::HtmlInputElement, web_sys::File)> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    Some((input, file))
}

/// A high-resolution timestamp in ms (for run times shown to the user).
pub(crate) fn exercise_now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

thread_local! {
    static PENDING_SCROLL: std::cell::RefCell<Option<(String, f64)>> = const { std::cell::RefCell::new(None) };
    static READING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    static READING_TICK: std::cell::Cell<Option<WriteSignal<u32>>> = const { std::cell::Cell::new(None) };
}

/// Asks the next render of `slug` to restore a scroll fraction ("continue reading").
pub(crate) fn set_pending_scroll(slug: &str, fraction: f64) {
    PENDING_SCROLL.with(|p| *p.borrow_mut() = Some((slug.to_string(), fraction)));
}

/// Whether the next render of `slug` restores a scroll position.
fn has_pending_scroll(slug: &str) -> bool {
    PENDING_SCROLL.with(|p| matches!(p.borrow().as_ref(), Some((s, _)) if s == slug))
}

fn take_pending_scroll(slug: &str) -> Option<f64> {
    PENDING_SCROLL.with(|p| {
        let mut p = p.borrow_mut();
        match p.as_ref() {
            Some((s, f)) if s == slug => {
                let f = *f;
                *p = None;
                Some(f)
            }
            _ => None,
        }
    })
}

/// Tracks reading of the topic on screen: saves the scroll position (throttled) and marks
/// the topic 已读 once the reader reaches its end.
pub(crate) fn watch_reading(slug: &str) {
    READING.with(|r| *r.borrow_mut() = Some(slug.to_string()));
    // A page short enough to fit on screen is read without scrolling: check once it settled.
    if let Some(set_tick) = READING_TICK.with(|t| t.get()) {
        set_timeout(
            move || set_tick.update(|t| *t = t.wrapping_add(1)),
            std::time::Duration::from_secs(3),
        );
    }
}

/// How far the page can scroll vertically, in CSS pixels.
fn max_scroll() -> f64 {
    let inner = window()
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let height = document()
        .document_element()
        .map(|e| e.scroll_height() as f64)
        .unwrap_or(0.0);
    (height - inner).max(0.0)
}

/// The scroll position as a fraction of the page, and whether the reader is at its end.
fn scroll_fraction() -> (f64, bool) {
    let y = window().scroll_y().unwrap_or(0.0);
    let max = max_scroll();
    let fraction = if max <= 0.0 {
        1.0
    } else {
        (y / max).clamp(0.0, 1.0)
    };
    (fraction, y >= max - 48.0)
}

fn install_reading_tracker() {
    let (tick, set_tick) = signal(0u32);
    READING_TICK.with(|t| t.set(Some(set_tick)));
    let pending = StoredValue::new(false);
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        if !pending.get_value() {
            pending.set_value(true);
            set_timeout(
                move || {
                    pending.set_value(false);
                    set_tick.update(|t| *t = t.wrapping_add(1));
                },
                std::time::Duration::from_millis(400),
            );
        }
    });
    std::mem::forget(handle);
    Effect::new(move |_| {
        // Only after a scroll (or the settle timer): reading layout during start-up forces a
        // synchronous reflow before the first paint (measured ~140 ms of app-ready), and the
        // topic page has already recorded position 0.
        if tick.get() == 0 {
            return;
        }
        let Some(slug) = READING.with(|r| r.borrow().clone()) else {
            return;
        };
        let (fraction, at_end) = scroll_fraction();
        let now = progress_state::now_ms();
        progress_state::update(|s| {
            s.set_last_topic(&slug, fraction, now);
            if at_end {
                s.mark_visit(&slug, now);
            }
        });
    });
}

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    route::parse(&hash)
}

/// Navigates by setting `location.hash` (the `hashchange` listener updates the view).
pub(crate) fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route::to_hash(route));
}

/// Replaces the current history entry's hash without a new entry or a `hashchange`.
pub(crate) fn replace_hash(route: &Route) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&route::to_hash(route)),
        );
    }
}

fn stored_theme() -> String {
    storage::get(THEME_KEY)
        .ok()
        .flatten()
        .unwrap_or_else(|| "system".into())
}

fn apply_theme(theme: &str) {
    if let Some(root) = document().document_element() {
        if theme == "system" {
            let _ = root.remove_attribute("data-theme");
        } else {
            let _ = root.set_attribute("data-theme", theme);
        }
    }
}

/// The app shell: header, sidebar of contents grouped by category, and the routed page.
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
        set_toc_ready.set(true);
        mark("toc");
    });
    let (theme, set_theme) = signal(stored_theme());
    let cycle_theme = move |_| {
        let next = match theme.get_untracked().as_str() {
            "system" => "light",
            "light" => "dark",
            _ => "system",
        };
        apply_theme(next);
        let _ = storage::set(THEME_KEY, next);
        set_theme.set(next.to_string());
    };
    let theme_icon = move || match theme.get().as_str() {
        "light" => "☀",
        "dark" => "☾",
        _ => "◐",
    };
    let theme_label = move || match theme.get().as_str() {
        "light" => "浅色",
        "dark" => "深色",
        _ => "跟随系统",
    };

    // Close the mobile sidebar whenever the route changes, and scroll to the right place.
    Effect::new(move |_| {
        let r = route.get();
        set_sidebar_open.set(false);
        let (anchor, restore, highlight) = match &r {
            Route::Topic {
                anchor,
                slug,
                highlight,
            } => (anchor.clone(), take_pending_scroll(slug), highlight.clone()),
            _ => {
                READING.with(|r| *r.borrow_mut() = None);
                (None, None, None)
            }
        };
        request_animation_frame(move || {
            if let Some(q) = highlight {
                // Search results open the topic scrolled to the first highlighted match.
                search::highlight_in_page(&q);
                return;
            }
            let target = anchor.and_then(|a| document().get_element_by_id(&a));
            match (target, restore) {
                (Some(el), _) => el.scroll_into_view(),
                (None, Some(fraction)) => {
                    window().scroll_to_with_x_and_y(0.0, fraction * max_scroll());
                }
                (None, None) => window().scroll_to_with_x_and_y(0.0, 0.0),
            }
        });
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
            Route::Progress => view! { <progress_pages::ProgressPage /> }.into_any(),
            Route::Review => view! { <progress_pages::ReviewPage /> }.into_any(),
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
                on:click=move |_| set_sidebar_open.update(|o| *o = !*o)>"☰"<span class="label">"目录"</span></button>
            <a class="brand" href="#/">"面试题 Playground"</a>
            <search::SearchBox route=route />
            <span class="spacer"></span>
            <a class="nav-link" href="#/progress">"进度"</a>
            <a class="nav-link" href="#/review">"复习"</a>
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
/// HTML string ([`crate::notes::toc_html`]); an effect moves the `current` mark.
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
    view! { <div class="toc" inner_html=crate::notes::toc_html(cat)></div> }.into_any()
}
