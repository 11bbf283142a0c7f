#!/usr/bin/env python3
"""Adjust some joint angles of one keyframe until its declared contacts hold and no parts overlap.

    .venv/bin/python scripts/fit_keyframe.py ID KEYFRAME --free JOINT.AXIS[,JOINT.AXIS...] [--library DIR]

KEYFRAME is an index or a name. The free angles (for example
`shoulder_right.flexion,elbow_right.flexion`; join two with `+` to move them together, as
`knee_right.flexion+knee_left.flexion`) are moved within their ranges, a few degrees at a
time, to bring every contact declared on that keyframe within its tolerance and to pull
apart parts that pass through each other, in the keyframe and on the way into and out of
it. The result is printed as the keyframe's pose, to paste into the exercise file; then
run `supple library check` and look at it with scripts/preview_figure.py. An authoring
aid: it never writes a file.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from supple.domain import figure as fig
from supple.domain.library import BUILTIN_DIR


def axis_value(pose: dict[str, Any], key: str) -> float:
    joint, axis = key.split(".")
    return fig.joint_values(pose, joint)[axis]


def set_axis(pose: dict[str, Any], key: str, value: float) -> None:
    joint, axis = key.split(".")
    raw = pose.get(joint, {})
    raw = {"flexion": raw} if isinstance(raw, (int, float)) else dict(raw)
    raw[axis] = round(value, 1)
    pose[joint] = raw


def frames_around(figure: fig.Figure, index: int, pose: dict[str, Any]) -> list[fig.Frame]:
    """The keyframe with this pose, and frames a quarter, half and three quarters of the way from
    the keyframe before it and to the keyframe after it, placed as the animation places them."""
    keyframes = [dict(kf["pose"]) for kf in figure.keyframes]
    keyframes[index] = pose
    n = len(keyframes)
    first = fig.place(fig.solve_pose(keyframes[0]), figure.support)
    out = []

    def add(p: dict[str, Any], keyframe: int, moving: bool) -> None:
        points = fig.place(fig.solve_pose(p), figure.support)
        shift = first[figure.anchor][0] - points[figure.anchor][0]
        moved = {k: (v[0] + shift, v[1], v[2]) for k, v in points.items()}
        out.append(fig.Frame(0.0, moved, p, keyframe, moving))

    for u in (0.25, 0.5, 0.75):
        add(fig.blend(keyframes[index - 1], pose, u), index, True)
    add(pose, index, False)
    for u in (0.25, 0.5, 0.75):
        add(fig.blend(pose, keyframes[(index + 1) % n], u), (index + 1) % n, True)
    return out


def cost(figure: fig.Figure, index: int, pose: dict[str, Any]) -> float:
    """How far the keyframe, and the moves into and out of it, are from holding every check."""
    frames = frames_around(figure, index, pose)
    first = fig.Frame(0.0, fig.place(fig.solve_pose(figure.keyframes[0]["pose"]), figure.support))
    total = 0.0
    for frame in frames:
        weight = 1.0 if not frame.moving else 0.5
        for contact in figure.contacts_at(frame):
            gap = fig.contact_gap(figure, [first], frame, contact)
            total += weight * max(0.0, abs(gap) - 1.0) ** 2
        total += weight * 4 * sum(max(0.0, depth - 1.0) ** 2 for _, _, depth in fig.overlaps(figure, frame))
        total += weight * sum(max(0.0, fig.radius(n) - p[1]) ** 2 for n, p in frame.points.items())
    return total


def fit(figure: fig.Figure, index: int, free: list[str]) -> tuple[dict[str, Any], float]:
    pose = copy.deepcopy(dict(figure.keyframes[index]["pose"]))
    best, step = cost(figure, index, pose), 8.0
    while step >= 0.25:
        improved = False
        for group in free:
            for delta in (step, -step):
                trial = moved(pose, group.split("+"), delta)
                if trial is None:
                    continue
                c = cost(figure, index, trial)
                if c < best:
                    best, pose, improved = c, trial, True
        if not improved:
            step /= 2
    return pose, best


def moved(pose: dict[str, Any], keys: list[str], delta: float) -> dict[str, Any] | None:
    """The pose with every key moved by delta, or None when one would leave its range."""
    trial = copy.deepcopy(pose)
    for key in keys:
        low, high = fig.RANGES[key.split(".")[0].split("_")[0]][key.split(".")[1]]
        value = axis_value(trial, key) + delta
        if not low <= value <= high:
            return None
        set_axis(trial, key, value)
    return trial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercise")
    parser.add_argument("keyframe")
    parser.add_argument("--free", required=True, help="comma-separated JOINT.AXIS names to adjust")
    parser.add_argument("--library", default=str(BUILTIN_DIR))
    args = parser.parse_args()
    data = yaml.safe_load((Path(args.library) / f"{args.exercise}.yaml").read_text(encoding="utf-8"))
    figure = fig.parse_figure(data["figure"])
    names = [kf["name"] for kf in figure.keyframes]
    index = int(args.keyframe) if args.keyframe.isdigit() else names.index(args.keyframe)
    before = cost(figure, index, dict(figure.keyframes[index]["pose"]))
    pose, after = fit(figure, index, args.free.split(","))
    print(f"# keyframe {index} ({names[index]}): cost {before:.1f} -> {after:.1f}")
    print(yaml.safe_dump({"pose": pose}, sort_keys=False, default_flow_style=None, width=120))


if __name__ == "__main__":
    main()
