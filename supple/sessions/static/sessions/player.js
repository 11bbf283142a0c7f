/* supple session player: guides a person through the routine embedded in the page.
 *
 * The session is a list of phases: pain before; for each exercise get ready, then holds
 * (or slow repetitions) with rests between sets and sides, then "how did that feel";
 * pain after. Timed phases count down with a ring; the person can pause, go back, skip,
 * hear spoken cues and stop at any time. The log goes through the outbox (outbox.js),
 * so a session done offline is sent when the connection returns.
 */
(function () {
  "use strict";

  const READY_SECONDS = 5; // time to get into position
  const SWITCH_SECONDS = 5; // the least rest before changing sides
  const TICK_MS = 200;
  const RING_LENGTH = 2 * Math.PI * 52; // circumference of the ring's circle (r=52)
  const SPEECH_KEY = "supple.speech";
  const RESPONSES = [
    ["easy", "Easy"],
    ["fine", "Fine"],
    ["too_much", "Too much"],
  ];

  const root = document.getElementById("player");
  const source = document.getElementById("player-data");
  if (!root || !source) return;
  const data = JSON.parse(source.textContent);
  const exercises = data.exercises;
  // The clinical numbers come from the server (supple.domain.response.session_limits), never from here:
  // pain above HOLD_PAIN_LIMIT during a hold means ease off, then stop; a slow repetition takes SECONDS_PER_REP.
  const HOLD_PAIN_LIMIT = data.limits.hold_pain_limit;
  const SECONDS_PER_REP = data.limits.seconds_per_rep;
  const PAIN_HIGH = Array.from({ length: 10 - HOLD_PAIN_LIMIT }, (_, n) => HOLD_PAIN_LIMIT + 1 + n);
  const el = (name) => root.querySelector(`[data-el="${name}"]`);

  /* --- the session as phases ------------------------------------------------------ */

  function sidesOf(exercise) {
    return exercise.sides === "each" ? ["right", "left"] : [null];
  }

  function buildPhases() {
    const phases = [{ type: "pain", which: "before" }];
    exercises.forEach((exercise, ex) => {
      const sides = sidesOf(exercise);
      const bouts = [];
      for (let set = 1; set <= exercise.sets; set++) sides.forEach((side) => bouts.push({ set, side }));
      phases.push({ type: "ready", ex, seconds: READY_SECONDS, side: bouts[0].side });
      const work = exercise.kind === "hold" ? exercise.hold_seconds : exercise.reps * SECONDS_PER_REP;
      bouts.forEach((bout, b) => {
        const switching = b > 0 && bout.side !== bouts[b - 1].side;
        const rest = switching ? Math.max(exercise.rest_seconds, SWITCH_SECONDS) : exercise.rest_seconds;
        if (b > 0 && rest > 0) {
          phases.push({ type: "rest", ex, seconds: rest, side: bout.side, set: bout.set, switching });
        }
        phases.push({ type: "work", ex, seconds: work, side: bout.side, set: bout.set, switching, bout: b });
      });
      phases.push({ type: "rate", ex });
    });
    phases.push({ type: "pain", which: "after" });
    return phases;
  }

  const phases = buildPhases();
  const entries = exercises.map((exercise, i) => ({
    position: i + 1,
    exercise_id: exercise.id,
    sets_done: 0,
    skipped: false,
    response: "",
    pain_during: null,
    spread_down_leg: false,
    new_numbness: false,
    stopped: false,
  }));
  const reached = new Set();
  const bouts = exercises.map(() => 0); // holds done in the current attempt at each exercise
  const eased = new Set(); // exercises where the person has already eased off once
  const log = {
    client_id: newId(),
    person: data.person,
    // Opened from a reminder (?reminder=<id>): the session counts as prompted by it.
    reminder: new URLSearchParams(window.location.search).get("reminder"),
    routine: data.routine,
    started_at: null,
    ended_at: null,
    pain_before: null,
    pain_after: null,
    outcome: "completed",
    exercises: [],
  };
  const state = {
    at: -1,
    remaining: 0,
    last: 0,
    timer: null,
    paused: false,
    ended: false,
    spoken: 0,
    figure: "",
    delivered: false, // the server has answered the log for good (saved, or refused)
  };

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  const current = () => phases[state.at];
  const timed = (phase) => Boolean(phase && phase.seconds);
  const startOf = (ex) => phases.findIndex((p) => p.type === "ready" && p.ex === ex);
  const afterExercise = (ex) => (ex + 1 < exercises.length ? startOf(ex + 1) : phases.length - 1);

  /* --- moving through the session -------------------------------------------------- */

  function enter(index) {
    const phase = phases[index];
    state.at = index;
    state.remaining = (phase.seconds || 0) * 1000;
    state.spoken = 0;
    if (phase.ex !== undefined) reached.add(phase.ex);
    if (phase.type === "ready") bouts[phase.ex] = 0;
    render();
    announce(phase);
    schedule();
  }

  function schedule() {
    clearInterval(state.timer);
    state.timer = null;
    if (!state.ended && !state.paused && timed(current())) {
      state.last = Date.now();
      state.timer = setInterval(tick, TICK_MS);
    }
  }

  function tick() {
    const now = Date.now();
    state.remaining -= now - state.last;
    state.last = now;
    if (state.remaining <= 0) {
      complete();
      return;
    }
    cueDuring(current());
    renderClock();
  }

  function complete() {
    const phase = current();
    if (phase.type === "work") {
      const entry = entries[phase.ex];
      const exercise = exercises[phase.ex];
      bouts[phase.ex] += 1;
      entry.sets_done = Math.max(entry.sets_done, Math.floor(bouts[phase.ex] / sidesOf(exercise).length));
      if (entry.sets_done >= exercise.sets) entry.skipped = false;
    }
    enter(state.at + 1);
  }

  function skip() {
    const phase = current();
    if (state.ended || !phase || phase.ex === undefined) return;
    const entry = entries[phase.ex];
    if (phase.type !== "rate" && entry.sets_done < exercises[phase.ex].sets) entry.skipped = true;
    state.paused = false; // moving on is a sign of being ready
    enter(afterExercise(phase.ex));
  }

  function back() {
    const phase = current();
    if (state.ended || !phase) return;
    state.paused = false;
    if (phase.type === "pain" && phase.which === "after") {
      log.outcome = "completed"; // back from "finish now": the session goes on
      enter(startOf(exercises.length - 1));
    } else if (phase.ex !== undefined) {
      enter(startOf(phase.type === "ready" && phase.ex > 0 ? phase.ex - 1 : phase.ex));
    }
  }

  function setPaused(paused) {
    if (state.ended || !timed(current())) return;
    state.paused = paused;
    if (paused) hush();
    schedule();
    renderControls();
    status(paused ? "Paused. Resume when you are ready." : "Carrying on.");
  }

  function answerPain(value) {
    const phase = current();
    if (phase.which === "before") {
      log.pain_before = value;
      log.started_at = new Date().toISOString();
      keepAwake();
      enter(state.at + 1);
      root.scrollIntoView({ block: "start" }); // the figure and the clock fill the screen
    } else {
      log.pain_after = value;
      finish();
    }
  }

  function answerResponse(value) {
    entries[current().ex].response = value;
    enter(state.at + 1);
  }

  function finishEarly() {
    if (state.ended) return;
    if (!log.started_at) log.started_at = new Date().toISOString();
    log.outcome = "ended_early";
    const phase = current();
    if (phase.ex !== undefined && entries[phase.ex].sets_done < exercises[phase.ex].sets) {
      entries[phase.ex].skipped = true;
    }
    enter(phases.length - 1);
  }

  /* The stop control: a symptom ends the session at once and is recorded on the exercise. */
  function stopFor(symptom) {
    const phase = current();
    const ex = phase.ex !== undefined ? phase.ex : phase.which === "after" ? exercises.length - 1 : null;
    if (ex !== null) {
      entries[ex][symptom === "leg_symptoms" ? "spread_down_leg" : "new_numbness"] = true;
      reached.add(ex);
    }
    log.outcome = symptom;
    if (!log.started_at) log.started_at = new Date().toISOString();
    finish(ex);
  }

  function finish(stoppedAt) {
    state.ended = true;
    clearInterval(state.timer);
    hush();
    releaseWake();
    log.ended_at = new Date().toISOString();
    log.exercises = entries.filter((entry, i) => reached.has(i));
    window.suppleOutbox.add(data.log_url, log);
    renderDone(stoppedAt);
    window.suppleOutbox.flush(); // the outbox tells showResult what happened
  }

  /* --- pain during a hold ------------------------------------------------------------ */

  function reportHurt() {
    const phase = current();
    if (state.ended || !phase || phase.type !== "work") return;
    const wasPaused = state.paused;
    setPaused(true);
    const dialog = el("hurt-dialog");
    dialog.dataset.resume = wasPaused ? "" : "yes";
    text("hurt-title", "How strong is the pain?");
    el("hurt-body").replaceChildren(
      paragraph("Choose the number closest to how it feels now, from 0 (no pain) to 10 (the worst you can imagine)."),
      buttonRow(PAIN_HIGH.map((n) => [String(n), () => afterHurt(phase.ex, n)]), "scale"),
      buttonRow([["Back to the session", () => dismiss(dialog)]], "dialog-actions"),
    );
    dialog.showModal();
    el("hurt-title").focus();
  }

  function holdAction(pain, easedOff) {
    if (pain <= HOLD_PAIN_LIMIT) return "continue";
    return easedOff ? "stop_exercise" : "ease_off";
  }

  function afterHurt(ex, pain) {
    const entry = entries[ex];
    entry.pain_during = Math.max(entry.pain_during ?? 0, pain);
    const action = holdAction(pain, eased.has(ex));
    const dialog = el("hurt-dialog");
    if (action === "continue") {
      dismiss(dialog);
      return;
    }
    const body = el("hurt-body");
    if (action === "ease_off") {
      eased.add(ex);
      text("hurt-title", "Ease off");
      body.replaceChildren(
        paragraph(
          "Come out of the stretch a little, until it feels mild, and breathe slowly. " +
            "A stretch should never hurt more than a little.",
        ),
        buttonRow(
          [
            [`It is ${HOLD_PAIN_LIMIT} or less now: carry on`, () => dismiss(dialog)],
            [`It still hurts more than ${HOLD_PAIN_LIMIT}: stop this exercise`, () => stopExercise(ex)],
          ],
          "dialog-actions",
        ),
      );
      say("Ease off until the stretch feels mild.");
    } else {
      text("hurt-title", "Stop this exercise for today");
      body.replaceChildren(
        paragraph(
          `The pain stays above ${HOLD_PAIN_LIMIT} out of 10, so leave this exercise for today. ` +
            "supple notes it in your log.",
        ),
        buttonRow([["Go to the next exercise", () => stopExercise(ex)]], "dialog-actions"),
      );
      say("Stop this exercise for today.");
    }
    el("hurt-title").focus();
  }

  function stopExercise(ex) {
    const entry = entries[ex];
    entry.stopped = true;
    if (entry.sets_done < exercises[ex].sets) entry.skipped = true;
    const dialog = el("hurt-dialog");
    dialog.dataset.resume = "";
    dialog.close();
    state.paused = false;
    enter(afterExercise(ex));
  }

  /* Close a dialog and carry on with the session if opening it paused the session. */
  function dismiss(dialog) {
    const resume = dialog.dataset.resume === "yes";
    dialog.dataset.resume = "";
    if (dialog.open) dialog.close();
    if (resume && state.paused) setPaused(false);
  }

  /* --- speaking, and keeping the screen awake ------------------------------------------ */

  let speechOn = readSpeech();
  let wakeLock = null;

  function readSpeech() {
    try {
      return localStorage.getItem(SPEECH_KEY) !== "off";
    } catch (error) {
      return true;
    }
  }

  function say(words) {
    if (!speechOn || !("speechSynthesis" in window) || !words) return;
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(words));
  }

  function hush() {
    if ("speechSynthesis" in window) speechSynthesis.cancel();
  }

  function toggleSpeech() {
    speechOn = !speechOn;
    try {
      localStorage.setItem(SPEECH_KEY, speechOn ? "on" : "off");
    } catch (error) {
      // Not remembered; it still applies to this session.
    }
    if (!speechOn) hush();
    renderControls();
  }

  async function keepAwake() {
    if (state.ended || wakeLock || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => {
        wakeLock = null;
      });
    } catch (error) {
      wakeLock = null; // refused (battery saver, hidden tab): asked again when the page is visible
    }
  }

  function releaseWake() {
    if (wakeLock) wakeLock.release().catch(() => {});
    wakeLock = null;
  }

  // The browser drops the lock when the page is hidden; take it again on return.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && log.started_at && !state.ended) keepAwake();
  });

  /* --- words ---------------------------------------------------------------------------- */

  function sideName(side) {
    return side === "left" ? "left side" : "right side";
  }

  function workWords(phase) {
    const exercise = exercises[phase.ex];
    const what =
      exercise.kind === "hold" ? `Hold for ${exercise.hold_seconds} seconds.` : `${exercise.reps} slow repetitions.`;
    if (phase.switching) return `Now the ${sideName(phase.side)}. ${what}`;
    if (phase.set > 1) return `Set ${phase.set}. ${what}`;
    return what;
  }

  function restWords(phase) {
    const next = phase.switching ? `Then the ${sideName(phase.side)}.` : `Then set ${phase.set}.`;
    return `Rest for ${phase.seconds} seconds. ${next}`;
  }

  function announce(phase) {
    const exercise = exercises[phase.ex];
    let words = "";
    if (phase.type === "pain") {
      status("Choose a number from 0 to 10.");
      if (phase.which === "after") say("Last question: how is your pain now, from 0 to 10?");
      return;
    } else if (phase.type === "ready") {
      const side = phase.side ? ` Start with the ${sideName(phase.side)}.` : "";
      words = `Get ready: ${exercise.name}.${side}`;
    } else if (phase.type === "work") {
      words = workWords(phase);
    } else if (phase.type === "rest") {
      words = restWords(phase);
    } else if (phase.type === "rate") {
      words = `How did the ${exercise.name.toLowerCase()} feel?`;
    }
    status(words);
    if (phase.type === "work" && exercise.kind === "hold") words += ` ${exercise.cues[0] || ""}`;
    if (state.at > 0) say(words); // nothing is spoken before the person has started
  }

  /* Spoken during a phase: a cue halfway through a hold, and the count of each repetition. */
  function cueDuring(phase) {
    if (phase.type !== "work") return;
    const exercise = exercises[phase.ex];
    const elapsed = phase.seconds * 1000 - state.remaining;
    if (exercise.kind === "reps") {
      const rep = Math.floor(elapsed / (SECONDS_PER_REP * 1000)) + 1;
      if (rep > state.spoken && rep <= exercise.reps) {
        state.spoken = rep;
        if (rep > 1) say(String(rep));
      }
    } else if (state.spoken === 0 && elapsed >= (phase.seconds * 1000) / 2 && exercise.cues.length > 1) {
      state.spoken = 1;
      say(exercise.cues[(phase.bout + 1) % exercise.cues.length]);
    }
  }

  /* --- drawing ---------------------------------------------------------------------------- */

  function text(name, words) {
    el(name).textContent = words;
  }

  function status(words) {
    text("status", words);
  }

  function paragraph(words) {
    const p = document.createElement("p");
    p.textContent = words;
    return p;
  }

  function buttonRow(buttons, className) {
    const row = document.createElement("div");
    row.className = className;
    buttons.forEach(([label, action]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.addEventListener("click", action);
      row.append(button);
    });
    return row;
  }

  function painScale() {
    const scale = buttonRow(Array.from({ length: 11 }, (_, n) => [String(n), () => answerPain(n)]), "scale");
    scale.setAttribute("role", "group");
    scale.setAttribute("aria-labelledby", "player-heading");
    scale.setAttribute("aria-describedby", "scale-ends");
    const ends = paragraph("0 is no pain, 10 is the worst pain you can imagine.");
    ends.id = "scale-ends";
    ends.className = "scale-ends";
    return [scale, ends];
  }

  function render() {
    const phase = current();
    const exercise = exercises[phase.ex];
    const where = exercise ? `Exercise ${phase.ex + 1} of ${exercises.length}` : "";
    const detail = phase.side ? ` · ${sideName(phase.side)}` : "";
    const set = phase.set && exercise.sets > 1 ? ` · set ${phase.set} of ${exercise.sets}` : "";
    text("where", where + (phase.type === "work" || phase.type === "rest" ? detail + set : ""));
    if (phase.type === "pain") {
      text("heading", phase.which === "before" ? "How is your pain right now?" : "How is your pain now?");
      text("dose", phase.which === "before" ? "Before you start." : "You have finished the exercises.");
    } else {
      text("heading", exercise.name);
      text("dose", phase.type === "rate" ? "All sets done." : `${exercise.dose}.`);
    }
    renderFigure(phase, exercise);
    renderSteps(exercise && phase.type !== "rate" ? exercise.steps : []);
    renderChoices(phase);
    el("clock").hidden = !timed(phase);
    renderClock();
    renderControls();
    keepFocus();
  }

  function renderFigure(phase, exercise) {
    const box = el("figure-box");
    box.hidden = !exercise;
    if (!exercise) return;
    const side = exercise.sides === "each" ? phase.side || "right" : "none";
    const key = `${exercise.id}:${side}`;
    if (state.figure === key) return; // keep the animation running
    state.figure = key;
    // The library's figure files: the animation, or the held still for people who prefer reduced motion.
    const figure = exercise.figures[side];
    el("figure-still").srcset = figure.still;
    const image = el("figure-image");
    image.src = figure.src;
    image.alt = figure.alt;
    text("caption", exercise.sides === "each" ? `${exercise.name}, ${sideName(side)}` : exercise.name);
  }

  function renderSteps(steps) {
    el("steps").hidden = steps.length === 0;
    el("steps").replaceChildren(
      ...steps.map((step) => {
        const li = document.createElement("li");
        li.textContent = step;
        return li;
      }),
    );
  }

  function renderChoices(phase) {
    const choices = el("choices");
    if (phase.type === "pain") {
      choices.replaceChildren(...painScale());
    } else if (phase.type === "rate") {
      const buttons = RESPONSES.map(([value, label]) => [label, () => answerResponse(value)]);
      choices.replaceChildren(buttonRow(buttons, "responses"));
    } else {
      choices.replaceChildren();
    }
  }

  function renderClock() {
    const phase = current();
    if (!timed(phase)) return;
    const total = phase.seconds * 1000;
    const done = Math.min(1, Math.max(0, 1 - state.remaining / total));
    const seconds = Math.max(0, Math.ceil(state.remaining / 1000));
    const exercise = exercises[phase.ex];
    const kind = { ready: "Get ready", work: exercise.kind === "hold" ? "Hold" : "Slowly", rest: "Rest" }[phase.type];
    let number = String(seconds);
    let label = { ready: "get ready", work: "seconds", rest: "rest" }[phase.type];
    let words = `${seconds} seconds left`;
    if (phase.type === "work" && exercise.kind === "reps") {
      const rep = Math.min(exercise.reps, Math.floor((total - state.remaining) / (SECONDS_PER_REP * 1000)) + 1);
      number = String(rep);
      label = `of ${exercise.reps}`;
      words = `Repetition ${rep} of ${exercise.reps}`;
    }
    text("number", number);
    text("label", label);
    el("ring-fill").style.strokeDashoffset = String(RING_LENGTH * (1 - done));
    const ring = el("ring");
    ring.setAttribute("aria-label", kind);
    ring.setAttribute("aria-valuenow", String(Math.round(done * 100)));
    ring.setAttribute("aria-valuetext", words);
    ring.classList.toggle("is-rest", phase.type !== "work");
  }

  function renderControls() {
    const phase = current();
    const pause = el("pause");
    pause.textContent = state.paused ? "Resume" : "Pause";
    pause.disabled = !timed(phase);
    el("back").disabled = phase.ex === undefined && phase.which !== "after";
    el("skip").disabled = phase.ex === undefined;
    el("finish").disabled = state.at < 1 || phase.type === "pain";
    el("hurts").hidden = phase.type !== "work";
    const speech = el("speech");
    speech.setAttribute("aria-pressed", String(speechOn));
    speech.textContent = speechOn ? "Spoken cues: on" : "Spoken cues: off";
    root.classList.toggle("is-paused", state.paused);
  }

  /* After a change the focused button may be gone or disabled: keep keyboard users in place. */
  function keepFocus() {
    const active = document.activeElement;
    const lost = !active || active === document.body || active.disabled || !active.offsetParent;
    if (lost && state.at > 0) el("heading").focus({ preventScroll: true });
  }

  function renderDone(ex) {
    el("session").hidden = true;
    el("done").hidden = false;
    const advice = el("done-advice");
    const name = ex !== null && ex !== undefined ? exercises[ex].name : "";
    if (log.outcome === "leg_symptoms") {
      text("done-heading", "Session stopped");
      advice.replaceChildren(
        paragraph(
          "You stopped because pain, tingling or numbness spread down your leg" +
            (name ? ` during the ${name.toLowerCase()}.` : "."),
        ),
        paragraph(
          "Rest in a comfortable position. If it does not settle, or it happens again, see a doctor or " +
            "physiotherapist.",
        ),
      );
    } else if (log.outcome === "new_numbness") {
      text("done-heading", "Session stopped");
      advice.replaceChildren(
        paragraph(
          "You reported new numbness, pins and needles or weakness. Stop the exercises for now, and answer the " +
            "safety questions again so supple can tell you whether to see a clinician first.",
        ),
        paragraph(
          "If you have numbness around your genitals or bottom, new trouble with your bladder or bowels, or " +
            "weakness in both legs, get emergency care now.",
        ),
      );
      el("done-restart").hidden = false;
    } else {
      text("done-heading", "Well done: session finished");
      advice.replaceChildren(paragraph("A little every day is what helps most. See you next time."));
    }
    if (log.outcome !== "new_numbness") advice.append(...stoppedForPain());
    text("done-status", "Saving your session…");
    el("done-heading").focus();
    root.scrollIntoView({ block: "start" });
  }

  /* Each exercise stopped because the pain stayed above the limit during a hold: what happened and what next. */
  function stoppedForPain() {
    const stopped = entries.filter((entry) => entry.stopped).map((entry) => exercises[entry.position - 1].name);
    if (stopped.length === 0) return [];
    const [because, next] = data.hold_stopped_words;
    const notes = stopped.map((name) => paragraph(because.replace("{exercise}", `the ${name.toLowerCase()}`)));
    const box = document.createElement("div");
    box.className = "player-stopped";
    box.dataset.el = "done-stopped";
    box.append(...notes, paragraph(next));
    return [box];
  }

  /* What happened to the log, in words: it is saved, it waits on this device (and why, and until when), or
   * the server refused it (and why). A final answer is not undone by a later attempt's. */
  function showResult(result) {
    const { outcome, status, body } = result;
    if (state.delivered) return;
    if (outcome === "saved" || outcome === "saved_before") {
      state.delivered = true;
      const before = result.elsewhere ? " It was sent from another supple tab." : " It had already arrived.";
      text("done-status", `Your session is saved.${outcome === "saved_before" || result.elsewhere ? before : ""}`);
      showChanges(body);
    } else if (outcome === "refused") {
      state.delivered = true;
      const why = reasons(body);
      text(
        "done-status",
        `Sorry: supple could not save this session${why ? ` (${why})` : ""}. Sending it again would not help, so ` +
          "it is not kept. Your plan is unchanged.",
      );
    } else if (outcome === "offline") {
      text(
        "done-status",
        "You are offline. Your session is saved on this device and will be sent when you are back online.",
      );
    } else if (outcome === "server_error") {
      const when = result.retrySeconds ? `in ${waitWords(result.retrySeconds)}` : "soon";
      text(
        "done-status",
        `supple's server could not save your session just now${status ? ` (error ${status})` : ""}. It is kept on ` +
          `this device, and supple will try again ${when} and whenever you open supple.`,
      );
    } else if (outcome === "logged_out") {
      statusWithLink(
        "You are not logged in any more, so your session could not be sent. It is kept on this device and will " +
          "be sent when you log in again: ",
        "log in",
        `${data.login_url}?next=${encodeURIComponent(data.today_url)}`,
      );
    } else if (outcome === "not_yours") {
      text(
        "done-status",
        "This browser is now logged in to another account, so your session was not sent to it. It is kept on this " +
          "device and will be sent when you log in to your own account again.",
      );
    } else {
      text(
        "done-status",
        `supple did not accept your session from this page${reasons(body) ? ` (${reasons(body)})` : ""}. It is ` +
          "kept on this device and will be sent again when you reload the page or open supple again.",
      );
    }
  }

  function showChanges(body) {
    const changes = body.changes || [];
    el("done-list").replaceChildren(
      ...changes.map((change) => {
        const li = document.createElement("li");
        li.textContent = change;
        return li;
      }),
    );
    el("done-changes").hidden = changes.length === 0;
    if (body.program_stopped) el("done-restart").hidden = false;
  }

  /* The server's reasons ({"errors": {field: [messages]}}) as one short text. */
  function reasons(body) {
    const errors = body && body.errors && typeof body.errors === "object" ? body.errors : {};
    const messages = Object.values(errors).flat().filter((message) => typeof message === "string");
    return messages.slice(0, 3).join(" ").slice(0, 300);
  }

  function waitWords(seconds) {
    return seconds < 60 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
  }

  function statusWithLink(words, label, href) {
    const link = document.createElement("a");
    link.href = href;
    link.textContent = label;
    el("done-status").replaceChildren(words, link, ".");
  }

  window.suppleOutbox.onResult((clientId, result) => {
    if (clientId === log.client_id) showResult(result);
  });

  /* --- controls and keys ------------------------------------------------------------- */

  el("pause").addEventListener("click", () => setPaused(!state.paused));
  el("skip").addEventListener("click", skip);
  el("back").addEventListener("click", back);
  el("finish").addEventListener("click", finishEarly);
  el("speech").addEventListener("click", toggleSpeech);
  el("hurts").addEventListener("click", reportHurt);

  const stopDialog = el("stop-dialog");
  const hurtDialog = el("hurt-dialog");
  el("stop").addEventListener("click", () => {
    if (state.ended) return;
    stopDialog.dataset.resume = state.paused ? "" : "yes";
    if (timed(current())) setPaused(true);
    stopDialog.showModal();
  });
  // The stop control stays within reach while the pain dialog is open.
  el("hurt-stop").addEventListener("click", () => {
    stopDialog.dataset.resume = hurtDialog.dataset.resume;
    hurtDialog.dataset.resume = "";
    hurtDialog.close();
    stopDialog.showModal();
  });
  stopDialog.querySelectorAll("[data-symptom]").forEach((button) =>
    button.addEventListener("click", () => {
      stopDialog.dataset.resume = "";
      stopDialog.close();
      stopFor(button.dataset.symptom);
    }),
  );
  stopDialog.querySelector("[data-close]").addEventListener("click", () => dismiss(stopDialog));
  // Escape closes a dialog without a click: the session carries on then too.
  [stopDialog, hurtDialog].forEach((dialog) => {
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      dismiss(dialog);
    });
    dialog.addEventListener("close", () => dismiss(dialog));
  });

  document.addEventListener("keydown", (event) => {
    if (state.ended || state.at < 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (root.querySelector("dialog[open]")) return;
    const target = event.target instanceof Element ? event.target : document.body;
    if (target.closest("input, select, textarea, [contenteditable]")) return;
    if (event.key === " " && !target.closest("button, a, summary")) {
      event.preventDefault();
      setPaused(!state.paused);
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      skip();
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      back();
    }
  });

  /* --- offline ----------------------------------------------------------------------- */

  // The service worker keeps this page (and so the routine in it) and its files, the
  // routine's figures among them, so the page opens again without a connection.
  function cacheForOffline() {
    if (!("serviceWorker" in navigator)) return;
    const files = document.querySelectorAll("link[rel~=stylesheet], link[rel~=icon], script[src]");
    const figures = exercises.flatMap((exercise) => Object.values(exercise.figures).flatMap((f) => [f.src, f.still]));
    const assets = [...Array.from(files, (node) => node.href || node.src), ...figures];
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "cached") document.documentElement.dataset.offlineReady = "true";
    });
    navigator.serviceWorker
      .register(data.service_worker_url)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active.postMessage({ type: "cache", urls: [location.pathname, ...assets] }))
      .catch(() => {}); // offline use is a bonus: the session works without it
  }

  root.hidden = false;
  enter(0);
  cacheForOffline();
})();
