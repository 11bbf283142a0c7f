"""The private calendar feed, read back with an independent iCalendar parser (vobject)."""

import io
import math
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta, tzinfo
from urllib.parse import urlsplit

import pytest
import vobject
from dateutil import tz
from django.urls import reverse

from supple.plans.models import Plan
from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.services import settings_for
from supple.reminders.tests.conftest import at

pytestmark = pytest.mark.django_db
# Friday 27 March 2026: London's clocks go forward on Sunday 29 March (GMT to BST).
FRIDAY_BEFORE_LONDON_CHANGE = date(2026, 3, 27)
# Wednesday 28 October 2026: New York's go back on Sunday 1 November (EDT to EST).
BEFORE_NEW_YORK_CHANGE = date(2026, 10, 28)


def feed_url(reminder_settings: ReminderSettings) -> str:
    return reverse("reminders:feed", args=[reminder_settings.calendar_token])


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return vobject.readOne(response.content.decode())


def events(calendar, summary: str) -> list:
    return [e for e in calendar.vevent_list if e.summary.value == summary]


def feed_zones(text: str) -> dict[str, tzinfo]:
    """Each VTIMEZONE of the feed, as dateutil reads its rules (neither icalendar, which wrote it, nor zoneinfo)."""
    blocks = re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, flags=re.DOTALL)
    zones = tz.tzical(io.StringIO("".join(blocks)))
    return {name: zones.get(name) for name in zones.keys()}  # noqa: SIM118 (tzical is no dict)


def instant(event, zones: dict[str, tzinfo]) -> datetime:
    """The event's start as written (local time and TZID), made an instant with the feed's own VTIMEZONE."""
    [tzid] = event.dtstart.params["X-VOBJ-ORIGINAL-TZID"]
    return event.dtstart.value.replace(tzinfo=None).replace(tzinfo=zones[tzid]).astimezone(UTC)


@pytest.fixture
def bob_settings(bob, bob_plan):
    found = settings_for(bob)
    found.calendar = True
    found.save()
    return found


def test_the_feed_holds_two_weeks_of_routines_and_desk_breaks_with_alarms(client, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    calendar = parse(client.get(feed_url(alice_settings)))
    assert calendar.version.value == "2.0" and calendar.prodid.value == "-//supple//reminders//EN"
    assert calendar.refresh_interval.value == "PT6H"
    assert calendar.refresh_interval.params["VALUE"] == ["DURATION"]
    assert calendar.x_published_ttl.value == "PT6H"
    routines, breaks = events(calendar, "supple: your daily routine"), events(calendar, "supple: desk break")
    assert len(routines) == 14
    # 27 March to 9 April: ten working days, eight breaks each.
    assert len(breaks) == 80
    days = Counter(e.dtstart.value.date() for e in breaks)
    assert set(days.values()) == {8} and date(2026, 3, 28) not in days and date(2026, 3, 29) not in days
    everything = calendar.vevent_list
    assert len({e.uid.value for e in everything}) == len(everything)
    for event in everything:
        [alarm] = event.valarm_list
        assert alarm.action.value == "DISPLAY" and alarm.trigger.value == timedelta(0)
        assert event.transp.value == "TRANSPARENT"
        assert event.dtend.value > event.dtstart.value
        assert "Stop if pain spreads down your leg" in event.description.value


def test_times_keep_their_wall_clock_across_londons_change_and_carry_a_vtimezone(client, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    response = client.get(feed_url(alice_settings))
    text = response.content.decode()
    assert "DTSTART;TZID=Europe/London:20260330T080000" in text
    calendar = parse(response)
    assert calendar.vtimezone.tzid.value == "Europe/London"
    zones = feed_zones(text)
    assert list(zones) == ["Europe/London"]
    starts = {e.dtstart.value.date(): e for e in events(calendar, "supple: your daily routine")}
    assert all(e.dtstart.value.strftime("%H:%M") == "08:00" for e in starts.values())
    assert instant(starts[date(2026, 3, 28)], zones) == datetime(2026, 3, 28, 8, tzinfo=UTC)  # GMT
    assert instant(starts[date(2026, 3, 29)], zones) == datetime(2026, 3, 29, 7, tzinfo=UTC)  # BST
    assert instant(starts[date(2026, 4, 9)], zones) == datetime(2026, 4, 9, 7, tzinfo=UTC)


def test_new_york_gets_its_own_zone_and_its_autumn_change(client, bob_settings, clock):
    clock.to(at("America/New_York", BEFORE_NEW_YORK_CHANGE, 7))
    response = client.get(feed_url(bob_settings))
    calendar = parse(response)
    zones = feed_zones(response.content.decode())
    assert list(zones) == ["America/New_York"]
    first = {}
    for event in events(calendar, "supple: desk break"):
        moment = instant(event, zones)
        first[event.dtstart.value.date()] = min(moment, first.get(event.dtstart.value.date(), moment))
    assert first[date(2026, 10, 30)] == datetime(2026, 10, 30, 14, tzinfo=UTC)  # 10:00 EDT
    assert first[date(2026, 11, 2)] == datetime(2026, 11, 2, 15, tzinfo=UTC)  # 10:00 EST


def test_no_events_for_a_stopped_plan(client, alice, alice_settings, clock):
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan

    alice.plans.all().delete()
    start_plan(alice, profile(red_flags={"chest_pain": True}))
    calendar = parse(client.get(feed_url(alice_settings)))
    assert "vevent" not in calendar.contents


def test_the_feed_needs_no_login_but_a_revoked_or_unknown_token_answers_404(logged_in, alice, alice_settings):
    old = feed_url(alice_settings)
    client = logged_in(alice)
    client.post(reverse("reminders:new_calendar_link"))
    new = feed_url(ReminderSettings.objects.get(user=alice))
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get(reverse("reminders:feed", args=["not-a-token"])).status_code == 404


def test_turning_the_calendar_off_closes_the_feed(logged_in, alice, alice_settings):
    url = feed_url(alice_settings)
    logged_in(alice).post(reverse("reminders:channel"), {"channel": "calendar", "on": "0"})
    assert logged_in(alice).get(url).status_code == 404


def test_following_an_event_link_records_a_started_calendar_reminder(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    client = logged_in(alice)
    calendar = parse(client.get(feed_url(alice_settings)))
    event = events(calendar, "supple: desk break")[0]
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 10, 1))
    response = client.post(urlsplit(event.url.value).path)
    reminder = Reminder.objects.get(user=alice)
    assert (reminder.kind, reminder.channel, reminder.status) == ("desk_break", "calendar", "started")
    assert reminder.due_at == instant(event, feed_zones(client.get(feed_url(alice_settings)).content.decode()))
    assert response.url == reverse("sessions:player", args=["desk"]) + f"?reminder={reminder.public_id}"
    client.post(urlsplit(event.url.value).path)
    assert Reminder.objects.count() == 1


def test_a_made_up_event_link_records_nothing_but_still_opens_the_routine(logged_in, alice, alice_settings, bob):
    client = logged_in(alice)
    odd = int(datetime(2026, 3, 27, 10, 7, tzinfo=UTC).timestamp())
    response = client.post(reverse("reminders:from_calendar", args=["desk_break", odd]))
    assert response.url == reverse("sessions:player", args=["desk"])
    assert client.post(reverse("reminders:from_calendar", args=["free_now", odd])).status_code == 302
    assert client.post(reverse("reminders:from_calendar", args=["routine", 10**20])).status_code == 400
    assert not Reminder.objects.exists()


def test_the_feed_costs_two_queries(client, alice_settings, django_assert_num_queries):
    with django_assert_num_queries(2):  # the settings with their person, the plan
        assert client.get(feed_url(alice_settings)).status_code == 200


def routine_texts(client, reminder_settings) -> set[str]:
    calendar = parse(client.get(feed_url(reminder_settings)))
    return {e.description.value.split(" Start here")[0] for e in events(calendar, "supple: your daily routine")}


def test_a_feed_fetched_again_the_same_day_is_the_one_already_made(client, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    first = client.get(feed_url(alice_settings))
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 21))
    again = client.get(feed_url(alice_settings))
    assert again.content == first.content  # DTSTAMP too: the bytes made at 07:00
    assert "DTSTAMP:20260327T070000Z" in again.content.decode()
    assert again["ETag"] == first["ETag"] and first["ETag"].startswith('W/"')


def test_changed_settings_show_in_the_feed_at_once(logged_in, alice, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    client = logged_in(alice)
    before = client.get(feed_url(alice_settings))
    assert "DTSTART;TZID=Europe/London:20260330T080000" in before.content.decode()
    data = {"working_days": ["0", "1", "2", "3", "4"], "work_start": "09:00", "work_end": "17:30"}
    data |= {"time_zone": "Europe/London", "break_minutes": "50", "max_breaks": "8"}
    data |= {"quiet_start": "21:00", "quiet_end": "07:30", "routine_at": "07:45"}  # was 08:00
    assert client.post(reverse("reminders:settings"), data).status_code == 302
    after = client.get(feed_url(alice_settings)).content.decode()
    assert "DTSTART;TZID=Europe/London:20260330T074500" in after
    assert "DTSTART;TZID=Europe/London:20260330T080000" not in after


def test_a_new_time_zone_shows_in_the_feed_at_once(client, alice, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    assert "TZID=Europe/London" in client.get(feed_url(alice_settings)).content.decode()
    alice.time_zone = "America/New_York"
    alice.save()
    text = client.get(feed_url(alice_settings)).content.decode()
    assert "TZID=America/New_York" in text and "Europe/London" not in text


def test_a_new_plan_shows_its_minutes_in_the_feed_at_once(client, alice, alice_settings, alice_plan, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    assert routine_texts(client, alice_settings) == {
        f"Your daily stretches, about {math.ceil(alice_plan.content.minutes)} minutes."
    }
    document = {**alice_plan.document, "minutes": 27.5}
    Plan.objects.create(
        user=alice,
        intake=alice_plan.intake,
        created=alice_plan.created + timedelta(minutes=1),  # the clock is stopped before the first plan was made
        source=Plan.Source.PAIN_RESPONSE,
        decision="proceed",
        document=document,
    )
    assert routine_texts(client, alice_settings) == {"Your daily stretches, about 28 minutes."}


def test_a_new_day_moves_the_feed_on_at_once(client, alice_settings, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 23, 59))
    first = {e.dtstart.value.date() for e in parse(client.get(feed_url(alice_settings))).vevent_list}
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE + timedelta(days=1), 0, 1))
    then = {e.dtstart.value.date() for e in parse(client.get(feed_url(alice_settings))).vevent_list}
    assert min(first) == FRIDAY_BEFORE_LONDON_CHANGE and min(then) == FRIDAY_BEFORE_LONDON_CHANGE + timedelta(days=1)
    assert max(then) == max(first) + timedelta(days=1)


def test_an_unchanged_feed_answers_304_and_a_changed_one_200(client, alice, alice_settings, alice_plan, clock):
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 7))
    etag = client.get(feed_url(alice_settings))["ETag"]
    clock.to(at("Europe/London", FRIDAY_BEFORE_LONDON_CHANGE, 12))
    unchanged = client.get(feed_url(alice_settings), headers={"if-none-match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged["ETag"] == etag
    alice_settings.max_breaks = 3
    alice_settings.save()
    changed = client.get(feed_url(alice_settings), headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(events(parse(changed), "supple: desk break")) == 30  # ten working days, three breaks each
