"""Responding to pain (clinical rules, section 6): adapt a plan after each session and morning check-in.

`adapt_after_session(plan, history)` takes the current plan and the whole pain history
and returns the adjusted plan with a plain-language reason for every change. It is safe
to call again with the same history: each change is applied once. "Today" is the day of
the newest entry in the history; symptoms and red flags are read from that day's
reports, while removals and trends use the whole history.

`hold_action` is the in-session rule for pain during a hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from supple.domain.intake import RED_FLAGS
from supple.domain.outcomes import pain_margin
from supple.domain.planning import (
    SECONDS_PER_REP,
    STATUS_STOPPED,
    Plan,
    PlanItem,
    minutes_of,
)
from supple.domain.precautions import Exclusion
from supple.domain.screening import FLAG_QUESTIONS, STOPPING_DECISIONS, rescreen

# Symptoms a person can report besides the red flags (intake.RED_FLAGS names). Leg symptoms
# spreading at a morning check-in cannot be tied to one exercise, so they stop the program
# like new numbness does (stricter than removing one exercise, clinical rules, section 6).
NEURO_SYMPTOMS = ("new_numbness", "pins_and_needles", "weakness", "spreading_leg_symptoms")
SYMPTOMS = (*NEURO_SYMPTOMS, *RED_FLAGS)

# Pain above 5/10 during a hold: ease off, then stop for the session (clinical rules, section 6;
# Silbernagel 2007 pain-monitoring model). The session player applies it (session_limits).
HOLD_PAIN_LIMIT = 5
# Next-morning pain 2 or more above baseline: reduce; on 3 of 7 days: see a clinician
# (product heuristic on the 2-point MIC and the next-morning rule, clinical rules, section 6).
FLARE_POINTS = 2
FLARE_DAYS = 3
FLARE_WINDOW_DAYS = 7
# Spreading symptoms a second time: recommend a clinician (clinical rules, section 6, "if it happens again").
# Each session stopped for them counts, the same day or not: two sessions on one day are two times.
SPREAD_SESSIONS_FOR_CLINICIAN = 2
# Progression after 2 weeks stable or better (clinical rules, sections 5 and 6; Garber 2011):
# holds up to 60 s, up to 4 sets.
STABLE_DAYS = 14
STABLE_MIN_CHECKINS = 7  # product heuristic: check-ins on at least half the days of those 2 weeks
PROGRESS_HOLD_STEP = 15
MAX_HOLD_SECONDS = 60
MAX_SETS = 4
# Reduced dose after a flare: shorter holds, fewer repetitions (clinical rules, section 6); never below these.
REDUCE_HOLD_STEP = 10
MIN_HOLD_SECONDS = 15
REDUCE_REPS_STEP = 2
MIN_REPS = 6
MIN_SETS = 1
# No meaningful improvement after 6 weeks of regular use: see a clinician (clinical rules, section 6).
REVIEW_AFTER_DAYS = 42
REGULAR_SESSION_DAYS = 18  # product heuristic: sessions on 3 days a week for 6 weeks
RECENT_DAYS = 7  # the recent pain level is the mean of the last 7 days' check-ins

CONTINUE = "continue"
EASE_OFF = "ease_off"
STOP_EXERCISE = "stop_exercise"

REMOVED_BECAUSE = "symptoms_spread"

SPREAD_CLINICIAN_ADVICE = (
    "Pain, tingling or numbness has spread down your leg in more than one session: please see a doctor or "
    "physiotherapist before going on."
)
FLARE_CLINICIAN_ADVICE = (
    "Your morning pain has been 2 or more points above your usual level on 3 of the last 7 days: please see a "
    "doctor or physiotherapist."
)
NO_PROGRESS_CLINICIAN_ADVICE = (
    "After 6 weeks of regular exercise your pain has not improved meaningfully: please see a doctor or "
    "physiotherapist, and show them your pain chart from supple."
)
# An exercise stopped during a session because the pain stayed above the limit (clinical rules, section 6):
# told on the player's end screen and on Progress. {exercise} is "the" and the exercise's name.
HOLD_STOPPED_BECAUSE = "You stopped {exercise} because the pain went above {limit}/10."
HOLD_STOPPED_NEXT = (
    "That was the right thing to do. Next time, go only as far as a mild stretch. If it hurts above {limit}/10 "
    "again, ease off, and leave it for that session if the pain stays. If your back is worse the next morning, "
    "say so in your check-in: supple then makes your sessions lighter."
)
NEURO_STOP_ADVICE = (
    "Stop the exercises for now: you reported new numbness, pins and needles, weakness, or pain spreading down "
    "your leg. Answer the safety questions again so supple can check whether you need to see a clinician first."
)


@dataclass(frozen=True)
class ExerciseResponse:
    """How one exercise went in a session."""

    exercise: str
    peak_pain: int | None = None  # highest pain during a hold, 0 to 10
    spread: bool = False  # pain, tingling or numbness spread further down the leg
    stopped: bool = False  # stopped for the session after easing off did not help


@dataclass(frozen=True)
class Session:
    day: date
    pain_before: int | None = None
    pain_after: int | None = None
    responses: tuple[ExerciseResponse, ...] = ()
    symptoms: frozenset[str] = frozenset()  # names from SYMPTOMS


@dataclass(frozen=True)
class CheckIn:
    """The morning check-in: pain on waking, and any symptoms."""

    day: date
    pain: int
    symptoms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PainHistory:
    baseline: int  # the person's usual pain when the plan started (the intake's pain.intensity)
    sessions: tuple[Session, ...] = ()
    checkins: tuple[CheckIn, ...] = ()

    @property
    def today(self) -> date | None:
        days = [s.day for s in self.sessions] + [c.day for c in self.checkins]
        return max(days, default=None)


@dataclass(frozen=True)
class Change:
    """One thing adapt_after_session did or noticed, with its plain-language reason."""

    code: str
    reason: str
    exercise: str | None = None


@dataclass(frozen=True)
class Adaptation:
    plan: Plan
    changes: tuple[Change, ...]

    @property
    def see_clinician(self) -> bool:
        return any(c.code.startswith("clinician_") or c.code == "rescreened" for c in self.changes)


def hold_stopped_words(exercise: str = "{exercise}") -> tuple[str, str]:
    """What happened and what to do next, for an exercise stopped for pain above the limit during a hold.

    `exercise` reads "the ..." (the player fills in the placeholder left by default).
    """
    return (
        HOLD_STOPPED_BECAUSE.format(exercise=exercise, limit=HOLD_PAIN_LIMIT),
        HOLD_STOPPED_NEXT.format(limit=HOLD_PAIN_LIMIT),
    )


def session_limits() -> dict[str, int]:
    """The clinical numbers the session player applies in the browser, sent to it with the routine.

    hold_pain_limit: pain above it during a hold means ease off, then stop (hold_action;
    clinical rules, section 6). seconds_per_rep: the pace of one slow repetition (clinical
    rules, section 5).
    """
    return {"hold_pain_limit": HOLD_PAIN_LIMIT, "seconds_per_rep": SECONDS_PER_REP}


def hold_action(pain: int, eased_off: bool) -> str:
    """During a hold: above 5/10, ease off; if it stays above 5 after easing off, stop that exercise."""
    if pain <= HOLD_PAIN_LIMIT:
        return CONTINUE
    return STOP_EXERCISE if eased_off else EASE_OFF


def meaningful_improvement(baseline: float, pain: float) -> bool:
    """At least 2 points and at least 30% lower than the baseline.

    clinical rules, section 7 calls "2 points or 30%" meaningful; requiring whichever is larger is the
    stricter reading: supple never calls an improvement meaningful (nor progresses the
    dose, nor holds back a clinician referral) on a change one of the two would not count.
    Progress draws its band with the same rule.
    """
    # Rounded so that binary fractions do not decide a boundary: 7 - 4.9 is 2.0999... and
    # 30% of 7 is 2.1; both are 2.1, a meaningful drop.
    drop = round(baseline - pain, 9)
    return drop > 0 and drop >= round(pain_margin(baseline), 9)


def is_flare(baseline: int, pain: int) -> bool:
    return pain >= baseline + FLARE_POINTS


def adapt_after_session(plan: Plan, history: PainHistory) -> Adaptation:
    """The plan adjusted to the pain history, with a reason for every change (clinical rules, section 6)."""
    today = history.today
    if today is None or plan.status == STATUS_STOPPED:
        return Adaptation(plan, ())
    changes: list[Change] = []
    stopped = _rescreen(plan, history, today, changes) or _neuro_stop(plan, history, today, changes)
    if stopped is not None:
        return Adaptation(stopped, tuple(changes))
    _note_hold_pain(plan, history, today, changes)
    plan = _remove_spreading(plan, history, changes)
    plan = _respond_to_mornings(plan, history, today, changes)
    plan = _review_after_six_weeks(plan, history, today, changes)
    return Adaptation(plan, tuple(changes))


def _reports_on(history: PainHistory, day: date) -> set[str]:
    symptoms: set[str] = set()
    for entry in (*history.sessions, *history.checkins):
        if entry.day == day:
            symptoms |= entry.symptoms
    return symptoms


def _rescreen(plan: Plan, history: PainHistory, today: date, changes: list[Change]) -> Plan | None:
    """A red flag reported today: screening runs again; emergency or urgent stops the program at once."""
    reported = _reports_on(history, today) & set(RED_FLAGS)
    if not reported:
        return None
    screening = rescreen(reported, plan.reasons)
    if screening.decision not in STOPPING_DECISIONS:  # every red flag is urgent or worse; kept for safety
        return None
    said = "; ".join(FLAG_QUESTIONS[name] for name in RED_FLAGS if name in reported)
    changes.append(Change("rescreened", f"{screening.advice[0]} You reported: {said}."))
    return Plan(screening.decision, screening.reasons, screening.advice, removed=plan.removed, status=STATUS_STOPPED)


def _neuro_stop(plan: Plan, history: PainHistory, today: date, changes: list[Change]) -> Plan | None:
    """New numbness, pins and needles or weakness today: stop the program until screening is redone."""
    reported = _reports_on(history, today) & set(NEURO_SYMPTOMS)
    if not reported:
        return None
    changes.append(Change("program_stopped", NEURO_STOP_ADVICE))
    return replace(
        plan,
        advice=(NEURO_STOP_ADVICE, *plan.advice),
        routine=(),
        desk_routine=(),
        schedule=None,
        minutes=0,
        desk_minutes=0,
        status=STATUS_STOPPED,
    )


def _remove_spreading(plan: Plan, history: PainHistory, changes: list[Change]) -> Plan:
    """Take out every exercise after which symptoms spread down the leg; a second time, see a clinician."""
    spread_days = {}
    for session in history.sessions:
        for response in session.responses:
            if response.spread:
                spread_days.setdefault(response.exercise, session.day)
    names = {item.exercise: item.name for item in (*plan.routine, *plan.desk_routine)}
    for exercise_id in spread_days:
        if exercise_id in names:
            reason = (
                f"{names[exercise_id]} is taken out of your routine because pain, tingling or numbness spread "
                "down your leg during or after it."
            )
            changes.append(Change("exercise_removed", reason, exercise_id))
            plan = _without(plan, exercise_id, reason)
    sessions_with_spread = sum(1 for s in history.sessions if any(r.spread for r in s.responses))
    if sessions_with_spread >= SPREAD_SESSIONS_FOR_CLINICIAN:
        plan = _recommend(plan, changes, "clinician_spread", SPREAD_CLINICIAN_ADVICE)
    return plan


def _without(plan: Plan, exercise_id: str, reason: str) -> Plan:
    routine = tuple(i for i in plan.routine if i.exercise != exercise_id)
    desk = tuple(i for i in plan.desk_routine if i.exercise != exercise_id)
    return replace(
        plan,
        routine=routine,
        desk_routine=desk,
        minutes=minutes_of(routine),
        desk_minutes=minutes_of(desk),
        advice=(*plan.advice, reason),
        removed=(*plan.removed, Exclusion(exercise_id, (REMOVED_BECAUSE,))),
    )


def _recommend(plan: Plan, changes: list[Change], code: str, advice: str) -> Plan:
    """Recommend a clinician once: the advice is added only if the plan does not say it yet."""
    if advice in plan.advice:
        return plan
    changes.append(Change(code, advice))
    return replace(plan, advice=(advice, *plan.advice))


def _note_hold_pain(plan: Plan, history: PainHistory, today: date, changes: list[Change]) -> None:
    """Pain above 5/10 during a hold today is logged, with the advice to ease off."""
    names = {item.exercise: item.name for item in (*plan.routine, *plan.desk_routine)}
    for session in history.sessions:
        if session.day != today:
            continue
        for r in session.responses:
            if r.peak_pain is not None and r.peak_pain > HOLD_PAIN_LIMIT:
                name = names.get(r.exercise, r.exercise)
                stopped = ", and you stopped it for the session" if r.stopped else ""
                reason = (
                    f"Pain reached {r.peak_pain}/10 during {name}{stopped}. Next time ease off to a mild stretch; "
                    f"if the pain stays above {HOLD_PAIN_LIMIT}/10, stop that exercise for the session."
                )
                changes.append(Change("hold_pain_logged", reason, r.exercise))


def _respond_to_mornings(plan: Plan, history: PainHistory, today: date, changes: list[Change]) -> Plan:
    """Next-morning flare: reduce (and on 3 of 7 days see a clinician); lasting improvement: progress."""
    mornings = sorted(history.checkins, key=lambda c: c.day)
    latest = mornings[-1] if mornings and mornings[-1].day == today else None
    if latest is None:
        return plan
    baseline = history.baseline
    if is_flare(baseline, latest.pain):
        if plan.dose_changed_on is None or plan.dose_changed_on < today.isoformat():
            plan = _change_dose(plan, today, _reduced, "dose_reduced", _flare_reason(baseline, latest.pain), changes)
        window = [c for c in mornings if c.day > today - timedelta(days=FLARE_WINDOW_DAYS)]
        if len({c.day for c in window if is_flare(baseline, c.pain)}) >= FLARE_DAYS:
            plan = _recommend(plan, changes, "clinician_flares", FLARE_CLINICIAN_ADVICE)
        return plan
    if meaningful_improvement(baseline, latest.pain):
        changes.append(
            Change(
                "improvement", f"Your morning pain is {latest.pain}/10, down from {baseline}/10: a real improvement."
            )
        )
        if _stable_for_two_weeks(plan, mornings, baseline, today):
            if plan.gentle_only:
                changes.append(Change("progress_needs_review", _GENTLE_PROGRESS_REASON))
            else:
                plan = _change_dose(plan, today, _progressed, "dose_progressed", _PROGRESS_REASON, changes)
    return plan


_PROGRESS_REASON = (
    "Your pain has been stable or better for 2 weeks, so your holds are longer now (up to 60 seconds; "
    "then more repetitions, up to 4)."
)
_GENTLE_PROGRESS_REASON = (
    "Your pain has been stable or better for 2 weeks. Your routine stays gentle until you update your answers "
    "or a clinician clears you; then supple can build a fuller routine."
)


def _flare_reason(baseline: int, pain: int) -> str:
    return (
        f"This morning your pain was {pain}/10, 2 or more points above your usual {baseline}/10, so the next "
        "sessions are lighter: shorter holds and fewer repetitions."
    )


def _stable_for_two_weeks(plan: Plan, mornings: list[CheckIn], baseline: int, today: date) -> bool:
    """2 weeks of check-ins never worse than the baseline, and no dose change in those 2 weeks."""
    start = today - timedelta(days=STABLE_DAYS - 1)
    if not mornings or mornings[0].day > start:
        return False
    if plan.dose_changed_on is not None and plan.dose_changed_on > (today - timedelta(days=STABLE_DAYS)).isoformat():
        return False
    window = [c for c in mornings if c.day >= start]
    return len({c.day for c in window}) >= STABLE_MIN_CHECKINS and all(c.pain <= baseline for c in window)


def _change_dose(
    plan: Plan, today: date, step: Callable[[PlanItem], PlanItem], code: str, reason: str, changes: list[Change]
) -> Plan:
    routine = tuple(step(item) for item in plan.routine)
    desk = tuple(step(item) for item in plan.desk_routine)
    if routine == plan.routine and desk == plan.desk_routine:
        return plan  # already at the limit: nothing to change
    changes.append(Change(code, reason))
    level = plan.dose_level + (1 if code == "dose_progressed" else -1)
    return replace(
        plan,
        routine=routine,
        desk_routine=desk,
        minutes=minutes_of(routine),
        desk_minutes=minutes_of(desk),
        dose_level=level,
        dose_changed_on=today.isoformat(),
    )


def _reduced(item: PlanItem) -> PlanItem:
    """Shorter holds, fewer repetitions; never below 15 s, 6 reps or 1 set."""
    if item.kind == "hold":
        hold = max(MIN_HOLD_SECONDS, (item.hold_seconds or 0) - REDUCE_HOLD_STEP)
        return replace(item, hold_seconds=hold, sets=max(MIN_SETS, item.sets - 1))
    return replace(item, reps=max(MIN_REPS, (item.reps or 0) - REDUCE_REPS_STEP), sets=max(MIN_SETS, item.sets - 1))


def _progressed(item: PlanItem) -> PlanItem:
    """Longer holds up to 60 s, then one more repetition per side up to 4; movements stay as they are."""
    if item.kind != "hold":
        return item
    hold = item.hold_seconds or 0
    if hold < MAX_HOLD_SECONDS:
        return replace(item, hold_seconds=min(MAX_HOLD_SECONDS, hold + PROGRESS_HOLD_STEP))
    return replace(item, sets=min(MAX_SETS, item.sets + 1))


def _review_after_six_weeks(plan: Plan, history: PainHistory, today: date, changes: list[Change]) -> Plan:
    """No meaningful improvement after 6 weeks of regular use: recommend a clinician, with the chart."""
    session_days = sorted({s.day for s in history.sessions})
    if not session_days or session_days[0] > today - timedelta(days=REVIEW_AFTER_DAYS):
        return plan
    if len(session_days) < REGULAR_SESSION_DAYS:
        return plan
    recent = [c.pain for c in history.checkins if c.day > today - timedelta(days=RECENT_DAYS)]
    if not recent:
        return plan
    if meaningful_improvement(history.baseline, sum(recent) / len(recent)):
        return plan
    return _recommend(plan, changes, "clinician_no_progress", NO_PROGRESS_CLINICIAN_ADVICE)
