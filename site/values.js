/* rollout values: a number typed into a form, read as the terminal reads it.
 *
 * The one number reading of rollout (rollout/tabular/numbers.py `parse_number` with a
 * decimal point, and rollout/metrics/values.py `parse_number` for a key result's value),
 * written once more for the browser, with the same words when it refuses a text;
 * tests/forms/test_form_values.py compares the two on a table of inputs. forms.js uses it.
 */
(function () {
  "use strict";

  /* Python's repr of a text, as the terminal quotes what a person typed in its messages
   * (quotes chosen as Python does; characters Python does not print, such as a no-break
   * space, escaped as \xa0). */
  function pyRepr(text) {
    var s = String(text);
    var quote = s.indexOf("'") !== -1 && s.indexOf('"') === -1 ? '"' : "'";
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var ch = s[i], code = s.charCodeAt(i);
      if (ch === "\\" || ch === quote) out += "\\" + ch;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch !== " " && /[\p{Z}\p{C}]/u.test(ch)) {
        var hex = code.toString(16);
        out += code <= 0xff ? "\\x" + ("0" + hex).slice(-2) : "\\u" + ("000" + hex).slice(-4);
      } else out += ch;
    }
    return quote + out + quote;
  }

  function groupedByThree(integer, separator) {
    var parts = integer.split(separator);
    if (parts.length < 2 || parts[0].length < 1 || parts[0].length > 3) return null;
    for (var i = 0; i < parts.length; i++) {
      if (!/^\d+$/.test(parts[i]) || (i > 0 && parts[i].length !== 3)) return null;
    }
    return parts.join("");
  }

  /* A number as rollout/tabular/numbers.py `parse_number` reads it with a decimal point (the
   * one number reading of the terminal, the sheets and the forms): `1,250` is 1250, `12,5` is 12.5,
   * `1 250` is 1250, `1,000.5` is 1000.5; a trailing % is the unit "%". Returns
   * {value, unit}; throws {hint} (possibly "") when the text is not unambiguously a number. */
  function parseCell(text) {
    var body = String(text).replace(/[\s\u00a0\u2009\u202f]+/g, " ").trim().replace(/^'/, "").trim();
    var unit = "";
    if (body.slice(-1) === "%") { unit = "%"; body = body.slice(0, -1).trim(); }
    if (/^[-+]?\d{1,3}( \d{3})+([.,]\d+)?$/.test(body)) body = body.replace(/ /g, "");
    var sign = "";
    if (body && (body[0] === "+" || body[0] === "-")) { sign = body[0]; body = body.slice(1).trim(); }
    if (!body || body.indexOf(" ") !== -1) throw { hint: "" };
    if (body.indexOf(",") !== -1 && body.indexOf(".") !== -1) {
      var mark = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
      var at = body.lastIndexOf(mark);
      var joined = groupedByThree(body.slice(0, at), mark === "." ? "," : ".");
      var fraction = body.slice(at + 1);
      if (joined === null || !/^\d+$/.test(fraction)) throw { hint: "write it without thousands separators, e.g. 1000.5" };
      body = joined + "." + fraction;
    } else if (body.indexOf(",") !== -1) {
      var grouped = groupedByThree(body, ",");
      if (grouped === null) {
        if (body.split(",").length > 2) throw { hint: "write it without thousands separators, e.g. 1000" };
        grouped = body.replace(",", ".");  // one comma that groups no thousands: a decimal mark
      }
      body = grouped;
    }
    if (!/^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(body)) throw { hint: "write a plain number such as 1000 or 12.5" };
    var value = parseFloat(sign + body);
    if (!isFinite(value)) throw { hint: "it is too large: it reads as infinity" };
    return { value: value, unit: unit };
  }

  /* A check-in value typed for a key result measured in `uom`: rollout/metrics/values.py
   * `parse_number`, with its words. The unit of measure may stand before or after the number;
   * a % is taken only for a key result measured in % (or in nothing). Throws the message. */
  function readValue(text, uom) {
    var value = String(text).trim(), extra = String(uom || "").trim();
    if (extra && extra !== "%") {
      var low = value.toLowerCase(), key = extra.toLowerCase();
      if (low.slice(-key.length) === key) value = value.slice(0, -key.length).trim();
      else if (low.slice(0, key.length) === key) value = value.slice(key.length).trim();
    }
    var read;
    try {
      read = parseCell(value);
    } catch (e) {
      throw pyRepr(text) + " is not a number (" + (e.hint || "write it like 1250, 1,250 or 12.5") + ")";
    }
    if (read.unit === "%" && extra !== "" && extra !== "%") throw pyRepr(text) + " is a percentage, but the key result is measured in " + extra;
    return read.value;
  }

  /* How a value with one point before exactly three digits ("1.250") was read, or null:
   * rollout/metrics/values.py `point_reading`, with its words. */
  function pointReading(text, value) {
    var body = String(text).trim();
    var m = /^([-+]?\d{1,3})\.(\d{3})(?:\s*\S*)?$/.exec(body);
    if (!m || body.indexOf(",") !== -1 || m[1].replace(/^[-+]/, "") === "0") return null;
    var n = parseInt(m[1] + m[2], 10), a = Math.abs(n);
    var grouped = (n < 0 ? "-" : "") + (a >= 1000 ? Math.floor(a / 1000) + "," + String(a % 1000 + 1000).slice(1) : String(a));
    return pyRepr(body) + " was read as " + String(value) + " (a decimal point); for " + grouped +
      ", write " + grouped.replace(/,/g, "") + " or " + grouped;
  }

  window.rolloutValues = { parseCell: parseCell, readValue: readValue, pointReading: pointReading };
})();
