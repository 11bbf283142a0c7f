"""Safety read from the figures: no prescribed exercise shows a movement the person's conditions rule out.

The precautions act on tags; this test does not trust them. For every combination of
conditions (alone and together, with and without floor and chair) it builds a plan and
measures the figure of every prescribed exercise, then checks the angle limits of each
of the person's conditions, restated here from the clinical rules (docs/clinical-rules.md,
section 3). A tag missing from an exercise file, or a precaution that acts on the wrong
tag, lets a forbidden movement through and fails this test.
"""

from __future__ import annotations

import dataclasses
import itertools
from functools import cache

from supple.domain import figure as fig
from supple.domain import movement
from supple.domain.intake import RED_FLAGS, parse_intake
from supple.domain.library import Exercise, Library, load_library
from supple.domain.planning import build_plan

LIBRARY = load_library()


@dataclasses.dataclass(frozen=True)
class Shown:
    """The extremes an exercise's figure reaches over its whole animation, either side."""

    hip_flexion: float
    hip_adduction: float
    hip_internal_rotation: float
    hip_extension_turned_out: bool
    knee_flexion: float
    kneeling: bool
    spine_flexion: float
    spine_extension: float
    spine_rotation: float
    side_bend: float
    thigh_to_trunk: float
    lying: frozenset[str]
    floor_contact: bool
    chair: bool


def _shown(exercise: Exercise) -> Shown:
    frames = fig.timeline(exercise.figure)
    ms = [movement.measure(frame) for frame in frames]
    hips = [m.hip[side] for m in ms for side in ("right", "left")]
    sides = [(m, side) for m in ms for side in ("right", "left")]
    return Shown(
        hip_flexion=max(h["flexion"] for h in hips),
        hip_adduction=max(-h["abduction"] for h in hips),
        hip_internal_rotation=max(-h["rotation"] for h in hips),
        hip_extension_turned_out=any(h["flexion"] < 0 and h["rotation"] > 0 for h in hips),
        knee_flexion=max(m.knee[side] for m, side in sides),
        kneeling=any(m.knee_on_floor[side] and m.knee[side] >= 45 for m, side in sides),
        spine_flexion=max(m.spine["flexion"] for m in ms),
        spine_extension=max(-m.spine["flexion"] for m in ms),
        spine_rotation=max(abs(m.spine["rotation"]) for m in ms),
        side_bend=max(abs(m.spine["side_bend"]) for m in ms),
        thigh_to_trunk=min(m.thigh_to_trunk[side] for m, side in sides),
        lying=frozenset(m.lying for m in ms if m.lying),
        floor_contact=any(m.on_floor for m in ms),
        chair=exercise.figure.support == "chair" or "chair" in exercise.figure.props,
    )


@cache
def shown(exercise_id: str) -> Shown:
    return _shown(LIBRARY.get(exercise_id))


# The limits each condition sets on what a figure may show (clinical rules, section 3).
def posterior_hip(s: Shown) -> bool:
    return s.hip_flexion <= 90 and s.hip_adduction < 10 and s.hip_internal_rotation <= 0


def anterior_hip(s: Shown) -> bool:
    return not s.hip_extension_turned_out and not s.kneeling


def pregnancy(s: Shown) -> bool:
    return not s.lying & {"supine", "prone"} and s.thigh_to_trunk > 60


def osteoporosis(s: Shown) -> bool:
    return s.spine_flexion < 45 and s.spine_rotation < 30


def stenosis(s: Shown) -> bool:
    return s.spine_extension <= 25


def knee(s: Shown) -> bool:
    return s.knee_flexion <= 120 and not s.kneeling


def hypermobility(s: Shown) -> bool:
    return s.spine_flexion < 45 and s.spine_extension <= 25 and s.spine_rotation < 30


def gentle(s: Shown) -> bool:
    return s.spine_flexion < 45 and s.spine_extension <= 25 and s.spine_rotation < 30 and s.knee_flexion <= 120


def no_floor(s: Shown) -> bool:
    return not s.floor_contact


def no_chair(s: Shown) -> bool:
    return not s.chair


def flexion_intolerant(s: Shown) -> bool:
    return s.spine_flexion < 45


def extension_intolerant(s: Shown) -> bool:
    return s.spine_extension <= 25


HIP = {
    None: [],
    "posterior": [posterior_hip],
    "lateral": [posterior_hip],
    "unknown": [posterior_hip],
    "anterior": [anterior_hip],
}
SURGERY = {None: [], "other": [gentle], "knee": [gentle], "hip": [gentle], "spine": []}
DIRECTIONS = {
    (): [],
    ("sitting",): [flexion_intolerant],
    ("walking",): [extension_intolerant],
    ("bending_forward", "standing"): [flexion_intolerant, extension_intolerant],
}
LIFESTYLES = [
    {"sitting_hours": 9, "driving_hours": 2},
    {"sports": ["running", "golf"]},
    {"posture_concern": True},
    {},
]


def profiles():
    """Every combination of conditions, directions of pain, floor and chair, with the limits it sets.

    Age, habits, minutes and pain vary with the position in the walk, so that full and
    gentle-only routines, short and long ones, are all among them.
    """
    grid = itertools.product(
        HIP, [0, 1, 2, 3], [False, True], [False, True], [False, True], [False, True], SURGERY, DIRECTIONS,
        [True, False], [True, False],
    )  # fmt: skip
    for n, (hip, trimester, osteo, sten, knee_problem, hyper, surgery, worse, floor, chair) in enumerate(grid):
        conditions = {
            "pregnancy_trimester": trimester,
            "hip_replacement": None if hip is None else {"approach": hip, "weeks_ago": 8},
            "knee_problem": knee_problem,
            "osteoporosis": osteo,
            "spinal_stenosis": sten,
            "recent_surgery": None if surgery is None else {"site": surgery, "weeks_ago": 6},
            "hypermobility": hyper,
        }
        doc = {
            "version": 1,
            "age": (35, 70)[n % 2],
            "pain": {"intensity": (3, 5, 7)[n % 3], "weeks": 10, "worse_with": list(worse)},
            "red_flags": dict.fromkeys(RED_FLAGS, False),
            "conditions": conditions,
            "lifestyle": LIFESTYLES[n % len(LIFESTYLES)],
            "preferences": {"minutes_per_day": (5, 10, 30)[n % 3], "can_get_on_floor": floor, "has_chair": chair},
        }
        limits = [*HIP[hip], *SURGERY[surgery], *DIRECTIONS[worse]]
        limits += [rule for on, rule in ((trimester >= 2, pregnancy), (osteo, osteoporosis), (sten, stenosis),
                                         (knee_problem, knee), (hyper, hypermobility), (not floor, no_floor),
                                         (not chair, no_chair)) if on]  # fmt: skip
        yield doc, limits, surgery == "spine"


def violations(library: Library, shown_by_id, doc, limits, spine_surgery: bool) -> list[str]:
    """What the plan for `doc` prescribes against the limits, in words (empty when safe)."""
    plan = build_plan(parse_intake(doc), library)
    items = [*plan.routine, *plan.desk_routine]
    if spine_surgery and items:
        return [f"{item.exercise} prescribed within 12 weeks of spine surgery" for item in items]
    return [
        f"{item.exercise} breaks the {limit.__name__.replace('_', ' ')} limits"
        for item in items
        for limit in limits
        if not limit(shown_by_id(item.exercise))
    ]


def test_no_prescribed_figure_shows_a_movement_any_of_the_persons_conditions_rules_out():
    count, found = 0, []
    for doc, limits, spine_surgery in profiles():
        count += 1
        found += violations(LIBRARY, shown, doc, limits, spine_surgery)
    assert count == 5 * 4 * 2 * 2 * 2 * 2 * 5 * 4 * 2 * 2  # 25,600 profiles
    assert found == []


def test_the_walk_meets_every_condition_and_prescribes_under_most_of_them():
    prescribed = 0
    for doc, _, _ in itertools.islice(profiles(), 0, None, 97):
        prescribed += bool(build_plan(parse_intake(doc), LIBRARY).routine)
    assert prescribed > 100


def test_it_catches_a_figure_that_shows_more_than_its_tags_say():
    """The old seated forward bend curled the spine 60 degrees with no end-range tag."""
    honest = LIBRARY.get("seated-forward-bend")
    target = honest.figure.target
    keyframes = list(honest.figure.keyframes)
    curled = {**keyframes[target]["pose"], "spine": {"flexion": 60}}
    keyframes[target] = {**keyframes[target], "pose": curled}
    mistagged = dataclasses.replace(honest, figure=dataclasses.replace(honest.figure, keyframes=tuple(keyframes)))
    library = Library({e.id: (mistagged if e.id == honest.id else e) for e in LIBRARY})
    shown_here = {e.id: _shown(e) for e in library}
    doc = {
        "version": 1,
        "age": 50,
        "pain": {"intensity": 3, "weeks": 10, "worse_with": ["walking"]},
        "red_flags": dict.fromkeys(RED_FLAGS, False),
        "conditions": {"hypermobility": True},
        "preferences": {"minutes_per_day": 10, "can_get_on_floor": False},
    }
    assert "seated-forward-bend" in {i.exercise for i in build_plan(parse_intake(doc), library).routine}
    found = violations(library, shown_here.get, doc, [hypermobility, no_floor], False)
    assert set(found) == {"seated-forward-bend breaks the hypermobility limits"}
