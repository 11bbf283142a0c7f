"""Every time a person reads, on a page or in an email, is on their own clock, whatever the server's zone."""

import re
from datetime import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from supple.plans.services import start_plan
from supple.reminders.services import refresh_next_email, settings_for
from supple.reminders.tests.conftest import SITTING, TUESDAY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokyo(alice):
    """Alice, living in Tokyo (UTC+9, no daylight saving), with a desk routine."""
    alice.time_zone = "Asia/Tokyo"
    alice.save(update_fields=["time_zone"])
    start_plan(alice, SITTING)
    return alice


def test_the_next_email_is_announced_at_the_time_it_is_sent(logged_in, bob, bob_plan, clock):
    # Bob lives in New York (UTC-4 on that day): 20:01 there is 00:01 the next day in UTC.
    clock.to(at("America/New_York", TUESDAY, 9))
    found = settings_for(bob)
    found.email, found.routine_at = True, time(20, 1)
    refresh_next_email(found, at("America/New_York", TUESDAY, 9))
    found.save()
    assert found.next_email_at == at("America/New_York", TUESDAY, 20, 1)
    html = logged_in(bob).get(reverse("reminders:settings")).content.decode()
    assert re.search(r"Next email: <time[^>]*>Tuesday 20:01</time> \(America/New_York\)", html)


def test_desk_breaks_are_listed_on_the_persons_clock(logged_in, tokyo, clock):
    clock.to(at("Asia/Tokyo", TUESDAY, 9))
    found = settings_for(tokyo)
    found.work_start, found.break_minutes, found.max_breaks = time(9, 55), 50, 12
    found.save()
    html = logged_in(tokyo).get(reverse("reminders:settings")).content.decode()
    first = re.search(r"Desk breaks left today: <time[^>]*>([0-9:]+)</time>", html)
    assert first is not None and first.group(1) == "10:45"


def test_the_plan_history_shows_when_each_plan_was_made_on_the_persons_clock(logged_in, tokyo, clock):
    clock.to(at("Asia/Tokyo", TUESDAY, 10, 45))
    start_plan(tokyo, SITTING)
    html = logged_in(tokyo).get(reverse("plans:history")).content.decode()
    assert "10 Mar 2026, 10:45" in html
    assert "01:45" not in html


def test_a_reminder_email_names_its_time_on_the_persons_clock(tokyo, clock, smtp):
    clock.to(at("Asia/Tokyo", TUESDAY, 7))
    found = settings_for(tokyo)
    found.email = True
    refresh_next_email(found, at("Asia/Tokyo", TUESDAY, 7))
    found.save()
    clock.to(at("Asia/Tokyo", TUESDAY, 8))
    call_command("sendreminders")
    [message] = smtp.messages
    text = message.get_payload(decode=True).decode()
    assert "This reminder comes at 08:00 each day." in text
