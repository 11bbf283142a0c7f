"""The plan services: starting a plan from an intake, and the pain response on stored history."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from supple.domain.intake import IntakeError
from supple.domain.tests.helpers import profile
from supple.plans.models import Plan
from supple.plans.services import apply_pain_response, current_plan, pain_history, start_plan
from supple.progress.models import CheckIn
from supple.sessions.models import ExerciseLog, SessionLog

pytestmark = pytest.mark.django_db


def log_session(user, plan, *, spread_on=None, outcome=SessionLog.Outcome.COMPLETED, pain=(4, 4)):
    now = timezone.now()
    log = SessionLog.objects.create(
        user=user,
        client_id=uuid.uuid4(),
        plan=plan,
        started_at=now - timedelta(minutes=10),
        ended_at=now,
        local_date=user.local_date(now),
        pain_before=pain[0],
        pain_after=pain[1],
        outcome=outcome,
    )
    for i, item in enumerate(plan.document["routine"]):
        ExerciseLog.objects.create(
            session=log, position=i, exercise_id=item["exercise"], sets_done=item["sets"],
            spread_down_leg=item["exercise"] == spread_on,
        )  # fmt: skip
    return log


def test_start_plan_saves_the_intake_and_its_plan(alice):
    plan = start_plan(alice, profile(lifestyle={"sitting_hours": 9}))
    assert plan.decision == "proceed" and plan.document["routine"]
    assert plan.intake.profile["lifestyle"]["sitting_hours"] == 9
    assert current_plan(alice) == plan


def test_an_invalid_profile_saves_nothing(alice):
    with pytest.raises(IntakeError):
        start_plan(alice, profile(age=12))
    assert not Plan.objects.exists() and not alice.intakes.exists()


def test_nothing_changes_without_a_history(alice):
    start_plan(alice, profile())
    assert apply_pain_response(alice) is None
    assert alice.plans.count() == 1


def test_an_exercise_after_which_pain_spread_down_the_leg_is_removed_once(alice):
    plan = start_plan(alice, profile(lifestyle={"sitting_hours": 9}))
    culprit = plan.document["routine"][0]["exercise"]
    log_session(alice, plan, spread_on=culprit)
    adapted = apply_pain_response(alice)
    assert adapted.source == Plan.Source.PAIN_RESPONSE and adapted.intake == plan.intake
    assert culprit not in [i["exercise"] for i in adapted.document["routine"]]
    assert adapted.changes and all(isinstance(c, str) and c for c in adapted.changes)
    assert current_plan(alice) == adapted
    assert apply_pain_response(alice) is None  # the same history changes nothing twice


def test_new_numbness_reported_in_the_morning_stops_the_program(alice):
    plan = start_plan(alice, profile())
    CheckIn.objects.create(user=alice, date=alice.local_date(), pain=4, new_numbness=True)
    stopped = apply_pain_response(alice)
    assert stopped.stopped and stopped.document["routine"] == []
    assert "safety questions again" in stopped.changes[0]
    assert plan.decision == stopped.decision  # the decision stands until screening is redone


def test_leg_symptoms_spreading_at_a_check_in_also_stop_the_program(alice):
    start_plan(alice, profile())
    CheckIn.objects.create(user=alice, date=alice.local_date(), pain=4, spreading=True)
    assert apply_pain_response(alice).stopped


def test_a_red_flag_at_a_check_in_reruns_screening(alice):
    start_plan(alice, profile())
    CheckIn.objects.create(user=alice, date=alice.local_date(), pain=4, red_flags=["saddle_numbness"])
    adapted = apply_pain_response(alice)
    assert adapted.decision == "emergency" and adapted.stopped


def test_a_stopped_plan_is_not_adapted_further(alice):
    start_plan(alice, profile(red_flags={"chest_pain": True}))
    CheckIn.objects.create(user=alice, date=alice.local_date(), pain=9)
    assert apply_pain_response(alice) is None


def test_the_history_holds_only_this_persons_entries_since_the_intake(alice, bob):
    plan = start_plan(alice, profile())
    bob_plan = start_plan(bob, profile())
    log_session(alice, plan)
    log_session(bob, bob_plan)
    CheckIn.objects.create(user=bob, date=bob.local_date(), pain=9)
    history = pain_history(plan)
    assert len(history.sessions) == 1 and history.checkins == ()
    assert history.baseline == 3


def test_the_history_costs_three_queries_however_long(alice, django_assert_num_queries):
    plan = start_plan(alice, profile())
    for _ in range(5):
        log_session(alice, plan)
    plan = current_plan(alice)
    with django_assert_num_queries(3):
        pain_history(plan)
