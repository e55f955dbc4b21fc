/* rollout forms: show conditional questions, check answers, save them as one file.
 *
 * Works from file:// and offline; sends nothing anywhere. The only network use is
 * under `rollout serve --collect`, where the page asks its own server (same origin)
 * whether it collects, and then offers to send the saved file there.
 *
 * Conditions follow rollout/questionnaire/answers.py `holds`: an unanswered question
 * never matches; equals / not_equals / in / contains / at_least / at_most, combined
 * with all / any / not. Answers are checked as answers.py `coerce` checks them.
 */
(function () {
  "use strict";

  function $all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  // Numbers as the terminal reads them: site/values.js (loaded first).
  var readValue = window.rolloutValues.readValue, parseCell = window.rolloutValues.parseCell;

  function parseNumber(text) {
    try { return parseCell(text).unit ? NaN : parseCell(text).value; } catch (e) { return NaN; }
  }

  function fmt(n) { return String(n); }

  // --- reading answers --------------------------------------------------------------

  function controls(q) { return $all(q, "input, select, textarea"); }

  function rawOf(q) {
    var widget = q.getAttribute("data-widget");
    if (widget === "radio") {
      var checked = q.querySelector("input:checked");
      return checked ? checked.value : "";
    }
    if (widget === "checkbox") return $all(q, "input:checked").map(function (i) { return i.value; });
    return controls(q)[0].value;
  }

  /* The answer in its stored form, null when unanswered; throws a message when it does not fit. */
  function answerOf(q) {
    var kind = q.getAttribute("data-kind");
    var raw = rawOf(q);
    if (kind === "multiple") {
      if (!raw.length) {
        if (q.hasAttribute("data-required")) throw "Tick at least one.";
        return null;
      }
      return raw;
    }
    if (kind !== "text" && String(raw).trim() === "") {
      if (q.hasAttribute("data-required")) throw (q.getAttribute("data-widget") === "number" ? "Type a number." : "Choose an answer.");
      return null;
    }
    if (kind === "likert") return parseInt(raw, 10);
    if (kind === "yes_no") return raw === "yes";
    if (kind === "single") return raw;
    if (kind === "number") {
      var n = parseNumber(raw);
      if (isNaN(n) || !isFinite(n)) throw "Type a number, such as 12 or 4.5 (you typed “" + raw + "”).";
      if (q.hasAttribute("data-integer") && Math.floor(n) !== n) throw "Type a whole number.";
      var min = q.getAttribute("data-min"), max = q.getAttribute("data-max");
      if (min !== null && n < parseFloat(min)) throw fmt(n) + " is below the minimum " + fmt(parseFloat(min)) + ".";
      if (max !== null && n > parseFloat(max)) throw fmt(n) + " is above the maximum " + fmt(parseFloat(max)) + ".";
      return n;
    }
    var text = String(raw).trim();
    if (!text) {
      if (q.hasAttribute("data-required")) throw "An answer is required.";
      return null;
    }
    var limit = parseInt(q.getAttribute("data-maxlength") || "2000", 10);
    if (text.length > limit) throw "Keep it under " + limit + " characters.";
    return text;
  }

  function holds(cond, answers) {
    if (cond.all) return cond.all.every(function (c) { return holds(c, answers); });
    if (cond.any) return cond.any.some(function (c) { return holds(c, answers); });
    if (cond.not) return !holds(cond.not, answers);
    var value = answers[cond.question];
    if (value === undefined || value === null) return false;
    if ("equals" in cond) return same(value, cond.equals);
    if ("not_equals" in cond) return !same(value, cond.not_equals);
    if ("in" in cond) return (cond["in"] || []).some(function (v) { return same(value, v); });
    if ("contains" in cond) return Array.isArray(value) && value.indexOf(cond.contains) !== -1;
    var n = typeof value === "number" ? value : parseNumber(value);
    if (isNaN(n)) return false;
    return "at_least" in cond ? n >= cond.at_least : n <= cond.at_most;
  }

  function same(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
    return a === b;
  }

  // --- errors -------------------------------------------------------------------------

  function clearErrors(form) {
    $all(form, ".q-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    $all(form, "[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var box = document.getElementById("form-errors");
    box.hidden = true;
    box.querySelector("ul").innerHTML = "";
  }

  function showErrors(errors) {
    var box = document.getElementById("form-errors");
    var list = box.querySelector("ul");
    errors.forEach(function (e) {
      var p = document.getElementById(e.errorId);
      if (p) { p.textContent = e.message; p.hidden = false; }
      e.fields.forEach(function (f) { f.setAttribute("aria-invalid", "true"); });
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + e.fields[0].id;
      a.textContent = e.message + " — " + e.label;
      a.addEventListener("click", function (ev) { ev.preventDefault(); e.fields[0].focus(); });
      li.appendChild(a);
      list.appendChild(li);
    });
    box.querySelector("h2").textContent = errors.length === 1 ? "Please check this answer" : "Please check these " + errors.length + " answers";
    box.hidden = false;
    box.focus();
  }

  function labelOf(q) {
    var legend = q.querySelector("legend, .q-label");
    return legend ? legend.textContent.replace(/\s+/g, " ").replace("(optional)", "").trim() : q.id;
  }

  function today() {
    var d = new Date();
    var m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
  }

  /* The form's "today": the site's as-of when rollout.yaml fixes one (data-as-of), else the browser's date. */
  function todayOf(form) {
    return form.getAttribute("data-as-of") || today();
  }

  /* The last day a check-in may carry: the earlier of the cycle's end and today (as-of). */
  function lastDay(end, notAfter) {
    if (end && notAfter) return notAfter < end ? notAfter : end;
    return end || notAfter || "";
  }

  /* rollout/flows/entry_dates.py `date_problem`: a check-in is dated within its cycle and not after
   * today (as-of), the rule every door of `rollout` applies. One message names the real range
   * (the picker offers the same range: min/max of the input). */
  function checkDate(input, start, end, errors, notAfter) {
    var v = input.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      errors.push({ errorId: input.id + "-error", fields: [input], label: "Date", message: "Give the date as year-month-day." });
      return;
    }
    var last = lastDay(end, notAfter), message = "";
    if (start && last && last < start) {
      var fixed = document.querySelector("form[data-as-of]") ? "as-of" : "today";
      message = "No date can be chosen yet: the cycle starts on " + start + ", after " + fixed + " (" + last + ").";
    } else if ((start && v < start) || (last && v > last)) {
      message = start && last ? "Choose a date from " + start + " to " + last + "."
        : start ? "Choose a date on or after " + start + "." : "Choose a date on or before " + last + ".";
    }
    if (message) errors.push({ errorId: input.id + "-error", fields: [input], label: "Date", message: message });
  }

  // --- writing the file ---------------------------------------------------------------

  var PLAIN = /^[a-z][a-z0-9-]*$/;
  var RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

  function yamlScalar(v) {
    if (typeof v === "boolean" || typeof v === "number") return String(v);
    var s = String(v);
    if (PLAIN.test(s) && !RESERVED.test(s)) return s;
    return JSON.stringify(s); // a JSON string is a YAML 1.2 double-quoted scalar
  }

  function yamlValue(v) {
    if (Array.isArray(v)) return "[" + v.map(yamlScalar).join(", ") + "]";
    return yamlScalar(v);
  }

  function csvField(v) {
    var s = v === null || v === undefined ? "" : String(v);
    // Formula injection: a text cell starting with = + - @ (tab, CR) gets a leading ' as
    // rollout/tabular/writing.py `neutralise` does; the sheet reader takes exactly one away.
    if (typeof v === "string" && /^'*[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r;\t]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function download(name, text, type) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  // --- questionnaires -----------------------------------------------------------------

  function setupQuestionnaire(form) {
    var questions = $all(form, ".q[data-q]");
    var person = document.getElementById("f-respondent");
    var unit = document.getElementById("f-unit");
    var dateInput = document.getElementById("f-date");
    var unitTouched = false;

    function refresh() {
      var answers = {};
      questions.forEach(function (q) {
        var when = q.getAttribute("data-when");
        var applies = !when || holds(JSON.parse(when), answers);
        q.hidden = !applies;
        controls(q).forEach(function (c) { c.disabled = !applies; });
        if (!applies) return;
        try {
          var v = answerOf(q);
          if (v !== null) answers[q.getAttribute("data-q")] = v;
        } catch (ignored) { /* shown when saving */ }
      });
      return answers;
    }

    function collect() {
      var errors = [], answers = {};
      if (!person.value) errors.push({ errorId: "f-respondent-error", fields: [person], label: "Your name", message: "Choose your name." });
      checkDate(dateInput, "", "", errors, todayOf(form)); // not after as-of: `rollout collect` refuses it
      questions.forEach(function (q) {
        var when = q.getAttribute("data-when");
        if (when && !holds(JSON.parse(when), answers)) return;
        try {
          var v = answerOf(q);
          if (v !== null) answers[q.getAttribute("data-q")] = v;
        } catch (message) {
          errors.push({ errorId: q.id + "-error", fields: controls(q), label: labelOf(q), message: String(message) });
        }
      });
      return { errors: errors, answers: answers };
    }

    function record(answers) {
      var lines = [
        "# Answers to '" + form.getAttribute("data-title").replace(/\n/g, " ") + "', saved from the form.",
        "# Send this file to the person running the OKR rollout; they bring it in with `rollout collect`.",
        "questionnaire: " + yamlScalar(form.getAttribute("data-questionnaire")),
        "version: " + parseInt(form.getAttribute("data-version"), 10),
        "respondent: " + yamlScalar(person.value)
      ];
      if (unit.value) lines.push("unit: " + yamlScalar(unit.value));
      lines.push("date: " + dateInput.value, "complete: true", "answers:");
      Object.keys(answers).forEach(function (k) { lines.push("  " + k + ": " + yamlValue(answers[k])); });
      if (!Object.keys(answers).length) lines[lines.length - 1] = "answers: {}";
      return lines.join("\n") + "\n";
    }

    person.addEventListener("change", function () {
      var option = person.options[person.selectedIndex];
      if (!unitTouched && option) unit.value = option.getAttribute("data-unit") || "";
    });
    unit.addEventListener("change", function () { unitTouched = true; });
    form.addEventListener("change", refresh);
    form.addEventListener("input", refresh);
    refresh();
    return function () {
      var result = collect();
      if (result.errors.length) return { errors: result.errors };
      var name = form.getAttribute("data-questionnaire") + "-" + person.value + ".yaml";
      return { name: name, text: record(result.answers), type: "text/yaml" };
    };
  }

  // --- check-ins ----------------------------------------------------------------------

  function setupCheckin(form) {
    var rows = $all(form, ".kr[data-kr]");
    var author = document.getElementById("f-author");
    var dateInput = document.getElementById("f-date");
    var unit = form.getAttribute("data-unit"), cycle = form.getAttribute("data-cycle");

    // "1.250" is 1.25 here, 1250 to many European readers: say how it was read, under the field
    // (as the terminal does; rollout/metrics/values.py point_reading).
    rows.forEach(function (row) {
      var input = row.querySelector("input[name^='value-']");
      input.addEventListener("input", function () {
        var reading = null, shown = row.querySelector(".kr-reading");
        try { reading = window.rolloutValues.pointReading(input.value, readValue(input.value, row.getAttribute("data-uom"))); } catch (ignored) { /* said when saving */ }
        if (!reading) { if (shown) shown.remove(); return; }
        if (!shown) {
          shown = document.createElement("p");
          shown.className = "kr-reading small";
          shown.setAttribute("role", "status");
          row.appendChild(shown);
        }
        shown.textContent = reading + ".";
      });
    });

    return function () {
      var errors = [], lines = [["unit", "cycle", "kr", "key_result", "value", "confidence", "note", "date", "author"].join(",")];
      if (!author.value) errors.push({ errorId: "f-author-error", fields: [author], label: "Your name", message: "Choose your name." });
      checkDate(dateInput, form.getAttribute("data-start"), form.getAttribute("data-end"), errors, todayOf(form));
      var filled = 0;
      rows.forEach(function (row) {
        var kr = row.getAttribute("data-kr");
        var value = row.querySelector("[name='value-" + kr + "']");
        var confidence = row.querySelector("[name='confidence-" + kr + "']");
        var note = row.querySelector("[name='note-" + kr + "']");
        var text = value.value.trim(), last = row.getAttribute("data-last");
        if (!text && !confidence.value && !note.value.trim()) return;
        var label = row.getAttribute("data-title");
        if (!text) {
          if (!last) {
            errors.push({ errorId: "kr-" + kr + "-error", fields: [value], label: label, message: "Give a value: there is no earlier check-in to keep." });
            return;
          }
          text = last; // as in the terminal: an empty value keeps last week's
        }
        var n;
        try {
          n = readValue(text, row.getAttribute("data-uom"));
        } catch (message) {
          errors.push({ errorId: "kr-" + kr + "-error", fields: [value], label: label, message: String(message) + "." });
          return;
        }
        if (row.hasAttribute("data-milestone") && n !== 0 && n !== 1) {
          errors.push({ errorId: "kr-" + kr + "-error", fields: [value], label: label, message: "A milestone is 1 (done) or 0 (not yet)." });
          return;
        }
        filled += 1;
        // the exact value read (String(n) is the shortest text that reads back as the same number)
        lines.push([unit, cycle, kr, label, String(n), confidence.value, note.value.trim(), dateInput.value, author.value].map(csvField).join(","));
      });
      if (!filled && !errors.length) {
        var first = rows[0].querySelector("input");
        errors.push({ errorId: "kr-" + rows[0].getAttribute("data-kr") + "-error", fields: [first], label: "Check-in", message: "Give a new value for at least one key result." });
      }
      if (errors.length) return { errors: errors };
      return { name: "checkin-" + unit + "-" + dateInput.value + ".csv", text: lines.join("\r\n") + "\r\n", type: "text/csv" };
    };
  }

  // --- serve --collect ----------------------------------------------------------------

  function offerSending(form, make, status) {
    if (location.protocol !== "http:" && location.protocol !== "https:" || !window.fetch) return;
    fetch("/collect/status", { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (info) {
      if (!info || !info.collect) return;
      var send = document.getElementById("send");
      send.hidden = false;
      send.addEventListener("click", function () {
        var made = make();
        if (!made) return;
        status.textContent = "Sending…";
        fetch("/collect", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": made.type + "; charset=utf-8", "X-Rollout-File": made.name },
          body: made.text
        }).then(function (r) { return r.json().catch(function () { return { ok: false, message: "the server did not answer" }; }); })
          .then(function (answer) {
            status.classList.toggle("is-error", !answer.ok);
            status.textContent = answer.ok ? "Sent: " + answer.message : "Not sent: " + answer.message;
          })
          .catch(function () {
            status.classList.add("is-error");
            status.textContent = "Not sent: the facilitator's laptop cannot be reached. Save the file instead.";
          });
      });
    }).catch(function () { /* a static site: no server to send to */ });
  }

  window.rolloutForms = { holds: holds }; // the tests compare it with answers.py `holds`

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-form]");
    if (!form) return;
    var dateInput = document.getElementById("f-date");
    if (dateInput && !dateInput.value) dateInput.value = form.getAttribute("data-as-of") || today();
    if (dateInput && form.getAttribute("data-form") === "checkin") {
      // the picker offers the days a check-in may carry (the template sets them too when as-of is fixed)
      var first = form.getAttribute("data-start"), last = lastDay(form.getAttribute("data-end"), todayOf(form));
      if (first) dateInput.min = first;
      if (last) dateInput.max = last;
      if (last && dateInput.value > last && last >= first) dateInput.value = last;
    } else if (dateInput) {
      // answers dated after as-of are refused when they are brought in: the picker stops there
      dateInput.max = form.getAttribute("data-as-of") || today();
    }
    var build = form.getAttribute("data-form") === "checkin" ? setupCheckin(form) : setupQuestionnaire(form);
    var status = document.getElementById("form-status");

    function make() {
      clearErrors(form);
      status.textContent = "";
      status.classList.remove("is-error");
      var made = build();
      if (made.errors) { showErrors(made.errors); return null; }
      return made;
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var made = make();
      if (!made) return;
      download(made.name, made.text, made.type);
      status.textContent = "Saved " + made.name + " to your downloads. Send it to the person running the OKR rollout.";
    });
    document.getElementById("save").hidden = false;
    offerSending(form, make, status);
  });
})();
