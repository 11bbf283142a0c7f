"""The reminders page: the schedule form, the channel switches, the calendar link and the history."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from supple.reminders.models import MONDAY_TO_FRIDAY, Reminder, ReminderSettings
from supple.reminders.services import settings_for
from supple.reminders.tests.conftest import TUESDAY, at, years_of_reminders

pytestmark = pytest.mark.django_db
URL = reverse("reminders:settings")
GOOD = {
    "working_days": ["0", "1", "2", "3"],
    "work_start": "08:00",
    "work_end": "16:00",
    "time_zone": "Europe/Berlin",
    "break_minutes": "45",
    "max_breaks": "6",
    "quiet_start": "22:00",
    "quiet_end": "07:00",
    "routine_at": "07:30",
}


def stored(user) -> dict:
    row = ReminderSettings.objects.get(user=user)
    user.refresh_from_db()
    return {
        "days": row.working_days,
        "start": row.work_start,
        "end": row.work_end,
        "every": row.break_minutes,
        "most": row.max_breaks,
        "quiet": (row.quiet_start, row.quiet_end),
        "routine": row.routine_at,
        "zone": user.time_zone,
    }


def test_the_first_visit_makes_settings_with_the_defaults(logged_in, alice, alice_plan):
    response = logged_in(alice).get(URL)
    assert response.status_code == 200
    row = ReminderSettings.objects.get(user=alice)
    assert row.working_days == MONDAY_TO_FRIDAY and row.weekdays == frozenset(range(5))
    assert (row.work_start, row.work_end, row.break_minutes) == (time(9), time(17, 30), 50)
    assert (row.quiet_start, row.quiet_end, row.max_breaks, row.routine_at) == (time(21), time(7, 30), 8, time(8))
    assert not (row.browser or row.email or row.calendar)
    html = response.content.decode()
    assert "Stop if pain spreads down your leg" in html
    assert reverse("reminders:free_now") in html


def test_saving_changes_the_schedule_and_the_persons_time_zone(logged_in, alice, alice_plan, clock):
    clock.to(at("Europe/London", TUESDAY, 6))
    client = logged_in(alice)
    settings_for(alice)
    client.post(reverse("reminders:channel"), {"channel": "email", "on": "1"})
    response = client.post(URL, GOOD)
    assert response.url == URL
    assert stored(alice) == {
        "days": 0b1111,
        "start": time(8),
        "end": time(16),
        "every": 45,
        "most": 6,
        "quiet": (time(22), time(7)),
        "routine": time(7, 30),
        "zone": "Europe/Berlin",
    }
    # The next email moved with the new routine time and zone: 07:30 in Berlin is 06:30 in London.
    assert ReminderSettings.objects.get(user=alice).next_email_at == at("Europe/Berlin", TUESDAY, 7, 30)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"work_end": "07:45"}, "work_end", "Your working day must end after it starts."),
        ({"break_minutes": "0"}, "break_minutes", "Choose from 15 to 180 minutes."),
        ({"break_minutes": "many"}, "break_minutes", "Choose from 15 to 180 minutes."),
        ({"max_breaks": "31"}, "max_breaks", "Choose from 1 to 30 breaks."),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Pick your time zone from the list."),
        ({"working_days": []}, "working_days", "Pick at least one working day."),
        (
            {"quiet_start": "22:00", "quiet_end": "22:00"},
            "quiet_end",
            "Quiet hours need different start and end times.",
        ),
        ({"quiet_start": "07:00", "quiet_end": "18:00", "routine_at": "19:00"}, "quiet_start", "whole working day"),
        ({"routine_at": "23:00"}, "routine_at", "falls in your quiet hours"),
        ({"work_start": "25:00"}, "work_start", "Enter a valid time."),
    ],
)
def test_invalid_settings_show_field_errors_and_change_nothing(logged_in, alice, alice_plan, changes, field, message):
    client = logged_in(alice)
    settings_for(alice)
    before = stored(alice)
    response = client.post(URL, {**GOOD, **changes})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and "Nothing was saved" in html
    assert stored(alice) == before


def test_every_refused_setting_is_named_at_once(logged_in, alice, alice_plan):
    response = logged_in(alice).post(URL, {**GOOD, "break_minutes": "0", "work_end": "07:00", "quiet_end": "22:00"})
    assert set(response.context["form"].errors) == {"break_minutes", "work_end", "quiet_end"}


def test_the_page_lists_the_breaks_still_to_come_today(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 13, 30))
    html = logged_in(alice).get(URL).content.decode()
    assert "Desk breaks left today: " in html
    assert ">14:00</time>" in html and ">17:00</time>" in html and ">13:00</time>" not in html


def test_channels_turn_on_and_off(logged_in, alice, alice_plan, clock):
    clock.to(at("Europe/London", TUESDAY, 9))
    client = logged_in(alice)
    response = client.post(reverse("reminders:channel"), {"channel": "email", "on": "1"})
    assert response.url == URL + "#email"
    row = ReminderSettings.objects.get(user=alice)
    assert row.email and row.next_email_at == at("Europe/London", TUESDAY, 19)
    client.post(reverse("reminders:channel"), {"channel": "email", "on": "0"})
    row.refresh_from_db()
    assert not row.email and row.next_email_at is None
    client.post(reverse("reminders:channel"), {"channel": "browser", "on": "1"})
    assert ReminderSettings.objects.get(user=alice).browser


def test_an_unknown_channel_changes_nothing(logged_in, alice, alice_plan):
    client = logged_in(alice)
    settings_for(alice)
    response = client.post(reverse("reminders:channel"), {"channel": "pigeon", "on": "1"}, follow=True)
    assert "That channel does not exist" in response.content.decode()
    row = ReminderSettings.objects.get(user=alice)
    assert not (row.browser or row.email or row.calendar)


def test_the_calendar_link_is_shown_only_while_the_feed_is_on_and_can_be_replaced(logged_in, alice, alice_plan):
    client = logged_in(alice)
    row = settings_for(alice)
    assert row.calendar_token not in client.get(URL).content.decode()
    client.post(reverse("reminders:channel"), {"channel": "calendar", "on": "1"})
    assert f"/calendar/{row.calendar_token}.ics" in client.get(URL).content.decode()
    client.post(reverse("reminders:new_calendar_link"))
    new = ReminderSettings.objects.get(user=alice).calendar_token
    assert new != row.calendar_token and len(new) >= 43
    assert f"/calendar/{new}.ics" in client.get(URL).content.decode()


def test_a_person_without_a_plan_or_with_a_stopped_one_is_told_why_there_are_no_reminders(logged_in, alice):
    client = logged_in(alice)
    assert "You have no routine yet" in client.get(URL).content.decode()
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan

    start_plan(alice, profile(red_flags={"saddle_numbness": True}))
    assert "Your program is paused" in client.get(URL).content.decode()


def test_the_history_counts_each_kind_of_response_per_week(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", TUESDAY, 18))
    monday = TUESDAY - timedelta(days=1)
    for status in ("sent", "started", "started", "snoozed", "skipped", "due"):
        Reminder.objects.create(
            user=alice, kind="desk_break", channel="browser", status=status,
            due_at=at("Europe/London", TUESDAY, 10) + timedelta(minutes=len(Reminder.objects.all())),
            local_date=TUESDAY,
        )  # fmt: skip
    Reminder.objects.create(
        user=alice, kind="free_now", channel="page", status="started", due_at=at("Europe/London", TUESDAY, 12),
        local_date=TUESDAY,
    )  # fmt: skip
    history = logged_in(alice).get(URL).context["history"]
    assert len(history) == 8 and history[0].monday == monday
    week = history[0]
    assert (week.reminded, week.started, week.snoozed, week.skipped, week.free_now) == (5, 2, 1, 1, 1)
    assert all(w.reminded == 0 for w in history[1:])


def test_strangers_and_clinicians_cannot_open_it(client, physio):
    for url in (URL, reverse("reminders:new_calendar_link")):
        assert client.get(url).status_code in (302, 405)
    assert client.get(URL).url.startswith(reverse("accounts:login"))
    assert client.post(reverse("reminders:channel"), {"channel": "email", "on": "1"}).status_code == 302
    client.force_login(physio)
    assert client.get(URL).status_code == 403
    assert client.post(reverse("reminders:channel"), {"channel": "email", "on": "1"}).status_code == 403
    assert client.post(reverse("reminders:free_now")).status_code == 403
    assert not ReminderSettings.objects.filter(user=physio).exists()


def test_alice_changes_only_her_own_settings(logged_in, alice, bob, alice_plan, bob_plan):
    settings_for(bob)
    logged_in(alice).post(URL, GOOD)
    logged_in(alice).post(reverse("reminders:channel"), {"channel": "email", "on": "1"})
    bobs = ReminderSettings.objects.get(user=bob)
    assert bobs.break_minutes == 50 and not bobs.email
    bob.refresh_from_db()
    assert bob.time_zone == "America/New_York"


def test_two_years_of_reminders_cost_the_same_queries_as_none(
    client, alice, bob, alice_settings, bob_plan, django_assert_num_queries
):
    settings_for(bob)
    years_of_reminders(alice)
    for person in (alice, bob):
        client.force_login(person)
        # session, user, settings, plan, reminders by week, sessions by week, the header's plan
        with django_assert_num_queries(7):
            assert client.get(URL).status_code == 200


def test_the_history_section_appears_once_and_says_nothing_yet_for_a_new_person(logged_in, alice, alice_plan):
    html = logged_in(alice).get(URL).content.decode()
    assert html.count('id="history-title"') == 1
    assert "Nothing yet. Once reminders reach you" in html
    assert html.count("Turn on the calendar feed") == 1
