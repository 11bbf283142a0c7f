"""Tags follow the figure: the library check refuses a file whose figure shows a movement its tags omit.

Each rule has a deliberately mis-tagged exercise that the check must catch, naming the
file, the line of `tags`, the missing tag and the keyframe that shows the movement; the
same file with the tag added loads. Thresholds are tested on both sides of the line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from supple.domain import figure as fig
from supple.domain import movement
from supple.domain.library import LibraryError, load_library

HEADER = {
    "id": "test-move",
    "name": "Test movement",
    "summary": "A movement written for a test of the tag rules.",
    "kind": "hold",
    "sides": "each",
    "targets": ["hamstrings"],
    "causes": ["general"],
    "steps": ["Move slowly."],
    "cues": ["Breathe."],
    "mistakes": ["Rushing."],
    "cautions": ["Take care."],
    "stop_if": ["Pain, tingling or numbness spreads down your leg."],
    "dose": {"sets": 2, "hold_seconds": 30, "rest_seconds": 10},
}

STAND = {"knee_right": 3, "knee_left": 3}
LYING = {"body": {"pitch": -90}, "hip_right": {"flexion": 50}, "hip_left": {"flexion": 50}, "knee_right": 108,
         "knee_left": 108, "ankle_right": -32, "ankle_left": -32}  # fmt: skip
HALF_KNEEL = {"body": {"pitch": -5}, "spine": {"flexion": 5}, "hip_right": {"flexion": -8}, "knee_right": 88,
              "ankle_right": -50, "hip_left": {"flexion": 88}, "knee_left": 92, "ankle_left": -1}  # fmt: skip
PRONE = {"body": {"pitch": 90}, "hip_right": {"flexion": 9}, "hip_left": {"flexion": 9}, "knee_right": 14,
         "knee_left": 14, "ankle_right": -50, "ankle_left": -50}  # fmt: skip


def with_(pose: dict, **joints) -> dict:
    return {**pose, **joints}


def write(folder: Path, tags: list[str], position: str, poses: list[dict], **figure) -> Path:
    """One exercise file whose figure moves from the first pose to the target (the last)."""
    keyframes = [{"name": f"pose {i}", "pose": pose} for i, pose in enumerate(poses)]
    keyframes[-1]["target"] = True
    data = {**HEADER, "position": position, "tags": tags, "figure": {"keyframes": keyframes, **figure}}
    path = folder / "test-move.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def problems(folder: Path) -> list[str]:
    try:
        load_library(folder)
    except LibraryError as e:
        return [str(p) for p in e.problems]
    return []


def tag_problems(folder: Path) -> list[str]:
    """Problems with the tags only (these small test figures need not be drawn well)."""
    return [p for p in problems(folder) if ": tags: " in p]


def tags_line(path: Path) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith("tags:"))


# (tag the figure requires, the full honest tag list, position, poses, extra figure fields)
CASES = [
    ("hip_flexion_past_90", ["standing"], "standing", [STAND, with_(STAND, hip_right={"flexion": 100}, knee_right=90)]),
    ("hip_adduction_past_midline", ["standing"], "standing", [STAND, with_(STAND, hip_right={"abduction": -12})]),
    ("hip_internal_rotation", ["standing"], "standing", [STAND, with_(STAND, hip_right={"rotation": -5})]),
    (
        "hip_extension_with_external_rotation",
        ["standing"],
        "standing",
        [STAND, with_(STAND, hip_right={"flexion": -10, "rotation": 10})],
    ),
    ("deep_knee_flexion", ["standing"], "standing", [STAND, with_(STAND, knee_right=125)]),
    # `kneeling` is a position too; a standing position lets the test leave it out.
    ("kneeling", ["standing", "floor"], "standing", [HALF_KNEEL, with_(HALF_KNEEL, hip_right={"flexion": -12})]),
    (
        "spinal_flexion_end_range",
        ["standing", "spinal_flexion", "end_range"],
        "standing",
        [STAND, with_(STAND, spine={"flexion": 45})],
    ),
    (
        "spinal_extension_end_range",
        ["standing", "spinal_extension", "end_range"],
        "standing",
        [STAND, with_(STAND, spine={"flexion": -26})],
    ),
    (
        "spinal_rotation_end_range",
        ["standing", "spinal_rotation", "end_range"],
        "standing",
        [STAND, with_(STAND, spine={"rotation": -30})],
    ),
    (
        "end_range",
        ["standing", "spinal_rotation", "spinal_rotation_end_range"],
        "standing",
        [STAND, with_(STAND, spine={"rotation": 35})],
    ),
    (
        "abdominal_compression",
        ["supine", "floor", "hip_flexion_past_90"],
        "supine",
        [LYING, with_(LYING, hip_right={"flexion": 125})],
    ),
    ("spinal_flexion", ["standing"], "standing", [STAND, with_(STAND, spine={"flexion": 20})]),
    ("spinal_extension", ["standing"], "standing", [STAND, with_(STAND, spine={"flexion": -15})]),
    ("spinal_rotation", ["standing"], "standing", [STAND, with_(STAND, spine={"rotation": 15})]),
    ("supine", ["floor"], "side_lying", [LYING, with_(LYING, hip_right={"flexion": 60})]),
    ("prone", ["floor"], "side_lying", [PRONE, with_(PRONE, knee_right=30)]),
    (
        "side_lying",
        ["floor"],
        "supine",
        [with_(LYING, body={"pitch": -90, "turn": 90}), with_(LYING, body={"pitch": -90, "turn": 90}, knee_right=90)],
    ),
    ("floor", ["supine"], "supine", [LYING, with_(LYING, hip_right={"flexion": 60})]),
]


def _position_tag(position: str) -> list[str]:
    return [] if position == "standing" else [position]


@pytest.mark.parametrize(("tag", "honest", "position", "poses"), CASES, ids=[case[0] for case in CASES])
def test_a_figure_that_shows_the_movement_needs_the_tag(tmp_path, tag, honest, position, poses):
    tags = list(dict.fromkeys([*_position_tag(position), *honest]))
    path = write(tmp_path, tags, position, poses)
    found = [p for p in problems(tmp_path) if f"lacks {tag!r}" in p]
    assert len(found) == 1, problems(tmp_path)
    assert found[0].startswith(f"{path}:{tags_line(path)}: tags: lacks {tag!r}: the figure shows ")
    assert re.search(r"(at|moving to) keyframe 'pose (\d)' \(figure\.keyframes\[\2\], line \d+\)$", found[0])
    write(tmp_path, [*tags, tag], position, poses)
    assert tag_problems(tmp_path) == []


# Just short of each threshold: the tag is not required (an exercise may still carry it).
SHORT_OF = [
    ("hip_flexion_past_90", [STAND, with_(STAND, hip_right={"flexion": 90}, knee_right=90)]),
    ("hip_adduction_past_midline", [STAND, with_(STAND, hip_right={"abduction": -9.5})]),
    ("hip_internal_rotation", [STAND, with_(STAND, hip_right={"rotation": 0})]),
    ("hip_extension_with_external_rotation", [STAND, with_(STAND, hip_right={"flexion": -10, "rotation": 0})]),
    ("deep_knee_flexion", [STAND, with_(STAND, knee_right=120)]),
    ("spinal_flexion_end_range", [STAND, with_(STAND, spine={"flexion": 44.5})]),
    ("spinal_extension_end_range", [STAND, with_(STAND, spine={"flexion": -25})]),
    ("spinal_rotation_end_range", [STAND, with_(STAND, spine={"rotation": 29.5})]),
]


@pytest.mark.parametrize(("tag", "poses"), SHORT_OF, ids=[case[0] for case in SHORT_OF])
def test_a_movement_just_short_of_the_threshold_does_not_need_the_tag(tmp_path, tag, poses):
    figure = fig.parse_figure({"keyframes": [{"name": "a", "pose": poses[0]}, {"name": "b", "pose": poses[1],
                                                                              "target": True}]})  # fmt: skip
    required = {r.tag for r in movement.required_tags(figure, fig.timeline(figure))}
    assert tag not in required


def test_left_side_movements_count_too(tmp_path):
    write(tmp_path, ["standing"], "standing", [STAND, with_(STAND, hip_left={"rotation": -5})])
    assert any("lacks 'hip_internal_rotation': the figure shows left hip internal rotation" in p
               for p in problems(tmp_path))  # fmt: skip


def test_a_movement_shown_only_between_keyframes_is_found_where_it_happens(tmp_path):
    # Neither keyframe shows extension with external rotation, but the way between them does.
    poses = [with_(STAND, hip_right={"flexion": -10}), with_(STAND, hip_right={"flexion": 10, "rotation": 20})]
    write(tmp_path, ["standing"], "standing", poses)
    [found] = [p for p in problems(tmp_path) if "lacks 'hip_extension_with_external_rotation'" in p]
    assert "moving to keyframe 'pose 1'" in found


def test_lying_face_down_with_straight_legs_is_not_kneeling(tmp_path):
    write(tmp_path, ["prone", "floor"], "prone", [PRONE, with_(PRONE, spine={"flexion": -10})])
    assert tag_problems(tmp_path) == []


@pytest.mark.parametrize(
    ("props", "tag"),
    [({"chair": {}}, "needs_chair"), ({"wall": {"x": 60}}, "needs_wall"),
     ({"strap": {"from": "wrist_right", "to": "toe_right"}}, "needs_strap")],
)  # fmt: skip
def test_a_prop_in_the_figure_needs_its_tag(tmp_path, props, tag):
    write(tmp_path, ["standing"], "standing", [STAND, with_(STAND, spine={"flexion": 10})], props=props)
    assert any(f"lacks {tag!r}: the figure uses a " in p for p in problems(tmp_path))


@pytest.mark.parametrize(
    ("pose", "words"),
    [
        (with_(STAND, spine={"flexion": 50}), "spine flexion of 50°"),
        (with_(STAND, knee_right=130), "right knee flexion of 130°"),
        (with_(STAND, spine={"side_bend": 25}), "bends the spine 25° to the side"),
    ],
)
def test_a_gentle_exercise_stays_in_the_mid_range(tmp_path, pose, words):
    tags = ["standing", "gentle", "spinal_flexion", "spinal_flexion_end_range", "end_range", "deep_knee_flexion"]
    write(tmp_path, tags, "standing", [STAND, pose])
    assert any("a 'gentle' exercise stays in the mid range" in p and words in p for p in problems(tmp_path))


def test_every_built_in_exercise_carries_every_tag_its_figure_requires():
    for exercise in load_library():
        frames = fig.timeline(exercise.figure)
        assert {r.tag for r in movement.required_tags(exercise.figure, frames)} <= exercise.tags, exercise.id
