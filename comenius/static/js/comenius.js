// Small enhancements for every page; everything works without them.
(function () {
  "use strict";

  // Embeds (videos, tools) load only when a member asks: until then no request leaves the platform.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".embed__load") : null;
    if (!button) return;
    var box = button.closest(".embed");
    var source = box && box.getAttribute("data-embed-src");
    if (!source || source.indexOf("https://") !== 0) return;
    var frame = document.createElement("iframe");
    frame.src = source;
    frame.title = box.querySelector(".embed__host") ? box.querySelector(".embed__host").textContent : source;
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation");
    box.replaceChildren(frame);
  });

  // Times are written in UTC by the server; show them in the reader's own time zone.
  function localTimes(root) {
    var nodes = (root || document).querySelectorAll("time[data-local]");
    for (var i = 0; i < nodes.length; i++) {
      var when = new Date(nodes[i].getAttribute("datetime"));
      if (isNaN(when)) continue;
      nodes[i].textContent = when.toLocaleString(document.documentElement.lang || undefined, {
        dateStyle: "medium", timeStyle: "short"
      });
    }
  }
  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });

  // Disclosures that are open on wide screens and closed on phones (the header's menu, the search filters):
  // CSS opens them with ::details-content where the browser knows it; this does it everywhere else.
  function syncDisclosures() {
    var nodes = document.querySelectorAll("details[data-open-from]");
    for (var i = 0; i < nodes.length; i++) {
      var query = window.matchMedia("(min-width: " + nodes[i].getAttribute("data-open-from") + ")");
      if (nodes[i].open !== query.matches) nodes[i].open = query.matches;
    }
  }
  if (window.matchMedia) {
    syncDisclosures();
    window.addEventListener("resize", syncDisclosures);
  }
  document.addEventListener("htmx:afterSwap", function (event) { localTimes(event.target); });

  // The account's drop-down in the header closes on a click elsewhere and on Escape (it works without this).
  document.addEventListener("click", function (event) {
    var open = document.querySelectorAll("details.account-more[open]");
    for (var i = 0; i < open.length; i++) if (!open[i].contains(event.target)) open[i].open = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.account-more[open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
})();
