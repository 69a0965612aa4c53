//! Progress pages (issue 4): overview, today's review queue, practice mode, export/import, settings.
//!
//! Every number comes from the pure model in `crate::progress`; this module only lays it
//! out and turns clicks into `progress_state::update` calls. Personal notes are only ever
//! inserted as text, never as markup.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::catalogue;
use super::progress_state::{self, now_ms, today, BACKUP_PREFIX, PROGRESS_KEY};
use crate::notes::title_html as render_inline;
use crate::notes::{Catalogue, CATEGORIES};
use crate::progress::{
    self, date_of_day, ChangeKind, ProgressStore, Rating, ReviewCard, Status, StatusCounts,
};
use crate::route;
use crate::storage;

const APP_NAME: &str = "面试题 Playground";
/// Weeks shown in the activity calendar.
const WEEKS: i64 = 16;
/// Largest import file accepted, in bytes.
const MAX_IMPORT_BYTES: f64 = 32.0 * 1024.0 * 1024.0;
/// Upcoming reviews listed on the overview.
const UPCOMING: usize = 5;

thread_local! {
    /// The topic a "今日复习" link asked the review page to show first.
    static PENDING_REVIEW: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn set_pending_review(slug: &str) {
    PENDING_REVIEW.with(|p| *p.borrow_mut() = Some(slug.to_string()));
}

fn take_pending_review() -> Option<String> {
    PENDING_REVIEW.with(|p| p.borrow_mut().take())
}

/// The last millisecond of the local calendar day (the "due today" cut-off).
fn end_of_today_ms() -> f64 {
    let d = js_sys::Date::new_0();
    d.set_hours(23);
    d.set_minutes(59);
    d.set_seconds(59);
    d.set_milliseconds(999);
    d.get_time()
}

fn local_date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

/// `YYYY-MM-DD` in local time.
fn format_date(ms: i64) -> String {
    let d = local_date(ms);
    format!(
        "{}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// `YYYY-MM-DD HH:MM` in local time.
fn format_time(ms: i64) -> String {
    let d = local_date(ms);
    format!(
        "{} {:02}:{:02}",
        format_date(ms),
        d.get_hours(),
        d.get_minutes()
    )
}

/// "今天", "明天", "3 天后", "逾期 2 天" for a due time, by local calendar days.
fn relative_day(due_ms: i64) -> String {
    let offset = -(local_date(due_ms).get_timezone_offset() as i32);
    let due_day = progress::day_number(due_ms as f64, offset);
    match due_day - today() {
        0 => "今天".to_string(),
        1 => "明天".to_string(),
        n if n > 1 => format!("{n} 天后"),
        n => format!("逾期 {} 天", -n),
    }
}

fn format_bytes(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    }
}

fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

fn set_title(title: &str) {
    document().set_title(&format!("{title} · {APP_NAME}"));
}

fn title_html(cat: &Catalogue, slug: &str) -> String {
    cat.get(slug)
        .map(|t| render_inline(&t.title))
        .unwrap_or_else(|| {
            let mut s = String::new();
            crate::notes::highlight::escape_html(slug, &mut s);
            s
        })
}

/// Starts a download of `text` as a file (Blob + object URL + `<a download>`).
fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "浏览器不允许下载文件".to_string();
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "浏览器不允许下载文件".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    if let Some(body) = document().body() {
        let _ = body.append_child(&a);
    }
    a.click();
    a.remove();
    // Revoke later: some browsers read the URL after click() returns.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// `mianshiti-progress-YYYYMMDD.json` for today's local date.
fn export_filename() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "mianshiti-progress-{}{:02}{:02}.json",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

// ---------------------------------------------------------------------------------------
// #/progress
// ---------------------------------------------------------------------------------------

/// `#/progress`: overview, review queue, export/import and storage settings.
#[component]
pub fn ProgressPage() -> impl IntoView {
    set_title("学习进度");
    let (Ok(cat), Some(state)) = (catalogue(), progress_state::state()) else {
        return view! { <p class="panel">"学习进度不可用。"</p> }.into_any();
    };
    // The import section is shared with the backup list (restoring a backup previews it).
    let import = RwSignal::new(None::<ImportView>);
    view! {
        <div class="progress-page" data-view="progress">
            <h1>"学习进度"</h1>
            <OverviewSection cat=cat state=state />
            <QueueSection cat=cat state=state />
            <ActivitySection state=state />
            <BookmarksSection cat=cat state=state />
            <TransferSection cat=cat state=state import=import />
            <SettingsSection state=state import=import />
        </div>
    }
    .into_any()
}

/// A bar split into 已掌握 / 待复习 / 已读 segments, widths set through the CSSOM.
fn stacked_bar(c: StatusCounts) -> impl IntoView {
    let total = c.total();
    let seg = |n: usize, class: &'static str, label: &'static str| {
        (n > 0).then(|| {
            view! {
                <span class=format!("seg {class}") style:width=format!("{:.3}%", percent(n, total))
                    title=format!("{label} {n}")></span>
            }
        })
    };
    view! {
        <div class="stack" aria-hidden="true">
            {seg(c.mastered, "mastered", "已掌握")}
            {seg(c.review, "review", "待复习")}
            {seg(c.read, "read", "已读")}
        </div>
    }
}

#[component]
fn OverviewSection(cat: &'static Catalogue, state: progress_state::ProgressState) -> impl IntoView {
    let topics: Vec<(&'static str, &'static str)> = cat
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.category.as_str()))
        .collect();
    let ov = Memo::new(move |_| state.store.with(|s| progress::overview(s, &topics)));
    let overall = move || {
        let c = ov.get().overall;
        let total = c.total();
        view! {
            <p class="overall-line">
                "已学 " <strong data-overall="started">{c.started()}</strong> " / " {total} " 个主题（"
                {format!("{:.0}%", percent(c.started(), total))} "），已掌握 "
                <strong data-overall="mastered">{c.mastered}</strong> " 个（"
                {format!("{:.0}%", percent(c.mastered, total))} "）"
            </p>
            <progress class="overall-bar" max=total.max(1) value=c.started() aria-label="总体进度"></progress>
            {stacked_bar(c)}
        }
    };
    let counts = move || {
        let c = ov.get().overall;
        Status::ALL
            .iter()
            .map(|&st| {
                view! {
                    <li data-count=st.key()>
                        <span class="n">{c.get(st)}</span>
                        <span class="l">{st.label()}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let categories = move || {
        let mut cats = ov.get().categories;
        // Same order as the sidebar and the home page.
        crate::index_sort::sort_by_key(&mut cats, |c| {
            CATEGORIES.iter().position(|k| *k == c.category)
        });
        cats.into_iter()
            .map(|cp| {
                let c = cp.counts;
                view! {
                    <li class="cat-row" data-category=cp.category.clone()>
                        <div class="cat-head">
                            <span class="cat-name">{cp.category.clone()}</span>
                            <span class="cat-num muted small">
                                {c.started()} " / " {c.total()} " · 已掌握 " {c.mastered}
                            </span>
                        </div>
                        {stacked_bar(c)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="prog-section overview" aria-labelledby="ov-h">
            <h2 id="ov-h">"总览"</h2>
            {overall}
            <ul class="status-counts">{counts}</ul>
            <p class="legend small muted">
                <span class="key mastered"></span>"已掌握 "
                <span class="key review"></span>"待复习 "
                <span class="key read"></span>"已读"
            </p>
            <h3>"按分类"</h3>
            <ul class="cat-progress">{categories}</ul>
        </section>
    }
}

#[component]
fn QueueSection(cat: &'static Catalogue, state: progress_state::ProgressState) -> impl IntoView {
    let slugs: Vec<&'static str> = cat.topics.iter().map(|t| t.slug.as_str()).collect();
    let slugs2 = slugs.clone();
    let queue = Memo::new(move |_| state.store.with(|s| s.due_queue(end_of_today_ms(), &slugs)));
    let upcoming = Memo::new(move |_| {
        let end = end_of_today_ms() as i64;
        state.store.with(|s| {
            let mut v: Vec<(i64, String)> = slugs2
                .iter()
                .filter_map(|slug| {
                    let due = s.topic(slug)?.review.as_ref()?.due;
                    (due > end).then(|| (due, slug.to_string()))
                })
                .collect();
            crate::index_sort::sort_by(&mut v, Ord::cmp);
            v.truncate(UPCOMING);
            v
        })
    });
    let list = move || {
        let q = queue.get();
        if q.is_empty() {
            return view! {
                <p class="empty" data-queue-empty>"今天没有需要复习的主题。"
                    "在主题页把状态设为「待复习」，它就会出现在这里。"</p>
            }
            .into_any();
        }
        let items = q
            .into_iter()
            .map(|slug| {
                let due = state
                    .store
                    .with_untracked(|s| s.topic(&slug).and_then(|t| t.review).map(|c| c.due));
                let when = due.map(relative_day).unwrap_or_default();
                let s2 = slug.clone();
                view! {
                    <li data-slug=slug.clone()>
                        <a href="#/review" on:click=move |_| set_pending_review(&s2)
                            inner_html=title_html(cat, &slug)></a>
                        <span class="muted small">" · " {when}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ol class="due-list">{items}</ol>
            <p><a class="button primary" href="#/review" data-action="start-review">"开始复习"</a></p>
        }
        .into_any()
    };
    let upcoming_view = move || {
        let u = upcoming.get();
        (!u.is_empty()).then(|| {
            let items = u
                .into_iter()
                .map(|(due, slug)| {
                    view! {
                        <li data-slug=slug.clone()>
                            <a href=route::topic_hash(&slug) inner_html=title_html(cat, &slug)></a>
                            <span class="muted small">" · " {format_date(due)} "（" {relative_day(due)} "）"</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3>"接下来"</h3>
                <ul class="upcoming-list">{items}</ul>
            }
        })
    };
    view! {
        <section class="prog-section queue" aria-labelledby="q-h">
            <h2 id="q-h">"今日复习" <span class="count" data-queue-count>{move || queue.get().len()}</span></h2>
            {list}
            {upcoming_view}
        </section>
    }
}

/// The last `WEEKS` weeks as a grid: one column per week (Monday on top), one cell per day.
fn calendar(days: &BTreeSet<i64>, today: i64) -> impl IntoView {
    // 1970-01-01 (day 0) was a Thursday; Monday = 0.
    let weekday = (today + 3).rem_euclid(7);
    let start = today - weekday - (WEEKS - 1) * 7;
    let studied = days.range(start..=today).count();
    let cells = (start..start + WEEKS * 7)
        .map(|d| {
            if d > today {
                return view! { <span class="day future" aria-hidden="true"></span> }.into_any();
            }
            let (y, m, dd) = date_of_day(d);
            let on = days.contains(&d);
            let date = format!("{y}-{m:02}-{dd:02}");
            let title = if on {
                format!("{date} 学习过")
            } else {
                date.clone()
            };
            view! {
                <span class="day" class:on=on class:today=d == today title=title data-day=date></span>
            }
            .into_any()
        })
        .collect_view();
    let (y, m, d) = date_of_day(start);
    view! {
        <div class="cal-wrap">
            <div class="cal-weekdays" aria-hidden="true">
                <span>"一"</span><span></span><span>"三"</span><span></span><span>"五"</span><span></span><span>"日"</span>
            </div>
            <div class="calendar" role="img"
                aria-label=format!("最近 {WEEKS} 周（自 {y}-{m:02}-{d:02} 起）有 {studied} 天学习")>
                {cells}
            </div>
        </div>
    }
}

#[component]
fn ActivitySection(state: progress_state::ProgressState) -> impl IntoView {
    let today = today();
    let stats = move || {
        state.store.with(|s| {
            (
                s.streak(today),
                progress::longest_streak(&s.study_days),
                s.study_days.len(),
            )
        })
    };
    let cal = move || state.store.with(|s| calendar(&s.study_days, today));
    view! {
        <section class="prog-section activity" aria-labelledby="act-h">
            <h2 id="act-h">"学习日历"</h2>
            <ul class="streaks">
                <li data-streak="current"><span class="n">{move || stats().0}</span><span class="l">"连续学习（天）"</span></li>
                <li data-streak="longest"><span class="n">{move || stats().1}</span><span class="l">"最长连续（天）"</span></li>
                <li data-streak="total"><span class="n">{move || stats().2}</span><span class="l">"累计学习日"</span></li>
            </ul>
            {cal}
            <p class="legend small muted">
                "最近 " {WEEKS} " 周，每格一天，" <span class="key on"></span> " 表示这天学习过（打开主题、写笔记、运行练习或复习）。"
            </p>
        </section>
    }
}

#[component]
fn BookmarksSection(
    cat: &'static Catalogue,
    state: progress_state::ProgressState,
) -> impl IntoView {
    let list = move || {
        let marks: Vec<String> = state.store.with(|s| {
            s.bookmarks()
                .into_iter()
                .filter(|slug| cat.get(slug).is_some())
                .collect()
        });
        if marks.is_empty() {
            return view! { <p class="empty muted">"还没有收藏。在主题页点「☆ 收藏」即可加入这里。"</p> }
                .into_any();
        }
        marks
            .into_iter()
            .map(|slug| {
                let status = state.store.with_untracked(|s| s.status(&slug));
                let s2 = slug.clone();
                view! {
                    <li data-slug=slug.clone()>
                        <a href=route::topic_hash(&slug) inner_html=title_html(cat, &slug)></a>
                        <span class="muted small">" · " {status.label()}</span>
                        <button class="link-btn small" title="取消收藏"
                            on:click=move |_| progress_state::update(|s| { s.toggle_bookmark(&s2, now_ms()); })>
                            "取消收藏"
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="prog-section bookmarks" aria-labelledby="bm-h">
            <h2 id="bm-h">"收藏"</h2>
            <ul class="bookmark-list">{list}</ul>
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// Export / import
// ---------------------------------------------------------------------------------------

/// The import flow: parsed and waiting for a choice, failed, or done.
#[derive(Clone, PartialEq)]
enum ImportView {
    Failed {
        name: String,
        errors: Vec<String>,
    },
    Ready {
        name: String,
        incoming: ProgressStore,
        notices: Vec<String>,
        confirm_replace: bool,
    },
    Done {
        message: String,
    },
}

/// Loading notices are written for the stored copy; an import backs nothing up.
fn import_notice(n: &str) -> String {
    n.replace("；原始数据已另存备份。", "。")
        .replace("，原始数据已另存备份。", "。")
        .replace("，原始数据已另存备份，", "，")
}

/// Parses an import (a file or a backup): never panics, explains every failure.
fn parse_import(name: &str, text: &str) -> ImportView {
    let fail = |errors: Vec<String>| ImportView::Failed {
        name: name.to_string(),
        errors,
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(e) => {
            return fail(vec![format!(
                "文件不是有效的 JSON（第 {} 行第 {} 列附近出错），无法导入。请选择「导出进度」得到的 .json 文件。",
                e.line(),
                e.column()
            )])
        }
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) => {
            return fail(vec![
                "文件内容不是学习进度（应为一个 JSON 对象），无法导入。".to_string()
            ])
        }
    }
    let outcome = progress::load(Some(text), &progress_state::slugs());
    if let Some(v) = outcome.read_only_newer {
        return fail(vec![format!(
            "这个文件来自更新版本的应用（数据格式 v{v}），当前版本无法安全导入。请先刷新或更新应用。"
        )]);
    }
    ImportView::Ready {
        name: name.to_string(),
        incoming: outcome.store,
        notices: outcome.notices.iter().map(|n| import_notice(n)).collect(),
        confirm_replace: false,
    }
}

fn read_file(ev: &web_sys::Event, import: RwSignal<Option<ImportView>>) {
    let Some((input, file)) = super::picked_file(ev) else {
        return;
    };
    // Clear the picker so choosing the same file again fires `change` again.
    input.set_value("");
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES {
        import.set(Some(ImportView::Failed {
            name,
            errors: vec![format!(
                "文件太大（{}），不像是学习进度导出文件。",
                format_bytes(file.size() as usize)
            )],
        }));
        return;
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let view = match text.ok().and_then(|v| v.as_string()) {
            Some(text) => parse_import(&name, &text),
            None => ImportView::Failed {
                name,
                errors: vec!["无法读取这个文件（不是文本文件，或浏览器拒绝读取）。".to_string()],
            },
        };
        import.set(Some(view));
    });
}

#[component]
fn TransferSection(
    cat: &'static Catalogue,
    state: progress_state::ProgressState,
    import: RwSignal<Option<ImportView>>,
) -> impl IntoView {
    let (export_msg, set_export_msg) = signal(None::<String>);
    let export = move |_| {
        let (json, topics, notes, marks) = state.store.with_untracked(|s| {
            (
                progress::to_json(s, now_ms()),
                s.topics.len() + s.orphans.len(),
                s.topics.values().filter(|t| !t.note.is_empty()).count(),
                s.topics.values().filter(|t| t.bookmarked).count(),
            )
        });
        let name = export_filename();
        set_export_msg.set(Some(match download(&name, &json, "application/json") {
            Ok(()) => format!(
                "已导出「{name}」：{topics} 个主题的记录，其中 {notes} 条笔记、{marks} 个收藏。"
            ),
            Err(e) => format!("导出失败：{e}"),
        }));
    };
    view! {
        <section class="prog-section transfer" id="transfer" aria-labelledby="tr-h">
            <h2 id="tr-h">"导出 / 导入"</h2>
            <p class="muted small">
                "进度只保存在这个浏览器里。导出的 JSON 文件包含状态、复习记录、笔记、收藏和学习日，"
                "可以在另一台设备或另一个浏览器里导入。"
            </p>
            <div class="actions">
                <button class="primary" data-action="export" on:click=export>"导出进度（JSON）"</button>
                <label class="button file-btn">
                    "选择文件导入…"
                    <input type="file" accept=".json,application/json" data-action="import-file"
                        on:change=move |ev| read_file(&ev, import) />
                </label>
            </div>
            {move || export_msg.get().map(|m| view! { <p class="small" role="status" data-export-result>{m}</p> })}
            {move || import.get().map(|v| import_panel(cat, state, import, v))}
        </section>
    }
}

fn import_panel(
    cat: &'static Catalogue,
    state: progress_state::ProgressState,
    import: RwSignal<Option<ImportView>>,
    view: ImportView,
) -> AnyView {
    match view {
        ImportView::Done { message } => view! {
            <div class="import-panel done" role="status" data-import="done">
                <p>{message}</p>
                <button on:click=move |_| import.set(None)>"好的"</button>
            </div>
        }
        .into_any(),
        ImportView::Failed { name, errors } => view! {
            <div class="import-panel failed" role="alert" data-import="failed">
                <p><strong>"无法导入「" {name} "」"</strong></p>
                <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <p class="small muted">"当前的学习进度没有任何改动。"</p>
                <button on:click=move |_| import.set(None)>"关闭"</button>
            </div>
        }
        .into_any(),
        ImportView::Ready {
            name,
            incoming,
            notices,
            confirm_replace,
        } => {
            let preview = state
                .store
                .with(|cur| progress::preview_import(cur, &incoming));
            let empty = incoming.topics.is_empty()
                && incoming.study_days.is_empty()
                && incoming.orphans.is_empty();
            let changes = preview
                .changes
                .iter()
                .take(50)
                .map(|c| {
                    let kind = match c.kind {
                        ChangeKind::Added => "added",
                        ChangeKind::Updated => "updated",
                        ChangeKind::Conflict => "conflict",
                    };
                    view! {
                        <li data-change=kind>
                            <span class=format!("tag {kind}")>{c.kind.label()}</span>
                            " " <span inner_html=title_html(cat, &c.slug)></span>
                        </li>
                    }
                })
                .collect_view();
            let more = preview.changes.len().saturating_sub(50);
            let inc_merge = incoming.clone();
            let inc_replace = incoming.clone();
            let summary = format!(
                "新增 {} · 更新 {} · 不变 {} · 冲突 {}",
                preview.added, preview.updated, preview.unchanged, preview.conflicts
            );
            let name2 = name.clone();
            let merge = move |_| {
                let before = state
                    .store
                    .with_untracked(|cur| progress::preview_import(cur, &inc_merge));
                progress_state::import_merge(&inc_merge);
                import.set(Some(ImportView::Done {
                    message: format!(
                        "已合并导入：新增 {} 个、更新 {} 个主题{}。",
                        before.added,
                        before.updated + before.conflicts,
                        if before.new_study_days > 0 {
                            format!("，新增 {} 个学习日", before.new_study_days)
                        } else {
                            String::new()
                        }
                    ),
                }));
            };
            let ask_replace = move |_| {
                import.update(|v| {
                    if let Some(ImportView::Ready {
                        confirm_replace, ..
                    }) = v
                    {
                        *confirm_replace = true;
                    }
                })
            };
            let cancel_replace = move |_| {
                import.update(|v| {
                    if let Some(ImportView::Ready {
                        confirm_replace, ..
                    }) = v
                    {
                        *confirm_replace = false;
                    }
                })
            };
            let replace = move |_| {
                let backup = progress_state::backup_current();
                progress_state::replace_all(&inc_replace);
                import.set(Some(ImportView::Done {
                    message: match backup {
                        Some(key) => format!("已用导入的进度替换全部进度。替换前的进度已备份到「{key}」，可在下方「备份」中恢复。"),
                        None => "已用导入的进度替换全部进度。".to_string(),
                    },
                }));
            };
            view! {
                <div class="import-panel ready" data-import="preview" aria-live="polite">
                    <h3>"导入预览：" {name2}</h3>
                    {(!notices.is_empty()).then(|| view! {
                        <ul class="import-notices">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    })}
                    <p class="import-summary" data-import-summary>{summary}</p>
                    <ul class="summary-lines">
                        {preview.summary.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                    </ul>
                    {(!preview.changes.is_empty()).then(|| view! {
                        <details class="changes">
                            <summary>"查看将改变的主题（" {preview.changes.len()} "）"</summary>
                            <ul>{changes}</ul>
                            {(more > 0).then(|| view! { <p class="small muted">"……另有 " {more} " 个"</p> })}
                        </details>
                    })}
                    {if confirm_replace {
                        view! {
                            <div class="confirm" role="alert" data-confirm="replace">
                                <p><strong>"确定替换全部进度吗？"</strong>
                                    "本机现有的状态、复习记录、笔记和收藏都会被文件里的内容取代，其他打开的标签页也会同步。"
                                    "替换前会自动备份当前进度。"</p>
                                <div class="actions">
                                    <button class="danger" data-action="confirm-replace" on:click=replace>"确认替换"</button>
                                    <button on:click=cancel_replace>"取消"</button>
                                </div>
                            </div>
                        }
                        .into_any()
                    } else {
                        view! {
                            <div class="actions">
                                <button class="primary" data-action="merge" disabled=empty on:click=merge>"合并导入"</button>
                                <button data-action="replace" disabled=empty on:click=ask_replace>"替换全部…"</button>
                                <button on:click=move |_| import.set(None)>"取消"</button>
                            </div>
                            <p class="small muted">"合并：逐个主题保留较新的记录，学习日取并集（推荐）。替换：丢弃本机进度，只保留文件中的。"</p>
                        }
                        .into_any()
                    }}
                </div>
            }
            .into_any()
        }
    }
}

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

fn persist_text(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "已获得持久存储：浏览器不会在空间紧张时自动清除这些数据。",
        Some(false) => "浏览器未授予持久存储（通常要常访问本站或把它安装为应用后才会授予）。数据照常保存，但磁盘空间紧张时可能被清除，建议定期导出。",
        None => "这个浏览器不支持持久存储请求。数据照常保存，建议定期导出。",
    }
}

#[component]
fn SettingsSection(
    state: progress_state::ProgressState,
    import: RwSignal<Option<ImportView>>,
) -> impl IntoView {
    // Bumped after actions that change storage but not the store (deleting a backup).
    let refresh = RwSignal::new(0u32);
    let info = Memo::new(move |_| {
        refresh.track();
        state.store.track();
        state.banner.track();
        progress_state::storage_info()
    });
    let persisted = RwSignal::new(None::<Option<bool>>);
    let asking = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let answer = storage::is_persisted().await;
        // Only report an existing grant here; a "no" is only shown after asking.
        if answer == Some(true) {
            persisted.set(Some(answer));
        }
    });
    let ask = move |_| {
        asking.set(true);
        leptos::task::spawn_local(async move {
            let answer = storage::request_persistence().await;
            persisted.set(Some(answer));
            asking.set(false);
        });
    };
    let storage_state = move || {
        let banner = state.banner.get();
        let read_only = state.read_only.get();
        let (key, text) = match (banner, read_only) {
            (Some(b), _) => ("error", b),
            (None, true) => (
                "read-only",
                "本页处于只读模式：改动只保存在内存中。".to_string(),
            ),
            (None, false) => ("ok", "✓ 正常：每次改动都会立即保存。".to_string()),
        };
        view! { <p class=format!("storage-state {key}") data-storage-state=key>{text}</p> }
    };
    let where_line = move || {
        let i = info.get();
        let size = match (&i.error, i.stored_bytes) {
            (Some(e), _) => format!("当前无法读取（{e}）"),
            (None, Some(n)) => format!("当前约 {}", format_bytes(n)),
            (None, None) => "目前还没有保存任何进度".to_string(),
        };
        view! {
            <p>
                "数据保存在本浏览器的 localStorage（键 " <code>{PROGRESS_KEY}</code> "，" {size}
                "），不会上传到任何服务器。换浏览器、用隐私模式或清除网站数据都会看不到它，请先导出。"
            </p>
        }
    };
    let backups = move || {
        let list = info.get().backups;
        if list.is_empty() {
            return view! { <p class="muted small" data-backups="none">"没有备份。读取到损坏或旧版数据、或替换全部进度时，原数据会自动备份到这里。"</p> }
                .into_any();
        }
        list.into_iter()
            .map(|(key, size)| backup_row(key, size, import, refresh))
            .collect_view()
            .into_any()
    };
    let confirm_reset = RwSignal::new(false);
    let reset_msg = RwSignal::new(None::<String>);
    let reset = move |_| {
        let backup = progress_state::backup_current();
        progress_state::replace_all(&ProgressStore::new());
        confirm_reset.set(false);
        reset_msg.set(Some(match backup {
            Some(key) => format!("已清空全部进度。原进度已备份到「{key}」。"),
            None => "已清空全部进度。".to_string(),
        }));
    };
    view! {
        <section class="prog-section settings" aria-labelledby="set-h">
            <h2 id="set-h">"存储与设置"</h2>
            {storage_state}
            {where_line}
            <h3>"持久存储"</h3>
            <p class="small muted">"浏览器在磁盘空间紧张时可能清除网站数据。申请持久存储后，浏览器会尽量保留这些数据。"</p>
            <div class="actions">
                <button data-action="persist" disabled=move || asking.get() on:click=ask>"申请持久存储"</button>
            </div>
            {move || persisted.get().map(|a| view! { <p class="small" role="status" data-persist=match a { Some(true) => "granted", Some(false) => "denied", None => "unsupported" }>{persist_text(a)}</p> })}
            <h3>"备份"</h3>
            <ul class="backup-list">{backups}</ul>
            <h3>"清空进度"</h3>
            {move || if confirm_reset.get() {
                view! {
                    <div class="confirm" role="alert">
                        <p><strong>"确定清空全部学习进度吗？"</strong>"状态、复习记录、笔记、收藏和学习日都会被清除（会先自动备份），其他标签页也会同步。"</p>
                        <div class="actions">
                            <button class="danger" data-action="confirm-reset" on:click=reset>"确认清空"</button>
                            <button on:click=move |_| confirm_reset.set(false)>"取消"</button>
                        </div>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div class="actions">
                        <button data-action="reset" on:click=move |_| { reset_msg.set(None); confirm_reset.set(true); }>"清空全部进度…"</button>
                    </div>
                }
                .into_any()
            }}
            {move || reset_msg.get().map(|m| view! { <p class="small" role="status">{m}</p> })}
        </section>
    }
}

fn backup_row(
    key: String,
    size: usize,
    import: RwSignal<Option<ImportView>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let when = progress_state::backup_time(&key)
        .map(format_time)
        .unwrap_or_else(|| "时间未知".to_string());
    let confirm_delete = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
    let restore = move |_| match progress_state::read_backup(&k1) {
        Ok(Some(text)) => {
            import.set(Some(parse_import(
                &format!("备份 {when_label}", when_label = k1),
                &text,
            )));
            if let Some(el) = document().get_element_by_id("transfer") {
                el.scroll_into_view();
            }
        }
        Ok(None) => error.set(Some("这个备份已经不存在了。".to_string())),
        Err(e) => error.set(Some(e)),
    };
    let save_file = move |_| {
        if let Ok(Some(text)) = progress_state::read_backup(&k2) {
            let stamp = k2.trim_start_matches(BACKUP_PREFIX).to_string();
            if let Err(e) = download(
                &format!("mianshiti-progress-backup-{stamp}.json"),
                &text,
                "application/json",
            ) {
                error.set(Some(e));
            }
        }
    };
    let delete = move |_| {
        if let Err(e) = progress_state::delete_backup(&k3) {
            error.set(Some(e));
        }
        refresh.update(|r| *r += 1);
    };
    view! {
        <li class="backup" data-backup=key.clone()>
            <div><code class="small">{key.clone()}</code></div>
            <div class="muted small">{when.clone()} " · " {format_bytes(size)}</div>
            {move || if confirm_delete.get() {
                let delete = delete.clone();
                view! {
                    <div class="actions">
                        <span class="small">"删除后无法恢复。"</span>
                        <button class="danger" data-action="confirm-delete-backup" on:click=delete>"确认删除"</button>
                        <button on:click=move |_| confirm_delete.set(false)>"取消"</button>
                    </div>
                }
                .into_any()
            } else {
                let restore = restore.clone();
                let save_file = save_file.clone();
                view! {
                    <div class="actions">
                        <button data-action="restore-backup" on:click=restore>"预览并恢复…"</button>
                        <button on:click=save_file>"下载"</button>
                        <button data-action="delete-backup" on:click=move |_| confirm_delete.set(true)>"删除"</button>
                    </div>
                }
                .into_any()
            }}
            {move || error.get().map(|e| view! { <p class="small error-text" role="alert">{e}</p> })}
        </li>
    }
}

// ---------------------------------------------------------------------------------------
// #/review
// ---------------------------------------------------------------------------------------

/// Where the topic on screen came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Today's due queue.
    Due,
    /// Practising bookmarks (the rest wait in `practice`).
    Bookmarks,
    /// Practising random topics.
    Random,
}

/// The result of the last rating, shown above the next card.
#[derive(Clone, PartialEq)]
struct Rated {
    slug: String,
    rating: Rating,
    card: ReviewCard,
}

fn random_index(n: usize) -> usize {
    ((js_sys::Math::random() * n as f64) as usize).min(n.saturating_sub(1))
}

/// `#/review`: practice mode for due topics.
#[component]
pub fn ReviewPage() -> impl IntoView {
    set_title("复习");
    let (Ok(cat), Some(state)) = (catalogue(), progress_state::state()) else {
        return view! { <p class="panel">"复习不可用。"</p> }.into_any();
    };
    let slugs: Vec<&'static str> = cat.topics.iter().map(|t| t.slug.as_str()).collect();
    let queue = Memo::new(move |_| state.store.with(|s| s.due_queue(end_of_today_ms(), &slugs)));
    // Topics put aside for this session with "跳过".
    let skipped = RwSignal::new(Vec::<String>::new());
    let mode = RwSignal::new(Mode::Due);
    // An explicitly chosen topic (from a queue link or practice); else the head of the queue.
    let pending = take_pending_review().filter(|s| queue.get_untracked().contains(s));
    let chosen = RwSignal::new(pending);
    let practice = RwSignal::new(Vec::<String>::new());
    let revealed = RwSignal::new(false);
    let last = RwSignal::new(None::<Rated>);
    let done = RwSignal::new(0usize);

    let current = Memo::new(move |_| {
        chosen.get().or_else(|| {
            let skipped = skipped.get();
            queue
                .get()
                .into_iter()
                .find(|s| !skipped.contains(s))
                .or_else(|| queue.get().into_iter().next())
        })
    });
    let remaining = move || {
        let q = queue.get();
        q.len()
    };

    let advance = move || {
        revealed.set(false);
        match mode.get_untracked() {
            Mode::Due => chosen.set(None),
            Mode::Bookmarks => {
                let next = practice
                    .try_update(|p| (!p.is_empty()).then(|| p.remove(0)))
                    .flatten();
                if next.is_none() {
                    mode.set(Mode::Due);
                }
                chosen.set(next);
            }
            Mode::Random => {
                let cur = current.get_untracked();
                let pool: Vec<&str> = cat
                    .topics
                    .iter()
                    .map(|t| t.slug.as_str())
                    .filter(|s| Some(*s) != cur.as_deref())
                    .collect();
                chosen.set(pool.get(random_index(pool.len())).map(|s| s.to_string()));
            }
        }
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    let rate = move |rating: Rating| {
        let Some(slug) = current.get_untracked() else {
            return;
        };
        let now = now_ms();
        let mut card = None;
        progress_state::update(|s| {
            card = Some(s.record_review(&slug, rating, now));
            s.record_study_day(today());
        });
        if let Some(card) = card {
            last.set(Some(Rated { slug, rating, card }));
        }
        done.update(|d| *d += 1);
        advance();
    };
    let skip = move |_| {
        if let Some(slug) = current.get_untracked() {
            if mode.get_untracked() == Mode::Due {
                skipped.update(|s| {
                    s.retain(|x| x != &slug);
                    s.push(slug);
                });
            }
        }
        advance();
    };

    // Keyboard: space reveals, 1–4 rate.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || current.get_untracked().is_none() {
            return;
        }
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
                return;
            }
        }
        let key = ev.key();
        if !revealed.get_untracked() {
            if key == " " {
                ev.prevent_default();
                revealed.set(true);
            }
            return;
        }
        let rating = match key.as_str() {
            "1" => Rating::Again,
            "2" => Rating::Hard,
            "3" => Rating::Good,
            "4" => Rating::Easy,
            _ => return,
        };
        ev.prevent_default();
        rate(rating);
    });
    on_cleanup(move || keys.remove());

    let last_view = move || {
        last.get().map(|r| {
            let title = title_html(cat, &r.slug);
            view! {
                <p class="review-result" role="status" data-review-result>
                    "✓ 「" <span inner_html=title></span> "」评为「" {r.rating.label()} "」。下次复习："
                    <strong data-next-due>{format_date(r.card.due)}</strong> "（" {relative_day(r.card.due)} "，间隔 "
                    {r.card.scheduled_days} " 天）"
                </p>
            }
        })
    };

    let card_view = move || {
        let Some(slug) = current.get() else {
            return empty_state(cat, state, mode, chosen, practice, done).into_any();
        };
        let Some(topic) = cat.get(&slug) else {
            return ().into_any();
        };
        let m = mode.get();
        let label = match m {
            Mode::Due => "今日复习",
            Mode::Bookmarks => "练习收藏",
            Mode::Random => "随机练习",
        };
        let now = now_ms();
        let prev_card = state
            .store
            .with_untracked(|s| s.topic(&slug).and_then(|t| t.review));
        let rate_buttons = move || {
            Rating::ALL
                .iter()
                .enumerate()
                .map(|(i, &r)| {
                    let days = progress::schedule(prev_card.as_ref(), r, now as i64).scheduled_days;
                    view! {
                        <button class=format!("rate-btn {}", r.key()) data-rating=r.key()
                            title=format!("快捷键 {}", i + 1)
                            on:click=move |_| rate(r)>
                            <span class="r">{r.label()}</span>
                            <span class="d small">{format!("{days} 天后")}</span>
                        </button>
                    }
                })
                .collect_view()
        };
        let slug_a = slug.clone();
        let body = move || {
            revealed.get().then(|| {
                let note = state.store.with_untracked(|s| s.note(&slug_a).to_string());
                let html = super::topic_body(&slug_a).unwrap_or_else(|e| {
                    let mut msg = String::from("<p class=\"muted\">正文没能加载：");
                    crate::notes::highlight::escape_html(&e, &mut msg);
                    msg.push_str("</p>");
                    msg
                });
                view! {
                    <div class="review-answer" data-answer>
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
        let hint = prev_card
            .filter(|c| c.reps > 0)
            .map(|c| format!("已复习 {} 次 · 上次 {}", c.reps, format_date(c.last_review)));
        view! {
            <article class="review-card" data-slug=slug.clone() data-mode=label>
                <p class="crumb">{label} " · " {topic.category.clone()} {hint.map(|h| format!(" · {h}"))}</p>
                <h2 class="review-question" inner_html=render_inline(&topic.title)></h2>
                {move || if revealed.get() {
                    view! {
                        <div class="rate" role="group" aria-label="回忆得怎么样？">
                            <span class="small muted">"回忆得怎么样？"</span>
                            {rate_buttons()}
                        </div>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="muted small">"先在心里回答这道题，再看答案。"</p>
                        <div class="actions">
                            <button class="primary" data-action="reveal" on:click=move |_| revealed.set(true)>"显示答案"</button>
                            <button data-action="skip" on:click=skip>{if m == Mode::Due { "跳过" } else { "换一题" }}</button>
                            {(m != Mode::Due).then(|| view! {
                                <button data-action="end-practice" on:click=move |_| {
                                    mode.set(Mode::Due);
                                    practice.set(Vec::new());
                                    revealed.set(false);
                                    chosen.set(None);
                                }>"结束练习"</button>
                            })}
                            <span class="small muted kbd-hint">"快捷键：空格显示答案，1–4 评分"</span>
                        </div>
                    }
                    .into_any()
                }}
                {body}
                <p class="small"><a href=route::topic_hash(&slug)>"打开完整主题页 →"</a></p>
            </article>
        }
        .into_any()
    };

    view! {
        <div class="review-page" data-view="review">
            <h1>"复习"</h1>
            <p class="review-meta muted small">
                "今日待复习 " <strong data-remaining>{remaining}</strong> " 个"
                {move || (done.get() > 0).then(|| format!(" · 本轮已复习 {} 个", done.get()))}
                " · " <a href="#/progress">"查看进度"</a>
            </p>
            {last_view}
            {card_view}
        </div>
    }
    .into_any()
}

/// Nothing due: say so, and offer practice or adding topics to the review cycle.
fn empty_state(
    cat: &'static Catalogue,
    state: progress_state::ProgressState,
    mode: RwSignal<Mode>,
    chosen: RwSignal<Option<String>>,
    practice: RwSignal<Vec<String>>,
    done: RwSignal<usize>,
) -> impl IntoView {
    let marks: Vec<String> = state.store.with_untracked(|s| {
        s.bookmarks()
            .into_iter()
            .filter(|slug| cat.get(slug).is_some())
            .collect()
    });
    let n_marks = marks.len();
    let practice_marks = move |_| {
        let mut list = marks.clone();
        if list.is_empty() {
            return;
        }
        let first = list.remove(0);
        practice.set(list);
        mode.set(Mode::Bookmarks);
        chosen.set(Some(first));
    };
    let practice_random = move |_| {
        let i = random_index(cat.topics.len());
        if let Some(t) = cat.topics.get(i) {
            mode.set(Mode::Random);
            chosen.set(Some(t.slug.clone()));
        }
    };
    // Read topics not yet in the review cycle: one click adds them.
    let candidates = move || {
        state.store.with(|s| {
            cat.topics
                .iter()
                .filter(|t| {
                    s.topic(&t.slug)
                        .is_some_and(|p| p.status == Status::Read && p.review.is_none())
                })
                .take(8)
                .map(|t| t.slug.clone())
                .collect::<Vec<_>>()
        })
    };
    let candidate_list = move || {
        let list = candidates();
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
                            on:click=move |_| progress_state::update(|s| s.set_status(&s2, Status::Review, now_ms()))>
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
    let heading = if done.get_untracked() > 0 {
        "今天的复习都完成了 🎉"
    } else {
        "今天没有需要复习的主题"
    };
    view! {
        <div class="review-empty panel" data-review-empty>
            <h2>{heading}</h2>
            <div class="actions">
                <button data-action="practice-bookmarks" disabled=n_marks == 0 on:click=practice_marks>
                    "练习收藏的主题（" {n_marks} "）"
                </button>
                <button data-action="practice-random" on:click=practice_random>"随机练习一题"</button>
            </div>
            <p class="small muted">"练习时的评分同样会记入复习计划。"</p>
            {candidate_list}
        </div>
    }
}
