/* The reminders page: offers the browser's time zone, and asks whether supple may show
 * notifications only once the person clicks "Turn on reminders" (never on page load). */
"use strict";
(function () {
  const select = document.querySelector("select[data-detect-time-zone]");
  const hint = document.querySelector("[data-zone-hint]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (select && hint && zone && zone !== select.value && Array.from(select.options).some((o) => o.value === zone)) {
    hint.querySelector("[data-zone-name]").textContent = zone;
    hint.hidden = false;
    hint.querySelector("[data-use-zone]").addEventListener("click", () => {
      select.value = zone;
      hint.hidden = true;
      select.focus();
    });
  }

  const supported = "Notification" in window && "serviceWorker" in navigator;
  const status = document.querySelector("[data-permission-status]");
  const MESSAGES = {
    granted: "Notifications are allowed in this browser.",
    denied: "Notifications are blocked in this browser: allow them for this site in your browser's settings, or use email or your calendar instead.",
    default: "This browser has not allowed notifications yet.",
    unsupported: "This browser cannot show notifications: use email or your calendar instead.",
  };
  function say(key) {
    if (status) status.textContent = MESSAGES[key];
  }

  const turnOn = document.querySelector("form[data-turn-on-notifications]");
  if (turnOn) {
    if (!supported) say("unsupported");
    turnOn.addEventListener("submit", async (event) => {
      if (!supported) return;
      event.preventDefault();
      const permission = await Notification.requestPermission();
      if (permission === "granted") turnOn.submit();
      else say("denied");
    });
    return;
  }

  const allow = document.querySelector("[data-ask-permission]");
  if (!status) return;
  if (!supported) return say("unsupported");
  say(Notification.permission);
  if (allow && Notification.permission !== "granted") {
    allow.hidden = false;
    allow.addEventListener("click", async () => {
      const permission = await Notification.requestPermission();
      say(permission);
      allow.hidden = permission === "granted";
      if (permission === "granted" && window.suppleReminders) window.suppleReminders.refresh();
    });
  }
})();
