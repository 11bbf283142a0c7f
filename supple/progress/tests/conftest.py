"""Plans, a frozen clock and long histories for the check-in, activities and progress tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from supple.domain.intake import RED_FLAGS
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.progress import views
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.sessions.models import SessionLog

# A Wednesday, mid-afternoon in London (BST, UTC+1) and mid-morning in New York.
NOW = datetime(2026, 6, 10, 14, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
HISTORY_DAYS = 730  # two years of daily logs


def profile(intensity: int = 5, pregnancy_trimester: int = 0) -> dict:
    """A 46-year-old with 9 weeks of back pain and nothing worrying."""
    return {
        "version": 1,
        "age": 46,
        "pain": {"intensity": intensity, "weeks": 9, "areas": ["low_back"], "worse_with": ["sitting"]},
        "red_flags": {name: False for name in RED_FLAGS},
        "conditions": {"pregnancy_trimester": pregnancy_trimester},
        "lifestyle": {"sitting_hours": 8},
    }


class Clock:
    """Freezes the clock (time-machine): model defaults, `user.local_date()` and the views read it."""

    def __init__(self, traveller: time_machine.Coordinates) -> None:
        self.traveller = traveller

    def set(self, moment: datetime) -> None:
        self.traveller.move_to(moment)

    def advance(self, **delta) -> None:
        self.traveller.shift(timedelta(**delta))


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield Clock(traveller)


@pytest.fixture
def alice_plan(alice) -> Plan:
    """Alice's plan from an intake with pain 5/10."""
    return start_plan(alice, profile(intensity=5))


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def no_pain_response(monkeypatch):
    """The pain response replaced by one that changes nothing, to count only this app's queries."""
    monkeypatch.setattr(views, "apply_pain_response", lambda user: None)


def checkin_answers(pain: int = 3, **answers: str) -> dict[str, str]:
    """A check-in form as a browser posts it: every question answered no unless given."""
    data = {"pain": str(pain), "new_numbness": "no", "spreading": "no"}
    data.update({f"flag_{name}": "no" for name in RED_FLAGS})
    data.update(answers)
    return data


def add_history(user, plan: Plan | None, today: date, days: int = HISTORY_DAYS) -> None:
    """`days` of daily check-ins and sessions, weekly ratings of three activities, and plan changes."""
    dates = [today - timedelta(days=n) for n in range(days)]
    CheckIn.objects.bulk_create(CheckIn(user=user, date=d, pain=2 + d.toordinal() % 5) for d in dates)
    SessionLog.objects.bulk_create(session(user, plan, d, n) for n, d in enumerate(dates))
    activities = Activity.objects.bulk_create(
        Activity(user=user, name=name, position=n)
        for n, name in enumerate(("Putting on socks", "Gardening", "Driving"))
    )
    ActivityRating.objects.bulk_create(
        ActivityRating(activity=a, date=d, score=3 + (d.toordinal() + a.position) % 5)
        for a in activities
        for d in dates[::7]
    )
    if plan is not None:
        Plan.objects.bulk_create(
            Plan(
                user=user,
                intake=plan.intake,
                source=Plan.Source.PAIN_RESPONSE,
                decision=plan.decision,
                document=plan.document,
                created=datetime.combine(d, time(9), tzinfo=UTC),
                changes=[f"Holds shortened because your pain rose on {d}."],
            )
            for d in dates[::30]
        )


def session(user, plan: Plan | None, day: date, n: int = 0, **fields) -> SessionLog:
    started = datetime.combine(day, time(8), tzinfo=UTC)
    values = {
        "user": user,
        "client_id": uuid.uuid4(),
        "plan": plan,
        "started_at": started,
        "ended_at": started + timedelta(minutes=10),
        "local_date": day,
        "pain_before": 4,
        "pain_after": 3,
        "routine": SessionLog.Routine.DESK if n % 4 == 3 else SessionLog.Routine.DAILY,
    }
    values.update(fields)
    return SessionLog(**values)
