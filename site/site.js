/* rollout site: optional filtering. Every page is complete without this script. */
(function () {
  "use strict";
  function rowsOf(target) {
    if (target.tBodies && target.tBodies.length) return Array.prototype.slice.call(target.tBodies[0].rows);
    return Array.prototype.slice.call(target.querySelectorAll("li"));
  }
  function setup(box) {
    var target = document.getElementById(box.getAttribute("data-filter"));
    var input = box.querySelector("input");
    if (!target || !input) return;
    var rows = rowsOf(target);
    var status = document.createElement("p");
    status.className = "filter-status";
    status.setAttribute("role", "status");
    box.appendChild(status);
    box.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) {
          shown += 1;
          var parent = row.parentElement;
          while (parent && parent !== target) {
            if (parent.tagName === "DETAILS") parent.open = true;
            if (parent.tagName === "LI") parent.hidden = false;
            parent = parent.parentElement;
          }
        }
      });
      status.textContent = words.length ? shown + " of " + rows.length + " shown" : "";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), setup);
  });
})();
