//! Search UI (issue 5): the header search box, the results page and in-page highlighting.
//!
//! All matching, ranking and snippet cutting lives in the pure [`crate::notes::search`];
//! this module only renders. The query is user input, so every highlighted piece is built
//! as a text node or a `<mark>` element holding a text node — never as HTML.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::exercises;
use crate::notes::search::{
    find_ranges, parse_query, segments, Hit, HitKind, SearchIndex, MAX_QUERY_CHARS, MAX_TERMS,
};
use crate::route::{self, Route};

/// Results rendered in the dropdown (per keystroke, so kept small).
const DROPDOWN_LIMIT: usize = 8;
/// Results rendered on the results page.
const PAGE_LIMIT: usize = 50;
/// Pause in typing after which the results page re-renders, in ms.
const PAGE_DEBOUNCE_MS: u64 = 120;
/// `<mark>`s inserted into a topic page at most (a one-letter query could match thousands).
const MAX_MARKS: usize = 500;
/// Characters of the query shown in messages (the full query can be 10,000 characters).
const SHOWN_QUERY_CHARS: usize = 40;
/// `id` of the search input.
const INPUT_ID: &str = "search-input";
/// `id` of the dropdown's listbox.
const LISTBOX_ID: &str = "search-listbox";
/// Example queries offered on the empty results page.
const EXAMPLES: [&str; 5] = ["闭包", "幂等", "defaultdict", "GIL", "TCP 握手"];

static INDEX: OnceLock<SearchIndex> = OnceLock::new();

/// The search index over the notes and exercises, built on first use (a few ms).
fn index() -> Option<&'static SearchIndex> {
    let cat = super::catalogue().ok()?;
    Some(INDEX.get_or_init(|| {
        let exercises: Vec<(&str, &str, &str)> = exercises::catalogue()
            .iter()
            .map(|e| (e.id, e.title, e.topic_slug))
            .collect();
        super::with_bodies(|bodies| {
            SearchIndex::from_html(cat, |slug| bodies.get(slug).map(String::as_str), &exercises)
        })
    }))
}

/// The hits for one query, plus what the views need to explain them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Results {
    /// The query as typed.
    query: String,
    /// Normalised terms (for highlighting titles).
    terms: Vec<String>,
    /// True when the query was cut (too long or too many terms).
    truncated: bool,
    /// The best hits, best first.
    hits: Vec<Hit>,
    /// Number of matching documents (≥ `hits.len()`).
    total: usize,
}

/// Runs `query`, keeping at most `limit` hits. With `count_all`, `total` counts every
/// matching document; otherwise it only tells whether there are more than `limit`.
fn run(query: &str, limit: usize, count_all: bool) -> Results {
    let parsed = parse_query(query);
    let wanted = if count_all { usize::MAX } else { limit + 1 };
    let mut hits = index()
        .map(|i| i.search_parsed(&parsed, wanted))
        .unwrap_or_default();
    let total = hits.len();
    hits.truncate(limit);
    Results {
        query: query.to_string(),
        terms: parsed.terms,
        truncated: parsed.truncated,
        hits,
        total,
    }
}

/// The query cut for display in messages.
fn shown(query: &str) -> String {
    let query = query.trim();
    match query.char_indices().nth(SHOWN_QUERY_CHARS) {
        Some((i, _)) => format!("{}…", &query[..i]),
        None => query.to_string(),
    }
}

/// The query carried in `hl=`: trimmed and cut like the search itself cuts it.
fn hl_query(query: &str) -> String {
    let query = query.trim();
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((i, _)) => query[..i].to_string(),
        None => query.to_string(),
    }
}

/// Where a hit leads: a topic opens with the query highlighted, an exercise at its own page.
fn hit_route(hit: &Hit, query: &str) -> Route {
    match (hit.kind, &hit.exercise_id) {
        (HitKind::Exercise, Some(id)) => Route::Exercise {
            id: id.clone(),
            params: Vec::new(),
        },
        _ => Route::Topic {
            slug: hit.slug.clone(),
            anchor: None,
            highlight: Some(hl_query(query)),
        },
    }
}

/// Navigates to `target`; when the hash would not change (the same topic and query again),
/// no `hashchange` fires, so the highlighting is redone directly.
fn go(target: &Route) {
    let hash = route::to_hash(target);
    if window().location().hash().unwrap_or_default() == hash {
        if let Route::Topic {
            highlight: Some(q), ..
        } = target
        {
            highlight_in_page(q);
        }
    } else {
        super::navigate(target);
    }
}

/// Text with the given `(text, highlighted)` segments as text nodes and `<mark>` elements.
fn highlighted(segs: Vec<(String, bool)>) -> impl IntoView {
    segs.into_iter()
        .map(|(text, hl)| {
            if hl {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
}

/// Title, category and snippet of one hit (shared by the dropdown and the results page).
fn hit_body(hit: &Hit, terms: &[String]) -> impl IntoView {
    let is_exercise = hit.kind == HitKind::Exercise;
    let title = segments(&hit.title, &find_ranges(&hit.title, terms));
    view! {
        <span class="hit-title">
            {is_exercise.then(|| view! { <span class="hit-badge">"练习"</span> })}
            {highlighted(title)}
        </span>
        <span class="hit-meta">{hit.category.clone()}</span>
        <span class="hit-snippet">
            {is_exercise.then_some("所属主题：")}
            {highlighted(hit.snippet.clone())}
        </span>
    }
}

fn kind_attr(hit: &Hit) -> &'static str {
    match hit.kind {
        HitKind::Topic => "topic",
        HitKind::Exercise => "exercise",
    }
}

fn option_id(i: usize) -> String {
    format!("search-opt-{i}")
}

/// True when a key press is aimed at something the user types into.
fn typing_target(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

// The results page registers a setter so that typing in the header box updates it live
// (the URL is then replaced, not pushed: no history entry per keystroke).
thread_local! {
    static PAGE_QUERY: RefCell<Option<(u64, WriteSignal<String>)>> = const { RefCell::new(None) };
    static PAGE_TOKEN: Cell<u64> = const { Cell::new(0) };
    static PAGE_UPDATE: Cell<u64> = const { Cell::new(0) };
}

fn register_page(set: WriteSignal<String>) -> u64 {
    let token = PAGE_TOKEN.with(|t| {
        t.set(t.get() + 1);
        t.get()
    });
    PAGE_QUERY.with(|p| *p.borrow_mut() = Some((token, set)));
    token
}

fn unregister_page(token: u64) {
    PAGE_QUERY.with(|p| {
        let mut p = p.borrow_mut();
        if p.as_ref().is_some_and(|(t, _)| *t == token) {
            *p = None;
        }
    });
}

/// Shows `query` on the results page once typing pauses: rendering up to [`PAGE_LIMIT`]
/// results costs more than a frame, so it is not done on every keystroke.
fn set_page_query(query: String) {
    let generation = PAGE_UPDATE.get() + 1;
    PAGE_UPDATE.set(generation);
    set_timeout(
        move || {
            if PAGE_UPDATE.get() != generation {
                return; // a later keystroke superseded this one
            }
            if let Some((_, set)) = PAGE_QUERY.with(|p| *p.borrow()) {
                let _ = set.try_set(query);
            }
        },
        std::time::Duration::from_millis(PAGE_DEBOUNCE_MS),
    );
}

/// The search box in the header (reachable with `/` or Ctrl/Cmd+K).
#[component]
pub fn SearchBox(route: ReadSignal<Route>) -> impl IntoView {
    let input_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let text = RwSignal::new(match route.get_untracked() {
        Route::Search { query } => query,
        _ => String::new(),
    });
    let open = RwSignal::new(false);
    let active: RwSignal<Option<usize>> = RwSignal::new(None);
    let on_page = Memo::new(move |_| matches!(route.get(), Route::Search { .. }));
    let show =
        Memo::new(move |_| open.get() && !on_page.get() && text.with(|t| !t.trim().is_empty()));
    let results = Memo::new(move |_| {
        if show.get() {
            text.with(|t| run(t, DROPDOWN_LIMIT, false))
        } else {
            Results::default()
        }
    });

    // On navigation: close the dropdown; on the results page, show its query in the box.
    Effect::new(move |_| {
        let r = route.get();
        open.set(false);
        active.set(None);
        if let Route::Search { query } = r {
            if text.get_untracked() != query {
                if let Some(input) = input_ref.get_untracked() {
                    input.set_value(&query);
                }
                text.set(query);
            }
        }
    });

    let focus_box = move || {
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
            input.select();
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.is_composing() {
            return;
        }
        let key = ev.key();
        let command_k =
            (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && key.eq_ignore_ascii_case("k");
        let slash =
            key == "/" && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() && !typing_target(&ev);
        if command_k || slash {
            ev.prevent_default();
            focus_box();
        }
    });
    on_cleanup(move || handle.remove());

    let close = move || {
        open.set(false);
        active.set(None);
    };
    // Opens the option `sel` (a hit index, or the "all results" item / no selection).
    let activate = move |sel: Option<usize>| {
        let query = text.get_untracked();
        if query.trim().is_empty() {
            return;
        }
        let hit = sel.and_then(|i| results.with_untracked(|r| r.hits.get(i).cloned()));
        let target = match hit {
            Some(hit) => hit_route(&hit, &query),
            None => Route::Search { query },
        };
        close();
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.blur();
        }
        go(&target);
    };
    let move_selection = move |down: bool| {
        // Options: the hits, then "查看全部结果".
        let count = results.with_untracked(|r| r.hits.len()) + 1;
        let next = match (active.get_untracked(), down) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        active.set(Some(next));
        if let Some(el) = document().get_element_by_id(&option_id(next)) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    };

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        active.set(None);
        if on_page.get_untracked() {
            super::replace_hash(&Route::Search {
                query: value.clone(),
            });
            set_page_query(value.clone());
        } else {
            open.set(true);
        }
        text.set(value);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.is_composing() {
            return; // the IME is using the key (e.g. Enter to commit pinyin)
        }
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !on_page.get_untracked() => {
                if text.with_untracked(|t| t.trim().is_empty()) {
                    return;
                }
                ev.prevent_default();
                if !open.get_untracked() {
                    open.set(true);
                    return;
                }
                move_selection(ev.key() == "ArrowDown");
            }
            "ArrowDown" => {
                // On the results page the arrow moves on into the results themselves.
                if let Some(link) = document()
                    .query_selector(".search-results .search-result")
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    ev.prevent_default();
                    let _ = link.focus();
                }
            }
            "Enter" => {
                ev.prevent_default();
                let sel = if show.get_untracked() {
                    active.get_untracked()
                } else {
                    None
                };
                activate(sel);
            }
            "Escape" => {
                if show.get_untracked() {
                    ev.prevent_default();
                    close();
                } else if let Some(input) = input_ref.get_untracked() {
                    let _ = input.blur();
                }
            }
            "Tab" => close(),
            _ => {}
        }
    };

    let popover = move || {
        if !show.get() {
            return None;
        }
        let r = results.get();
        let n = r.hits.len();
        let all_id = option_id(n);
        let options = r
            .hits
            .iter()
            .enumerate()
            .map(|(i, hit)| {
                let selected = move || active.get() == Some(i);
                view! {
                    <li role="option" id=option_id(i) class="search-option"
                        class:active=selected
                        aria-selected=move || selected().to_string()
                        data-kind=kind_attr(hit)
                        on:mouseenter=move |_| active.set(Some(i))
                        on:click=move |_| activate(Some(i))>
                        {hit_body(hit, &r.terms)}
                    </li>
                }
            })
            .collect_view();
        let empty = (n == 0).then(|| {
            view! {
                <p class="search-empty">"没有找到「" {shown(&r.query)} "」，试试更短的关键词。"</p>
            }
        });
        let truncated = r.truncated.then(|| {
            view! {
                <p class="search-trunc">
                    {format!("查询过长，只用了前 {MAX_QUERY_CHARS} 个字符、最多 {MAX_TERMS} 个词。")}
                </p>
            }
        });
        let all_label = if r.total > n {
            "查看全部结果（更多）→"
        } else {
            "在结果页查看 →"
        };
        let all_selected = move || active.get() == Some(n);
        Some(view! {
            // Keep the focus in the input while clicking an option (no blur before click).
            <div class="search-popover" on:mousedown=|ev| ev.prevent_default()>
                {truncated}
                {empty}
                <ul role="listbox" id=LISTBOX_ID aria-label="搜索结果">
                    {options}
                    <li role="option" id=all_id class="search-option search-all"
                        class:active=all_selected
                        aria-selected=move || all_selected().to_string()
                        on:mouseenter=move |_| active.set(Some(n))
                        on:click=move |_| activate(None)>
                        {all_label}
                    </li>
                </ul>
            </div>
        })
    };

    view! {
        <div class="search-box" role="search">
            <span class="search-icon" aria-hidden="true"></span>
            <input node_ref=input_ref id=INPUT_ID class="search-input" type="search"
                role="combobox" aria-autocomplete="list" aria-controls=LISTBOX_ID
                aria-expanded=move || show.get().to_string()
                aria-activedescendant=move || {
                    if show.get() { active.get().map(option_id) } else { None }
                }
                aria-label="搜索笔记和练习（快捷键 / 或 Ctrl+K）"
                placeholder="搜索笔记…"
                autocomplete="off" spellcheck="false" enterkeyhint="search"
                value=text.get_untracked()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| {
                    let _ = index(); // build it before the first keystroke needs it
                    open.set(true);
                }
                on:blur=move |_| close() />
            <kbd class="search-kbd" aria-hidden="true">"/"</kbd>
            {popover}
        </div>
    }
}

/// The results page for `#/search?q=...`.
#[component]
pub fn SearchPage(query: String) -> impl IntoView {
    let (query, set_query) = signal(query);
    let token = register_page(set_query);
    on_cleanup(move || unregister_page(token));
    let results = Memo::new(move |_| query.with(|q| run(q, PAGE_LIMIT, true)));
    Effect::new(move |_| {
        let title = query.with(|q| {
            if q.trim().is_empty() {
                "搜索 · 面试题 Playground".to_string()
            } else {
                format!("搜索：{} · 面试题 Playground", shown(q))
            }
        });
        document().set_title(&title);
    });
    let body = move || results.with(page_body);
    view! {
        <div class="search-page" data-view="search">
            <h1>"搜索"</h1>
            {body}
        </div>
    }
}

fn page_body(r: &Results) -> AnyView {
    if r.terms.is_empty() {
        let examples = EXAMPLES
            .iter()
            .map(|q| {
                let href = route::to_hash(&Route::Search {
                    query: q.to_string(),
                });
                view! { <a class="chip" href=href>{*q}</a> }
            })
            .collect_view();
        return view! {
            <div class="search-start" data-state="empty">
                <p>"在顶部的搜索框输入关键词（按 " <kbd>"/"</kbd> " 或 " <kbd>"Ctrl+K"</kbd> " 即可聚焦），"
                    "标题、正文、代码和练习都会被搜索；多个词用空格分开，结果需包含全部关键词。"</p>
                <p>"试试：" {examples}</p>
            </div>
        }
        .into_any();
    }
    let truncated = r.truncated.then(|| {
        view! {
            <p class="search-notice" role="note" data-notice="truncated">
                {format!(
                    "查询太长，已截断：只使用了前 {MAX_QUERY_CHARS} 个字符、最多 {MAX_TERMS} 个关键词。"
                )}
            </p>
        }
    });
    if r.hits.is_empty() {
        return view! {
            {truncated}
            <div class="search-start" data-state="no-results">
                <p>"没有找到与「" <strong>{shown(&r.query)}</strong> "」相关的内容。"</p>
                <p class="muted">"换个说法试试：用更短的关键词、检查错别字，或减少关键词个数（所有关键词都必须出现）。"</p>
            </div>
        }
        .into_any();
    }
    let summary = if r.total > r.hits.len() {
        format!("找到 {} 条结果，显示前 {} 条", r.total, r.hits.len())
    } else {
        format!("找到 {} 条结果", r.total)
    };
    let items = r
        .hits
        .iter()
        .map(|hit| {
            let href = route::to_hash(&hit_route(hit, &r.query));
            view! {
                <li>
                    <a class="search-result" href=href data-kind=kind_attr(hit) data-slug=hit.slug.clone()>
                        {hit_body(hit, &r.terms)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        {truncated}
        <p class="search-summary" role="status">{summary}</p>
        <ol class="search-results">{items}</ol>
    }
    .into_any()
}

// ---- In-page highlighting ------------------------------------------------------------

thread_local! {
    /// The `<mark>`s of the current highlighting, in document order.
    static MARKS: RefCell<Vec<web_sys::Element>> = const { RefCell::new(Vec::new()) };
    /// Index of the mark that was scrolled to last.
    static CURRENT: Cell<usize> = const { Cell::new(0) };
    /// One click listener shared by every highlight bar, created once and never dropped.
    static BAR_LISTENER: js_sys::Function = Closure::<dyn Fn(web_sys::Event)>::new(on_bar_click)
        .into_js_value()
        .unchecked_into();
}

/// Highlights the search terms inside the rendered topic body and scrolls to the first match.
pub fn highlight_in_page(query: &str) {
    clear_highlights();
    let doc = document();
    let Some(article) = doc.query_selector("article.topic").ok().flatten() else {
        return;
    };
    let query = hl_query(query);
    let terms = parse_query(&query).terms;
    if terms.is_empty() {
        return;
    }
    let mut texts = Vec::new();
    for selector in [".topic-title", ".note-body"] {
        if let Some(root) = article.query_selector(selector).ok().flatten() {
            collect_text(&root, &mut texts);
        }
    }
    let mut marks: Vec<web_sys::Element> = Vec::new();
    let mut capped = false;
    for node in texts {
        let Some(text) = node.node_value() else {
            continue;
        };
        let ranges = find_ranges(&text, &terms);
        if ranges.is_empty() {
            continue;
        }
        let Some(parent) = node.parent_node() else {
            continue;
        };
        for (piece, hit) in segments(&text, &ranges) {
            let new_node: Option<web_sys::Node> = if hit && marks.len() < MAX_MARKS {
                doc.create_element("mark").ok().map(|mark| {
                    mark.set_class_name("search-hit");
                    mark.set_text_content(Some(&piece));
                    marks.push(mark.clone());
                    mark.into()
                })
            } else {
                capped |= hit;
                node.clone_node()
                    .ok()
                    .inspect(|t| t.set_node_value(Some(&piece)))
            };
            if let Some(new_node) = new_node {
                let _ = parent.insert_before(&new_node, Some(&node));
            }
        }
        let _ = parent.remove_child(&node);
    }
    if let Ok(bar) = highlight_bar(&doc, &query, marks.len(), capped) {
        let _ = article.insert_before(&bar, article.first_child().as_ref());
    }
    let first = marks.first().cloned();
    MARKS.with(|m| *m.borrow_mut() = marks);
    CURRENT.set(0);
    match first {
        Some(mark) => focus_mark(&mark),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Appends the text nodes under `node` to `out`, in document order.
fn collect_text(node: &web_sys::Node, out: &mut Vec<web_sys::Node>) {
    let mut child = node.first_child();
    while let Some(c) = child {
        match c.node_type() {
            web_sys::Node::TEXT_NODE => out.push(c.clone()),
            web_sys::Node::ELEMENT_NODE
                if !matches!(c.node_name().as_str(), "SCRIPT" | "STYLE" | "TEXTAREA") =>
            {
                collect_text(&c, out);
            }
            _ => {}
        }
        child = c.next_sibling();
    }
}

/// Marks `mark` as the current hit and scrolls it to the middle of the screen.
fn focus_mark(mark: &web_sys::Element) {
    let _ = mark.class_list().add_1("current");
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    mark.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// The bar "高亮：<query> · N 处 · 上一处 下一处 清除高亮" (text nodes only).
fn highlight_bar(
    doc: &web_sys::Document,
    query: &str,
    count: usize,
    capped: bool,
) -> Result<web_sys::Element, JsValue> {
    let bar = doc.create_element("div")?;
    bar.set_class_name("search-hl-bar");
    bar.set_attribute("role", "status")?;
    let span = |class: &str, text: &str| -> Result<web_sys::Element, JsValue> {
        let el = doc.create_element("span")?;
        el.set_class_name(class);
        el.set_text_content(Some(text));
        bar.append_child(&el)?;
        Ok(el)
    };
    span("hl-label", "高亮：")?;
    span("hl-query", &shown(query))?;
    let count_text = match (count, capped) {
        (0, _) => " · 本页正文没有匹配".to_string(),
        (n, true) => format!(" · {n}+ 处"),
        (n, false) => format!(" · {n} 处"),
    };
    span("hl-count", &count_text)?;
    let button = |action: &str, label: &str| -> Result<(), JsValue> {
        let b = doc.create_element("button")?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-action", action)?;
        b.set_text_content(Some(label));
        bar.append_child(&b)?;
        Ok(())
    };
    if count > 1 {
        button("prev", "上一处")?;
        button("next", "下一处")?;
    }
    button("clear", "清除高亮")?;
    BAR_LISTENER.with(|f| bar.add_event_listener_with_callback("click", f))?;
    Ok(bar)
}

fn on_bar_click(ev: web_sys::Event) {
    let action = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-action]").ok().flatten())
        .and_then(|el| el.get_attribute("data-action"));
    match action.as_deref() {
        Some("next") => step(true),
        Some("prev") => step(false),
        Some("clear") => {
            clear_highlights();
            // Drop `hl` from the URL so a reload does not bring the marks back.
            if let Route::Topic { slug, anchor, .. } =
                route::parse(&window().location().hash().unwrap_or_default())
            {
                super::replace_hash(&Route::Topic {
                    slug,
                    anchor,
                    highlight: None,
                });
            }
        }
        _ => {}
    }
}

/// Scrolls to the next (or previous) hit, wrapping around.
fn step(forward: bool) {
    MARKS.with(|m| {
        let marks = m.borrow();
        let n = marks.len();
        if n == 0 {
            return;
        }
        let cur = CURRENT.get().min(n - 1);
        let _ = marks[cur].class_list().remove_1("current");
        let next = if forward {
            (cur + 1) % n
        } else {
            (cur + n - 1) % n
        };
        CURRENT.set(next);
        focus_mark(&marks[next]);
    });
}

/// Removes the current highlighting: unwraps every mark and removes the bar.
fn clear_highlights() {
    let marks = MARKS.with(|m| std::mem::take(&mut *m.borrow_mut()));
    for mark in marks {
        let Some(parent) = mark.parent_node() else {
            continue;
        };
        while let Some(child) = mark.first_child() {
            let _ = parent.insert_before(&child, Some(&mark));
        }
        let _ = parent.remove_child(&mark);
        parent.normalize(); // merge the split text nodes back
    }
    if let Ok(bars) = document().query_selector_all(".search-hl-bar") {
        for i in 0..bars.length() {
            if let Some(bar) = bars
                .item(i)
                .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
            {
                bar.remove();
            }
        }
    }
}
