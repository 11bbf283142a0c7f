/* supple outbox: session logs wait in localStorage until the server has stored them.
 *
 * Each log carries the client_id the browser made for it, so sending one again (after a
 * lost answer, or from another tab) is stored once. The outbox is sent on every page
 * load, whenever the browser comes back online, and again a little later after a server
 * error.
 *
 *   suppleOutbox.add(url, log)      keep a log until the server has it
 *   suppleOutbox.flush()            send what is waiting; resolves when done
 *   suppleOutbox.has(clientId)      still waiting?
 *   suppleOutbox.onResult(fn)       fn(clientId, result) after each try, result = {outcome, status, body, retrySeconds}
 *
 * Outcomes (what happened, and what the outbox does about it):
 *   saved         201: stored now; the log leaves the outbox
 *   saved_before  200: already stored (an earlier try or another tab got there first); it leaves
 *   offline       no answer at all: kept, sent when the connection returns
 *   server_error  5xx, 408, 429 or an answer that is not the API's: kept, tried again after retrySeconds
 *   logged_out    401, or sent to the login page: kept, sent once the person is logged in again
 *   not_yours     403 for a log made for another account on this device: kept for that person
 *   forbidden     any other 403 (e.g. an out-of-date page): kept, sent again from a fresh page
 *   refused       any other 4xx: the server will never store this log as it is, so it leaves the
 *                 outbox (sending it again and again could only be refused again); the body says why
 * A log that leaves the outbox has its result written to localStorage too, so that another
 * open tab (the one that made the log) hears what happened to it. The result holds the
 * server's answer (plan changes, reasons), so it is kept only for RESULTS_MAX_AGE_MS: long
 * enough for tabs open at the same moment, not to stay in the browser after the person leaves.
 */
(function () {
  "use strict";

  if (window.suppleOutbox) return; // included twice (the base template and a page): one outbox
  const KEY = "supple.outbox";
  const RESULTS_KEY = "supple.outbox.results";
  const RESULTS_KEPT = 20;
  const RESULTS_MAX_AGE_MS = 2 * 60 * 1000;
  const RETRY_FIRST_SECONDS = 30;
  const RETRY_MOST_SECONDS = 300;
  const RETRY_STATUSES = new Set([408, 429]);
  const FINAL = new Set(["saved", "saved_before", "refused"]); // the log has left the outbox
  const listeners = [];
  let chain = Promise.resolve();
  let retrySeconds = RETRY_FIRST_SECONDS;
  let retryTimer = null;

  function readList(key) {
    try {
      const items = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function writeList(key, items) {
    try {
      localStorage.setItem(key, JSON.stringify(items));
    } catch (error) {
      // Storage full or disabled: the log is only in this page's memory now.
    }
  }

  const read = () => readList(KEY);
  const write = (items) => writeList(KEY, items);
  /* The results of the last RESULTS_MAX_AGE_MS; older ones are removed from storage. */
  function readResults() {
    const all = readList(RESULTS_KEY);
    const fresh = all.filter((result) => Date.now() - (result.at || 0) < RESULTS_MAX_AGE_MS);
    if (fresh.length !== all.length) {
      if (fresh.length) writeList(RESULTS_KEY, fresh);
      else {
        try {
          localStorage.removeItem(RESULTS_KEY);
        } catch (error) {
          // Storage disabled: there is nothing kept to remove.
        }
      }
    }
    return fresh;
  }
  // Logs whose final result this page has told its listeners (results already stored count as told).
  const told = new Set(readResults().map((result) => result.client_id));

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

  function tell(clientId, result) {
    if (FINAL.has(result.outcome)) told.add(clientId);
    listeners.forEach((listener) => listener(clientId, result));
  }

  /* What the server's answer means for this log (see the outcomes above). */
  function outcomeOf(item, response, body) {
    const ours = body && body.client_id === item.log.client_id;
    if (response.status === 201 && ours) return "saved";
    if (response.status === 200 && ours) return "saved_before";
    if (response.status === 401 || (response.redirected && !ours)) return "logged_out";
    if (response.status === 403) return body && body.errors && body.errors.person ? "not_yours" : "forbidden";
    if (response.status >= 400 && response.status < 500 && !RETRY_STATUSES.has(response.status)) return "refused";
    return "server_error"; // 5xx, 408, 429, or a 2xx that is not the API's answer
  }

  /* Send one log; its result. */
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
      return { outcome: "offline", status: 0, body: {} };
    }
    const body = await response.json().catch(() => ({}));
    const outcome = outcomeOf(item, response, body);
    const result = { outcome, status: response.status, body };
    if (FINAL.has(outcome)) {
      write(without(item.log.client_id));
      const results = readResults().filter((known) => known.client_id !== item.log.client_id);
      const kept = { client_id: item.log.client_id, at: Date.now(), ...result };
      writeList(RESULTS_KEY, [...results, kept].slice(-RESULTS_KEPT));
    }
    return result;
  }

  function retryLater() {
    if (retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      flush();
    }, retrySeconds * 1000);
    retrySeconds = Math.min(retrySeconds * 2, RETRY_MOST_SECONDS);
  }

  async function run() {
    const tried = new Set();
    for (;;) {
      const item = read().find((candidate) => !tried.has(candidate.log.client_id));
      if (!item) return;
      tried.add(item.log.client_id);
      const result = await send(item);
      if (result.outcome === "offline" || result.outcome === "server_error") {
        // Likely the same for every log waiting: they all stay, and are tried again together.
        const waiting = read().filter((candidate) => candidate.log.client_id !== item.log.client_id);
        result.retrySeconds = retrySeconds;
        retryLater();
        tell(item.log.client_id, result);
        waiting.forEach((other) => tell(other.log.client_id, { ...result, status: 0, body: {} }));
        return;
      }
      if (result.outcome === "saved" || result.outcome === "saved_before") retrySeconds = RETRY_FIRST_SECONDS;
      tell(item.log.client_id, result);
    }
  }

  /* Runs one after another, so a log is never sent twice at once from this page. */
  function flush() {
    chain = chain.then(run, run);
    return chain;
  }

  /* Another tab stored (or was refused) a log: tell this page's listeners, once. */
  window.addEventListener("storage", (event) => {
    if (event.key !== RESULTS_KEY) return;
    readResults().forEach(({ client_id: clientId, at, ...result }) => {
      if (!told.has(clientId)) tell(clientId, { ...result, elsewhere: true });
    });
  });

  window.suppleOutbox = { add, flush, has, onResult: (listener) => listeners.push(listener) };
  window.addEventListener("online", flush);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", flush);
  else flush();
})();
