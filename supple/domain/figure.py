"""The animated demonstration figure: a small kinematic model of a human body.

An exercise's `figure` block describes poses as joint angles in degrees. `solve_pose`
turns one pose into 3-D joint positions with fixed segment lengths (forward kinematics);
`timeline` interpolates the angles between keyframes; `render_svg` projects every frame
through an orthographic camera and writes an SVG whose shapes are animated with SMIL
(no JavaScript), plus a still copy of the held position that is shown instead when the
viewer prefers reduced motion.

World frame (centimetres): x points where the person faces when standing, y up, z to the
person's right; the floor is y = 0. Angles follow the anatomical conventions a
physiotherapist measures, so the same keyframes can drive the camera form check:
hip and shoulder flexion swing the limb forward, abduction swings it away from the
midline (adduction is negative), hip rotation is external when positive, knee and elbow
flexion bend the joint, ankle flexion is dorsiflexion, spine flexion bends forward.
Keyframes are written for the right side working; the left side is its mirror image.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
Skeleton = dict[str, Vec]

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
FOREARM = 27.0  # elbow to the middle of the hand
THIGH = 43.0
SHANK = 43.0
ANKLE_HEIGHT = 6.0
HEEL_BACK = 4.0
TOE_FORWARD = 15.0

# Share of spinal movement taken by the lumbar segment; the thorax takes the rest.
LUMBAR_SHARE = 0.6

# Half thickness of each drawn part: a part may touch the floor or the seat, never cross it.
RADIUS = {
    "pelvis": 12.0, "waist": 12.0, "neck_base": 10.0, "head": HEAD_RADIUS,
    "hip": 7.0, "knee": 5.5, "ankle": 5.0, "heel": 2.5, "toe": 2.5,
    "shoulder": 4.0, "elbow": 4.0, "wrist": 4.5,
}  # fmt: skip

SHOULDER_GIRDLE_RADIUS = 6.0

SEAT_HEIGHT = 46.0  # top of a standard dining or office chair seat
SEAT_FRONT = 30.0  # default distance of the seat's front edge ahead of the hips
SEAT_DEPTH = 44.0
SEAT_HALF_WIDTH = 22.0
CHAIR_BACK_HEIGHT = 88.0

# The view box is the same size for every exercise so figures share one scale.
VIEW_WIDTH = 299.0
VIEW_HEIGHT = 230.0

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
    "shoulder": {"flexion": (-60, 180), "abduction": (-30, 180)},
    "elbow": {"flexion": (0, 150)},
}

SIDED_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow")
JOINTS = ("body", "spine", "neck", *(f"{j}_{s}" for j in SIDED_JOINTS for s in ("right", "left")))

# Named points a figure may anchor on or attach a strap to.
POINTS = (
    "pelvis", "waist", "neck_base", "head",
    *(f"{p}_{s}" for p in ("hip", "knee", "ankle", "heel", "toe", "shoulder", "elbow", "wrist")
      for s in ("right", "left")),
)  # fmt: skip

PROPS = ("mat", "chair", "wall", "strap")

COLOURS = {
    "near": "#2f6f73",
    "far": "#9fc4c2",
    "torso": "#3f8587",
    "head": "#e7c49f",
    "highlight": "#d9704f",
    "floor": "#7c8a87",
    "ground": "#eef2f0",
    "mat": "#dbe8e3",
    "chair": "#b38b67",
    "chair_dark": "#8f6b4b",
    "wall": "#e9e4da",
    "strap": "#c2553a",
}

FLOOR_EXTENT = 160.0  # half size of the floor plane drawn under raised views

EASE_STEPS = 8  # interpolated frames per movement between two keyframes
DEFAULT_MOVE_SECONDS = 1.5
DEFAULT_HOLD_SECONDS = 0.6


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


def solve_pose(pose: Mapping[str, Any]) -> Skeleton:
    """Joint positions of `pose` with the pelvis centre at the origin (forward kinematics)."""
    spine = joint_values(pose, "spine")
    r_body = pelvis_rotation(pose)
    r_lumbar = _spine_rotation(spine, LUMBAR_SHARE)
    r_trunk = _chain(r_body, r_lumbar, _spine_rotation(spine, 1 - LUMBAR_SHARE))

    pts: Skeleton = {"pelvis": (0.0, 0.0, 0.0)}
    pts["waist"] = _apply(_mul(r_body, r_lumbar), (0, LUMBAR, 0))
    pts["neck_base"] = _add(pts["waist"], _apply(r_trunk, (0, THORAX, 0)))
    r_neck = _mul(r_trunk, _rot_z(-joint_values(pose, "neck")["flexion"]))
    pts["head"] = _add(pts["neck_base"], _apply(r_neck, (0, NECK + HEAD_RADIUS, 0)))
    for side, sign in (("right", 1.0), ("left", -1.0)):
        pts.update(_leg(pose, side, sign, r_body))
        pts.update(_arm(pose, side, sign, r_trunk, pts["neck_base"]))
    return pts


def pelvis_rotation(pose: Mapping[str, Any]) -> Mat:
    """Orientation of the pelvis in the world: its columns are where the pelvis faces, its up, its right."""
    body = joint_values(pose, "body")
    return _chain(_rot_z(-body["pitch"]), _rot_y(body["turn"]), _rot_x(body["lean"]))


def _spine_rotation(spine: dict[str, float], share: float) -> Mat:
    return _chain(
        _rot_z(-spine["flexion"] * share), _rot_x(spine["side_bend"] * share), _rot_y(spine["rotation"] * share)
    )


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
    r_upper = _chain(r_trunk, _rot_z(angles["flexion"]), _rot_x(-sign * angles["abduction"]))
    elbow = _add(shoulder, _apply(r_upper, (0, -UPPER_ARM, 0)))
    r_fore = _mul(r_upper, _rot_z(joint_values(pose, f"elbow_{side}")["flexion"]))
    wrist = _add(elbow, _apply(r_fore, (0, -FOREARM, 0)))
    return {f"shoulder_{side}": shoulder, f"elbow_{side}": elbow, f"wrist_{side}": wrist}


def segment_lengths(pts: Skeleton) -> dict[str, float]:
    """Length of every rigid segment, for checking that a frame kept the body's proportions."""
    pairs = [("pelvis", "waist"), ("waist", "neck_base"), ("neck_base", "head")]
    for s in ("right", "left"):
        pairs += [
            (f"hip_{s}", f"knee_{s}"), (f"knee_{s}", f"ankle_{s}"), (f"ankle_{s}", f"toe_{s}"),
            (f"ankle_{s}", f"heel_{s}"), (f"shoulder_{s}", f"elbow_{s}"), (f"elbow_{s}", f"wrist_{s}"),
            ("pelvis", f"hip_{s}"), ("neck_base", f"shoulder_{s}"),
        ]  # fmt: skip
    return {f"{a}-{b}": distance(pts[a], pts[b]) for a, b in pairs}


def radius(point: str) -> float:
    return RADIUS[point.split("_")[0] if point not in RADIUS else point]


# --- placing the body in the scene -----------------------------------------------------


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


def _blend(a: Mapping[str, Any], b: Mapping[str, Any], u: float) -> dict[str, dict[str, float]]:
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
            poses.append((t + move * u, _blend(kf["pose"], nxt["pose"], _ease(u)), (i + 1) % n, True))
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


def target_frame(figure: Figure) -> Frame:
    """The held position, placed exactly as it appears in the animation."""
    frames = timeline(figure)
    t = sum(
        float(kf.get("hold", DEFAULT_HOLD_SECONDS))
        + float(figure.keyframes[(i + 1) % len(figure.keyframes)].get("move", DEFAULT_MOVE_SECONDS))
        for i, kf in enumerate(figure.keyframes[: figure.target])
    )
    return next(f for f in frames if abs(f.t - t) < 1e-9)


def parse_figure(data: Mapping[str, Any], path: str = "figure") -> Figure:
    """Build a Figure from its data block, raising FigureError for the first impossible field.

    The shape of the block is checked by the library schema; this checks what a schema
    cannot: reachable angles, one target keyframe, known anchor and strap points.
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
    )


def all_problems(data: Mapping[str, Any], path: str = "figure") -> list[FigureError]:
    """Every problem in a figure block: unreachable keyframes first, then the drawn geometry."""
    return check_figure(data, path)[0]


def check_figure(data: Mapping[str, Any], path: str = "figure") -> tuple[list[FigureError], Scene | None]:
    """Every problem in a figure block, and its scene when the figure could be built at all."""
    problems = []
    for i, kf in enumerate(data["keyframes"]):
        problems += check_pose(kf["pose"], f"{path}.keyframes[{i}].pose")
    if problems:
        return problems, None
    try:
        figure = parse_figure(data, path)
    except FigureError as e:
        return [e], None
    scene = build_scene(figure)
    return [FigureError(path, message) for message in geometry_problems(scene)], scene


# Tolerances of the geometry checks, in cm: rounding noise, not leeway for a bad pose.
LENGTH_TOLERANCE = 0.01
CONTACT_TOLERANCE = 0.5


def geometry_problems(scene: Scene) -> list[str]:
    """What is physically wrong with any frame of the animation, in words (empty if none).

    Checked on every sampled frame: segment lengths equal those of the standing body,
    no part below the floor, the hips on the seat for a chair-supported figure, and
    every part inside the view box.
    """
    reference = segment_lengths(solve_pose({}))
    problems: list[str] = []
    for frame in scene.frames:
        for segment, length in segment_lengths(frame.points).items():
            if abs(length - reference[segment]) > LENGTH_TOLERANCE:
                problems.append(
                    f"at {frame.t:.2f} s the {segment} segment is {length:.1f} cm, not {reference[segment]:.1f}"
                )
        for name, p in frame.points.items():
            depth = radius(name) - p[1]
            if depth > CONTACT_TOLERANCE:
                problems.append(f"at {frame.t:.2f} s the {name.replace('_', ' ')} is {depth:.1f} cm below the floor")
        problems += _seat_problems(scene, frame)
    x0, y0, x1, y1 = scene_bounds(scene)
    vx, vy, vw, vh = scene.view_box
    if x0 < vx or y0 < vy or x1 > vx + vw or y1 > vy + vh:
        problems.append(
            f"the figure ({x1 - x0:.0f} x {y1 - y0:.0f} cm on screen) does not fit the {vw:.0f} x {vh:.0f} view"
        )
    return _first_of_each_kind(problems)


def _seat_problems(scene: Scene, frame: Frame) -> list[str]:
    if scene.figure.support != "chair":
        return []
    seat_x = scene.frames[0].points["hip_right"][0]
    out = []
    for side in ("right", "left"):
        x, y, _ = frame.points[f"hip_{side}"]
        if abs(y - RADIUS["hip"] - SEAT_HEIGHT) > CONTACT_TOLERANCE:
            out.append(f"at {frame.t:.2f} s the {side} hip is off the seat by {y - RADIUS['hip'] - SEAT_HEIGHT:.1f} cm")
        back, front = seat_edges(scene.figure, seat_x)
        if not back <= x <= front:
            out.append(f"at {frame.t:.2f} s the {side} hip has slid off the seat")
    return out


def _first_of_each_kind(problems: list[str]) -> list[str]:
    """One message per kind of fault: an error in a keyframe repeats in every frame near it."""
    seen, out = set(), []
    for message in problems:
        kind = message.split(" ", 3)[-1] if message.startswith("at ") else message
        kind = re.sub(r"[-\d.]+", "#", kind)
        if kind not in seen:
            seen.add(kind)
            out.append(message)
    return out


# --- camera and drawing ----------------------------------------------------------------


@dataclass(frozen=True)
class Camera:
    """Orthographic camera: azimuth 0 looks at the person's right side, 90 at their front."""

    right: Vec
    up: Vec
    toward: Vec

    @classmethod
    def at(cls, azimuth: float, elevation: float) -> Camera:
        a, e = math.radians(azimuth), math.radians(elevation)
        toward = (math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e))
        right = (toward[2], 0.0, -toward[0])
        norm = math.hypot(right[0], right[2])
        right = (right[0] / norm, 0.0, right[2] / norm)
        up = (
            toward[1] * right[2] - toward[2] * right[1],
            toward[2] * right[0] - toward[0] * right[2],
            toward[0] * right[1] - toward[1] * right[0],
        )
        return cls(right, up, toward)

    def project(self, p: Vec) -> tuple[float, float]:
        """Screen position in SVG units (y grows downwards)."""
        return (_dot(p, self.right), -_dot(p, self.up))

    def depth(self, p: Vec) -> float:
        """Larger is nearer the viewer."""
        return _dot(p, self.toward)


@dataclass(frozen=True)
class Part:
    """One drawn shape of the body: a stroked polyline through points, or a disc."""

    name: str
    points: tuple[str, ...]
    width: float
    role: str  # near, far, torso, head
    closed: bool = False


def body_parts(near: str) -> list[Part]:
    """The shapes of the body; `near` is the side that faces the viewer (drawn darker)."""
    far = "left" if near == "right" else "right"
    parts = [
        Part("torso", ("pelvis", "waist", "neck_base"), 2 * RADIUS["pelvis"], "torso"),
        # Shoulder and hip girdles make the trunk broader seen from the front than from the side.
        Part("shoulders", ("shoulder_left", "neck_base", "shoulder_right"), 2 * SHOULDER_GIRDLE_RADIUS, "torso"),
        Part("hips", ("hip_left", "pelvis", "hip_right"), 2 * RADIUS["hip"] + 2, "torso"),
    ]
    parts.append(Part("neck", ("neck_base", "head"), 8.0, "torso"))
    parts.append(Part("head", ("head",), 2 * HEAD_RADIUS, "head"))
    for side, role in ((near, "near"), (far, "far")):
        parts += [
            Part(f"thigh_{side}", (f"hip_{side}", f"knee_{side}"), 2 * RADIUS["hip"], role),
            Part(f"shank_{side}", (f"knee_{side}", f"ankle_{side}"), 2 * RADIUS["knee"], role),
            Part(f"foot_{side}", (f"ankle_{side}", f"heel_{side}", f"toe_{side}"), 2 * RADIUS["heel"], role, True),
            Part(f"arm_{side}", (f"shoulder_{side}", f"elbow_{side}", f"wrist_{side}"), 2 * RADIUS["elbow"], role),
            Part(f"hand_{side}", (f"wrist_{side}",), 2 * RADIUS["wrist"], role),
        ]
    return parts


def _fmt(v: float) -> str:
    s = f"{v:.1f}"
    return "0" if s in ("-0.0", "0.0") else s.removesuffix(".0")


def _path(coords: Iterable[tuple[float, float]], closed: bool = False) -> str:
    pts = [f"{_fmt(x)} {_fmt(y)}" for x, y in coords]
    return "M" + " L".join(pts) + (" Z" if closed else "")


def _prop_polygons(figure: Figure, frame: Frame, camera: Camera) -> list[tuple[str, list[Vec], str]]:
    """Static scenery as 3-D polygons: (css class, corners, colour), drawn behind the body."""
    shapes: list[tuple[str, list[Vec], str]] = []
    xs = [p[0] for p in frame.points.values()]
    if "wall" in figure.props:
        x = float(figure.props["wall"].get("x", max(xs) + 8))
        shapes.append(("wall", [(x, 0, -60), (x, 0, 60), (x, 190, 60), (x, 190, -60)], COLOURS["wall"]))
    if "mat" in figure.props:
        lo, hi = min(xs) - 15, max(xs) + 15
        shapes.append(("mat", [(lo, 0, -35), (hi, 0, -35), (hi, 0, 35), (lo, 0, 35)], COLOURS["mat"]))
    if "chair" in figure.props:
        hx = frame.points["hip_right"][0]
        (back, front), w, top = seat_edges(figure, hx), SEAT_HALF_WIDTH, SEAT_HEIGHT
        for zx in ((back, -w), (front, -w), (back, w), (front, w)):
            leg = [
                (zx[0] - 1.5, 0, zx[1]),
                (zx[0] + 1.5, 0, zx[1]),
                (zx[0] + 1.5, top, zx[1]),
                (zx[0] - 1.5, top, zx[1]),
            ]
            shapes.append(("chair", leg, COLOURS["chair_dark"]))
        back_rest = [(back, top, -w), (back, CHAIR_BACK_HEIGHT, -w), (back, CHAIR_BACK_HEIGHT, w), (back, top, w)]
        shapes.append(("chair", back_rest, COLOURS["chair_dark"]))
        shapes.append(("chair", [(back, top, -w), (front, top, -w), (front, top, w), (back, top, w)], COLOURS["chair"]))
    return shapes


def seat_edges(figure: Figure, hip_x: float) -> tuple[float, float]:
    """Back and front edge of the chair seat along x; `props.chair.front` moves the front edge."""
    front = hip_x + float((figure.props.get("chair") or {}).get("front", SEAT_FRONT))
    return front - SEAT_DEPTH, front


def _near_side(figure: Figure, frame: Frame, camera: Camera) -> str:
    """The side whose hip faces the viewer (a turned trunk does not change it)."""
    right, left = camera.depth(frame.points["hip_right"]), camera.depth(frame.points["hip_left"])
    return "right" if right >= left else "left"


@dataclass(frozen=True)
class Scene:
    """Everything needed to draw one exercise: frames, camera, ordered parts and view box."""

    figure: Figure
    frames: list[Frame]
    target: Frame
    camera: Camera
    parts: list[Part]
    view_box: tuple[float, float, float, float]
    duration: float


def build_scene(figure: Figure) -> Scene:
    """Sample the animation, choose the drawing order and frame it in the standard view box."""
    frames = timeline(figure)
    target = target_frame(figure)
    camera = Camera.at(figure.view_azimuth, figure.view_elevation)
    near = _near_side(figure, target, camera)
    # Painter's order from the held position: farther shapes first.
    parts = sorted(
        body_parts(near),
        key=lambda part: sum(camera.depth(target.points[p]) for p in part.points) / len(part.points),
    )
    xs, ys = [], []
    for frame in frames:
        for name, p in frame.points.items():
            x, y = camera.project(p)
            r = radius(name)
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    for _, corners, _ in _prop_polygons(figure, frames[0], camera):
        for c in corners:
            x, y = camera.project(c)
            xs.append(x)
            ys.append(y)
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    floor_y = camera.project((0, 0, 0))[1]
    # Keep the floor line in the lower part of the picture so figures stand on a common ground.
    cy = max(cy, floor_y - VIEW_HEIGHT * 0.72) if figure.view_elevation == 0 else cy
    view_box = (cx - VIEW_WIDTH / 2, cy - VIEW_HEIGHT / 2, VIEW_WIDTH, VIEW_HEIGHT)
    return Scene(figure, frames, target, camera, parts, view_box, frames[-1].t)


def scene_bounds(scene: Scene) -> tuple[float, float, float, float]:
    """Smallest box holding every drawn point of every frame: (min x, min y, max x, max y)."""
    xs, ys = [], []
    for frame in scene.frames:
        for name, p in frame.points.items():
            x, y = scene.camera.project(p)
            xs += [x - radius(name), x + radius(name)]
            ys += [y - radius(name), y + radius(name)]
    return min(xs), min(ys), max(xs), max(ys)


def _part_colour(part: Part, figure: Figure) -> str:
    if part.name in figure.highlight:
        return COLOURS["highlight"]
    return COLOURS[part.role]


def _shape(part: Part, scene: Scene, frames: list[Frame], animate: bool) -> str:
    colour = _part_colour(part, scene.figure)
    cam = scene.camera

    def coords(frame: Frame) -> list[tuple[float, float]]:
        return [cam.project(frame.points[p]) for p in part.points]

    first = coords(frames[0])
    if len(part.points) == 1:
        x, y = first[0]
        attrs = f'cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(part.width / 2)}" fill="{colour}"'
        if not animate:
            return f"<circle {attrs}/>"
        xs = ";".join(_fmt(coords(f)[0][0]) for f in frames)
        ys = ";".join(_fmt(coords(f)[0][1]) for f in frames)
        return f"<circle {attrs}>{_animate('cx', xs, scene)}{_animate('cy', ys, scene)}</circle>"
    fill = colour if part.closed else "none"
    attrs = (
        f'd="{_path(first, part.closed)}" fill="{fill}" stroke="{colour}" stroke-width="{_fmt(part.width)}" '
        'stroke-linecap="round" stroke-linejoin="round"'
    )
    if not animate:
        return f"<path {attrs}/>"
    values = ";".join(_path(coords(f), part.closed) for f in frames)
    return f"<path {attrs}>{_animate('d', values, scene)}</path>"


def _animate(attribute: str, values: str, scene: Scene) -> str:
    times = ";".join(f"{f.t / scene.duration:.4f}" for f in scene.frames)
    return (
        f'<animate attributeName="{attribute}" dur="{scene.duration:.2f}s" repeatCount="indefinite" '
        f'calcMode="linear" keyTimes="{times}" values="{values}"/>'
    )


def _strap(scene: Scene, frames: list[Frame], animate: bool) -> str:
    strap = scene.figure.props.get("strap")
    if strap is None:
        return ""
    cam = scene.camera

    def d(frame: Frame) -> str:
        return _path([cam.project(frame.points[strap["from"]]), cam.project(frame.points[strap["to"]])])

    anim = _animate("d", ";".join(d(f) for f in frames), scene) if animate else ""
    return f'<path d="{d(frames[0])}" stroke="{COLOURS["strap"]}" stroke-width="2.5" fill="none">{anim}</path>'


def _scenery(scene: Scene) -> str:
    """Floor, mat, wall and chair. Seen from above the horizon the floor is a plane, else a line."""
    cam = scene.camera
    x0, _, w, _ = scene.view_box
    if scene.figure.view_elevation > 0:
        plane = [(-FLOOR_EXTENT, 0, -FLOOR_EXTENT), (FLOOR_EXTENT, 0, -FLOOR_EXTENT),
                 (FLOOR_EXTENT, 0, FLOOR_EXTENT), (-FLOOR_EXTENT, 0, FLOOR_EXTENT)]  # fmt: skip
        out = [f'<path class="floor" d="{_path([cam.project(c) for c in plane], True)}" fill="{COLOURS["ground"]}"/>']
    else:
        floor_y = _fmt(cam.project((0, 0, 0))[1])
        out = [
            f'<path class="floor" d="M{_fmt(x0)} {floor_y} H{_fmt(x0 + w)}" stroke="{COLOURS["floor"]}" '
            'stroke-width="1.5"/>'
        ]
    for cls, corners, colour in _prop_polygons(scene.figure, scene.frames[0], cam):
        out.append(f'<path class="{cls}" d="{_path([cam.project(c) for c in corners], True)}" fill="{colour}"/>')
    return "".join(out)


def _body(scene: Scene, frames: list[Frame], animate: bool) -> str:
    shapes = [_shape(p, scene, frames, animate) for p in scene.parts]
    return "".join(shapes) + _strap(scene, frames, animate)


STYLE = (
    "<style>.supple-still{display:none}"
    "@media (prefers-reduced-motion: reduce){.supple-moving{display:none}.supple-still{display:inline}}</style>"
)


def render_svg(figure: Figure, title: str, mirrored: bool = False, still: bool = False) -> str:
    """An SVG document animating the figure, with a still held position for reduced motion.

    `mirrored` draws the left side: the mirror image of the right side's animation.
    `still` draws only the held position (for thumbnails and print).
    """
    scene = build_scene(figure)
    x, y, w, h = scene.view_box
    flip = f' transform="translate({_fmt(2 * x + w)} 0) scale(-1 1)"' if mirrored else ""
    if still:
        body = _body(scene, [scene.target], False)
    else:
        body = (
            f'{STYLE}<g class="supple-moving">{_body(scene, scene.frames, True)}</g>'
            f'<g class="supple-still">{_body(scene, [scene.target], False)}</g>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_fmt(x)} {_fmt(y)} {_fmt(w)} {_fmt(h)}" '
        f'role="img" class="supple-figure"><title>{_escape(title)}</title>'
        f"<g{flip}>{_scenery(scene)}{body}</g></svg>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
