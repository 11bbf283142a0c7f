"""The kinematic figure: joint angles mean what a physiotherapist means, and every frame is physical."""

import math
import re

import pytest

from supple.domain import figure as fig
from supple.domain.library import load_library

LIBRARY = load_library()


def _figure(*poses, support="floor", target=1, **extra) -> fig.Figure:
    keyframes = [{"name": f"k{i}", "pose": p, **({"target": True} if i == target else {})} for i, p in enumerate(poses)]
    return fig.parse_figure({"keyframes": keyframes, "support": support, **extra})


def _angle(a, b, c) -> float:
    """Angle at b between the segments b-a and b-c, in degrees."""
    u = [a[i] - b[i] for i in range(3)]
    v = [c[i] - b[i] for i in range(3)]
    cos = sum(x * y for x, y in zip(u, v, strict=True)) / (math.dist(a, b) * math.dist(c, b))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_neutral_pose_stands_upright_facing_forward():
    pts = fig.solve_pose({})
    assert pts["head"][1] > pts["neck_base"][1] > pts["waist"][1] > pts["pelvis"][1]
    assert pts["knee_right"][1] < pts["hip_right"][1] and pts["ankle_right"][1] < pts["knee_right"][1]
    assert pts["toe_right"][0] > pts["heel_right"][0]  # feet point forward (+x)
    assert pts["hip_right"][2] > 0 > pts["hip_left"][2]  # +z is the person's right


def test_hip_flexion_swings_the_thigh_forward_by_the_given_angle():
    pts = fig.solve_pose({"hip_right": {"flexion": 100}})
    trunk_up = (0.0, 1.0, 0.0)
    thigh = tuple(pts["knee_right"][i] - pts["hip_right"][i] for i in range(3))
    between = math.degrees(math.acos(sum(a * b for a, b in zip(trunk_up, thigh, strict=True)) / math.hypot(*thigh)))
    assert between == pytest.approx(180 - 100)
    assert pts["knee_right"][0] > pts["hip_right"][0]


def test_seated_figure_four_lean_reaches_about_100_degrees_of_hip_flexion():
    target = fig.target_frame(LIBRARY.get("seated-figure-four-stretch").figure).points
    # hip flexion = 180 - angle between trunk (hip to shoulder) and thigh (hip to knee)
    flexion = 180 - _angle(target["shoulder_left"], target["hip_left"], target["knee_left"])
    assert 95 <= flexion <= 125


def test_knee_flexion_bends_the_shank_backwards():
    pts = fig.solve_pose({"knee_right": 90})
    assert pts["ankle_right"][0] < pts["knee_right"][0] - fig.SHANK * 0.99
    assert _angle(pts["hip_right"], pts["knee_right"], pts["ankle_right"]) == pytest.approx(90)


def test_external_rotation_of_a_bent_hip_crosses_the_shin_towards_the_other_leg():
    pose = {"hip_right": {"flexion": 90, "rotation": 60}, "knee_right": 90}
    pts = fig.solve_pose(pose)
    assert pts["ankle_right"][2] < pts["knee_right"][2]  # towards the left (-z)


def test_abduction_moves_each_leg_away_from_the_midline():
    pts = fig.solve_pose({"hip_right": {"abduction": 30}, "hip_left": {"abduction": 30}})
    assert pts["ankle_right"][2] > pts["hip_right"][2]
    assert pts["ankle_left"][2] < pts["hip_left"][2]


def test_spine_flexion_bends_forward_and_pitch_minus_90_lies_on_the_back():
    assert fig.solve_pose({"spine": {"flexion": 40}})["head"][0] > 0
    lying = fig.place(fig.solve_pose({"body": {"pitch": -90}}), "floor")
    assert lying["head"][0] < lying["pelvis"][0] < lying["ankle_right"][0]
    assert lying["pelvis"][1] == pytest.approx(fig.RADIUS["pelvis"], abs=0.01)


def test_out_of_range_angles_are_reported_with_their_path():
    problems = fig.check_pose({"knee_right": 170, "hip_left": {"twist": 3}, "tail": 1}, "pose")
    messages = [str(p) for p in problems]
    assert "pose.knee_right.flexion: 170 degrees is out of reach (0 to 155)" in messages
    assert any(m.startswith("pose.hip_left.twist: unknown axis") for m in messages)
    assert any(m.startswith("pose.tail: unknown joint") for m in messages)


def test_a_figure_needs_exactly_one_target_keyframe():
    data = {"keyframes": [{"name": "a", "pose": {}}, {"name": "b", "pose": {}}]}
    with pytest.raises(fig.FigureError, match="exactly one keyframe"):
        fig.parse_figure(data)


def test_feet_through_the_floor_on_a_chair_are_a_problem():
    sitting = {"hip_right": {"flexion": 90}, "hip_left": {"flexion": 90}}
    legs_straight_down = {**sitting, "hip_right": {"flexion": 10}}
    scene = fig.build_scene(_figure(sitting, legs_straight_down, support="chair", props={"chair": {}}))
    problems = fig.geometry_problems(scene)
    assert any("below the floor" in p for p in problems), problems


def test_hips_sliding_off_the_seat_are_a_problem():
    sitting = {"hip_right": {"flexion": 90}, "hip_left": {"flexion": 90}, "knee_right": 90, "knee_left": 90}
    scene = fig.build_scene(_figure(sitting, sitting, support="chair", anchor="toe_left", props={"chair": {}}))
    assert fig.geometry_problems(scene) == []
    slid = [
        fig.Frame(f.t, {k: (p[0] + 40 * (i > 3), p[1], p[2]) for k, p in f.points.items()})
        for i, f in enumerate(scene.frames)
    ]
    shifted = fig.Scene(scene.figure, slid, scene.target, scene.camera, scene.parts, scene.view_box, scene.duration)
    assert any("slid off the seat" in p for p in fig.geometry_problems(shifted))


def test_a_figure_too_big_for_the_view_is_a_problem():
    arms_up = {"shoulder_right": {"flexion": 180}, "shoulder_left": {"flexion": 180}}
    scene = fig.build_scene(_figure({}, arms_up))
    assert fig.geometry_problems(scene) == []
    small = fig.Scene(scene.figure, scene.frames, scene.target, scene.camera, scene.parts, (-50, -200, 100, 150), 1)
    assert any("does not fit" in p for p in fig.geometry_problems(small))


def test_stretched_limbs_would_be_caught_by_the_length_check():
    scene = fig.build_scene(_figure({}, {"knee_right": 40}))
    stretched = [
        fig.Frame(f.t, {**f.points, "ankle_right": (f.points["ankle_right"][0], f.points["ankle_right"][1] - 3, 0)})
        for f in scene.frames
    ]
    broken = fig.Scene(scene.figure, stretched, scene.target, scene.camera, scene.parts, scene.view_box, 1)
    assert any("segment is" in p for p in fig.geometry_problems(broken))


def test_the_anchor_point_does_not_slide_between_frames():
    scene = fig.build_scene(_figure({}, {"body": {"pitch": 30}, "hip_right": {"flexion": 30}}, anchor="toe_left"))
    xs = {round(f.points["toe_left"][0], 6) for f in scene.frames}
    assert len(xs) == 1


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
class TestEveryLibraryFigure:
    def test_every_keyframe_is_reachable(self, exercise):
        for i, kf in enumerate(exercise.figure.keyframes):
            assert fig.check_pose(kf["pose"], f"keyframes[{i}]") == []

    def test_limb_lengths_are_constant_in_every_frame(self, exercise):
        reference = fig.segment_lengths(fig.solve_pose({}))
        for frame in fig.build_scene(exercise.figure).frames:
            for segment, length in fig.segment_lengths(frame.points).items():
                assert length == pytest.approx(reference[segment], abs=fig.LENGTH_TOLERANCE), (frame.t, segment)

    def test_no_part_is_below_the_floor(self, exercise):
        for frame in fig.build_scene(exercise.figure).frames:
            for name, p in frame.points.items():
                assert p[1] - fig.radius(name) >= -fig.CONTACT_TOLERANCE, (frame.t, name)

    def test_seated_figures_keep_their_hips_on_the_seat(self, exercise):
        if exercise.figure.support != "chair":
            assert "sitting" not in exercise.tags or exercise.figure.support == "chair"
            return
        for frame in fig.build_scene(exercise.figure).frames:
            for side in ("right", "left"):
                hip_bottom = frame.points[f"hip_{side}"][1] - fig.RADIUS["hip"]
                assert hip_bottom == pytest.approx(fig.SEAT_HEIGHT, abs=fig.CONTACT_TOLERANCE)

    def test_the_figure_stays_inside_the_view_box(self, exercise):
        scene = fig.build_scene(exercise.figure)
        x0, y0, x1, y1 = fig.scene_bounds(scene)
        vx, vy, vw, vh = scene.view_box
        assert vx <= x0 and x1 <= vx + vw and vy <= y0 and y1 <= vy + vh

    def test_the_svg_animates_and_has_a_still_held_position(self, exercise):
        svg = fig.render_svg(exercise.figure, exercise.name)
        assert svg.count("<animate ") >= 10
        assert 'class="supple-still"' in svg and "prefers-reduced-motion: reduce" in svg
        still = fig.render_svg(exercise.figure, exercise.name, still=True)
        assert "<animate " not in still

    def test_the_left_side_is_the_mirror_image_of_the_right(self, exercise):
        right = fig.render_svg(exercise.figure, "x")
        left = fig.render_svg(exercise.figure, "x", mirrored=True)
        x, _, w, _ = (float(v) for v in re.search(r'viewBox="([^"]+)"', right).group(1).split())
        flip = re.search(r'<g transform="translate\(([-\d.]+) 0\) scale\(-1 1\)">', left)
        assert float(flip.group(1)) == pytest.approx(2 * x + w, abs=0.2)  # reflects about the view's centre
        assert left.replace(flip.group(0), "<g>") == right
