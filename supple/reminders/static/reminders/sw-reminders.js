/* supple reminders in the service worker: the buttons of a desk-break notification.
 *
 * /sw.js loads this file with importScripts(). reminders.js shows each notification with
 * the reminder as its data: its id, a CSRF token, and the URL behind each button.
 * "Start desk routine" (or a click on the notification) opens the reminder's start URL,
 * which records it and goes to the desk routine; "In 10 minutes" and "Skip today" are
 * POSTed, and open supple pages are told to fetch the day's breaks again.
 */
"use strict";
(function () {
  /* Carry out one button of a notification; `open` opens a URL in a window. */
  async function act(action, data, open) {
    if (action !== "snooze" && action !== "skip") return open(data.urls.start);
    const response = await fetch(data.urls[action], {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": data.csrf_token },
    });
    if (self.clients && self.clients.matchAll) {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      windows.forEach((client) => client.postMessage({ type: "supple-reminders-changed" }));
    }
    return response;
  }

  self.suppleReminderAction = act;
  self.addEventListener("notificationclick", (event) => {
    const data = event.notification.data;
    if (!data || data.supple !== "reminder") return;
    event.notification.close();
    event.waitUntil(act(event.action || "start", data, (url) => self.clients.openWindow(url)));
  });
})();
