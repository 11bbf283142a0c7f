"""The kinematic figure: joint angles mean what a physiotherapist means, and every frame is physical."""

import itertools
import math
import re

import pytest

from supple.domain import drawing as dr
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
    assert lying["chest"][1] == pytest.approx(fig.RADIUS["chest"], abs=0.01)  # the chest rests on the floor


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


def _problems(figure: fig.Figure) -> list[str]:
    return [str(p) for p in fig.figure_problems(figure, fig.timeline(figure))]


SITTING = {"hip_right": {"flexion": 90}, "hip_left": {"flexion": 90}, "knee_right": 90, "knee_left": 90}


def test_feet_through_the_floor_on_a_chair_are_a_problem():
    legs_straight_down = {**SITTING, "hip_right": {"flexion": 10}, "knee_right": 0}
    problems = _problems(_figure(SITTING, legs_straight_down, support="chair", props={"chair": {}}))
    assert any("below the floor" in p for p in problems), problems


def test_hips_sliding_off_the_seat_are_a_problem():
    figure = _figure(SITTING, SITTING, support="chair", anchor="toe_left", props={"chair": {}})
    frames = fig.timeline(figure)
    assert fig.figure_problems(figure, frames) == []
    slid = [fig.Frame(f.t, {k: (p[0] + 40 * (i > 3), p[1], p[2]) for k, p in f.points.items()}, f.pose, f.keyframe,
                      f.moving) for i, f in enumerate(frames)]  # fmt: skip
    assert any("slid off the seat" in str(p) for p in fig.figure_problems(figure, slid))


def test_stretched_limbs_would_be_caught_by_the_length_check():
    figure = _figure({}, {"knee_right": 40})
    frames = fig.timeline(figure)
    stretched = [
        fig.Frame(f.t, {**f.points, "ankle_right": (f.points["ankle_right"][0], f.points["ankle_right"][1] - 3, 0)},
                  f.pose, f.keyframe, f.moving)
        for f in frames
    ]  # fmt: skip
    assert any("segment is" in str(p) for p in fig.figure_problems(figure, stretched))


def test_the_anchor_point_does_not_slide_between_frames():
    frames = fig.timeline(_figure({}, {"body": {"pitch": 30}, "hip_right": {"flexion": 30}}, anchor="toe_left"))
    assert len({round(f.points["toe_left"][0], 6) for f in frames}) == 1


def test_the_spine_bends_as_a_curve_across_its_segments():
    pts = fig.solve_pose({"spine": {"flexion": 40}})
    chain = [pts[n] for n in ("pelvis", "lumbar", "waist", "chest", "neck_base")]
    angles = [math.degrees(math.atan2(b[0] - a[0], b[1] - a[1])) for a, b in itertools.pairwise(chain)]
    assert angles == sorted(angles) and angles[-1] == pytest.approx(40)  # each segment leans further forward


def test_the_face_points_where_the_head_faces():
    upright = fig.solve_pose({})
    assert upright["nose"][0] > upright["head"][0] > upright["hair"][0]  # face forward, hair at the back
    lying = fig.solve_pose({"body": {"pitch": -90}})
    assert lying["nose"][1] > lying["head"][1]  # lying on the back, the face looks up


# --- contacts and parts passing through each other --------------------------------------------


KNEELING = {"body": {"pitch": -5}, "spine": {"flexion": 5}, "hip_right": {"flexion": -8}, "knee_right": 88,
            "ankle_right": -50, "hip_left": {"flexion": 88}, "knee_left": 92, "ankle_left": -1}  # fmt: skip


def _with_contacts(poses, contacts, **extra) -> fig.Figure:
    keyframes = [
        {"name": f"k{i}", "pose": p, "contacts": contacts, **({"target": True} if i == len(poses) - 1 else {})}
        for i, p in enumerate(poses)
    ]
    return fig.parse_figure({"keyframes": keyframes, **extra})


def test_a_declared_contact_that_holds_passes():
    assert _problems(_with_contacts([KNEELING, KNEELING], ["knee_right on floor", "heel_left on floor"])) == []


def test_a_contact_that_does_not_hold_is_reported_with_its_distance():
    figure = _with_contacts([{}, {}], ["wrist_right on knee_left"])
    [problem] = _problems(figure)[:1]
    assert "figure.keyframes[0]: at keyframe 'k0'" in problem
    assert "the contact wrist right on knee left does not hold:" in problem and "cm away" in problem


def test_a_contact_with_a_surface_the_figure_does_not_show_is_refused():
    with pytest.raises(fig.FigureError, match="shows no seat"):
        _with_contacts([{}, {}], ["pelvis on seat"])


def test_an_unknown_contact_point_names_the_contact():
    with pytest.raises(fig.FigureError, match=r"keyframes\[0\]\.contacts\[0\]: unknown point 'thumb_right'"):
        _with_contacts([{}, {}], ["thumb_right on floor"])


def test_parts_that_pass_through_each_other_are_reported():
    crossed = {"hip_right": {"flexion": 20, "abduction": -30}, "hip_left": {"flexion": -20, "abduction": -30}}
    problems = _problems(_figure({}, crossed))
    assert any("the thigh right passes" in p and "into the thigh left" in p for p in problems), problems


def test_an_arm_through_the_trunk_is_reported():
    through = {"shoulder_right": {"rotation": -90}, "elbow_right": 120}  # the forearm folded into the belly
    assert any("passes" in p and "trunk" in p for p in _problems(_figure({}, through)))


def test_parts_may_touch_where_a_contact_is_declared():
    knees_together = {"hip_right": {"abduction": -6}, "hip_left": {"abduction": -6}}
    assert any("passes" in p for p in _problems(_figure(knees_together, knees_together)))
    touching = ["knee_right on knee_left", "ankle_right on ankle_left"]
    assert not any("passes" in p for p in _problems(_with_contacts([knees_together] * 2, touching)))


# --- the view: framing, visible movement -------------------------------------------------------


def _view(figure: fig.Figure) -> dr.View:
    return dr.view_of(figure, fig.timeline(figure))


def test_the_view_box_fits_the_whole_animation_with_a_margin():
    view = _view(_figure({}, {"shoulder_right": {"flexion": 180}}))
    x0, y0, x1, y1 = dr.body_bounds(view.frames, view.camera)
    vx, vy, vw, vh = view.view_box
    assert vx < x0 and x1 < vx + vw and vy < y0 and y1 < vy + vh
    assert dr.span(view) >= dr.MIN_SPAN


def test_a_figure_that_fills_too_little_of_its_view_is_reported():
    figure = _figure({}, {"shoulder_right": {"flexion": 180}}, highlight=["arm_right"])
    view = _view(figure)
    x, y, w, h = view.view_box
    wide = dr.View(view.figure, view.frames, view.camera, (x - w, y, 3 * w, h))
    assert dr.span(wide) < dr.MIN_SPAN


def test_a_worked_part_that_does_not_move_on_screen_is_reported():
    # The raised arm swings from pointing forward to pointing sideways: seen along that swing
    # (from 45 degrees behind the left side) it hardly moves on screen; seen from elsewhere it does.
    forward, sideways = {"shoulder_right": {"flexion": 90}}, {"shoulder_right": {"flexion": 90, "abduction": 90}}
    along = _figure(forward, sideways, highlight=["arm_right"], view={"azimuth": -45})
    problems = [str(p) for p in dr.drawing_problems(along, fig.timeline(along))]
    assert any("the worked part moves 0% of the figure's height" in p for p in problems), problems
    across = _figure(forward, sideways, highlight=["arm_right"], view={"azimuth": -30})
    assert not any("the worked part moves" in str(p) for p in dr.drawing_problems(across, fig.timeline(across)))


def test_start_and_held_stills_that_look_the_same_are_reported():
    nearly = _figure({}, {"neck": 4}, highlight=["head"])
    problems = [str(p) for p in dr.drawing_problems(nearly, fig.timeline(nearly))]
    assert any("look nearly the same" in p for p in problems), problems


def test_a_figure_must_name_its_worked_part():
    figure = _figure({}, {"shoulder_right": {"flexion": 90}})
    assert any("name the worked part" in str(p) for p in dr.drawing_problems(figure, fig.timeline(figure)))


# --- drawing ------------------------------------------------------------------------------


def test_near_and_far_colours_follow_depth_not_the_side_of_the_body():
    camera = dr.Camera.at(0, 0)  # looking at the person's right side
    standing = fig.Frame(0, fig.place(fig.solve_pose({}), "floor"))
    turned = fig.Frame(0, fig.place(fig.solve_pose({"body": {"turn": 180}}), "floor"))
    assert dr._roles(standing, camera)["leg_right"] == "near"
    assert dr._roles(turned, camera)["leg_right"] == "far"


def test_the_drawing_order_changes_when_a_limb_passes_behind_another():
    # The right arm swings from beside the body (near the camera) to across the far side.
    figure = _figure(
        {}, {"shoulder_right": {"flexion": 90, "abduction": -30}, "elbow_right": 90}, highlight=["arm_right"]
    )
    runs = dr.spans(fig.timeline(figure), dr.Camera.at(figure.view_azimuth, figure.view_elevation))
    assert len(runs) >= 2


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
class TestEveryLibraryFigure:
    def test_every_check_holds(self, exercise):
        frames = fig.timeline(exercise.figure)
        assert fig.figure_problems(exercise.figure, frames) == []
        assert dr.drawing_problems(exercise.figure, frames) == []

    def test_the_svg_animates_and_has_a_still_held_position_with_a_ghost(self, exercise):
        svg = dr.render_svg(_view(exercise.figure), exercise.name)
        assert svg.count("<animate ") >= 10
        assert 'class="supple-still"' in svg and "prefers-reduced-motion: reduce" in svg
        assert 'class="ghost"' in svg
        still = dr.render_still(_view(exercise.figure), exercise.name)
        assert "<animate " not in still and 'class="ghost"' in still and 'class="arrow"' in still

    def test_the_left_side_is_the_mirror_image_of_the_right(self, exercise):
        view = _view(exercise.figure)
        right, left = dr.render_svg(view, "x"), dr.render_svg(view, "x", mirrored=True)
        x, _, w, _ = (float(v) for v in re.search(r'viewBox="([^"]+)"', right).group(1).split())
        flip = re.search(r'<g transform="translate\(([-\d.]+) 0\) scale\(-1 1\)">', left)
        assert float(flip.group(1)) == pytest.approx(2 * x + w, abs=0.2)  # reflects about the view's centre
        assert left.replace(flip.group(0), "<g>") == right
