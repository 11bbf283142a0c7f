"""The browser channel's endpoints: today's schedule, a notification shown, its three buttons, "I'm free now"."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from supple.reminders.models import Reminder
from supple.reminders.services import settings_for
from supple.reminders.tests.conftest import TUESDAY, at

pytestmark = pytest.mark.django_db
SCHEDULE = reverse("reminders:schedule")
SHOWN = reverse("reminders:shown")


def breaks(client) -> list[str]:
    return [item["at"] for item in client.get(SCHEDULE).json()["breaks"]]


def show(client, due_at: str):
    return client.post(SHOWN, json.dumps({"due_at": due_at}), content_type="application/json")


@pytest.fixture
def bob_settings(bob, bob_plan):
    found = settings_for(bob)
    found.browser = True
    found.save()
    return found


def test_the_schedule_lists_the_rest_of_todays_breaks_in_the_persons_zone(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 12, 30))
    data = logged_in(alice).get(SCHEDULE).json()
    assert data["enabled"] and data["time_zone"] == "Europe/London"
    assert [item["at"] for item in data["breaks"]] == [
        f"2026-03-10T{hour}:00:00+00:00" for hour in (13, 14, 15, 16, 17)
    ]
    assert data["shown_url"] == SHOWN and data["csrf_token"]


def test_in_new_york_the_same_wall_clock_times_have_their_own_offset(logged_in, bob, bob_settings, clock):
    clock.to(at("America/New_York", TUESDAY, 16, 30))
    assert breaks(logged_in(bob)) == ["2026-03-10T17:00:00-04:00"]


def test_the_schedule_follows_the_clock_change_in_london(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY + timedelta(days=19), 16, 30))  # Sunday 29 March: no work
    assert breaks(logged_in(alice)) == []
    clock.to(at("Europe/London", TUESDAY + timedelta(days=20), 16, 30))  # Monday, now on BST
    assert breaks(logged_in(alice)) == ["2026-03-30T17:00:00+01:00"]


def test_a_break_just_missed_is_still_offered_for_five_minutes(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 16, 4))
    assert breaks(logged_in(alice))[0] == "2026-03-10T16:00:00+00:00"
    clock.to(at("Europe/London", TUESDAY, 16, 6))
    assert breaks(logged_in(alice))[0] == "2026-03-10T17:00:00+00:00"


def test_nothing_is_scheduled_while_the_browser_channel_is_off_or_the_plan_is_stopped(
    logged_in, alice, alice_settings, clock
):
    clock.to(at("Europe/London", TUESDAY, 9))
    client = logged_in(alice)
    alice_settings.browser = False
    alice_settings.save()
    assert client.get(SCHEDULE).json()["enabled"] is False and breaks(client) == []
    alice_settings.browser = True
    alice_settings.save()
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan

    alice.plans.all().delete()  # made before the clock was stopped, so it would look newer
    start_plan(alice, profile(red_flags={"bladder_or_bowel_change": True}))
    assert breaks(client) == []


def test_the_first_tab_to_report_a_break_shows_it_and_the_others_do_not(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 10))
    client = logged_in(alice)
    first = show(client, "2026-03-10T10:00:00+00:00")
    assert first.status_code == 201
    data = first.json()
    assert data["show"] is True and data["title"] == "Time for a desk break"
    assert "Stop if pain spreads down your leg" in data["body"]
    assert set(data["urls"]) == {"start", "snooze", "skip"}
    again = show(client, "2026-03-10T10:00:00+00:00")
    assert again.status_code == 409  # already shown: no longer in today's list
    reminder = Reminder.objects.get(user=alice)
    assert (reminder.kind, reminder.channel, reminder.status) == ("desk_break", "browser", "sent")
    assert reminder.sent_at == at("Europe/London", TUESDAY, 10) and reminder.local_date == TUESDAY
    assert "2026-03-10T10:00:00+00:00" not in breaks(client)


def test_a_time_that_is_not_a_break_is_refused_and_stores_nothing(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 10))
    client = logged_in(alice)
    assert show(client, "2026-03-10T10:07:00+00:00").status_code == 409
    for body in (json.dumps({"due_at": "yesterday"}), json.dumps({"due_at": "2026-03-10T10:00:00"}), "{}"):
        response = client.post(SHOWN, body, content_type="application/json")
        assert response.status_code == 400 and "due_at" in response.json()["errors"]
    for body in ("not json", "[]"):
        response = client.post(SHOWN, body, content_type="application/json")
        assert response.status_code == 400 and "body" in response.json()["errors"]
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("[" * 2000 + "]" * 2000, "body"),  # nested beyond the decoder's own recursion limit
        (json.dumps({"due_at": [[[[[[[[["2026-03-10T10:00:00+00:00"]]]]]]]]]}), "body"),
        (json.dumps({"due_at": "2026-03-10T10:00:00+00:00", "due_at_too": 1}), "due_at_too"),
        ('{"due_at": "2026-03-10T10:00:00+00:00", "due_at": "2026-03-10T11:00:00+00:00"}', "body"),
        (json.dumps({"due_at": 5}), "due_at"),
        (json.dumps({"due_at": "0001-01-01T00:00:00+05:00"}), "due_at"),
        (json.dumps({"due_at": "9999-12-31T23:59:59-05:00"}), "due_at"),
        (json.dumps({"due_at": "2026-03-08T10:00:00+00:00"}), "due_at"),  # two days ago: never one of today's
        (json.dumps({"due_at": "2026-03-12T10:00:00+00:00"}), "due_at"),
    ],
    ids=[
        "deep arrays",
        "nested too deep",
        "unknown key",
        "a key twice",
        "a number",
        "year 1",
        "year 9999",
        "days ago",
        "days ahead",
    ],
)
def test_a_body_that_cannot_be_used_answers_400_naming_the_problem_and_stores_nothing(
    logged_in, alice, alice_settings, clock, body, field
):
    clock.to(at("Europe/London", TUESDAY, 10))
    client = logged_in(alice)
    assert show(client, "2026-03-10T10:00:00+00:00").status_code == 201
    before = list(Reminder.objects.values_list("id", "status", "due_at", "sent_at"))
    response = client.post(SHOWN, body, content_type="application/json")
    assert response.status_code == 400 and list(response.json()["errors"]) == [field]
    assert list(Reminder.objects.values_list("id", "status", "due_at", "sent_at")) == before


def test_a_body_not_sent_as_json_answers_415(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 10))
    response = logged_in(alice).post(SHOWN, {"due_at": "2026-03-10T10:00:00+00:00"})
    assert response.status_code == 415 and "body" in response.json()["errors"]
    assert not Reminder.objects.exists()


def test_in_10_minutes_snoozes_the_reminder_and_brings_it_back(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 10, 0))
    client = logged_in(alice)
    data = show(client, "2026-03-10T10:00:00+00:00").json()
    clock.to(at("Europe/London", TUESDAY, 10, 2))
    response = client.post(data["urls"]["snooze"])
    assert response.json() == {"status": "snoozed", "due_at": "2026-03-10T10:12:00+00:00"}
    assert client.post(data["urls"]["snooze"]).json()["due_at"] == "2026-03-10T10:12:00+00:00"  # sent twice: once
    assert breaks(client)[0] == "2026-03-10T10:12:00+00:00"
    clock.to(at("Europe/London", TUESDAY, 10, 12))
    later = show(client, "2026-03-10T10:12:00+00:00")
    assert later.status_code == 201 and later.json()["show"] is True
    assert [(r.status, r.snoozed_from_id is not None) for r in Reminder.objects.order_by("due_at")] == [
        ("snoozed", False),
        ("sent", True),
    ]


def test_skip_today_cancels_the_rest_of_the_day_only(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 11))
    client = logged_in(alice)
    data = show(client, "2026-03-10T11:00:00+00:00").json()
    assert client.post(data["urls"]["skip"]).json() == {"status": "skipped"}
    assert client.post(data["urls"]["skip"]).status_code == 200
    assert breaks(client) == []
    assert show(client, "2026-03-10T12:00:00+00:00").status_code == 409
    clock.to(at("Europe/London", TUESDAY + timedelta(days=1), 8))
    assert len(breaks(client)) == 8


def test_a_reminder_already_answered_cannot_be_snoozed(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 11))
    client = logged_in(alice)
    data = show(client, "2026-03-10T11:00:00+00:00").json()
    client.post(data["urls"]["skip"])
    response = client.post(data["urls"]["snooze"])
    assert response.status_code == 409 and "skipped" in response.json()["errors"]["__all__"][0].lower()
    assert client.post(reverse("reminders:act", args=[data["id"], "dance"])).status_code == 404


def test_start_desk_routine_records_it_and_opens_the_player_with_the_reminder(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 11))
    client = logged_in(alice)
    data = show(client, "2026-03-10T11:00:00+00:00").json()
    response = client.post(data["urls"]["start"])
    assert response.url == reverse("sessions:player", args=["desk"]) + f"?reminder={data['id']}"
    reminder = Reminder.objects.get(public_id=data["id"])
    assert reminder.status == "started" and reminder.acted_at == at("Europe/London", TUESDAY, 11)


def test_im_free_now_records_a_self_started_routine_and_goes_to_it(logged_in, alice, alice_plan, clock):
    clock.to(at("Europe/London", TUESDAY, 15, 20))
    response = logged_in(alice).post(reverse("reminders:free_now"))
    assert response.url == reverse("sessions:player", args=["desk"])
    reminder = Reminder.objects.get(user=alice)
    assert (reminder.kind, reminder.channel, reminder.status) == ("free_now", "page", "started")
    assert reminder.due_at == at("Europe/London", TUESDAY, 15, 20)
    assert logged_in(alice).get(reverse("reminders:free_now")).status_code == 405


def test_bob_cannot_see_or_answer_alices_reminders(logged_in, alice, bob, alice_settings, bob_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 11))
    data = show(logged_in(alice), "2026-03-10T11:00:00+00:00").json()
    client = logged_in(bob)
    assert client.post(data["urls"]["snooze"]).status_code == 404
    assert client.post(data["urls"]["skip"]).status_code == 404
    assert client.get(data["urls"]["start"]).status_code == 404
    assert client.post(data["urls"]["start"]).status_code == 404
    assert Reminder.objects.get(public_id=data["id"]).status == "sent"
    assert breaks(client)[0] == "2026-03-10T10:00:00-04:00"  # Bob's own day in New York, still to come


def test_strangers_get_401_and_clinicians_403_in_json(client, physio, alice, alice_settings):
    reminder = Reminder.objects.create(
        user=alice, kind="desk_break", channel="browser", due_at=at("Europe/London", TUESDAY, 11), local_date=TUESDAY
    )
    urls = [reverse("reminders:act", args=[reminder.public_id, "snooze"]), SHOWN]
    assert client.get(SCHEDULE).status_code == 401
    assert all(client.post(url).status_code == 401 for url in urls)
    client.force_login(physio)
    assert client.get(SCHEDULE).status_code == 403
    assert all(client.post(url).json()["errors"] for url in urls)
    assert client.get(reverse("reminders:open", args=[reminder.public_id])).status_code == 403
    assert client.post(reverse("reminders:open", args=[reminder.public_id])).status_code == 403
    reminder.refresh_from_db()
    assert reminder.status == "sent"


def test_posts_without_the_csrf_token_are_refused(alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 11))
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = show(client, "2026-03-10T11:00:00+00:00")
    assert response.status_code == 403 and "CSRF" in response.json()["errors"]["__all__"][0]
    token = client.get(SCHEDULE).json()["csrf_token"]
    response = client.post(
        SHOWN, json.dumps({"due_at": "2026-03-10T11:00:00+00:00"}), content_type="application/json",
        headers={"X-CSRFToken": token},
    )  # fmt: skip
    assert response.status_code == 201


def test_the_schedule_costs_the_same_queries_with_a_long_history(
    client, alice, bob, alice_settings, bob_settings, clock, django_assert_num_queries
):
    from supple.reminders.tests.conftest import years_of_reminders

    clock.to(at("Europe/London", TUESDAY, 11))
    years_of_reminders(alice)
    for person in (alice, bob):
        client.force_login(person)
        with django_assert_num_queries(5):  # session, user, settings, plan, today's reminders
            assert client.get(SCHEDULE).status_code == 200
