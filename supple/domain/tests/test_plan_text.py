from datetime import date

import pytest

from supple.domain.intake import ROTATIONAL_SPORTS, SPORTS, Lifestyle
from supple.domain.plan_text import (
    EXCLUSION_SENTENCES,
    HABIT_PHRASES,
    OTHER_WHY,
    UNKNOWN_EXCLUSION,
    change_texts,
    dose_phrase,
    dose_text,
    exclusion_sentences,
    render_plan_text,
    why_sentences,
)
from supple.domain.planning import PlanItem, build_plan
from supple.domain.precautions import EXCLUSION_CODES
from supple.domain.response import REMOVED_BECAUSE, CheckIn, PainHistory, adapt_after_session
from supple.domain.tests.helpers import exercise, intake, library
from supple.domain.vocabulary import CAUSES, SPORT_NAMES


def lib():
    return library(
        exercise("hip-flexor", ["desk"], targets=("hip_flexors",), causes=("sitting_hours",)),
        exercise("glute", ["desk", "needs_chair"], position="sitting", targets=("glutes",), causes=("sitting_hours",)),
        exercise("hamstring", ["desk"], targets=("hamstrings",), causes=("sitting_hours",)),
        exercise("child", ["spinal_flexion_end_range", "end_range"], position="kneeling", targets=("lower_back",)),
    )


def text_for(**sections):
    person = intake(**sections)
    return render_plan_text(build_plan(person, lib()), person, lib())


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
    assert "Hip flexor" in text and "Hold for 30 seconds, 2 times on each side" in text
    assert "Why: It answers your sitting (about 8 hours a day)." in text
    assert "Works on: hip flexors" in text


def test_excluded_exercises_are_listed_by_name_with_the_reasons():
    text = text_for(
        conditions={"knee_problem": False}, pain={"worse_with": ["sitting"]}, preferences={"has_chair": False}
    )
    assert "Not for you right now" in text
    assert "  - Child: It bends your back fully forward, and bending forward or sitting makes your pain worse." in text
    assert "  - Glute: It needs a chair." in text


def test_a_plan_stopped_by_new_symptoms_says_stop_first():
    person = intake(lifestyle={"sitting_hours": 8})
    plan = build_plan(person, lib())
    stopped = adapt_after_session(
        plan, PainHistory(3, checkins=(CheckIn(date(2025, 1, 1), 3, frozenset({"weakness"})),))
    )
    text = render_plan_text(stopped.plan, person, lib())
    assert text.startswith("STOP: no exercises for now.")
    assert "Your daily routine" not in text


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({}, "Hold for 30 seconds, 2 times on each side, switching sides each time. Rest 10 seconds in between."),
        ({"sets": 1, "hold_seconds": 20}, "Hold for 20 seconds on each side. Rest 10 seconds in between."),
        ({"sides": "none", "sets": 1, "hold_seconds": 45}, "Hold for 45 seconds."),
        (
            {"kind": "reps", "sides": "none", "hold_seconds": None, "reps": 10, "rest_seconds": 0},
            "2 sets of 10 slow repetitions.",
        ),
        (
            {"kind": "reps", "sets": 1, "hold_seconds": None, "reps": 8, "rest_seconds": 5},
            "1 set of 8 slow repetitions on each side. Rest 5 seconds in between.",
        ),
    ],
)
def test_doses_read_naturally(fields, words):
    assert dose_text(item(**fields)) == words


def test_the_player_shows_the_same_dose_without_the_rest():
    assert dose_phrase(item()) == "Hold for 30 seconds, 2 times on each side, switching sides each time"
    assert dose_text(item()).startswith(dose_phrase(item()) + ".")


def test_a_plan_with_no_routine_after_spine_surgery_says_so_first():
    person = intake(conditions={"recent_surgery": {"site": "spine", "weeks_ago": 2}})
    plan = build_plan(person, lib())
    text = render_plan_text(plan, person, lib())
    assert text.startswith("No exercises for now.")
    assert "Your daily routine" not in text


def test_every_cause_exclusion_and_sport_code_has_plain_words():
    assert set(HABIT_PHRASES) | set(OTHER_WHY) == set(CAUSES)
    assert set(EXCLUSION_SENTENCES) == {*EXCLUSION_CODES, REMOVED_BECAUSE}
    assert tuple(SPORT_NAMES) == SPORTS + ROTATIONAL_SPORTS


def test_an_unknown_exclusion_code_still_gets_a_sentence():
    assert exclusion_sentences(("no_chair", "from_a_later_version")) == ["It needs a chair.", UNKNOWN_EXCLUSION]


def test_why_names_the_persons_own_habits():
    life = Lifestyle(sports=("cycling", "gym", "tennis"), driving_hours=2)
    assert why_sentences(("driving_hours", "sport", "rotational_sport", "general"), life) == [
        "It answers your driving (about 2 hours a day), your sport (cycling and gym or weights) and your sport "
        "that twists to one side (tennis or another racket sport).",
        "It keeps your routine balanced.",
    ]
    assert why_sentences(("pain_direction",), life) == ["It moves your back in the direction that eases your pain."]


def test_a_change_is_shown_by_its_reason_and_one_without_a_reason_is_left_out():
    stored = ["Holds shortened.", {"code": "improvement", "reason": "A real improvement."}, {"code": "x"}, ""]
    assert change_texts(stored) == ["Holds shortened.", "A real improvement."]
