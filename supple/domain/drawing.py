"""Drawing the demonstration figure: camera, framing, depth order and the animated SVG.

`render_svg` projects every sampled frame of a figure through an orthographic camera and
writes an SVG animated with SMIL (no JavaScript). Each part of the body is defined once,
with its whole animation; the drawing order and the near/far colours follow each part's
depth frame by frame, so the animation is split into spans of constant order, each a
group of references to those parts shown only during its span. `render_still` draws one
keyframe; the held still carries a faint ghost of the start position and an arrow along
the worked part's path, so that a still alone says which way to move.

`drawing_problems` adds the checks that depend on the view: the figure fills its view
box, the worked part visibly moves, and the start and held stills differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from supple.domain.figure import (
    CHAIR_BACK_HEIGHT,
    SEAT_HALF_WIDTH,
    SEAT_HEIGHT,
    SIDES,
    Figure,
    FigureError,
    Frame,
    Vec,
    keyframe_frame,
    links,
    seat_edges,
    target_frame,
    wall_x,
)

COLOURS = {
    "near": "#2f6f73",
    "far": "#93bdbb",
    "torso": "#3f8587",
    "skin": "#e7c49f",
    "hair": "#5b4636",
    "eye": "#2b2b2b",
    "highlight": "#d9704f",
    "outline": "#ffffff",
    "ghost": "#b9c6c4",
    "arrow": "#c2553a",
    "floor": "#7c8a87",
    "ground": "#eef2f0",
    "mat": "#d6e6e0",
    "chair": "#b38b67",
    "chair_dark": "#8f6b4b",
    "wall": "#e9e4da",
    "strap": "#c2553a",
}

OUTLINE = 3.0  # extra width of the light outline that keeps overlapping parts apart
MARGIN = 0.06  # share of the larger side of the figure's box added around it
MIN_MARGIN = 6.0  # cm
FLOOR_EXTENT = 2000.0  # the floor plane reaches well past any view box, so it never floats

# The view checks (product rules for a figure a person can copy at a glance).
MIN_SPAN = 0.8  # the figure spans at least 80% of its view box's larger side
MIN_WORKED_MOVE = 0.06  # the worked part moves at least 6% of the figure's height on screen
MIN_STILLS_CHANGE = 0.04  # the moving half of the body moves at least 4% of the height, on average


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
        return (p[0] * self.right[0] + p[1] * self.right[1] + p[2] * self.right[2],
                -(p[0] * self.up[0] + p[1] * self.up[1] + p[2] * self.up[2]))  # fmt: skip

    def depth(self, p: Vec) -> float:
        """Larger is nearer the viewer."""
        return p[0] * self.toward[0] + p[1] * self.toward[1] + p[2] * self.toward[2]


@dataclass(frozen=True)
class Part:
    """One drawn shape: a stroked chain of points (a dot when it has one point), or a filled outline."""

    name: str
    points: tuple[str, ...]
    width: float
    role: str  # torso, limb, skin, hair, eye
    limb: str = ""  # the limb whose depth sets its near/far colour
    closed: bool = False


def _parts() -> tuple[Part, ...]:
    parts = [
        Part("hips", ("hip_left", "pelvis", "hip_right"), 16.0, "torso"),
        Part("torso", ("pelvis", "lumbar", "waist", "chest", "neck_base"), 22.0, "torso"),
        Part("chest", ("waist", "chest", "neck_base"), 26.0, "torso"),
        Part("shoulders", ("shoulder_left", "neck_base", "shoulder_right"), 11.0, "torso"),
        Part("neck", ("neck_base", "head"), 9.0, "skin"),
        Part("hair", ("hair",), 19.0, "hair"),
        Part("head", ("head",), 21.0, "skin"),
    ]
    for s in SIDES:
        parts += [
            Part(f"eye_{s}", (f"eye_{s}",), 2.6, "eye"),
            Part(f"thigh_{s}", (f"hip_{s}", f"knee_{s}"), 13.0, "limb", f"leg_{s}"),
            Part(f"shank_{s}", (f"knee_{s}", f"ankle_{s}"), 10.0, "limb", f"leg_{s}"),
            Part(f"foot_{s}", (f"ankle_{s}", f"heel_{s}", f"toe_{s}"), 5.0, "limb", f"leg_{s}", True),
            Part(f"arm_{s}", (f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}"), 8.0, "limb", f"arm_{s}"),
            Part(f"hand_{s}", (f"wrist_{s}", f"hand_{s}"), 8.0, "limb", f"arm_{s}"),
        ]
    return tuple(parts)


PARTS = _parts()
PART_NAMES = tuple(p.name for p in PARTS)
# A highlight of one name also colours these parts.
HIGHLIGHT_GROUPS = {"torso": ("torso", "chest")}
LIMBS = {
    f"{kind}_{s}": tuple(p.name for p in PARTS if p.limb == f"{kind}_{s}") for kind in ("leg", "arm") for s in SIDES
}


# What each part carries: when a part moves, everything further along the body moves with it.
CARRIES = {
    "hips": tuple(p.name for p in PARTS if p.limb.startswith("leg")),
    "torso": ("chest", "shoulders", "neck", "head", "hair", *(p.name for p in PARTS if p.limb.startswith("arm"))),
    "chest": ("shoulders", "neck", "head", "hair", *(p.name for p in PARTS if p.limb.startswith("arm"))),
    "shoulders": tuple(p.name for p in PARTS if p.limb.startswith("arm")),
    "neck": ("head", "hair"),
    **{f"thigh_{s}": (f"shank_{s}", f"foot_{s}") for s in SIDES},
    **{f"shank_{s}": (f"foot_{s}",) for s in SIDES},
    **{f"arm_{s}": (f"hand_{s}",) for s in SIDES},
}


def highlighted(figure: Figure) -> set[str]:
    """Every drawn part in the accent colour."""
    return {part for name in figure.highlight for part in HIGHLIGHT_GROUPS.get(name, (name,))}


def worked_points(figure: Figure) -> list[str]:
    """The points of the worked (highlighted) parts and of everything they carry."""
    names = highlighted(figure)
    names |= {carried for name in names for carried in CARRIES.get(name, ())}
    return list(dict.fromkeys(p for part in PARTS if part.name in names for p in part.points))


# --- framing ------------------------------------------------------------------------------


def body_bounds(frames: Iterable[Frame], camera: Camera) -> tuple[float, float, float, float]:
    """Smallest screen box holding every drawn part of every frame: (min x, min y, max x, max y)."""
    xs, ys = [], []
    for frame in frames:
        for part in PARTS:
            r = part.width / 2
            for name in part.points:
                x, y = camera.project(frame.points[name])
                xs += [x - r, x + r]
                ys += [y - r, y + r]
    return min(xs), min(ys), max(xs), max(ys)


def fitted_view_box(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The figure's box with a margin all round: both sides of an exercise share it (mirrored)."""
    x0, y0, x1, y1 = bounds
    margin = max(MIN_MARGIN, MARGIN * max(x1 - x0, y1 - y0))
    return x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin


@dataclass(frozen=True)
class View:
    """How an exercise is seen: its sampled frames, camera and view box."""

    figure: Figure
    frames: list[Frame]
    camera: Camera
    view_box: tuple[float, float, float, float]

    @cached_property
    def start(self) -> Frame:
        return keyframe_frame(self.figure, 0, self.frames)

    @cached_property
    def target(self) -> Frame:
        return target_frame(self.figure, self.frames)

    @property
    def duration(self) -> float:
        return self.frames[-1].t


def view_of(figure: Figure, frames: list[Frame]) -> View:
    camera = Camera.at(figure.view_azimuth, figure.view_elevation)
    return View(figure, frames, camera, fitted_view_box(body_bounds(frames, camera)))


def worked_movement(view: View) -> float:
    """How far the worked part (and what it carries) moves on screen from start to held, as a share of the height."""
    names = worked_points(view.figure)
    height = _height(view)
    if not names or not height:
        return 0.0
    cam = view.camera
    return max(math.dist(cam.project(view.start.points[n]), cam.project(view.target.points[n])) for n in names) / height


def stills_change(view: View) -> float:
    """How different the start and held stills look, as a share of the figure's height: the mean
    screen movement of the half of the body's points that move most (a stretch often moves half the body)."""
    cam = view.camera
    names = list(dict.fromkeys(p for part in PARTS for p in part.points))
    moved = sorted((math.dist(cam.project(view.start.points[n]), cam.project(view.target.points[n])) for n in names),
                   reverse=True)[: len(names) // 2]  # fmt: skip
    return sum(moved) / len(moved) / _height(view)


def span(view: View) -> float:
    """The share of the view box's larger side that the figure spans."""
    x0, y0, x1, y1 = body_bounds(view.frames, view.camera)
    _, _, w, h = view.view_box
    return (x1 - x0) / w if w >= h else (y1 - y0) / h


def _height(view: View) -> float:
    _, y0, _, y1 = body_bounds(view.frames, view.camera)
    return y1 - y0


def drawing_problems(figure: Figure, frames: list[Frame], path: str = "figure") -> list[FigureError]:
    """What a person would not be able to read from the drawing: a small figure, no visible movement."""
    view = view_of(figure, frames)
    out = []
    if span(view) < MIN_SPAN:
        out.append(FigureError(path, f"the figure spans {span(view):.0%} of its view; it must span at least 80%"))
    if not highlighted(figure):
        out.append(FigureError(f"{path}.highlight", "name the worked part, so the drawing can show it"))
    elif (moved := worked_movement(view)) < MIN_WORKED_MOVE:
        out.append(
            FigureError(
                f"{path}.view",
                f"the worked part moves {moved:.0%} of the figure's height on screen from start to held position "
                f"(at least {MIN_WORKED_MOVE:.0%}); choose a view that shows the movement",
            )
        )
    if (change := stills_change(view)) < MIN_STILLS_CHANGE:
        out.append(
            FigureError(
                f"{path}.keyframes",
                f"the start and held positions look nearly the same from this view ({change:.1%} of the height "
                f"for the half of the body that moves most; at least {MIN_STILLS_CHANGE:.0%})",
            )
        )
    return out


# --- depth order -----------------------------------------------------------------------------


# The hair is drawn over the head only when the back of the head faces the viewer (within 60 degrees).
HAIR_FACING = 0.5


def _depths(frame: Frame, camera: Camera) -> dict[str, float]:
    depth = {p.name: sum(camera.depth(frame.points[n]) for n in p.points) / len(p.points) for p in PARTS}
    back = camera.depth(frame.points["hair"]) - camera.depth(frame.points["head"])
    offset = math.dist(frame.points["hair"], frame.points["head"])
    depth["hair"] = depth["head"] + (back / offset - HAIR_FACING)
    return depth


def _roles(frame: Frame, camera: Camera) -> dict[str, str]:
    """The colour role of every limb in this frame: the nearer of each pair is drawn darker."""
    depth = {
        limb: sum(camera.depth(frame.points[n]) for part in PARTS if part.limb == limb for n in part.points)
        for limb in LIMBS
    }
    out = {}
    for kind in ("leg", "arm"):
        right, left = depth[f"{kind}_right"], depth[f"{kind}_left"]
        out[f"{kind}_right"], out[f"{kind}_left"] = ("near", "far") if right >= left else ("far", "near")
    return out


def _overlapping(frame: Frame, camera: Camera) -> list[tuple[Part, Part]]:
    """Pairs of parts that cover each other on screen in this frame (their order matters)."""
    screen = {name: camera.project(p) for name, p in frame.points.items()}
    out = []
    for i, a in enumerate(PARTS):
        for b in PARTS[i + 1 :]:
            if _screen_distance(screen, a.points, b.points) < (a.width + b.width) / 2:
                out.append((a, b))
    return out


def _screen_distance(screen: dict[str, tuple[float, float]], a: Sequence[str], b: Sequence[str]) -> float:
    best = math.inf
    for a0, a1 in links(a):
        for b0, b1 in links(b):
            best = min(best, _segments_2d(screen[a0], screen[a1], screen[b0], screen[b1]))
    return best


def _segments_2d(p0, p1, q0, q1) -> float:
    if _cross(p0, p1, q0) * _cross(p0, p1, q1) < 0 and _cross(q0, q1, p0) * _cross(q0, q1, p1) < 0:
        return 0.0
    return min(_point_segment(p0, q0, q1), _point_segment(p1, q0, q1), _point_segment(q0, p0, p1),
               _point_segment(q1, p0, p1))  # fmt: skip


def _cross(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _point_segment(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    u = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy)


@dataclass(frozen=True)
class Span:
    """A run of frames drawn with one order of parts and one set of colours."""

    first: int
    last: int
    order: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]


def spans(frames: list[Frame], camera: Camera) -> list[Span]:
    """Split the animation where the depth order of two overlapping parts, or a limb's colour, changes.

    An order is kept for as long as it draws every pair of parts that cover each other on
    screen farther first; only then is the frame's own depth order taken, so the drawing
    does not flicker between orders that look the same.
    """
    out: list[Span] = []
    order: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    first = 0
    for i, frame in enumerate(frames):
        depth = _depths(frame, camera)
        new_roles = tuple(sorted(_roles(frame, camera).items()))
        rank = {name: k for k, name in enumerate(order)}
        keeps = (
            order
            and new_roles == roles
            and all(
                (rank[a.name] < rank[b.name]) == (depth[a.name] < depth[b.name])
                for a, b in _overlapping(frame, camera)
                if depth[a.name] != depth[b.name]
            )
        )
        if keeps:
            continue
        if order:
            out.append(Span(first, i - 1, order, roles))
        first = i
        order = tuple(sorted(PART_NAMES, key=lambda name: depth[name]))
        roles = new_roles
    out.append(Span(first, len(frames) - 1, order, roles))
    return out


# --- SVG -------------------------------------------------------------------------------------


def _fmt(v: float) -> str:
    s = f"{v:.1f}"
    return "0" if s in ("-0.0", "0.0") else s.removesuffix(".0")


def _path(coords: Iterable[tuple[float, float]], closed: bool = False) -> str:
    pts = [f"{_fmt(x)} {_fmt(y)}" for x, y in coords]
    if len(pts) == 1:
        return f"M{pts[0]}h0"  # a dot: a zero-length line with round caps
    return "M" + " L".join(pts) + (" Z" if closed else "")


def _part_path(part: Part, frame: Frame, camera: Camera) -> str:
    return _path((camera.project(frame.points[n]) for n in part.points), part.closed)


def _colour(part: Part, roles: dict[str, str], worked: set[str]) -> str:
    if part.name in worked:
        return COLOURS["highlight"]
    if part.role == "limb":
        return COLOURS[roles[part.limb]]
    return COLOURS[part.role]


def _key_times(frames: Sequence[Frame], duration: float) -> str:
    return ";".join(f"{f.t / duration:.4f}" for f in frames)


def _animate(attribute: str, values: Sequence[str], key_times: str, duration: float, discrete: bool = False) -> str:
    mode = "discrete" if discrete else "linear"
    return (
        f'<animate attributeName="{attribute}" dur="{duration:.2f}s" repeatCount="indefinite" '
        f'calcMode="{mode}" keyTimes="{key_times}" values="{";".join(values)}"/>'
    )


def _uses(uid: str, part: Part, colour: str) -> str:
    """A part drawn from its definition: the light outline first, then the part itself."""
    href = f"#{uid}-{part.name}"
    fill_outline = COLOURS["outline"] if part.closed else "none"
    fill = colour if part.closed else "none"
    return (
        f'<use href="{href}" stroke="{COLOURS["outline"]}" fill="{fill_outline}" '
        f'stroke-width="{_fmt(part.width + OUTLINE)}"/>'
        f'<use href="{href}" stroke="{colour}" fill="{fill}" stroke-width="{_fmt(part.width)}"/>'
    )


def _animated_body(view: View, uid: str) -> str:
    cam, frames, duration = view.camera, view.frames, view.duration
    key_times = _key_times(frames, duration)
    defs = "".join(
        f'<path id="{uid}-{part.name}" d="{_part_path(part, frames[0], cam)}">'
        f"{_animate('d', [_part_path(part, f, cam) for f in frames], key_times, duration)}</path>"
        for part in PARTS
    )
    worked = highlighted(view.figure)
    by_name = {p.name: p for p in PARTS}
    groups = []
    runs = spans(frames, cam)
    for run in runs:
        roles = dict(run.roles)
        shapes = "".join(_uses(uid, by_name[name], _colour(by_name[name], roles, worked)) for name in run.order)
        if len(runs) == 1:
            groups.append(f"<g>{shapes}</g>")
            continue
        start, end = (
            frames[run.first].t / duration,
            frames[run.last + 1].t / duration if run.last + 1 < len(frames) else 1.0,
        )
        times, values = ["0"], ["visible" if run.first == 0 else "hidden"]
        if run.first > 0:
            times.append(f"{start:.4f}")
            values.append("visible")
        if end < 1.0:
            times.append(f"{end:.4f}")
            values.append("hidden")
        visibility = _animate("visibility", values, ";".join(times), duration, discrete=True)
        initial = "visible" if run.first == 0 else "hidden"
        groups.append(f'<g visibility="{initial}">{visibility}{shapes}</g>')
    return (
        f'<g fill="none" stroke-linecap="round" stroke-linejoin="round"><defs>{defs}</defs>{"".join(groups)}'
        f"{_strap(view, frames, True)}</g>"
    )


def _still_body(view: View, frame: Frame, ghost: Frame | None) -> str:
    """One frame drawn in depth order; a ghost of another frame faintly behind it, with an arrow."""
    cam = view.camera
    out = ['<g fill="none" stroke-linecap="round" stroke-linejoin="round">']
    if ghost is not None:
        ghost_parts = [p for p in PARTS if p.role not in ("eye", "hair")]
        shapes = "".join(
            f'<path d="{_part_path(p, ghost, cam)}" stroke-width="{_fmt(p.width)}"'
            f"{' fill=' + chr(34) + COLOURS['ghost'] + chr(34) if p.closed else ''}/>"
            for p in ghost_parts
        )
        out.append(f'<g class="ghost" stroke="{COLOURS["ghost"]}" opacity="0.45">{shapes}</g>')
    [run] = spans([frame], cam)
    roles, worked = dict(run.roles), highlighted(view.figure)
    by_name = {p.name: p for p in PARTS}
    for name in run.order:
        part = by_name[name]
        d = _part_path(part, frame, cam)
        colour = _colour(part, roles, worked)
        fill_outline, fill = (COLOURS["outline"], colour) if part.closed else ("none", "none")
        outline = _fmt(part.width + OUTLINE)
        out.append(
            f'<path d="{d}" stroke="{COLOURS["outline"]}" fill="{fill_outline}" stroke-width="{outline}"/>'
            f'<path d="{d}" stroke="{colour}" fill="{fill}" stroke-width="{_fmt(part.width)}"/>'
        )
    out.append(_strap(view, [frame], False))
    if ghost is not None:
        out.append(_arrow(view))
    out.append("</g>")
    return "".join(out)


def worked_path(view: View) -> list[tuple[float, float]]:
    """The screen path of the worked part's point that moves most, from the start to the held position."""
    cam = view.camera
    names = worked_points(view.figure)
    if not names:
        return []
    point = max(names, key=lambda n: math.dist(cam.project(view.start.points[n]), cam.project(view.target.points[n])))
    start = view.frames.index(view.start)
    end = view.frames.index(view.target)
    return [cam.project(f.points[point]) for f in view.frames[start : end + 1]]


def _arrow(view: View) -> str:
    """An arrow beside the worked part's path, from where it starts to where it is held."""
    path = worked_path(view)
    if len(path) < 2 or math.dist(path[0], path[-1]) < 6:
        return ""
    (x1, y1), (x0, y0) = path[-1], path[-2]
    angle = math.atan2(y1 - y0, x1 - x0)
    head = [(x1 + 5 * math.cos(angle + a), y1 + 5 * math.sin(angle + a)) for a in (math.pi * 0.8, 0, -math.pi * 0.8)]
    return (
        f'<g class="arrow" stroke="{COLOURS["arrow"]}" stroke-width="2" opacity="0.9">'
        f'<path d="{_path(path)}" stroke-dasharray="4 3"/>'
        f'<path d="{_path([head[0], (x1 + 7 * math.cos(angle), y1 + 7 * math.sin(angle)), head[2]], True)}" '
        f'fill="{COLOURS["arrow"]}"/></g>'
    )


def _strap(view: View, frames: list[Frame], animate: bool) -> str:
    strap = view.figure.props.get("strap")
    if strap is None:
        return ""
    cam = view.camera

    def d(frame: Frame) -> str:
        return _path([cam.project(frame.points[strap["from"]]), cam.project(frame.points[strap["to"]])])

    anim = _animate("d", [d(f) for f in frames], _key_times(frames, view.duration), view.duration) if animate else ""
    return f'<path d="{d(frames[0])}" stroke="{COLOURS["strap"]}" stroke-width="2.5" fill="none">{anim}</path>'


def _prop_polygons(view: View) -> list[tuple[str, list[Vec], str]]:
    """Static scenery as 3-D polygons: (css class, corners, colour), drawn behind the body."""
    figure, frame = view.figure, view.frames[0]
    shapes: list[tuple[str, list[Vec], str]] = []
    xs = [p[0] for f in view.frames for p in f.points.values()]
    if "wall" in figure.props:
        x = wall_x(figure, view.frames)
        shapes.append(("wall", [(x, 0, -80), (x, 0, 80), (x, 220, 80), (x, 220, -80)], COLOURS["wall"]))
    if "mat" in figure.props:
        lo, hi = min(xs) - 15, max(xs) + 15
        shapes.append(("mat", [(lo, 0.2, -35), (hi, 0.2, -35), (hi, 0.2, 35), (lo, 0.2, 35)], COLOURS["mat"]))
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


def _scenery(view: View) -> str:
    """Floor, mat, wall and chair. The floor reaches past the view box, so it never floats."""
    cam = view.camera
    x0, _, w, _ = view.view_box
    if view.figure.view_elevation > 0:
        e = FLOOR_EXTENT
        plane = [(-e, 0, -e), (e, 0, -e), (e, 0, e), (-e, 0, e)]
        out = [f'<path class="floor" d="{_path([cam.project(c) for c in plane], True)}" fill="{COLOURS["ground"]}"/>']
    else:
        floor_y = _fmt(cam.project((0, 0, 0))[1])
        out = [
            f'<path class="floor" d="M{_fmt(x0)} {floor_y} H{_fmt(x0 + w)}" stroke="{COLOURS["floor"]}" '
            'stroke-width="1.5"/>'
        ]
    for cls, corners, colour in _prop_polygons(view):
        out.append(f'<path class="{cls}" d="{_path([cam.project(c) for c in corners], True)}" fill="{colour}"/>')
    return "".join(out)


STYLE = (
    "<style>.supple-still{display:none}"
    "@media (prefers-reduced-motion: reduce){.supple-moving{display:none}.supple-still{display:inline}}</style>"
)


def _svg(view: View, title: str, mirrored: bool, body: str) -> str:
    x, y, w, h = view.view_box
    flip = f' transform="translate({_fmt(2 * x + w)} 0) scale(-1 1)"' if mirrored else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_fmt(x)} {_fmt(y)} {_fmt(w)} {_fmt(h)}" '
        f'role="img" class="supple-figure"><title>{_escape(title)}</title>'
        f"<g{flip}>{_scenery(view)}{body}</g></svg>"
    )


def render_svg(view: View, title: str, mirrored: bool = False, uid: str = "f") -> str:
    """An SVG document animating the figure, with the held still (and its ghost) for reduced motion.

    `mirrored` draws the left side: the mirror image of the right side's animation. `uid`
    prefixes the ids of the parts' definitions, so that several figures share a page.
    """
    body = (
        f'{STYLE}<g class="supple-moving">{_animated_body(view, uid)}</g>'
        f'<g class="supple-still">{_still_body(view, view.target, view.start)}</g>'
    )
    return _svg(view, title, mirrored, body)


def render_still(view: View, title: str, mirrored: bool = False, held: bool = True) -> str:
    """One still: the held position (with a ghost of the start and an arrow), or the start position."""
    frame, ghost = (view.target, view.start) if held else (view.start, None)
    return _svg(view, title, mirrored, _still_body(view, frame, ghost))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def contact_sheet(entries: Iterable[tuple[str, bool, View]]) -> str:
    """A standalone HTML page of every exercise: start and held stills, for each side.

    `entries` are (name, one_sided, view). Reviewers look at this page (and the PNG the
    browser tests make of it) to see every figure at once.
    """
    rows = []
    for name, one_sided, view in entries:
        cells = []
        for mirrored in (False, True) if one_sided else (False,):
            side = ("left side" if mirrored else "right side") if one_sided else "both sides"
            for held in (False, True):
                label = f"{side}: {'held' if held else 'start'}"
                svg = render_still(view, f"{name}, {label}", mirrored=mirrored, held=held)
                cells.append(f"<figure>{svg}<figcaption>{_escape(label)}</figcaption></figure>")
        rows.append(f'<section><h2>{_escape(name)}</h2><div class="cells">{"".join(cells)}</div></section>')
    style = (
        "body{margin:16px;font:13px system-ui,sans-serif;color:#1f2b2a;background:#fff}"
        "h1{font-size:18px;margin:0 0 8px}section{display:flex;align-items:center;gap:8px;"
        "border-top:1px solid #d5dedc;padding:4px 0}h2{width:150px;flex:none;font-size:13px;margin:0}"
        ".cells{display:flex;gap:6px}figure{margin:0;width:200px;text-align:center}"
        "figure svg{width:200px;height:150px;display:block;background:#fafcfb}figcaption{color:#5a6866}"
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>supple figures</title>'
        f"<style>{style}</style></head><body><h1>supple: every figure, start and held</h1>{''.join(rows)}</body></html>"
    )
