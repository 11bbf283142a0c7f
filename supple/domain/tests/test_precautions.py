import pytest

from supple.domain.precautions import (
    EXCLUSION_CODES,
    excluded_by_conditions,
    pain_direction,
    precaution_advice,
    precaution_rules,
)
from supple.domain.screening import PROCEED, SEE_CLINICIAN
from supple.domain.tests.helpers import exercise, intake, library
from supple.domain.vocabulary import TAGS

# clinical rules, section 3: (intake sections, exclusion code, every tag that row excludes).
ROWS = [
    (
        {"conditions": {"hip_replacement": {"approach": "posterior", "weeks_ago": 10}}},
        "hip_replacement",
        {"hip_flexion_past_90", "hip_adduction_past_midline", "hip_internal_rotation"},
    ),
    (
        {"conditions": {"hip_replacement": {"approach": "lateral", "weeks_ago": 10}}},
        "hip_replacement",
        {"hip_flexion_past_90", "hip_adduction_past_midline", "hip_internal_rotation"},
    ),
    (
        {"conditions": {"hip_replacement": {"weeks_ago": 10}}},  # approach unknown
        "hip_replacement",
        {"hip_flexion_past_90", "hip_adduction_past_midline", "hip_internal_rotation"},
    ),
    (
        {"conditions": {"hip_replacement": {"approach": "anterior", "weeks_ago": 10}}},
        "hip_replacement",
        {"hip_extension_with_external_rotation", "kneeling"},
    ),
    ({"conditions": {"pregnancy_trimester": 2}}, "pregnancy", {"supine", "prone", "abdominal_compression"}),
    ({"conditions": {"pregnancy_trimester": 3}}, "pregnancy", {"supine", "prone", "abdominal_compression"}),
    (
        {"conditions": {"osteoporosis": True}},
        "osteoporosis",
        {"spinal_flexion_end_range", "spinal_rotation_end_range", "loaded_spinal_flexion"},
    ),
    ({"conditions": {"spinal_stenosis": True}}, "spinal_stenosis", {"spinal_extension_end_range"}),
    ({"conditions": {"knee_problem": True}}, "knee_problem", {"kneeling", "deep_knee_flexion"}),
    (
        {"conditions": {"hypermobility": True}},
        "hypermobility",
        {"end_range", "spinal_flexion_end_range", "spinal_extension_end_range", "spinal_rotation_end_range"},
    ),
    ({"preferences": {"can_get_on_floor": False}}, "no_floor", {"floor"}),
    ({"preferences": {"has_chair": False}}, "no_chair", {"needs_chair"}),
    ({"pain": {"worse_with": ["bending_forward"]}}, "flexion_intolerant", {"spinal_flexion_end_range"}),
    ({"pain": {"worse_with": ["sitting"]}}, "flexion_intolerant", {"spinal_flexion_end_range"}),
    ({"pain": {"worse_with": ["standing"]}}, "extension_intolerant", {"spinal_extension_end_range"}),
    ({"pain": {"worse_with": ["walking"]}}, "extension_intolerant", {"spinal_extension_end_range"}),
    ({"pain": {"worse_with": ["bending_backward"]}}, "extension_intolerant", {"spinal_extension_end_range"}),
]


def one_per_tag():
    """A library with one exercise per movement tag (plus a plain one and a gentle one)."""
    exercises = [exercise(f"has-{tag.replace('_', '-')}", [tag]) for tag in TAGS if tag not in ("standing", "gentle")]
    return library(exercise("plain"), exercise("gentle-one", ["gentle"]), *exercises)


def excluded(lib, decision=PROCEED, **sections):
    return {e.exercise: e.because for e in excluded_by_conditions(intake(**sections), decision, lib)}


@pytest.mark.parametrize(("sections", "code", "tags"), ROWS)
def test_a_condition_excludes_every_exercise_carrying_any_of_its_tags_and_no_other(sections, code, tags):
    lib = one_per_tag()
    found = excluded(lib, **sections)
    expected = {f"has-{tag.replace('_', '-')}" for tag in tags}
    assert set(found) == expected
    assert all(found[name] == (code,) for name in expected)


def test_no_condition_excludes_nothing():
    assert excluded(one_per_tag()) == {}


def test_the_first_trimester_excludes_nothing():
    assert excluded(one_per_tag(), conditions={"pregnancy_trimester": 1}) == {}


@pytest.mark.parametrize(
    "hip",
    [
        {"approach": "posterior", "weeks_ago": 26},
        {"approach": "posterior", "weeks_ago": 30},
        {"approach": "posterior", "weeks_ago": 4, "cleared": True},
        {"approach": "anterior", "weeks_ago": 26},
        {"approach": "anterior", "weeks_ago": 2, "cleared": True},
    ],
)
def test_hip_replacement_precautions_end_at_26_weeks_or_when_cleared(hip):
    assert excluded(one_per_tag(), conditions={"hip_replacement": hip}) == {}


def test_hip_replacement_precautions_apply_just_under_26_weeks():
    found = excluded(one_per_tag(), conditions={"hip_replacement": {"approach": "posterior", "weeks_ago": 25.9}})
    assert "has-hip-flexion-past-90" in found


@pytest.mark.parametrize("site", ["hip", "knee", "other"])
def test_a_recent_operation_not_cleared_allows_only_gentle_exercises(site):
    lib = one_per_tag()
    found = excluded(lib, conditions={"recent_surgery": {"site": site, "weeks_ago": 11}})
    assert set(found) == {e.id for e in lib if not e.gentle}
    assert all(codes == ("recent_surgery",) for codes in found.values())
    assert "gentle-one" not in found


def test_an_operation_on_the_spine_not_cleared_excludes_every_exercise_gentle_ones_too():
    lib = one_per_tag()
    found = excluded(lib, conditions={"recent_surgery": {"site": "spine", "weeks_ago": 11}})
    assert set(found) == {e.id for e in lib}
    assert all(codes == ("recent_surgery",) for codes in found.values())


@pytest.mark.parametrize("surgery", [{"weeks_ago": 12}, {"weeks_ago": 2, "cleared": True}])
def test_the_spine_surgery_rule_ends_at_12_weeks_or_when_cleared(surgery):
    assert excluded(one_per_tag(), conditions={"recent_surgery": {"site": "spine", **surgery}}) == {}


@pytest.mark.parametrize("surgery", [{"weeks_ago": 12}, {"weeks_ago": 40}, {"weeks_ago": 2, "cleared": True}])
def test_recent_surgery_rules_end_at_12_weeks_or_when_cleared(surgery):
    assert excluded(one_per_tag(), conditions={"recent_surgery": surgery}) == {}


def test_a_recent_hip_replacement_is_governed_by_its_own_rows_not_the_surgery_row():
    found = excluded(one_per_tag(), conditions={"hip_replacement": {"approach": "posterior", "weeks_ago": 2}})
    assert "plain" not in found
    assert all(codes == ("hip_replacement",) for codes in found.values())


@pytest.mark.parametrize(
    ("sections", "decision"),
    [({"pain": {"intensity": 7}}, PROCEED), ({"pain": {"intensity": 10}}, SEE_CLINICIAN), ({}, SEE_CLINICIAN)],
)
def test_pain_7_or_more_and_see_clinician_allow_only_gentle_exercises(sections, decision):
    lib = one_per_tag()
    found = excluded(lib, decision, **sections)
    assert set(found) == {e.id for e in lib if not e.gentle}
    assert all(codes == ("gentle_only",) for codes in found.values())


def test_pain_of_6_with_proceed_is_not_gentle_only():
    assert excluded(one_per_tag(), PROCEED, pain={"intensity": 6}) == {}


def test_worse_both_ways_excludes_both_end_ranges():
    found = excluded(one_per_tag(), pain={"worse_with": ["sitting", "walking"]})
    assert found == {
        "has-spinal-flexion-end-range": ("flexion_intolerant",),
        "has-spinal-extension-end-range": ("extension_intolerant",),
    }


def test_worse_lying_down_changes_nothing():
    assert excluded(one_per_tag(), pain={"worse_with": ["lying"]}) == {}
    assert pain_direction(intake(pain={"worse_with": ["lying"]})) is None


@pytest.mark.parametrize(
    ("worse_with", "direction"),
    [
        (["sitting"], "flexion_intolerant"),
        (["bending_forward", "lying"], "flexion_intolerant"),
        (["standing", "walking"], "extension_intolerant"),
        (["bending_backward", "bending_forward"], "both"),
        ([], None),
    ],
)
def test_the_direction_of_pain_comes_from_what_makes_it_worse(worse_with, direction):
    assert pain_direction(intake(pain={"worse_with": worse_with})) == direction


def test_an_exercise_excluded_for_several_reasons_lists_every_code_in_documented_order():
    lib = library(exercise("childs", ["kneeling", "spinal_flexion_end_range", "end_range"], position="kneeling"))
    found = excluded(
        lib,
        SEE_CLINICIAN,
        conditions={"knee_problem": True, "hypermobility": True, "osteoporosis": True, "pregnancy_trimester": 2},
        preferences={"can_get_on_floor": False},
        pain={"worse_with": ["sitting"]},
    )
    assert found["childs"] == (
        "osteoporosis",
        "knee_problem",
        "hypermobility",
        "no_floor",
        "flexion_intolerant",
        "gentle_only",
    )
    assert list(found["childs"]) == sorted(found["childs"], key=EXCLUSION_CODES.index)


def test_excluded_exercises_are_listed_in_library_order():
    lib = library(exercise("zeta", ["floor"]), exercise("alpha", ["floor"]), exercise("mid"))
    assert list(excluded(lib, preferences={"can_get_on_floor": False})) == ["zeta", "alpha"]


def test_a_one_sided_exercise_is_excluded_whole():
    lib = library(exercise("one-side", ["hip_internal_rotation"], sides="each"))
    found = excluded_by_conditions(intake(conditions={"hip_replacement": {"weeks_ago": 3}}), PROCEED, lib)
    assert [e.exercise for e in found] == ["one-side"]


def test_every_rule_code_is_a_documented_exclusion_code():
    everything = intake(
        pain={"intensity": 9, "worse_with": ["sitting", "walking"]},
        conditions={
            "hip_replacement": {"weeks_ago": 3},
            "pregnancy_trimester": 2,
            "osteoporosis": True,
            "spinal_stenosis": True,
            "knee_problem": True,
            "hypermobility": True,
            "recent_surgery": {"weeks_ago": 3},
        },
        preferences={"can_get_on_floor": False, "has_chair": False},
    )
    codes = [rule.code for rule in precaution_rules(everything, SEE_CLINICIAN)]
    assert codes == list(EXCLUSION_CODES)


def test_hip_replacement_advice_says_the_surgeons_instructions_govern():
    person = intake(conditions={"hip_replacement": {"approach": "posterior", "weeks_ago": 3}})
    advice = precaution_advice(person, precaution_rules(person, PROCEED))
    assert any("surgeon's instructions come first" in text for text in advice)
    cleared = intake(conditions={"hip_replacement": {"weeks_ago": 3, "cleared": True}})
    assert any("surgeon" in text for text in precaution_advice(cleared, precaution_rules(cleared, PROCEED)))


@pytest.mark.parametrize(
    ("conditions", "words"),
    [
        ({"pregnancy_trimester": 2}, "side-lying, seated and standing"),
        ({"pregnancy_trimester": 1}, "side-lying, seated and standing"),
        ({"osteoporosis": True}, "extension"),
        ({"spinal_stenosis": True}, "bending forward usually eases"),
        ({"knee_problem": True}, "standing and chair versions"),
        ({"hypermobility": True}, "mild tension only"),
        ({"recent_surgery": {"weeks_ago": 2}}, "only gentle exercises"),
        ({"recent_surgery": {"site": "spine", "weeks_ago": 2}}, "no exercises for now"),
        ({"recent_surgery": {"site": "spine", "weeks_ago": 2}}, "surgeon or physiotherapist comes first"),
    ],
)
def test_each_condition_note_is_in_the_advice(conditions, words):
    person = intake(conditions=conditions)
    assert any(words in text for text in precaution_advice(person, precaution_rules(person, PROCEED)))
