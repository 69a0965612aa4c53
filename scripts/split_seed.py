#!/usr/bin/env python3
"""Split the seed notes into content/, one Markdown file per `####` topic.

Run once (already done); the files in content/ are the source from then on.
Re-running overwrites content/ from the seed, so only do it deliberately:

    python3 scripts/split_seed.py tests/data/seed/000_f1efb83ef02286e6.txt content

Each file gets front matter with a stable ASCII slug (the URL and progress key:
never change one once published), the exact source heading, a display title,
a category and the ids of linked exercises.
"""
import json
import os
import sys

# (slug, category, exercises, display title override) in seed order.
# The override is only used where the heading is empty.
TOPICS = [
    ("dir-walk", "算法与编码题", [], None),
    ("day-of-year", "算法与编码题", ["day_of_year"], None),
    ("shuffle-list", "算法与编码题", [], None),
    ("sort-dict-by-value", "算法与编码题", ["sort_dict_by_value"], None),
    ("defaultdict", "Python 语言", [], None),
    ("list-slice-no-indexerror", "Python 语言", ["list_slice"], None),
    ("list-common-and-diff", "算法与编码题", ["set_ops"], None),
    ("new-style-vs-classic-class", "Python 语言", [], None),
    ("builtin-data-types", "Python 语言", [], None),
    ("singleton", "Python 语言", [], None),
    ("metaclass-execution", "Python 语言", [], None),
    ("reverse-number", "算法与编码题", ["reverse_number"], None),
    ("remove-while-iterating", "算法与编码题", ["remove_while_iterating"], None),
    ("is-vs-eq", "Python 语言", [], None),
    ("variable-scope", "Python 语言", [], None),
    ("name-lookup-order", "Python 语言", [], None),
    ("str-to-int", "算法与编码题", ["str_to_int"], None),
    ("merge-sorted-lists", "算法与编码题", ["merge_sorted_lists"], None),
    ("closure-late-binding", "Python 语言", ["closure_late_binding"],
     "闭包延迟绑定：列表推导式与生成器中的 lambda"),
    ("python-implementations", "Python 语言", [], None),
    ("abstract-class-vs-interface", "Python 语言", [], None),
    ("memory-overflow", "Python 语言", [], None),
    ("memory-management", "Python 语言", [], None),
    ("mysql-restrict-ip", "数据库", [], None),
    ("design-patterns", "设计与工程", [], None),
    ("oop-three-pillars", "Python 语言", [], None),
    ("ipc-pipe-queue-shm", "并发与进程", [], None),
    ("zombie-orphan-process", "并发与进程", [], None),
    ("wsgi-dynamic-request", "Web 框架", [], None),
    ("browser-visit-baidu", "网络与 HTTP", [], None),
    ("http-get-vs-post", "网络与 HTTP", [], None),
    ("cookie-session-jwt", "网络与 HTTP", [], None),
    ("http-status-codes", "网络与 HTTP", [], None),
    ("tcp-2msl", "网络与 HTTP", [], None),
    ("http-vs-https", "网络与 HTTP", [], None),
    ("http-secure-transport", "网络与 HTTP", [], None),
    ("ssl-tls-mtls", "网络与 HTTP", [], None),
    ("content-type", "网络与 HTTP", [], None),
    ("http-methods", "网络与 HTTP", [], None),
    ("socket-params", "网络与 HTTP", [], None),
    ("http-request-headers", "网络与 HTTP", [], None),
    ("url-format", "网络与 HTTP", [], None),
    ("flask-blueprint", "Web 框架", [], None),
    ("flask-vs-django-routing", "Web 框架", [], None),
    ("wsgi-uwsgi", "Web 框架", [], None),
    ("django-flask-tornado-fastapi", "Web 框架", [], None),
    ("django-request-lifecycle", "Web 框架", [], None),
    ("web-framework-use-cases", "Web 框架", [], None),
    ("top-words-in-1g-file", "算法与编码题", ["topk_word_freq"], None),
    ("most-frequent-in-massive-data", "算法与编码题", [], None),
    ("tcp-vs-udp", "网络与 HTTP", [], None),
    ("udp-applications", "网络与 HTTP", [], None),
    ("mvcc", "数据库", [], None),
    ("io-multiplexing", "并发与进程", [], None),
    ("tcp-sliding-window", "网络与 HTTP", [], None),
    ("metaclass-in-django", "Web 框架", [], None),
    ("list-tuple-dict-set-internals", "Python 语言", [], None),
    ("rpc-transports", "网络与 HTTP", [], None),
    ("dict-vs-dir", "Python 语言", [], None),
    ("closures", "Python 语言", [], None),
    ("observer-pattern", "设计与工程", [], None),
    ("redis-zset", "数据库", [], None),
    ("yield-and-send", "Python 语言", [], None),
    ("service-robustness", "设计与工程", [], None),
    ("shared-session", "中间件与分布式", [], None),
    ("datacenter-migration", "设计与工程", [], None),
    ("mq-idempotency", "中间件与分布式", [], None),
    ("bitmap-vs-bloom-filter", "算法与编码题", [], None),
    ("system-design", "设计与工程", [], None),
    ("redis-cluster", "中间件与分布式", [], None),
    ("kafka-throughput", "中间件与分布式", [], None),
    ("hdfs", "中间件与分布式", [], None),
    ("rabbitmq", "中间件与分布式", [], None),
    ("innodb-vs-myisam", "数据库", [], None),
    ("distributed-system", "中间件与分布式", [], None),
    ("python-constants", "Python 语言", [], None),
    ("if-else-refactor", "设计与工程", [], None),
    ("generator-coroutine-future", "并发与进程", [], None),
]


def main(seed_path: str, out_dir: str) -> None:
    with open(seed_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    # Skip the seed's own front matter.
    assert lines[0] == "---"
    end = lines.index("---", 1)
    body = lines[end + 1:]
    topics = []
    for line in body:
        if line.startswith("####"):
            topics.append((line[len("#### "):], []))
        elif topics:
            topics[-1][1].append(line)
    assert len(topics) == len(TOPICS) == 78, len(topics)
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".md"):
            os.remove(os.path.join(out_dir, old))
    for idx, ((heading, text), (slug, category, exercises, override)) in enumerate(zip(topics, TOPICS), 1):
        title = heading.strip() or override
        assert title, f"topic {idx} needs a title"
        # Trim blank lines at both ends; inner blank lines are kept as is.
        while text and not text[0].strip():
            text.pop(0)
        while text and not text[-1].strip():
            text.pop()
        front = [
            "---",
            f"slug: {slug}",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"source_heading: {json.dumps(heading, ensure_ascii=False)}",
            f"category: {category}",
            f"exercises: [{', '.join(exercises)}]",
            "---",
        ]
        path = os.path.join(out_dir, f"{idx:02d}-{slug}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(front + [""] + text) + "\n")
    print(f"wrote {len(topics)} topics to {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
