import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from supple.domain.planning import STATUS_STOPPED, build_plan, minutes_of, plan_from_document, plan_json
from supple.domain.response import (
    CONTINUE,
    EASE_OFF,
    FLARE_CLINICIAN_ADVICE,
    NEURO_STOP_ADVICE,
    NO_PROGRESS_CLINICIAN_ADVICE,
    SPREAD_CLINICIAN_ADVICE,
    STOP_EXERCISE,
    CheckIn,
    ExerciseResponse,
    PainHistory,
    Session,
    adapt_after_session,
    hold_action,
    is_flare,
    meaningful_improvement,
)
from supple.domain.screening import EMERGENCY, URGENT
from supple.domain.tests.helpers import exercise, intake, library

DAY = date(2025, 3, 3)


def lib():
    return library(
        exercise("hip", ["desk"], targets=("hip_flexors",), causes=("sitting_hours",)),
        exercise("glute", ["desk"], position="sitting", targets=("glutes",), causes=("sitting_hours",)),
        exercise("hamstring", ["desk"], targets=("hamstrings",), causes=("sitting_hours",)),
        exercise("roll", ["gentle"], kind="reps", sides="none", position="supine", targets=("lower_back",)),
        exercise("spare", targets=("calves",)),
    )


def start_plan(**sections):
    return build_plan(intake(lifestyle={"sitting_hours": 8}, **sections), lib())


def mornings(pains, start=DAY):
    return tuple(CheckIn(start + timedelta(days=i), pain) for i, pain in enumerate(pains))


def adapt(plan, baseline=5, sessions=(), checkins=()):
    return adapt_after_session(plan, PainHistory(baseline, tuple(sessions), tuple(checkins)))


def codes(adaptation):
    return [change.code for change in adaptation.changes]


# --- during a hold ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pain", "eased_off", "action"),
    [(5, False, CONTINUE), (6, False, EASE_OFF), (9, False, EASE_OFF), (6, True, STOP_EXERCISE), (5, True, CONTINUE)],
)
def test_pain_above_5_during_a_hold_means_ease_off_then_stop_that_exercise(pain, eased_off, action):
    assert hold_action(pain, eased_off) == action


def test_pain_above_5_during_a_hold_is_logged_with_the_advice_to_ease_off():
    session = Session(DAY, 4, 4, (ExerciseResponse("hip", peak_pain=7, stopped=True),))
    result = adapt(start_plan(), sessions=[session])
    (change,) = [c for c in result.changes if c.code == "hold_pain_logged"]
    assert change.exercise == "hip" and "7/10" in change.reason and "ease off" in change.reason.lower()
    assert result.plan == start_plan()  # logged only: the plan is unchanged


def test_pain_of_5_during_a_hold_is_not_logged():
    session = Session(DAY, 4, 4, (ExerciseResponse("hip", peak_pain=5),))
    assert adapt(start_plan(), sessions=[session]).changes == ()


# --- spreading symptoms --------------------------------------------------------------


def test_an_exercise_after_which_symptoms_spread_is_removed_with_the_reason():
    plan = start_plan()
    session = Session(DAY, 3, 4, (ExerciseResponse("glute", spread=True),))
    result = adapt(plan, sessions=[session])
    assert "glute" not in [i.exercise for i in (*result.plan.routine, *result.plan.desk_routine)]
    (change,) = [c for c in result.changes if c.code == "exercise_removed"]
    assert change.exercise == "glute" and "spread down your leg" in change.reason
    assert [(e.exercise, e.because) for e in result.plan.removed] == [("glute", ("symptoms_spread",))]
    assert result.plan.minutes == minutes_of(result.plan.routine)
    assert SPREAD_CLINICIAN_ADVICE not in result.plan.advice


def test_symptoms_spreading_again_recommends_a_clinician():
    first = Session(DAY, 3, 4, (ExerciseResponse("glute", spread=True),))
    again = Session(DAY + timedelta(days=2), 3, 4, (ExerciseResponse("hip", spread=True),))
    result = adapt(start_plan(), sessions=[first, again])
    assert SPREAD_CLINICIAN_ADVICE in result.plan.advice
    assert "clinician_spread" in codes(result)
    assert result.see_clinician


def test_symptoms_spreading_again_the_same_day_recommends_a_clinician():
    # Two sessions on one day, each stopped for symptoms spreading down the leg: it happened again.
    first = Session(DAY, 3, 4, (ExerciseResponse("glute", spread=True),))
    again = Session(DAY, 4, 5, (ExerciseResponse("hip", spread=True),))
    result = adapt(start_plan(), sessions=[first, again])
    assert SPREAD_CLINICIAN_ADVICE in result.plan.advice
    assert "clinician_spread" in codes(result)


def test_removal_happens_once_however_often_the_plan_is_adapted():
    session = Session(DAY, 3, 4, (ExerciseResponse("glute", spread=True),))
    once = adapt(start_plan(), sessions=[session]).plan
    twice = adapt(once, sessions=[session])
    assert twice.plan == once
    assert twice.changes == ()


# --- new neurological symptoms and red flags ----------------------------------------


@pytest.mark.parametrize("symptom", ["new_numbness", "pins_and_needles", "weakness", "spreading_leg_symptoms"])
def test_new_numbness_pins_and_needles_or_weakness_stops_the_program(symptom):
    result = adapt(start_plan(), checkins=[CheckIn(DAY, 4, frozenset({symptom}))])
    plan = result.plan
    assert plan.status == STATUS_STOPPED
    assert plan.routine == () and plan.desk_routine == () and plan.minutes == 0 and plan.schedule is None
    assert plan.advice[0] == NEURO_STOP_ADVICE and "safety questions again" in NEURO_STOP_ADVICE
    assert codes(result) == ["program_stopped"]


@pytest.mark.parametrize(
    ("flag", "decision", "reason"),
    [
        ("saddle_numbness", EMERGENCY, "cauda_equina"),
        ("chest_pain", EMERGENCY, "chest_pain"),
        ("worsening_weakness", URGENT, "progressive_neuro"),
        ("fever_or_unwell", URGENT, "infection_risk"),
    ],
)
def test_a_red_flag_reported_at_any_time_reruns_screening_and_stops_the_program(flag, decision, reason):
    session = Session(DAY, 3, 3, symptoms=frozenset({flag}))
    result = adapt(start_plan(), sessions=[session])
    plan = result.plan
    assert plan.decision == decision and reason in plan.reasons
    assert plan.routine == () and plan.desk_routine == () and plan.excluded == ()
    assert plan.minutes == 0 and plan.schedule is None and plan.status == STATUS_STOPPED
    assert codes(result) == ["rescreened"]


def test_a_stopped_plan_stays_stopped():
    stopped = adapt(start_plan(), checkins=[CheckIn(DAY, 4, frozenset({"weakness"}))]).plan
    later = adapt(stopped, checkins=[CheckIn(DAY, 4, frozenset({"weakness"})), CheckIn(DAY + timedelta(days=1), 2)])
    assert later.plan == stopped and later.changes == ()


def test_symptoms_from_an_earlier_day_do_not_stop_a_new_plan():
    history = [CheckIn(DAY, 4, frozenset({"pins_and_needles"})), CheckIn(DAY + timedelta(days=1), 4)]
    assert adapt(start_plan(), checkins=history).plan.status != STATUS_STOPPED


# --- next-morning pain ---------------------------------------------------------------


@pytest.mark.parametrize(("baseline", "pain", "flare"), [(4, 6, True), (4, 5, False), (0, 2, True), (8, 10, True)])
def test_a_flare_is_next_morning_pain_2_or_more_above_baseline(baseline, pain, flare):
    assert is_flare(baseline, pain) is flare


def test_a_flare_reduces_the_next_sessions_with_shorter_holds_and_fewer_repetitions():
    plan = start_plan()
    result = adapt(plan, baseline=4, checkins=mornings([6]))
    assert codes(result) == ["dose_reduced"]
    for before, after in zip(plan.routine, result.plan.routine, strict=True):
        if before.kind == "hold":
            assert after.hold_seconds < before.hold_seconds
        else:
            assert after.reps < before.reps
        assert after.sets <= before.sets
    assert result.plan.minutes < plan.minutes
    assert result.plan.dose_level == -1 and result.plan.dose_changed_on == DAY.isoformat()


def test_a_flare_is_answered_once_however_often_the_plan_is_adapted():
    once = adapt(start_plan(), baseline=4, checkins=mornings([6])).plan
    again = adapt(once, baseline=4, checkins=mornings([6]))
    assert again.plan == once


def test_reduced_doses_never_go_below_15_seconds_6_repetitions_and_1_set():
    plan = start_plan()
    pains = [9] * 10
    for day in range(10):
        plan = adapt(plan, baseline=3, checkins=mornings(pains[: day + 1])).plan
    for item in plan.routine:
        assert item.sets >= 1
        assert item.hold_seconds is None or item.hold_seconds >= 15
        assert item.reps is None or item.reps >= 6


def test_flares_on_3_of_7_days_recommend_a_clinician():
    result = adapt(start_plan(), baseline=3, checkins=mornings([5, 3, 3, 6, 3, 3, 5]))
    assert FLARE_CLINICIAN_ADVICE in result.plan.advice
    assert "clinician_flares" in codes(result)


def test_flares_on_2_of_7_days_do_not_recommend_a_clinician():
    result = adapt(start_plan(), baseline=3, checkins=mornings([5, 3, 3, 3, 3, 3, 5]))
    assert FLARE_CLINICIAN_ADVICE not in result.plan.advice


def test_flares_more_than_7_days_apart_do_not_count_together():
    result = adapt(start_plan(), baseline=3, checkins=mornings([5, 5, 3, 3, 3, 3, 3, 3, 5]))
    assert FLARE_CLINICIAN_ADVICE not in result.plan.advice


# --- improvement and progression -------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "pain", "meaningful"),
    [
        (6, 4, True),
        (6, 5, False),
        (3, 1, True),
        (3, 2, False),
        (10, 7, True),
        (10, 8, False),
        (0, 0, False),
        (7, 4.9, True),  # exactly 30% of 7, although 7 - 4.9 is 2.0999... in binary
        (7, 4.95, False),
    ],
)
def test_a_meaningful_improvement_is_2_points_and_30_percent_whichever_is_larger(baseline, pain, meaningful):
    assert meaningful_improvement(baseline, pain) is meaningful


def test_a_meaningful_improvement_is_shown():
    result = adapt(start_plan(), baseline=6, checkins=mornings([4]))
    (change,) = result.changes
    assert change.code == "improvement" and "4/10" in change.reason and "6/10" in change.reason
    assert result.plan == start_plan()


def test_two_weeks_stable_or_better_progress_the_holds_up_to_60_seconds():
    plan = start_plan()
    result = adapt(plan, baseline=6, checkins=mornings([6, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]))
    assert "dose_progressed" in codes(result)
    holds = [(b, a) for b, a in zip(plan.routine, result.plan.routine, strict=True) if b.kind == "hold"]
    assert holds and all(a.hold_seconds == min(60, b.hold_seconds + 15) for b, a in holds)
    assert result.plan.dose_level == 1


def test_less_than_two_weeks_of_check_ins_does_not_progress():
    result = adapt(start_plan(), baseline=6, checkins=mornings([4] * 13))
    assert "dose_progressed" not in codes(result)


def test_a_worse_morning_within_the_two_weeks_does_not_progress():
    result = adapt(start_plan(), baseline=6, checkins=mornings([4] * 6 + [7] + [4] * 7))
    assert "dose_progressed" not in codes(result)


def test_progression_waits_two_weeks_after_the_last_dose_change():
    pains = [4] * 14
    once = adapt(start_plan(), baseline=6, checkins=mornings(pains)).plan
    next_day = adapt(once, baseline=6, checkins=mornings([*pains, 4]))
    assert "dose_progressed" not in codes(next_day)
    two_weeks_on = adapt(once, baseline=6, checkins=mornings(pains + [4] * 14))
    assert "dose_progressed" in codes(two_weeks_on)


def test_progression_stops_at_60_second_holds_and_4_repetitions():
    plan = start_plan()
    pains = [2] * 14
    for step in range(1, 12):
        plan = adapt(plan, baseline=6, checkins=mornings(pains * step)).plan
    holds = [item for item in plan.routine if item.kind == "hold"]
    assert all(item.hold_seconds == 60 and item.sets == 4 for item in holds)


def test_a_gentle_only_plan_does_not_progress_on_its_own():
    plan = start_plan(pain={"intensity": 7})
    assert plan.gentle_only
    result = adapt(plan, baseline=7, checkins=mornings([4] * 14))
    assert "progress_needs_review" in codes(result)
    assert result.plan.routine == plan.routine


# --- six weeks of regular use ------------------------------------------------------


def regular_sessions(days=43, every=2):
    return [Session(DAY + timedelta(days=d), 5, 5) for d in range(0, days, every)]


def test_no_meaningful_improvement_after_6_weeks_of_regular_use_recommends_a_clinician_with_the_chart():
    checkins = mornings([5] * 43)
    result = adapt(start_plan(), baseline=5, sessions=regular_sessions(), checkins=checkins)
    assert NO_PROGRESS_CLINICIAN_ADVICE in result.plan.advice and "chart" in NO_PROGRESS_CLINICIAN_ADVICE
    assert "clinician_no_progress" in codes(result)


def test_a_meaningful_improvement_by_6_weeks_needs_no_clinician():
    checkins = mornings([5] * 36 + [3] * 7)
    result = adapt(start_plan(), baseline=5, sessions=regular_sessions(), checkins=checkins)
    assert NO_PROGRESS_CLINICIAN_ADVICE not in result.plan.advice


def test_irregular_use_or_under_6_weeks_is_not_judged_yet():
    checkins = mornings([5] * 43)
    sparse = adapt(start_plan(), baseline=5, sessions=regular_sessions(every=7), checkins=checkins)
    assert NO_PROGRESS_CLINICIAN_ADVICE not in sparse.plan.advice
    early = adapt(start_plan(), baseline=5, sessions=regular_sessions(days=40, every=1), checkins=mornings([5] * 40))
    assert NO_PROGRESS_CLINICIAN_ADVICE not in early.plan.advice


def test_a_clinician_recommendation_is_added_once():
    checkins = mornings([5] * 43)
    once = adapt(start_plan(), baseline=5, sessions=regular_sessions(), checkins=checkins).plan
    twice = adapt(once, baseline=5, sessions=regular_sessions(), checkins=checkins)
    assert twice.plan.advice.count(NO_PROGRESS_CLINICIAN_ADVICE) == 1
    assert twice.changes == ()


# --- every change has a reason --------------------------------------------------------


def test_an_empty_history_changes_nothing():
    assert adapt(start_plan()).plan == start_plan()


def test_every_change_comes_with_a_plain_language_reason():
    sessions = [
        Session(DAY, 3, 4, (ExerciseResponse("glute", spread=True), ExerciseResponse("hip", peak_pain=8))),
        Session(DAY + timedelta(days=1), 3, 4, (ExerciseResponse("hip", spread=True),)),
    ]
    result = adapt(start_plan(), baseline=3, sessions=sessions, checkins=mornings([6, 6]))
    assert {"exercise_removed", "clinician_spread", "dose_reduced"} <= set(codes(result))
    for change in result.changes:
        assert len(change.reason) > 20 and change.reason[0].isupper()


def test_adapting_keeps_the_plan_otherwise_as_it_was():
    plan = start_plan()
    result = adapt(plan, baseline=4, checkins=mornings([6]))
    assert replace(result.plan, routine=plan.routine, desk_routine=plan.desk_routine, minutes=plan.minutes,
                   desk_minutes=plan.desk_minutes, dose_level=0, dose_changed_on=None) == plan  # fmt: skip


def test_an_adapted_plan_survives_being_stored_as_json():
    session = Session(DAY, 3, 4, (ExerciseResponse("glute", spread=True),))
    adapted = adapt(start_plan(), baseline=3, sessions=[session], checkins=mornings([6])).plan
    assert plan_from_document(json.loads(plan_json(adapted))) == adapted
