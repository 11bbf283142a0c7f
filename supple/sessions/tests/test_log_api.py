"""The log API: validation, idempotency, ownership, and the pain response after saving."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from supple.plans.models import Plan
from supple.reminders.models import Reminder
from supple.sessions.models import ExerciseLog, SessionLog
from supple.sessions.tests.conftest import a_log, two_years_of_daily_logs

pytestmark = pytest.mark.django_db
URL = "/api/sessions/"


def post(client, log) -> tuple[int, dict]:
    body = log if isinstance(log, str | bytes) else json.dumps(log)
    response = client.post(URL, body, content_type="application/json")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


@pytest.fixture
def alice_client(client, alice, alice_plan):
    client.force_login(alice)
    return client


def test_the_url_is_fixed():
    assert reverse("sessions:log") == URL


def test_a_log_is_stored_with_its_exercises_plan_and_the_persons_day(alice_client, alice, alice_plan):
    log = a_log()
    status, body = post(alice_client, log)
    assert status == 201
    saved = SessionLog.objects.get()
    assert saved.user == alice and str(saved.client_id) == log["client_id"] and saved.plan == alice_plan
    assert (saved.pain_before, saved.pain_after, saved.outcome, saved.routine) == (4, 3, "completed", "daily")
    assert saved.started_at == datetime.fromisoformat(log["started_at"])
    stretch, lunge = saved.exercises.all()
    assert (stretch.position, stretch.exercise_id, stretch.sets_done, stretch.response) == (
        1,
        "seated-hamstring-stretch",
        2,
        "fine",
    )
    assert (lunge.skipped, lunge.pain_during, lunge.stopped, lunge.spread_down_leg) == (True, 6, True, False)
    assert body == {
        "client_id": log["client_id"],
        "local_date": saved.local_date.isoformat(),
        "outcome": "completed",
        "changes": body["changes"],
        "program_stopped": False,
    }


def test_the_day_is_the_persons_own_day(client, bob, bob_plan):
    client.force_login(bob)  # Bob lives in New York: 02:00 UTC is still the evening before
    started = datetime.now(UTC).replace(hour=2, minute=0, second=0, microsecond=0)
    if started > datetime.now(UTC):
        started -= timedelta(days=1)
    log = a_log(started_at=started.isoformat(), ended_at=(started + timedelta(minutes=5)).isoformat(), exercises=[])
    assert post(client, log)[0] == 201
    assert SessionLog.objects.get().local_date == (started - timedelta(days=1)).date()


def test_sending_the_same_log_twice_stores_it_once_with_the_same_answer(alice_client):
    log = a_log()
    first_status, first = post(alice_client, log)
    again_status, again = post(alice_client, log)
    assert (first_status, again_status) == (201, 200)
    assert again == first
    assert SessionLog.objects.count() == 1 and ExerciseLog.objects.count() == 2


def test_a_replayed_log_gets_the_changes_of_the_first_time_again(alice_client, alice, alice_plan):
    lunge = {
        "position": 1,
        "exercise_id": "lunging-hip-flexor-stretch",
        "sets_done": 1,
        "skipped": True,
        "spread_down_leg": True,
    }
    log = a_log(outcome="leg_symptoms", pain_after=None, exercises=[lunge])
    status, first = post(alice_client, log)
    assert status == 201
    assert first["changes"][0].startswith("Lunging hip-flexor stretch is taken out of your routine because")
    adapted = alice.plans.first()
    assert adapted.source == Plan.Source.PAIN_RESPONSE
    assert "lunging-hip-flexor-stretch" not in [i["exercise"] for i in adapted.document["routine"]]
    assert SessionLog.objects.get().adapted_plan == adapted
    assert post(alice_client, log) == (200, first)
    assert alice.plans.count() == 2  # the pain response ran once


def test_new_numbness_stops_the_program(alice_client, alice):
    knee = {"position": 3, "exercise_id": "knee-to-chest-stretch", "sets_done": 0, "new_numbness": True}
    status, body = post(alice_client, a_log(outcome="new_numbness", pain_after=None, exercises=[knee]))
    assert status == 201 and body["program_stopped"] is True
    assert any("answer the safety questions again" in change.lower() for change in body["changes"])
    assert alice.plans.first().stopped
    assert ExerciseLog.objects.get().new_numbness


def test_a_log_without_changes_answers_with_no_changes(alice_client):
    status, body = post(alice_client, a_log(exercises=[]))
    assert status == 201 and body["changes"] == [] and body["program_stopped"] is False


def test_bobs_logs_never_attach_to_alice(client, alice, alice_plan, bob, bob_plan):
    alices = a_log()
    client.force_login(alice)
    assert post(client, alices)[0] == 201
    client.force_login(bob)
    # The same client id from Bob is Bob's own, new log; Alice's is untouched.
    status, _ = post(client, a_log(client_id=alices["client_id"], pain_before=9))
    assert status == 201
    assert SessionLog.objects.get(user=alice).pain_before == 4
    assert SessionLog.objects.get(user=bob).plan == bob_plan
    # A log made in this browser for Alice waits for her: Bob cannot store it.
    status, body = post(client, a_log(person=str(alice.public_id)))
    assert status == 403 and "person" in body["errors"]
    assert SessionLog.objects.count() == 2


def test_a_log_kept_for_someone_else_is_theirs_to_judge_even_if_older_than_this_account(client, alice, bob):
    """Alice's week-old log, sent while Bob (who joined today) is logged in, waits for her: 403, not 400."""
    alice.date_joined -= timedelta(days=30)
    alice.save(update_fields=["date_joined"])
    client.force_login(bob)
    week_ago = datetime.now(UTC) - timedelta(days=7)
    log = a_log(
        person=str(alice.public_id),
        started_at=week_ago.isoformat(),
        ended_at=(week_ago + timedelta(minutes=9)).isoformat(),
    )
    status, body = post(client, log)
    assert status == 403 and body["errors"] == {"person": ["This log belongs to someone else."]}
    assert not SessionLog.objects.exists()


def test_a_log_made_for_the_logged_in_person_is_accepted(alice_client, alice):
    assert post(alice_client, a_log(person=str(alice.public_id)))[0] == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"client_id": "not-a-uuid"}, "client_id"),
        ({"client_id": None}, "client_id"),
        ({"routine": "weekly"}, "routine"),
        ({"started_at": "yesterday"}, "started_at"),
        ({"started_at": "2026-05-04T08:30:00"}, "started_at"),  # no time zone
        ({"ended_at": 12}, "ended_at"),
        ({"pain_before": 11}, "pain_before"),
        ({"pain_after": -1}, "pain_after"),
        ({"pain_after": "3"}, "pain_after"),
        ({"pain_before": True}, "pain_before"),
        ({"pain_before": 2.5}, "pain_before"),
        ({"outcome": "great"}, "outcome"),
        ({"person": "alice"}, "person"),
        ({"mood": "happy"}, "mood"),
        ({"exercises": {"position": 1}}, "exercises"),
        ({"exercises": [{}] * 21}, "exercises"),
        ({"exercises": ["stretch"]}, "exercises[0]"),
    ],
)
def test_bad_fields_answer_400_and_store_nothing(alice_client, change, field):
    status, body = post(alice_client, a_log(**change))
    assert status == 400
    assert field in body["errors"] and all(isinstance(m, str) for m in body["errors"][field])
    assert not SessionLog.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"exercise_id": "handstand"}, "exercise_id"),
        ({"exercise_id": None}, "exercise_id"),
        ({"position": 0}, "position"),
        ({"sets_done": -1}, "sets_done"),
        ({"sets_done": None}, "sets_done"),
        ({"skipped": "no"}, "skipped"),
        ({"response": "great"}, "response"),
        ({"pain_during": 12}, "pain_during"),
        ({"spread_down_leg": 1}, "spread_down_leg"),
        ({"stopped": "true"}, "stopped"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_exercise_fields_answer_400_naming_the_exercise_and_store_nothing(alice_client, change, field):
    log = a_log()
    log["exercises"][1].update(change)
    status, body = post(alice_client, log)
    assert status == 400 and list(body["errors"]) == [f"exercises[1].{field}"]
    assert not SessionLog.objects.exists() and not ExerciseLog.objects.exists()


def test_two_exercises_cannot_share_a_position(alice_client):
    log = a_log()
    log["exercises"][1]["position"] = 1
    status, body = post(alice_client, log)
    assert status == 400 and "exercises[1].position" in body["errors"]


def test_a_session_must_end_after_it_starts_and_last_at_most_a_day(alice_client, alice):
    alice.date_joined -= timedelta(days=30)
    alice.save()
    started = datetime.now(UTC) - timedelta(days=3)
    backwards = a_log(started_at=started.isoformat(), ended_at=(started - timedelta(minutes=1)).isoformat())
    too_long = a_log(started_at=started.isoformat(), ended_at=(started + timedelta(days=1, seconds=1)).isoformat())
    future = a_log(
        started_at=(datetime.now(UTC) + timedelta(hours=2)).isoformat(),
        ended_at=(datetime.now(UTC) + timedelta(hours=2, minutes=5)).isoformat(),
    )
    for log, fields in ((backwards, ["ended_at"]), (too_long, ["ended_at"]), (future, ["started_at", "ended_at"])):
        status, body = post(alice_client, log)
        assert status == 400 and list(body["errors"]) == fields
    assert not SessionLog.objects.exists()


def test_every_problem_is_reported_at_once(alice_client):
    log = a_log(pain_before=20, outcome="great", routine="weekly")
    log["exercises"][0]["exercise_id"] = "handstand"
    status, body = post(alice_client, log)
    assert status == 400
    assert set(body["errors"]) == {"pain_before", "outcome", "routine", "exercises[0].exercise_id"}


@pytest.mark.parametrize("body", ["{not json", "[]", '"log"', b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_answers_400(alice_client, body):
    status, answer = post(alice_client, body)
    assert status == 400 and "body" in answer["errors"]
    assert not SessionLog.objects.exists()


def test_logged_out_requests_get_401_json(client):
    status, body = post(client, a_log())
    assert status == 401 and body["errors"]
    assert not SessionLog.objects.exists()


def test_clinicians_get_403_json(client, physio):
    client.force_login(physio)
    status, body = post(client, a_log())
    assert status == 403 and body["errors"]
    assert not SessionLog.objects.exists()


def test_only_post_is_allowed(alice_client):
    assert alice_client.get(URL).status_code == 405


def test_the_csrf_token_is_required_and_its_failure_is_json(alice, alice_plan):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    token = browser.get("/session/daily/").context["data"]["csrf_token"]
    refused = browser.post(URL, json.dumps(a_log()), content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["errors"]["__all__"][0]
    assert not SessionLog.objects.exists()
    accepted = browser.post(URL, json.dumps(a_log()), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_a_race_between_two_copies_of_a_log_stores_it_once(alice_client, monkeypatch):
    from supple.sessions import views

    log = a_log()
    assert post(alice_client, log)[0] == 201
    original, calls = views.find_log, []

    def late_lookup(user, client_id):
        """The first look-up misses, as if the other copy were saved just after it."""
        calls.append(client_id)
        return None if len(calls) == 1 else original(user, client_id)

    monkeypatch.setattr(views, "find_log", late_lookup)
    status, body = post(alice_client, log)
    assert status == 200 and body["client_id"] == log["client_id"]
    assert SessionLog.objects.count() == 1


@pytest.mark.parametrize("history", [False, True], ids=["new person", "two years of daily logs"])
def test_saving_a_log_makes_a_bounded_number_of_queries(
    alice_client, alice, alice_plan, django_assert_max_num_queries, django_assert_num_queries, history
):
    if history:
        two_years_of_daily_logs(alice, alice_plan)
    log = a_log()
    log["exercises"] = [{**log["exercises"][0], "position": n} for n in range(1, 9)]
    # 12 today, most of them the pain response's; however long the history, never more than 15.
    with django_assert_max_num_queries(15):
        assert post(alice_client, log)[0] == 201
    with django_assert_num_queries(3):  # session, user, the stored log
        assert post(alice_client, log)[0] == 200


def test_uuid_client_ids_are_compared_as_uuids(alice_client):
    client_id = uuid.uuid4()
    assert post(alice_client, a_log(client_id=str(client_id)))[0] == 201
    assert post(alice_client, a_log(client_id=str(client_id).upper()))[0] == 200


def a_reminder(user) -> Reminder:
    now = datetime.now(UTC)
    return Reminder.objects.create(
        user=user, kind="desk_break", channel="browser", due_at=now, local_date=user.local_date(now)
    )


def test_a_session_started_from_a_reminder_is_stored_as_prompted_by_it(alice_client, alice):
    reminder = a_reminder(alice)
    status, _ = post(alice_client, a_log(reminder=str(reminder.public_id)))
    assert status == 201
    assert SessionLog.objects.get().prompted_by == reminder


def test_a_session_without_a_reminder_is_self_started(alice_client):
    assert post(alice_client, a_log(reminder=None))[0] == 201
    assert SessionLog.objects.get().prompted_by is None


def test_a_session_from_someone_elses_or_a_deleted_reminder_is_kept_as_self_started(alice_client, bob):
    """The session happened: a reminder gone since (a skipped day) or not theirs loses only the link."""
    for reminder in (str(a_reminder(bob).public_id), str(uuid.uuid4())):
        status, _ = post(alice_client, a_log(client_id=str(uuid.uuid4()), reminder=reminder))
        assert status == 201
    assert SessionLog.objects.count() == 2
    assert not SessionLog.objects.filter(prompted_by__isnull=False).exists()
