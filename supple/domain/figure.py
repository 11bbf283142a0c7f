"""The demonstration figure: a small kinematic model of a human body, and the checks that keep it physical.

An exercise's `figure` block describes poses as joint angles in degrees. `solve_pose`
turns one pose into 3-D positions with fixed segment lengths (forward kinematics);
`timeline` eases the angles from keyframe to keyframe and places every sampled frame on
its support (the floor, or a chair seat). `figure_problems` checks every sampled frame:
constant segment lengths, nothing below the floor, the hips on the seat, every declared
contact kept, and no two parts of the body passing through each other. Drawing is in
`drawing.py`; the movement tags a figure requires are in `movement.py`.

World frame (centimetres): x points where the person faces when standing, y up, z to the
person's right; the floor is y = 0. Angles follow the anatomical conventions a
physiotherapist measures, so the same keyframes can drive the camera form check:
hip and shoulder flexion swing the limb forward, abduction swings it away from the
midline (adduction is negative), rotation is external when positive, knee and elbow
flexion bend the joint, ankle flexion is dorsiflexion, spine flexion bends forward.
Keyframes are written for the right side working; the left side is its mirror image.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
Skeleton = dict[str, Vec]

SIDES = ("right", "left")

# Segment lengths in cm, for an adult about 170 cm tall (Winter, "Biomechanics and
# Motor Control of Human Movement", segment length ratios of body height).
LUMBAR = 18.0  # pelvis centre to waist
THORAX = 30.0  # waist to the base of the neck
NECK = 8.0
HEAD_RADIUS = 10.5
HIP_HALF_WIDTH = 9.0
SHOULDER_HALF_WIDTH = 17.0
SHOULDER_DROP = 4.0  # shoulders sit a little below the base of the neck
UPPER_ARM = 30.0
FOREARM = 27.0  # elbow to the middle of the hand (the `wrist` point)
FINGERS = 6.0  # middle of the hand to the fingertips (the `hand` point)
THIGH = 43.0
SHANK = 43.0
ANKLE_HEIGHT = 6.0
HEEL_BACK = 4.0
TOE_FORWARD = 15.0

# The spine bends as a curve: two lumbar and two thoracic segments, each taking a share
# of the spine's flexion, side bend and rotation (the lumbar spine moves most in flexion).
SPINE_SEGMENTS = (
    ("pelvis", "lumbar", LUMBAR / 2, 0.3),
    ("lumbar", "waist", LUMBAR / 2, 0.3),
    ("waist", "chest", THORAX / 2, 0.2),
    ("chest", "neck_base", THORAX / 2, 0.2),
)

# Drawn half thickness of each point's part, in cm. A part may touch the floor or the
# seat, never cross it. Face points and the hair are surface marks with no thickness.
RADIUS = {
    "pelvis": 12.0, "lumbar": 11.5, "waist": 11.5, "chest": 13.0, "neck_base": 10.0, "head": HEAD_RADIUS,
    "hip": 7.0, "knee": 5.5, "ankle": 5.0, "heel": 2.5, "toe": 2.5,
    "shoulder": 4.0, "elbow": 4.0, "wrist": 4.5, "hand": 3.0,
}  # fmt: skip

# Points on the head, as (forward, up, right) fractions of the head radius in the head's
# own frame: they show where the face points and give the camera check its face landmarks.
FACE = {
    "nose": (1.0, -0.1, 0.0),
    "eye_inner_right": (0.9, 0.2, 0.18), "eye_right": (0.85, 0.2, 0.33), "eye_outer_right": (0.78, 0.2, 0.48),
    "eye_inner_left": (0.9, 0.2, -0.18), "eye_left": (0.85, 0.2, -0.33), "eye_outer_left": (0.78, 0.2, -0.48),
    "ear_right": (0.0, 0.05, 1.0), "ear_left": (0.0, 0.05, -1.0),
    "mouth_right": (0.88, -0.45, 0.2), "mouth_left": (0.88, -0.45, -0.2),
    "hair": (-0.3, 0.25, 0.0),
}  # fmt: skip

SEAT_HEIGHT = 46.0  # top of a standard dining or office chair seat
SEAT_FRONT = 30.0  # default distance of the seat's front edge ahead of the hips
SEAT_DEPTH = 44.0
SEAT_HALF_WIDTH = 22.0
CHAIR_BACK_HEIGHT = 88.0

# Joint ranges a healthy adult can reach (degrees), after the AAOS normal values
# (Greene & Heckman 1994), widened slightly for the trunk. A keyframe outside them is
# rejected by the library check: the figure must show a body that can do it.
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "body": {"pitch": (-180, 180), "turn": (-180, 180), "lean": (-90, 90)},
    "spine": {"flexion": (-45, 80), "side_bend": (-40, 40), "rotation": (-50, 50)},
    "neck": {"flexion": (-60, 70)},
    "hip": {"flexion": (-30, 140), "abduction": (-35, 60), "rotation": (-45, 60)},
    "knee": {"flexion": (0, 155)},
    "ankle": {"flexion": (-50, 30)},
    "shoulder": {"flexion": (-60, 180), "abduction": (-30, 180), "rotation": (-90, 90)},
    "elbow": {"flexion": (0, 150)},
    "wrist": {"flexion": (-90, 80)},  # negative bends the hand back (palm flat on the floor: about -90)
}

SIDED_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")
JOINTS = ("body", "spine", "neck", *(f"{j}_{s}" for j in SIDED_JOINTS for s in SIDES))

# Named points a figure may anchor on, attach a strap to or declare a contact of.
POINTS = (
    "pelvis", "lumbar", "waist", "chest", "neck_base", "head",
    *(f"{p}_{s}" for p in ("hip", "knee", "ankle", "heel", "toe", "shoulder", "elbow", "wrist", "hand")
      for s in SIDES),
)  # fmt: skip

SURFACES = ("floor", "seat", "wall", "strap")


@dataclass(frozen=True)
class Capsule:
    """A part of the body as the checks see it: a chain of points thickened by `radius`."""

    name: str
    points: tuple[str, ...]
    radius: float


def _capsules() -> tuple[Capsule, ...]:
    parts = [
        Capsule("lower_trunk", ("pelvis", "lumbar", "waist"), 11.5),
        Capsule("upper_trunk", ("waist", "chest", "neck_base"), 12.0),
        Capsule("hips", ("hip_left", "hip_right"), 5.0),
        Capsule("shoulders", ("shoulder_left", "shoulder_right"), 5.0),
        Capsule("neck", ("neck_base", "head"), 4.0),
        Capsule("head", ("head",), HEAD_RADIUS),
    ]
    for s in SIDES:
        parts += [
            Capsule(f"upper_arm_{s}", (f"shoulder_{s}", f"elbow_{s}"), 4.0),
            Capsule(f"forearm_{s}", (f"elbow_{s}", f"wrist_{s}"), 3.5),
            Capsule(f"hand_{s}", (f"wrist_{s}", f"hand_{s}"), 3.0),
            Capsule(f"thigh_{s}", (f"hip_{s}", f"knee_{s}"), 6.5),
            Capsule(f"shank_{s}", (f"knee_{s}", f"ankle_{s}"), 5.0),
            Capsule(f"foot_{s}", (f"heel_{s}", f"ankle_{s}", f"toe_{s}"), 2.5),
        ]
    return tuple(parts)


CAPSULES = _capsules()
CAPSULE_BY_NAME = {c.name: c for c in CAPSULES}

# Parts joined by design: they overlap where they meet, and are not checked against each other.
_JOINED = [
    ("lower_trunk", "upper_trunk"), ("lower_trunk", "hips"), ("upper_trunk", "shoulders"), ("upper_trunk", "neck"),
    ("shoulders", "neck"), ("neck", "head"), ("upper_trunk", "head"),
]  # fmt: skip
for _s in SIDES:
    _JOINED += [
        (f"upper_arm_{_s}", "shoulders"), (f"upper_arm_{_s}", "upper_trunk"), (f"upper_arm_{_s}", f"forearm_{_s}"),
        (f"forearm_{_s}", f"hand_{_s}"), (f"thigh_{_s}", "hips"), (f"thigh_{_s}", "lower_trunk"),
        (f"thigh_{_s}", f"shank_{_s}"), (f"shank_{_s}", f"foot_{_s}"),
    ]  # fmt: skip
JOINED = frozenset(frozenset(pair) for pair in _JOINED)

EASE_STEPS = 8  # interpolated frames per movement between two keyframes
DEFAULT_MOVE_SECONDS = 1.5
DEFAULT_HOLD_SECONDS = 0.6

# Tolerances of the checks, in cm.
LENGTH_TOLERANCE = 0.01  # rounding noise, not leeway for a bad pose
CONTACT_TOLERANCE = 0.5  # how far a part may sink into the floor or the seat
CONTACT_GAP = 3.0  # a declared contact holds when the surfaces are within 3 cm, either way
OVERLAP_TOLERANCE = 2.0  # two parts may press 2 cm into each other (soft tissue), no further


class FigureError(ValueError):
    """A figure description that cannot be drawn; `path` names the field."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# --- vectors and rotations -------------------------------------------------------------


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def distance(a: Vec, b: Vec) -> float:
    return math.sqrt(_dot(_sub(a, b), _sub(a, b)))


def _apply(m: Mat, v: Vec) -> Vec:
    return (_dot(m[0], v), _dot(m[1], v), _dot(m[2], v))


def _mul(a: Mat, b: Mat) -> Mat:
    cols = tuple(zip(*b, strict=True))
    return tuple(tuple(_dot(row, col) for col in cols) for row in a)  # type: ignore[return-value]


def _rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1, 0, 0), (0, c, -s), (0, s, c))


def _rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0, s), (0, 1, 0), (-s, 0, c))


def _rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


def _chain(*mats: Mat) -> Mat:
    out = mats[0]
    for m in mats[1:]:
        out = _mul(out, m)
    return out


def segment_distance(a0: Vec, a1: Vec, b0: Vec, b1: Vec) -> float:
    """Shortest distance between the segments a0-a1 and b0-b1 (either may be a single point)."""
    d1, d2, r = _sub(a1, a0), _sub(b1, b0), _sub(a0, b0)
    a, e, f = _dot(d1, d1), _dot(d2, d2), _dot(d2, r)
    if a < 1e-9 and e < 1e-9:
        return distance(a0, b0)
    if a < 1e-9:
        s, t = 0.0, min(1.0, max(0.0, f / e))
    else:
        c = _dot(d1, r)
        if e < 1e-9:
            s, t = min(1.0, max(0.0, -c / a)), 0.0
        else:
            b = _dot(d1, d2)
            denom = a * e - b * b
            s = min(1.0, max(0.0, (b * f - c * e) / denom)) if denom > 1e-9 else 0.0
            t = (b * s + f) / e
            if t < 0:
                s, t = min(1.0, max(0.0, -c / a)), 0.0
            elif t > 1:
                s, t = min(1.0, max(0.0, (b - c) / a)), 1.0
    return distance(_add(a0, _scale(d1, s)), _add(b0, _scale(d2, t)))


# --- poses -----------------------------------------------------------------------------


def joint_values(pose: Mapping[str, Any], joint: str) -> dict[str, float]:
    """Every degree of freedom of `joint` in `pose`, missing ones at 0 (neutral standing).

    One-axis joints (knee, elbow, ankle, neck) may be written as a bare number.
    """
    kind = joint.split("_")[0]
    raw = pose.get(joint, {})
    if isinstance(raw, (int, float)):
        raw = {"flexion": raw}
    return {axis: float(raw.get(axis, 0.0)) for axis in RANGES[kind]}


def check_pose(pose: Mapping[str, Any], path: str) -> list[FigureError]:
    """Problems that make a pose impossible: unknown joints or axes, angles out of range."""
    problems = []
    for joint, raw in pose.items():
        if joint not in JOINTS:
            problems.append(FigureError(f"{path}.{joint}", f"unknown joint (known: {', '.join(JOINTS)})"))
            continue
        limits = RANGES[joint.split("_")[0]]
        values = {"flexion": raw} if isinstance(raw, (int, float)) else raw
        for axis, value in values.items():
            if axis not in limits:
                problems.append(FigureError(f"{path}.{joint}.{axis}", f"unknown axis (known: {', '.join(limits)})"))
                continue
            low, high = limits[axis]
            if not low <= value <= high:
                problems.append(
                    FigureError(f"{path}.{joint}.{axis}", f"{value:g} degrees is out of reach ({low:g} to {high:g})")
                )
    return problems


def pelvis_rotation(pose: Mapping[str, Any]) -> Mat:
    """Orientation of the pelvis in the world: its columns are where the pelvis faces, its up, its right."""
    body = joint_values(pose, "body")
    return _chain(_rot_z(-body["pitch"]), _rot_y(body["turn"]), _rot_x(body["lean"]))


def _spine_rotation(spine: dict[str, float], share: float) -> Mat:
    return _chain(
        _rot_z(-spine["flexion"] * share), _rot_x(spine["side_bend"] * share), _rot_y(spine["rotation"] * share)
    )


def solve_pose(pose: Mapping[str, Any]) -> Skeleton:
    """Joint positions of `pose` with the pelvis centre at the origin (forward kinematics)."""
    spine = joint_values(pose, "spine")
    r_body = pelvis_rotation(pose)
    pts: Skeleton = {"pelvis": (0.0, 0.0, 0.0)}
    r_trunk = r_body
    for start, end, length, share in SPINE_SEGMENTS:
        r_trunk = _mul(r_trunk, _spine_rotation(spine, share))
        pts[end] = _add(pts[start], _apply(r_trunk, (0, length, 0)))
    r_head = _mul(r_trunk, _rot_z(-joint_values(pose, "neck")["flexion"]))
    head = _add(pts["neck_base"], _apply(r_head, (0, NECK + HEAD_RADIUS, 0)))
    pts["head"] = head
    for name, (forward, up, right) in FACE.items():
        pts[name] = _add(head, _apply(r_head, _scale((forward, up, right), HEAD_RADIUS)))
    for side, sign in (("right", 1.0), ("left", -1.0)):
        pts.update(_leg(pose, side, sign, r_body))
        pts.update(_arm(pose, side, sign, r_trunk, pts["neck_base"]))
    return pts


def _leg(pose: Mapping[str, Any], side: str, sign: float, r_body: Mat) -> Skeleton:
    hip_angles = joint_values(pose, f"hip_{side}")
    hip = _apply(r_body, (0, 0, sign * HIP_HALF_WIDTH))
    r_thigh = _chain(
        r_body,
        _rot_z(hip_angles["flexion"]),
        _rot_x(-sign * hip_angles["abduction"]),
        _rot_y(-sign * hip_angles["rotation"]),
    )
    knee = _add(hip, _apply(r_thigh, (0, -THIGH, 0)))
    r_shank = _mul(r_thigh, _rot_z(-joint_values(pose, f"knee_{side}")["flexion"]))
    ankle = _add(knee, _apply(r_shank, (0, -SHANK, 0)))
    r_foot = _mul(r_shank, _rot_z(joint_values(pose, f"ankle_{side}")["flexion"]))
    return {
        f"hip_{side}": hip,
        f"knee_{side}": knee,
        f"ankle_{side}": ankle,
        f"heel_{side}": _add(ankle, _apply(r_foot, (-HEEL_BACK, -ANKLE_HEIGHT, 0))),
        f"toe_{side}": _add(ankle, _apply(r_foot, (TOE_FORWARD, -ANKLE_HEIGHT, 0))),
    }


def _arm(pose: Mapping[str, Any], side: str, sign: float, r_trunk: Mat, neck_base: Vec) -> Skeleton:
    angles = joint_values(pose, f"shoulder_{side}")
    shoulder = _add(neck_base, _apply(r_trunk, (0, -SHOULDER_DROP, sign * SHOULDER_HALF_WIDTH)))
    r_upper = _chain(
        r_trunk, _rot_z(angles["flexion"]), _rot_x(-sign * angles["abduction"]), _rot_y(-sign * angles["rotation"])
    )
    elbow = _add(shoulder, _apply(r_upper, (0, -UPPER_ARM, 0)))
    r_fore = _mul(r_upper, _rot_z(joint_values(pose, f"elbow_{side}")["flexion"]))
    wrist = _add(elbow, _apply(r_fore, (0, -FOREARM, 0)))
    r_hand = _mul(r_fore, _rot_z(joint_values(pose, f"wrist_{side}")["flexion"]))
    hand = _add(wrist, _apply(r_hand, (0, -FINGERS, 0)))
    return {f"shoulder_{side}": shoulder, f"elbow_{side}": elbow, f"wrist_{side}": wrist, f"hand_{side}": hand}


def segment_lengths(pts: Skeleton) -> dict[str, float]:
    """Length of every rigid segment, for checking that a frame kept the body's proportions."""
    pairs = [(start, end) for start, end, *_ in SPINE_SEGMENTS] + [("neck_base", "head"), ("head", "nose")]
    for s in SIDES:
        pairs += [
            (f"hip_{s}", f"knee_{s}"), (f"knee_{s}", f"ankle_{s}"), (f"ankle_{s}", f"toe_{s}"),
            (f"ankle_{s}", f"heel_{s}"), (f"shoulder_{s}", f"elbow_{s}"), (f"elbow_{s}", f"wrist_{s}"),
            (f"wrist_{s}", f"hand_{s}"), ("pelvis", f"hip_{s}"), ("neck_base", f"shoulder_{s}"),
        ]  # fmt: skip
    return {f"{a}-{b}": distance(pts[a], pts[b]) for a, b in pairs}


def radius(point: str) -> float:
    """Drawn half thickness at a point (0 for the marks on the face)."""
    if point in FACE:
        return 0.0
    return RADIUS[point if point in RADIUS else point.rsplit("_", 1)[0]]


# --- the figure, its frames and its support ----------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A body point that rests on another point, a part of the body or a surface."""

    point: str
    on: str

    def __str__(self) -> str:
        return f"{self.point.replace('_', ' ')} on {self.on.replace('_', ' ')}"


@dataclass(frozen=True)
class Frame:
    """One sampled moment of the animation: time in seconds and placed joint positions.

    `pose` holds the joint angles drawn at that moment; `keyframe` is the index of the
    keyframe the frame shows, or of the keyframe being moved towards (`moving` is True).
    """

    t: float
    points: Skeleton
    pose: Mapping[str, Any] = field(default_factory=dict, compare=False)
    keyframe: int = 0
    moving: bool = False


@dataclass(frozen=True)
class Figure:
    """A validated `figure` block of an exercise."""

    keyframes: tuple[Mapping[str, Any], ...]
    target: int  # index of the keyframe shown as the held position
    support: str  # "floor" or "chair"
    anchor: str
    props: Mapping[str, Mapping[str, Any]]
    view_azimuth: float
    view_elevation: float
    highlight: tuple[str, ...]
    contacts: tuple[tuple[Contact, ...], ...] = ()  # per keyframe

    def contacts_at(self, frame: Frame) -> tuple[Contact, ...]:
        """The contacts that hold in this frame: its keyframe's, or while moving those both ends declare."""
        if not self.contacts:
            return ()
        here = self.contacts[frame.keyframe]
        if not frame.moving:
            return here
        before = set(self.contacts[frame.keyframe - 1])
        return tuple(c for c in here if c in before)

    def touching_at(self, frame: Frame) -> tuple[Contact, ...]:
        """The contacts whose parts may touch in this frame: while moving, those of either end
        (a hand slides along a thigh as it comes to rest on it)."""
        if not self.contacts or not frame.moving:
            return self.contacts_at(frame)
        return tuple(dict.fromkeys((*self.contacts[frame.keyframe - 1], *self.contacts[frame.keyframe])))


def place(pts: Skeleton, support: str) -> Skeleton:
    """Move a solved pose onto its support: the seat for a chair, otherwise the floor.

    On the floor the lowest part of the body rests on it. On a chair the hips rest on
    the seat; the rest of the body (the feet) must then clear the floor by itself.
    """
    if support == "chair":
        lift = SEAT_HEIGHT + RADIUS["hip"] - pts["hip_right"][1]
    else:
        lift = -min(p[1] - radius(name) for name, p in pts.items())
    return {name: (p[0], p[1] + lift, p[2]) for name, p in pts.items()}


def _ease(u: float) -> float:
    return u * u * (3 - 2 * u)


def blend(a: Mapping[str, Any], b: Mapping[str, Any], u: float) -> dict[str, dict[str, float]]:
    out = {}
    for joint in JOINTS:
        va, vb = joint_values(a, joint), joint_values(b, joint)
        out[joint] = {axis: va[axis] + (vb[axis] - va[axis]) * u for axis in va}
    return out


def timeline(figure: Figure) -> list[Frame]:
    """Sampled frames of one loop: each keyframe held, then eased into the next, back to the start.

    Angles are interpolated, never positions, so every frame keeps the segment lengths.
    The anchor point keeps the x position it has in the first keyframe (a planted foot
    does not slide); the support decides the height of every frame.
    """
    poses: list[tuple[float, Mapping[str, Any], int, bool]] = []
    t = 0.0
    n = len(figure.keyframes)
    for i, kf in enumerate(figure.keyframes):
        hold = float(kf.get("hold", DEFAULT_HOLD_SECONDS))
        poses.append((t, kf["pose"], i, False))
        t += hold
        poses.append((t, kf["pose"], i, False))
        nxt = figure.keyframes[(i + 1) % n]
        move = float(nxt.get("move", DEFAULT_MOVE_SECONDS))
        for step in range(1, EASE_STEPS):
            u = step / EASE_STEPS
            poses.append((t + move * u, blend(kf["pose"], nxt["pose"], _ease(u)), (i + 1) % n, True))
        t += move
    poses.append((t, figure.keyframes[0]["pose"], 0, False))

    anchor_x = None
    frames = []
    for time, pose, keyframe, moving in poses:
        pts = place(solve_pose(pose), figure.support)
        if anchor_x is None:
            anchor_x = pts[figure.anchor][0]
        shift = anchor_x - pts[figure.anchor][0]
        points = {k: (p[0] + shift, p[1], p[2]) for k, p in pts.items()}
        frames.append(Frame(time, points, pose, keyframe, moving))
    return frames


def keyframe_frame(figure: Figure, index: int, frames: list[Frame] | None = None) -> Frame:
    """Keyframe `index` placed exactly as it appears in the animation."""
    return next(f for f in frames or timeline(figure) if f.keyframe == index and not f.moving)


def target_frame(figure: Figure, frames: list[Frame] | None = None) -> Frame:
    """The held position, placed exactly as it appears in the animation."""
    return keyframe_frame(figure, figure.target, frames)


def seat_edges(figure: Figure, hip_x: float) -> tuple[float, float]:
    """Back and front edge of the chair seat along x; `props.chair.front` moves the front edge."""
    front = hip_x + float((figure.props.get("chair") or {}).get("front", SEAT_FRONT))
    return front - SEAT_DEPTH, front


def wall_x(figure: Figure, frames: list[Frame]) -> float:
    """Where the wall stands along x: `props.wall.x`, or just ahead of the figure."""
    wall = figure.props.get("wall") or {}
    if "x" in wall:
        return float(wall["x"])
    return max(p[0] + radius(name) for f in frames for name, p in f.points.items()) + 2


def parse_figure(data: Mapping[str, Any], path: str = "figure") -> Figure:
    """Build a Figure from its data block, raising FigureError for the first impossible field.

    The shape of the block is checked by the library schema; this checks what a schema
    cannot: reachable angles, one target keyframe, known anchor, strap and contact points.
    """
    keyframes = tuple(data["keyframes"])
    for i, kf in enumerate(keyframes):
        problems = check_pose(kf["pose"], f"{path}.keyframes[{i}].pose")
        if problems:
            raise problems[0]
    targets = [i for i, kf in enumerate(keyframes) if kf.get("target")]
    if len(targets) != 1:
        raise FigureError(f"{path}.keyframes", f"exactly one keyframe must be the target (found {len(targets)})")
    anchor = data.get("anchor", "pelvis")
    if anchor not in POINTS:
        raise FigureError(f"{path}.anchor", f"unknown point {anchor!r}")
    props = {name: dict(options or {}) for name, options in (data.get("props") or {}).items()}
    strap = props.get("strap")
    if strap is not None:
        for end in ("from", "to"):
            if strap.get(end) not in POINTS:
                raise FigureError(f"{path}.props.strap.{end}", f"must name a point ({', '.join(POINTS)})")
    if data.get("support") == "chair" and "chair" not in props:
        raise FigureError(f"{path}.props", "a figure supported by a chair must show one (props: chair)")
    contacts = tuple(_contacts(kf, f"{path}.keyframes[{i}].contacts", props) for i, kf in enumerate(keyframes))
    view = data.get("view", {})
    return Figure(
        keyframes=keyframes,
        target=targets[0],
        support="chair" if data.get("support") == "chair" else "floor",
        anchor=anchor,
        props=props,
        view_azimuth=float(view.get("azimuth", 0)),
        view_elevation=float(view.get("elevation", 0)),
        highlight=tuple(data.get("highlight", ())),
        contacts=contacts,
    )


def _contacts(keyframe: Mapping[str, Any], path: str, props: Mapping[str, Any]) -> tuple[Contact, ...]:
    """A keyframe's `contacts`, each written "POINT on TARGET" (the schema checks that shape)."""
    out = []
    for j, text in enumerate(keyframe.get("contacts", ())):
        point, on = text.split(" on ")
        if point not in POINTS:
            raise FigureError(f"{path}[{j}]", f"unknown point {point!r} (known: {', '.join(POINTS)})")
        if on not in POINTS and on not in CAPSULE_BY_NAME and on not in SURFACES:
            known = ", ".join((*SURFACES, *CAPSULE_BY_NAME, *POINTS))
            raise FigureError(f"{path}[{j}]", f"unknown point, part or surface {on!r} (known: {known})")
        if on in ("seat", "wall", "strap") and {"seat": "chair"}.get(on, on) not in props:
            raise FigureError(f"{path}[{j}]", f"the figure shows no {on} (add it to props)")
        if on == point:
            raise FigureError(f"{path}[{j}]", "a point cannot rest on itself")
        out.append(Contact(point, on))
    return tuple(out)


# --- the checks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameProblem:
    """Something physically wrong in one frame; `kind` groups the same fault across frames."""

    frame: Frame
    kind: str
    message: str


def figure_problems(figure: Figure, frames: list[Frame], path: str = "figure") -> list[FigureError]:
    """What is physically wrong with any frame of the animation, one message per fault.

    Checked on every sampled frame: segment lengths equal those of the standing body,
    no part below the floor, the hips on the seat for a chair-supported figure, every
    declared contact within CONTACT_GAP, and no two parts of the body passing through
    each other (parts joined by design, or touching by a declared contact, excepted).
    """
    reference = segment_lengths(solve_pose({}))
    found: list[FrameProblem] = []
    for frame in frames:
        for segment, length in segment_lengths(frame.points).items():
            if abs(length - reference[segment]) > LENGTH_TOLERANCE:
                message = f"the {segment} segment is {length:.1f} cm, not {reference[segment]:.1f}"
                found.append(FrameProblem(frame, f"length {segment}", message))
        for name, p in frame.points.items():
            depth = radius(name) - p[1]
            if depth > CONTACT_TOLERANCE:
                found.append(
                    FrameProblem(frame, f"floor {name}", f"the {_words(name)} is {depth:.1f} cm below the floor")
                )
        found += _seat_problems(figure, frames[0], frame)
        found += _contact_problems(figure, frames, frame)
        found += _overlap_problems(figure, frame)
    return [_error(figure, problem, path) for problem in _first_of_each_kind(found)]


def _words(name: str) -> str:
    return name.replace("_", " ")


def _error(figure: Figure, problem: FrameProblem, path: str) -> FigureError:
    frame = problem.frame
    name = figure.keyframes[frame.keyframe]["name"]
    where = f"moving to keyframe {name!r}" if frame.moving else f"at keyframe {name!r}"
    return FigureError(f"{path}.keyframes[{frame.keyframe}]", f"{where} ({frame.t:.2f} s) {problem.message}")


def _first_of_each_kind(problems: list[FrameProblem]) -> list[FrameProblem]:
    """One message per kind of fault: a fault in a keyframe repeats in every frame near it.

    A keyframe's own frame is reported rather than a frame moving towards it.
    """
    best: dict[str, FrameProblem] = {}
    for problem in problems:
        kept = best.get(problem.kind)
        if kept is None or (kept.frame.moving and not problem.frame.moving):
            best[problem.kind] = problem
    return sorted(best.values(), key=lambda p: (p.frame.t, p.kind))


def _seat_problems(figure: Figure, first: Frame, frame: Frame) -> list[FrameProblem]:
    if figure.support != "chair":
        return []
    seat_x = first.points["hip_right"][0]
    out = []
    for side in SIDES:
        x, y, _ = frame.points[f"hip_{side}"]
        if abs(y - RADIUS["hip"] - SEAT_HEIGHT) > CONTACT_TOLERANCE:
            message = f"the {side} hip is off the seat by {y - RADIUS['hip'] - SEAT_HEIGHT:.1f} cm"
            out.append(FrameProblem(frame, f"seat height {side}", message))
        back, front = seat_edges(figure, seat_x)
        if not back <= x <= front:
            out.append(FrameProblem(frame, f"seat edge {side}", f"the {side} hip has slid off the seat"))
    return out


def contact_gap(figure: Figure, frames: list[Frame], frame: Frame, contact: Contact) -> float:
    """How far apart the two surfaces of a contact are in this frame (negative: pressed in)."""
    p, r = frame.points[contact.point], radius(contact.point)
    on = contact.on
    if on == "floor":
        return p[1] - r
    if on == "seat":
        back, front = seat_edges(figure, frames[0].points["hip_right"][0])
        outside = max(back - p[0], p[0] - front, abs(p[2]) - SEAT_HALF_WIDTH, 0.0)
        return math.hypot(p[1] - r - SEAT_HEIGHT, outside)
    if on == "wall":
        return wall_x(figure, frames) - (p[0] + r)
    if on == "strap":
        strap = figure.props["strap"]
        line = (frame.points[strap["from"]], frame.points[strap["to"]])
        return segment_distance(p, p, *line) - r
    if on in CAPSULE_BY_NAME:
        capsule = CAPSULE_BY_NAME[on]
        return capsule_distance(frame.points, (contact.point,), capsule.points) - r - capsule.radius
    return distance(p, frame.points[on]) - r - radius(on)


def _contact_problems(figure: Figure, frames: list[Frame], frame: Frame) -> list[FrameProblem]:
    out = []
    for contact in figure.contacts_at(frame):
        gap = contact_gap(figure, frames, frame, contact)
        if abs(gap) > CONTACT_GAP:
            how = f"{gap:.1f} cm away" if gap > 0 else f"{-gap:.1f} cm into it"
            out.append(FrameProblem(frame, f"contact {contact}", f"the contact {contact} does not hold: {how}"))
    return out


def capsule_distance(points: Skeleton, a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Shortest distance between two chains of points (each a polyline, or a single point)."""
    best = math.inf
    for a0, a1 in links(a):
        for b0, b1 in links(b):
            best = min(best, segment_distance(points[a0], points[a1], points[b0], points[b1]))
    return best


def links(chain: Sequence[str]) -> list[tuple[str, str]]:
    """A chain of points as its segments; a single point as a segment of no length."""
    return [(chain[0], chain[0])] if len(chain) == 1 else list(itertools.pairwise(chain))


def _parts_of(name: str) -> set[str]:
    """The parts a contact's point or target belongs to."""
    if name in CAPSULE_BY_NAME:
        return {name}
    return {c.name for c in CAPSULES if name in c.points}


def touching_pairs(contacts: Iterable[Contact]) -> set[frozenset[str]]:
    """Pairs of parts that a declared contact lets touch."""
    pairs = set()
    for contact in contacts:
        for a in _parts_of(contact.point):
            for b in _parts_of(contact.on):
                if a != b:
                    pairs.add(frozenset((a, b)))
    return pairs


def overlaps(figure: Figure, frame: Frame) -> list[tuple[Capsule, Capsule, float]]:
    """Every pair of parts that may not touch in this frame, with how far they press into each other (cm)."""
    allowed = JOINED | touching_pairs(figure.touching_at(frame))
    out = []
    for i, a in enumerate(CAPSULES):
        for b in CAPSULES[i + 1 :]:
            if frozenset((a.name, b.name)) not in allowed:
                out.append((a, b, a.radius + b.radius - capsule_distance(frame.points, a.points, b.points)))
    return out


def _overlap_problems(figure: Figure, frame: Frame) -> list[FrameProblem]:
    return [
        FrameProblem(
            frame, f"overlap {a.name} {b.name}", f"the {_words(a.name)} passes {depth:.0f} cm into the {_words(b.name)}"
        )
        for a, b, depth in overlaps(figure, frame)
        if depth > OVERLAP_TOLERANCE
    ]


def check_figure(data: Mapping[str, Any], path: str = "figure") -> tuple[list[FigureError], Figure | None, list[Frame]]:
    """Every problem in a figure block, with the parsed figure and its frames when it could be built."""
    problems = []
    for i, kf in enumerate(data["keyframes"]):
        problems += check_pose(kf["pose"], f"{path}.keyframes[{i}].pose")
    if problems:
        return problems, None, []
    try:
        figure = parse_figure(data, path)
    except FigureError as e:
        return [e], None, []
    frames = timeline(figure)
    return figure_problems(figure, frames, path), figure, frames


def dotted_path(path: str) -> tuple[Any, ...]:
    """`figure.keyframes[2].pose` as JSON path keys: ("figure", "keyframes", 2, "pose")."""
    return tuple(int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path))
