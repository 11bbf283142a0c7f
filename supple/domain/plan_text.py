"""A plan in words: every sentence supple says about a plan, for the CLI, the plan page, the player and the emails.

`render_plan_text` is the whole plan as plain text (`supple plan --format text`): the
decision first (for emergency and urgent, what to do now), then the advice, then each
exercise with its dose and why, the desk routine, and the exercises left out with the
reasons. The pieces it is made of (`dose_text`, `why_sentences`, `exclusion_sentences`,
`change_texts`) are what the web pages and emails show too, so a plan reads the same
wherever it is shown.
"""

from __future__ import annotations

from supple.domain.intake import ROTATIONAL_SPORTS, SPORTS, Intake, Lifestyle
from supple.domain.library import Exercise, Library
from supple.domain.planning import OLDER_AGE, OLDER_HOLD_SECONDS, STATUS_STOPPED, Plan, PlanItem, default_item
from supple.domain.screening import EMERGENCY, PROCEED, SEE_CLINICIAN, URGENT
from supple.domain.vocabulary import SPORT_NAMES, TARGET_NAMES

HEADLINES = {
    EMERGENCY: "EMERGENCY: get emergency care now. Do not do any exercises.",
    URGENT: "URGENT: see a clinician before you start. No exercises until a clinician says you can.",
    SEE_CLINICIAN: "See a clinician soon. Until then, a gentle routine only.",
    PROCEED: "You can start. Your routine is below.",
}
STOPPED_HEADLINE = "STOP: no exercises for now. Read the advice below."
NO_ROUTINE_HEADLINE = "No exercises for now. Read the advice below."

# Why an exercise is in the routine: each habit (cause code of the plan format) completes "It answers ...".
HABIT_PHRASES = {
    "sitting_hours": "your sitting (about {sitting_hours:g} hours a day)",
    "driving_hours": "your driving (about {driving_hours:g} hours a day)",
    "sport": "your sport",
    "rotational_sport": "your sport that twists to one side",
    "weight_or_posture": "the strain that weight or posture puts on your back",
}
# The other cause codes, each a sentence of its own.
OTHER_WHY = {
    "pain_direction": "It moves your back in the direction that eases your pain.",
    "general": "It keeps your routine balanced.",
}
# Why an exercise is left out (exclusion codes of the plan format, and the pain response's removal).
EXCLUSION_SENTENCES = {
    "hip_replacement": "It uses hip movements to avoid after your hip replacement (your surgeon's advice comes first).",
    "pregnancy": "It is done lying flat or presses on your tummy, which is not advised after the first trimester.",
    "osteoporosis": "It bends or twists your spine fully, which is not advised with thin bones.",
    "spinal_stenosis": "It bends your back fully backward, which can narrow the spinal canal.",
    "knee_problem": "It needs kneeling or deep knee bending, which could strain your knee.",
    "hypermobility": "It goes to the end of a joint's range; with very flexible joints a mild stretch is safer.",
    "recent_surgery": "Until your surgeon clears you after your operation: gentle exercises only, or none after an "
    "operation on your back.",
    "no_floor": "It is done on the floor, and you said getting down there is hard.",
    "no_chair": "It needs a chair.",
    "flexion_intolerant": "It bends your back fully forward, and bending forward or sitting makes your pain worse.",
    "extension_intolerant": "It bends your back fully backward, and standing, walking or bending back makes your "
    "pain worse.",
    "gentle_only": "Only gentle exercises for now, because of how strong your pain is or until a clinician has "
    "seen you.",
    "symptoms_spread": "Pain, tingling or numbness spread down your leg during or after it.",
}
UNKNOWN_EXCLUSION = "It does not suit your answers at the moment."


def render_plan_text(plan: Plan, intake: Intake, library: Library | None = None) -> str:
    """The whole plan as text, ending in a newline; `intake` words the whys, `library` names excluded exercises."""
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
        lines += _items(plan.routine, intake.lifestyle, shown=set())
    if plan.desk_routine:
        every = plan.schedule.desk_break_every_minutes if plan.schedule else None
        when = f"every {every} minutes of sitting" if every else "when you have sat for a while"
        lines.append(f"Desk routine: {when}, about {_minutes(plan.desk_minutes)}")
        lines += _items(plan.desk_routine, intake.lifestyle, shown={item.exercise for item in plan.routine})
    left_out = [*plan.excluded, *plan.removed]
    if left_out:
        lines.append("Not for you right now")
        for exclusion in left_out:
            name = library.get(exclusion.exercise).name if library and exclusion.exercise in library else None
            lines.append(f"  - {name or exclusion.exercise}: {' '.join(exclusion_sentences(exclusion.because))}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _bullets(title: str, texts: tuple[str, ...]) -> list[str]:
    if not texts:
        return []
    return [title, *(f"  - {text}" for text in texts), ""]


def _items(items: tuple[PlanItem, ...], lifestyle: Lifestyle, shown: set[str]) -> list[str]:
    """Each item with dose, why and targets; cautions once per exercise (`shown` already had them)."""
    lines = []
    for number, item in enumerate(items, start=1):
        lines.append(f"  {number}. {item.name}")
        lines.append(f"     {dose_text(item)}")
        lines.append(f"     Why: {' '.join(why_sentences(item.why, lifestyle))}")
        lines.append(f"     Works on: {targets_text(item)}")
        if item.exercise not in shown:
            lines += [f"     Take care: {caution}" for caution in item.cautions]
    lines.append("")
    return lines


def _count(n: int) -> str:
    return "1 exercise" if n == 1 else f"{n} exercises"


def _minutes(minutes: float) -> str:
    value = f"{minutes:.1f}".rstrip("0").rstrip(".")
    return f"{value} minute" if value == "1" else f"{value} minutes"


# --- the pieces every page shows -------------------------------------------------------


def dose_phrase(item: PlanItem, hold_note: str = "") -> str:
    """The dose without the rest and the full stop, as the player shows it during an exercise.

    "Hold for 30 seconds, 2 times on each side, switching sides each time", "Hold for 20 seconds
    on each side", "2 sets of 10 slow repetitions". `hold_note` follows the hold's seconds.
    """
    each = item.sides == "each"
    if item.kind == "hold":
        hold = f"Hold for {item.hold_seconds} seconds{hold_note}"
        if item.sets == 1:
            return f"{hold} on each side" if each else hold
        return f"{hold}, {item.sets} times{' on each side, switching sides each time' if each else ''}"
    sets = "1 set" if item.sets == 1 else f"{item.sets} sets"
    return f"{sets} of {item.reps} slow repetitions{' on each side' if each else ''}"


def dose_text(item: PlanItem, hold_note: str = "") -> str:
    """The dose in sentences: the phrase, then the rest when there is more than one bout."""
    text = f"{dose_phrase(item, hold_note)}."
    if item.rest_seconds and (item.sets > 1 or item.sides == "each"):
        text += f" Rest {item.rest_seconds} seconds in between."
    return text


def starting_dose_text(exercise: Exercise) -> str:
    """The dose a plan starts the exercise with (clinical rules, section 5), for the library pages.

    That of an adult under 65, not on gentle exercises only, with the longer hold from 65 beside it.
    """
    return dose_text(default_item(exercise), hold_note=f" ({OLDER_HOLD_SECONDS} from age {OLDER_AGE})")


def whole_minutes(minutes: float) -> int:
    """A routine's minutes as a reminder says them: whole minutes, at least 1."""
    return max(1, round(minutes))


def targets_text(item: PlanItem) -> str:
    return ", ".join(TARGET_NAMES.get(t, t.replace("_", " ")) for t in item.targets)


def why_sentences(causes: tuple[str, ...], lifestyle: Lifestyle) -> list[str]:
    """Which of the person's habits an exercise answers, then its other reasons, in plain words."""
    habits = []
    for cause in causes:
        if cause not in HABIT_PHRASES:
            continue
        phrase = HABIT_PHRASES[cause].format(
            sitting_hours=lifestyle.sitting_hours, driving_hours=lifestyle.driving_hours
        )
        kinds = ROTATIONAL_SPORTS if cause == "rotational_sport" else SPORTS
        sports = [SPORT_NAMES[s] for s in lifestyle.sports if s in kinds]
        habits.append(f"{phrase} ({join_words(sports)})" if cause.endswith("sport") and sports else phrase)
    sentences = [f"It answers {join_words(habits)}."] if habits else []
    return sentences + [OTHER_WHY[c] for c in causes if c in OTHER_WHY]


def exclusion_sentences(because: tuple[str, ...]) -> list[str]:
    """Why an exercise is left out, one sentence per exclusion code."""
    return [EXCLUSION_SENTENCES.get(code, UNKNOWN_EXCLUSION) for code in because]


def change_texts(changes: list) -> list[str]:
    """The plain-language reason of each change stored with a plan, in order.

    A change is stored as its text; one stored as {"reason": text, ...} gives its reason, and
    one without a reason is left out rather than shown as an empty line.
    """
    texts = []
    for change in changes:
        text = change.get("reason") if isinstance(change, dict) else change
        if isinstance(text, str) and text:
            texts.append(text)
    return texts


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)
