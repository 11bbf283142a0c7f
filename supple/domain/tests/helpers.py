"""Small exercise libraries and intake profiles that tests build for themselves."""

from __future__ import annotations

import copy
from typing import Any

from supple.domain.intake import RED_FLAGS, Intake, parse_intake
from supple.domain.library import Dose, Exercise, Library
from supple.domain.vocabulary import FLOOR_POSITIONS


def exercise(
    exercise_id: str,
    tags: tuple[str, ...] | list[str] = (),
    *,
    kind: str = "hold",
    sides: str = "each",
    position: str = "standing",
    targets: tuple[str, ...] = ("hamstrings",),
    causes: tuple[str, ...] = ("general",),
    rest: int = 10,
) -> Exercise:
    """An exercise with just what the planner reads; the position tag (and floor) are added."""
    all_tags = {position, *tags}
    if position in FLOOR_POSITIONS:
        all_tags.add("floor")
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        summary="A test exercise.",
        kind=kind,
        sides=sides,
        position=position,
        tags=frozenset(all_tags),
        targets=tuple(targets),
        causes=tuple(causes),
        steps=("Do it.",),
        cues=("Breathe.",),
        mistakes=("Rushing.",),
        cautions=(f"Take care with {exercise_id}.",),
        stop_if=("Pain spreads down your leg.",),
        dose=Dose(
            sets=2, hold_seconds=30 if kind == "hold" else None, reps=10 if kind == "reps" else None, rest_seconds=rest
        ),
        easier=(),
        harder=(),
        alternatives=(),
        videos=(),
        figure=None,  # type: ignore[arg-type]  # the planner never draws
    )


def library(*exercises: Exercise) -> Library:
    return Library({e.id: e for e in exercises})


def profile(**sections: Any) -> dict[str, Any]:
    """A valid profile (every red flag answered no, no conditions), with `sections` merged in.

    Top-level values replace; dict values merge into the section, so
    `profile(pain={"intensity": 7})` keeps the other pain fields.
    """
    doc: dict[str, Any] = {
        "version": 1,
        "age": 40,
        "pain": {"intensity": 3, "weeks": 6},
        "red_flags": dict.fromkeys(RED_FLAGS, False),
    }
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(doc.get(key), dict):
            doc[key] = {**doc[key], **copy.deepcopy(value)}
        else:
            doc[key] = copy.deepcopy(value)
    return doc


def intake(**sections: Any) -> Intake:
    return parse_intake(profile(**sections))
