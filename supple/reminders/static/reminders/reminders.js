/* supple desk-break reminders in the browser, loaded on every page of a logged-in person.
 *
 * While a supple page is open and the person has allowed notifications (asked only on the
 * reminders page, after they click "Turn on reminders"), it fetches today's desk breaks
 * and, at each one, asks the server whether to show it (only the first open tab or device
 * does), then shows it through the service worker so that its buttons work: "Start desk
 * routine", "In 10 minutes" and "Skip today" (sw-reminders.js handles the clicks).
 */
"use strict";
(function () {
  const script = document.currentScript;
  if (!script || !("Notification" in window) || !("serviceWorker" in navigator)) return;
  if (window.suppleReminders) return; // included twice on this page: one is enough
  const scheduleUrl = script.dataset.schedule;
  const serviceWorkerUrl = script.dataset.serviceWorker;
  const LONGEST_TIMER = 2 ** 31 - 1;
  const RETRY_OFFLINE = 5 * 60 * 1000;
  const ACTIONS = [
    { action: "start", title: "Start desk routine" },
    { action: "snooze", title: "In 10 minutes" },
    { action: "skip", title: "Skip today" },
  ];
  let timers = [];

  function later(callback, milliseconds) {
    timers.push(setTimeout(callback, Math.min(Math.max(0, milliseconds), LONGEST_TIMER)));
  }

  async function refresh() {
    timers.forEach(clearTimeout);
    timers = [];
    if (Notification.permission !== "granted") return; // nothing could be shown: not even a request
    let data;
    try {
      const response = await fetch(scheduleUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return; // logged out, or not a person with back pain: nothing to remind
      data = await response.json();
    } catch (error) {
      later(refresh, RETRY_OFFLINE);
      return;
    }
    later(refresh, data.refresh_seconds * 1000);
    if (!data.enabled) return;
    for (const item of data.breaks) later(() => remind(item, data), Date.parse(item.at) - Date.now());
  }

  async function remind(item, data) {
    if (Notification.permission !== "granted") return;
    const response = await fetch(data.shown_url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": data.csrf_token },
      body: JSON.stringify({ due_at: item.at }),
    });
    if (!response.ok) return;
    const reminder = await response.json();
    if (!reminder.show) return; // another tab or device showed it
    const registration = await serviceWorker();
    // Some systems show only two buttons: then a click on the notification itself starts the routine.
    const room = Notification.maxActions || 0;
    const actions = room >= ACTIONS.length ? ACTIONS : ACTIONS.slice(1, 1 + room);
    await registration.showNotification(reminder.title, {
      body: room >= ACTIONS.length ? reminder.body : reminder.body + " " + reminder.click_to_start,
      tag: "supple-reminder-" + reminder.id,
      data: reminder,
      actions,
    });
  }

  async function serviceWorker() {
    const found = await navigator.serviceWorker.getRegistration();
    if (found) return found;
    await navigator.serviceWorker.register(serviceWorkerUrl);
    return navigator.serviceWorker.ready;
  }

  // The service worker says when a snooze or a skip changed today's breaks.
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "supple-reminders-changed") refresh();
  });
  navigator.serviceWorker.startMessages();
  // Timers in hidden tabs may run late: catch up when the person comes back.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });
  window.suppleReminders = { refresh };
  refresh();
})();
