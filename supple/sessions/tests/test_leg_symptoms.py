"""Symptoms spreading down the leg, sent as session logs: the exercise goes, and a second time brings a clinician."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from supple.domain.response import SPREAD_CLINICIAN_ADVICE
from supple.plans.services import start_plan
from supple.sessions.tests.conftest import ALICE_PROFILE, a_log

pytestmark = pytest.mark.django_db


def stopped_for_leg_symptoms(exercise_id: str, started: datetime) -> dict:
    spread = {"position": 1, "exercise_id": exercise_id, "sets_done": 0, "skipped": True, "spread_down_leg": True}
    return a_log(
        client_id=str(uuid.uuid4()),
        started_at=started.isoformat(),
        ended_at=(started + timedelta(minutes=3)).isoformat(),
        outcome="leg_symptoms",
        pain_after=None,
        exercises=[spread],
    )


def send(client, log: dict) -> dict:
    response = client.post(reverse("sessions:log"), json.dumps(log), content_type="application/json")
    assert response.status_code == 201
    return response.json()


def test_a_second_session_stopped_the_same_day_recommends_a_clinician(client, alice, time_machine):
    time_machine.move_to(datetime(2026, 3, 10, 12, tzinfo=UTC), tick=False)  # noon in London, Alice's zone
    alice.date_joined = datetime(2026, 3, 1, tzinfo=UTC)  # logs must fall within the account's life
    alice.save(update_fields=["date_joined"])
    start_plan(alice, ALICE_PROFILE)
    client.force_login(alice)
    morning = datetime(2026, 3, 10, 9, tzinfo=UTC)
    first = send(client, stopped_for_leg_symptoms("lunging-hip-flexor-stretch", morning))
    assert SPREAD_CLINICIAN_ADVICE not in first["changes"]
    second = send(client, stopped_for_leg_symptoms("knee-to-chest-stretch", morning + timedelta(minutes=30)))
    assert SPREAD_CLINICIAN_ADVICE in second["changes"]
    plan = alice.plans.first()
    assert SPREAD_CLINICIAN_ADVICE in plan.document["advice"]
    routine = [item["exercise"] for item in plan.document["routine"]]
    assert "lunging-hip-flexor-stretch" not in routine and "knee-to-chest-stretch" not in routine
    assert SPREAD_CLINICIAN_ADVICE in client.get(reverse("progress:index")).content.decode()
