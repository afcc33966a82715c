// The page editor's small toolbar: wraps the selected text of the HTML field in a tag. Without JavaScript the
// toolbar stays hidden and the field works as plain HTML (the help under it lists what is allowed).
(function () {
  "use strict";

  function wrap(field, before, after) {
    var start = field.selectionStart;
    var end = field.selectionEnd;
    var value = field.value;
    field.value = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
    field.focus();
    field.setSelectionRange(start + before.length, end + before.length);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var bars = document.querySelectorAll("[data-editor-for]");
    for (var i = 0; i < bars.length; i++) {
      var bar = bars[i];
      var field = document.getElementById(bar.getAttribute("data-editor-for"));
      if (!field || typeof field.selectionStart !== "number") continue;
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-before]");
        if (!button) return;
        var target = document.getElementById(button.parentNode.getAttribute("data-editor-for"));
        wrap(target, button.getAttribute("data-before"), button.getAttribute("data-after") || "");
      });
    }
  });
})();
