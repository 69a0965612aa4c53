// Where start-up time goes: cold loads of the benchmark's deep-linked topic (as bench/run.mjs
// loads it: fresh context, service worker blocked, gzip, under /playground/), each traced from
// navigation to "app ready" (the app's h1.topic-title in the DOM, then painted). Prints, per
// profile (unthrottled; 4x CPU; the bench's mobile profile, 4x CPU + 1.6 Mbps + 150 ms RTT):
//   - medians of FCP, LCP, app ready, the app's user-timing marks (mianshiti:start/notes/mount/
//     mounted) and when each request started and ended (HTML, JS glue, wasm, notes bundle);
//   - the renderer main thread's time before app ready by activity (trace events' self time:
//     parse HTML, script, wasm compile, style, layout, paint, GC, …);
//   - JS/wasm functions by self and by total time (V8's sampling profiler, 100 µs; names need
//     a wasm with its name section: see README, "Benchmarks").
// Loads without tracing give the timings; traced loads (slower) give the breakdowns.
//
// With several sites (--dist A,B) the loads alternate between them, so a busy machine slows
// each alike: for before/after comparisons.
//
//   node bench/profile-startup.mjs [--dist DIR[,DIR…]] [--runs N] [--traced N] [--modes fast,cpu4,mobile]
//                                  [--top N] [--sampling 0] [--json FILE] [--trace FILE]
// --sampling 0 traces without V8's sampling profiler (no function names, less overhead).
// --trace FILE writes the last traced load's trace (open it in DevTools' Performance panel).
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";
import { serve } from "./static-server.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const DISTS = (args.dist || "dist").split(",").map((d) => resolve(ROOT, d));
const RUNS = Number(args.runs || 5);
const TRACED = Number(args.traced || 3);
const MODES = (args.modes || "fast,cpu4,mobile").split(",");
const TOP = Number(args.top || 25);
const HASH = "#/t/merge-sorted-lists";
const MOBILE = {
  viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true,
};
const NET = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const PROFILES = {
  fast: { label: "unthrottled", cpu: 1, net: false },
  cpu4: { label: "4x CPU", cpu: 4, net: false },
  mobile: { label: "mobile (4x CPU, 1.6 Mbps, 150 ms RTT)", cpu: 4, net: true },
};
const SAMPLING = args.sampling !== "0";
const CATEGORIES = ["-*", "toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
  "v8.execute", "v8", "v8.wasm", "blink.user_timing", "loading", ...(SAMPLING ? ["disabled-by-default-v8.cpu_profiler"] : [])];

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f0 = (x) => (x == null ? "—" : x.toFixed(x < 10 ? 1 : 0));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/** In the page before anything else: "app ready" as bench/run.mjs measures it (the app's topic
 *  title in the DOM, then rAF → setTimeout), announced on the console; LCP candidates. */
function probe() {
  window.__startup = { lcp: 0, ready: null };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__startup.lcp = e.renderTime || e.loadTime || e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new MutationObserver((_, obs) => {
    if (!document.querySelector("h1.topic-title")) return;
    obs.disconnect();
    requestAnimationFrame(() => setTimeout(() => {
      window.__startup.ready = performance.now();
      performance.mark("startup:ready");
      console.log("startup:ready");
    }, 0));
  }).observe(document, { childList: true, subtree: true });
}

/** Timings the page itself recorded (ms since navigation start). */
function pageTimings() {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const marks = Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name.replace(/^mianshiti:/, ""), m.startTime]));
  const res = {};
  const kind = (n) => (/\.wasm$/.test(n) ? "wasm" : /notes-[0-9a-f]+\.json$/.test(n) ? "notes" : /mianshiti-playground-[0-9a-f]+\.js$/.test(n) ? "glue" : /\.css$/.test(n) ? "css" : null);
  for (const r of performance.getEntriesByType("resource")) {
    const k = kind(new URL(r.name).pathname);
    if (k && !res[k]) res[k] = { start: r.startTime, end: r.responseEnd };
  }
  const nav = performance.getEntriesByType("navigation")[0];
  res.html = { start: 0, end: nav.responseEnd };
  return { fcp: fcp ? fcp.startTime : null, lcp: window.__startup.lcp, ready: window.__startup.ready, marks, res };
}

async function coldLoad(browser, url, profile, traced) {
  const context = await browser.newContext({ serviceWorkers: "block", ...(profile.net ? MOBILE : { viewport: { width: 1280, height: 800 } }) });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (profile.net) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NET);
  }
  if (profile.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  await page.addInitScript(probe);
  const ready = page.waitForEvent("console", { predicate: (m) => m.text() === "startup:ready", timeout: 120_000 });
  if (traced) await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  await ready;
  const trace = traced ? JSON.parse((await browser.stopTracing()).toString("utf8")) : null;
  const t = await page.evaluate(pageTimings);
  await context.close();
  return { ...t, trace };
}

/** The renderer main thread of the traced page (the one that recorded our ready mark) and the
 *  page's clock in the trace: trace µs of performance.now() 0, and of ready. */
function mainThread(events) {
  const ready = events.find((e) => e.name === "startup:ready" && e.args?.data?.startTime != null);
  if (!ready) throw new Error("profile-startup: no startup:ready mark in the trace");
  return { pid: ready.pid, tid: ready.tid, origin: ready.ts - ready.args.data.startTime * 1000, readyTs: ready.ts };
}

/** The start-up's phases on the trace clock: from the page's marks (mianshiti:start/notes/
 *  mount/mounted, startup:ready) and the wasm response's end. */
function phases(events, { pid, origin, readyTs }) {
  const mark = (name) => events.find((e) => e.pid === pid && e.name === `mianshiti:${name}`)?.ts;
  const wasmReq = events.find((e) => e.name === "ResourceSendRequest" && /\.wasm$/.test(e.args.data.url || ""));
  const wasmEnd = wasmReq && events.find((e) => e.name === "ResourceFinish" && e.args.data.requestId === wasmReq.args.data.requestId);
  const cuts = [
    ["navigation → wasm requested", wasmReq?.ts],
    ["wasm requested → arrived", wasmEnd ? wasmEnd.args.data.finishTime * 1e6 : null],
    ["wasm arrived → start (compile, instantiate)", mark("start")],
    ["start → notes (bundle parsed)", mark("notes")],
    ["notes → mount (boot paint awaited)", mark("mount")],
    ["mount → mounted (App built)", mark("mounted")],
    ["mounted → ready (first frame)", readyTs],
  ];
  const out = [];
  let from = origin;
  for (const [name, to] of cuts) {
    if (to == null || to < from) continue;
    out.push({ name, from, to });
    from = to;
  }
  return out;
}

/** What kind of work a trace event's self time is. */
function kindOf(name) {
  if (name === "wasm.CompileLazy") return "wasm lazy compile";
  if (/LogCode|CpuProfiler/.test(name)) return "profiler";
  if (/^(wasm\.|v8\.wasm)/.test(name)) return "wasm load";
  if (/UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|StyleRecalc/.test(name)) return "style";
  if (/^(Layout|UpdateLayout|LocalFrameView::)/.test(name)) return "layout";
  if (/^(Paint|PrePaint|Layerize|Commit|CompositeLayers|UpdateLayer|PaintImage|Decode)/.test(name)) return "paint";
  if (/ParseHTML|DocumentParser/.test(name)) return "parse HTML";
  if (/GC|Scavenge|Sweep|Mark/.test(name)) return "GC";
  if (/^(FunctionCall|EvaluateScript|v8\.|V8\.|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|BlinkScheduler_PerformMicrotaskCheckpoint|FireIdleCallback|XHR|ResourceRequestSender)/.test(name)) return "script";
  return "other";
}
const KINDS = ["script", "wasm lazy compile", "wasm load", "style", "layout", "paint", "parse HTML", "GC", "profiler", "other"];

/** The main thread's self time (each complete event's duration minus its children's) cut into
 *  phases, by kind and by event name; busy = time under a top-level task. */
function activities(events, { pid, tid }, cuts) {
  const t0 = cuts[0].from;
  const t1 = cuts[cuts.length - 1].to;
  const xs = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.dur != null && e.ts < t1 && e.ts + e.dur > t0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const per = cuts.map(() => ({ busy: 0, kinds: new Map(), names: new Map() }));
  const add = (name, a, b) => {
    for (const [i, c] of cuts.entries()) {
      const d = Math.min(b, c.to) - Math.max(a, c.from);
      if (d <= 0) continue;
      const p = per[i];
      p.kinds.set(kindOf(name), (p.kinds.get(kindOf(name)) || 0) + d / 1000);
      p.names.set(name, (p.names.get(name) || 0) + d / 1000);
    }
  };
  const busy = (a, b) => {
    for (const [i, c] of cuts.entries()) per[i].busy += Math.max(0, Math.min(b, c.to) - Math.max(a, c.from)) / 1000;
  };
  const stack = [];
  let cursor = 0;
  let longest = 0;
  const popUntil = (t) => {
    while (stack.length && stack[stack.length - 1].end <= t) {
      const top = stack.pop();
      add(top.name, cursor, top.end);
      cursor = top.end;
    }
  };
  for (const e of xs) {
    popUntil(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) add(parent.name, cursor, e.ts);
    const end = parent ? Math.min(e.ts + e.dur, parent.end) : e.ts + e.dur;
    if (!parent) {
      busy(e.ts, end);
      if (e.ts >= t0) longest = Math.max(longest, e.dur / 1000);
    }
    cursor = e.ts;
    stack.push({ name: e.name, end });
  }
  popUntil(Infinity);
  return { per, longest };
}

/** V8's samples (ProfileChunk events) on the main thread, per phase: self and total time by
 *  function ("name file"); total counts a function once per sample however deep it recurses. */
function functions(events, { pid, tid }, cuts) {
  const per = cuts.map(() => ({ self: new Map(), total: new Map() }));
  const profiles = new Set(events.filter((e) => e.pid === pid && e.tid === tid && e.name === "Profile").map((e) => e.id));
  for (const id of profiles) {
    const nodes = new Map();
    let ts = events.find((e) => e.name === "Profile" && e.id === id).args.data.startTime;
    for (const e of events) {
      if (e.name !== "ProfileChunk" || e.id !== id || e.pid !== pid) continue;
      const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
      for (const n of cpuProfile.nodes || []) {
        const file = n.callFrame.url ? ` ${n.callFrame.url.replace(/^.*\//, "")}` : "";
        nodes.set(n.id, { parent: n.parent, name: `${n.callFrame.functionName || "(anonymous)"}${file}` });
      }
      const samples = cpuProfile.samples || [];
      for (let i = 0; i < samples.length; i++) {
        const prev = ts;
        ts += timeDeltas[i] || 0;
        const at = cuts.findIndex((c) => ts > c.from && ts <= c.to);
        let n = nodes.get(samples[i]);
        if (at < 0 || !n || i + 1 >= samples.length && !timeDeltas.length) continue;
        const dt = (ts - prev) / 1000;
        const p = per[at];
        p.self.set(n.name, (p.self.get(n.name) || 0) + dt);
        const seen = new Set();
        for (; n; n = nodes.get(n.parent)) {
          if (seen.has(n.name)) continue;
          seen.add(n.name);
          p.total.set(n.name, (p.total.get(n.name) || 0) + dt);
        }
      }
    }
  }
  return per;
}

/** Sums of Maps. */
function sumMaps(maps) {
  const out = new Map();
  for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) || 0) + v);
  return out;
}

/** Medians over loads of every key of a list of Maps (a key missing from a load counts 0). */
function medianMaps(maps) {
  const keys = new Set(maps.flatMap((m) => [...m.keys()]));
  return new Map([...keys].map((k) => [k, median(maps.map((m) => m.get(k) || 0))]).sort((a, b) => b[1] - a[1]));
}

function table(title, map, top, skip = () => false) {
  console.log(`\n  ${title}`);
  for (const [k, v] of [...map].filter(([k]) => !skip(k)).slice(0, top)) console.log(`    ${lpad(f0(v), 7)} ms  ${k.length > 110 ? k.slice(0, 107) + "…" : k}`);
}

async function main() {
  const servers = [];
  for (const d of DISTS) servers.push(await serve(d, { gzip: true }));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const out = { hash: HASH, dists: {} };
  let lastTrace = null;
  try {
    for (const mode of MODES) {
      const profile = PROFILES[mode];
      if (!profile) throw new Error(`profile-startup: unknown mode ${mode} (fast, cpu4, mobile)`);
      console.error(`[profile] ${profile.label}: ${RUNS} loads and ${TRACED} traced loads of each of ${DISTS.length} site(s), interleaved…`);
      // Interleaved, so a busy machine slows every site alike.
      const plain = DISTS.map(() => []);
      const traced = DISTS.map(() => []);
      for (let i = 0; i < RUNS; i++) {
        for (const [j, s] of servers.entries()) plain[j].push(await coldLoad(browser, s.url + HASH, profile, false));
      }
      for (let i = 0; i < TRACED; i++) {
        for (const [j, s] of servers.entries()) {
          const r = await coldLoad(browser, s.url + HASH, profile, true);
          const main = mainThread(r.trace.traceEvents);
          const ev = r.trace.traceEvents;
          const cuts = phases(ev, main);
          traced[j].push({ cuts, act: activities(ev, main, cuts), fns: functions(ev, main, cuts) });
          lastTrace = r.trace;
        }
      }
      for (const [j, dist] of DISTS.entries()) {
        const summary = summarise(plain[j], traced[j]);
        (out.dists[dist] ||= {})[mode] = summary;
        print(`${profile.label}, ${dist}`, summary);
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(out, null, 2) + "\n");
  if (args.trace && lastTrace) writeFileSync(args.trace, JSON.stringify(lastTrace));
}

/** Medians of the plain loads' timings and of the traced loads' breakdowns by phase. */
function summarise(plain, traced) {
  const m = (f) => median(plain.map(f));
  const marks = [...new Set(plain.flatMap((p) => Object.keys(p.marks)))].filter((k) => !k.startsWith("startup:"));
  const names = [...new Set(traced.flatMap((t) => t.cuts.map((c) => c.name)))];
  const phaseOf = (t, name) => t.cuts.findIndex((c) => c.name === name);
  const medianOf = (f) => median(traced.map(f).filter((x) => x != null));
  const phasesOut = names.map((name) => {
    const at = traced.map((t) => phaseOf(t, name));
    const pick = (f) => medianOf((t, i) => (at[i] < 0 ? null : f(t, at[i])));
    return {
      name,
      wall: pick((t, k) => (t.cuts[k].to - t.cuts[k].from) / 1000),
      busy: pick((t, k) => t.act.per[k].busy),
      kinds: Object.fromEntries(KINDS.map((kd) => [kd, pick((t, k) => t.act.per[k].kinds.get(kd) || 0)])),
      functions: Object.fromEntries([...medianMaps(traced.map((t, i) => (at[i] < 0 ? new Map() : t.fns[at[i]].total)))].slice(0, 60)),
    };
  });
  const all = (f) => medianMaps(traced.map((t) => sumMaps(t.cuts.map((_, k) => f(t, k)))));
  return {
    fcp: m((p) => p.fcp), lcp: m((p) => p.lcp), ready: m((p) => p.ready),
    readyRuns: plain.map((p) => Math.round(p.ready)),
    marks: Object.fromEntries(marks.map((k) => [k, m((p) => p.marks[k])])),
    requests: Object.fromEntries(["html", "css", "glue", "wasm", "notes"].map((k) => [k, { start: m((p) => p.res[k]?.start), end: m((p) => p.res[k]?.end) }])),
    traced: {
      loads: traced.length,
      longest: medianOf((t) => t.act.longest),
      phases: phasesOut,
      events: Object.fromEntries([...all((t, k) => t.act.per[k].names)].slice(0, 60)),
      self: Object.fromEntries([...all((t, k) => t.fns[k].self)].slice(0, 100)),
      total: Object.fromEntries([...all((t, k) => t.fns[k].total)].slice(0, 200)),
    },
  };
}

/** A function's name without its Rust hash and closure noise, shortened to `width`. */
function short(name, width = 100) {
  const n = name.replace(/::h[0-9a-f]{16}/g, "").replace(/ mianshiti-playground-[0-9a-f]+(_bg\.wasm|\.js)$/, (_, x) => (x === ".js" ? " (glue)" : ""));
  return n.length > width ? n.slice(0, width - 1) + "…" : n;
}

function print(title, s) {
  console.log(`\n== ${title}: median of ${s.readyRuns.length} cold loads of ${HASH}`);
  console.log(`  FCP ${f0(s.fcp)} ms · LCP ${f0(s.lcp)} ms · app ready ${f0(s.ready)} ms (runs: ${s.readyRuns.join(", ")})`);
  console.log(`  marks: ${Object.entries(s.marks).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${f0(v)}`).join(" · ")}`);
  console.log(`  requests (start → end): ${Object.entries(s.requests).map(([k, v]) => `${k} ${f0(v.start)}→${f0(v.end)}`).join(" · ")}`);
  const tr = s.traced;
  if (!tr.loads) return;
  console.log(`\n  main thread by phase, ms (median of ${tr.loads} traced loads; tracing and sampling slow the page; longest task ${f0(tr.longest)} ms)`);
  const used = KINDS.filter((k) => tr.phases.some((p) => p.kinds[k] >= 0.5));
  const W = 44;
  console.log(`    ${pad("phase", W)}${lpad("wall", 7)}${lpad("busy", 7)}${used.map((k) => lpad(k.replace("wasm lazy compile", "lazy-compile"), 13)).join("")}`);
  for (const p of tr.phases) console.log(`    ${pad(p.name, W)}${lpad(f0(p.wall), 7)}${lpad(f0(p.busy), 7)}${used.map((k) => lpad(f0(p.kinds[k]), 13)).join("")}`);
  const sum = (f) => tr.phases.reduce((a, p) => a + (f(p) || 0), 0);
  console.log(`    ${pad("total (sum of medians)", W)}${lpad(f0(sum((p) => p.wall)), 7)}${lpad(f0(sum((p) => p.busy)), 7)}${used.map((k) => lpad(f0(sum((p) => p.kinds[k])), 13)).join("")}`);
  const app = ([k]) => /mianshiti_playground::|^(leptos|tachys|reactive_graph)/.test(k) && !/::\{\{closure\}\}$|convert::closures|Queue::new/.test(k);
  for (const p of tr.phases) {
    const top = Object.entries(p.functions).filter(app).slice(0, 6);
    if (top.length && top[0][1] >= 1) console.log(`    · ${p.name}: ${top.map(([k, v]) => `${short(k, 70)} ${f0(v)}`).join(" | ")}`);
  }
  table("main-thread events by self time", new Map(Object.entries(tr.events)), TOP);
  // Names differing only in their Rust hash (monomorphisations) keep the largest.
  const shortened = (entries) => entries.reduce((m, [k, v]) => (m.has(short(k)) ? m : m.set(short(k), v)), new Map());
  table("functions by self time", shortened(Object.entries(tr.self)), TOP, (k) => k === "(idle)");
  table("app functions by total time", shortened(Object.entries(tr.total).filter(app)), TOP);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
