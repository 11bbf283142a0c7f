"""A figure's keyframe as the camera check sees it: joint angles and the 33 MediaPipe Pose landmarks.

`keyframe_pose` places one keyframe exactly as the animation draws it and returns its
angles and its body points in the MediaPipe Pose order, in metres, with the floor at
y = 0, x where the person faces when standing upright and z to their right. The left
side is the mirror image of the right (z negated, left and right swapped, turning angles
negated). A point the figure has no equivalent for is flagged `modelled: false` and
takes the coordinates of the nearest modelled point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supple.domain import figure as fig

POSE_VERSION = 1
CM_PER_M = 100.0

# The MediaPipe Pose order: (landmark name, figure point, modelled). The wrist is the joint,
# 3 cm short of the figure's `wrist` (the middle of the hand); the figure has no fingers,
# so the index tip is its fingertips and the pinky and thumb take the same point, unmodelled.
MEDIAPIPE = (
    ("nose", "nose", True),
    ("left_eye_inner", "eye_inner_left", True), ("left_eye", "eye_left", True),
    ("left_eye_outer", "eye_outer_left", True),
    ("right_eye_inner", "eye_inner_right", True), ("right_eye", "eye_right", True),
    ("right_eye_outer", "eye_outer_right", True),
    ("left_ear", "ear_left", True), ("right_ear", "ear_right", True),
    ("mouth_left", "mouth_left", True), ("mouth_right", "mouth_right", True),
    ("left_shoulder", "shoulder_left", True), ("right_shoulder", "shoulder_right", True),
    ("left_elbow", "elbow_left", True), ("right_elbow", "elbow_right", True),
    ("left_wrist", "wrist_joint_left", True), ("right_wrist", "wrist_joint_right", True),
    ("left_pinky", "hand_left", False), ("right_pinky", "hand_right", False),
    ("left_index", "hand_left", True), ("right_index", "hand_right", True),
    ("left_thumb", "hand_left", False), ("right_thumb", "hand_right", False),
    ("left_hip", "hip_left", True), ("right_hip", "hip_right", True),
    ("left_knee", "knee_left", True), ("right_knee", "knee_right", True),
    ("left_ankle", "ankle_left", True), ("right_ankle", "ankle_right", True),
    ("left_heel", "heel_left", True), ("right_heel", "heel_right", True),
    ("left_foot_index", "toe_left", True), ("right_foot_index", "toe_right", True),
)  # fmt: skip
LANDMARK_NAMES = tuple(name for name, _, _ in MEDIAPIPE)
WRIST_JOINT = (fig.FOREARM - 3.0) / fig.FOREARM  # share of the elbow-to-mid-hand line at the wrist joint

# Angles that change sign in the mirror image (they turn or lean about a vertical or forward axis).
MIRRORED_AXES = {"body": ("turn", "lean"), "spine": ("side_bend", "rotation")}


class PoseError(ValueError):
    """An unknown side or keyframe; the message is one line for the person who asked."""


@dataclass(frozen=True)
class KeyframePose:
    exercise: str
    side: str
    keyframe: str
    angles: dict[str, Any]
    landmarks: list[list[Any]]  # 33 of [x, y, z, modelled], metres

    def to_document(self) -> dict[str, Any]:
        return {
            "version": POSE_VERSION,
            "exercise": self.exercise,
            "side": self.side,
            "keyframe": self.keyframe,
            "angles": self.angles,
            "landmarks": self.landmarks,
        }


def keyframe_index(figure: fig.Figure, keyframe: str) -> int:
    """`start` (the first keyframe), `target` (the held one) or a keyframe's name."""
    if keyframe == "start":
        return 0
    if keyframe == "target":
        return figure.target
    names = [kf["name"] for kf in figure.keyframes]
    if keyframe not in names:
        raise PoseError(f"unknown keyframe {keyframe!r}; use start, target or one of: {', '.join(map(repr, names))}")
    return names.index(keyframe)


def keyframe_pose(exercise_id: str, figure: fig.Figure, side: str = "right", keyframe: str = "target") -> KeyframePose:
    if side not in fig.SIDES:
        raise PoseError(f"unknown side {side!r}; use right or left")
    index = keyframe_index(figure, keyframe)
    frame = fig.keyframe_frame(figure, index)
    points = dict(frame.points)
    for s in fig.SIDES:
        elbow, mid_hand = points[f"elbow_{s}"], points[f"wrist_{s}"]
        points[f"wrist_joint_{s}"] = tuple(e + (m - e) * WRIST_JOINT for e, m in zip(elbow, mid_hand, strict=True))
    mirrored = side == "left"
    landmarks = []
    for _, point, modelled in MEDIAPIPE:
        if mirrored:
            point = _swap(point)
        x, y, z = points[point]
        z = -z if mirrored else z
        landmarks.append([round(x / CM_PER_M, 4), round(y / CM_PER_M, 4), round(z / CM_PER_M, 4), modelled])
    return KeyframePose(
        exercise_id,
        side,
        figure.keyframes[index]["name"],
        _angles(figure.keyframes[index]["pose"], mirrored),
        landmarks,
    )


def _swap(name: str) -> str:
    if name.endswith("_right"):
        return name.removesuffix("_right") + "_left"
    if name.endswith("_left"):
        return name.removesuffix("_left") + "_right"
    return name


def _angles(pose: dict[str, Any], mirrored: bool) -> dict[str, Any]:
    """Every joint's angles in degrees; one-axis joints as a bare number, as exercise files write them."""
    out: dict[str, Any] = {}
    for joint in fig.JOINTS:
        values = fig.joint_values(pose, joint)
        if mirrored:
            values = {axis: -v if axis in MIRRORED_AXES.get(joint, ()) else v for axis, v in values.items()}
        name = _swap(joint) if mirrored else joint
        out[name] = _number(values["flexion"]) if len(values) == 1 else {a: _number(v) for a, v in values.items()}
    return {joint: out[joint] for joint in fig.JOINTS}


def _number(v: float) -> float | int:
    v = round(v, 2) + 0.0
    return int(v) if v == int(v) else v
