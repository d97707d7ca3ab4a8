// Notices where the eye is (issue 18 item 1): a notice that appears or changes after an act
// (ui/components/forms.notice, data-notice) is scrolled into view when it is off screen, so
// "your consent is withdrawn" is not announced 1,500 px above the thumb.
(function () {
  "use strict";
  if (window.kwNotices) { return; }
  window.kwNotices = true;
  var SELECTOR = ".notice[data-notice]";

  function offScreen(el) {
    var box = el.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.top < 0 || box.bottom > height;
  }

  function show(el) {
    if (!el || !offScreen(el)) { return; }
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  }

  function noticeOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) { return null; }
    if (el.matches && el.matches(SELECTOR)) { return el; }
    var inside = el.querySelector ? el.querySelector(SELECTOR) : null;
    return inside || (el.closest ? el.closest(SELECTOR) : null);
  }

  function start() {
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var record = records[i];
        var nodes = record.type === "characterData" ? [record.target] : record.addedNodes;
        for (var j = 0; j < nodes.length; j++) {
          var found = noticeOf(nodes[j]);
          if (found) { show(found); return; }
        }
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
