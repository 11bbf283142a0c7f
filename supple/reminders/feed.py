"""The private calendar feed: the daily routine and the desk breaks of the coming days, with alarms (RFC 5545)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from icalendar import Alarm, Calendar, Event
from icalendar.prop import vDuration

from supple.domain.reminders import desk_breaks, routine_time
from supple.plans.models import Plan
from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.services import can_remind, has_desk_routine

FEED_DAYS = 14
# Calendar apps should fetch the feed again this often, so that changed settings reach them.
REFRESH = timedelta(hours=6)
SAFETY = "Stop if pain spreads down your leg, or you feel new tingling, numbness or weakness."


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
