/*
 * The site header on narrow screens: the navigation and the account tools fold behind one
 * "Trình đơn" button. The page works without this file: the button is `hidden` in the markup
 * and the panel is open, so nothing is lost when scripts do not run. No inline script: the
 * Content-Security-Policy allows scripts from this site only.
 */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 40rem)");

  function setUp(header) {
    var button = header.querySelector(".menu-toggle");
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) {
      return;
    }

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("is-open", open);
    }

    function fit() {
      // Wide screens always show the whole header; a narrow one starts folded.
      button.hidden = !NARROW.matches;
      setOpen(!NARROW.matches);
    }

    header.classList.add("is-collapsible");
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && NARROW.matches && header.classList.contains("is-open")) {
        setOpen(false);
        button.focus();
      }
    });
    if (NARROW.addEventListener) {
      NARROW.addEventListener("change", fit);
    } else {
      NARROW.addListener(fit);
    }
    fit();
  }

  function start() {
    var headers = document.querySelectorAll("[data-collapsible-header]");
    for (var i = 0; i < headers.length; i += 1) {
      setUp(headers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
