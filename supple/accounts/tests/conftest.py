"""A person's full history in every table supple keeps, made fast with bulk inserts."""

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from supple.domain.tests.helpers import profile
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.reminders.models import Reminder, ReminderSettings
from supple.sessions.models import ExerciseLog, SessionLog

FIRST_DAY = date(2025, 1, 6)
EXERCISES = ("seated-figure-four-stretch", "standing-hip-flexor-stretch", "cat-camel")


def fill_history(user, days: int = 3) -> dict:
    """Two plans, a session with three exercise logs and a check-in every day, two rated activities."""
    first = start_plan(user, profile())
    intake = first.intake
    plan = Plan.objects.create(
        user=user,
        intake=intake,
        source=Plan.Source.PAIN_RESPONSE,
        decision=first.decision,
        document=first.document,
        changes=["Holds shortened because your pain rose the next morning."],
    )
    sessions = []
    for n in range(days):
        day = FIRST_DAY + timedelta(days=n)
        start = datetime.combine(day, time(7, 30), tzinfo=UTC)
        sessions.append(
            SessionLog(
                user=user,
                client_id=uuid.uuid4(),
                plan=plan if n else None,
                started_at=start,
                ended_at=start + timedelta(minutes=11),
                local_date=day,
                pain_before=5,
                pain_after=n % 4,
                outcome=SessionLog.Outcome.LEG_SYMPTOMS if n == 1 else SessionLog.Outcome.COMPLETED,
            )
        )
    SessionLog.objects.bulk_create(sessions)
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            session=session,
            position=position,
            exercise_id=exercise,
            sets_done=2,
            skipped=position == 2,
            response="fine" if position else "too_much",
            pain_during=3 if position == 0 else None,
            spread_down_leg=position == 1,
        )
        for session in sessions
        for position, exercise in enumerate(EXERCISES)
    )
    CheckIn.objects.bulk_create(
        CheckIn(
            user=user,
            date=FIRST_DAY + timedelta(days=n),
            pain=n % 11,
            new_numbness=n == 2,
            red_flags=["saddle_numbness"] if n == 2 else [],
        )
        for n in range(days)
    )
    activities = [
        Activity.objects.create(user=user, name=f"{name} ({user.email})", position=i, archived=i == 1)
        for i, name in enumerate(("Tying my shoes", "Sitting through a film"))
    ]
    ActivityRating.objects.bulk_create(
        ActivityRating(activity=activity, date=FIRST_DAY + timedelta(weeks=week), score=(week + i) % 11)
        for i, activity in enumerate(activities)
        for week in range(max(1, days // 7))
    )
    ReminderSettings.objects.create(user=user, email=True)
    reminder = Reminder.objects.create(
        user=user,
        kind=Reminder.Kind.DESK_BREAK,
        channel=Reminder.Channel.BROWSER,
        status=Reminder.Status.STARTED,
        due_at=datetime.combine(FIRST_DAY, time(10, 0), tzinfo=UTC),
        local_date=FIRST_DAY,
    )
    SessionLog.objects.filter(pk=sessions[0].pk).update(prompted_by=reminder)
    return {
        "intake": intake,
        "plans": [first, plan],
        "sessions": sessions,
        "activities": activities,
        "reminder": reminder,
    }


@pytest.fixture
def history():
    return fill_history
