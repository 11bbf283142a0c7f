"""Two `supple sendreminders` processes at once, against PostgreSQL: no reminder is sent twice.

Run in the PostgreSQL pass only:
    scripts/with-postgres .venv/bin/pytest -m postgres supple/reminders
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection

from supple.domain.tests.helpers import profile
from supple.plans.models import Intake, Plan
from supple.plans.services import start_plan
from supple.reminders.models import Reminder, ReminderSettings

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PEOPLE = 300
WAIT = 60  # seconds, at most, for all the emails


def database_url() -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def people_due_now(django_user_model) -> datetime:
    """PEOPLE people with a plan and email reminders whose routine time was a minute ago (UTC)."""
    due = (datetime.now(UTC) - timedelta(minutes=1)).replace(second=0, microsecond=0)
    users = django_user_model.objects.bulk_create(
        django_user_model(email=f"person{n}@example.org", time_zone="UTC") for n in range(PEOPLE)
    )
    first = start_plan(users[0], profile(lifestyle={"sitting_hours": 9}))
    intakes = Intake.objects.bulk_create(Intake(user=u, profile=first.intake.profile) for u in users[1:])
    Plan.objects.bulk_create(
        Plan(user=i.user, intake=i, decision=first.decision, document=first.document) for i in intakes
    )
    ReminderSettings.objects.bulk_create(
        ReminderSettings(
            user=u,
            email=True,
            routine_at=due.time(),
            quiet_start=(due + timedelta(hours=3)).time(),
            quiet_end=(due + timedelta(hours=4)).time(),
        )
        for u in users
    )
    return due


def other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def wait_for(condition, seconds: float) -> bool:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_two_sendreminders_processes_at_once_never_send_a_reminder_twice(django_user_model, smtp, tmp_path):
    if connection.vendor != "postgresql":
        pytest.fail(
            "This test needs PostgreSQL (DATABASE_URL=postgresql://...); run it with "
            "scripts/with-postgres .venv/bin/pytest -m postgres supple/reminders"
        )
    due = people_due_now(django_user_model)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(settings.EMAIL_PORT),
        "SECRET_KEY": settings.SECRET_KEY,
        "SUPPLE_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "supple.cli", "sendreminders", "--loop", "--sleep", "0.1"]
    senders = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    try:
        # Both are polling before anything falls due, so they race for the same people.
        assert wait_for(lambda: other_connections() >= 2, 30), "the two sendreminders processes did not start"
        ReminderSettings.objects.update(next_email_at=due)
        wait_for(lambda: len(smtp.messages) >= PEOPLE, WAIT)
        time.sleep(1)  # time for a duplicate, if there were one, to arrive
    finally:
        for sender in senders:
            sender.send_signal(signal.SIGTERM)
        outputs = [sender.communicate(timeout=20) for sender in senders]
    assert [sender.returncode for sender in senders] == [0, 0], outputs
    counts = [int(re.search(r"sent (\d+) reminder", out).group(1)) for out, _ in outputs]
    print(f"the two processes sent {counts[0]} and {counts[1]} emails")
    assert sum(counts) == PEOPLE and all(counts), counts
    recipients = Counter(m["X-Envelope-To"] for m in smtp.messages)
    assert len(recipients) == PEOPLE and set(recipients.values()) == {1}
    assert Reminder.objects.filter(channel="email").count() == PEOPLE
    assert not ReminderSettings.objects.filter(next_email_at__lte=due).exists()
