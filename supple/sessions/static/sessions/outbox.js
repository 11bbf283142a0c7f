/* supple outbox: session logs wait in localStorage until the server has stored them.
 *
 * Each log carries the client_id the browser made for it, so sending one again (after a
 * lost answer, or from another tab) is stored once. The outbox is sent on every page
 * load and whenever the browser comes back online.
 *
 *   suppleOutbox.add(url, log)      keep a log until the server has it
 *   suppleOutbox.flush()            send what is waiting; resolves when done
 *   suppleOutbox.has(clientId)      still waiting?
 *   suppleOutbox.onResult(fn)       fn(clientId, status, body) after each answer
 */
(function () {
  "use strict";

  if (window.suppleOutbox) return; // included twice (the base template and a page): one outbox
  const KEY = "supple.outbox";
  const listeners = [];
  let chain = Promise.resolve();

  function read() {
    try {
      const items = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function write(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify(items));
    } catch (error) {
      // Storage full or disabled: the log is only in this page's memory now.
    }
  }

  function without(clientId) {
    return read().filter((item) => item.log.client_id !== clientId);
  }

  function add(url, log) {
    write([...without(log.client_id), { url, log }]);
  }

  function has(clientId) {
    return read().some((item) => item.log.client_id === clientId);
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const data = document.getElementById("player-data");
    return data ? JSON.parse(data.textContent).csrf_token : "";
  }

  /* Send one log; false when the network is down (try again later). */
  async function send(item) {
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(item.log),
      });
    } catch (error) {
      return false;
    }
    const body = await response.json().catch(() => ({}));
    // Stored (201), stored before (200), or never storable (400). Anything else, such as
    // being logged out or logged in as someone else, keeps it for later.
    if (response.ok || response.status === 400) write(without(item.log.client_id));
    listeners.forEach((listener) => listener(item.log.client_id, response.status, body));
    return true;
  }

  async function run() {
    const tried = new Set();
    for (;;) {
      const item = read().find((candidate) => !tried.has(candidate.log.client_id));
      if (!item) return;
      tried.add(item.log.client_id);
      if (!(await send(item))) return;
    }
  }

  /* Runs one after another, so a log is never sent twice at once from this page. */
  function flush() {
    chain = chain.then(run, run);
    return chain;
  }

  window.suppleOutbox = { add, flush, has, onResult: (listener) => listeners.push(listener) };
  window.addEventListener("online", flush);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", flush);
  else flush();
})();
