// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Leave empty fields out of GET forms so bookmarked URLs stay short and clean.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") return;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value === "") field.disabled = true;
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
})();
