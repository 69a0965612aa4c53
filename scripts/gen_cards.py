#!/usr/bin/env python3
"""Writes the predict-the-output cards without their answers: every card's id, topic, question,
code, explanation, erratum and port check, as JSON on stdout. `scripts/gen_cards.mjs` runs this,
runs each card's code in Pyodide under Node (the CPython the app ships) for its expected output,
and writes src/cards/cards.json:

    node scripts/gen_cards.mjs > src/cards/cards.json

Expected outputs are never typed by hand. tests/e2e/cards-gen.spec.mjs regenerates the file and
fails on any difference; a native test (tests/native/cards.rs) checks that the file's cards are
the ones this script describes and every port card's answer against the Rust port.

Each card is code from the notes:
- source "block": one of the notes' Python blocks (by topic and block index), its comments removed
  (they often state the answer), optionally followed by lines that call it (`then`);
- source "variant": the notes' block changed as an interviewer would ("and with l[10]?"),
  written out in full below;
- `port`: the card is also an exercise with chosen inputs; the test checks that the Rust port
  gives the same answer.
"""

import io
import json
import os
import re
import sys
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
    ("closure-mutable-state", block("closures", 1), None),
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


# id -> (erratum id or None, explanation in Chinese). Hand-written: it says why, never what is
# printed (that comes from the run). An erratum id names where the notes themselves get it wrong
# (the research file's numbering, shown to the learner).
EXPLAIN = {
    "sort-dict-two-ways": ("E01", "遍历字典得到的是键，所以方案一的 x[1] 是键的第二个字符，结果是按这个字符排序的键列表；方案二对 items() 按值排序后再转回 dict，才是按 value 排序。"),
    "sort-dict-int-key": ("E01", "sorted(my_dict, ...) 遍历的是键；整数键 7 没有下标，x[1] 在它身上抛出 TypeError。"),
    "defaultdict-count": (None, "defaultdict(int) 读取不存在的键时先用 int() 生成 0 再返回，所以可以直接 += 1。"),
    "defaultdict-word-count": ("E19", "打印的是 defaultdict 自己的 repr：defaultdict(<class 'int'>, {...})，不是普通字典的样子；键的顺序就是第一次出现的顺序。"),
    "defaultdict-nested": (None, "缺失的键由工厂函数生成默认值；字典保持插入顺序，所以按加入的先后打印。"),
    "defaultdict-read-inserts": (None, "只是读取 d['missing'] 就会把这个键插入字典（值为 0），所以长度从 0 变成 1。用 d.get() 或 in 判断才不会插入。"),
    "slice-past-end": (None, "切片会把越界的下标夹到 [0, len] 之内，所以 l[10:] 是空列表而不是 IndexError。"),
    "slice-clamped": ("E07", "越界的结束位置被夹到列表长度，所以 l[1:10] 取到末尾；只有夹完之后起点不在终点之前才得到空列表。"),
    "index-past-end": (None, "切片会夹住越界的下标，但单个下标不会：l[10] 抛出 IndexError。"),
    "slice-negative-step": (None, "步长为负时从右往左取；省略的起点和终点分别是最后一个和第一个之前。l[1:4:-1] 的起点在终点左边，所以为空。"),
    "set-ops-lists": (None, "&、-、| 分别是交集、差集、并集；这些小整数的哈希就是它们自己，所以集合按从小到大的顺序打印（换成字符串就不一定了）。"),
    "set-ops-symmetric": (None, "^ 是对称差：只在一边出现的元素；set 转回 list 时顺序是集合的迭代顺序。"),
    "singleton-same-instance": (None, "三种单例写法都保证同一个类只创建一个实例，所以 is 比较都是 True。"),
    "metaclass-define-only": ("E04", "class 语句本身就会调用元类：先 MetaF.__new__ 创建类对象，再 MetaF.__init__ 初始化它。没有创建实例，所以后面四行不会打印。"),
    "metaclass-create-and-call": ("E04", "F() 先进入元类的 __call__，它再依次调用 F.__new__ 和 F.__init__；f() 调用的是实例所属类 F 的 __call__。"),
    "metaclass-wrong-args": ("E04", "F.__new__ 把多余的参数 1 原样传给 object.__new__，而 F 重写了 __new__，object.__new__ 便不再忽略多余参数，于是抛出 TypeError，F.__init__ 根本没有运行。"),
    "reverse-number-block": (None, "先转成字符串，用 [::-1] 反转，再转回 int。"),
    "reverse-number-negative": (None, "负数保留符号，反转其余数字 '120' 得到 '021'，int('-021') 去掉前导零得到 -21。"),
    "remove-while-two-ways": (None, "倒序删除不会影响还没访问到的下标；for...else 每删一个就从头再来，两种方法都得到正确结果。"),
    "remove-while-forward-bug": (None, "正序遍历时删除元素，后面的元素前移一位，迭代器的下标却继续加一，所以紧跟在被删元素后面的那个会被跳过。"),
    "global-scope": (None, "函数里读取全局变量不需要声明；要给全局变量重新赋值，才需要 global。"),
    "local-scope-error": (None, "local_var 只在 test_func 内部存在；函数返回后在外面访问它就是 NameError。"),
    "unbound-local": ("E22", "函数体里只要有对 global_var 的赋值，这个名字在整个函数里就都是局部变量；赋值之前先读取它，就抛出 UnboundLocalError，而不是读到全局变量。"),
    "legb-lookup": (None, "名字按 LEGB 顺序查找：局部 (Local)、外层函数 (Enclosing)、全局 (Global)、内置 (Built-in)。"),
    "nonlocal-counter": (None, "每次调用 outer() 都创建一个新的闭包和自己的 count；nonlocal 让 inner 修改外层的 count 而不是新建局部变量。"),
    "closure-mutable-state": (None, "每次调用 inner 都往同一个列表 x 里追加：闭包记住的是外层的变量本身，而不是创建时的一份拷贝，所以第二次调用看到了第一次的结果。"),
    "closure-adder": (None, "inner 记住了外层函数的参数 x，即使 outer 已经返回。"),
    "str-to-int-ord": (None, "ord(c) - ord('0') 把每个数字字符变成对应的数值，再按十进制累加。"),
    "str-to-int-fullwidth": (None, "全角数字的码位不是 '0' 到 '9'，ord 相减得到的不是 0–9，所以循环算出一个奇怪的数；内置 int() 认识所有 Unicode 十进制数字，得到 123。"),
    "merge-no-return": ("E02", "函数末尾没有 return result，函数返回 None；补上 return 才能得到合并后的列表。"),
    "day-of-year-datetime": (None, "2024 是闰年，1 月 31 天、2 月 29 天，3 月 1 日是第 61 天。"),
    "day-of-year-date-error": ("E17", "函数用传入的日期减去一个 datetime.datetime；date 和 datetime 不能相减，于是抛出 TypeError。"),
    "closure-late-binding": (None, "列表推导式先把 4 个 lambda 都创建完，它们在调用时才查找 i，此时 i 已经是 3；生成器是每生成一个就调用一个，i 还是当时的值。"),
    "closure-default-arg": (None, "默认参数 i=i 在创建 lambda 时就求值，每个函数保存了自己的 i。"),
    "abc-demo": ("E09", "3.14 * 5 * 5 恰好是 78.5；2 * 3.14 * 5 在二进制浮点数里不精确，repr 打印最短的能还原这个值的写法 31.400000000000002。"),
    "abc-instantiate": ("E11", "子类没有实现全部抽象方法，它自己也是抽象类，不能实例化。"),
    "oop-encapsulation": ("E08", "self.name 是普通的公有属性，可以直接访问，不会抛 AttributeError；想要“私有”需要用 __name（名称改写）或 property。"),
    "oop-polymorphism": (None, "同一个方法名 make_sound，由对象实际的类决定执行哪个实现。"),
    "dict-vs-dir-instance": ("E10", "obj.__dict__ 只有实例自己的属性；类属性 x 在类的 __dict__ 里，通过属性查找能读到，dir() 也会列出它。"),
    "observer-demo": (None, "被观察者按注册顺序通知每个观察者。"),
    "yield-send-echo": (None, "next(g) 让生成器运行到第一个 yield 暂停；send('Hello') 让这个 yield 表达式的值成为 'Hello' 并继续运行到下一个 yield。"),
    "yield-send-range": (None, "send(None) 相当于 next，启动生成器；send(3) 的返回值是 0（被丢弃了），for 循环从 1 开始取。"),
    "yield-send-just-started": (None, "刚创建的生成器还没运行到任何 yield，没有地方接收值，只能先 send(None) 或 next()。"),
    "enum-constants": (None, "枚举成员的 str 是 类名.成员名；.value 才是它的值。"),
    "enum-reassign": (None, "Enum 的成员不能被重新赋值，这正是用它来定义常量的原因。"),
}


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


def main():
    assert set(EXPLAIN) == {c[0] for c in CARDS}, "every card has its explanation"
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
    cards = []
    for (card_id, spec, port), code in zip(CARDS, codes):
        # `expected` and `raises` are filled in by scripts/gen_cards.mjs (from the run).
        card = {
            "id": card_id,
            "topic": spec["slug"],
            "source": spec["source"],
            "question": spec["question"],
            "code": code,
        }
        erratum, why = EXPLAIN[card_id]
        card["explain"] = why
        if erratum:
            card["erratum"] = erratum
        if spec["source"] == "block":
            card["block"] = spec["index"]
        if port:
            card["port"] = port
        cards.append(card)
    doc = {"cards": cards}
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
