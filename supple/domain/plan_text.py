"""A plan as plain text for a person (`supple plan --format text`).

The decision comes first (for emergency and urgent, what to do now), then the advice,
then each exercise with its dose and why, the desk routine, and the exercises left out
with the reasons.
"""

from __future__ import annotations

from supple.domain.library import Library
from supple.domain.planning import STATUS_STOPPED, Plan, PlanItem
from supple.domain.screening import EMERGENCY, PROCEED, SEE_CLINICIAN, URGENT
from supple.domain.vocabulary import CAUSE_NAMES, TARGET_NAMES

HEADLINES = {
    EMERGENCY: "EMERGENCY: get emergency care now. Do not do any exercises.",
    URGENT: "URGENT: see a clinician before you start. No exercises until a clinician says you can.",
    SEE_CLINICIAN: "See a clinician soon. Until then, a gentle routine only.",
    PROCEED: "You can start. Your routine is below.",
}
STOPPED_HEADLINE = "STOP: no exercises for now. Read the advice below."
NO_ROUTINE_HEADLINE = "No exercises for now. Read the advice below."

EXCLUSION_TEXT = {
    "hip_replacement": "your hip replacement (your surgeon's instructions come first)",
    "pregnancy": "pregnancy after the first trimester",
    "osteoporosis": "osteoporosis",
    "spinal_stenosis": "spinal stenosis",
    "knee_problem": "your knee",
    "hypermobility": "hypermobile joints",
    "recent_surgery": "your recent operation (until your surgeon clears you)",
    "no_floor": "it is done on the floor",
    "no_chair": "it needs a chair",
    "flexion_intolerant": "bending forward or sitting makes your pain worse",
    "extension_intolerant": "standing, walking or bending backward makes your pain worse",
    "gentle_only": "gentle exercises only for now",
    "symptoms_spread": "symptoms spread down your leg after it",
}

WHY_TEXT = {**CAUSE_NAMES, "general": "a balanced set of stretches"}


def render_plan_text(plan: Plan, library: Library | None = None) -> str:
    """The whole plan as text, ending in a newline; `library` names the excluded exercises."""
    stopped = plan.status == STATUS_STOPPED
    paused = stopped and plan.decision not in (EMERGENCY, URGENT)  # stopped by a symptom (section 6)
    headline = STOPPED_HEADLINE if paused else HEADLINES[plan.decision]
    if plan.decision == PROCEED and not plan.routine and not stopped:
        headline = NO_ROUTINE_HEADLINE  # every exercise ruled out, e.g. soon after spine surgery
    lines = [headline, ""]
    lines += _bullets("What to do now" if stopped else "What supple found and advises", plan.advice)
    if plan.routine:
        times = "once a day" if plan.schedule and plan.schedule.routines_per_day == 1 else "twice a day"
        lines.append(f"Your daily routine: {_count(len(plan.routine))}, about {_minutes(plan.minutes)}, {times}")
        lines += _items(plan.routine, shown=set())
    if plan.desk_routine:
        every = plan.schedule.desk_break_every_minutes if plan.schedule else None
        when = f"every {every} minutes of sitting" if every else "when you have sat for a while"
        lines.append(f"Desk routine: {when}, about {_minutes(plan.desk_minutes)}")
        lines += _items(plan.desk_routine, shown={item.exercise for item in plan.routine})
    left_out = [*plan.excluded, *plan.removed]
    if left_out:
        lines.append("Not for you right now")
        for exclusion in left_out:
            name = library.get(exclusion.exercise).name if library and exclusion.exercise in library else None
            because = "; ".join(EXCLUSION_TEXT.get(code, code) for code in exclusion.because)
            lines.append(f"  - {name or exclusion.exercise}: {because}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _bullets(title: str, texts: tuple[str, ...]) -> list[str]:
    if not texts:
        return []
    return [title, *(f"  - {text}" for text in texts), ""]


def _items(items: tuple[PlanItem, ...], shown: set[str]) -> list[str]:
    """Each item with dose, why and targets; cautions once per exercise (`shown` already had them)."""
    lines = []
    for number, item in enumerate(items, start=1):
        lines.append(f"  {number}. {item.name}")
        lines.append(f"     {dose_text(item)}")
        lines.append(f"     Why: {'; '.join(WHY_TEXT.get(c, c) for c in item.why)}")
        lines.append(f"     Works on: {', '.join(TARGET_NAMES.get(t, t) for t in item.targets)}")
        if item.exercise not in shown:
            lines += [f"     Take care: {caution}" for caution in item.cautions]
    lines.append("")
    return lines


def dose_text(item: PlanItem) -> str:
    """`Hold 30 s, 2 times on each side (rest 10 s between)` or `2 sets of 10 slow repetitions`."""
    rest = f" (rest {item.rest_seconds} s between)" if item.rest_seconds else ""
    if item.kind == "hold":
        times = "once" if item.sets == 1 else f"{item.sets} times"
        side = " on each side, alternating sides" if item.sides == "each" else ""
        return f"Hold {item.hold_seconds} s, {times}{side}{rest}"
    sets = "1 set" if item.sets == 1 else f"{item.sets} sets"
    side = " on each side" if item.sides == "each" else ""
    return f"{sets} of {item.reps} slow repetitions{side}{rest}"


def _count(n: int) -> str:
    return "1 exercise" if n == 1 else f"{n} exercises"


def _minutes(minutes: float) -> str:
    value = f"{minutes:.1f}".rstrip("0").rstrip(".")
    return f"{value} minute" if value == "1" else f"{value} minutes"
