"""The private calendar feed: the daily routine and the desk breaks of the coming days, with alarms (RFC 5545)."""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from icalendar import Alarm, Calendar, Event
from icalendar.prop import vDuration

from supple.domain.reminders import Schedule, desk_breaks, routine_time
from supple.plans.models import Plan
from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.services import can_remind, has_desk_routine

FEED_DAYS = 14
# Calendar apps should fetch the feed again this often, so that changed settings reach them.
REFRESH = timedelta(hours=6)
SAFETY = "Stop if pain spreads down your leg, or you feel new tingling, numbness or weakness."
# Part of every cache key: change it whenever the feed's text or layout changes, so that no
# process serves a feed made by the code before.
FEED_FORMAT = 1
# A cached feed is for one local day (the day is in its key); this only lets old days go.
CACHE_SECONDS = 24 * 60 * 60


def cached_calendar_feed(reminder_settings: ReminderSettings, plan: Plan | None, now: datetime) -> tuple[bytes, str]:
    """The feed's bytes, made at most once a day per schedule and plan, and their version (for an ETag).

    Making the feed costs tens of milliseconds, and calendar apps fetch it over and over; the
    bytes are cached (Django's per-process cache) under a digest of everything the feed shows:
    the person, their schedule and time zone, their plan (plans are never edited, a change is
    a new plan with a new public_id) and their local date. Changed settings, a new plan or a
    new day give a new digest, so the feed shows them at once. Reminders the person skipped
    or snoozed are not in the feed, which shows the schedule only. DTSTAMP is the time the
    cached feed was made, which RFC 5545 allows (when its information was last revised).
    """
    schedule = reminder_settings.schedule()
    version = feed_version(reminder_settings.user.public_id, schedule, plan, now.astimezone(schedule.zone).date())
    key = f"reminders:calendar-feed:{version}"
    body = cache.get(key)
    if body is None:
        body = calendar_feed(reminder_settings, plan, now)
        cache.set(key, body, CACHE_SECONDS)
    return body, version


def feed_version(person: uuid.UUID, schedule: Schedule, plan: Plan | None, today: date) -> str:
    """A digest of all the feed depends on; the same digest always means the same events."""
    values = {field.name: getattr(schedule, field.name) for field in fields(schedule)}
    values.update(zone=schedule.zone.key, working_days=sorted(schedule.working_days))
    shown = (
        FEED_FORMAT,
        person,
        sorted(values.items()),
        plan.public_id if plan is not None else None,
        today,
        settings.SITE_ROOT,
        get_script_prefix(),
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:32]


def calendar_feed(reminder_settings: ReminderSettings, plan: Plan | None, now: datetime) -> bytes:
    """The feed as iCalendar bytes: events in the person's time zone, with its VTIMEZONE and an alarm each.

    Event UIDs are stable (kind, day and time), so a calendar app updates events rather than
    duplicating them when it fetches the feed again.
    """
    user = reminder_settings.user
    calendar = Calendar.new(
        prodid="-//supple//reminders//EN",
        name="supple reminders",
        description="Your stretching reminders from supple.",
        refresh_interval=REFRESH,
        uid=f"{user.public_id}@supple",
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    schedule = reminder_settings.schedule()
    today = now.astimezone(schedule.zone).date()
    for day in [today + timedelta(days=n) for n in range(FEED_DAYS)]:
        if can_remind(plan):
            moment = routine_time(schedule, day)
            if moment is not None:
                calendar.add_component(_event(user, Reminder.Kind.ROUTINE, moment, plan.content.minutes, now))
        if has_desk_routine(plan):
            for moment in desk_breaks(schedule, day):
                minutes = plan.content.desk_minutes
                calendar.add_component(_event(user, Reminder.Kind.DESK_BREAK, moment, minutes, now))
    # Only the rules these days need: a short VTIMEZONE rather than one from 1970 to 2038.
    calendar.add_missing_timezones(
        first_date=today - timedelta(days=1), last_date=today + timedelta(days=FEED_DAYS + 1)
    )
    return calendar.to_ical()


EVENT_TEXT = {
    Reminder.Kind.ROUTINE: ("supple: your daily routine", "Your daily stretches, about {minutes} minutes."),
    Reminder.Kind.DESK_BREAK: ("supple: desk break", "Stand up and stretch: about {minutes} minutes at your desk."),
}


def _event(user, kind: str, start: datetime, minutes: float | None, now: datetime) -> Event:
    length = max(2, math.ceil(minutes or 5))
    summary, description = EVENT_TEXT[kind]
    stamp = int(start.timestamp())
    link = settings.SITE_ROOT.rstrip("/") + reverse("reminders:from_calendar", args=[kind, stamp])
    event = Event.new(
        uid=f"{kind}-{stamp}-{user.public_id}@supple",
        summary=summary,
        description=f"{description.format(minutes=length)} Start here: {link}\n{SAFETY}",
        start=start,
        end=(start.astimezone(UTC) + timedelta(minutes=length)).astimezone(start.tzinfo),
        stamp=now.astimezone(UTC),
        url=link,
        transparency="TRANSPARENT",  # a short break should not make the person look busy
    )
    alarm = Alarm.new(description=summary)
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
