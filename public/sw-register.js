// Registers the service worker and shows one calm prompt when a new build is waiting, and,
// once per device, that the app is ready to use offline (after the first worker activates).
// Both are built with textContent only; on accept of the prompt the new worker takes over and the
// page reloads once, into the new version (progress lives in localStorage, untouched).
(function () {
  if (!("serviceWorker" in navigator)) return;
  var reloading = false;
  // The first install claims the page (controller: null → worker); that is not an update,
  // so only a change of an existing controller reloads (in every open tab, so none keeps
  // running the old build against the new cache).
  var hadController = !!navigator.serviceWorker.controller;
  // A status bar at the bottom (role=status, built with textContent only) with `message` and
  // a button per [label, className, onclick]; a button whose onclick is null closes the bar.
  function statusBar(id, className, message, buttons) {
    var bar = document.createElement("div");
    bar.id = id;
    bar.className = className;
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = message;
    bar.append(text);
    buttons.forEach(function (b) {
      var btn = document.createElement("button");
      btn.textContent = b[0];
      if (b[1]) btn.className = b[1];
      btn.addEventListener("click", b[2] || function () { bar.remove(); });
      bar.append(btn);
    });
    document.body.appendChild(bar);
    return bar;
  }
  function prompt(reg) {
    if (document.getElementById("update-prompt") || !reg.waiting) return;
    statusBar("update-prompt", "update-prompt", "新版本可用", [
      ["刷新", "primary", function () { if (reg.waiting) reg.waiting.postMessage("SKIP_WAITING"); }],
      ["稍后", "", null],
    ]);
  }
  // Shown once per device: the flag is set when it is shown, so neither dismissing it nor a
  // later install shows it again. The key is declared with the app's others in src/storage.rs
  // (OFFLINE_READY_KEY; tests/native/tidy.rs checks this file names it).
  var OFFLINE_READY_KEY = "mianshiti.offlineReady";
  function offlineReady() {
    try {
      if (localStorage.getItem(OFFLINE_READY_KEY)) return;
      localStorage.setItem(OFFLINE_READY_KEY, "1");
    } catch (e) {
      // Storage blocked: say it anyway (a first install happens once per worker).
    }
    if (document.getElementById("offline-ready")) return;
    var bar = statusBar("offline-ready", "update-prompt offline-ready", "已可离线使用", [["知道了", "", null]]);
    // A status, not a question: it leaves by itself too.
    setTimeout(function () { bar.remove(); }, 15000);
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!hadController) {
      hadController = true;
      return;
    }
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  // A worker that fails to install (a file of its precache list could not be fetched, say)
  // ends "redundant" without ever having been "installed": then the app does not work offline
  // (or does not update), which the reader cannot see, so say so in the console. (A worker
  // that did install also ends "redundant" when a newer one replaces it; that is no failure.)
  var watched = null;
  function watchInstall(reg, w) {
    // The first install is seen twice (installing when register() resolves, then updatefound).
    if (!w || w === watched) return;
    watched = w;
    var installed = false;
    var first = false;
    w.addEventListener("statechange", function () {
      if (w.state === "installed") {
        installed = true;
        if (navigator.serviceWorker.controller) prompt(reg);
        else first = true;
      } else if (w.state === "activated" && first) {
        offlineReady();
      } else if (w.state === "redundant" && !installed) {
        var outcome = reg.active ? "the new version was not installed, the current one stays" : "the app will not work offline";
        console.error("Service worker failed to install: " + outcome + " (" + w.scriptURL + ")");
      }
    });
  }
  window.addEventListener("load", function () {
    Promise.resolve(navigator.serviceWorker.register("./sw.js")).then(function (reg) {
      // No registration object is not a browser's answer (Playwright's "block" mode gives it).
      if (!reg) return;
      if (reg.waiting && navigator.serviceWorker.controller) prompt(reg);
      watchInstall(reg, reg.installing);
      reg.addEventListener("updatefound", function () {
        watchInstall(reg, reg.installing);
      });
      // Look for a new build whenever the app comes back to the foreground, and hourly. These
      // checks fail whenever the reader is offline, which is this app's normal case, so their
      // failures are not reported (a new build is found by the next check that gets through).
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") reg.update().catch(function () {});
      });
      setInterval(function () { reg.update().catch(function () {}); }, 3600000);
    }).catch(function (e) {
      // Registration itself failed (sw.js missing, not a valid script, an insecure origin):
      // no offline use and no updates, so say it.
      console.error("Service worker registration failed: the app will not work offline", e);
    });
  });
})();
