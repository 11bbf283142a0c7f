"""Planning (clinical rules, sections 4 and 5): the personal routine, its dose and the plan document.

`build_plan(intake, library)` screens the intake, applies the precautions, chooses
stretches from the person's causes (each with a `why`), balances the target muscles,
fits the routine into `preferences.minutes_per_day`, builds the desk routine and doses
everything. The result is a frozen `Plan`; `plan_json` gives its document (docs/plan-format.md),
byte for byte the same for the same intake and library.

Per-library data (each exercise's causes, target groups and item fields) is computed once
per `Library` object and reused for every plan.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from typing import Any

from supple.domain.intake import ROTATIONAL_SPORTS, SPORTS, Intake
from supple.domain.library import Exercise, Library
from supple.domain.precautions import (
    BOTH_DIRECTIONS,
    EXTENSION_ADVICE,
    EXTENSION_INTOLERANT,
    FLEXION_ADVICE,
    FLEXION_INTOLERANT,
    SPINE_SURGERY_ADVICE,
    Exclusion,
    Rule,
    excluded_exercises,
    excludes_everything,
    is_gentle_only,
    pain_direction,
    precaution_advice,
    precaution_rules,
)
from supple.domain.screening import STOPPING_DECISIONS, Screening, screen_intake
from supple.domain.vocabulary import CAUSES

PLAN_VERSION = 1

# Causes of short, stiff muscles (clinical rules, section 4; the cut-offs are product heuristics).
SITTING_HOURS_CAUSE = 6  # sitting 6 h/day or more
DRIVING_HOURS_CAUSE = 1  # driving 1 h/day or more
BMI_CAUSE = 30  # BMI 30 or more (WHO obesity threshold)
GENERAL = "general"
PAIN_DIRECTION = "pain_direction"

# Muscles each cause targets (clinical rules, section 4). "glutes/piriformis" is one group.
CAUSE_TARGETS = {
    "sitting_hours": ("hip_flexors", "quadriceps", "glutes", "hamstrings"),
    "driving_hours": ("hip_flexors", "glutes", "lower_back"),
    "sport": ("hip_flexors", "hamstrings", "quadriceps", "glutes"),
    "rotational_sport": ("trunk_rotators", "glutes"),
    "weight_or_posture": ("hip_flexors", "abdominals", "lower_back"),
    GENERAL: ("hip_flexors", "glutes", "hamstrings", "lower_back"),
}
TARGET_GROUP = {"piriformis": "glutes"}
OPPOSITE_DIRECTION = {"spinal_extension": "spinal_flexion", "spinal_flexion": "spinal_extension"}

# Routine size (clinical rules, section 4): 3 to 8 exercises.
MIN_EXERCISES = 3
MAX_EXERCISES = 8

# Dose (clinical rules, section 5; ACSM Garber 2011, Bandy 1994, Feland 2001).
HOLD_SECONDS = 30  # static holds under 65
OLDER_AGE = 65  # from 65, longer holds (Feland 2001)
OLDER_HOLD_SECONDS = 45
SETS = 2  # 2 repetitions per side to start
GENTLE_HOLD_SECONDS = 20  # gentle-only: 15 to 20 s holds, whatever the age
REPS = 10  # movement exercises: 8 to 10 slow repetitions
GENTLE_REPS = 8

# The minutes formula (docs/plan-format.md, `minutes`): reps take 4 s each (clinical rules, section 5);
# 10 s to get into position. The session player paces each repetition by it too (session_limits in domain.response).
SECONDS_PER_REP = 4
SETUP_SECONDS = 10

# Desk routine (clinical rules, sections 4 and 5): 2 to 5 minutes, separate from the daily minutes,
# every 45 to 60 minutes of sitting. A desk break uses one set (two if that is needed to reach 2 minutes).
DESK_MIN_SECONDS = 120
DESK_MAX_SECONDS = 300
DESK_AIM_SECONDS = 180  # stop adding exercises once a break reaches about 3 minutes
DESK_SETS = 1
DESK_MIN_EXERCISES = 2
DESK_MAX_EXERCISES = 4
DESK_BREAK_EVERY_MINUTES = 50  # within "about every 45 to 60 minutes of sitting"
ROUTINES_PER_DAY = 1  # "the full routine once or twice a day": start with once

# Order of a session, so a person moves from standing down to the floor only once.
SESSION_ORDER = ("standing", "sitting", "kneeling", "quadruped", "side_lying", "prone", "supine")

# Planner preferences (product heuristics; tie-breaks, never exclusions).
PREGNANCY_POSITIONS = frozenset({"side_lying", "sitting", "standing"})  # clinical rules, section 3, pregnancy notes

STATUS_ACTIVE = "active"
STATUS_STOPPED = "stopped"

KEEP_GENTLE_ADVICE = "Stretch to mild tension only, never to pain, and breathe slowly while you hold."
DESK_ADVICE = "When you sit for long, do the desk routine about every {every} minutes."
FEW_BY_TIME_ADVICE = (
    "Your routine has {count} exercise(s): the {minutes} minutes a day you chose leave no room for more. "
    "Allow more minutes a day for a fuller routine."
)
FEW_BY_EXCLUSIONS_ADVICE = (
    "Your routine has {count} exercise(s): your conditions and the equipment and positions available "
    "leave no room for more. A physiotherapist can suggest safe alternatives."
)
NO_DIRECTION_TIME_ADVICE = (
    "A gentle {kind} exercise would help your pain, but your minutes a day leave no room for it; allow more "
    "minutes a day to include one."
)
NO_DIRECTION_ADVICE = (
    "No {kind} exercise is allowed for you right now; a physiotherapist can suggest one that suits you."
)


@dataclass(frozen=True)
class PlanItem:
    """One dosed exercise in a routine (an item of docs/plan-format.md)."""

    exercise: str
    name: str
    kind: str
    sides: str
    sets: int
    hold_seconds: int | None
    reps: int | None
    rest_seconds: int
    tags: tuple[str, ...]
    targets: tuple[str, ...]
    why: tuple[str, ...]
    cautions: tuple[str, ...]

    @property
    def seconds(self) -> int:
        return item_seconds(self.kind, self.sides, self.sets, self.hold_seconds, self.reps, self.rest_seconds)

    def to_document(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "name": self.name,
            "kind": self.kind,
            "sides": self.sides,
            "sets": self.sets,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "rest_seconds": self.rest_seconds,
            "tags": list(self.tags),
            "targets": list(self.targets),
            "why": list(self.why),
            "cautions": list(self.cautions),
        }


@dataclass(frozen=True)
class Schedule:
    routines_per_day: int
    desk_break_every_minutes: int | None


@dataclass(frozen=True)
class Plan:
    """A plan (version 1, docs/plan-format.md). Fields after `minutes` are those "supple adds"."""

    decision: str
    reasons: tuple[str, ...]
    advice: tuple[str, ...]
    routine: tuple[PlanItem, ...] = ()
    desk_routine: tuple[PlanItem, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    schedule: Schedule | None = None
    minutes: float = 0
    desk_minutes: float = 0
    gentle_only: bool = False
    status: str = STATUS_ACTIVE
    dose_level: int = 0  # 0 as first prescribed; below 0 reduced, above 0 progressed (section 6)
    dose_changed_on: str | None = None  # ISO date of the last dose change
    removed: tuple[Exclusion, ...] = field(default=())  # taken out after a symptom response (section 6)
    version: int = PLAN_VERSION

    def to_document(self) -> dict[str, Any]:
        """The plan document, keys in the order docs/plan-format.md gives them, then supple's additions."""
        schedule = self.schedule
        return {
            "version": self.version,
            "decision": self.decision,
            "reasons": list(self.reasons),
            "advice": list(self.advice),
            "routine": [item.to_document() for item in self.routine],
            "desk_routine": [item.to_document() for item in self.desk_routine],
            "excluded": [{"exercise": e.exercise, "because": list(e.because)} for e in self.excluded],
            "schedule": None
            if schedule is None
            else {
                "routines_per_day": schedule.routines_per_day,
                "desk_break_every_minutes": schedule.desk_break_every_minutes,
            },
            "minutes": self.minutes,
            "desk_minutes": self.desk_minutes,
            "gentle_only": self.gentle_only,
            "status": self.status,
            "dose_level": self.dose_level,
            "dose_changed_on": self.dose_changed_on,
            "removed": [{"exercise": e.exercise, "because": list(e.because)} for e in self.removed],
        }


def plan_json(plan: Plan) -> str:
    """The plan as JSON text: stable key order and formatting, ending in a newline."""
    return json.dumps(plan.to_document(), indent=2, ensure_ascii=False) + "\n"


def plan_from_document(document: dict[str, Any]) -> Plan:
    """A plan read back from its document (as `Plan.to_document` wrote it), e.g. from storage.

    The document is trusted output of supple; a missing or malformed field raises KeyError,
    TypeError or ValueError.
    """
    schedule = document["schedule"]

    def items(key: str) -> tuple[PlanItem, ...]:
        return tuple(
            PlanItem(**{**item, **{k: tuple(item[k]) for k in ("tags", "targets", "why", "cautions")}})
            for item in document[key]
        )

    def exclusions(key: str) -> tuple[Exclusion, ...]:
        return tuple(Exclusion(e["exercise"], tuple(e["because"])) for e in document.get(key, []))

    return Plan(
        decision=document["decision"],
        reasons=tuple(document["reasons"]),
        advice=tuple(document["advice"]),
        routine=items("routine"),
        desk_routine=items("desk_routine"),
        excluded=exclusions("excluded"),
        schedule=None if schedule is None else Schedule(**schedule),
        minutes=document["minutes"],
        desk_minutes=document.get("desk_minutes", 0),
        gentle_only=document.get("gentle_only", False),
        status=document.get("status", STATUS_ACTIVE),
        dose_level=document.get("dose_level", 0),
        dose_changed_on=document.get("dose_changed_on"),
        removed=exclusions("removed"),
        version=document["version"],
    )


def item_seconds(kind: str, sides: str, sets: int, hold: int | None, reps: int | None, rest: int) -> int:
    """One item's time (docs/plan-format.md, `minutes`): work, rest between consecutive bouts, 10 s to set up."""
    bouts = sets * (2 if sides == "each" else 1)
    work = hold if kind == "hold" else (reps or 0) * SECONDS_PER_REP
    return bouts * (work or 0) + (bouts - 1) * rest + SETUP_SECONDS


def minutes_of(items: tuple[PlanItem, ...] | list[PlanItem]) -> float:
    return round(sum(item.seconds for item in items) / 60, 2)


# --- the per-library index ---------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Entry:
    """What the planner needs of one exercise, computed once per library."""

    order: int
    exercise: Exercise
    causes: frozenset[str]
    groups: frozenset[str]
    session_rank: int
    tags: tuple[str, ...]  # in vocabulary order, as plan items list them


@dataclass(frozen=True)
class _Index:
    entries: tuple[_Entry, ...]


_INDEXES: dict[int, tuple[weakref.ref[Library], _Index]] = {}


def library_index(library: Library) -> _Index:
    """The planner's view of a library, built on first use and kept while the library lives."""
    key = id(library)
    cached = _INDEXES.get(key)
    if cached is not None and cached[0]() is library:
        return cached[1]
    entries = tuple(
        _Entry(
            order=i,
            exercise=e,
            causes=frozenset(e.causes),
            groups=frozenset(TARGET_GROUP.get(t, t) for t in e.targets),
            session_rank=SESSION_ORDER.index(e.position) if e.position in SESSION_ORDER else len(SESSION_ORDER),
            tags=tuple(e.ordered_tags),
        )
        for i, e in enumerate(library)
    )
    index = _Index(entries)
    _INDEXES[key] = (weakref.ref(library), index)
    weakref.finalize(library, _INDEXES.pop, key, None)
    return index


# --- building a plan ---------------------------------------------------------------


def build_plan(intake: Intake, library: Library) -> Plan:
    """Screen, exclude, choose, dose: the whole plan for one valid intake."""
    screening = screen_intake(intake)
    if screening.decision in STOPPING_DECISIONS:
        return stopped_plan(screening)
    rules = precaution_rules(intake, screening.decision)
    excluded = excluded_exercises(library, rules)
    banned = {e.exercise for e in excluded}
    allowed = [entry for entry in library_index(library).entries if entry.exercise.id not in banned]
    gentle = is_gentle_only(rules)
    dose = Dose.for_person(intake.age, gentle)
    causes = person_causes(intake)
    budget = intake.preferences.minutes_per_day * 60
    chooser = _Chooser(causes, _direction_need(intake), _preferred(intake, rules), budget)
    routine = chooser.routine(allowed, dose)
    desk = desk_routine([e for e in allowed if e.exercise.desk], causes, dose)
    advice = [*screening.advice, *precaution_advice(intake, rules)]
    if excludes_everything(rules):  # after spine surgery: why there is no routine comes first
        advice.insert(0, advice.pop(advice.index(SPINE_SURGERY_ADVICE)))
    else:
        advice += [*_routine_advice(intake, routine, allowed), KEEP_GENTLE_ADVICE]
    if desk:
        advice.append(DESK_ADVICE.format(every=DESK_BREAK_EVERY_MINUTES))
    return Plan(
        decision=screening.decision,
        reasons=screening.reasons,
        advice=tuple(advice),
        routine=tuple(routine),
        desk_routine=tuple(desk),
        excluded=excluded,
        schedule=Schedule(ROUTINES_PER_DAY, DESK_BREAK_EVERY_MINUTES if desk else None),
        minutes=minutes_of(routine),
        desk_minutes=minutes_of(desk),
        gentle_only=gentle,
    )


def stopped_plan(screening: Screening) -> Plan:
    """Emergency or urgent: no routine, no desk routine, nothing excluded, no schedule."""
    return Plan(screening.decision, screening.reasons, screening.advice, status=STATUS_STOPPED)


def person_causes(intake: Intake) -> tuple[str, ...]:
    """The person's causes in vocabulary order; `general` when there are none."""
    life = intake.lifestyle
    found = set()
    if life.sitting_hours >= SITTING_HOURS_CAUSE:
        found.add("sitting_hours")
    if life.driving_hours >= DRIVING_HOURS_CAUSE:
        found.add("driving_hours")
    if set(life.sports) & set(SPORTS):
        found.add("sport")
    if set(life.sports) & set(ROTATIONAL_SPORTS):
        found.add("rotational_sport")
    bmi = intake.bmi
    if life.posture_concern or (bmi is not None and bmi >= BMI_CAUSE):
        found.add("weight_or_posture")
    return tuple(c for c in CAUSES if c in found) or (GENERAL,)


def _direction_need(intake: Intake) -> str | None:
    """The movement tag the routine must include for the direction of pain (clinical rules, section 3)."""
    direction = pain_direction(intake)
    if direction == FLEXION_INTOLERANT:
        return "spinal_extension"
    if direction == EXTENSION_INTOLERANT:
        return "spinal_flexion"
    return None


def _preferred(intake: Intake, rules: tuple[Rule, ...]) -> dict[str, int]:
    """Small scoring bonuses and penalties (tags -> points) from the precautions' notes."""
    points: dict[str, int] = {}
    direction = pain_direction(intake)
    if direction == FLEXION_INTOLERANT:
        points["spinal_flexion"] = -1  # the aggravating direction, even short of end range
    elif direction == EXTENSION_INTOLERANT:
        points["spinal_extension"] = -1
    cond = intake.conditions
    if cond.osteoporosis and direction not in (EXTENSION_INTOLERANT, BOTH_DIRECTIONS):
        points["spinal_extension"] = points.get("spinal_extension", 0) + 1  # extension work is encouraged
    if cond.spinal_stenosis and direction not in (FLEXION_INTOLERANT, BOTH_DIRECTIONS):
        points["spinal_flexion"] = points.get("spinal_flexion", 0) + 1  # flexion usually eases stenosis
    if cond.pregnancy_trimester:
        for position in PREGNANCY_POSITIONS:
            points[position] = points.get(position, 0) + 1
    return points


@dataclass(frozen=True)
class Dose:
    """The dose for one person: hold seconds, repetitions, sets."""

    hold_seconds: int
    reps: int
    sets: int = SETS

    @classmethod
    def for_person(cls, age: int, gentle_only: bool) -> Dose:
        if gentle_only:
            return cls(GENTLE_HOLD_SECONDS, GENTLE_REPS)
        return cls(OLDER_HOLD_SECONDS if age >= OLDER_AGE else HOLD_SECONDS, REPS)

    def item(
        self, exercise: Exercise, tags: tuple[str, ...], why: tuple[str, ...], sets: int | None = None
    ) -> PlanItem:
        hold = exercise.kind == "hold"
        return PlanItem(
            exercise=exercise.id,
            name=exercise.name,
            kind=exercise.kind,
            sides=exercise.sides,
            sets=self.sets if sets is None else sets,
            hold_seconds=self.hold_seconds if hold else None,
            reps=None if hold else self.reps,
            rest_seconds=exercise.dose.rest_seconds,
            tags=tags,
            targets=exercise.targets,
            why=why,
            cautions=exercise.cautions,
        )

    def seconds(self, exercise: Exercise, sets: int | None = None) -> int:
        sets = self.sets if sets is None else sets
        return item_seconds(
            exercise.kind, exercise.sides, sets, self.hold_seconds, self.reps, exercise.dose.rest_seconds
        )


def default_item(exercise: Exercise) -> PlanItem:
    """The item a plan gives this exercise by default: for an adult under 65, not gentle-only (section 5).

    The library pages show this, so that they never show a dose that no plan prescribes.
    """
    return Dose.for_person(OLDER_AGE - 1, gentle_only=False).item(exercise, tuple(exercise.ordered_tags), ())


@dataclass
class _Selection:
    """The exercises chosen so far, and what they already cover."""

    chosen: list[_Entry] = field(default_factory=list)
    orders: set[int] = field(default_factory=set)
    covered: set[str] = field(default_factory=set)
    answered: set[str] = field(default_factory=set)
    positions: set[str] = field(default_factory=set)
    seconds: int = 0

    def add(self, entry: _Entry, seconds: int) -> None:
        self.chosen.append(entry)
        self.orders.add(entry.order)
        self.covered |= entry.groups
        self.answered |= entry.causes
        self.positions.add(entry.exercise.position)
        self.seconds += seconds


class _Chooser:
    """Greedy, deterministic choice of exercises from the allowed ones.

    Each step takes the exercise that covers the most still-uncovered target groups
    (weighted by how many of the person's causes want them) and answers the most causes,
    as long as the routine still fits the minutes and can still reach 3 exercises if any
    3 allowed exercises fit. An exercise for the direction of pain, when one is needed,
    is chosen first. It stops at 8, or once nothing left adds a wanted group or cause and
    the routine has at least 3 exercises. Ties go to an exercise in a position already in
    the routine (fewer changes of position), then to one without end-range movement, then
    to the earlier exercise in the library.
    """

    def __init__(self, causes: tuple[str, ...], need: str | None, points: dict[str, int], budget: int) -> None:
        self.causes = frozenset(causes)
        self.need = need
        self.points = points
        self.budget = budget
        self.weights: dict[str, int] = {}
        for cause in causes:
            for group in CAUSE_TARGETS[cause]:
                self.weights[group] = self.weights.get(group, 0) + 1

    def routine(self, allowed: list[_Entry], dose: Dose) -> list[PlanItem]:
        seconds = {entry.order: dose.seconds(entry.exercise) for entry in allowed}
        picked = _Selection()
        direction_pick = None
        if self.need:
            rest = _shortest_first(allowed, seconds, picked)
            goal = self._goal(rest, picked)
            candidates = [e for e in allowed if self.need in e.exercise.tags]
            # The direction rule comes before the routine's length: if it must, it costs an exercise.
            pool = [e for e in candidates if self._fits(e, rest, seconds, picked, goal)] or [
                e for e in candidates if self._fits(e, rest, seconds, picked, 1)
            ]
            if pool:
                direction_pick = max(pool, key=lambda e: self.direction_score(e, picked))
                picked.add(direction_pick, seconds[direction_pick.order])
        while len(picked.chosen) < MAX_EXERCISES:
            rest = _shortest_first(allowed, seconds, picked)
            goal = self._goal(rest, picked)
            fits = [e for e in allowed if e.order not in picked.orders and self._fits(e, rest, seconds, picked, goal)]
            useful = [e for e in fits if len(picked.chosen) < goal or self.gain(e, picked) > 0]
            if not useful:
                break
            best = max(useful, key=lambda e: self.score(e, picked))
            picked.add(best, seconds[best.order])
        ordered = sorted(picked.chosen, key=lambda e: e.session_rank)
        return [dose.item(e.exercise, e.tags, self.why(e, e is direction_pick)) for e in ordered]

    def _goal(self, rest: list[tuple[int, int]], picked: _Selection) -> int:
        """The routine length still reachable, up to 3: the shortest remaining exercises decide."""
        wanted = MIN_EXERCISES - len(picked.chosen)
        if wanted <= 0:
            return len(picked.chosen)
        return len(picked.chosen) + _fitting_count([s for s, _ in rest], self.budget - picked.seconds, wanted)

    def _fits(
        self, entry: _Entry, rest: list[tuple[int, int]], seconds: dict[int, int], picked: _Selection, goal: int
    ) -> bool:
        """Fits the minutes, leaving room for the shortest others still needed to reach the goal."""
        total = picked.seconds + seconds[entry.order]
        still_needed = goal - len(picked.chosen) - 1
        for s, order in rest:
            if still_needed <= 0:
                break
            if order != entry.order:
                total += s
                still_needed -= 1
        return total <= self.budget

    def gain(self, entry: _Entry, picked: _Selection) -> int:
        """What the exercise adds: newly covered wanted groups (weighted) and newly answered causes."""
        groups = sum(self.weights.get(g, 0) for g in entry.groups - picked.covered)
        return groups + len((entry.causes & self.causes) - picked.answered)

    def score(self, entry: _Entry, picked: _Selection) -> tuple[int, int, bool, bool, int]:
        """Coverage first; then causes answered and the precautions' preferences; then ties."""
        matched = len(entry.causes & self.causes)
        bonus = sum(self.points.get(tag, 0) for tag in entry.exercise.tags)
        same_position = entry.exercise.position in picked.positions
        gentler = "end_range" not in entry.exercise.tags
        return (self.gain(entry, picked), matched + bonus, same_position, gentler, -entry.order)

    def direction_score(self, entry: _Entry, picked: _Selection) -> tuple:
        """For the direction of pain: exercises written for it, moving only the easing way, first."""
        opposite = OPPOSITE_DIRECTION[self.need] if self.need else None
        return (PAIN_DIRECTION in entry.causes, opposite not in entry.exercise.tags, *self.score(entry, picked))

    def why(self, entry: _Entry, direction: bool) -> tuple[str, ...]:
        """The person's causes the exercise is written for, else those whose muscles it stretches.

        `pain_direction` is added for the exercise chosen for the direction of pain;
        `general` when nothing else applies (a stretch that fills a balanced set).
        """
        reasons = set(entry.causes & self.causes) or {
            cause for cause in self.causes if entry.groups & set(CAUSE_TARGETS[cause])
        }
        if direction:
            reasons.add(PAIN_DIRECTION)
        return tuple(c for c in CAUSES if c in reasons) or (GENERAL,)


def _shortest_first(allowed: list[_Entry], seconds: dict[int, int], picked: _Selection) -> list[tuple[int, int]]:
    """(seconds, order) of the exercises not chosen yet, shortest first."""
    return sorted((seconds[e.order], e.order) for e in allowed if e.order not in picked.orders)


def _fitting_count(sorted_seconds: list[int], budget: int, limit: int) -> int:
    """How many exercises (up to `limit`) fit the budget when the shortest are taken."""
    count, total = 0, 0
    for s in sorted_seconds[:limit]:
        total += s
        if total > budget:
            break
        count += 1
    return count


def desk_routine(allowed_desk: list[_Entry], causes: tuple[str, ...], dose: Dose) -> list[PlanItem]:
    """2 to 5 minutes of allowed desk exercises, one set each (two if needed to reach 2 minutes).

    Empty when fewer than two desk exercises are allowed.
    """
    if len(allowed_desk) < DESK_MIN_EXERCISES:
        return []
    chooser = _Chooser(causes, None, {}, DESK_MAX_SECONDS)
    picked = _Selection()
    while len(picked.chosen) < DESK_MAX_EXERCISES and (
        len(picked.chosen) < DESK_MIN_EXERCISES or picked.seconds < DESK_AIM_SECONDS
    ):
        fits = [
            e
            for e in allowed_desk
            if e not in picked.chosen and picked.seconds + dose.seconds(e.exercise, DESK_SETS) <= DESK_MAX_SECONDS
        ]
        if not fits:
            break
        best = max(fits, key=lambda e: chooser.score(e, picked))
        picked.add(best, dose.seconds(best.exercise, DESK_SETS))
    sets = [DESK_SETS] * len(picked.chosen)
    used = picked.seconds
    for i, entry in enumerate(picked.chosen):  # too short a break: a second set, within 5 minutes
        extra = dose.seconds(entry.exercise, DESK_SETS + 1) - dose.seconds(entry.exercise, DESK_SETS)
        if used < DESK_MIN_SECONDS and used + extra <= DESK_MAX_SECONDS:
            sets[i] += 1
            used += extra
    if len(picked.chosen) < DESK_MIN_EXERCISES or used < DESK_MIN_SECONDS:
        return []
    chosen_sets = sorted(zip(picked.chosen, sets, strict=True), key=lambda pair: pair[0].session_rank)
    return [dose.item(e.exercise, e.tags, chooser.why(e, False), s) for e, s in chosen_sets]


def _routine_advice(intake: Intake, routine: list[PlanItem], allowed: list[_Entry]) -> list[str]:
    """Say when the routine is short, and how the direction of pain was answered."""
    advice = []
    direction = pain_direction(intake)
    need = _direction_need(intake)
    if need is not None:
        included = any(need in item.tags for item in routine)
        if included:
            advice.append(FLEXION_ADVICE if direction == FLEXION_INTOLERANT else EXTENSION_ADVICE)
        else:
            kind = "backward-bending" if need == "spinal_extension" else "forward-bending"
            allowed_any = any(need in entry.exercise.tags for entry in allowed)
            advice.append((NO_DIRECTION_TIME_ADVICE if allowed_any else NO_DIRECTION_ADVICE).format(kind=kind))
    if len(routine) < MIN_EXERCISES:
        template = FEW_BY_EXCLUSIONS_ADVICE if len(allowed) < MIN_EXERCISES else FEW_BY_TIME_ADVICE
        advice.append(template.format(count=len(routine), minutes=intake.preferences.minutes_per_day))
    return advice
