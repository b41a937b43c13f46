// Small, framework-free helpers for the client area (served from 'self' so the CSP needs no inline script).
(function () {
  "use strict";

  // Filter the token table as you type: rows whose text does not contain the search are hidden.
  function wireFilter() {
    var input = document.getElementById("token-filter");
    var table = document.getElementById("tokens");
    if (!input || !table) return;
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = needle.length > 0 && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  }

  // Copy buttons: data-copy names the element whose text is copied.
  function wireCopy() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.querySelector(button.getAttribute("data-copy"));
        if (!source) return;
        var text = source.textContent.trim();
        var done = function () { button.textContent = "Copied"; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { selectText(source); });
        } else {
          selectText(source);
        }
      });
    });
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireFilter();
    wireCopy();
  });
})();
