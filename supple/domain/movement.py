"""What a figure shows, measured, and the movement tags that follow from it.

Precautions exclude exercises by their tags, so a tag must never be missing from an
exercise whose own demonstration shows that movement. `required_tags` measures every
sampled frame of a figure's animation (every keyframe and the frames between them; the
left side is the mirror image of the right, so both hips and knees are measured) and
returns each tag the figure requires, with the first place that shows it. The library
check refuses an exercise file that lacks one; a file may carry more tags than its
figure requires, never fewer. The thresholds are those of docs/clinical-rules.md,
section 3 ("Tags follow the figure").

Angles are the figure's joint angles: hip relative to the pelvis, the spine as the
total of its segments (extension is negative flexion).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from supple.domain import figure as fig

SIDES = ("right", "left")

# Joint-angle thresholds of the movement tags (clinical rules, section 3).
HIP_FLEXION_LIMIT = 90.0  # hip_flexion_past_90: hip flexion above 90 degrees
HIP_ADDUCTION_LIMIT = 10.0  # hip_adduction_past_midline: adduction of 10 degrees or more
DEEP_KNEE_FLEXION = 120.0  # deep_knee_flexion: knee flexion above 120 degrees
SPINE_FLEXION_END_RANGE = 45.0  # spinal_flexion_end_range: 45 degrees or more
SPINE_EXTENSION_END_RANGE = 25.0  # spinal_extension_end_range: extension beyond 25 degrees
SPINE_ROTATION_END_RANGE = 30.0  # spinal_rotation_end_range: 30 degrees or more, either way

# supple's own, stricter additions (product heuristics, docs/clinical-rules.md section 3).
# A spinal movement this large is one the pain-direction rules must be able to see.
SPINE_FLEXION_SHOWN = 20.0
SPINE_EXTENSION_SHOWN = 15.0
SPINE_ROTATION_SHOWN = 15.0
# A thigh brought within 60 degrees of the trunk presses on the belly (knee-to-chest, child's pose).
ABDOMINAL_COMPRESSION_ANGLE = 60.0
# A part this close to the floor (cm, beyond its drawn thickness) rests on it.
FLOOR_CONTACT = 1.0
# A knee on the floor bent this far or more carries weight: kneeling. Lying face down with
# nearly straight legs also puts the knees on the mat, but nobody kneels on them.
KNEELING_KNEE_FLEXION = 45.0
# The body lies on the floor when its trunk rests on it and the pelvis's up axis is within
# 45 degrees of horizontal. Its front facing within 60 degrees of straight up is lying on the back
# (a pelvis rolled partly to one side in a leg cross-over still lies on its back), within
# 60 degrees of straight down on the front; anything between is lying on one side.
LYING_TILT = math.cos(math.radians(45))
FACING_TILT = math.cos(math.radians(60))
# Feet may touch the floor in any position; any other part touching it means floor work.
FOOT_POINTS = frozenset(f"{p}_{s}" for p in ("ankle", "heel", "toe") for s in SIDES)
# Points of the trunk: lying down, one of them rests on the floor (a shoulder, when lying on one side).
TRUNK_POINTS = ("pelvis", "waist", "neck_base", *(f"{p}_{s}" for p in ("hip", "shoulder") for s in SIDES))

# A gentle exercise stays in the middle of the range (product heuristic): no end range,
# no deep knee bend, and a side bend of 20 degrees at most.
GENTLE_EXCLUDED_TAGS = frozenset(
    {"spinal_flexion_end_range", "spinal_extension_end_range", "spinal_rotation_end_range", "deep_knee_flexion"}
)
GENTLE_SIDE_BEND = 20.0


@dataclass(frozen=True)
class Measures:
    """The angles and contacts of one sampled frame."""

    hip: dict[str, dict[str, float]]  # side -> flexion, abduction, rotation
    knee: dict[str, float]  # side -> flexion
    spine: dict[str, float]  # flexion, side_bend, rotation
    knee_on_floor: dict[str, bool]
    thigh_to_trunk: dict[str, float]  # side -> degrees between the thigh and the trunk
    lying: str | None  # "supine", "prone", "side_lying", or None when not lying down
    on_floor: tuple[str, ...]  # body points other than the feet resting on the floor


def _angle_between(u: fig.Vec, v: fig.Vec) -> float:
    cos = sum(a * b for a, b in zip(u, v, strict=True)) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _vector(a: fig.Vec, b: fig.Vec) -> fig.Vec:
    return (b[0] - a[0], b[1] - a[1], b[2] - a[2])


def _resting(points: fig.Skeleton, name: str) -> bool:
    return points[name][1] - fig.radius(name) <= FLOOR_CONTACT


def _lying(frame: fig.Frame) -> str | None:
    if not any(_resting(frame.points, p) for p in TRUNK_POINTS):
        return None
    rotation = fig.pelvis_rotation(frame.pose)
    facing_up, up_up = rotation[1][0], rotation[1][1]  # world y of the pelvis's front and up axes
    if abs(up_up) > LYING_TILT:
        return None  # sitting on the floor, or kneeling: the pelvis is upright
    if facing_up >= FACING_TILT:
        return "supine"
    if facing_up <= -FACING_TILT:
        return "prone"
    return "side_lying"


def _thigh(points: fig.Skeleton, side: str) -> fig.Vec:
    return _vector(points[f"hip_{side}"], points[f"knee_{side}"])


def measure(frame: fig.Frame) -> Measures:
    """Angles from the frame's pose, contacts from its placed points."""
    pts, pose = frame.points, frame.pose
    trunk = _vector(pts["pelvis"], pts["neck_base"])
    return Measures(
        hip={side: fig.joint_values(pose, f"hip_{side}") for side in SIDES},
        knee={side: fig.joint_values(pose, f"knee_{side}")["flexion"] for side in SIDES},
        spine=fig.joint_values(pose, "spine"),
        knee_on_floor={side: _resting(pts, f"knee_{side}") for side in SIDES},
        thigh_to_trunk={side: _angle_between(trunk, _thigh(pts, side)) for side in SIDES},
        lying=_lying(frame),
        on_floor=tuple(name for name in pts if name not in FOOT_POINTS and _resting(pts, name)),
    )


# --- the rules: each returns what the frame shows that requires its tag, or None --------


def _per_side(test: Callable[[Measures, str], str | None]) -> Callable[[Measures], str | None]:
    def evidence(m: Measures) -> str | None:
        return next((found for side in SIDES if (found := test(m, side)) is not None), None)

    return evidence


def _hip_flexion(m: Measures, side: str) -> str | None:
    flexion = m.hip[side]["flexion"]
    return f"{side} hip flexion of {flexion:.0f}°" if flexion > HIP_FLEXION_LIMIT else None


def _hip_adduction(m: Measures, side: str) -> str | None:
    adduction = -m.hip[side]["abduction"]
    return f"{side} hip adduction of {adduction:.0f}°" if adduction >= HIP_ADDUCTION_LIMIT else None


def _hip_internal_rotation(m: Measures, side: str) -> str | None:
    rotation = m.hip[side]["rotation"]
    return f"{side} hip internal rotation of {-rotation:.0f}°" if rotation < 0 else None


def _hip_extension_external_rotation(m: Measures, side: str) -> str | None:
    hip = m.hip[side]
    if hip["flexion"] < 0 and hip["rotation"] > 0:
        return f"{side} hip extension of {-hip['flexion']:.0f}° with external rotation of {hip['rotation']:.0f}°"
    return None


def _deep_knee(m: Measures, side: str) -> str | None:
    return f"{side} knee flexion of {m.knee[side]:.0f}°" if m.knee[side] > DEEP_KNEE_FLEXION else None


def _kneeling(m: Measures, side: str) -> str | None:
    if m.knee_on_floor[side] and m.knee[side] >= KNEELING_KNEE_FLEXION:
        return f"the {side} knee on the floor, bent {m.knee[side]:.0f}°"
    return None


def _compression(m: Measures, side: str) -> str | None:
    angle = m.thigh_to_trunk[side]
    return f"the {side} thigh {angle:.0f}° from the trunk" if angle <= ABDOMINAL_COMPRESSION_ANGLE else None


def _flexion_at_least(limit: float) -> Callable[[Measures], str | None]:
    def evidence(m: Measures) -> str | None:
        flexion = m.spine["flexion"]
        return f"spine flexion of {flexion:.0f}°" if flexion >= limit else None

    return evidence


def _extension_beyond(limit: float, inclusive: bool) -> Callable[[Measures], str | None]:
    def evidence(m: Measures) -> str | None:
        extension = -m.spine["flexion"]
        shown = extension >= limit if inclusive else extension > limit
        return f"spine extension of {extension:.0f}°" if shown else None

    return evidence


def _rotation_at_least(limit: float) -> Callable[[Measures], str | None]:
    def evidence(m: Measures) -> str | None:
        rotation = abs(m.spine["rotation"])
        return f"spine rotation of {rotation:.0f}°" if rotation >= limit else None

    return evidence


def _lying_as(position: str, words: str) -> Callable[[Measures], str | None]:
    def evidence(m: Measures) -> str | None:
        return words if m.lying == position else None

    return evidence


def _floor(m: Measures) -> str | None:
    return f"the {m.on_floor[0].replace('_', ' ')} resting on the floor" if m.on_floor else None


def _end_range(m: Measures) -> str | None:
    return next((found for rule in END_RANGE_RULES if (found := rule(m)) is not None), None)


@dataclass(frozen=True)
class TagRule:
    """A tag and the measured movement that requires it (`shows`, in the rules' words)."""

    tag: str
    shows: str
    evidence: Callable[[Measures], str | None]


END_RANGE_RULES = (
    _flexion_at_least(SPINE_FLEXION_END_RANGE),
    _extension_beyond(SPINE_EXTENSION_END_RANGE, inclusive=False),
    _rotation_at_least(SPINE_ROTATION_END_RANGE),
)

TAG_RULES = (
    TagRule("hip_flexion_past_90", "hip flexion above 90°", _per_side(_hip_flexion)),
    TagRule("hip_adduction_past_midline", "hip adduction of 10° or more", _per_side(_hip_adduction)),
    TagRule("hip_internal_rotation", "hip internal rotation past neutral", _per_side(_hip_internal_rotation)),
    TagRule(
        "hip_extension_with_external_rotation",
        "hip extension with external rotation",
        _per_side(_hip_extension_external_rotation),
    ),
    TagRule("deep_knee_flexion", "knee flexion above 120°", _per_side(_deep_knee)),
    TagRule("kneeling", "a bent knee resting on the floor", _per_side(_kneeling)),
    TagRule("spinal_flexion_end_range", "spine flexion of 45° or more", END_RANGE_RULES[0]),
    TagRule("spinal_extension_end_range", "spine extension beyond 25°", END_RANGE_RULES[1]),
    TagRule("spinal_rotation_end_range", "spine rotation of 30° or more", END_RANGE_RULES[2]),
    TagRule("end_range", "any end-range spine movement", _end_range),
    # supple's stricter additions
    TagRule("abdominal_compression", "a thigh within 60° of the trunk", _per_side(_compression)),
    TagRule("spinal_flexion", "spine flexion of 20° or more", _flexion_at_least(SPINE_FLEXION_SHOWN)),
    TagRule("spinal_extension", "spine extension of 15° or more", _extension_beyond(SPINE_EXTENSION_SHOWN, True)),
    TagRule("spinal_rotation", "spine rotation of 15° or more", _rotation_at_least(SPINE_ROTATION_SHOWN)),
    TagRule("supine", "lying on the back", _lying_as("supine", "lying on the back")),
    TagRule("prone", "lying on the front", _lying_as("prone", "lying on the front")),
    TagRule("side_lying", "lying on one side", _lying_as("side_lying", "lying on one side")),
    TagRule("floor", "a part of the body other than the feet on the floor", _floor),
)

# Props that the person needs, as tags.
PROP_TAGS = {"chair": "needs_chair", "wall": "needs_wall", "strap": "needs_strap"}


@dataclass(frozen=True)
class Requirement:
    """A tag the figure requires, and the first place that shows why."""

    tag: str
    evidence: str
    keyframe: int | None  # None for a requirement of the figure's props
    moving: bool = False  # shown while moving into `keyframe` rather than at it


def required_tags(figure: fig.Figure, frames: Iterable[fig.Frame]) -> list[Requirement]:
    """Every tag the figure's frames and props require, in TAG_RULES order, then props.

    A tag shown at a keyframe is reported there; one shown only between keyframes is
    reported at the keyframe being moved towards.
    """
    measured = [(frame, measure(frame)) for frame in frames]
    measured.sort(key=lambda pair: pair[0].moving)  # keyframes first: the clearest place to point at
    out = []
    for rule in TAG_RULES:
        for frame, m in measured:
            found = rule.evidence(m)
            if found is not None:
                out.append(Requirement(rule.tag, found, frame.keyframe, frame.moving))
                break
    for prop, tag in PROP_TAGS.items():
        if prop in figure.props:
            out.append(Requirement(tag, f"a {prop}", None))
    if figure.support == "chair" and "chair" not in figure.props:
        out.append(Requirement("needs_chair", "sitting on a chair", None))
    return out


def largest_side_bend(frames: Iterable[fig.Frame]) -> float:
    """The largest side bend of the spine in any frame, either way (degrees)."""
    return max(abs(fig.joint_values(frame.pose, "spine")["side_bend"]) for frame in frames)
