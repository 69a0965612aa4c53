"""CPython reference for the P2 ports of group A (imported by ref.py; same protocol).

Each function takes the case (field name -> input text) and returns section key -> text, with
"!Type: message" when Python raises. Run under PYTHONHASHSEED=0 (the differential test sets it).
"""
import binascii
import re
from collections import Counter, defaultdict
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit


def _out(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        msg = str(e)
        return "!" + type(e).__name__ + (": " + msg if msg else "")


# ---- c3_mro: real class statements, so CPython computes the MRO and words the errors ----
_STMT = re.compile(r"^(?:class\s+)?(\w+)\s*(?:\((.*)\))?\s*(?::\s*(?:pass|\.\.\.)?)?$")


def p_c3(c):
    ns = {}
    last = None
    for st in c["classes"].replace("\n", ";").split(";"):
        st = st.strip()
        if not st:
            continue
        name, bases = _STMT.match(st).groups()
        try:
            exec(f"class {name}({bases or ''}): pass", ns)
        except (TypeError, NameError) as e:
            return {"mro": "!" + type(e).__name__ + ": " + str(e)}
        last = name
    return {"mro": repr([k.__name__ for k in ns[last].__mro__])}


# ---- redis_cluster_slot: CLUSTER KEYSLOT == crc_hqx(hashed part, 0) % 16384 ----
def p_slot(c):
    key = c["key"].encode("utf-8")
    s = key.find(b"{")
    part = key
    if s != -1:
        e = key.find(b"}", s + 1)
        if e != -1 and e != s + 1:
            part = key[s + 1:e]
    crc = binascii.crc_hqx(part, 0)
    return {"slot": f"(integer) {crc % 16384}", "crc16": f"0x{crc:04X}"}


# ---- most_frequent: Counter(data).most_common(1) ----
def _lit(text):
    v = eval(text, {"__builtins__": {}, "float": float, "set": set, "range": range})
    if isinstance(v, range):
        v = list(v)
    return v


def p_most(c):
    data = _lit(c["data"])
    try:
        cnt = Counter(data)
    except Exception as e:  # noqa: BLE001
        return {"most_common": "!" + type(e).__name__ + ": " + str(e)}
    return {"most_common": _out(lambda: repr(cnt.most_common(1))), "counter": repr(cnt)}


# ---- defaultdict_demo: the notes' word count ----
def p_dd(c):
    s = c["text"]
    words = s.split()
    word_count = defaultdict(int)
    for word in words:
        word_count[word] += 1
    r = {"words": repr(words), "word_count": repr(word_count)}
    key = "python"
    while key in word_count:
        key += "_"
    r["get_missing"] = repr(word_count.get(key))
    r["read_missing"] = repr(word_count[key])
    r["after_read"] = repr(word_count)
    return r


# ---- http_status ----
def p_http(c):
    try:
        int(c["code"])
    except ValueError as e:
        return {"phrase": "!ValueError: " + str(e)}

    def phrase():
        return HTTPStatus(int(c["code"])).phrase

    def name():
        return repr(HTTPStatus(int(c["code"])))

    return {"phrase": _out(phrase), "member": _out(name)}


# ---- url_parts ----
def p_url(c):
    url = c["url"]
    try:
        u = urlsplit(url)
    except ValueError as e:
        return {"split": "!ValueError: " + str(e)}
    return {
        "split": repr(u),
        "hostname": repr(u.hostname),
        "port": _out(lambda: repr(u.port)),
        "username": repr(u.username),
        "password": repr(u.password),
        "parse_qs": repr(parse_qs(u.query)),
        "parse_qs_blank": repr(parse_qs(u.query, keep_blank_values=True)),
    }


PORTS = {"c3_mro": p_c3, "redis_cluster_slot": p_slot, "most_frequent": p_most,
         "defaultdict_demo": p_dd, "http_status": p_http, "url_parts": p_url}
