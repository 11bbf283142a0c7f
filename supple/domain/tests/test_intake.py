import dataclasses
import math

import pytest

from supple.domain.intake import (
    DEFAULT_MINUTES,
    RED_FLAGS,
    HipReplacement,
    IntakeError,
    Surgery,
    parse_intake,
)
from supple.domain.tests.helpers import profile

DOCUMENTED_EXAMPLE = {
    "version": 1,
    "age": 46,
    "height_cm": 178,
    "weight_kg": 92,
    "pain": {
        "intensity": 5,
        "weeks": 9,
        "areas": ["low_back", "buttock_left"],
        "below_knee": False,
        "worse_with": ["sitting", "bending_forward"],
    },
    "red_flags": dict.fromkeys(RED_FLAGS, False),
    "inflammatory": {
        "morning_stiffness_30min": False,
        "wakes_second_half_night": False,
        "better_with_movement": False,
        "alternating_buttock_pain": False,
    },
    "conditions": {
        "pregnancy_trimester": 0,
        "hip_replacement": None,
        "knee_problem": False,
        "osteoporosis": False,
        "spinal_stenosis": False,
        "recent_surgery": None,
        "hypermobility": False,
    },
    "lifestyle": {"sitting_hours": 9, "driving_hours": 1.5, "sports": ["running", "golf"], "posture_concern": False},
    "preferences": {"minutes_per_day": 10, "can_get_on_floor": True, "has_chair": True},
}


def problems_of(document: object) -> list[str]:
    with pytest.raises(IntakeError) as caught:
        parse_intake(document)
    return [str(p) for p in caught.value.problems]


def test_the_documented_example_parses():
    intake = parse_intake(DOCUMENTED_EXAMPLE)
    assert intake.age == 46
    assert intake.pain.worse_with == ("sitting", "bending_forward")
    assert intake.lifestyle.sports == ("running", "golf")
    assert intake.preferences.minutes_per_day == 10


def test_a_minimal_profile_gets_every_default():
    intake = parse_intake({"version": 1, "age": 30, "pain": {"intensity": 2, "weeks": 1}})
    assert intake.pain.areas == () and intake.pain.worse_with == () and intake.pain.below_knee is False
    assert all(answer is None for answer in intake.red_flags.answers().values())
    assert intake.inflammatory.count == 0
    assert intake.conditions.pregnancy_trimester == 0
    assert intake.conditions.hip_replacement is None and intake.conditions.recent_surgery is None
    assert intake.lifestyle.sitting_hours == 0 and intake.lifestyle.sports == ()
    assert intake.preferences.minutes_per_day == DEFAULT_MINUTES
    assert intake.preferences.can_get_on_floor is True and intake.preferences.has_chair is True
    assert intake.height_cm is None and intake.bmi is None


def test_the_intake_is_frozen():
    intake = parse_intake(DOCUMENTED_EXAMPLE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        intake.age = 50  # type: ignore[misc]


@pytest.mark.parametrize(
    ("path", "document"),
    [
        ("version", {"age": 30, "pain": {"intensity": 2, "weeks": 1}}),
        ("age", {"version": 1, "pain": {"intensity": 2, "weeks": 1}}),
        ("pain", {"version": 1, "age": 30}),
        ("pain.intensity", {"version": 1, "age": 30, "pain": {"weeks": 1}}),
        ("pain.weeks", {"version": 1, "age": 30, "pain": {"intensity": 1}}),
    ],
)
def test_a_missing_required_field_is_reported_with_its_path(path, document):
    assert any(p.startswith(f"{path}: is required") for p in problems_of(document))


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("pain", "intensity", 11, "pain.intensity: must be between 0 and 10"),
        ("pain", "intensity", -1, "pain.intensity: must be between 0 and 10"),
        ("pain", "weeks", 2601, "pain.weeks: must be between 0 and 2600"),
        ("pain", "weeks", -0.5, "pain.weeks: must be between 0 and 2600"),
        ("lifestyle", "sitting_hours", 25, "lifestyle.sitting_hours: must be between 0 and 24"),
        ("lifestyle", "driving_hours", -1, "lifestyle.driving_hours: must be between 0 and 24"),
        ("conditions", "pregnancy_trimester", 4, "conditions.pregnancy_trimester: must be between 0 and 3"),
        ("preferences", "minutes_per_day", 2, "preferences.minutes_per_day: must be between 3 and 60"),
        ("preferences", "minutes_per_day", 61, "preferences.minutes_per_day: must be between 3 and 60"),
    ],
)
def test_an_out_of_range_value_is_reported_with_its_path(section, key, value, message):
    assert message in problems_of(profile(**{section: {key: value}}))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("age", 111, "age: must be between 16 and 110"),
        ("height_cm", 99, "height_cm: must be between 100 and 250"),
        ("height_cm", 251, "height_cm: must be between 100 and 250"),
        ("weight_kg", 24, "weight_kg: must be between 25 and 350"),
        ("weight_kg", 351, "weight_kg: must be between 25 and 350"),
    ],
)
def test_out_of_range_top_level_values_are_reported(key, value, message):
    assert message in problems_of(profile(**{key: value}))


def test_the_range_limits_themselves_are_accepted():
    intake = parse_intake(
        profile(
            age=110,
            height_cm=100,
            weight_kg=350,
            pain={"intensity": 10, "weeks": 2600},
            lifestyle={"sitting_hours": 24, "driving_hours": 0},
            conditions={"pregnancy_trimester": 3},
            preferences={"minutes_per_day": 60},
        )
    )
    assert intake.pain.intensity == 10 and intake.preferences.minutes_per_day == 60
    assert parse_intake(profile(age=16, preferences={"minutes_per_day": 3})).age == 16


def test_under_16_is_refused_with_a_clear_message():
    (message,) = [p for p in problems_of(profile(age=15)) if p.startswith("age:")]
    assert "at least 16" in message and "adults" in message and "doctor or physiotherapist" in message


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"age": "forty"}, "age: must be a whole number"),
        ({"age": True}, "age: must be a whole number"),
        ({"age": 40.5}, "age: must be a whole number"),
        ({"pain": {"intensity": 4.5}}, "pain.intensity: must be a whole number"),
        ({"pain": {"weeks": "9"}}, "pain.weeks: must be a number"),
        ({"pain": {"weeks": False}}, "pain.weeks: must be a number"),
        ({"pain": {"weeks": math.nan}}, "pain.weeks: must be a number"),
        ({"pain": {"weeks": math.inf}}, "pain.weeks: must be a number"),
        ({"pain": {"below_knee": "no"}}, "pain.below_knee: must be true or false"),
        ({"pain": {"areas": "low_back"}}, "pain.areas: must be a list"),
        ({"red_flags": {"chest_pain": "no"}}, "red_flags.chest_pain: must be true, false or null (not answered)"),
        ({"red_flags": {"chest_pain": 0}}, "red_flags.chest_pain: must be true, false or null (not answered)"),
        ({"red_flags": []}, "red_flags: must be an object"),
        (
            {"inflammatory": {"morning_stiffness_30min": None}},
            "inflammatory.morning_stiffness_30min: must be true or false",
        ),
        ({"conditions": {"knee_problem": 1}}, "conditions.knee_problem: must be true or false"),
        ({"conditions": {"hip_replacement": True}}, "conditions.hip_replacement: must be null or an object"),
        ({"preferences": None}, "preferences: must be an object"),
        ({"preferences": {"has_chair": None}}, "preferences.has_chair: must be true or false"),
        ({"lifestyle": {"sports": [3]}}, "lifestyle.sports[0]: 3 is not allowed"),
    ],
)
def test_a_value_of_the_wrong_type_is_reported_with_its_path(sections, message):
    assert any(p.startswith(message) for p in problems_of(profile(**sections)))


def test_a_document_that_is_not_an_object_is_refused():
    assert problems_of([1, 2]) == ["(profile): must be an object"]


def test_only_version_1_is_accepted():
    assert any(p.startswith("version: must be 1") for p in problems_of(profile(version=2)))
    assert any(p.startswith("version: must be 1") for p in problems_of(profile(version=True)))


@pytest.mark.parametrize(
    ("sections", "path"),
    [
        ({"pain": {"areas": ["low_back", "knee"]}}, "pain.areas[1]"),
        ({"pain": {"worse_with": ["running"]}}, "pain.worse_with[0]"),
        ({"lifestyle": {"sports": ["chess"]}}, "lifestyle.sports[0]"),
        (
            {"conditions": {"hip_replacement": {"approach": "front", "weeks_ago": 3}}},
            "conditions.hip_replacement.approach",
        ),
        ({"conditions": {"recent_surgery": {"site": "eye", "weeks_ago": 3}}}, "conditions.recent_surgery.site"),
    ],
)
def test_an_unknown_enum_value_is_reported_with_the_allowed_values(sections, path):
    (message,) = [p for p in problems_of(profile(**sections)) if p.startswith(path)]
    assert "is not allowed; use one of:" in message


def test_a_value_listed_twice_is_an_error():
    assert "pain.areas[1]: 'low_back' is listed twice" in problems_of(profile(pain={"areas": ["low_back"] * 2}))


@pytest.mark.parametrize(
    ("sections", "path"),
    [
        ({"agee": 40}, "agee"),
        ({"pain": {"intensty": 4}}, "pain.intensty"),
        ({"red_flags": {"saddle_numbnes": False}}, "red_flags.saddle_numbnes"),
        ({"inflammatory": {"morning": True}}, "inflammatory.morning"),
        ({"conditions": {"osteoporosis_": True}}, "conditions.osteoporosis_"),
        ({"conditions": {"hip_replacement": {"weeks_ago": 3, "side": "left"}}}, "conditions.hip_replacement.side"),
        ({"lifestyle": {"smoking": True}}, "lifestyle.smoking"),
        ({"preferences": {"minutes": 10}}, "preferences.minutes"),
    ],
)
def test_an_unknown_key_is_an_error_at_any_depth(sections, path):
    assert any(p.startswith(f"{path}: is not a known field") for p in problems_of(profile(**sections)))


def test_a_misspelt_key_gets_a_suggestion():
    assert "pain.intensty: is not a known field (did you mean 'intensity'?)" in problems_of(
        profile(pain={"intensty": 4})
    )


def test_every_problem_is_reported_at_once():
    found = problems_of(
        profile(age=12, pain={"intensity": 11, "weeks": -1}, lifestyle={"sports": ["chess"]}, colour="blue")
    )
    assert {p.split(":")[0] for p in found} == {"age", "pain.intensity", "pain.weeks", "lifestyle.sports[0]", "colour"}


def test_a_missing_red_flag_is_not_answered_and_null_is_accepted():
    flags = dict.fromkeys(RED_FLAGS, False)
    del flags["chest_pain"]
    flags["fever_or_unwell"] = None
    document = profile()
    document["red_flags"] = flags
    answers = parse_intake(document).red_flags.answers()
    assert answers["chest_pain"] is None and answers["fever_or_unwell"] is None
    assert answers["saddle_numbness"] is False


def test_a_hip_replacement_defaults_to_unknown_approach_not_cleared():
    hip = parse_intake(profile(conditions={"hip_replacement": {"weeks_ago": 8}})).conditions.hip_replacement
    assert hip == HipReplacement(weeks_ago=8, approach="unknown", cleared=False)


def test_an_operation_needs_weeks_ago():
    found = problems_of(profile(conditions={"hip_replacement": {"approach": "posterior"}, "recent_surgery": {}}))
    assert "conditions.hip_replacement.weeks_ago: is required" in found
    assert "conditions.recent_surgery.weeks_ago: is required" in found


def test_recent_surgery_defaults_to_other_site_not_cleared():
    surgery = parse_intake(profile(conditions={"recent_surgery": {"weeks_ago": 3}})).conditions.recent_surgery
    assert surgery == Surgery(weeks_ago=3, site="other", cleared=False)


def test_weeks_ago_cannot_be_negative():
    assert "conditions.recent_surgery.weeks_ago: must be 0 or more" in problems_of(
        profile(conditions={"recent_surgery": {"weeks_ago": -2}})
    )


def test_bmi_is_used_only_when_height_and_weight_are_both_given():
    assert parse_intake(profile(height_cm=180)).bmi is None
    assert parse_intake(profile(weight_kg=90)).bmi is None
    assert parse_intake(profile(height_cm=200, weight_kg=120)).bmi == pytest.approx(30.0)


def test_a_whole_number_written_with_a_decimal_point_is_accepted():
    intake = parse_intake(profile(age=46.0, pain={"intensity": 5.0}))
    assert intake.age == 46 and isinstance(intake.age, int) and intake.pain.intensity == 5


def test_null_height_and_weight_mean_not_given():
    assert parse_intake(profile(height_cm=None, weight_kg=None)).bmi is None
