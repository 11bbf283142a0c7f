"""When to remind a person: desk breaks through the working day, the daily routine, the evening nudge.

Pure functions of a person's reminder schedule and a date, on the person's own clock.
Wall-clock times follow daylight saving (zoneinfo): a time that does not exist on the day
the clocks go forward is moved forward by the gap (02:30 becomes 03:30), and a time that
happens twice on the day they go back is taken the first time. Desk breaks are spaced by
real elapsed time, so a working day that spans a change still gets a break every interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Desk breaks "about every 45 to 60 minutes of sitting" (clinical rules, section 5); people may choose within these.
DEFAULT_BREAK_MINUTES = 50
MIN_BREAK_MINUTES = 15
MAX_BREAK_MINUTES = 180
# The most desk breaks a person may ask for in one day (one every 15 minutes of a 7.5-hour day).
MAX_BREAKS_LIMIT = 30
# When the daily maximum would cut the afternoon off, breaks are spread out instead, to whole 5 minutes.
SPREAD_STEP_MINUTES = 5
# The evening follow-up email, sent only when nothing was logged that day (product choice, before most quiet hours).
FOLLOW_UP_AT = time(19, 0)
# If quiet hours begin before FOLLOW_UP_AT, the follow-up comes this long before they begin instead.
FOLLOW_UP_BEFORE_QUIET = timedelta(hours=1)
# "In 10 minutes" on a desk-break notification.
SNOOZE = timedelta(minutes=10)

ROUTINE = "routine"
FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Schedule:
    """A person's reminder settings. Weekdays are numbered as date.weekday(): Monday 0 to Sunday 6."""

    zone: ZoneInfo
    working_days: frozenset[int] = frozenset(range(5))
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    break_minutes: int = DEFAULT_BREAK_MINUTES
    quiet_start: time = time(21, 0)
    quiet_end: time = time(7, 30)
    max_breaks: int = 8
    routine_at: time = time(8, 0)


def wall_clock(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` on `day` in `zone`, moved forward past a daylight-saving gap; the first of two in an overlap."""
    # fold=0 reads a missing time with the offset from before the change, so the round trip
    # through UTC lands the same distance past the change: 02:30 in a one-hour gap is 03:30.
    return datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def is_quiet(schedule: Schedule, at: time) -> bool:
    """Whether a wall-clock time falls in the quiet hours, which may run past midnight."""
    start, end = schedule.quiet_start, schedule.quiet_end
    if start <= end:
        return start <= at < end
    return at >= start or at < end


def break_interval(schedule: Schedule, day: date) -> timedelta:
    """The person's interval, or a wider one (to whole 5 minutes) so the daily maximum spans the working day."""
    start, end = _working_hours(schedule, day)
    span_minutes = (end - start).total_seconds() / 60
    needed = math.ceil(span_minutes / (schedule.max_breaks + 1) / SPREAD_STEP_MINUTES) * SPREAD_STEP_MINUTES
    return timedelta(minutes=max(schedule.break_minutes, needed))


def desk_breaks(schedule: Schedule, day: date) -> list[datetime]:
    """The desk-break times of a day, in the person's zone: working days only, never in quiet hours."""
    if day.weekday() not in schedule.working_days:
        return []
    start, end = _working_hours(schedule, day)
    every = break_interval(schedule, day)
    times = []
    moment = start + every
    while moment < end and len(times) < schedule.max_breaks:
        local = moment.astimezone(schedule.zone)
        if not is_quiet(schedule, local.time()):
            times.append(local)
        moment += every
    return times


def routine_time(schedule: Schedule, day: date) -> datetime | None:
    """When to remind the person of their daily routine (every day); None if it falls in quiet hours."""
    moment = wall_clock(day, schedule.routine_at, schedule.zone)
    return None if is_quiet(schedule, moment.time()) else moment


def follow_up_time(schedule: Schedule, day: date) -> datetime | None:
    """The evening follow-up: FOLLOW_UP_AT, or an hour before quiet hours begin; None if no room after the routine."""
    at = datetime.combine(day, FOLLOW_UP_AT)
    if is_quiet(schedule, FOLLOW_UP_AT):
        at = datetime.combine(day, schedule.quiet_start) - FOLLOW_UP_BEFORE_QUIET
    if at.date() != day or is_quiet(schedule, at.time()) or at.time() <= schedule.routine_at:
        return None
    return wall_clock(day, at.time(), schedule.zone)


def email_times(schedule: Schedule, day: date) -> list[tuple[str, datetime]]:
    """The day's reminder emails, at most two: the routine, then the follow-up."""
    times = [(ROUTINE, routine_time(schedule, day)), (FOLLOW_UP, follow_up_time(schedule, day))]
    return [(kind, moment) for kind, moment in times if moment is not None]


def next_email(schedule: Schedule, after: datetime) -> tuple[str, datetime] | None:
    """The first reminder email strictly after `after`, or None if the schedule has none (all quiet)."""
    first_day = after.astimezone(schedule.zone).date() - timedelta(days=1)
    for offset in range(9):
        for kind, moment in email_times(schedule, first_day + timedelta(days=offset)):
            if moment > after:
                return kind, moment
    return None


def email_due_at(schedule: Schedule, moment: datetime) -> str | None:
    """The kind of reminder email due exactly at `moment`, or None if the schedule has none then."""
    found = next_email(schedule, moment - timedelta(microseconds=1))
    return found[0] if found is not None and found[1] == moment else None


def problems(schedule: Schedule) -> dict[str, str]:
    """What makes a schedule unusable, by setting name, in words for the person."""
    found = {}
    if not schedule.working_days:
        found["working_days"] = "Pick at least one working day."
    if schedule.work_end <= schedule.work_start:
        found["work_end"] = "Your working day must end after it starts."
    if not MIN_BREAK_MINUTES <= schedule.break_minutes <= MAX_BREAK_MINUTES:
        found["break_minutes"] = f"Choose from {MIN_BREAK_MINUTES} to {MAX_BREAK_MINUTES} minutes."
    if not 1 <= schedule.max_breaks <= MAX_BREAKS_LIMIT:
        found["max_breaks"] = f"Choose from 1 to {MAX_BREAKS_LIMIT}."
    if schedule.quiet_start == schedule.quiet_end:
        found["quiet_end"] = "Quiet hours need different start and end times."
    elif is_quiet(schedule, schedule.routine_at):
        found["routine_at"] = "This falls in your quiet hours, when supple stays silent. Pick another time."
    if found:
        return found
    if _whole_day_quiet(schedule):
        found["quiet_start"] = "Your quiet hours cover your whole working day, so no desk break could reach you."
    elif not any(desk_breaks(schedule, _a_working_day(schedule))):
        found["break_minutes"] = "No desk break fits in your working day: choose a shorter interval."
    return found


def _working_hours(schedule: Schedule, day: date) -> tuple[datetime, datetime]:
    """The working day's start and end, in UTC so that subtraction gives real elapsed time."""
    start = wall_clock(day, schedule.work_start, schedule.zone).astimezone(UTC)
    return start, wall_clock(day, schedule.work_end, schedule.zone).astimezone(UTC)


def _whole_day_quiet(schedule: Schedule) -> bool:
    minute = datetime.combine(date.min, schedule.work_start)
    end = datetime.combine(date.min, schedule.work_end)
    while minute < end:
        if not is_quiet(schedule, minute.time()):
            return False
        minute += timedelta(minutes=1)
    return True


def _a_working_day(schedule: Schedule) -> date:
    """A date (without daylight-saving changes) on one of the person's working days, to try the schedule on."""
    monday = date(2001, 1, 1)
    return monday + timedelta(days=min(schedule.working_days))
