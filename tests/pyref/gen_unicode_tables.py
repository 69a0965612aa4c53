"""Generate src/exercises/unicode_tables.rs from the running CPython (3.11 expected).

Run: python3 tests/pyref/gen_unicode_tables.py > src/exercises/unicode_tables.rs
"""
import sys, unicodedata

def ranges(pred):
    out = []
    start = None
    for cp in range(0x110000):
        ok = pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, 0x10FFFF))
    return out

def emit(name, doc, rs):
    print(f"/// {doc}")
    print(f"pub(crate) static {name}: &[(u32, u32)] = &[")
    for a, b in rs:
        print(f"    (0x{a:X}, 0x{b:X}),")
    print("];")
    print()

print("//! Unicode tables generated from CPython %s (Unicode %s) by tests/pyref/gen_unicode_tables.py." % (sys.version.split()[0], unicodedata.unidata_version))
print("//! Do not edit by hand: rerun the script. Ranges are inclusive and sorted.")
print()
emit("NON_PRINTABLE", "Code points where `str.isprintable()` is False (repr escapes them).",
     ranges(lambda c: not chr(c).isprintable()))
emit("WORD", "Code points that `re`'s `\\b` treats as word characters: `str.isalnum()` or `_`.",
     ranges(lambda c: chr(c).isalnum() or c == 0x5F))
emit("SPACE", "Code points where `str.isspace()` is True.",
     ranges(lambda c: chr(c).isspace()))
# Decimal digits (category Nd): runs sharing the same zero code point.
dec = []
for cp in range(0x110000):
    d = unicodedata.decimal(chr(cp), None)
    if d is None:
        continue
    zero = cp - d
    if dec and dec[-1][2] == zero and dec[-1][1] == cp - 1:
        dec[-1][1] = cp
    else:
        dec.append([cp, cp, zero])
print("/// Decimal digits (`str.isdecimal()`): (first, last, code point of that run's zero).")
print("pub(crate) static DECIMAL: &[(u32, u32, u32)] = &[")
for a, b, z in dec:
    print(f"    (0x{a:X}, 0x{b:X}, 0x{z:X}),")
print("];")
