//! Pages: home, topic and 404.

use leptos::prelude::*;

use crate::notes::markdown::{render, render_inline};
use crate::notes::{Catalogue, CATEGORIES};
use crate::route;

const APP_NAME: &str = "面试题 Playground";

fn set_title(title: &str) {
    document().set_title(title);
}

/// The home page: what this is, and the categories with their topics.
#[component]
pub fn Home(cat: &'static Catalogue) -> impl IntoView {
    set_title(APP_NAME);
    let n_topics = cat.topics.len();
    let cats = CATEGORIES
        .iter()
        .map(|c| {
            let topics: Vec<_> = cat.in_category(c).collect();
            let count = topics.len();
            let first = topics.first().map(|t| route::topic_hash(&t.slug)).unwrap_or_default();
            let list = topics
                .iter()
                .map(|t| {
                    view! { <li><a href=route::topic_hash(&t.slug) inner_html=render_inline(&t.title)></a></li> }
                })
                .collect_view();
            view! {
                <section class="cat-card">
                    <h2><a href=first>{*c}</a><span class="count">{count} " 题"</span></h2>
                    <ul>{list}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="home">
            <section class="hero">
                <h1>"面试题 Playground"</h1>
                <p>
                    "一份 " {n_topics} " 个主题的 Python 面试笔记：语言特性、算法编码题、并发、网络、Web 框架、数据库与分布式。"
                    "每个主题都在浏览器里离线渲染；编码题配有 Rust 移植版，边输入边运行，结果与 CPython 一致；笔记里有错的地方会明确标出。"
                </p>
                <p><a class="button" href=cat.topics.first().map(|t| route::topic_hash(&t.slug)).unwrap_or_default()>"从第一题开始 →"</a></p>
            </section>
            <div class="cat-grid">{cats}</div>
        </div>
    }
}

/// One topic: breadcrumb, title, rendered body, exercises and previous/next links.
#[component]
pub fn TopicPage(cat: &'static Catalogue, idx: usize) -> impl IntoView {
    let Some(topic) = cat.topics.get(idx) else {
        return view! { <NotFound what="找不到这个主题".to_string() /> }.into_any();
    };
    set_title(&format!("{} · {APP_NAME}", topic.title.replace('`', "")));
    let prefix = format!("{}/", route::topic_hash(&topic.slug));
    let rendered = render(&topic.body, &prefix);
    let prev = idx.checked_sub(1).and_then(|i| cat.topics.get(i));
    let next = cat.topics.get(idx + 1);
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
    let original_note = (topic.source_heading.trim().is_empty()).then(|| {
        view! { <p class="muted small">"（原笔记此处标题为空，标题为本应用所加。）"</p> }
    });
    view! {
        <article class="topic" data-slug=topic.slug.clone()>
            <p class="crumb">{topic.category.clone()} " · 第 " {idx + 1} " / " {cat.topics.len()} " 题"</p>
            <h1 class="topic-title" inner_html=render_inline(&topic.title)></h1>
            {original_note}
            <div class="note-body" inner_html=rendered.html></div>
            <nav class="prev-next" aria-label="上一题 / 下一题">
                {nav_link(prev, "← 上一题", "prev")}
                {nav_link(next, "下一题 →", "next")}
            </nav>
        </article>
    }
    .into_any()
}

/// The 404 view.
#[component]
pub fn NotFound(what: String) -> impl IntoView {
    set_title(&format!("未找到 · {APP_NAME}"));
    view! {
        <div class="panel not-found" data-view="404">
            <h1>"404 · 页面不存在"</h1>
            <p>{what}</p>
            <p><a class="button" href="#/">"回到首页"</a></p>
        </div>
    }
}
