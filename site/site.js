/* rollout site: optional filtering and a cue on wide tables. Every page is complete without this script. */
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
  /* A table wider than its box (a phone, a panel on a tablet) says so above it: the shadow at the
     box's edge (style.css) is easy to miss, and a leader must not take the columns in view for the
     whole table. */
  function scroller(table) {  /* the box that scrolls: the table (on a phone) or its panel */
    if (getComputedStyle(table).overflowX !== "visible") return table;
    var panel = table.closest(".panel");
    return panel && getComputedStyle(panel).overflowX !== "visible" ? panel : table;
  }
  function markWide() {
    Array.prototype.forEach.call(document.querySelectorAll("table.table"), function (table) {
      table.classList.remove("fits");
      var box = scroller(table);
      var wide = box.scrollWidth > box.clientWidth + 1;
      /* On a phone a table is a scroll box (display: block), whose rows end where its columns do;
         one that fits is laid out as a table again, its rows across the whole box. */
      if (!wide && box === table && getComputedStyle(table).display === "block") table.classList.add("fits");
      var hint = table.previousElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint")) {
        if (!wide) return;
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = "Scroll sideways to see the whole table \u2192";
        table.parentNode.insertBefore(hint, table);
      }
      hint.hidden = !wide;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), setup);
    markWide();
    window.addEventListener("resize", markWide);
  });
})();
