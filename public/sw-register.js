// Registers the service worker and shows one calm prompt when a new build is waiting.
// The prompt is built with textContent only; on accept the new worker takes over and the
// page reloads once, into the new version (progress lives in localStorage, untouched).
(function () {
  if (!("serviceWorker" in navigator)) return;
  var reloading = false;
  // The first install claims the page (controller: null → worker); that is not an update,
  // so only a change of an existing controller reloads (in every open tab, so none keeps
  // running the old build against the new cache).
  var hadController = !!navigator.serviceWorker.controller;
  function prompt(reg) {
    if (document.getElementById("update-prompt") || !reg.waiting) return;
    var bar = document.createElement("div");
    bar.id = "update-prompt";
    bar.className = "update-prompt";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "新版本可用";
    var btn = document.createElement("button");
    btn.className = "primary";
    btn.textContent = "刷新";
    btn.addEventListener("click", function () {
      if (reg.waiting) reg.waiting.postMessage("SKIP_WAITING");
    });
    var later = document.createElement("button");
    later.textContent = "稍后";
    later.addEventListener("click", function () { bar.remove(); });
    bar.append(text, btn, later);
    document.body.appendChild(bar);
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
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("./sw.js").then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) prompt(reg);
      reg.addEventListener("updatefound", function () {
        var w = reg.installing;
        if (!w) return;
        w.addEventListener("statechange", function () {
          if (w.state === "installed" && navigator.serviceWorker.controller) prompt(reg);
        });
      });
      // Look for a new build whenever the app comes back to the foreground, and hourly.
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") reg.update().catch(function () {});
      });
      setInterval(function () { reg.update().catch(function () {}); }, 3600000);
    }).catch(function () {});
  });
})();
