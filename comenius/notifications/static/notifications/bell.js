// The notification bell: keeps the unread count live over /ws/notifications/ and announces new items
// (a polite live region with a link to the item). Without JavaScript the bell is a plain link to the centre.
(function () {
  "use strict";
  function start() {
    var bell = document.querySelector("[data-notification-bell]");
    if (!bell || !("WebSocket" in window)) return;
    var count = bell.querySelector("[data-bell-count]");
    var unreadLabel = bell.querySelector("[data-bell-unread-label]");
    var live = bell.querySelector("[data-bell-live]");
    var retry = 1000;

    function show(n) {
      count.textContent = n > 99 ? "99+" : String(n);
      count.hidden = n === 0;
      unreadLabel.textContent = n === 0 ? "" : " " + live.getAttribute("data-unread-label");
      bell.setAttribute("data-unread", String(n));
    }

    function announce(item) {
      live.textContent = "";
      var prefix = document.createElement("span");
      prefix.textContent = live.getAttribute("data-new-label") + " ";
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.text; // text, never HTML
      link.className = "bell__item";
      live.appendChild(prefix);
      live.appendChild(link);
      live.classList.add("bell__live--shown");
    }

    function connect() {
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      var socket = new WebSocket(scheme + window.location.host + bell.getAttribute("data-socket"));
      socket.onopen = function () { retry = 1000; };
      socket.onmessage = function (event) {
        var frame;
        try { frame = JSON.parse(event.data); } catch (e) { return; }
        if (typeof frame.count === "number") show(frame.count);
        if (frame.type === "notification" && frame.item) announce(frame.item);
      };
      socket.onclose = function (event) {
        if (event.code === 4403) return;
        retry = Math.min(retry * 2, 60000);
        window.setTimeout(connect, retry);
      };
    }
    connect();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
