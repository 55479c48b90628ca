// Grid of actual values: Enter moves to the same column of the next row, a changed
// submitted value asks for its reason, each row's verdict follows what is typed, an error
// summary after a refused save takes the focus, and leaving with unsaved changes asks first.
// Without this script the page still works: Enter then submits, the server judges every row.
(function () {
  "use strict";
  var form = document.querySelector("form[data-grid]");
  if (!form) {
    return;
  }
  var dirty = false;

  // The verdict of a row while its value is typed, by the rule of emulation/targets/evaluation.py
  // (higher/lower is better, reduce by X %, done / not done, stay within a range, with the
  // tolerance in force). Floating point is close enough for a preview: the save decides.
  // Numbers are read as emulation/targets/numbers.py reads them: the Vietnamese writing first
  // (16.728,5), then the other writing where it is unambiguous (1.5, 16,728.5).
  var VIETNAMESE = /^([-+]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
  var OTHER = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
  var tolerance = parseFloat(form.getAttribute("data-tolerance")) || 0.001;

  function parseTyped(text) {
    var cleaned = String(text).replace(/[\s\u00a0\u202f]+/g, "").replace(/\u2212/g, "-");
    if (cleaned.slice(-1) === "%") {
      cleaned = cleaned.slice(0, -1);
    }
    if (cleaned === "") {
      return null;
    }
    var match = VIETNAMESE.exec(cleaned) || OTHER.exec(cleaned);
    if (!match) {
      return NaN;
    }
    return parseFloat(match[1] + match[2].replace(/[.,]/g, "") + "." + (match[3] || "0"));
  }

  function decimalOrNull(text) {
    return text === "" || text === null ? null : parseFloat(text);
  }

  function byRatio(ratio) {
    if (ratio > 1 + tolerance) {
      return "exceeded";
    }
    return ratio >= 1 - tolerance ? "met" : "not_met";
  }

  function byComparison(better, equal) {
    if (equal) {
      return "met";
    }
    return better ? "exceeded" : "not_met";
  }

  function evaluate(terms, actual) {
    var plan = terms.plan;
    if (actual === null || isNaN(actual)) {
      return { status: "no_data", ratio: null };
    }
    if (terms.direction === "higher_better" || terms.direction === "lower_better") {
      if (plan === null) {
        return { status: "no_data", ratio: null };
      }
      if (terms.direction === "higher_better") {
        if (plan <= 0) {
          return { status: byComparison(actual > plan, actual === plan), ratio: null };
        }
        return { status: byRatio(actual / plan), ratio: actual / plan };
      }
      if (actual <= 0 || plan < 0) {
        return { status: byComparison(actual < plan, actual === plan), ratio: null };
      }
      return { status: byRatio(plan / actual), ratio: plan / actual };
    }
    if (terms.direction === "reduce_by_pct") {
      if (plan === null || terms.baseline === null || terms.baseline <= 0) {
        return { status: "no_data", ratio: null };
      }
      var achieved = ((terms.baseline - actual) / terms.baseline) * 100;
      if (plan <= 0) {
        return { status: byComparison(achieved > plan, achieved === plan), ratio: null };
      }
      return { status: byRatio(achieved / plan), ratio: achieved / plan };
    }
    if (terms.direction === "boolean") {
      return actual !== 0 ? { status: "met", ratio: 1 } : { status: "not_met", ratio: 0 };
    }
    if (terms.direction === "range") {
      var inside =
        (terms.min === null || actual >= terms.min) && (terms.max === null || actual <= terms.max);
      return { status: inside ? "met" : "not_met", ratio: null };
    }
    return null;
  }

  function formatPercent(ratio) {
    if (ratio === null || !isFinite(ratio)) {
      return "";
    }
    var fixed = Math.abs(ratio * 100).toFixed(1).split(".");
    var whole = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, form.getAttribute("data-thousand-separator") || ".");
    var sign = ratio < 0 && fixed.join("") !== "00" ? "-" : "";
    return sign + whole + (form.getAttribute("data-decimal-separator") || ",") + fixed[1] + "\u00a0%";
  }

  function showVerdict(input) {
    var row = input.closest("tr[data-verdict-row]");
    if (!row) {
      return;
    }
    var terms = {
      direction: row.getAttribute("data-direction"),
      plan: decimalOrNull(row.getAttribute("data-plan")),
      baseline: decimalOrNull(row.getAttribute("data-baseline")),
      min: decimalOrNull(row.getAttribute("data-min")),
      max: decimalOrNull(row.getAttribute("data-max"))
    };
    var verdict = evaluate(terms, parseTyped(input.value));
    var badge = row.querySelector("[data-verdict] .status");
    var percent = row.querySelector("[data-percent]");
    if (!verdict || !badge) {
      return;
    }
    badge.className = "status status-" + verdict.status;
    badge.textContent = form.getAttribute("data-label-" + verdict.status) || verdict.status;
    if (percent) {
      percent.textContent = formatPercent(verdict.ratio);
    }
  }

  function valueInputs() {
    return Array.prototype.slice.call(form.querySelectorAll("input.num-input, select[name^='value-']"));
  }

  function reasonFor(input) {
    var row = input.closest("tr");
    return row ? row.querySelector("input[name^='reason-']") : null;
  }

  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName === "BUTTON") {
      return;
    }
    var inputs = valueInputs();
    var index = inputs.indexOf(event.target);
    if (index === -1) {
      return;
    }
    event.preventDefault();
    var next = inputs[index + (event.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      if (next.select) {
        next.select();
      }
    }
  });

  form.addEventListener("input", function (event) {
    dirty = true;
    var input = event.target;
    if (input.name && input.name.indexOf("value-") === 0) {
      showVerdict(input);
    }
    if (!input.hasAttribute || !input.hasAttribute("data-original")) {
      return;
    }
    var original = input.getAttribute("data-original");
    var reason = reasonFor(input);
    if (!reason) {
      return;
    }
    var needsReason = original !== "" && original !== "None" && input.value !== original;
    reason.required = needsReason;
    reason.closest("td").classList.toggle("needs-reason", needsReason);
  });
  form.addEventListener("change", function (event) {
    dirty = true;
    if (event.target.tagName === "SELECT" && event.target.name.indexOf("value-") === 0) {
      showVerdict(event.target);
    }
  });

  // After a refused save the inputs hold what was typed, the badges what was saved: align them.
  valueInputs().forEach(function (input) {
    if (input.value !== (input.getAttribute("data-original") || "")) {
      showVerdict(input);
    }
  });

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // A link to a cell puts the caret in that cell, not only the page at it.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        if (field.select) {
          field.select();
        }
      }
    });
  }
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
