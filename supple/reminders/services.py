"""Reminders for the web app: each person's settings, today's browser reminders, what they did with them.

Views and the `sendreminders` command call these; the times themselves come from the pure
supple.domain.reminders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count

from supple.accounts.models import User
from supple.domain.reminders import SNOOZE, desk_breaks, next_email, routine_time
from supple.plans.models import Plan
from supple.reminders.models import Reminder, ReminderSettings
from supple.sessions.models import SessionLog

# A desk break this recent is still shown when a page opens just after it.
GRACE = timedelta(minutes=5)
Status, Kind, Channel = Reminder.Status, Reminder.Kind, Reminder.Channel


class Conflict(Exception):
    """The reminder cannot do that now (e.g. snoozing a reminder already skipped)."""


def settings_for(user: User) -> ReminderSettings:
    """The person's reminder settings, made with the defaults on first use."""
    found, _ = ReminderSettings.objects.get_or_create(user=user)
    found.user = user  # the caller's copy, with any time zone change it just made
    return found


def can_remind(plan: Plan | None) -> bool:
    """Exercise reminders only for a person with a plan that is not stopped (emergency, urgent, new numbness)."""
    return plan is not None and not plan.stopped


def has_desk_routine(plan: Plan | None) -> bool:
    return can_remind(plan) and bool(plan.content.desk_routine)


def refresh_next_email(reminder_settings: ReminderSettings, now: datetime) -> None:
    """Set when the next reminder email is due (None while the email channel is off); the caller saves."""
    found = next_email(reminder_settings.schedule(), now) if reminder_settings.email else None
    reminder_settings.next_email_at = found[1] if found else None


def browser_breaks(reminder_settings: ReminderSettings, plan: Plan | None, now: datetime) -> list[datetime]:
    """Today's desk breaks still to show in the browser: the schedule's and the snoozed ones, none after "Skip today".

    One query (today's browser reminders).
    """
    if not (reminder_settings.browser and has_desk_routine(plan)):
        return []
    user = reminder_settings.user
    today = user.local_date(now)
    rows = list(
        user.reminders.filter(local_date=today, channel=Channel.BROWSER, kind=Kind.DESK_BREAK).values_list(
            "due_at", "status"
        )
    )
    if any(status == Status.SKIPPED for _, status in rows):
        return []
    # Compared in UTC: an aware time in a repeated hour hashes by its first offset.
    given = {due.astimezone(UTC) for due, status in rows if status != Status.DUE}
    times = {t.astimezone(UTC) for t in desk_breaks(reminder_settings.schedule(), today)} - given
    times |= {due.astimezone(UTC) for due, status in rows if status == Status.DUE}
    return [t.astimezone(user.zone) for t in sorted(times) if t > now - GRACE]


def record_shown(
    reminder_settings: ReminderSettings, plan: Plan | None, due_at: datetime, now: datetime
) -> tuple[Reminder, bool]:
    """Record that a desk-break notification is due on screen; the reminder, and whether this browser should show it.

    The first browser (of several tabs or devices) to report a break shows it; the others
    do not. Raises Conflict for a time that is not one of the person's breaks today.
    """
    if due_at.astimezone(UTC) not in {t.astimezone(UTC) for t in browser_breaks(reminder_settings, plan, now)}:
        raise Conflict("That is not one of your desk breaks today, or it was already shown.")
    user = reminder_settings.user
    values = {"status": Status.SENT, "sent_at": now, "local_date": user.local_date(due_at)}
    try:
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(
                user=user, kind=Kind.DESK_BREAK, channel=Channel.BROWSER, due_at=due_at, defaults=values
            )
    except IntegrityError:  # another tab reported the same break at the same moment
        return Reminder.objects.get(user=user, kind=Kind.DESK_BREAK, channel=Channel.BROWSER, due_at=due_at), False
    if created:
        return reminder, True
    shown = Reminder.objects.filter(id=reminder.id, status=Status.DUE).update(status=Status.SENT, sent_at=now)
    reminder.refresh_from_db()
    return reminder, bool(shown)


def start(reminder: Reminder, now: datetime) -> None:
    """The person starts the routine from this reminder."""
    if reminder.status in (Status.SENT, Status.DUE):
        reminder.status, reminder.acted_at = Status.STARTED, now
        reminder.save(update_fields=["status", "acted_at"])


def snooze(reminder: Reminder, now: datetime) -> Reminder:
    """The "In 10 minutes" button: the reminder is snoozed, and a new one is due 10 minutes from now.

    Returns the new reminder; pressing the button again returns the same one.
    """
    if reminder.status == Status.SNOOZED:
        return Reminder.objects.filter(snoozed_from=reminder).order_by("-due_at").first() or reminder
    if reminder.status != Status.SENT or reminder.kind != Kind.DESK_BREAK:
        raise Conflict(f"This reminder was already {reminder.get_status_display().lower()}.")
    due_at = now + SNOOZE
    with transaction.atomic():
        reminder.status, reminder.acted_at = Status.SNOOZED, now
        reminder.save(update_fields=["status", "acted_at"])
        return Reminder.objects.create(
            user=reminder.user,
            kind=reminder.kind,
            channel=reminder.channel,
            status=Status.DUE,
            due_at=due_at,
            local_date=reminder.user.local_date(due_at),
            snoozed_from=reminder,
        )


def skip_today(reminder: Reminder, now: datetime) -> None:
    """The "Skip today" button: no more desk breaks (and no evening email) for the rest of the person's day."""
    if reminder.status == Status.SKIPPED:
        return
    if reminder.status != Status.SENT:
        raise Conflict(f"This reminder was already {reminder.get_status_display().lower()}.")
    with transaction.atomic():
        reminder.status, reminder.acted_at = Status.SKIPPED, now
        reminder.save(update_fields=["status", "acted_at"])
        today = reminder.user.local_date(now)
        Reminder.objects.filter(user=reminder.user, local_date__gte=today, status=Status.DUE).delete()


def skipped_on(user: User, day: date) -> bool:
    return user.reminders.filter(local_date=day, status=Status.SKIPPED).exists()


def free_now(user: User, now: datetime) -> Reminder:
    """The "I'm free now" button: a desk routine the person started without being reminded."""
    return Reminder.objects.create(
        user=user,
        kind=Kind.FREE_NOW,
        channel=Channel.PAGE,
        status=Status.STARTED,
        due_at=now,
        local_date=user.local_date(now),
        acted_at=now,
    )


def from_calendar(reminder_settings: ReminderSettings, kind: str, due_at: datetime, now: datetime) -> Reminder | None:
    """The person followed the link of a calendar event: record it started; None for a time not in their schedule."""
    schedule = reminder_settings.schedule()
    day = due_at.astimezone(schedule.zone).date()
    if kind == Kind.DESK_BREAK:
        times = desk_breaks(schedule, day)
    elif kind == Kind.ROUTINE:
        times = [t for t in [routine_time(schedule, day)] if t is not None]
    else:
        return None
    if due_at.astimezone(UTC) not in {t.astimezone(UTC) for t in times}:
        return None
    user = reminder_settings.user
    values = {"status": Status.STARTED, "acted_at": now, "local_date": day}
    try:
        with transaction.atomic():
            reminder, _ = Reminder.objects.get_or_create(
                user=user, kind=kind, channel=Channel.CALENDAR, due_at=due_at, defaults=values
            )
    except IntegrityError:  # followed twice at the same moment
        reminder = Reminder.objects.get(user=user, kind=kind, channel=Channel.CALENDAR, due_at=due_at)
    return reminder


@dataclass(frozen=True)
class Week:
    """What happened with the person's reminders in one week (starting Monday)."""

    monday: date
    reminded: int = 0
    started: int = 0
    snoozed: int = 0
    skipped: int = 0
    free_now: int = 0
    prompted: int = 0  # sessions started from a reminder
    self_started: int = 0  # sessions the person started without one ("I'm free now" included)


def weekly_history(user: User, today: date, weeks: int = 8) -> list[Week]:
    """The last `weeks` weeks, newest first, with zeros for quiet weeks. Two queries.

    `reminded` counts every reminder given (browser, email, or a calendar event the person
    followed); `free_now` counts desk routines started with "I'm free now"; `prompted` and
    `self_started` count the sessions logged with and without a reminder behind them.

    The database counts by day (and kind and status), a few dozen rows whatever the
    history; the days are added up into weeks here, which is cheaper than truncating each
    row's date to its week in SQL.
    """
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    found: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(WEEK_COUNTS, 0))
    rows = (
        user.reminders.filter(local_date__gte=first_monday)
        .values_list("local_date", "kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, kind, status, n in rows:
        week = found[day - timedelta(days=day.weekday())]
        if kind == Kind.FREE_NOW:
            week["free_now"] += n
        elif status != Status.DUE:
            week["reminded"] += n
            week["started"] += n if status == Status.STARTED else 0
        week["snoozed"] += n if status == Status.SNOOZED else 0
        week["skipped"] += n if status == Status.SKIPPED else 0
    sessions = (
        SessionLog.objects.filter(user=user, local_date__gte=first_monday)
        .values_list("local_date")
        .annotate(every=Count("id"), prompted=Count("prompted_by"))
        .order_by()
    )
    for day, every, prompted in sessions:
        week = found[day - timedelta(days=day.weekday())]
        week["prompted"] += prompted
        week["self_started"] += every - prompted
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks)]
    return [Week(monday, **found[monday]) if monday in found else Week(monday) for monday in mondays]


# Week's counts, each a field of Week.
WEEK_COUNTS = ("reminded", "started", "snoozed", "skipped", "free_now", "prompted", "self_started")


def time_zone_changed(user: User, now: datetime) -> None:
    """Move the next reminder email to the person's new clock (the Account page changes the zone too)."""
    reminder_settings = ReminderSettings.objects.filter(user=user).select_related("user").first()
    if reminder_settings is not None:
        refresh_next_email(reminder_settings, now)
        reminder_settings.save(update_fields=["next_email_at"])
