"""CPython reference for the set-table port (src/exercises/pyset): run with PYTHONHASHSEED=0.

Reads one JSON object per stdin line: "a", "b" (list literals), "discard", "add" (list
literals applied to set(a)), "d" (a dict literal), "lit" (a set literal, built as
ast.literal_eval builds it). Prints one JSON object per line: the repr of each set built from them.
A set holding None or a NaN prints in an order CPython 3.11 does not fix (hash(None) is the
object's address), so for those only the sorted element reprs are compared ("~" prefix).
"""
import json
import math
import sys


def unstable(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return True
    if isinstance(x, (tuple, frozenset)):
        return any(unstable(y) for y in x)
    return False


MEMBERS = False


def show(s):
    if MEMBERS or any(unstable(x) for x in s):
        return "~" + repr(sorted(repr(x) for x in s))
    return repr(s)


def lit(text):
    return eval(text, {"__builtins__": {}, "float": float})


for line in sys.stdin:
    c = json.loads(line)
    # Sets that ever held None or a NaN: their order in CPython 3.11 depends on the run.
    MEMBERS = "members" in c
    a_items = lit(c["a"])
    b_items = lit(c["b"])
    A = set(a_items)
    B = set(b_items)
    for x in lit(c["discard"]):
        A.discard(x)
    for x in lit(c["add"]):
        A.add(x)
    out = {
        "A": show(A), "B": show(B), "A|B": show(A | B), "B|A": show(B | A),
        "A&B": show(A & B), "B&A": show(B & A), "A-B": show(A - B), "B-A": show(B - A),
        "A^B": show(A ^ B), "B^A": show(B ^ A), "set(A)": show(set(A)),
        "frozenset(a)": show(frozenset(a_items)), "set(d)": show(set(lit(c["d"]))),
        # ast.literal_eval builds a set display as set(map(_convert, elts)): one add per item.
        "lit": show(set(lit("[" + c["lit"][1:-1] + "]"))),
        "hashes": [hash(x) for x in a_items if not unstable(x)],
    }
    print(json.dumps(out), flush=True)
