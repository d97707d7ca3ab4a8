/* Live character counters (kwportal/ui/components/counter.py, issue 18 item 9): a
   [data-count-for] element shows how many characters its field holds, counted as the
   server counts them (code points), and says how many are too many once over the limit. */
(function () {
  if (window.kwCounter) return;
  window.kwCounter = true;
  var locale = function () {
    return (document.documentElement.lang || "nl").indexOf("en") === 0 ? "en-GB" : "nl-NL";
  };
  var sync = function (counter) {
    var field = document.getElementById(counter.getAttribute("data-count-for"));
    if (!field) return;
    var limit = parseInt(counter.getAttribute("data-limit"), 10) || 0;
    var n = Array.from(field.value || "").length;
    var number = counter.querySelector(".char-count-n");
    var shown = n.toLocaleString(locale());
    if (number && number.textContent !== shown) number.textContent = shown;
    var over = n > limit;
    counter.classList.toggle("over", over);
    var message = counter.querySelector(".char-count-over");
    var text = over
      ? " " + (counter.getAttribute("data-over") || "").replace("{n}", (n - limit).toLocaleString(locale()))
      : "";
    if (message && message.textContent !== text) message.textContent = text;
  };
  var syncAll = function () {
    document.querySelectorAll("[data-count-for]").forEach(sync);
  };
  var pending = false;
  var later = function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      syncAll();
    });
  };
  document.addEventListener("input", function (event) {
    var id = event.target && event.target.id;
    if (!id) return;
    document.querySelectorAll("[data-count-for]").forEach(function (counter) {
      if (counter.getAttribute("data-count-for") === id) sync(counter);
    });
  });
  ["reset", "submit", "focusin"].forEach(function (name) {
    document.addEventListener(name, function () { window.setTimeout(syncAll, 0); });
  });
  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  later();
})();
