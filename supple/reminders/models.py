import secrets
import uuid
from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from supple.domain import reminders as schedule
from supple.domain.reminders import Schedule

ALL_WEEKDAYS = 0b1111111
MONDAY_TO_FRIDAY = 0b0011111


def new_calendar_token() -> str:
    """The secret part of a calendar feed URL: 256 random bits."""
    return secrets.token_urlsafe(32)


class ReminderSettings(models.Model):
    """When and how a person wants to be reminded; made with the defaults on first use.

    The time zone is the person's own (User.time_zone). `next_email_at` is the next reminder
    email that `supple sendreminders` will send, set only while the email channel is on.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="reminder_settings")
    # Bit n set: weekday n (Monday 0 ... Sunday 6) is a working day.
    working_days = models.PositiveSmallIntegerField(default=MONDAY_TO_FRIDAY)
    work_start = models.TimeField(default=time(9, 0))
    work_end = models.TimeField(default=time(17, 30))
    break_minutes = models.PositiveSmallIntegerField(default=schedule.DEFAULT_BREAK_MINUTES)
    quiet_start = models.TimeField(default=time(21, 0))
    quiet_end = models.TimeField(default=time(7, 30))
    max_breaks = models.PositiveSmallIntegerField(default=8)
    routine_at = models.TimeField(default=time(8, 0))
    browser = models.BooleanField(default=False)
    email = models.BooleanField(default=False)
    calendar = models.BooleanField(default=False)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    next_email_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "reminder settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=ALL_WEEKDAYS), name="reminders_some_working_day"
            ),
            models.CheckConstraint(condition=Q(work_end__gt=F("work_start")), name="reminders_work_ends_after_start"),
            models.CheckConstraint(
                condition=Q(
                    break_minutes__gte=schedule.MIN_BREAK_MINUTES, break_minutes__lte=schedule.MAX_BREAK_MINUTES
                ),
                name="reminders_break_interval_in_range",
            ),
            models.CheckConstraint(
                condition=Q(max_breaks__gte=1, max_breaks__lte=schedule.MAX_BREAKS_LIMIT),
                name="reminders_max_breaks_in_range",
            ),
            models.CheckConstraint(condition=~Q(quiet_start=F("quiet_end")), name="reminders_quiet_hours_not_empty"),
            models.CheckConstraint(
                condition=Q(email=True) | Q(next_email_at__isnull=True), name="reminders_email_due_only_when_on"
            ),
        ]

    def __str__(self) -> str:
        return f"reminder settings of {self.user}"

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(day for day in range(7) if self.working_days & (1 << day))

    def schedule(self) -> Schedule:
        """The settings as the domain's schedule, in the person's time zone."""
        return Schedule(
            zone=self.user.zone,
            working_days=self.weekdays,
            work_start=self.work_start,
            work_end=self.work_end,
            break_minutes=self.break_minutes,
            quiet_start=self.quiet_start,
            quiet_end=self.quiet_end,
            max_breaks=self.max_breaks,
            routine_at=self.routine_at,
        )


class Reminder(models.Model):
    """One reminder and what the person did with it; also each "I'm free now" (a desk routine started unprompted).

    A browser reminder is recorded when a notification is shown; "In 10 minutes" marks it
    snoozed and adds a new one, due 10 minutes later. An email reminder is recorded as it
    is sent. A calendar reminder is recorded when the person follows the event's link.
    """

    class Kind(models.TextChoices):
        DESK_BREAK = "desk_break", "Desk break"
        ROUTINE = "routine", "Daily routine"
        FOLLOW_UP = "follow_up", "Evening follow-up"
        FREE_NOW = "free_now", "I'm free now"

    class Channel(models.TextChoices):
        BROWSER = "browser", "Browser notification"
        EMAIL = "email", "Email"
        CALENDAR = "calendar", "Calendar"
        PAGE = "page", "supple page"

    class Status(models.TextChoices):
        DUE = "due", "Due (not shown yet)"
        SENT = "sent", "Sent"
        STARTED = "started", "Started"
        SNOOZED = "snoozed", "Snoozed"
        SKIPPED = "skipped", "Skipped the rest of the day"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENT)
    due_at = models.DateTimeField()
    local_date = models.DateField(help_text="The person's calendar day when the reminder was due.")
    sent_at = models.DateTimeField(null=True, blank=True)
    acted_at = models.DateTimeField(null=True, blank=True)
    snoozed_from = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel", "due_at"], name="reminder_once"),
            # Never more than the routine reminder and one follow-up by email in a day.
            models.UniqueConstraint(
                fields=["user", "kind", "local_date"], condition=Q(channel="email"), name="one_email_of_a_kind_a_day"
            ),
        ]
        indexes = [models.Index(fields=["user", "local_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.get_channel_display().lower()}, {self.local_date:%Y-%m-%d}"

    @property
    def routine(self) -> str:
        """The routine this reminder starts, by the name the session player's URL uses."""
        return "daily" if self.kind in (self.Kind.ROUTINE, self.Kind.FOLLOW_UP) else "desk"
