// One click from an email, a notification or a calendar event is enough: press the page's
// button at once. A mail scanner that only fetches the link runs no script, so it changes
// nothing. Coming back to the page (Back, reload) does not press it again.
"use strict";
(function () {
  const form = document.querySelector("form[data-submit-at-once]");
  const [arrival] = performance.getEntriesByType("navigation");
  if (form && (!arrival || arrival.type === "navigate")) form.submit();
})();
