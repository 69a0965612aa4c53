// Where do the bytes of a .wasm go? A dependency-free size profiler (a small twiggy):
//   node bench/wasm-size.mjs file.wasm [top=40]
// Prints the sections, the largest functions (by body size, named from the "name" section —
// build with symbols kept, e.g. CARGO_PROFILE_RELEASE_STRIP=false, and keep names through
// wasm-bindgen/wasm-opt with --keep-debug / -g), code grouped by crate and by "area", and the
// data segments with a sample of what they hold. Sizes are raw bytes; the gzip -9 size of
// each group's bodies concatenated is given too (an estimate of what removing it would save).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/wasm-size.mjs file.wasm [top]");
  process.exit(2);
}
const TOP = Number(topArg || 40);
const buf = readFileSync(file);
let pos = 8;
const u32 = () => {
  let r = 0, s = 0, b;
  do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80);
  return r >>> 0;
};
const name = () => { const n = u32(); const s = buf.toString("utf8", pos, pos + n); pos += n; return s; };

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
const sections = [];
let importedFuncs = 0;
const bodies = []; // { index, offset, size }
const data = []; // { offset, size }
const names = new Map();
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const start = pos;
  let label = SECTION[id] || `id${id}`;
  if (id === 0) label = `custom "${name()}"`;
  sections.push({ label, size: size + (start - (start - 1)) });
  if (id === 2) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      name(); name();
      const kind = buf[pos++];
      if (kind === 0) { u32(); importedFuncs++; }
      else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; u32(); }
    }
  } else if (id === 10) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      const sz = u32();
      bodies.push({ index: importedFuncs + i, offset: pos, size: sz });
      pos += sz;
    }
  } else if (id === 11) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      const flags = u32();
      if (flags === 2) u32();
      if (flags === 0 || flags === 2) { while (buf[pos] !== 0x0b) pos++; pos++; }
      const sz = u32();
      data.push({ offset: pos, size: sz });
      pos += sz;
    }
  } else if (label === 'custom "name"') {
    while (pos < start + size) {
      const sub = buf[pos++];
      const len = u32();
      const end = pos + len;
      if (sub === 1) {
        const n = u32();
        for (let i = 0; i < n; i++) { const idx = u32(); names.set(idx, name()); }
      }
      pos = end;
    }
  }
  pos = start + size;
}

const gz = (parts) => gzipSync(Buffer.concat(parts), { level: 9 }).length;
const pad = (s, n) => String(s).padStart(n);
console.log(`${file}: ${buf.length} bytes, gzip -9 ${gz([buf])}; ${bodies.length} functions (${names.size} named), ${data.length} data segments`);
console.log("\nSECTIONS");
for (const s of sections.sort((a, b) => b.size - a.size)) console.log(pad(s.size, 9), s.label);

const fnName = (i) => names.get(i) || `func[${i}]`;
const totalCode = bodies.reduce((s, b) => s + b.size, 0);
console.log(`\nTOP ${TOP} FUNCTIONS (of ${totalCode} code bytes)`);
for (const b of [...bodies].sort((a, b) => b.size - a.size).slice(0, TOP)) {
  console.log(pad(b.size, 8), pad(((100 * b.size) / totalCode).toFixed(1) + "%", 6), fnName(b.index).slice(0, 150));
}

// Crate of a demangled Rust path: the first path segment, looking through `<T as Trait>` and
// generic wrappers (so `<leptos::X as core::fmt::Debug>::fmt` counts for leptos).
function crateOf(n) {
  const s = n.replace(/^_ZN|^_R/, "").replace(/\[[0-9a-f]+\]/g, "");
  // `<X as Trait>::f`: X's crate when X is a path, else the trait's (`<f64 as core::fmt::..>`).
  const qual = s.match(/^<+(?:&(?:mut )?)?(?:\[)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)(::)?[^ ]* as (?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)::/);
  if (qual) return qual[2] ? qual[1] : qual[3];
  const m = s.match(/^<+(?:&(?:mut )?)?(?:\[)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::/) || s.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) return m[1];
  if (/^(__wbg|__wbindgen|wasm_bindgen|__externref)/.test(s)) return "wasm_bindgen";
  if (/^(dlmalloc|__rust|__rdl|__rg|malloc|free|realloc)/.test(s)) return "alloc/dlmalloc";
  if (/^(memcpy|memset|memmove|memcmp|bcmp|__multi3|__udivti3|__divti3|__umodti3|__ashlti3|__lshrti3|compiler_builtins)/.test(s)) return "compiler_builtins";
  return s.startsWith("func[") ? "(unnamed)" : `(other: ${s.slice(0, 40)})`;
}
// A coarser "area" guess for the crate-local code.
function areaOf(n) {
  const c = crateOf(n);
  if (c === "mianshiti_playground") {
    const m = n.match(/mianshiti_playground::([a-z_]+)(?:::([a-z_]+))?/);
    return m ? `app::${m[1]}${m[2] && m[1] !== "ui" ? "::" + m[2] : m[2] ? "::" + m[2] : ""}` : "app";
  }
  if (/serde::|serde_json::|::serialize|::deserialize|Deserializ|Serializ/.test(n)) return `serde-related (${c})`;
  return c;
}

function group(by) {
  const g = new Map();
  for (const b of bodies) {
    const k = by(fnName(b.index));
    if (!g.has(k)) g.set(k, { size: 0, count: 0, parts: [] });
    const e = g.get(k);
    e.size += b.size; e.count++; e.parts.push(buf.subarray(b.offset, b.offset + b.size));
  }
  return [...g.entries()].sort((a, b) => b[1].size - a[1].size);
}
console.log("\nCODE BY CRATE (raw bytes, functions, gzip -9 of the bodies alone)");
for (const [k, e] of group(crateOf).slice(0, 30)) console.log(pad(e.size, 8), pad(e.count, 5), pad(gz(e.parts), 8), k);
console.log("\nCODE BY AREA (the app's own modules split out; serde-looking symbols pooled)");
for (const [k, e] of group(areaOf).slice(0, 40)) console.log(pad(e.size, 8), pad(e.count, 5), pad(gz(e.parts), 8), k);

// Monomorphisation: the same generic function instantiated many times.
const generic = new Map();
for (const b of bodies) {
  const n = fnName(b.index).replace(/<[^<>]*>/g, "<…>").replace(/<[^<>]*>/g, "<…>").replace(/::h[0-9a-f]{16}$/, "");
  if (!generic.has(n)) generic.set(n, { size: 0, count: 0 });
  const e = generic.get(n); e.size += b.size; e.count++;
}
console.log("\nMOST-INSTANTIATED GENERICS (same path with the type arguments erased)");
for (const [k, e] of [...generic].filter(([, e]) => e.count > 3).sort((a, b) => b[1].size - a[1].size).slice(0, 25)) {
  console.log(pad(e.size, 8), pad(`×${e.count}`, 6), k.slice(0, 140));
}

const totalData = data.reduce((s, d) => s + d.size, 0);
const dataBuf = Buffer.concat(data.map((d) => buf.subarray(d.offset, d.offset + d.size)));
console.log(`\nDATA: ${totalData} bytes in ${data.length} segment(s), gzip -9 ${gz([dataBuf])}`);
// Rough content census: long runs of valid UTF-8 text with CJK (the bundled notes) vs the rest.
const text = dataBuf.toString("latin1");
let cjk = 0, runs = [];
const re = /(?:[\x09\x0a\x0d\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){200,}/g;
for (const m of text.matchAll(re)) {
  const s = Buffer.from(m[0], "latin1").toString("utf8");
  if (/[\u4e00-\u9fff]/.test(s)) { cjk += m[0].length; runs.push(m[0].length); }
}
console.log(`  long UTF-8 text runs containing Chinese (≈ bundled notes/markdown/UI strings): ${cjk} bytes in ${runs.length} runs`);
const cjkParts = [...text.matchAll(re)].filter((m) => /[\u4e00-\u9fff]/.test(Buffer.from(m[0], "latin1").toString("utf8"))).map((m) => Buffer.from(m[0], "latin1"));
console.log(`  gzip -9 of those runs alone: ${cjkParts.length ? gz(cjkParts) : 0}`);
