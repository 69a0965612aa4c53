"""CPython reference for the group-B exercise ports: `python3 ports_b.py <exercise_id>`.

Same protocol as ref.py: one JSON object per stdin line (field -> input text), one JSON object
per stdout line (section key -> text; "!Type: message" when Python raises). The notes' code
(tests/data/seed/000_f1efb83ef02286e6.txt) is run as written; what the harness adds around it
is labelled HARNESS.
"""
import contextlib
import io
import os
import random
import re

from ref import lit, serve

SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "seed",
                    "000_f1efb83ef02286e6.txt")
SEED_LINES = open(SEED, encoding="utf-8").read().split("\n")


def seed_block(fence_line):
    """The ```python block opening at 1-based line `fence_line` of the seed."""
    i = fence_line
    out = []
    while not SEED_LINES[i].strip().startswith("```"):
        out.append(SEED_LINES[i])
        i += 1
    return "\n".join(out) + "\n"


def exc_text(e):
    msg = str(e)
    return "!" + type(e).__name__ + (": " + msg if msg else "")


# ---- shuffle (seed L70-79) ----
def shuffle(case):
    my_list = lit(case["list"])
    seed_text = case.get("seed", "").strip()
    seed = lit(seed_text) if seed_text else None
    out = {}
    try:
        random.seed(seed)
        out["returned"] = repr(random.shuffle(my_list))
        out["shuffled"] = repr(my_list)
    except Exception as e:  # noqa: BLE001
        out["returned"] = exc_text(e)
    return out


# ---- metaclass_order (seed L381-418, the notes' code as written) ----
METACLASS_SRC = seed_block(381)
# HARNESS: the block defines MetaF, then F; the class line of the input runs the F part.
F_SRC = METACLASS_SRC[METACLASS_SRC.index("class F(metaclass=MetaF):"):]
METACLASS_SRC = METACLASS_SRC[: METACLASS_SRC.index("class F(metaclass=MetaF):")]


def metaclass_order(case):
    ns = {"__name__": "__main__"}
    exec(METACLASS_SRC, ns)
    transcript = []
    for line in case["statements"].split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        transcript.append(">>> " + line)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            try:
                if "".join(line.split()).startswith("classF(metaclass=MetaF):"):
                    exec(F_SRC, ns)  # HARNESS: the class line stands for the notes' class body
                else:
                    exec(compile(line, "<stdin>", "single"), ns)
            except Exception as e:  # noqa: BLE001
                print(exc_text(e)[1:])
        out = re.sub(r" at 0x[0-9a-f]+>", " at 0x…>", buf.getvalue())
        transcript.extend(out.splitlines())
    return {"output": "\n".join(transcript)}


# ---- yield_send (seed L2556-2573, the generator as written) ----
YIELD_SRC = seed_block(2556)
YIELD_SRC = YIELD_SRC[: YIELD_SRC.index("g = my_generator()")]


def yield_send(case):
    ns = {}
    exec(YIELD_SRC, ns)
    g = ns["my_generator"]()
    results = []
    for line in case["ops"].split("\n"):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        if t == "next":
            call, fn = "next(g)", lambda: next(g)
        else:
            v = lit(t[len("send"):].strip())
            call, fn = "g.send(%r)" % (v,), lambda v=v: g.send(v)
        try:
            r = repr(fn())
        except Exception as e:  # noqa: BLE001
            r = exc_text(e)[1:]
        results.append(call + " → " + r)
    out = {"results": "\n".join(results)}
    buf = io.StringIO()
    printed, cut = 0, False
    with contextlib.redirect_stdout(buf):
        try:
            for i in g:
                if printed == 1000:  # HARNESS: the port cuts a huge range_ here
                    cut = True
                    break
                print(i)
                printed += 1
        except Exception as e:  # noqa: BLE001
            print(exc_text(e)[1:])
    if not cut:
        out["for_loop"] = buf.getvalue().rstrip("\n") or "（什么也不打印：生成器已经结束）"
    return out


# ---- observer (seed L2365-2420, the classes as written) ----
OBSERVER_SRC = seed_block(2365)
OBSERVER_SRC = OBSERVER_SRC[: OBSERVER_SRC.index("observable = Observable()")]


def observer(case):
    import ast
    ns = {}
    exec(OBSERVER_SRC, ns)
    observable = ns["Observable"]()
    objs = {"sms": ns["SMSSender"](), "email": ns["EmailSender"](), "observer": ns["Observer"]()}
    var = {"sms": "sms_sender", "email": "email_sender", "observer": "observer"}
    log = []
    for line in case["commands"].split("\n"):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        verb, _, rest = t.partition(" ")
        rest = rest.strip()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            try:
                if verb in ("register", "add_observer", "remove"):
                    method = {"register": "register_observer", "remove": "remove_observer"}.get(verb, verb)
                    log.append(">>> observable.%s(%s)" % (method, var[rest]))
                    getattr(observable, method)(objs[rest])
                elif verb == "add":
                    try:
                        item = ast.literal_eval(rest)
                    except Exception:  # noqa: BLE001
                        item = rest
                    log.append(">>> observable.add_item(%r)" % (item,))
                    observable.add_item(item)
                else:
                    args = rest.split()
                    log.append(">>> observable.notify_observers(%s)" % ", ".join(map(repr, args)))
                    observable.notify_observers(*args)
            except Exception as e:  # noqa: BLE001
                print(exc_text(e)[1:])
        log.extend(buf.getvalue().splitlines())
    names = [next(var[k] for k in objs if objs[k] is o) for o in observable._observers]
    return {"log": "\n".join(log), "observers": ", ".join(names) or "（空列表）"}


# ---- dir_walk (seed L20-52: the pathlib version, then the os version that replaces it) ----
DIR_WALK_SRC = seed_block(20)
PATHLIB_SRC = DIR_WALK_SRC[: DIR_WALK_SRC.index("import os")]


def dir_walk(case):
    import shutil
    import tempfile
    base = tempfile.mkdtemp()
    real_base = os.path.realpath(base)
    lines = [l for l in case["tree"].split("\n") if l.strip()]
    root = lines[0].strip()
    stack = [(-1, base)]
    for n, l in enumerate(lines):
        indent = len(l) - len(l.lstrip(" "))
        name = l.strip()
        while stack[-1][0] >= indent:
            stack.pop()
        path = os.path.join(stack[-1][1], name.rstrip("/"))
        is_dir = name.endswith("/") or (n + 1 < len(lines) and
                                         len(lines[n + 1]) - len(lines[n + 1].lstrip(" ")) > indent)
        if os.path.exists(path):  # the root "."
            pass
        elif is_dir:
            os.mkdir(path)
        else:
            open(path, "w").close()
        stack.append((indent, path))
    real_listdir = os.listdir
    os.listdir = lambda p: sorted(real_listdir(p))  # HARNESS: file-system order made repeatable
    cwd = os.getcwd()
    os.chdir(base)
    out = {}
    try:
        for key, src in (("os_version", DIR_WALK_SRC), ("pathlib_version", PATHLIB_SRC)):
            ns = {}
            exec(src, ns)
            buf = io.StringIO()
            try:
                with contextlib.redirect_stdout(buf):
                    ns["print_directory_contents"](root.rstrip("/") or root)
            except Exception as e:  # noqa: BLE001
                out[key] = exc_text(e)
                break
            text = buf.getvalue().rstrip("\n").replace(real_base, "/home/user")
            out[key] = text or "（什么也不打印：这个文件夹里没有文件）"
    finally:
        os.chdir(cwd)
        os.listdir = real_listdir
        shutil.rmtree(base)
    return out


# ---- bloom_vs_bitmap (no seed code: the catalogue's proposed spec, written independently) ----
def bloom_vs_bitmap(case):
    import hashlib
    import math
    kind = case["kind"]
    m = int(case["m"])
    k = int(case["k"]) if kind == "bloom" else 1
    add, delete, query = ([str(x) for x in lit(case[f])] for f in ("add", "delete", "query"))

    def pos(item):
        if kind == "bitmap":
            return [int(item)]
        d = hashlib.sha256(item.encode("utf-8")).digest()
        h1 = int.from_bytes(d[0:8], "little")
        h2 = int.from_bytes(d[8:16], "little") | 1
        return [(h1 + i * h2) % m for i in range(k)]

    show = (lambda s: s) if kind == "bitmap" else repr
    bits = [0] * m
    ops = []
    for item in add:
        for b in pos(item):
            bits[b] = 1
        ops.append(f"add {show(item)}  → 置 1：{pos(item)}")
    for item in delete:
        for b in pos(item):
            bits[b] = 0
        ops.append(f"delete {show(item)}  → 清 0：{pos(item)}")
    truly = set(add) - set(delete)
    words = {(True, True): "在（present）", (False, False): "不在（absent）",
             (True, False): "在（present）" if kind == "bitmap" else
             "误判为在（false positive：位都是 1，但没有加入过）",
             (False, True): "漏判为不在（false negative：删除别的元素时清掉了它的位）"}
    answers = [f"{show(q)}  位 {pos(q)} → {words[(all(bits[b] for b in pos(q)), q in truly)]}"
               for q in query]
    out = {"operations": "\n".join(ops), "answers": "\n".join(answers)}
    if kind == "bloom":
        n = len(set(add))
        rate = (1 - math.exp(-k * n / m)) ** k
        out["fp_rate"] = f"{rate:.6f}（约 {rate * 100:.4f}%）"
    return out


PORTS = {
    "bloom_vs_bitmap": bloom_vs_bitmap,
    "dir_walk": dir_walk,
    "observer": observer,
    "yield_send": yield_send,
    "metaclass_order": metaclass_order,
    "shuffle": shuffle,
}

if __name__ == "__main__":
    serve(PORTS)
