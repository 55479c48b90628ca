// Grid of actual values: Enter moves to the same column of the next row, a changed
// submitted value asks for its reason, and leaving with unsaved changes asks first.
(function () {
  "use strict";
  var form = document.querySelector("form[data-grid]");
  if (!form) {
    return;
  }
  var dirty = false;

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
  form.addEventListener("change", function () {
    dirty = true;
  });
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
