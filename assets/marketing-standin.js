/* A local stand-in for a third-party marketing tag (issue 9): it sets a cookie and a marker,
   as such a tag would. The public pages load it only after marketing consent. */
(function () {
  document.cookie = "kw_marketing=standin; path=/; max-age=7776000; samesite=lax";
  window.kwMarketingStandin = true;
  document.documentElement.setAttribute("data-marketing", "loaded");
})();
