// The chat room page, live: messages arrive over a WebSocket and are sent over it. Without this script (or
// without a connection) the page still works: the form posts, the page reloads with the new message.
(function () {
  "use strict";

  var box = document.getElementById("chat");
  if (!box || !window.WebSocket || box.getAttribute("data-live") !== "true") return;
  var log = document.getElementById("chat-log");
  var form = document.getElementById("chat-form");
  var input = form ? form.querySelector("[name=body]") : null;
  var status = document.getElementById("chat-status");
  var errors = document.getElementById("chat-errors");
  var refusal = document.getElementById("chat-refusal");
  var template = document.getElementById("chat-message-template");
  var socket = null;
  var attempts = 0;
  var pending = "";
  var paused = "";

  function text(name) {
    return box.getAttribute("data-text-" + name) || "";
  }

  function localTime(iso) {
    var when = new Date(iso);
    if (isNaN(when)) return iso;
    if (window.comeniusLocalTime) return window.comeniusLocalTime(when);  // the language's format (comenius.js)
    return when.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function showError(message) {
    errors.textContent = "";
    if (!message) return;
    var p = document.createElement("p");
    p.className = "alert alert--error";
    p.textContent = message;
    errors.appendChild(p);
  }

  // Everything from the server is inserted as text, never as HTML.
  function append(data) {
    if (document.getElementById("message-" + data.id) || !template) return;
    var follow = nearBottom() || data.own;
    var item = template.content.firstElementChild.cloneNode(true);
    item.id = "message-" + data.id;
    if (data.own) item.classList.add("message--own");
    item.querySelector(".message__author").textContent = data.author;
    var face = data.avatar || {}, initials = item.querySelector(".message__avatar"), picture = item.querySelector(".message__picture");
    if (face.picture && /^[a-z]+$/.test(face.picture)) {
      picture.setAttribute("src", template.dataset.pictures + face.picture + ".svg");
      picture.hidden = false;
      initials.remove();
    } else {
      initials.textContent = face.initials || "?";
      if (typeof face.colour === "number") initials.classList.add("avatar--c" + face.colour);
      else initials.classList.add("avatar--former");
      picture.remove();
    }
    item.querySelector(".message__teacher").hidden = !data.is_teacher;
    var time = item.querySelector("time");
    time.setAttribute("datetime", data.created_at);
    time.textContent = localTime(data.created_at);
    item.querySelector(".message__body").textContent = data.deleted ? text("deleted") : data.body;
    var actions = item.querySelector(".message__actions");
    var report = item.querySelector(".chat-report");
    var remove = item.querySelector(".chat-delete");
    if (report) {
      if (data.own) report.remove();
      else report.setAttribute("href", report.getAttribute("href").replace(/\/0\/$/, "/" + data.id + "/"));
    }
    if (remove) remove.setAttribute("action", remove.getAttribute("action").replace(/\/0\/delete\/$/, "/" + data.id + "/delete/"));
    // The Translate action, as the server draws it for the messages already on the page: not for one's own.
    var translate = item.querySelector(".translate");
    if (translate && (data.own || data.deleted)) translate.remove();
    else if (translate) {
      translate.id = "translate-chat_message-" + data.id;
      var action = translate.querySelector("a");
      ["href", "hx-get"].forEach(function (name) {
        action.setAttribute(name, action.getAttribute(name).replace("/chat_message/0/", "/chat_message/" + data.id + "/"));
      });
      action.setAttribute("hx-target", "#" + translate.id);
    }
    if (actions && (data.deleted || !actions.children.length)) actions.remove();
    var empty = document.getElementById("chat-empty");
    if (empty) empty.remove();
    log.appendChild(item);
    if (translate && translate.isConnected && window.htmx) window.htmx.process(translate);
    if (follow) scrollDown();
  }

  function markDeleted(id) {
    var item = document.getElementById("message-" + id);
    if (!item) return;
    item.classList.add("message--deleted");
    item.querySelector(".message__body").textContent = text("deleted");
    var actions = item.querySelector(".message__actions");
    if (actions) actions.remove();
  }

  function setWritable(canWrite, reason) {
    if (form) form.hidden = !canWrite;
    if (refusal) {
      refusal.textContent = reason || "";
      refusal.hidden = canWrite || !reason;
    }
  }

  function handle(data) {
    if (data.type === "message") {
      append(data);
      if (data.own && pending && data.body === pending) pending = "";
    } else if (data.type === "deleted") {
      markDeleted(data.id);
    } else if (data.type === "state") {
      setWritable(data.can_write, data.reason);
    } else if (data.type === "paused") {
      // The server cannot deliver live messages right now (it closes the socket; we try again below).
      paused = data.message || "";
    } else if (data.type === "error") {
      showError(data.message);
      // Give the refused text back, so nothing typed is lost.
      if (pending && input && !input.value) input.value = pending;
      pending = "";
    }
  }

  // After a dropped connection, fetch the page once and add what was written meanwhile.
  function catchUp() {
    window.fetch(box.getAttribute("data-page"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html) return;
        var page = new DOMParser().parseFromString(html, "text/html");
        var items = page.querySelectorAll("#chat-log > li.message");
        for (var i = 0; i < items.length; i++) {
          var known = document.getElementById(items[i].id);
          if (known) {
            if (items[i].classList.contains("message--deleted")) markDeleted(items[i].id.replace("message-", ""));
            continue;
          }
          var item = document.importNode(items[i], true);
          var time = item.querySelector("time[data-local]");
          if (time) time.textContent = localTime(time.getAttribute("datetime"));
          var empty = document.getElementById("chat-empty");
          if (empty) empty.remove();
          log.appendChild(item);
        }
        scrollDown();
      })
      .catch(function () {});
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + box.getAttribute("data-socket"));
    socket.addEventListener("open", function () {
      if (attempts > 0) catchUp();
      attempts = 0;
      status.textContent = text("live");
    });
    socket.addEventListener("message", function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      handle(data);
    });
    socket.addEventListener("close", function () {
      socket = null;
      status.textContent = paused || text("offline");
      paused = "";
      // Try again, waiting longer each time (1 s, 2 s, 4 s … at most 30 s).
      attempts += 1;
      window.setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, attempts - 1)));
    });
  }

  function open() {
    return socket && socket.readyState === WebSocket.OPEN;
  }

  if (form && input) {
    form.addEventListener("submit", function (event) {
      if (!open()) return; // the plain form posts instead
      event.preventDefault();
      var body = input.value.trim();
      if (!body) return;
      showError("");
      pending = body;
      socket.send(JSON.stringify({ type: "send", body: body }));
      input.value = "";
      input.focus();
    });
  }

  log.addEventListener("submit", function (event) {
    var remove = event.target.closest ? event.target.closest(".chat-delete") : null;
    if (!remove || !open()) return;
    var item = remove.closest(".message");
    var id = item ? parseInt(item.id.replace("message-", ""), 10) : NaN;
    if (isNaN(id)) return;
    event.preventDefault();
    socket.send(JSON.stringify({ type: "delete", id: id }));
  });

  scrollDown();
  connect();
})();
