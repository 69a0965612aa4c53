"""CPython reference for the exercise ports: `python3 ref.py <exercise_id>`.

Reads one JSON object per stdin line (field name -> input text) and prints one JSON object per
line (section key -> repr text, or "!Type: message" when Python raises). The functions below are
the notes' code (tests/data/seed/000_f1efb83ef02286e6.txt), with minimal fixes labelled FIX.
"""
import datetime
import json
import operator
import os
import re
import sys
import tempfile
from collections import Counter


def lit(text, allow_range=False):
    v = eval(text, {"__builtins__": {}, "float": float, "set": set, "range": range})
    if isinstance(v, range):
        v = list(v)
    return v


def out(fn):
    try:
        return repr(fn())
    except Exception as e:  # noqa: BLE001
        msg = str(e)
        return "!" + type(e).__name__ + (": " + msg if msg else "")


# ---- merge_sorted_lists (seed L640-663) ----
def merge_order_list_seed(l_1, l_2):
    result = []
    i, j = 0, 0
    while i < len(l_1) and j < len(l_2):
        if l_1[i] < l_2[j]:
            result.append(l_1[i])
            i += 1
        else:
            result.append(l_2[j])
            j += 1
    # 超出边界
    if i == len(l_1):
        result += l_2[j:]
    else:
        result += l_1[i:]


def merge_order_list(l_1, l_2):
    result = []
    i, j = 0, 0
    while i < len(l_1) and j < len(l_2):
        if l_1[i] < l_2[j]:
            result.append(l_1[i])
            i += 1
        else:
            result.append(l_2[j])
            j += 1
    if i == len(l_1):
        result += l_2[j:]
    else:
        result += l_1[i:]
    return result  # FIX (E02): the seed has no return


def p_merge(c):
    l1, l2 = lit(c["l1"]), lit(c["l2"])
    return {"merged": out(lambda: merge_order_list(l1, l2)),
            "seed_literal": out(lambda: merge_order_list_seed(l1, l2))}


# ---- reverse_number (seed L438-449) ----
def reverse_number(number: int):
    tmp_str = str(number)
    if tmp_str[0] == "-":
        return int(f"-{tmp_str[:0:-1]}")
    return int(f"{tmp_str[::-1]}")


def p_reverse(c):
    t = c["n"]
    r = {"int": out(lambda: int(t))}
    if not r["int"].startswith("!"):
        n = int(t)
        r["reversed"] = out(lambda: reverse_number(n))
    return r


# ---- sort_dict_by_value (seed L87-115) ----
def p_sort_dict(c):
    my_dict = lit(c["d"])
    return {
        "expected": out(lambda: dict(sorted(my_dict.items(), key=operator.itemgetter(1)))),
        "descending": out(lambda: dict(sorted(my_dict.items(), key=operator.itemgetter(1), reverse=True))),
        "seed_method1": out(lambda: sorted(my_dict, key=lambda x: x[1])),
    }


# ---- day_of_year (seed L58-65) ----
def day_of_year(date):
    year_beginning = datetime.datetime(date.year, 1, 1)
    delta = date - year_beginning
    return delta.days + 1


class _Raw(str):
    def __repr__(self):
        return str(self)


def p_day(c):
    t = c["date"]
    r = {"day": out(lambda: _Raw(day_of_year(datetime.datetime.strptime(t, "%Y-%m-%d"))))}
    if not r["day"].startswith("!"):
        r["parsed"] = repr(datetime.datetime.strptime(t, "%Y-%m-%d"))
    return r


# ---- list_slice (seed L188-193) ----
import ast  # noqa: E402


def p_slice(c):
    # Slicing a range gives a range: list_slice keeps range(...) as a range.
    seq = eval(c["seq"], {"__builtins__": {}, "float": float, "set": set, "range": range})
    tree = ast.parse("s[" + c["slice"] + "]", mode="eval")
    sub = tree.body.slice
    if isinstance(sub, ast.Slice):
        parts = [None if n is None else eval(compile(ast.Expression(n), "<s>", "eval"), {"__builtins__": {}})
                 for n in (sub.lower, sub.upper, sub.step)]
        sl = slice(*parts)
        r = {"result": out(lambda: seq[sl])}
        if isinstance(seq, (list, tuple, str, range)):
            r["indices"] = out(lambda: sl.indices(len(seq)))
        return r
    idx = eval(compile(ast.Expression(sub), "<s>", "eval"), {"__builtins__": {}})
    return {"result": out(lambda: seq[idx])}


# ---- set_ops (seed L214-228) ----
def p_set(c):
    list1, list2 = lit(c["a"]), lit(c["b"])
    try:
        set1 = set(list1)
    except Exception as e:  # noqa: BLE001
        return {"set1": "!" + type(e).__name__ + ": " + str(e)}
    try:
        set2 = set(list2)
    except Exception as e:  # noqa: BLE001
        return {"set2": "!" + type(e).__name__ + ": " + str(e)}
    show = repr  # the diff tests run python3 with PYTHONHASHSEED=0

    return {"&": show(set1 & set2), "^": show(set1 ^ set2), "|": show(set1 | set2),
            "list1-list2": show(set1 - set2), "list2-list1": show(set2 - set1)}


# ---- str_to_int (seed L613-620) ----
def p_str_to_int(c):
    s = c["s"]
    ans = 0
    for ch in s:
        ans = ans * 10 + ord(ch) - ord('0')
    return {"seed_loop": out(lambda: ans), "python_int": out(lambda: int(s))}


# ---- remove_while_iterating (seed L455-486) ----
def m1(a):
    for i in range(len(a) - 1, -1, -1):
        if a[i] % 2 == 0:
            a.remove(a[i])
    return a


def m2(a):
    while 1:
        for i in a:
            if i % 2 == 0:
                a.remove(i)
                break
        else:
            break
    return a


def naive(a):
    for x in a:
        if x % 2 == 0:
            a.remove(x)
    return a


def p_remove(c):
    a = lit(c["list"])
    return {"method1_reverse_index": out(lambda: m1(list(a))), "method2_for_else": out(lambda: m2(list(a))),
            "naive_forward_remove": out(lambda: naive(list(a))),
            "list_comprehension": out(lambda: [x for x in a if x % 2 != 0])}


# ---- closure_late_binding (seed L668-697) ----
def p_closure(c):
    n, x = lit(c["n"]), lit(c["x"])

    def multi():
        return [lambda x: i * x for i in range(n)]

    def multi_gen():
        return (lambda x: i * x for i in range(n))

    return {"list_comprehension": out(lambda: [m(x) for m in multi()]),
            "generator_lazy": out(lambda: [m(x) for m in multi_gen()]),
            "generator_materialised_first": out(lambda: [m(x) for m in list(multi_gen())]),
            "fixed_default_arg": out(lambda: [m(x) for m in [lambda x, i=i: i * x for i in range(n)]])}


# ---- topk_word_freq (seed L1851-1880 方式一, L1887-1928 方式二) ----
def get_high_freq_words_1(file_path, block_size=100000000, top_k=10):
    regex = re.compile(r'\b[a-zA-Z]+\b')
    word_counter = Counter()
    with open(file_path, 'r', encoding='utf-8') as f:
        while True:
            block = f.read(block_size)
            if not block:
                break
            words = regex.findall(block)
            word_counter.update(words)
    high_freq_words = word_counter.most_common(top_k)
    return high_freq_words


def get_high_freq_words_2(file_path, block_num=10, top_k=10):
    file_size = os.stat(file_path).st_size
    block_size = file_size // block_num
    regex = re.compile(r'\b[a-zA-Z]+\b')
    word_counter = Counter()
    with open(file_path, 'r', encoding='utf-8') as f:
        for i in range(block_num):
            block = f.read(block_size)
            if i == block_num - 1:
                block += f.read()
            words = regex.findall(block)
            word_counter.update(words)
    high_freq_words = word_counter.most_common(top_k)
    return high_freq_words


def p_topk(c):
    text = c["text"]
    k = lit(c["k"])
    bs = lit(c["block_size"])
    bn = lit(c["block_num"])
    regex = re.compile(r'\b[a-zA-Z]+\b')
    r = {"expected": out(lambda: Counter(regex.findall(text)).most_common(k))}
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "wb") as f:
        f.write(text.encode("utf-8"))
    try:
        r["method1_blocks"] = out(lambda: get_high_freq_words_1(path, bs, k))
        r["method2_blocks"] = out(lambda: get_high_freq_words_2(path, bn, k))
    finally:
        os.unlink(path)
    words = regex.findall(text)
    if len(words) <= 1000:
        r["python_findall"] = repr(words)
    return r


PORTS = {"merge_sorted_lists": p_merge, "reverse_number": p_reverse, "sort_dict_by_value": p_sort_dict,
         "day_of_year": p_day, "list_slice": p_slice, "set_ops": p_set, "str_to_int": p_str_to_int,
         "remove_while_iterating": p_remove, "closure_late_binding": p_closure, "topk_word_freq": p_topk}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_ports_a import PORTS as PORTS_A  # noqa: E402  (P2 ports, group A)
PORTS.update(PORTS_A)


def serve(ports):
    """Answers stdin's cases with `ports[sys.argv[1]]` (also used by ports_b.py)."""
    sys.set_int_max_str_digits(4300)
    fn = ports[sys.argv[1]]
    for line in sys.stdin:
        case = json.loads(line)
        try:
            res = fn(case)
        except Exception as e:  # noqa: BLE001  (input the reference itself cannot evaluate)
            res = {"__input_error__": type(e).__name__ + ": " + str(e)}
        sys.stdout.write(json.dumps(res, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve(PORTS)
