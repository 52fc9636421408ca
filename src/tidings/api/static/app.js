// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Leave empty fields out of GET forms so bookmarked URLs stay short and clean.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") return;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && (field.value === "" || field.value === field.getAttribute("data-default"))) field.disabled = true;
    });
  });
  // Filters marked data-autosubmit apply as soon as a select changes.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.tagName !== "SELECT" || !field.form || !field.form.hasAttribute("data-autosubmit")) return;
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  });
  // Restore fields disabled above when the page is shown again from the back/forward cache.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form [disabled]"), function (field) {
      field.disabled = false;
    });
  });
  // Keyboard: "/" goes to the search box, "j"/"k" to the next/previous story or result.
  function typing(target) {
    return /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable;
  }
  function moveFocus(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll(".story-card .headline a"));
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    var next = index < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(index + step, 0), links.length - 1);
    links[next].focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "/") {
      var box = document.querySelector("[data-search-box], input[type=search]");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    } else if (event.key === "j" || event.key === "k") {
      moveFocus(event.key === "j" ? 1 : -1);
    }
  });
})();
