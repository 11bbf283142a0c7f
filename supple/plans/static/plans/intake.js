/* supple intake: show follow-up questions only when they apply; bring errors into view.
   Without JavaScript every question is shown, and the server ignores the ones that do not apply. */
(function () {
  "use strict";

  // data-when="name" (a ticked checkbox), "name=value" or "name!=value" (the chosen radio).
  function applies(form, rule) {
    var match = /^([\w-]+)(?:(!?=)(.*))?$/.exec(rule);
    if (!match) return true;
    var chosen = null;
    form.querySelectorAll('[name="' + match[1] + '"]').forEach(function (input) {
      if (input.checked) chosen = input.value;
    });
    if (!match[2]) return chosen !== null;
    return match[2] === "=" ? chosen === match[3] : chosen !== null && chosen !== match[3];
  }

  function update(form) {
    form.querySelectorAll("[data-when]").forEach(function (part) {
      part.hidden = !applies(form, part.getAttribute("data-when"));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-when]")) return;
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
    var errors = document.getElementById("errors");
    if (errors) errors.focus();
  });
})();
