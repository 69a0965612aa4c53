#!/usr/bin/env python3
"""Writes src/cards/cards.json: the predict-the-output cards, with expected outputs produced by
running each card's code in CPython (never typed by hand).

    python3 scripts/gen_cards.py > src/cards/cards.json

A native test (tests/native/cards.rs) reruns this script and fails on any difference, and checks
every port card's answer against the Rust port.

Each card is code from the notes:
- source "block": one of the notes' Python blocks (by topic and block index), its comments removed
  (they often state the answer), optionally followed by lines that call it (`then`);
- source "variant": the notes' block changed as an interviewer would ("and with l[10]?"),
  written out in full below;
- `port`: the card is also an exercise with chosen inputs; the test checks that the Rust port
  gives the same answer.

Runs use `python3 -I` with PYTHONHASHSEED=0 in an empty folder, 10 s each. Expected output is
stdout, then for a card that raises, the last line of the traceback (`NameError: ...`). The
recorded interpreter is CPython 3.11 (setup-test.sh installs it; the version is in the file).
"""

import concurrent.futures
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tokenize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT_Q = "这段代码打印什么？"
ERROR_Q = "这段代码打印什么？会抛出什么异常？"


def block(slug, index, question=OUTPUT_Q, then=""):
    return {"source": "block", "slug": slug, "index": index, "question": question, "then": then}


def variant(slug, code, question=OUTPUT_Q):
    return {"source": "variant", "slug": slug, "code": code, "question": question}


# id -> card spec. Ids are stable: progress is stored under them. Never reuse a removed id.
CARDS = [
    ("sort-dict-two-ways", block("sort-dict-by-value", 0), {"exercise": "sort_dict_by_value", "inputs": {"d": "{'apple': 5, 'banana': 3, 'orange': 2, 'pear': 1}"}, "sections": ["seed_method1", "expected"]}),
    ("sort-dict-int-key", variant("sort-dict-by-value", """my_dict = {'apple': 5, 'banana': 3, 7: 2}
print(sorted(my_dict, key=lambda x: x[1]))
""", ERROR_Q), None),
    ("defaultdict-count", block("defaultdict", 0), None),
    ("defaultdict-word-count", block("defaultdict", 1), None),
    ("defaultdict-nested", block("defaultdict", 2), None),
    ("defaultdict-read-inserts", variant("defaultdict", """from collections import defaultdict

d = defaultdict(int)
print(len(d))
print(d['missing'])
print(len(d), d)
"""), None),
    ("slice-past-end", block("list-slice-no-indexerror", 0), None),
    ("slice-clamped", variant("list-slice-no-indexerror", """l = ['a','b','c','d','e']
print(l[1:10])
print(l[3:100])
print(l[-100:2])
"""), None),
    ("index-past-end", variant("list-slice-no-indexerror", """l = ['a','b','c','d','e']
print(l[10:])
print(l[10])
""", ERROR_Q), None),
    ("slice-negative-step", variant("list-slice-no-indexerror", """l = ['a','b','c','d','e']
print(l[::-2])
print(l[-1:-10:-1])
print(l[1:4:-1])
"""), None),
    ("set-ops-lists", block("list-common-and-diff", 0), None),
    ("set-ops-symmetric", variant("list-common-and-diff", """list1 = [1, 2, 3, 4, 5]
list2 = [3, 4, 5, 6, 7]
print(set(list1) ^ set(list2))
print(set(list1) - set(list2))
print(list(set(list2) - set(list1)))
"""), None),
    ("singleton-same-instance", block("singleton", 0), None),
    ("metaclass-define-only", block("metaclass-execution", 0, "只定义类 F、不创建实例时，这段代码打印什么？"), None),
    ("metaclass-create-and-call", block("metaclass-execution", 0, "定义类 F 之后执行 f = F() 和 f()，一共打印什么？", "\nf = F()\nf()\n"), None),
    ("metaclass-wrong-args", block("metaclass-execution", 0, "定义类 F 之后执行 F(1)，打印什么？会抛出什么异常？", "\nF(1)\n"), None),
    ("reverse-number-block", block("reverse-number", 0), None),
    ("reverse-number-negative", variant("reverse-number", """def reverse_number(number: int):
    tmp_str = str(number)
    if tmp_str[0] == "-":
        return int(f"-{tmp_str[:0:-1]}")
    return int(f"{tmp_str[::-1]}")

print(reverse_number(-120))
"""), {"exercise": "reverse_number", "inputs": {"n": "-120"}, "sections": ["reversed"]}),
    ("remove-while-two-ways", block("remove-while-iterating", 0), {"exercise": "remove_while_iterating", "inputs": {"list": "range(0, 9)"}, "sections": ["method1_reverse_index", "method2_for_else"]}),
    ("remove-while-forward-bug", variant("remove-while-iterating", """a = [2, 4, 6, 8, 1]

for i in a:
    if i % 2 == 0:
        a.remove(i)

print(a)
"""), {"exercise": "remove_while_iterating", "inputs": {"list": "[2, 4, 6, 8, 1]"}, "sections": ["naive_forward_remove"]}),
    ("global-scope", block("variable-scope", 0), None),
    ("local-scope-error", block("variable-scope", 1, ERROR_Q), None),
    ("unbound-local", variant("variable-scope", """global_var = "Global"

def test_func():
    print(global_var)
    global_var = "Local"

test_func()
""", ERROR_Q), None),
    ("legb-lookup", block("name-lookup-order", 0), None),
    ("nonlocal-counter", variant("closures", """def outer():
    count = 0
    def inner():
        nonlocal count
        count += 1
        return count
    return inner

f = outer()
g = outer()
print(f(), f(), g())
"""), None),
    ("closure-adder", block("closures", 0), None),
    ("str-to-int-ord", block("str-to-int", 0), None),
    ("str-to-int-fullwidth", variant("str-to-int", """s = "１２３"
ans = 0
for c in s:
    ans = ans * 10 + ord(c) - ord('0')

print(ans)
print(int(s))
"""), {"exercise": "str_to_int", "inputs": {"s": "１２３"}, "sections": ["seed_loop", "python_int"]}),
    ("merge-no-return", block("merge-sorted-lists", 0, "在代码末尾加上 print(merge_order_list(l1, l2))，打印什么？", "\nprint(merge_order_list(l1, l2))\n"), {"exercise": "merge_sorted_lists", "inputs": {"l1": "[1, 2, 3, 4, 5, 6]", "l2": "[3, 4, 5, 6, 7, 8, 9, 10]"}, "sections": ["seed_literal"]}),
    ("day-of-year-datetime", block("day-of-year", 0, "调用 day_of_year(datetime.datetime(2024, 3, 1))，打印什么？", "\nprint(day_of_year(datetime.datetime(2024, 3, 1)))\n"), {"exercise": "day_of_year", "inputs": {"date": "2024-03-01"}, "sections": ["day"]}),
    ("day-of-year-date-error", block("day-of-year", 0, "传入 datetime.date(2024, 3, 1) 会怎样？", "\nprint(day_of_year(datetime.date(2024, 3, 1)))\n"), None),
    ("closure-late-binding", block("closure-late-binding", 0), None),
    ("closure-default-arg", variant("closure-late-binding", """def multi():
    return [lambda x, i=i: i*x for i in range(4)]


for m in multi():
    print(m(3))
"""), None),
    ("abc-demo", block("abstract-class-vs-interface", 0), None),
    ("abc-instantiate", variant("abstract-class-vs-interface", """import abc

class Animal(abc.ABC):
    @abc.abstractmethod
    def run(self):
        pass

class Dog(Animal):
    def bark(self):
        print("Dog is barking...")

Dog().bark()
""", ERROR_Q), None),
    ("oop-encapsulation", block("oop-three-pillars", 0), None),
    ("oop-polymorphism", block("oop-three-pillars", 1), None),
    ("dict-vs-dir-instance", variant("dict-vs-dir", """class MyClass:
    x = 1

    def my_method(self):
        return "hello"

obj = MyClass()
print(obj.__dict__)
obj.y = 2
print(obj.__dict__)
print(obj.x, 'x' in obj.__dict__, 'x' in dir(obj))
"""), None),
    ("observer-demo", block("observer-pattern", 0), None),
    ("yield-send-echo", block("yield-and-send", 0), None),
    ("yield-send-range", block("yield-and-send", 1), None),
    ("yield-send-just-started", variant("yield-and-send", """def my_generator():
    range_ = yield
    for i in range(range_):
        yield i


g = my_generator()
g.send(3)
""", ERROR_Q), None),
    ("enum-constants", block("python-constants", 0, "在代码末尾打印 Constants.PI 和 Constants.PI.value，得到什么？", "\nprint(Constants.PI)\nprint(Constants.PI.value)\n"), None),
    ("enum-reassign", variant("python-constants", """from enum import Enum

class Constants(Enum):
    PI = 3.1415926
    GRAVITY = 9.8

Constants.PI = 3
""", ERROR_Q), None),
]


def strip_comments(code):
    """The code without its comments (found by the tokenizer, so `#` in strings stays), trailing
    spaces, or runs of more than one blank line."""
    lines = code.splitlines()
    cuts = {}
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            cuts[row] = col
    out = []
    for n, line in enumerate(lines, 1):
        if n in cuts:
            if not line[: cuts[n]].strip():
                continue  # a whole-line comment: drop the line
            line = line[: cuts[n]]
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def notes_blocks(slug):
    """The Python code blocks of the topic whose front matter has this slug."""
    for name in sorted(os.listdir(os.path.join(ROOT, "content"))):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(ROOT, "content", name), encoding="utf-8") as f:
            text = f.read()
        if re.search(rf"^slug: {re.escape(slug)}$", text, re.M):
            return [code for lang, code in re.findall(r"```(\w*)[ \t]*\n(.*?)```", text, re.S) if lang in ("python", "py", "")]
    raise SystemExit(f"no topic with slug {slug}")


def run(code):
    with tempfile.TemporaryDirectory() as cwd:
        env = {"PYTHONHASHSEED": "0", "PATH": os.environ.get("PATH", "/usr/bin"), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
        r = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=10, env=env, cwd=cwd)
    raised = None
    expected = r.stdout
    if r.returncode != 0:
        last = r.stderr.strip().splitlines()[-1]
        raised = last.split(":", 1)[0]
        expected += last + "\n"
    return expected, raised


def main():
    seen = set()
    codes = []
    for card_id, spec, _ in CARDS:
        assert card_id not in seen, card_id
        seen.add(card_id)
        if spec["source"] == "block":
            code = strip_comments(notes_blocks(spec["slug"])[spec["index"]]) + spec["then"]
        else:
            code = spec["code"]
        codes.append(code)
    # Each run is a separate process: run a few at once (the output order is the list's).
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, codes))
    cards = []
    for (card_id, spec, port), code, (expected, raised) in zip(CARDS, codes, results):
        card = {
            "id": card_id,
            "topic": spec["slug"],
            "source": spec["source"],
            "question": spec["question"],
            "code": code,
            "expected": expected,
            "raises": raised,
        }
        if spec["source"] == "block":
            card["block"] = spec["index"]
        if port:
            card["port"] = port
        cards.append(card)
    doc = {
        "generated_by": "scripts/gen_cards.py",
        "python": "CPython %d.%d" % sys.version_info[:2],
        "hash_seed": 0,
        "cards": cards,
    }
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
