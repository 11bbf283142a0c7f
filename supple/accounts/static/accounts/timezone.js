// Preselects the browser's time zone on a fresh sign-up form. Without JavaScript the
// select keeps its default and the person picks their zone by hand.
(function () {
  const select = document.querySelector("select[data-detect-time-zone]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (select && zone && Array.from(select.options).some((option) => option.value === zone)) {
    select.value = zone;
  }
})();
