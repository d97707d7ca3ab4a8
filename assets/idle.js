// Idle sign-out with a warning (BRIEF.md: short sessions, a warning before the idle logout).
// The server ends a session after 15 minutes without a request; this shows the warning
// 2 minutes before and follows the server to the sign-in page when the time is up.
(function () {
  "use strict";
  var IDLE_MS = 15 * 60 * 1000;
  var WARN_MS = 13 * 60 * 1000;
  var warnTimer = null;
  var outTimer = null;

  function dialog() { return document.getElementById("idle-dialog"); }

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(outTimer);
    var d = dialog();
    if (d && d.open) { d.close(); }
    warnTimer = setTimeout(function () {
      var box = dialog();
      if (box && !box.open) { box.showModal(); }
    }, WARN_MS);
    outTimer = setTimeout(function () {
      window.location.assign("/login?e=auth.idle");
    }, IDLE_MS);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-idle-stay]")) { schedule(); }
  });
  window.kwIdleRestart = schedule;
  schedule();
})();
