// Rewrites an RGBA PNG as an 8-bit palette PNG (PLTE + tRNS), quantising to at most 256
// colours with a median cut weighted by pixel count. For flat-colour icons the difference is
// invisible; the file is a fraction of the size.
import { readFileSync, writeFileSync } from "node:fs";
import { inflateSync, deflateSync, crc32 } from "node:zlib";

export function decodeRgba(buf) {
  let o = 8, w, h, idat = [];
  while (o < buf.length) {
    const len = buf.readUInt32BE(o), type = buf.toString("latin1", o + 4, o + 8), d = buf.subarray(o + 8, o + 8 + len);
    if (type === "IHDR") {
      w = d.readUInt32BE(0); h = d.readUInt32BE(4);
      if (d[8] !== 8 || d[9] !== 6 || d[12] !== 0) throw new Error("expects 8-bit RGBA, non-interlaced");
    }
    if (type === "IDAT") idat.push(d);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)), stride = w * 4, px = Buffer.alloc(h * stride);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), out = px.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[x - 4] : 0, b = prev[x], c = x >= 4 ? prev[x - 4] : 0;
      let p = 0;
      if (f === 1) p = a; else if (f === 2) p = b; else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) { const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c); p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[x] = (line[x] + p) & 255;
    }
    prev = out;
  }
  return { w, h, px };
}

/** Median cut over RGBA colours weighted by count: at most `n` palette entries. */
export function quantise(px, n = 256) {
  const hist = new Map();
  for (let i = 0; i < px.length; i += 4) { const k = px.readUInt32BE(i); hist.set(k, (hist.get(k) || 0) + 1); }
  const colours = [...hist].map(([k, c]) => ({ v: [k >>> 24, (k >>> 16) & 255, (k >>> 8) & 255, k & 255], c }));
  if (colours.length <= n) return colours.map((e) => e.v);
  let boxes = [colours];
  while (boxes.length < n) {
    // Split the box with the widest channel range (weighted by its pixel count).
    let best = -1, bestScore = 0, bestCh = 0;
    boxes.forEach((b, i) => {
      if (b.length < 2) return;
      const count = b.reduce((s, e) => s + e.c, 0);
      for (let ch = 0; ch < 4; ch++) {
        let lo = 255, hi = 0;
        for (const e of b) { lo = Math.min(lo, e.v[ch]); hi = Math.max(hi, e.v[ch]); }
        const score = (hi - lo) * Math.sqrt(count);
        if (score > bestScore) { bestScore = score; best = i; bestCh = ch; }
      }
    });
    if (best < 0) break;
    const b = boxes[best].sort((x, y) => x.v[bestCh] - y.v[bestCh]);
    const half = b.reduce((s, e) => s + e.c, 0) / 2;
    let acc = 0, cut = 1;
    for (let i = 0; i < b.length - 1; i++) { acc += b[i].c; if (acc >= half) { cut = i + 1; break; } }
    boxes.splice(best, 1, b.slice(0, cut), b.slice(cut));
  }
  return boxes.map((b) => {
    const c = b.reduce((s, e) => s + e.c, 0);
    return [0, 1, 2, 3].map((ch) => Math.round(b.reduce((s, e) => s + e.v[ch] * e.c, 0) / c));
  });
}

function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

export function encodePalette({ w, h, px }, palette) {
  // Opaque entries last, so tRNS can stop at the last translucent one.
  palette = [...palette].sort((a, b) => a[3] - b[3]);
  const cache = new Map(), index = Buffer.alloc(h * (w + 1));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4, k = px.readUInt32BE(i);
    let best = cache.get(k);
    if (best === undefined) {
      let d = Infinity;
      palette.forEach((p, j) => { const e = (p[0] - px[i]) ** 2 + (p[1] - px[i + 1]) ** 2 + (p[2] - px[i + 2]) ** 2 + 2 * (p[3] - px[i + 3]) ** 2; if (e < d) { d = e; best = j; } });
      cache.set(k, best);
    }
    index[y * (w + 1) + 1 + x] = best;
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 3;
  const opaqueFrom = palette.findIndex((p) => p[3] === 255);
  const trns = Buffer.from(palette.slice(0, opaqueFrom < 0 ? palette.length : opaqueFrom).map((p) => p[3]));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("PLTE", Buffer.from(palette.flatMap((p) => p.slice(0, 3)))),
    ...(trns.length ? [chunk("tRNS", trns)] : []),
    chunk("IDAT", deflateSync(index, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of process.argv.slice(2)) {
    const before = readFileSync(f);
    const img = decodeRgba(before);
    const out = encodePalette(img, quantise(img.px));
    writeFileSync(f, out);
    console.log(`${f}: ${before.length} → ${out.length} bytes`);
  }
}
