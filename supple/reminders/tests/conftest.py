"""Plans with a desk routine for the named actors, their reminder settings, and a frozen clock."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings

from supple.domain.tests.helpers import profile
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.services import settings_for
from supple.sessions.models import SessionLog

# People who sit all day get a desk routine beside their daily one.
SITTING = profile(lifestyle={"sitting_hours": 9})
# Tuesday 10 March 2026: London is on GMT (UTC+0), New York already on EDT (UTC-4) since Sunday.
TUESDAY = date(2026, 3, 10)


def at(zone_name: str, day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time somewhere, as an aware UTC datetime (what timezone.now() returns)."""
    from zoneinfo import ZoneInfo

    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone_name)).astimezone(UTC)


@pytest.fixture
def alice_plan(alice) -> Plan:
    return start_plan(alice, SITTING)


@pytest.fixture
def bob_plan(bob) -> Plan:
    return start_plan(bob, SITTING)


@pytest.fixture
def alice_settings(alice, alice_plan) -> ReminderSettings:
    """Alice (London) with the default schedule and every channel on."""
    found = settings_for(alice)
    found.browser = found.email = found.calendar = True
    found.save()
    return found


@pytest.fixture
def clock(time_machine):
    """Stops the clock at a moment (an aware datetime); `clock.to(...)` moves it."""

    class Clock:
        def to(self, moment: datetime) -> datetime:
            time_machine.move_to(moment, tick=False)
            return moment

        def forward(self, delta: timedelta) -> None:
            time_machine.shift(delta)

    return Clock()


@pytest.fixture
def logged_in(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def a_session(user, day: date) -> SessionLog:
    start = datetime(day.year, day.month, day.day, 12, tzinfo=user.zone)
    return SessionLog.objects.create(
        user=user,
        client_id=uuid.uuid4(),
        started_at=start,
        ended_at=start + timedelta(minutes=4),
        local_date=day,
        routine=SessionLog.Routine.DESK,
    )


def years_of_reminders(user, days: int = 730) -> None:
    """Two years of desk-break reminders, eight a day, in every status."""
    statuses = [Reminder.Status.SENT, Reminder.Status.STARTED, Reminder.Status.SNOOZED, Reminder.Status.SKIPPED]
    start = datetime(2024, 3, 1, 10, tzinfo=UTC)
    Reminder.objects.bulk_create(
        [
            Reminder(
                user=user,
                kind=Reminder.Kind.DESK_BREAK,
                channel=Reminder.Channel.BROWSER,
                status=statuses[(day + n) % 4],
                due_at=start + timedelta(days=day, hours=n),
                local_date=(start + timedelta(days=day)).date(),
            )
            for day in range(days)
            for n in range(8)
        ],
        batch_size=1000,
    )


def log_in_browser(page, client, live_server, user) -> None:
    """Give the browser a logged-in session for `user` (no login form needed)."""
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
