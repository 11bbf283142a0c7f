import json

import pytest

from supple.domain.intake import RED_FLAGS
from supple.domain.planning import (
    DESK_BREAK_EVERY_MINUTES,
    FEW_BY_EXCLUSIONS_ADVICE,
    FEW_BY_TIME_ADVICE,
    KEEP_GENTLE_ADVICE,
    NO_DIRECTION_ADVICE,
    STATUS_STOPPED,
    build_plan,
    item_seconds,
    library_index,
    person_causes,
    plan_from_document,
    plan_json,
)
from supple.domain.precautions import SPINE_SURGERY_ADVICE
from supple.domain.screening import EMERGENCY, SEE_CLINICIAN, SEE_CLINICIAN_ADVICE, URGENT
from supple.domain.tests.helpers import exercise, intake, library
from supple.domain.vocabulary import CAUSES

VERSION_1_KEYS = [
    "version",
    "decision",
    "reasons",
    "advice",
    "routine",
    "desk_routine",
    "excluded",
    "schedule",
    "minutes",
]
ITEM_KEYS = [
    "exercise",
    "name",
    "kind",
    "sides",
    "sets",
    "hold_seconds",
    "reps",
    "rest_seconds",
    "tags",
    "targets",
    "why",
    "cautions",
]


def balanced_library():
    """One exercise per main muscle group, a few movements and some desk exercises."""
    return library(
        exercise("hip-flexor", ["desk"], targets=("hip_flexors", "quadriceps"), causes=("sitting_hours", "sport")),
        exercise("figure-four", ["sitting", "desk"], position="sitting", targets=("piriformis", "glutes")),
        exercise("hamstring", ["desk"], targets=("hamstrings",), causes=("sitting_hours", "sport", "general")),
        exercise("knee-hug", ["spinal_flexion"], position="supine", targets=("lower_back",), causes=("general",)),
        exercise(
            "twist", ["spinal_rotation"], position="supine", targets=("trunk_rotators",), causes=("rotational_sport",)
        ),
        exercise(
            "back-bend",
            ["spinal_extension", "desk", "gentle"],
            kind="reps",
            sides="none",
            targets=("lower_back", "abdominals"),
            causes=("pain_direction",),
        ),
        exercise(
            "tilt",
            ["gentle", "spinal_flexion"],
            kind="reps",
            sides="none",
            position="supine",
            targets=("abdominals",),
            causes=("weight_or_posture", "pain_direction"),
        ),
        exercise("calf", ["desk", "gentle"], targets=("calves",), causes=("general",)),
    )


def plan_for(lib=None, **sections):
    return build_plan(intake(**sections), lib or balanced_library())


def ids(items):
    return [item.exercise for item in items]


# --- causes (clinical rules, section 4) --------------------------------------------------


@pytest.mark.parametrize(
    ("lifestyle", "extra", "causes"),
    [
        ({"sitting_hours": 6}, {}, ("sitting_hours",)),
        ({"sitting_hours": 5.9}, {}, ("general",)),
        ({"driving_hours": 1}, {}, ("driving_hours",)),
        ({"driving_hours": 0.9}, {}, ("general",)),
        ({"sports": ["swimming"]}, {}, ("sport",)),
        ({"sports": ["other", "gym"]}, {}, ("sport",)),
        ({"sports": ["tennis"]}, {}, ("rotational_sport",)),
        ({"sports": ["hockey", "cycling"]}, {}, ("sport", "rotational_sport")),
        ({"posture_concern": True}, {}, ("weight_or_posture",)),
        ({}, {"height_cm": 200, "weight_kg": 120}, ("weight_or_posture",)),  # BMI 30.0
        ({}, {"height_cm": 200, "weight_kg": 119}, ("general",)),  # BMI 29.75
        ({}, {"weight_kg": 200}, ("general",)),  # BMI needs height too
        ({}, {}, ("general",)),
        (
            {"sitting_hours": 9, "driving_hours": 1.5, "sports": ["running", "golf"], "posture_concern": True},
            {},
            ("sitting_hours", "driving_hours", "sport", "rotational_sport", "weight_or_posture"),
        ),
    ],
)
def test_causes_come_from_sitting_driving_sport_and_weight_or_posture(lifestyle, extra, causes):
    assert person_causes(intake(lifestyle=lifestyle, **extra)) == causes


def test_every_item_states_the_causes_it_answers():
    plan = plan_for(lifestyle={"sitting_hours": 8})
    hip_flexor = next(item for item in plan.routine if item.exercise == "hip-flexor")
    assert hip_flexor.why == ("sitting_hours",)
    assert all(item.why for item in (*plan.routine, *plan.desk_routine))


def test_why_uses_only_the_documented_cause_codes():
    plan = plan_for(lifestyle={"sitting_hours": 8, "sports": ["golf"]}, pain={"worse_with": ["sitting"]})
    for item in (*plan.routine, *plan.desk_routine):
        assert set(item.why) <= set(CAUSES)


def test_a_stretch_chosen_for_a_causes_muscles_names_that_cause():
    lib = library(
        exercise("quad", targets=("quadriceps",), causes=("weight_or_posture",)),  # written for another cause
        exercise("other", targets=("calves",), causes=("general",)),
        exercise("more", targets=("side_trunk",), causes=("general",)),
    )
    plan = build_plan(intake(lifestyle={"sports": ["running"]}), lib)
    assert dict(zip(ids(plan.routine), (i.why for i in plan.routine), strict=True))["quad"] == ("sport",)


def test_stretches_that_only_fill_a_balanced_set_give_general_as_the_reason():
    lib = library(
        exercise("hip-flexor", targets=("hip_flexors",), causes=("sitting_hours",)),
        exercise("filler-a", targets=("calves",), causes=("general",)),
        exercise("filler-b", targets=("side_trunk",), causes=("general",)),
    )
    plan = build_plan(intake(lifestyle={"sitting_hours": 8}), lib)
    why = {item.exercise: item.why for item in plan.routine}
    assert why == {"hip-flexor": ("sitting_hours",), "filler-a": ("general",), "filler-b": ("general",)}


def test_with_no_cause_the_routine_is_a_balanced_general_set():
    plan = plan_for(preferences={"minutes_per_day": 15})
    targets = {t for item in plan.routine for t in item.targets}
    assert {"hip_flexors", "glutes", "hamstrings", "lower_back"} <= targets | {"piriformis"}
    assert all("general" in item.why for item in plan.routine)


def test_the_routine_covers_the_muscles_each_cause_targets():
    plan = plan_for(lifestyle={"sports": ["golf"]}, preferences={"minutes_per_day": 20})
    targets = {t for item in plan.routine for t in item.targets}
    assert {"trunk_rotators", "glutes"} <= targets


def test_no_stretch_is_repeated_in_a_routine():
    plan = plan_for(lifestyle={"sitting_hours": 9, "sports": ["golf", "running"]}, preferences={"minutes_per_day": 60})
    assert len(ids(plan.routine)) == len(set(ids(plan.routine)))


# --- direction of pain (clinical rules, section 3) -----------------------------------------


def direction_library():
    return library(
        exercise("hip-flexor", targets=("hip_flexors",), causes=("general",)),
        exercise("glute", targets=("glutes",), causes=("general",)),
        exercise("hamstring", targets=("hamstrings",), causes=("general",)),
        exercise("low-back", targets=("lower_back",), causes=("general",)),
        exercise(
            "both-ways", ["spinal_flexion", "spinal_extension"], kind="reps", sides="none", targets=("abdominals",)
        ),
        exercise(
            "extend",
            ["spinal_extension"],
            kind="reps",
            sides="none",
            targets=("abdominals",),
            causes=("pain_direction",),
        ),
        exercise(
            "extend-deep",
            ["spinal_extension", "spinal_extension_end_range", "end_range"],
            kind="reps",
            sides="none",
            targets=("abdominals",),
            causes=("pain_direction",),
        ),
        exercise("flex", ["spinal_flexion"], sides="none", targets=("abdominals",), causes=("pain_direction",)),
        exercise(
            "flex-deep",
            ["spinal_flexion", "spinal_flexion_end_range", "end_range"],
            sides="none",
            targets=("abdominals",),
            causes=("pain_direction",),
        ),
    )


@pytest.mark.parametrize("worse_with", [["sitting"], ["bending_forward"]])
def test_flexion_intolerant_routines_include_a_backward_bending_exercise(worse_with):
    plan = plan_for(direction_library(), pain={"worse_with": worse_with})
    chosen = [item for item in plan.routine if "pain_direction" in item.why]
    assert [item.exercise for item in chosen] == ["extend"]
    assert "flex-deep" not in ids(plan.routine)


@pytest.mark.parametrize("worse_with", [["standing"], ["walking"], ["bending_backward"]])
def test_extension_intolerant_routines_include_a_forward_bending_exercise(worse_with):
    plan = plan_for(direction_library(), pain={"worse_with": worse_with})
    chosen = [item for item in plan.routine if "pain_direction" in item.why]
    assert [item.exercise for item in chosen] == ["flex"]
    assert "extend-deep" not in ids(plan.routine)


def test_the_direction_exercise_is_included_even_when_time_is_short():
    plan = plan_for(direction_library(), pain={"worse_with": ["sitting"]}, preferences={"minutes_per_day": 3})
    assert any("spinal_extension" in item.tags for item in plan.routine)
    assert plan.minutes <= 3


def test_pain_worse_both_ways_prefers_neither_direction():
    plan = plan_for(direction_library(), pain={"worse_with": ["sitting", "walking"]})
    assert not any("pain_direction" in item.why for item in plan.routine)
    assert not {"flex-deep", "extend-deep"} & set(ids(plan.routine))


def test_worse_lying_changes_nothing_in_the_routine():
    assert plan_for(direction_library(), pain={"worse_with": ["lying"]}) == plan_for(direction_library())


def test_the_advice_says_when_no_backward_bending_exercise_is_allowed():
    lib = library(*(e for e in direction_library() if "spinal_extension" not in e.tags))
    plan = plan_for(lib, pain={"worse_with": ["sitting"]})
    assert NO_DIRECTION_ADVICE.format(kind="backward-bending") in plan.advice


# --- length and time (clinical rules, section 4) ----------------------------------------------


def test_a_routine_has_at_least_3_exercises_when_time_allows():
    plan = plan_for(lifestyle={"sitting_hours": 8})
    assert 3 <= len(plan.routine) <= 8


def test_a_routine_never_has_more_than_8_exercises():
    groups = ["hip_flexors", "quadriceps", "glutes", "hamstrings", "lower_back", "abdominals", "trunk_rotators"]
    causes = ["sitting_hours", "driving_hours", "sport", "rotational_sport", "weight_or_posture"]
    lib = library(
        *(
            exercise(f"g-{g.replace('_', '-')}", kind="reps", sides="none", targets=(g,), causes=("general",))
            for g in groups
        ),
        *(
            exercise(f"c-{c.replace('_', '-')}", kind="reps", sides="none", targets=("calves",), causes=(c,))
            for c in causes
        ),
    )
    everything = {"sitting_hours": 9, "driving_hours": 2, "sports": ["running", "golf"], "posture_concern": True}
    plan = build_plan(intake(lifestyle=everything, preferences={"minutes_per_day": 60}), lib)
    assert len(plan.routine) == 8


def test_the_routine_stops_once_nothing_more_is_needed():
    plan = plan_for(lifestyle={"sitting_hours": 8}, preferences={"minutes_per_day": 60})
    assert len(plan.routine) < len(balanced_library())


@pytest.mark.parametrize("minutes", [3, 4, 5, 6, 7, 10, 15, 60])
def test_the_routine_fits_the_minutes_per_day(minutes):
    plan = plan_for(lifestyle={"sitting_hours": 8, "sports": ["golf"]}, preferences={"minutes_per_day": minutes})
    assert sum(item.seconds for item in plan.routine) <= minutes * 60
    assert plan.minutes <= minutes


def test_shorter_exercises_are_chosen_to_reach_3_when_long_ones_would_not_fit():
    lib = library(
        exercise("long-a", targets=("hip_flexors",), causes=("sitting_hours",)),  # 160 s each
        exercise("long-b", targets=("hamstrings",), causes=("sitting_hours",)),
        exercise("short-a", kind="reps", sides="none", targets=("calves",), rest=0),  # 90 s each
        exercise("short-b", kind="reps", sides="none", targets=("side_trunk",), rest=0),
    )
    plan = build_plan(intake(lifestyle={"sitting_hours": 8}, preferences={"minutes_per_day": 6}), lib)
    assert len(plan.routine) == 3
    assert sum(item.seconds for item in plan.routine) <= 360


def test_when_time_leaves_no_room_for_3_the_advice_says_so():
    plan = plan_for(preferences={"minutes_per_day": 3})
    assert len(plan.routine) < 3
    assert FEW_BY_TIME_ADVICE.format(count=len(plan.routine), minutes=3) in plan.advice


def test_when_exclusions_leave_fewer_than_3_the_advice_says_so():
    plan = plan_for(pain={"intensity": 7}, preferences={"can_get_on_floor": False})  # gentle only: back-bend, calf
    assert sorted(ids(plan.routine)) == ["back-bend", "calf"]
    assert FEW_BY_EXCLUSIONS_ADVICE.format(count=2, minutes=10) in plan.advice


def test_a_full_routine_gives_no_shortfall_advice():
    plan = plan_for(lifestyle={"sitting_hours": 8})
    assert not any("leave no room" in text for text in plan.advice)


def test_the_routine_runs_from_standing_down_to_the_floor():
    plan = plan_for(lifestyle={"sitting_hours": 8, "sports": ["golf"]}, preferences={"minutes_per_day": 30})
    positions = [balanced_library().get(item.exercise).position for item in plan.routine]
    order = ["standing", "sitting", "kneeling", "quadruped", "side_lying", "prone", "supine"]
    assert positions == sorted(positions, key=order.index)


# --- dose (clinical rules, section 5) ------------------------------------------------------


@pytest.mark.parametrize(("age", "hold"), [(16, 30), (64, 30), (65, 45), (90, 45)])
def test_holds_are_30_seconds_under_65_and_45_from_65_with_2_repetitions(age, hold):
    plan = plan_for(age=age, lifestyle={"sitting_hours": 8})
    holds = [item for item in plan.routine if item.kind == "hold"]
    assert holds
    assert all(item.hold_seconds == hold and item.sets == 2 and item.reps is None for item in holds)


@pytest.mark.parametrize(
    "sections",
    [
        {"pain": {"intensity": 7}},
        {"pain": {"intensity": 9}, "age": 70},  # see_clinician too
        {"conditions": {"recent_surgery": {"weeks_ago": 2}}},
        {"red_flags": {"chest_pain": None}},  # unanswered: see_clinician
    ],
)
def test_gentle_only_situations_give_only_gentle_exercises_held_15_to_20_seconds(sections):
    lib = balanced_library()
    plan = plan_for(lib, **sections)
    assert plan.gentle_only
    assert plan.routine
    for item in (*plan.routine, *plan.desk_routine):
        assert lib.get(item.exercise).gentle
        if item.kind == "hold":
            assert 15 <= item.hold_seconds <= 20
    assert all(item.sets == 2 for item in plan.routine)


def test_after_spine_surgery_not_cleared_the_plan_has_no_routine_and_says_why():
    lib = balanced_library()
    plan = plan_for(lib, conditions={"recent_surgery": {"site": "spine", "weeks_ago": 6}})
    assert plan.decision == "proceed"
    assert plan.routine == () and plan.desk_routine == () and plan.minutes == 0
    assert {e.exercise for e in plan.excluded} == {e.id for e in lib}
    assert all(e.because == ("recent_surgery",) for e in plan.excluded)
    assert plan.advice[0] == SPINE_SURGERY_ADVICE
    # No advice about a routine that is not there.
    assert not any("Your routine has" in text or text == KEEP_GENTLE_ADVICE for text in plan.advice)


def test_after_spine_surgery_cleared_or_12_weeks_on_the_routine_returns():
    for surgery in ({"site": "spine", "weeks_ago": 12}, {"site": "spine", "weeks_ago": 3, "cleared": True}):
        plan = plan_for(balanced_library(), conditions={"recent_surgery": surgery})
        assert len(plan.routine) >= 3


def test_pain_of_6_with_no_finding_is_not_gentle_only():
    plan = plan_for(pain={"intensity": 6})
    assert not plan.gentle_only
    assert any(item.hold_seconds == 30 for item in plan.routine)


@pytest.mark.parametrize(("sections", "reps"), [({}, 10), ({"pain": {"intensity": 7}}, 8), ({"age": 80}, 10)])
def test_movement_exercises_are_dosed_in_8_to_10_slow_repetitions(sections, reps):
    plan = plan_for(pain={"worse_with": ["sitting"]} | sections.get("pain", {}), age=sections.get("age", 40))
    movements = [item for item in plan.routine if item.kind == "reps"]
    assert movements
    assert all(item.reps == reps and item.hold_seconds is None and 8 <= item.reps <= 10 for item in movements)


def test_one_sided_stretches_give_both_sides_the_same_dose():
    plan = plan_for(lifestyle={"sitting_hours": 8})
    one_sided = [item for item in plan.routine if item.sides == "each"]
    assert one_sided
    for item in one_sided:  # one dose per item, applied to each side (and counted twice in minutes)
        assert item.seconds == item_seconds(
            item.kind, "none", item.sets * 2, item.hold_seconds, item.reps, item.rest_seconds
        )


def test_rest_between_sets_comes_from_the_library():
    lib = library(
        exercise("a", rest=15), exercise("b", targets=("glutes",), rest=5), exercise("c", targets=("lower_back",))
    )
    assert {item.exercise: item.rest_seconds for item in build_plan(intake(), lib).routine} == {
        "a": 15,
        "b": 5,
        "c": 10,
    }


@pytest.mark.parametrize(
    ("kind", "sides", "sets", "hold", "reps", "rest", "seconds"),
    [
        ("hold", "each", 2, 30, None, 10, 2 * 2 * 30 + 3 * 10 + 10),
        ("hold", "none", 2, 30, None, 10, 2 * 30 + 10 + 10),
        ("hold", "each", 1, 45, None, 10, 2 * 45 + 10 + 10),
        ("reps", "none", 2, None, 10, 0, 2 * 10 * 4 + 10),
        ("reps", "each", 2, None, 8, 5, 4 * 8 * 4 + 3 * 5 + 10),
        ("reps", "none", 1, None, 10, 30, 10 * 4 + 10),
    ],
)
def test_the_minutes_formula_is_the_documented_one(kind, sides, sets, hold, reps, rest, seconds):
    assert item_seconds(kind, sides, sets, hold, reps, rest) == seconds


def test_plan_minutes_are_the_sum_of_item_times_in_minutes():
    plan = plan_for(lifestyle={"sitting_hours": 8})
    assert plan.minutes == round(sum(item.seconds for item in plan.routine) / 60, 2)


# --- desk routine ------------------------------------------------------------------


def test_the_desk_routine_uses_only_allowed_desk_exercises_for_2_to_5_minutes():
    lib = balanced_library()
    plan = plan_for(lib, lifestyle={"sitting_hours": 8})
    assert len(plan.desk_routine) >= 2
    assert all(lib.get(item.exercise).desk for item in plan.desk_routine)
    assert 120 <= sum(item.seconds for item in plan.desk_routine) <= 300
    assert 2 <= plan.desk_minutes <= 5


def test_the_desk_routine_is_separate_from_the_daily_minutes():
    plan = plan_for(lifestyle={"sitting_hours": 8}, preferences={"minutes_per_day": 3})
    assert plan.desk_routine
    assert plan.minutes == round(sum(item.seconds for item in plan.routine) / 60, 2)


def test_the_desk_routine_is_empty_when_fewer_than_two_desk_exercises_are_allowed():
    lib = library(
        exercise("desk-chair", ["desk", "needs_chair"], position="sitting"),
        exercise("desk-stand", ["desk"], targets=("glutes",)),
        exercise("floor", position="supine", targets=("lower_back",)),
    )
    assert len(build_plan(intake(), lib).desk_routine) == 2
    plan = build_plan(intake(preferences={"has_chair": False}), lib)
    assert plan.desk_routine == ()
    assert plan.schedule.desk_break_every_minutes is None


def test_a_desk_routine_of_short_movements_gets_a_second_set_to_reach_2_minutes():
    lib = library(
        exercise("a", ["desk"], kind="reps", sides="none", rest=0),  # 1 set: 50 s
        exercise("b", ["desk"], kind="reps", sides="none", targets=("glutes",), rest=0),
    )
    plan = build_plan(intake(), lib)
    assert 120 <= sum(item.seconds for item in plan.desk_routine) <= 300


def test_desk_breaks_come_every_45_to_60_minutes_of_sitting():
    plan = plan_for(lifestyle={"sitting_hours": 8})
    assert 45 <= plan.schedule.desk_break_every_minutes <= 60
    assert plan.schedule.routines_per_day in (1, 2)


# --- decisions ----------------------------------------------------------------------


@pytest.mark.parametrize(("flag", "decision"), [("chest_pain", EMERGENCY), ("cancer_history", URGENT)])
def test_emergency_and_urgent_give_no_routine_no_exclusions_zero_minutes_and_no_schedule(flag, decision):
    plan = plan_for(red_flags={flag: True}, lifestyle={"sitting_hours": 9})
    document = plan.to_document()
    assert document["decision"] == decision
    assert document["routine"] == [] and document["desk_routine"] == [] and document["excluded"] == []
    assert document["minutes"] == 0 and document["schedule"] is None
    assert plan.status == STATUS_STOPPED


def test_see_clinician_gives_a_gentle_routine_with_the_recommendation():
    plan = plan_for(pain={"below_knee": True})
    assert plan.decision == SEE_CLINICIAN
    assert plan.routine and plan.gentle_only
    assert plan.advice[0] == SEE_CLINICIAN_ADVICE


def test_excluded_exercises_are_listed_and_never_prescribed():
    plan = plan_for(preferences={"can_get_on_floor": False}, pain={"worse_with": ["sitting"]})
    excluded = {e.exercise for e in plan.excluded}
    assert excluded == {"knee-hug", "twist", "tilt"}
    assert not excluded & set(ids(plan.routine) + ids(plan.desk_routine))


def test_pregnancy_prefers_side_lying_seated_and_standing_versions():
    lib = library(
        exercise("lying-glute", position="supine", targets=("glutes",)),
        exercise("seated-glute", position="sitting", targets=("glutes",)),
        exercise("hamstring", targets=("hamstrings",)),
        exercise("hip", targets=("hip_flexors",)),
        exercise("back", targets=("lower_back",)),
    )
    assert "lying-glute" in ids(build_plan(intake(), lib).routine)
    first_trimester = build_plan(intake(conditions={"pregnancy_trimester": 1}), lib)
    assert "seated-glute" in ids(first_trimester.routine) and "lying-glute" not in ids(first_trimester.routine)


@pytest.mark.parametrize(
    ("conditions", "preferred"), [({"osteoporosis": True}, "extend"), ({"spinal_stenosis": True}, "flex")]
)
def test_osteoporosis_prefers_extension_and_stenosis_prefers_flexion(conditions, preferred):
    lib = library(
        exercise("flex", ["spinal_flexion"], targets=("lower_back",)),
        exercise("extend", ["spinal_extension"], targets=("lower_back",)),
        exercise("hip", targets=("hip_flexors",)),
        exercise("glute", targets=("glutes",)),
        exercise("hamstring", targets=("hamstrings",)),
    )
    chosen = ids(build_plan(intake(conditions=conditions), lib).routine)
    assert preferred in chosen
    assert ({"flex", "extend"} - {preferred}).isdisjoint(chosen)


# --- the document ---------------------------------------------------------------------


def test_the_plan_document_has_the_version_1_keys_in_order_then_supples_additions():
    document = plan_for(lifestyle={"sitting_hours": 8}).to_document()
    assert list(document)[: len(VERSION_1_KEYS)] == VERSION_1_KEYS
    assert document["version"] == 1
    for item in document["routine"] + document["desk_routine"]:
        assert list(item) == ITEM_KEYS
    assert list(document["schedule"]) == ["routines_per_day", "desk_break_every_minutes"]


def test_the_same_profile_gives_the_same_json_byte_for_byte():
    sections = {"lifestyle": {"sitting_hours": 8, "sports": ["golf"]}, "pain": {"worse_with": ["walking"]}}
    first = plan_json(plan_for(**sections))
    assert first == plan_json(plan_for(**sections))
    assert first.endswith("\n")
    assert json.loads(first) == plan_for(**sections).to_document()


def test_the_json_document_has_the_documented_item_shape():
    document = json.loads(plan_json(plan_for(lifestyle={"sitting_hours": 8})))
    item = document["routine"][0]
    assert item["kind"] in ("hold", "reps") and item["sides"] in ("each", "none")
    assert (item["hold_seconds"] is None) == (item["kind"] == "reps")
    assert (item["reps"] is None) == (item["kind"] == "hold")
    assert document["schedule"]["desk_break_every_minutes"] == DESK_BREAK_EVERY_MINUTES


def test_the_library_index_is_built_once_per_library():
    lib = balanced_library()
    assert library_index(lib) is library_index(lib)
    build_plan(intake(), lib)
    assert library_index(lib) is library_index(lib)
    assert library_index(balanced_library()) is not library_index(lib)


def test_every_red_flag_answered_no_and_nothing_else_proceeds_with_a_routine():
    plan = build_plan(intake(red_flags=dict.fromkeys(RED_FLAGS, False)), balanced_library())
    assert plan.decision == "proceed" and plan.routine


def test_no_desk_routine_when_two_desk_exercises_would_take_more_than_5_minutes():
    lib = library(
        exercise("slow-a", ["desk"], rest=90),  # one set each side: 2 * 30 + 90 + 10 = 160 s
        exercise("slow-b", ["desk"], targets=("glutes",), rest=90),
        exercise("floor", position="supine", targets=("lower_back",)),
    )
    assert build_plan(intake(), lib).desk_routine == ()


@pytest.mark.parametrize(
    "sections",
    [
        {"lifestyle": {"sitting_hours": 8}, "pain": {"worse_with": ["sitting"]}},
        {"red_flags": {"chest_pain": True}},
        {"pain": {"intensity": 8}, "preferences": {"has_chair": False}},
    ],
)
def test_a_plan_read_back_from_its_document_is_the_same_plan(sections):
    plan = plan_for(**sections)
    assert plan_from_document(json.loads(plan_json(plan))) == plan


def test_every_routine_comes_with_stretch_to_mild_tension_never_to_pain():
    assert KEEP_GENTLE_ADVICE in plan_for().advice
    assert KEEP_GENTLE_ADVICE in plan_for(pain={"intensity": 9}).advice
    assert KEEP_GENTLE_ADVICE not in plan_for(red_flags={"chest_pain": True}).advice
