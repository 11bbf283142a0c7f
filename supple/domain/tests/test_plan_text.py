from datetime import date

from supple.domain.plan_text import dose_text, render_plan_text
from supple.domain.planning import PlanItem, build_plan
from supple.domain.response import CheckIn, PainHistory, adapt_after_session
from supple.domain.tests.helpers import exercise, intake, library


def lib():
    return library(
        exercise("hip-flexor", ["desk"], targets=("hip_flexors",), causes=("sitting_hours",)),
        exercise("glute", ["desk", "needs_chair"], position="sitting", targets=("glutes",), causes=("sitting_hours",)),
        exercise("hamstring", ["desk"], targets=("hamstrings",), causes=("sitting_hours",)),
        exercise("child", ["spinal_flexion_end_range", "end_range"], position="kneeling", targets=("lower_back",)),
    )


def text_for(**sections):
    return render_plan_text(build_plan(intake(**sections), lib()), lib())


def item(**fields):
    base = dict(exercise="x", name="X", kind="hold", sides="each", sets=2, hold_seconds=30, reps=None,
                rest_seconds=10, tags=(), targets=("glutes",), why=("general",), cautions=())  # fmt: skip
    return PlanItem(**(base | fields))


def test_the_decision_comes_first():
    assert text_for().startswith("You can start.")
    assert text_for(pain={"intensity": 9}).startswith("See a clinician soon.")


def test_an_emergency_says_what_to_do_now_and_lists_no_exercises():
    text = text_for(red_flags={"saddle_numbness": True}, lifestyle={"sitting_hours": 9})
    assert text.startswith("EMERGENCY: get emergency care now.")
    assert "What to do now" in text and "emergency number" in text
    assert "Your daily routine" not in text and "Desk routine" not in text


def test_urgent_says_to_see_a_clinician_before_starting():
    text = text_for(red_flags={"fever_or_unwell": True})
    assert text.startswith("URGENT:") and "See a doctor today" in text
    assert "Your daily routine" not in text


def test_each_exercise_is_shown_with_its_dose_and_why():
    text = text_for(lifestyle={"sitting_hours": 8})
    assert "Your daily routine: 3 exercises" in text
    assert "Hip flexor" in text and "Hold 30 s, 2 times on each side" in text
    assert "Why: long hours sitting" in text
    assert "Works on: hip flexors" in text


def test_excluded_exercises_are_listed_by_name_with_the_reasons():
    text = text_for(
        conditions={"knee_problem": False}, pain={"worse_with": ["sitting"]}, preferences={"has_chair": False}
    )
    assert "Not for you right now" in text
    assert "  - Child: bending forward or sitting makes your pain worse" in text
    assert "  - Glute: it needs a chair" in text


def test_a_plan_stopped_by_new_symptoms_says_stop_first():
    plan = build_plan(intake(lifestyle={"sitting_hours": 8}), lib())
    stopped = adapt_after_session(
        plan, PainHistory(3, checkins=(CheckIn(date(2025, 1, 1), 3, frozenset({"weakness"})),))
    )
    text = render_plan_text(stopped.plan, lib())
    assert text.startswith("STOP: no exercises for now.")
    assert "Your daily routine" not in text


def test_doses_read_naturally():
    assert dose_text(item()) == "Hold 30 s, 2 times on each side, alternating sides (rest 10 s between)"
    assert dose_text(item(sides="none", sets=1, rest_seconds=0)) == "Hold 30 s, once"
    assert dose_text(item(kind="reps", sides="none", hold_seconds=None, reps=10, rest_seconds=0)) == (
        "2 sets of 10 slow repetitions"
    )


def test_a_plan_with_no_routine_after_spine_surgery_says_so_first():
    plan = build_plan(intake(conditions={"recent_surgery": {"site": "spine", "weeks_ago": 2}}), lib())
    text = render_plan_text(plan, lib())
    assert text.startswith("No exercises for now.")
    assert "Your daily routine" not in text
