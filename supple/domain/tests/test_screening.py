import pytest

from supple.domain.intake import RED_FLAGS, parse_intake
from supple.domain.screening import (
    EMERGENCY,
    EMERGENCY_ADVICE,
    KEEP_MOVING_ADVICE,
    LONG_PAIN_ADVICE,
    PROCEED,
    REASON_ADVICE,
    REASON_DECISION,
    RED_FLAG_TABLE,
    SEE_CLINICIAN,
    SEE_CLINICIAN_ADVICE,
    URGENT,
    URGENT_SAME_DAY_ADVICE,
    URGENT_WITHIN_DAYS_ADVICE,
    rescreen,
    screen_intake,
)
from supple.domain.tests.helpers import intake, profile

# The reason each red flag gives, and its decision (clinical rules, section 2; docs/plan-format.md `reasons`).
FLAG_TABLE = [
    ("saddle_numbness", "cauda_equina", EMERGENCY),
    ("bladder_or_bowel_change", "cauda_equina", EMERGENCY),
    ("sexual_function_loss", "cauda_equina", EMERGENCY),
    ("both_legs", "cauda_equina", EMERGENCY),
    ("major_trauma", "major_trauma", EMERGENCY),
    ("chest_pain", "chest_pain", EMERGENCY),
    ("worsening_weakness", "progressive_neuro", URGENT),
    ("fever_or_unwell", "infection_risk", URGENT),
    ("immunosuppressed", "infection_risk", URGENT),
    ("cancer_history", "cancer_history", URGENT),
    ("weight_loss", "weight_loss", URGENT),
    ("constant_night_pain", "night_pain", URGENT),
    ("minor_trauma_with_fragile_bones", "fragility_fracture", URGENT),
]


def screen(**sections):
    return screen_intake(intake(**sections))


def test_no_finding_means_proceed_with_no_reasons():
    result = screen(pain={"intensity": 3, "weeks": 4})
    assert result.decision == PROCEED
    assert result.reasons == ()
    assert result.advice == (KEEP_MOVING_ADVICE,)


@pytest.mark.parametrize(("flag", "reason", "decision"), FLAG_TABLE)
def test_each_red_flag_gives_its_reason_and_decision(flag, reason, decision):
    result = screen(red_flags={flag: True})
    assert result.reasons == (reason,)
    assert result.decision == decision


def test_every_red_flag_of_the_intake_is_in_the_table():
    assert {row[0] for row in FLAG_TABLE} | {"pregnancy_warning_signs"} == set(RED_FLAGS)


def test_every_red_flag_is_worded_once_in_the_intakes_order():
    assert tuple(RED_FLAG_TABLE) == RED_FLAGS
    for flag in RED_FLAG_TABLE.values():
        assert REASON_DECISION[flag.reason] in (EMERGENCY, URGENT)
        assert flag.summary and flag.question.endswith("?") and flag.why


def test_the_morning_check_in_asks_every_red_flag_but_the_facts_of_the_intake():
    not_daily = {name for name, flag in RED_FLAG_TABLE.items() if flag.checkin is None}
    assert not_daily == {"immunosuppressed", "cancer_history"}


def test_pregnancy_warning_signs_are_urgent_during_pregnancy():
    for trimester in (1, 2, 3):
        result = screen(red_flags={"pregnancy_warning_signs": True}, conditions={"pregnancy_trimester": trimester})
        assert result.reasons == ("pregnancy_warning",)
        assert result.decision == URGENT


def test_the_pregnancy_warning_question_is_ignored_when_not_pregnant():
    assert screen(red_flags={"pregnancy_warning_signs": True}).decision == PROCEED
    assert screen(red_flags={"pregnancy_warning_signs": None}).decision == PROCEED
    document = profile()
    del document["red_flags"]["pregnancy_warning_signs"]
    assert screen_intake(parse_intake(document)).reasons == ()


def test_an_unanswered_pregnancy_warning_question_counts_during_pregnancy():
    result = screen(red_flags={"pregnancy_warning_signs": None}, conditions={"pregnancy_trimester": 2})
    assert result.reasons == ("unanswered_red_flags",)
    assert result.decision == SEE_CLINICIAN


@pytest.mark.parametrize("flag", [name for name in RED_FLAGS if name != "pregnancy_warning_signs"])
def test_an_unanswered_red_flag_is_never_a_no(flag):
    result = screen(red_flags={flag: None})
    assert result.decision == SEE_CLINICIAN
    assert result.reasons == ("unanswered_red_flags",)


def test_a_missing_red_flag_counts_as_unanswered():
    document = profile()
    del document["red_flags"]["chest_pain"]
    result = screen_intake(parse_intake(document))
    assert result.decision == SEE_CLINICIAN and result.reasons == ("unanswered_red_flags",)


def test_no_red_flags_section_at_all_is_at_least_see_clinician():
    result = screen_intake(parse_intake({"version": 1, "age": 30, "pain": {"intensity": 1, "weeks": 10}}))
    assert result.decision == SEE_CLINICIAN
    assert "unanswered_red_flags" in result.reasons


def test_unanswered_flags_are_named_in_the_advice_so_they_can_be_asked_again():
    result = screen(red_flags={"chest_pain": None, "weight_loss": None})
    text = next(a for a in result.advice if "not answered" in a)
    assert "chest pain" in text and "unexplained weight loss" in text


def test_unanswered_flags_do_not_hide_a_yes():
    result = screen(red_flags={"chest_pain": True, "weight_loss": None})
    assert result.decision == EMERGENCY
    assert result.reasons == ("chest_pain", "unanswered_red_flags")


@pytest.mark.parametrize(
    ("age", "weeks", "found"),
    [
        (19, 5, True),
        (20, 5, False),
        (50, 5, False),
        (51, 5, True),
        (19, 6, False),
        (51, 6, False),
        (70, 0, True),
        (51, 5.9, True),
    ],
)
def test_new_pain_under_20_or_over_50_needs_a_check(age, weeks, found):
    result = screen(age=age, pain={"weeks": weeks})
    assert ("age_onset" in result.reasons) is found
    assert (result.decision == SEE_CLINICIAN) is found


def inflammatory(count):
    names = ["morning_stiffness_30min", "wakes_second_half_night", "better_with_movement", "alternating_buttock_pain"]
    return {name: i < count for i, name in enumerate(names)}


@pytest.mark.parametrize(
    ("age", "weeks", "signs", "found"),
    [
        (30, 13, 2, True),
        (30, 12, 2, False),  # must have lasted more than 12 weeks
        (30, 13, 1, False),  # at least two signs
        (30, 13, 4, True),
        (45, 13, 2, True),  # onset 45 - 13/52 = 44.75, before 45
        (45, 0, 2, False),
        (46, 52, 2, False),  # onset at 45 exactly is not before 45
        (47, 105, 2, True),  # onset 47 - 105/52 = 44.98
    ],
)
def test_an_inflammatory_pattern_needs_early_onset_long_duration_and_two_signs(age, weeks, signs, found):
    result = screen(age=age, pain={"weeks": weeks}, inflammatory=inflammatory(signs))
    assert ("inflammatory_pattern" in result.reasons) is found
    if found:
        assert result.decision == SEE_CLINICIAN


@pytest.mark.parametrize(("intensity", "found"), [(7, False), (8, True), (10, True)])
def test_pain_of_8_or_more_is_severe(intensity, found):
    result = screen(pain={"intensity": intensity})
    assert ("severe_pain" in result.reasons) is found
    assert (result.decision == SEE_CLINICIAN) is found


@pytest.mark.parametrize(
    "pain",
    [{"below_knee": True}, {"areas": ["below_knee_left"]}, {"areas": ["low_back", "below_knee_right"]}],
)
def test_pain_below_the_knee_needs_a_check(pain):
    result = screen(pain=pain)
    assert result.reasons == ("below_knee",)
    assert result.decision == SEE_CLINICIAN


def test_thigh_pain_is_not_below_the_knee():
    assert screen(pain={"areas": ["thigh_left", "buttock_right"]}).decision == PROCEED


def test_emergency_outranks_urgent_which_outranks_see_clinician():
    assert screen(red_flags={"chest_pain": True, "cancer_history": True}, pain={"intensity": 9}).decision == EMERGENCY
    assert screen(red_flags={"cancer_history": True}, pain={"intensity": 9}).decision == URGENT
    assert screen(pain={"intensity": 9}).decision == SEE_CLINICIAN


def test_every_reason_found_is_listed_in_the_documented_order():
    result = screen(
        age=60,
        pain={"intensity": 9, "weeks": 1, "below_knee": True},
        red_flags={"chest_pain": True, "saddle_numbness": True, "weight_loss": True, "fever_or_unwell": None},
    )
    assert result.reasons == (
        "cauda_equina",
        "chest_pain",
        "weight_loss",
        "age_onset",
        "severe_pain",
        "below_knee",
        "unanswered_red_flags",
    )


def test_a_reason_given_by_two_flags_is_listed_once():
    assert screen(red_flags={"saddle_numbness": True, "both_legs": True}).reasons == ("cauda_equina",)


def test_every_reason_has_human_advice():
    assert set(REASON_ADVICE) == set(REASON_DECISION)
    result = screen(red_flags={"chest_pain": True, "cancer_history": True}, pain={"intensity": 9})
    for code in result.reasons:
        assert REASON_ADVICE[code] in result.advice


def test_emergency_advice_comes_first_and_says_to_get_emergency_care():
    result = screen(red_flags={"major_trauma": True})
    assert result.advice[0] == EMERGENCY_ADVICE
    assert "emergency number" in result.advice[0] and "emergency department" in result.advice[0]
    assert KEEP_MOVING_ADVICE not in result.advice


def test_urgent_means_the_same_day():
    assert screen(red_flags={"fever_or_unwell": True}).advice[0] == URGENT_SAME_DAY_ADVICE


def test_cancer_history_or_weight_loss_alone_allow_a_few_days():
    assert screen(red_flags={"cancer_history": True}).advice[0] == URGENT_WITHIN_DAYS_ADVICE
    assert screen(red_flags={"cancer_history": True, "weight_loss": True}).advice[0] == URGENT_WITHIN_DAYS_ADVICE


def test_cancer_history_with_another_flag_means_the_same_day():
    result = screen(red_flags={"cancer_history": True, "constant_night_pain": True})
    assert result.advice[0] == URGENT_SAME_DAY_ADVICE
    assert screen(red_flags={"weight_loss": True}, pain={"intensity": 9}).advice[0] == URGENT_SAME_DAY_ADVICE


def test_see_clinician_advice_recommends_booking_a_clinician_and_gives_the_reason():
    result = screen(pain={"intensity": 8})
    assert result.advice[0] == SEE_CLINICIAN_ADVICE
    assert REASON_ADVICE["severe_pain"] in result.advice


def test_long_lasting_pain_is_advice_not_a_change_of_decision():
    result = screen(pain={"weeks": 7})
    assert result.decision == PROCEED
    assert result.reasons == ()
    assert LONG_PAIN_ADVICE in result.advice
    assert LONG_PAIN_ADVICE not in screen(pain={"weeks": 6}).advice


def test_screening_again_ranks_the_reported_flags_with_the_earlier_reasons():
    result = rescreen(["cancer_history"], earlier=("below_knee",))
    assert result.decision == URGENT and result.reasons == ("cancer_history", "below_knee")
    assert result.advice[0] == URGENT_SAME_DAY_ADVICE  # below_knee is not a within-days reason
    assert result.advice[1:] == (REASON_ADVICE["cancer_history"], REASON_ADVICE["below_knee"])


@pytest.mark.parametrize(("flag", "reason", "decision"), FLAG_TABLE)
def test_every_reported_red_flag_stops_the_program(flag, reason, decision):
    result = rescreen([flag])
    assert result.decision == decision and result.reasons == (reason,)


def test_screening_again_leaves_out_the_sentence_about_unanswered_questions():
    result = rescreen(["chest_pain"], earlier=("unanswered_red_flags",))
    assert result.reasons == ("chest_pain", "unanswered_red_flags")
    assert result.advice == (EMERGENCY_ADVICE, REASON_ADVICE["chest_pain"])
