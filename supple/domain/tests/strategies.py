"""Hypothesis strategies for valid intake profiles (version 1)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from supple.domain.intake import (
    HIP_APPROACHES,
    INFLAMMATORY_SIGNS,
    PAIN_AREAS,
    RED_FLAGS,
    ROTATIONAL_SPORTS,
    SPORTS,
    SURGERY_SITES,
    WORSE_WITH,
)


def _number(low: float, high: float) -> st.SearchStrategy[float]:
    return st.one_of(st.integers(int(low), int(high)), st.floats(low, high, allow_nan=False, allow_infinity=False))


@st.composite
def _red_flags(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly every flag answered no, so that every decision is well represented."""
    flags: dict[str, Any] = dict.fromkeys(RED_FLAGS, False)
    mode = draw(st.sampled_from(["all_no"] * 3 + ["some_yes_or_unanswered"] * 2 + ["some_missing"]))
    if mode == "some_yes_or_unanswered":
        flags |= draw(st.dictionaries(st.sampled_from(RED_FLAGS), st.sampled_from([True, None]), max_size=3))
    elif mode == "some_missing":
        for name in draw(st.lists(st.sampled_from(RED_FLAGS), unique=True, max_size=14)):
            del flags[name]
    return flags


@st.composite
def _operation(draw: st.DrawFn, kind_key: str, kinds: tuple[str, ...]) -> dict[str, Any] | None:
    if draw(st.booleans()):
        return None
    op: dict[str, Any] = {"weeks_ago": draw(_number(0, 60))}
    if draw(st.booleans()):
        op[kind_key] = draw(st.sampled_from(kinds))
    if draw(st.booleans()):
        op["cleared"] = draw(st.booleans())
    return op


def _optional(draw: st.DrawFn, section: dict[str, Any]) -> dict[str, Any]:
    """Leave out some optional keys, so the defaults are exercised too."""
    return {key: value for key, value in section.items() if draw(st.booleans()) or key == "weeks"}


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid intake profile, as decoded JSON."""
    pain = {
        "intensity": draw(st.one_of(st.integers(0, 6), st.integers(0, 10))),
        "weeks": draw(_number(0, 2600)),
        "areas": draw(st.lists(st.sampled_from(PAIN_AREAS[:5]), unique=True, max_size=3))
        + draw(st.sampled_from([[]] * 5 + [[area] for area in PAIN_AREAS[5:]])),
        "below_knee": draw(st.sampled_from([False] * 5 + [True])),
        "worse_with": draw(st.lists(st.sampled_from(WORSE_WITH), unique=True, max_size=3)),
    }
    pain = {"intensity": pain["intensity"], **_optional(draw, pain)}
    doc: dict[str, Any] = {"version": 1, "age": draw(st.integers(16, 110)), "pain": pain}
    doc["red_flags"] = draw(_red_flags())
    if draw(st.booleans()):
        doc["inflammatory"] = {name: draw(st.booleans()) for name in INFLAMMATORY_SIGNS}
    if draw(st.booleans()):
        doc["height_cm"] = draw(_number(100, 250))
        doc["weight_kg"] = draw(_number(25, 350))
    conditions = {
        "pregnancy_trimester": draw(st.sampled_from([0, 0, 1, 2, 3])),
        "hip_replacement": draw(_operation("approach", HIP_APPROACHES)),
        "knee_problem": draw(st.booleans()),
        "osteoporosis": draw(st.booleans()),
        "spinal_stenosis": draw(st.booleans()),
        "recent_surgery": draw(_operation("site", SURGERY_SITES)),
        "hypermobility": draw(st.booleans()),
    }
    doc["conditions"] = _optional(draw, conditions)
    lifestyle = {
        "sitting_hours": draw(_number(0, 24)),
        "driving_hours": draw(_number(0, 24)),
        "sports": draw(st.lists(st.sampled_from(SPORTS + ROTATIONAL_SPORTS), unique=True, max_size=3)),
        "posture_concern": draw(st.booleans()),
    }
    doc["lifestyle"] = _optional(draw, lifestyle)
    preferences = {
        "minutes_per_day": draw(st.integers(3, 60)),
        "can_get_on_floor": draw(st.booleans()),
        "has_chair": draw(st.booleans()),
    }
    doc["preferences"] = _optional(draw, preferences)
    return doc
