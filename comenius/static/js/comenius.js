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

  // Times are written in UTC by the server; show them in the reader's own time zone, in the language's one
  // date format (issue 11): two meta elements carry Django's DATETIME_FORMAT and its month names.
  function pad(number) { return number < 10 ? "0" + number : String(number); }
  function localTime(when) {
    var format = document.querySelector('meta[name="comenius-datetime-format"]');
    var pattern = format && format.getAttribute("content");
    if (!pattern) {
      return when.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
    }
    var names = document.querySelector('meta[name="comenius-months"]');
    var months = ((names && names.getAttribute("content")) || "").split("|");
    var parts = {
      d: pad(when.getDate()), j: String(when.getDate()), m: pad(when.getMonth() + 1),
      n: String(when.getMonth() + 1), Y: String(when.getFullYear()), y: pad(when.getFullYear() % 100),
      H: pad(when.getHours()), G: String(when.getHours()), i: pad(when.getMinutes()),
      F: months[when.getMonth()], M: months[when.getMonth()], N: months[when.getMonth()], b: months[when.getMonth()]
    };
    var out = "";
    for (var i = 0; i < pattern.length; i++) {
      var char = pattern.charAt(i);
      if (char === "\\") { out += pattern.charAt(++i); continue; }
      out += Object.prototype.hasOwnProperty.call(parts, char) ? parts[char] : char;
    }
    return out;
  }
  window.comeniusLocalTime = localTime;
  function localTimes(root) {
    var nodes = (root || document).querySelectorAll("time[data-local]");
    for (var i = 0; i < nodes.length; i++) {
      var when = new Date(nodes[i].getAttribute("datetime"));
      if (isNaN(when)) continue;
      nodes[i].textContent = localTime(when);
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
