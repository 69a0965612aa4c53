"""Generate src/exercises/unicode_tables.rs from the running CPython's Unicode database.

Run: python3 scripts/gen_unicode_tables.py > src/exercises/unicode_tables.rs
(`cargo test --test native generated` fails when the file differs from this script's output.)

Pinned: the exercises print what CPython 3.11 prints, and the tables (str.isprintable,
isalnum, isspace, isdecimal) follow the interpreter's Unicode version, which is 14.0.0 in
every CPython 3.11.x and in no other minor version. So the script refuses any other Unicode
version, and the header names only that version (not the patch release, which does not change
the output).
"""
import sys, unicodedata

UNICODE_VERSION = "14.0.0"
if unicodedata.unidata_version != UNICODE_VERSION:
    sys.exit(f"gen_unicode_tables.py needs CPython 3.11 (Unicode {UNICODE_VERSION}); "
             f"this python3 is {sys.version.split()[0]} (Unicode {unicodedata.unidata_version})")

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

print(f"//! Unicode tables generated from CPython 3.11 (Unicode {UNICODE_VERSION}) by scripts/gen_unicode_tables.py.")
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
