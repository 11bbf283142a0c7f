"""What the Today page shows: the day's routines, the streak and this week's sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.db.models import Max

from supple.accounts.models import User
from supple.domain.outcomes import PSFS_RERATE_DAYS
from supple.progress.models import ActivityRating, CheckIn
from supple.sessions.models import SessionLog

# A streak is counted back at most this far: enough for a year of daily practice.
STREAK_WINDOW_DAYS = 366
# The week strip's day names, Monday first as the week is counted.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ONE_DAY = timedelta(days=1)


class WeekDay(NamedTuple):
    day: date
    done: bool  # at least one session
    name: str  # "Monday": named here, as the date filter for it took a quarter of the page's rendering


@dataclass(frozen=True)
class Week:
    days: list[WeekDay]  # Monday to Sunday
    sessions: int


@dataclass(frozen=True)
class Day:
    today: date
    streak: int
    week: Week
    checked_in: bool
    rerate_due: bool


def streak_of(session_days: list[date], today: date) -> int:
    """Consecutive days with a session, ending today (or yesterday, if today has none yet)."""
    days = set(session_days)
    day = today if today in days else today - ONE_DAY
    count = 0
    while day in days:
        count, day = count + 1, day - ONE_DAY
    return count


def day_for(user: User) -> Day:
    """Everything the Today page needs beyond the plan, in a fixed number of queries (3)."""
    today = user.local_date()
    rows = (
        SessionLog.objects.filter(user=user, local_date__gt=today - timedelta(days=STREAK_WINDOW_DAYS))
        .values_list("local_date", flat=True)
        .order_by()
        .distinct()
    )
    recent = list(rows)
    monday = today - timedelta(days=today.weekday())
    this_week = {d for d in recent if d >= monday}
    week_days = [monday + timedelta(days=i) for i in range(7)]
    last_rating = ActivityRating.objects.filter(activity__user=user, activity__archived=False).aggregate(
        last=Max("date")
    )["last"]
    return Day(
        today=today,
        streak=streak_of(recent, today),
        week=Week([WeekDay(d, d in this_week, WEEKDAYS[d.weekday()]) for d in week_days], len(this_week)),
        checked_in=CheckIn.objects.filter(user=user, date=today).exists(),
        rerate_due=last_rating is not None and (today - last_rating).days >= PSFS_RERATE_DAYS,
    )
