//! The results page for `#/search?q=...`: every hit with its snippet, a summary, and help
//! when the query is empty or finds nothing. The page's heading comes with the app, the rest
//! ([`body`]) with the search chunk.

use leptos::prelude::*;

use super::found::{hit_body, hit_route, kind_attr, loading_notice, partial_notice, run, Results};
use super::{shown, SearchContext, SearchView};
use crate::route::{self, Route};
use crate::search::{MAX_QUERY_CHARS, MAX_TERMS};
use crate::ui::deferred::{self, Part};

/// Results rendered on the results page.
const PAGE_LIMIT: usize = 50;
/// Example queries offered on the empty results page.
const EXAMPLES: [&str; 5] = ["闭包", "幂等", "defaultdict", "GIL", "TCP 握手"];

/// The results page for `#/search?q=...`: its heading comes with the app, its body with the
/// search chunk (requested here when the chunk is not loaded yet; once loaded, the body is built
/// at once and then follows the page's query in place, never rebuilt per keystroke).
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn SearchPage(query: String) -> impl IntoView {
    // The search box updates the query while the reader types here.
    let ctx = SearchContext::from_context();
    let query = ctx.open_page(query);
    Effect::new(move |_| {
        let page = query.with(|q| {
            if q.trim().is_empty() {
                "搜索".to_string()
            } else {
                format!("搜索：{}", shown(q))
            }
        });
        crate::ui::set_title(Some(&page));
    });
    view! {
        <div class="search-page" data-view="search">
            <h1>"搜索"</h1>
            {deferred::show(Part::Search(SearchView::Results(ctx)))}
        </div>
    }
}

/// The results page's body for the page's query (part of the search chunk).
pub(super) fn body(ctx: SearchContext) -> AnyView {
    let query = ctx.page_query.read_only();
    let results = Memo::new(move |_| query.with(|q| run(q, PAGE_LIMIT)));
    (move || results.with(page_body)).into_any()
}

/// The page below its heading for the results `r`.
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
                    "标题、正文、代码、分类、练习和你的笔记都会被搜索；多个词用空格分开，包含全部关键词的结果排在最前。"</p>
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
    let partial = partial_notice(r);
    if r.hits.is_empty() {
        let lead = match partial {
            Some(notice) => view! { <p>{notice}</p> }.into_any(),
            None => view! {
                <p>"没有找到与「" <strong>{shown(&r.query)}</strong> "」相关的内容。"</p>
            }
            .into_any(),
        };
        return view! {
            {truncated}
            {loading_notice(r)}
            <div class="search-start" data-state="no-results">
                {lead}
                <p class="muted">"换个说法试试：用更短的关键词、检查错别字，或减少关键词个数。"</p>
            </div>
        }
        .into_any();
    }
    let partial = partial.map(|notice| {
        view! { <p class="search-notice" role="note" data-notice="partial">{notice}</p> }
    });
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
        {loading_notice(r)}
        {partial}
        <p class="search-summary" role="status">{summary}</p>
        <ol class="search-results">{items}</ol>
    }
    .into_any()
}
