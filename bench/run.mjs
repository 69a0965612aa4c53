// Benchmarks for the built site (run by `./x bench` after `./x dist`):
//   bytes       raw / gzip -9 / brotli (quality 11) of every file in dist/, split into the
//               critical path (every response that completed before "app ready" in a cold
//               load of a topic deep link and of the home page, mobile profile) and the
//               deferred bytes (the rest of the service worker's precache list); the Pyodide
//               runtime (dist/pyodide/, fetched on the first Python run) on its own line; the
//               main wasm (the one the page's module script loads) and any worker wasm
//   loads       FCP, LCP, "app ready" (deep-linked topic rendered by the app) and "exercise
//               ready" (its exercise panel's first output in the DOM), median of N cold loads,
//               unthrottled and under mobile emulation (1.6 Mbps, 150 ms RTT, 4x CPU)
//   keystrokes  keydown → the exercise output's DOM updated (a MutationObserver, so it counts
//               the same whether the engine runs on the main thread or in a worker)
//   long tasks  the longest main-thread task and the total blocking time while 10⁶ generated
//               values run (merge, remove-while-iterating), from a 'longtask' PerformanceObserver
//   throughput  the Rust ports (wasm) vs the same algorithms in plain JS vs the notes' Python
//   search      index build and time per query, natively ($CARGO_TARGET_DIR/search-bench.json,
//               written by examples/search_bench.rs, which ./x bench runs)
//   lighthouse  mobile performance / accessibility / best-practices / SEO of the start page (median
//               of 3 runs) and of the deep-linked topic (BENCH_LIGHTHOUSE=0 skips)
// Prints the tables and a PASS/FAIL table of the budgets (issue 17), and writes the results to
// $CARGO_TARGET_DIR/bench.json (default target/) and bench-results/latest.json.
// BENCH_STRICT=1 makes a missed budget fail the command.
//
// Nothing here knows the build's file names: the main wasm is read from index.html's module
// script, the precache list from dist/sw.js, and the critical path from what the browser fetched.
//
// Environment: BENCH_RUNS (cold loads per mode, default 9), BENCH_GZIP (serve gzip, default 1),
// BENCH_LIGHTHOUSE (default 1), BENCH_LH_RUNS (Lighthouse runs of the start page, default 3),
// BENCH_DIST (default dist), BENCH_PORT (the static server's port, default any free one),
// CHROME_PATH (default /usr/bin/chromium).
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative, resolve, extname } from "node:path";
import { tmpdir } from "node:os";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { spawn, spawnSync } from "node:child_process";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";
import { serve, COMPRESSIBLE } from "./static-server.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const DIST = resolve(ROOT, process.env.BENCH_DIST || "dist");
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR || "target");
const RUNS = Number(process.env.BENCH_RUNS || 9);
const GZIP = process.env.BENCH_GZIP !== "0";
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== "0";
const LH_RUNS = Number(process.env.BENCH_LH_RUNS || 3);
const TOPIC = "#/t/merge-sorted-lists"; // a topic with an exercise panel
const HOME = "#/";
// Issue 17's budgets (ms unless named otherwise).
const BUDGET = {
  criticalGzip: 300 * 1024, mobileReady: 2000, mobileLcp: 1000, unthrottledReady: 200,
  longTask: 50, keyMedian: 16, keyWorst: 50,
};
const MOBILE = {
  viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true,
  userAgent: "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
};
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const NET = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
// What the app shows once it is interactive: a topic page's title (the boot view's is
// h1.boot-title), or the app's <main id="main"> for any other route. An exercise output.
const TOPIC_READY = "h1.topic-title";
const APP_READY = "main#main";
const EXERCISE_OUTPUT = ".exercise .result output";

const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kib = (b) => (b / 1024).toFixed(1);
const ms = (x) => (x == null ? "—" : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const log = (...a) => console.error("[bench]", ...a);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name.startsWith(".")) return [];
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// ---------------------------------------------------------------- sizes
/** raw / gzip -9 / brotli 11 of every file in dist/. The compressed sizes are cached by content
 *  hash ($CARGO_TARGET_DIR/bench-size-cache.json): brotli 11 of Pyodide's 10 MB takes a while. */
function sizes() {
  const cachePath = join(TARGET, "bench-size-cache.json");
  let cache = {};
  try {
    cache = JSON.parse(readFileSync(cachePath, "utf8"));
  } catch {}
  const next = {};
  const files = {};
  for (const p of walk(DIST)) {
    const buf = readFileSync(p);
    const key = createHash("sha256").update(buf).digest("hex");
    next[key] = cache[key] || {
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
    };
    files[relative(DIST, p).split("\\").join("/")] = { raw: buf.length, ...next[key] };
  }
  mkdirSync(TARGET, { recursive: true });
  writeFileSync(cachePath, JSON.stringify(next));
  return files;
}

/** What a host sends for a file: compressed when the static server would compress its type
 *  (bench/static-server.mjs), else raw (PNG icons, Pyodide's zip). */
const sent = (file, s) => (COMPRESSIBLE.has(extname(file)) ? s : { raw: s.raw, gzip: s.raw, brotli: s.raw });

/** Sums of a list of files' sizes, as sent. */
function total(files, fileSizes) {
  const t = { raw: 0, gzip: 0, brotli: 0, files: files.length };
  for (const f of files) {
    const s = fileSizes[f] && sent(f, fileSizes[f]);
    if (!s) continue;
    t.raw += s.raw;
    t.gzip += s.gzip;
    t.brotli += s.brotli;
  }
  return t;
}

/** The service worker's precache list (dist/sw.js `const FILES = [...]`, written by
 *  scripts/postbuild.mjs) as dist-relative paths ("./" is index.html). */
function precacheList() {
  const m = readFileSync(join(DIST, "sw.js"), "utf8").match(/const FILES = (\[[^\n]*\]);/);
  if (!m) throw new Error("bench: dist/sw.js has no `const FILES = [...];` line");
  return [...new Set(JSON.parse(m[1]).map((f) => f.replace(/^\.\//, "") || "index.html"))].sort();
}

/** The main wasm (named in index.html's inline module script, the loader Trunk writes), the
 *  lazily loaded chunks split off it (split-<hash>/, scripts/wasm-split.mjs) and every other
 *  .wasm in dist/ outside pyodide/ (a Web Worker's). */
function wasmFiles(fileSizes) {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const modules = [...html.matchAll(/<script\b[^>]*\btype=["']?module["']?[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("\n");
  const named = [...modules.matchAll(/["'`]([^"'`]+\.wasm)["'`]/g)].map((m) => m[1].replace(/^(\.?\/)+/, ""));
  const all = Object.keys(fileSizes).filter((f) => f.endsWith(".wasm") && !f.startsWith("pyodide/"));
  const main = named.find((f) => fileSizes[f]) || null;
  const chunks = all.filter((f) => /^split-[0-9a-f]+\//.test(f));
  return { main, chunks, workers: all.filter((f) => f !== main && !chunks.includes(f)) };
}

// The pure core alone (bench/core-size, built by scripts/core-size.sh): the wasm's floor under
// any UI stack. With the notes bundle it is the least a first visit can transfer.
function coreFloor(files) {
  let buf;
  try {
    buf = readFileSync(join(TARGET, "core-size/core.wasm"));
  } catch {
    return null;
  }
  const notesGzip = Object.entries(files).find(([f]) => /^notes-[0-9a-f]+\.json$/.test(f))?.[1].gzip ?? 0;
  const gzip = gzipSync(buf, { level: 9 }).length;
  return { raw: buf.length, gzip, notesGzip, withNotesGzip: gzip + notesGzip };
}

// Search timings, measured natively by examples/search_bench.rs (./x bench runs it first).
function searchTimings() {
  try {
    return JSON.parse(readFileSync(join(TARGET, "search-bench.json"), "utf8"));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- cold loads
/** Run in the page before anything else: records LCP candidates, "app ready" (`readySel` in
 *  the DOM, then the frame that shows it painted and the main thread free again: rAF →
 *  setTimeout) and, with `exerciseSel`, "exercise ready" (the first such element with text,
 *  likewise painted). Each is announced with a console message, so Playwright runs nothing
 *  in the page while it waits. */
const LOAD_PROBE = ({ readySel, exerciseSel }) => {
  window.__bench = { lcp: 0, ready: null, exercise: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.lcp = e.renderTime || e.loadTime || e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const afterPaint = (key) => {
    window.__bench[key] = -1;
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__bench[key] = performance.now();
        console.log(`bench:${key}`);
      }, 0),
    );
  };
  const hasOutput = () => [...document.querySelectorAll(exerciseSel)].some((e) => e.textContent.trim() !== "");
  const check = () => {
    if (window.__bench.ready == null && document.querySelector(readySel)) afterPaint("ready");
    if (exerciseSel && window.__bench.exercise == null && hasOutput()) afterPaint("exercise");
    return window.__bench.ready != null && (!exerciseSel || window.__bench.exercise != null);
  };
  new MutationObserver((_, obs) => check() && obs.disconnect())
    .observe(document, { childList: true, subtree: true, characterData: !!exerciseSel });
};

/** A fresh context (empty HTTP cache, service worker blocked), on the mobile profile when asked:
 *  4x CPU throttling and the slow network through CDP. */
async function freshPage(browser, mobile) {
  const context = await browser.newContext({ serviceWorkers: "block", ...(mobile ? MOBILE : DESKTOP) });
  const page = await context.newPage();
  if (mobile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NET);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  return { context, page };
}

const waitConsole = (page, text, timeout) =>
  page.waitForEvent("console", { predicate: (m) => m.text() === text, timeout });

async function coldLoad(browser, url, mobile) {
  const { context, page } = await freshPage(browser, mobile);
  await page.addInitScript(LOAD_PROBE, { readySel: TOPIC_READY, exerciseSel: EXERCISE_OUTPUT });
  // Wait for the probe's console message, not with page.waitForFunction: Playwright's polling
  // script is compiled on the page's main thread (~25 ms) and would land inside the window
  // being measured. Nothing of Playwright's runs in the page until ready has been recorded.
  const ready = waitConsole(page, "bench:ready", 120_000);
  const exercise = waitConsole(page, "bench:exercise", 60_000).catch(() => null);
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  await ready;
  await page.waitForTimeout(300);
  // Read at the same moment as before "exercise ready" existed (ready + 300 ms), so LCP stays
  // comparable with earlier runs.
  const r = await page.evaluate(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const nav = performance.getEntriesByType("navigation")[0];
    return { fcp: fcp ? fcp.startTime : null, lcp: window.__bench.lcp, ready: window.__bench.ready, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  await exercise;
  r.exercise = await page.evaluate(() => (window.__bench.exercise > 0 ? window.__bench.exercise : null));
  await context.close();
  return r;
}

async function loads(browser, server, mobile) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, server.url + TOPIC, mobile));
  const pick = (k) => runs.map((r) => r[k]).filter((x) => x != null);
  const out = { runs };
  for (const k of ["fcp", "lcp", "ready", "exercise", "domContentLoaded", "load"]) out[k] = median(pick(k));
  out.exerciseMissing = runs.filter((r) => r.exercise == null).length;
  return out;
}

// ---------------------------------------------------------------- critical path
/** One cold load of `hash` on the mobile profile, service worker blocked: every request the
 *  browser made (page and workers), split by when it completed relative to app ready. The
 *  server's log catches anything the browser's events missed (timing unknown). */
async function criticalLoad(browser, server, hash, readySel) {
  const { context, page } = await freshPage(browser, true);
  const mount = new URL(server.url).pathname;
  const fileOf = (url) => {
    const u = new URL(url);
    return u.pathname.startsWith(mount) ? decodeURIComponent(u.pathname.slice(mount.length)) || "index.html" : null;
  };
  const seen = new Map();
  context.on("request", (r) => seen.set(r, { file: fileOf(r.url()), start: Date.now(), end: null }));
  context.on("requestfinished", (r) => {
    const rec = seen.get(r) || { file: fileOf(r.url()) };
    const t = r.timing();
    rec.start = t.startTime > 0 ? t.startTime : rec.start;
    rec.end = t.startTime > 0 && t.responseEnd >= 0 ? t.startTime + t.responseEnd : Date.now();
    seen.set(r, rec);
  });
  context.on("requestfailed", (r) => seen.has(r) && (seen.get(r).failed = true));
  server.log.length = 0;
  await page.addInitScript(LOAD_PROBE, { readySel, exerciseSel: null });
  const ready = waitConsole(page, "bench:ready", 120_000);
  await page.goto(server.url + hash, { waitUntil: "commit", timeout: 120_000 });
  await ready;
  const readyAt = await page.evaluate(() => performance.timeOrigin + window.__bench.ready);
  // Let what the page fetches after ready (idle-time work, a worker) show up too.
  await page.waitForTimeout(5000);
  await context.close();
  const recs = [...seen.values()].filter((r) => r.file && !r.failed);
  const critical = new Set(recs.filter((r) => r.end != null && r.end <= readyAt).map((r) => r.file));
  const inFlight = new Set(recs.filter((r) => r.start <= readyAt && !critical.has(r.file)).map((r) => r.file));
  const after = new Set(recs.filter((r) => r.start > readyAt).map((r) => r.file));
  const untimed = new Set(server.log.filter((l) => l.status < 400 && l.path.startsWith(mount))
    .map((l) => decodeURIComponent(l.path.slice(mount.length)) || "index.html")
    .filter((f) => !recs.some((r) => r.file === f)));
  const later = (s) => [...s].filter((f) => !critical.has(f)).sort();
  return { url: hash, critical: [...critical].sort(), inFlightAtReady: later(inFlight), afterReady: later(after), untimed: later(untimed) };
}

/** Critical path = every file that completed before app ready in a topic deep link or the home
 *  page; deferred = the rest of the precache list; Pyodide on its own. */
async function bytes(browser, server, fileSizes) {
  const loadsSeen = [await criticalLoad(browser, server, TOPIC, TOPIC_READY), await criticalLoad(browser, server, HOME, APP_READY)];
  const critical = [...new Set(loadsSeen.flatMap((l) => l.critical))].sort();
  const precache = precacheList();
  const deferred = precache.filter((f) => !critical.includes(f));
  const pyodide = Object.keys(fileSizes).filter((f) => f.startsWith("pyodide/")).sort();
  const other = Object.keys(fileSizes).filter((f) => !critical.includes(f) && !precache.includes(f) && !f.startsWith("pyodide/")).sort();
  const rows = (files) => files.map((f) => ({ file: f, ...(fileSizes[f] || { raw: 0, gzip: 0, brotli: 0 }), in: loadsSeen.filter((l) => l.critical.includes(f)).map((l) => l.url) }));
  const { main, chunks, workers } = wasmFiles(fileSizes);
  return {
    note: "sums as a host sends them: gzip/brotli for the types bench/static-server.mjs compresses, raw for the rest (PNG, zip)",
    loads: loadsSeen,
    critical: { total: total(critical, fileSizes), files: rows(critical) },
    deferred: { total: total(deferred, fileSizes), files: rows(deferred) },
    firstVisit: total([...new Set([...critical, ...precache])], fileSizes),
    pyodide: { total: total(pyodide, fileSizes), files: rows(pyodide) },
    notPrecached: rows(other),
    wasm: {
      main: main && { file: main, ...fileSizes[main] },
      workers: workers.map((f) => ({ file: f, ...fileSizes[f] })),
      chunks: chunks.map((f) => ({ file: f, ...fileSizes[f] })),
    },
  };
}

// ---------------------------------------------------------------- keystrokes
/** Run in the page: for each keydown on `sel`, the time until the text of the output (every
 *  `outSel` element) differs from what it was at the key, and until the frame after that. A
 *  MutationObserver fires at the end of the task that changed the DOM, whether the new output
 *  was computed on the main thread or came back from a worker; comparing the text means a
 *  "pending" marker or a dimmed stale output does not count as the answer. A key whose output
 *  has not changed before the next key is recorded as missed. */
const KEY_PROBE = ({ sel, outSel }) => {
  const input = document.querySelector(sel);
  const text = () => [...document.querySelectorAll(outSel)].map((e) => e.textContent).join("\n");
  window.__keys = [];
  let cur = null;
  const miss = () => cur && !cur.done && window.__keys.push({ key: cur.key, latency: null });
  window.__keysFlush = miss;
  input.addEventListener("keydown", (e) => {
    miss();
    cur = { key: e.key, t0: e.timeStamp, before: text(), done: false };
  }, true);
  new MutationObserver(() => {
    if (!cur || cur.done || text() === cur.before) return;
    const k = cur;
    k.done = true;
    const latency = performance.now() - k.t0;
    requestAnimationFrame(() => setTimeout(() => window.__keys.push({ key: k.key, latency, paint: performance.now() - k.t0 }), 0));
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
};

/** Types `keys` one at a time, `gap` ms apart (each key's answer arrives before the next). */
async function keystrokes(page, sel, outSel, keys, gap = 250) {
  await page.evaluate(KEY_PROBE, { sel, outSel });
  for (const ch of keys) {
    await page.keyboard.press(ch === " " ? "Space" : ch);
    await page.waitForTimeout(gap);
  }
  const keysOut = await page.evaluate(() => (window.__keysFlush(), window.__keys));
  const lat = keysOut.map((k) => k.latency).filter((x) => x != null);
  const paint = keysOut.map((k) => k.paint).filter((x) => x != null);
  return {
    count: keysOut.length, updated: lat.length, missed: keysOut.length - lat.length,
    median: median(lat), worst: lat.length ? Math.max(...lat) : null,
    paintMedian: median(paint), paintWorst: paint.length ? Math.max(...paint) : null,
  };
}

async function keystrokeBench(browser, server) {
  const { context, page } = await freshPage(browser, false);
  await page.goto(server.url + "#/ex/merge_sorted_lists");
  const sel = "#ex-merge_sorted_lists-l1";
  await page.locator(`${EXERCISE_OUTPUT}:not(:empty)`).first().waitFor({ timeout: 60_000 });
  // Digits typed into the last element of a complete list: every key gives a new, valid
  // input and a different merged output (a half-typed literal only dims the old one).
  await page.locator(sel).fill("[1, 3, 5, 7]");
  await page.waitForTimeout(500);
  await page.locator(sel).press("End");
  await page.locator(sel).press("ArrowLeft");
  await page.waitForTimeout(300);
  const out = {};
  out.exercise = await keystrokes(page, sel, EXERCISE_OUTPUT, "12345678901234567890");
  const search = 'header.topbar input[type="search"]';
  if (await page.locator(search).count()) {
    await page.goto(server.url + HOME);
    await page.locator(search).focus();
    // The focus requested the search chunk (issue 17's split): time the keys once it is here.
    await page.waitForTimeout(1000);
    // The dropdown under the box is what updates per keystroke.
    out.search = await keystrokes(page, search, "#search-listbox", "generator yield list", 150);
  } else {
    out.search = null;
    log("search box not present: search keystrokes skipped");
  }
  await context.close();
  return out;
}

// ---------------------------------------------------------------- long tasks
/** Generates and runs 10⁶ values in exercise `id` with its panel's generator, and reports the
 *  main thread's long tasks (PerformanceObserver 'longtask', registered before the click) and
 *  the longest gap between two animation frames, from the click until the output has changed
 *  and the button is enabled again, plus one quiet second. */
async function bigRun(browser, server, id) {
  const { context, page } = await freshPage(browser, false);
  await page.goto(`${server.url}#/ex/${id}`);
  const panel = `.exercise[data-exercise="${id}"]`;
  await page.locator(`${panel} .result output:not(:empty)`).first().waitFor({ timeout: 60_000 });
  await page.locator(`${panel} .generator .n-input`).fill("1000000");
  await page.waitForTimeout(500);
  await page.evaluate((panel) => {
    const el = document.querySelector(panel);
    const state = () => [el.querySelector(".generator")?.textContent, el.querySelector(".results, .input-error")?.textContent].join("\n");
    window.__run = { tasks: [], gap: 0, t0: performance.now(), before: state(), state, changedAt: null, lastMutation: null };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__run.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask" });
    new MutationObserver(() => (window.__run.lastMutation = performance.now())).observe(el, { subtree: true, childList: true, characterData: true });
    let last = performance.now();
    const frame = (t) => {
      window.__run.gap = Math.max(window.__run.gap, t - last);
      last = t;
      if (!window.__run.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, panel);
  await page.locator(`${panel} .generator button`).click();
  // Done: the button is enabled again, the generator's line or the output has changed, the
  // output is not marked stale, and nothing in the panel has changed for a second.
  const deadline = Date.now() + 120_000;
  let done = false;
  while (!done && Date.now() < deadline) {
    await page.waitForTimeout(250);
    done = await page.evaluate((panel) => {
      const r = window.__run;
      const el = document.querySelector(panel);
      const button = el.querySelector(".generator button");
      return !!button && !button.disabled && r.state() !== r.before && !el.querySelector('.results.stale, .results[data-stale="true"]')
        && performance.now() - (r.lastMutation ?? r.t0) > 1000;
    }, panel);
  }
  const r = await page.evaluate(() => {
    window.__run.stop = true;
    return { tasks: window.__run.tasks, gap: window.__run.gap, elapsed: (window.__run.lastMutation ?? performance.now()) - window.__run.t0 };
  });
  await context.close();
  const d = r.tasks.map((t) => t.duration);
  return {
    exercise: id, completed: done, elapsedMs: r.elapsed,
    longTasks: d.length, longestTask: d.length ? Math.max(...d) : 0,
    totalBlocking: d.reduce((s, x) => s + Math.max(0, x - 50), 0),
    longestFrameGap: r.gap,
  };
}

// ---------------------------------------------------------------- throughput
const MERGE_N = 1_000_000; // each list; the merge outputs 2n
const TEXT_BYTES = 4_000_000;

// The wasm kernels run in the engine worker, so their calls return Promises.
const JS_BENCH = async ({ n, textBytes, reps }) => {
  const w = window.wasmBindings;
  const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  // Plain JS, same algorithms and data: the two-pointer merge on typed arrays, and the
  // \b[a-zA-Z]+\b regex + Map + stable sort (ties keep first-seen order, like Counter).
  function mergeJs(a, b) {
    const out = new Float64Array(a.length + b.length);
    let i = 0, j = 0, k = 0;
    while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
    if (i === a.length) out.set(b.subarray(j), k);
    else out.set(a.subarray(i), k);
    return out;
  }
  function topkJs(text, k) {
    const counts = new Map();
    for (const m of text.matchAll(/\b[a-zA-Z]+\b/g)) counts.set(m[0], (counts.get(m[0]) || 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1]).slice(0, k);
  }
  const result = {};
  // merge
  const wasmMerge = [], jsMerge = [];
  for (let r = 0; r < reps + 1; r++) {
    const t = await w.bench_merge(n);
    if (r) wasmMerge.push(t);
  }
  result.mergeCheck = w.bench_last_result();
  const a = new Float64Array(n), b = new Float64Array(n);
  for (let i = 0; i < n; i++) { a[i] = 2 * i; b[i] = 2 * i + 1; }
  let merged;
  for (let r = 0; r < reps + 1; r++) {
    const t0 = performance.now();
    merged = mergeJs(a, b);
    const t = performance.now() - t0;
    if (r) jsMerge.push(t);
  }
  let sorted = true;
  for (let i = 1; i < merged.length; i++) if (merged[i - 1] > merged[i]) { sorted = false; break; }
  result.jsMergeCheck = `len=${merged.length} sorted=${sorted}`;
  result.merge = { wasm: med(wasmMerge), js: med(jsMerge) };
  // top-k
  const text = w.bench_text(textBytes);
  const wasmTopk = [], jsTopk = [];
  for (let r = 0; r < reps + 1; r++) {
    const t = await w.bench_topk(textBytes);
    if (r) wasmTopk.push(t);
  }
  result.topkCheck = w.bench_last_result();
  let top;
  for (let r = 0; r < reps + 1; r++) {
    const t0 = performance.now();
    top = topkJs(text, 10);
    const t = performance.now() - t0;
    if (r) jsTopk.push(t);
  }
  result.jsTopkCheck = "[" + top.map(([w, c]) => `('${w}', ${c})`).join(", ") + "]";
  result.topk = { wasm: med(wasmTopk), js: med(jsTopk) };
  result.textBytes = new TextEncoder().encode(text).length;
  result.text = text;
  return result;
};

const PY_BENCH = String.raw`
import re, sys, time, json
from collections import Counter
n, path, reps = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])

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

    # 超出边界
    if i == len(l_1):
        result += l_2[j:]
    else:
        result += l_1[i:]
    return result

def top_k(text, top_k=10):
    regex = re.compile(r'\b[a-zA-Z]+\b')
    word_counter = Counter()
    words = regex.findall(text)
    word_counter.update(words)
    return word_counter.most_common(top_k)

a = list(range(0, 2 * n, 2)); b = list(range(1, 2 * n, 2))
tm = []
for _ in range(reps):
    t0 = time.perf_counter(); m = merge_order_list(a, b); tm.append((time.perf_counter() - t0) * 1000)
text = open(path, encoding='utf-8').read()
tt = []
for _ in range(reps):
    t0 = time.perf_counter(); top = top_k(text); tt.append((time.perf_counter() - t0) * 1000)
ok = len(m) == 2 * n and all(m[i] <= m[i + 1] for i in range(len(m) - 1))
print(json.dumps({"merge": sorted(tm)[len(tm) // 2], "topk": sorted(tt)[len(tt) // 2],
                  "mergeCheck": f"len={len(m)} sorted={str(ok).lower()}", "topkCheck": repr(top),
                  "version": sys.version.split()[0]}))
`;

async function throughput(browser, server) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url + "#/");
  const exported = await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_merge, null, { timeout: 60_000 }).then(() => true, () => false);
  if (!exported) {
    await context.close();
    log("window.wasmBindings.bench_merge not found: throughput skipped");
    return null;
  }
  const r = await page.evaluate(JS_BENCH, { n: MERGE_N, textBytes: TEXT_BYTES, reps: 7 });
  await context.close();
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const textPath = join(dir, "text.txt");
  writeFileSync(textPath, r.text);
  let py = null;
  const p = spawnSync("python3", ["-c", PY_BENCH, String(MERGE_N), textPath, "5"], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (p.status === 0) py = JSON.parse(p.stdout);
  else log("python3 failed:", p.stderr);
  rmSync(dir, { recursive: true, force: true });
  const elements = 2 * MERGE_N;
  const nsPerEl = (t) => (t * 1e6) / elements;
  const mbps = (t) => r.textBytes / 1e6 / (t / 1000);
  const checks = {
    merge: [r.mergeCheck, r.jsMergeCheck, py?.mergeCheck].filter(Boolean),
    topk: [r.topkCheck, r.jsTopkCheck, py?.topkCheck].filter(Boolean),
  };
  const agree = (xs) => xs.every((x) => x === xs[0]);
  return {
    merge: {
      elements, unit: "ns/element",
      wasm: { ms: r.merge.wasm, nsPerElement: nsPerEl(r.merge.wasm) },
      js: { ms: r.merge.js, nsPerElement: nsPerEl(r.merge.js) },
      cpython: py && { ms: py.merge, nsPerElement: nsPerEl(py.merge) },
      resultsAgree: agree(checks.merge), check: checks.merge[0],
    },
    topk: {
      bytes: r.textBytes, unit: "MB/s",
      wasm: { ms: r.topk.wasm, mbPerS: mbps(r.topk.wasm) },
      js: { ms: r.topk.js, mbPerS: mbps(r.topk.js) },
      cpython: py && { ms: py.topk, mbPerS: mbps(py.topk) },
      resultsAgree: agree(checks.topk), check: checks.topk[0],
    },
    cpythonVersion: py?.version,
  };
}

// ---------------------------------------------------------------- lighthouse
/** Runs a command without blocking the event loop (the static server lives in this process). */
function run(cmd, args, opts) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => p.kill("SIGTERM"), opts.timeout || 600_000);
    p.on("close", (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

async function lighthouse(url) {
  const bin = join(ROOT, "node_modules/.bin/lighthouse");
  try {
    statSync(bin);
  } catch {
    log("lighthouse not installed (npm ci): skipped");
    return { skipped: "not installed" };
  }
  const out = join(mkdtempSync(join(tmpdir(), "lh-")), "report.json");
  const flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions"];
  const p = await run(bin, [url, "--quiet", "--output=json", `--output-path=${out}`, "--form-factor=mobile",
    "--only-categories=performance,accessibility,best-practices,seo", `--chrome-flags=${flags.join(" ")}`, "--max-wait-for-load=60000"],
  { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, timeout: 300_000 });
  if (p.status !== 0) {
    log("lighthouse failed:", (p.stderr || "").slice(-2000));
    return { skipped: `failed (exit ${p.status})` };
  }
  const rep = JSON.parse(readFileSync(out, "utf8"));
  rmSync(join(out, ".."), { recursive: true, force: true });
  const score = (c) => (rep.categories[c] ? Math.round(rep.categories[c].score * 100) : null);
  const audit = (a) => rep.audits[a]?.numericValue;
  const failing = Object.values(rep.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable" && a.scoreDisplayMode !== "manual")
    .map((a) => `${a.id} (${a.displayValue || a.score})`);
  return {
    performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"), seo: score("seo"),
    fcp: audit("first-contentful-paint"), lcp: audit("largest-contentful-paint"), tbt: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"), speedIndex: audit("speed-index"), failing,
    settings: "lighthouse default mobile: simulated slow 4G (1.6 Mbps, 150 ms RTT), 4x CPU",
  };
}

// ---------------------------------------------------------------- main
/** Issue 17's budgets: { limit, value, unit, ok }. A value that could not be measured fails. */
function budgets(r) {
  const k = r.keystrokes.exercise;
  const worstTask = Math.max(...r.longTasks.map((t) => (t.completed ? t.longestTask : Infinity)));
  const b = {
    "critical path (gzip)": { limit: BUDGET.criticalGzip, value: r.bytes.critical.total.gzip, unit: "B" },
    "mobile app ready": { limit: BUDGET.mobileReady, value: r.mobile.ready, unit: "ms" },
    "mobile LCP": { limit: BUDGET.mobileLcp, value: r.mobile.lcp, unit: "ms" },
    "unthrottled app ready": { limit: BUDGET.unthrottledReady, value: r.unthrottled.ready, unit: "ms" },
    "longest main-thread task, 10⁶ values": { limit: BUDGET.longTask, value: Number.isFinite(worstTask) ? worstTask : null, unit: "ms" },
    "keystroke median": { limit: BUDGET.keyMedian, value: k.missed ? null : k.median, unit: "ms" },
    "keystroke worst": { limit: BUDGET.keyWorst, value: k.missed ? null : k.worst, unit: "ms" },
  };
  for (const x of Object.values(b)) x.ok = x.value != null && x.value <= x.limit;
  return b;
}

async function main() {
  statSync(join(DIST, "index.html"));
  const fileSizes = sizes();
  const server = await serve(DIST, { gzip: GZIP, port: Number(process.env.BENCH_PORT || 0) });
  log(`serving ${DIST} at ${server.url} (gzip ${GZIP ? "on" : "off"})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const results = { date: new Date().toISOString(), gzip: GZIP, runs: RUNS, topic: TOPIC, sizes: fileSizes, coreFloor: coreFloor(fileSizes), search: searchTimings() };
  try {
    log("critical path: cold loads of the topic and the home page (mobile profile)…");
    results.bytes = await bytes(browser, server, fileSizes);
    log(`cold loads ×${RUNS} unthrottled…`);
    results.unthrottled = await loads(browser, server, false);
    log(`cold loads ×${RUNS} mobile (1.6 Mbps, 150 ms RTT, 4x CPU)…`);
    results.mobile = await loads(browser, server, true);
    log("keystrokes…");
    results.keystrokes = await keystrokeBench(browser, server);
    log("long tasks while 10⁶ values run…");
    results.longTasks = [await bigRun(browser, server, "merge_sorted_lists"), await bigRun(browser, server, "remove_while_iterating")];
    log("throughput (wasm, JS, CPython)…");
    results.throughput = await throughput(browser, server);
  } finally {
    await browser.close();
  }
  if (LIGHTHOUSE) {
    // Lighthouse scores vary run to run (its own docs advise the median of several): the
    // app's start page LH_RUNS times, reported as the median run by performance score, and
    // the benchmark's deep-linked topic once, for comparison.
    const runs = [];
    for (let i = 0; i < LH_RUNS; i++) {
      log(`lighthouse (mobile) ${i + 1}/${LH_RUNS}: start page…`);
      runs.push(await lighthouse(server.url));
    }
    const ok = runs.filter((r) => !r.skipped).sort((a, b) => a.performance - b.performance);
    results.lighthouse = ok.length
      ? { ...ok[ok.length >> 1], url: "start page", runs: runs.map((r) => r.performance ?? r.skipped) }
      : runs[0];
    log("lighthouse (mobile): deep-linked topic…");
    results.lighthouseTopic = { ...(await lighthouse(server.url + TOPIC)), url: TOPIC };
  } else results.lighthouse = { skipped: "BENCH_LIGHTHOUSE=0" };
  await server.close();

  results.budgets = budgets(results);
  const json = JSON.stringify(results, null, 2) + "\n";
  mkdirSync(join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(join(ROOT, "bench-results/latest.json"), json);
  writeFileSync(join(TARGET, "bench.json"), json);
  print(results);
  if (process.env.BENCH_STRICT === "1" && Object.values(results.budgets).some((b) => !b.ok)) {
    console.error("[bench] BENCH_STRICT=1: budget(s) missed");
    process.exit(1);
  }
}

function print(r) {
  const lines = [];
  const row = (...c) => lines.push(c.map((x, i) => (i ? ` ${x}`.padStart(12) : `${x} `.padEnd(52))).join(""));
  const sizeRows = (files) => files.forEach((s) => row(`  ${s.file}${s.in?.length === 1 ? ` (${s.in[0] === HOME ? "home" : "topic"} only)` : ""}`, s.raw, s.gzip, s.brotli));
  const totalRow = (label, t) => row(label, t.raw, t.gzip, t.brotli);
  const by = r.bytes;
  lines.push("", `BYTES (raw / gzip -9 / brotli 11; ${by.note})`);
  row("", "raw", "gzip -9", "brotli");
  lines.push(`critical path: every response complete before app ready, in a cold load (mobile profile) of ${TOPIC} or ${HOME}`);
  totalRow("CRITICAL PATH", by.critical.total);
  sizeRows(by.critical.files);
  totalRow("DEFERRED: the rest of the precache list", by.deferred.total);
  sizeRows(by.deferred.files);
  totalRow("first visit (critical + deferred)", by.firstVisit);
  totalRow(`PYODIDE RUNTIME (${by.pyodide.total.files} files, first Python run)`, by.pyodide.total);
  sizeRows(by.pyodide.files);
  if (by.notPrecached.length) {
    lines.push("not precached, not on the critical path:");
    sizeRows(by.notPrecached);
  }
  for (const l of by.loads) {
    if (l.inFlightAtReady.length) lines.push(`${l.url}: in flight at app ready: ${l.inFlightAtReady.join(", ")}`);
    if (l.afterReady.length) lines.push(`${l.url}: fetched after app ready: ${l.afterReady.join(", ")}`);
    if (l.untimed.length) lines.push(`${l.url}: seen only by the server (timing unknown): ${l.untimed.join(", ")}`);
  }
  lines.push(`critical path: ${kib(by.critical.total.gzip)} KiB gzip, ${kib(by.critical.total.brotli)} KiB brotli; deferred ${kib(by.deferred.total.gzip)} KiB gzip`);
  lines.push("", "WASM");
  row("", "raw", "gzip -9", "brotli");
  const w = by.wasm;
  if (w.main) row(`main: ${w.main.file}`, w.main.raw, w.main.gzip, w.main.brotli);
  else lines.push("main: not found in index.html's module script");
  if (w.workers.length) for (const x of w.workers) row(`worker: ${x.file}`, x.raw, x.gzip, x.brotli);
  else lines.push("worker: none");
  for (const x of w.chunks || []) row(`chunk: ${x.file}`, x.raw, x.gzip, x.brotli);
  const c = r.coreFloor;
  if (c) lines.push(`floor with no UI code at all: pure core ${kib(c.gzip)} KiB (raw ${c.raw}) + notes ${kib(c.notesGzip)} KiB = ${kib(c.withNotesGzip)} KiB at gzip -9 (bench/core-size)`);
  else lines.push("floor with no UI code: core-size/core.wasm missing (scripts/core-size.sh builds it)");
  lines.push("", `LOADS (median of ${r.runs} cold loads of ${TOPIC}, service worker blocked)`);
  row("", "FCP", "LCP", "app ready", "exercise", "load");
  const loadRow = (label, x) => row(label, ms(x.fcp), ms(x.lcp), ms(x.ready), ms(x.exercise), ms(x.load));
  loadRow("unthrottled", r.unthrottled);
  loadRow("mobile (1.6 Mbps, 150 ms, 4x CPU)", r.mobile);
  for (const [label, x] of [["unthrottled", r.unthrottled], ["mobile", r.mobile]]) {
    if (x.exerciseMissing) lines.push(`${label}: no exercise output within 60 s in ${x.exerciseMissing} of ${x.runs.length} loads`);
  }
  lines.push("", "KEYSTROKES (keydown → the output's text changed in the DOM; → the next frame after it)");
  row("", "keys", "updated", "median", "worst", "paint med", "paint worst");
  const keyRow = (label, k) => row(label, k.count, k.updated, ms(k.median), ms(k.worst), ms(k.paintMedian), ms(k.paintWorst));
  keyRow("exercise input (#/ex/merge_sorted_lists, l1)", r.keystrokes.exercise);
  if (r.keystrokes.search) keyRow("header search box (dropdown)", r.keystrokes.search);
  else lines.push("header search box: not present (skipped)");
  lines.push("", "LONG TASKS while 10⁶ generated values run (click → output shown; 'longtask' entries are ≥ 50 ms)");
  row("", "longest", "blocking", "tasks", "frame gap", "elapsed");
  for (const t of r.longTasks) {
    row(`${t.exercise}${t.completed ? "" : " (NOT COMPLETED)"}`, t.longTasks ? ms(t.longestTask) : "none ≥ 50", ms(t.totalBlocking), t.longTasks, ms(t.longestFrameGap), ms(t.elapsedMs));
  }
  const t = r.throughput;
  if (t) {
    lines.push("", `THROUGHPUT (same data; merge ${t.merge.elements} elements out, top-k over ${(t.topk.bytes / 1e6).toFixed(1)} MB)`);
    row("", "wasm (Rust)", "plain JS", `CPython ${t.cpythonVersion || ""}`);
    const f = (x, key, d) => (x ? x[key].toFixed(d) : "—");
    row("merge two sorted lists [ns/element]", f(t.merge.wasm, "nsPerElement", 2), f(t.merge.js, "nsPerElement", 2), f(t.merge.cpython, "nsPerElement", 1));
    row("top-k word frequency [MB/s]", f(t.topk.wasm, "mbPerS", 1), f(t.topk.js, "mbPerS", 1), f(t.topk.cpython, "mbPerS", 1));
    lines.push(`results agree: merge ${t.merge.resultsAgree}, top-k ${t.topk.resultsAgree}`);
  } else lines.push("", "THROUGHPUT: skipped (no window.wasmBindings.bench_merge)");
  const sr = r.search;
  lines.push("", "SEARCH (native, examples/search_bench.rs; the wasm is slower by a constant factor)");
  if (sr) {
    const q = Object.entries(sr.queryMs).sort((a, b) => a[1] - b[1]);
    const us = (x) => `${(x * 1000).toFixed(0)} µs`;
    lines.push(`index build from the rendered notes: ${ms(sr.buildMs)} for ${sr.docs} documents (${sr.profile})`);
    lines.push(`query (${sr.hits} hits, mean of ${sr.rounds} runs): median ${us(median(q.map((e) => e[1])))} over ${q.length} queries, slowest ${us(q[q.length - 1][1])} («${q[q.length - 1][0]}»)`);
  } else lines.push("search-bench.json missing (./x bench writes it)");
  const lhBlock = (lh, title) => {
    lines.push("", title);
    if (lh.skipped) return lines.push(`skipped: ${lh.skipped}`);
    lines.push(`performance ${lh.performance} · accessibility ${lh.accessibility} · best-practices ${lh.bestPractices} · seo ${lh.seo}`);
    lines.push(`FCP ${ms(lh.fcp)} · LCP ${ms(lh.lcp)} · TBT ${ms(lh.tbt)} · CLS ${lh.cls?.toFixed(3)} · SI ${ms(lh.speedIndex)}`);
    if (lh.failing.length) lines.push(`below 0.9: ${lh.failing.join(", ")}`);
  };
  const lh = r.lighthouse;
  lhBlock(lh, `LIGHTHOUSE (mobile, start page${lh.runs ? `, median of ${lh.runs.length} runs: performance ${lh.runs.join(" / ")}` : ""})`);
  if (r.lighthouseTopic) lhBlock(r.lighthouseTopic, `LIGHTHOUSE (mobile, ${r.lighthouseTopic.url}, one run)`);
  lines.push("", `BUDGETS (issue 17; BENCH_STRICT=1 fails on a FAIL)`);
  row("", "value", "limit", "result");
  const fmt = (b, v) => (v == null ? "n/a" : b.unit === "B" ? `${kib(v)} KiB` : v === 0 ? "none ≥ 50 ms" : ms(v));
  for (const [name, b] of Object.entries(r.budgets)) row(name, fmt(b, b.value), fmt(b, b.limit), b.ok ? "PASS" : "FAIL");
  lines.push("", `saved ${relative(ROOT, join(TARGET, "bench.json")) || join(TARGET, "bench.json")} and bench-results/latest.json`);
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
