"""A keyframe as the camera check sees it: the 33 MediaPipe landmarks show the anatomy the exercise needs."""

import math

import pytest

from supple.domain import figure as fig
from supple.domain.landmarks import LANDMARK_NAMES, PoseError, keyframe_pose
from supple.domain.library import load_library

LIBRARY = load_library()


def landmarks(exercise_id: str, side: str = "right", keyframe: str = "target") -> dict[str, list]:
    pose = keyframe_pose(exercise_id, LIBRARY.get(exercise_id).figure, side, keyframe)
    return dict(zip(LANDMARK_NAMES, pose.landmarks, strict=True))


def angle(a, b, c) -> float:
    """Angle at b, in degrees, between b-a and b-c."""
    u, v = [a[i] - b[i] for i in range(3)], [c[i] - b[i] for i in range(3)]
    cos = sum(x * y for x, y in zip(u, v, strict=True)) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_there_are_33_landmarks_in_metres_with_the_floor_at_zero():
    points = landmarks("standing-hip-flexor-stretch", keyframe="start")
    assert len(points) == 33
    assert all(p[1] >= -0.005 for p in points.values())
    assert min(p[1] for p in points.values()) == pytest.approx(0.0, abs=0.03)  # the feet on the floor
    assert 1.5 < points["nose"][1] < 1.8  # a standing adult's face, in metres


def test_in_the_seated_figure_four_the_right_ankle_rests_by_the_left_knee():
    points = landmarks("seated-figure-four-stretch")
    assert math.dist(points["right_ankle"][:3], points["left_knee"][:3]) < 0.15  # joint centres; both are thick
    assert points["right_ankle"][1] > points["left_knee"][1]  # on top of the thigh, not under it


def test_in_the_standing_hip_flexor_stretch_the_standing_knee_is_straight_and_the_worked_hip_extended():
    points = landmarks("standing-hip-flexor-stretch")
    standing_knee = angle(points["left_hip"], points["left_knee"], points["left_ankle"])
    assert standing_knee > 170
    # The worked thigh points down and back, behind the line of the trunk (hip extension).
    trunk = [points["right_shoulder"][i] - points["right_hip"][i] for i in range(3)]
    thigh = [points["right_knee"][i] - points["right_hip"][i] for i in range(3)]
    assert thigh[0] < 0 and angle(points["right_shoulder"], points["right_hip"], points["right_knee"]) > 180 - 25
    assert trunk[1] > 0


def test_the_left_side_is_the_mirror_image():
    right, left = landmarks("lunging-hip-flexor-stretch"), landmarks("lunging-hip-flexor-stretch", "left")
    for name, (x, y, z, modelled) in right.items():
        mirror = name.replace("left", "@").replace("right", "left").replace("@", "right")
        assert left[mirror][:3] == pytest.approx([x, y, -z], abs=1e-4)
        assert left[mirror][3] == modelled


def test_the_fingers_the_figure_does_not_model_are_flagged_and_placed_at_the_fingertips():
    points = landmarks("cat-camel", keyframe="start")
    assert points["right_pinky"][3] is False and points["right_thumb"][3] is False
    assert points["right_pinky"][:3] == points["right_index"][:3]
    assert sum(1 for p in points.values() if not p[3]) == 4


def test_the_face_looks_where_the_head_faces():
    lying = landmarks("knee-to-chest-stretch", keyframe="start")
    assert lying["nose"][1] > lying["left_ear"][1]  # on the back, the nose points up
    prone = landmarks("prone-press-up", keyframe="start")
    assert prone["nose"][1] < prone["left_ear"][1] + 0.02  # face down


def test_angles_are_every_joint_and_mirror_for_the_left_side():
    figure = LIBRARY.get("seated-twist").figure
    right = keyframe_pose("seated-twist", figure, "right").angles
    left = keyframe_pose("seated-twist", figure, "left").angles
    assert set(right) == set(fig.JOINTS)
    assert right["spine"]["rotation"] == -left["spine"]["rotation"] != 0
    assert right["hip_right"] == left["hip_left"]


@pytest.mark.parametrize(("side", "keyframe", "message"), [
    ("up", "target", "unknown side 'up'; use right or left"),
    ("right", "flying", "unknown keyframe 'flying'; use start, target or one of:"),
])  # fmt: skip
def test_an_unknown_side_or_keyframe_is_one_clear_line(side, keyframe, message):
    with pytest.raises(PoseError) as caught:
        keyframe_pose("cat-camel", LIBRARY.get("cat-camel").figure, side, keyframe)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
def test_every_exercise_and_side_and_keyframe_has_a_pose(exercise):
    for side in ("right", "left"):
        for kf in ("start", "target", *(k["name"] for k in exercise.figure.keyframes)):
            pose = keyframe_pose(exercise.id, exercise.figure, side, kf).to_document()
            assert len(pose["landmarks"]) == 33 and pose["version"] == 1
