"""The intake profile, version 1 (docs/plan-format.md, "Intake profile").

`parse_intake(document)` takes a decoded JSON value and either returns a frozen `Intake`
with every default filled in, or raises `IntakeError` listing every problem at once,
each with its JSON path (`pain.intensity: must be between 0 and 10`). Unknown keys are
errors, so a misspelt clinical field never passes silently.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, fields
from typing import Any

VERSION = 1

# Ranges of the intake profile (docs/plan-format.md, "Intake profile": its table of fields).
AGE_MIN = 16  # supple is for adults; younger people are refused with a clear message
AGE_MAX = 110
PAIN_MIN, PAIN_MAX = 0, 10  # 0 to 10 numeric rating scale (clinical rules, section 7)
PAIN_WEEKS_MAX = 2600  # 50 years
HEIGHT_CM_MIN, HEIGHT_CM_MAX = 100, 250
WEIGHT_KG_MIN, WEIGHT_KG_MAX = 25, 350
HOURS_MAX = 24
TRIMESTER_MAX = 3
MINUTES_MIN, MINUTES_MAX = 3, 60
DEFAULT_MINUTES = 10

PAIN_AREAS = (
    "low_back",
    "buttock_left",
    "buttock_right",
    "thigh_left",
    "thigh_right",
    "below_knee_left",
    "below_knee_right",
)
WORSE_WITH = ("sitting", "bending_forward", "standing", "walking", "bending_backward", "lying")
RED_FLAGS = (
    "saddle_numbness",
    "bladder_or_bowel_change",
    "sexual_function_loss",
    "both_legs",
    "worsening_weakness",
    "major_trauma",
    "chest_pain",
    "fever_or_unwell",
    "immunosuppressed",
    "cancer_history",
    "weight_loss",
    "constant_night_pain",
    "minor_trauma_with_fragile_bones",
    "pregnancy_warning_signs",
)
INFLAMMATORY_SIGNS = (
    "morning_stiffness_30min",
    "wakes_second_half_night",
    "better_with_movement",
    "alternating_buttock_pain",
)
HIP_APPROACHES = ("posterior", "lateral", "anterior", "unknown")
SURGERY_SITES = ("spine", "hip", "knee", "other")
SPORTS = ("running", "cycling", "football", "basketball", "swimming", "gym", "other")
ROTATIONAL_SPORTS = ("golf", "tennis", "baseball", "hockey")


@dataclass(frozen=True)
class Pain:
    intensity: int
    weeks: float
    areas: tuple[str, ...] = ()
    below_knee: bool = False
    worse_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedFlags:
    """Each answer is True, False or None (not answered; a missing key is None)."""

    saddle_numbness: bool | None = None
    bladder_or_bowel_change: bool | None = None
    sexual_function_loss: bool | None = None
    both_legs: bool | None = None
    worsening_weakness: bool | None = None
    major_trauma: bool | None = None
    chest_pain: bool | None = None
    fever_or_unwell: bool | None = None
    immunosuppressed: bool | None = None
    cancer_history: bool | None = None
    weight_loss: bool | None = None
    constant_night_pain: bool | None = None
    minor_trauma_with_fragile_bones: bool | None = None
    pregnancy_warning_signs: bool | None = None

    def answers(self) -> dict[str, bool | None]:
        return {name: getattr(self, name) for name in RED_FLAGS}


@dataclass(frozen=True)
class Inflammatory:
    morning_stiffness_30min: bool = False
    wakes_second_half_night: bool = False
    better_with_movement: bool = False
    alternating_buttock_pain: bool = False

    @property
    def count(self) -> int:
        return sum(getattr(self, name) for name in INFLAMMATORY_SIGNS)


@dataclass(frozen=True)
class HipReplacement:
    weeks_ago: float
    approach: str = "unknown"
    cleared: bool = False


@dataclass(frozen=True)
class Surgery:
    """Any operation other than a hip replacement."""

    weeks_ago: float
    site: str = "other"
    cleared: bool = False


@dataclass(frozen=True)
class Conditions:
    pregnancy_trimester: int = 0
    hip_replacement: HipReplacement | None = None
    knee_problem: bool = False
    osteoporosis: bool = False
    spinal_stenosis: bool = False
    recent_surgery: Surgery | None = None
    hypermobility: bool = False


@dataclass(frozen=True)
class Lifestyle:
    sitting_hours: float = 0
    driving_hours: float = 0
    sports: tuple[str, ...] = ()
    posture_concern: bool = False


@dataclass(frozen=True)
class Preferences:
    minutes_per_day: int = DEFAULT_MINUTES
    can_get_on_floor: bool = True
    has_chair: bool = True


@dataclass(frozen=True)
class Intake:
    """A valid intake profile with every default filled in."""

    age: int
    pain: Pain
    red_flags: RedFlags = RedFlags()
    inflammatory: Inflammatory = Inflammatory()
    conditions: Conditions = Conditions()
    lifestyle: Lifestyle = Lifestyle()
    preferences: Preferences = Preferences()
    height_cm: float | None = None
    weight_kg: float | None = None
    version: int = VERSION

    @property
    def bmi(self) -> float | None:
        """Body-mass index, only when both height and weight were given."""
        if self.height_cm is None or self.weight_kg is None:
            return None
        return self.weight_kg / (self.height_cm / 100) ** 2


@dataclass(frozen=True)
class IntakeProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class IntakeError(ValueError):
    """The profile is not a valid intake; `problems` lists every problem found."""

    def __init__(self, problems: list[IntakeProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


ROOT = "(profile)"  # the path printed for a problem with the document as a whole


def parse_intake(document: Any) -> Intake:
    """Validate a decoded intake profile and return it with defaults filled in.

    Raises IntakeError listing every problem (wrong type, out of range, unknown value,
    unknown or missing key), not only the first.
    """
    reader = _Reader()
    intake = reader.intake(document)
    if reader.problems or intake is None:
        raise IntakeError(reader.problems or [IntakeProblem(ROOT, "is not a valid intake profile")])
    return intake


class _Reader:
    """Reads one profile, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[IntakeProblem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(IntakeProblem(path or ROOT, message))

    # --- sections ----------------------------------------------------------------

    def intake(self, doc: Any) -> Intake | None:
        top = ("version", "age", "height_cm", "weight_kg", "pain", "red_flags", "inflammatory")
        data = self.mapping(doc, "", (*top, "conditions", "lifestyle", "preferences"))
        if data is None:
            return None
        version = data.get("version")
        if "version" not in data:
            self.problem("version", "is required")
        elif type(version) is not int or version != VERSION:
            self.problem("version", f"must be {VERSION} (this is the version 1 intake profile)")
        age = self.age(data)
        height = self.number(data, "height_cm", "", HEIGHT_CM_MIN, HEIGHT_CM_MAX, default=None)
        weight = self.number(data, "weight_kg", "", WEIGHT_KG_MIN, WEIGHT_KG_MAX, default=None)
        pain = self.pain(data)
        sections = (
            self.red_flags(data),
            self.inflammatory(data),
            self.conditions(data),
            self.lifestyle(data),
            self.preferences(data),
        )
        if self.problems or age is None or pain is None or None in sections:
            return None
        red_flags, inflammatory, conditions, lifestyle, preferences = sections
        return Intake(age, pain, red_flags, inflammatory, conditions, lifestyle, preferences, height, weight)

    def age(self, data: dict[str, Any]) -> int | None:
        if "age" not in data:
            self.problem("age", "is required")
            return None
        age = self.whole(data["age"], "age")
        if age is not None and age < AGE_MIN:
            self.problem(
                "age",
                f"must be at least {AGE_MIN}: supple is for adults, so a younger person with back pain "
                "should see a doctor or physiotherapist instead",
            )
            return None
        if age is not None and age > AGE_MAX:
            self.problem("age", f"must be between {AGE_MIN} and {AGE_MAX}")
            return None
        return age

    def pain(self, data: dict[str, Any]) -> Pain | None:
        if "pain" not in data:
            self.problem("pain", "is required (with at least intensity and weeks)")
            return None
        keys = ("intensity", "weeks", "areas", "below_knee", "worse_with")
        pain = self.mapping(data["pain"], "pain", keys)
        if pain is None:
            return None
        intensity = self.number(pain, "intensity", "pain", PAIN_MIN, PAIN_MAX, whole=True, required=True)
        weeks = self.number(pain, "weeks", "pain", 0, PAIN_WEEKS_MAX, required=True)
        areas = self.choices(pain, "areas", "pain", PAIN_AREAS)
        below_knee = self.boolean(pain, "below_knee", "pain", False)
        worse_with = self.choices(pain, "worse_with", "pain", WORSE_WITH)
        if intensity is None or weeks is None or areas is None or below_knee is None or worse_with is None:
            return None
        return Pain(intensity, weeks, areas, below_knee, worse_with)

    def red_flags(self, data: dict[str, Any]) -> RedFlags | None:
        flags = self.mapping(data.get("red_flags", {}), "red_flags", RED_FLAGS)
        if flags is None:
            return None
        answers = {}
        for name in RED_FLAGS:
            value = flags.get(name)
            if value is not None and not isinstance(value, bool):
                self.problem(f"red_flags.{name}", "must be true, false or null (not answered)")
            answers[name] = value
        return RedFlags(**answers)

    def inflammatory(self, data: dict[str, Any]) -> Inflammatory | None:
        signs = self.mapping(data.get("inflammatory", {}), "inflammatory", INFLAMMATORY_SIGNS)
        if signs is None:
            return None
        answers = {name: self.boolean(signs, name, "inflammatory", False) for name in INFLAMMATORY_SIGNS}
        return None if None in answers.values() else Inflammatory(**answers)

    def conditions(self, data: dict[str, Any]) -> Conditions | None:
        keys = tuple(f.name for f in fields(Conditions))
        cond = self.mapping(data.get("conditions", {}), "conditions", keys)
        if cond is None:
            return None
        trimester = self.number(cond, "pregnancy_trimester", "conditions", 0, TRIMESTER_MAX, whole=True, default=0)
        values = {
            "pregnancy_trimester": trimester,
            "hip_replacement": self.operation(cond, "hip_replacement", "approach", HIP_APPROACHES, "unknown"),
            "recent_surgery": self.operation(cond, "recent_surgery", "site", SURGERY_SITES, "other"),
        }
        for name in ("knee_problem", "osteoporosis", "spinal_stenosis", "hypermobility"):
            values[name] = self.boolean(cond, name, "conditions", False)
        if any(values[k] is None for k in keys if k not in ("hip_replacement", "recent_surgery")):
            return None
        if values["hip_replacement"] is _INVALID or values["recent_surgery"] is _INVALID:
            return None
        return Conditions(**values)

    def operation(self, cond: dict[str, Any], name: str, kind_key: str, kinds: tuple[str, ...], default: str) -> Any:
        """A hip replacement or other operation: null, or {kind_key, weeks_ago, cleared}."""
        value = cond.get(name)
        if value is None:
            return None
        path = f"conditions.{name}"
        if not isinstance(value, dict):
            self.problem(path, f"must be null or an object with {kind_key}, weeks_ago and cleared")
            return _INVALID
        op = self.mapping(value, path, (kind_key, "weeks_ago", "cleared"))
        kind = self.choice(op, kind_key, path, kinds, default)
        weeks_ago = self.number(op, "weeks_ago", path, 0, None, required=True)
        cleared = self.boolean(op, "cleared", path, False)
        if kind is None or weeks_ago is None or cleared is None:
            return _INVALID
        if name == "hip_replacement":
            return HipReplacement(weeks_ago=weeks_ago, approach=kind, cleared=cleared)
        return Surgery(weeks_ago=weeks_ago, site=kind, cleared=cleared)

    def lifestyle(self, data: dict[str, Any]) -> Lifestyle | None:
        keys = ("sitting_hours", "driving_hours", "sports", "posture_concern")
        life = self.mapping(data.get("lifestyle", {}), "lifestyle", keys)
        if life is None:
            return None
        values = (
            self.number(life, "sitting_hours", "lifestyle", 0, HOURS_MAX, default=0),
            self.number(life, "driving_hours", "lifestyle", 0, HOURS_MAX, default=0),
            self.choices(life, "sports", "lifestyle", SPORTS + ROTATIONAL_SPORTS),
            self.boolean(life, "posture_concern", "lifestyle", False),
        )
        return None if None in values else Lifestyle(*values)

    def preferences(self, data: dict[str, Any]) -> Preferences | None:
        keys = ("minutes_per_day", "can_get_on_floor", "has_chair")
        prefs = self.mapping(data.get("preferences", {}), "preferences", keys)
        if prefs is None:
            return None
        minutes = self.number(
            prefs, "minutes_per_day", "preferences", MINUTES_MIN, MINUTES_MAX, whole=True, default=DEFAULT_MINUTES
        )
        values = (
            minutes,
            self.boolean(prefs, "can_get_on_floor", "preferences", True),
            self.boolean(prefs, "has_chair", "preferences", True),
        )
        return None if None in values else Preferences(*values)

    # --- values ------------------------------------------------------------------

    def mapping(self, value: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        """An object whose keys are all known; unknown keys are reported one by one."""
        if not isinstance(value, dict):
            self.problem(path, "must be an object")
            return None
        for key in value:
            if key not in keys:
                hint = difflib.get_close_matches(str(key), keys, n=1)
                known = f"did you mean {hint[0]!r}?" if hint else f"known fields: {', '.join(keys)}"
                self.problem(_join(path, str(key)), f"is not a known field ({known})")
        return value

    def number(
        self,
        data: dict[str, Any],
        key: str,
        parent: str,
        low: float,
        high: float | None,
        *,
        whole: bool = False,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        path = _join(parent, key)
        if key not in data or (data[key] is None and not required and default is None):
            if required:
                self.problem(path, "is required")
            return default
        value = self.whole(data[key], path) if whole else self.real(data[key], path)
        if value is None:
            return None
        if value < low or (high is not None and value > high):
            self.problem(path, f"must be between {low} and {high}" if high is not None else f"must be {low} or more")
            return None
        return value

    def whole(self, value: Any, path: str) -> int | None:
        """A whole number; 46.0 counts as 46 (as in JSON Schema), true and false do not."""
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return int(value)
        if type(value) is not int:
            self.problem(path, "must be a whole number")
            return None
        return value

    def real(self, value: Any, path: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problem(path, "must be a number")
            return None
        return value

    def boolean(self, data: dict[str, Any], key: str, parent: str, default: bool) -> bool | None:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(_join(parent, key), "must be true or false")
            return None
        return value

    def choice(
        self, data: dict[str, Any] | None, key: str, parent: str, allowed: tuple[str, ...], default: str
    ) -> str | None:
        if data is None:
            return None
        value = data.get(key, default)
        if not isinstance(value, str) or value not in allowed:
            self.problem(_join(parent, key), f"{value!r} is not allowed; use one of: {', '.join(allowed)}")
            return None
        return value

    def choices(self, data: dict[str, Any], key: str, parent: str, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
        """A list of distinct values from `allowed`, kept in the order given."""
        path = _join(parent, key)
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(path, "must be a list")
            return None
        ok = True
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in allowed:
                self.problem(f"{path}[{i}]", f"{item!r} is not allowed; use one of: {', '.join(allowed)}")
                ok = False
            elif item in value[:i]:
                self.problem(f"{path}[{i}]", f"{item!r} is listed twice")
                ok = False
        return tuple(value) if ok else None


_INVALID = object()  # an operation that had problems (distinct from null: none)


def _join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key
