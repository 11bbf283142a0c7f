from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class SessionLog(models.Model):
    """One guided session, as the person's browser reported it.

    `client_id` is made by the browser before the session starts, so a log sent twice
    (a retry, or the offline queue replaying) is stored once.
    """

    class Routine(models.TextChoices):
        DAILY = "daily", "Daily routine"
        DESK = "desk", "Desk routine"

    class Outcome(models.TextChoices):
        COMPLETED = "completed", "Completed"
        ENDED_EARLY = "ended_early", "Ended early"
        LEG_SYMPTOMS = "leg_symptoms", "Stopped: pain spreading down the leg"
        NEW_NUMBNESS = "new_numbness", "Stopped: new numbness or weakness"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="session_logs")
    client_id = models.UUIDField()
    plan = models.ForeignKey("plans.Plan", models.SET_NULL, null=True, blank=True, related_name="session_logs")
    routine = models.CharField(max_length=8, choices=Routine.choices, default=Routine.DAILY)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    local_date = models.DateField(help_text="The person's calendar day when the session started.")
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.COMPLETED)
    # The reminder that prompted the session; empty when the person started it themselves.
    prompted_by = models.ForeignKey(
        "reminders.Reminder", models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    received_at = models.DateTimeField(default=timezone.now)
    # The plan the pain response made from this session, if it changed anything: a replayed log
    # is answered with the same changes.
    adapted_plan = models.ForeignKey("plans.Plan", models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="session_log_once_per_client_id"),
            models.CheckConstraint(
                condition=Q(pain_before__isnull=True) | Q(pain_before__lte=10), name="session_pain_before_0_10"
            ),
            models.CheckConstraint(
                condition=Q(pain_after__isnull=True) | Q(pain_after__lte=10), name="session_pain_after_0_10"
            ),
            models.CheckConstraint(condition=Q(ended_at__gte=models.F("started_at")), name="session_ends_after_start"),
        ]
        indexes = [models.Index(fields=["user", "local_date"])]

    def __str__(self) -> str:
        return f"{self.get_routine_display()} session of {self.local_date:%Y-%m-%d}"


class ExerciseLog(models.Model):
    """What happened with one exercise in a session."""

    class Response(models.TextChoices):
        EASY = "easy", "Easy"
        FINE = "fine", "Fine"
        TOO_MUCH = "too_much", "Too much"

    session = models.ForeignKey(SessionLog, models.CASCADE, related_name="exercises")
    position = models.PositiveSmallIntegerField()
    exercise_id = models.CharField(max_length=80)
    sets_done = models.PositiveSmallIntegerField(default=0)
    skipped = models.BooleanField(default=False)
    response = models.CharField(max_length=8, choices=Response.choices, blank=True)
    # Highest pain (0 to 10) reported during a hold, if the person reported one.
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)
    spread_down_leg = models.BooleanField(default=False)
    new_numbness = models.BooleanField(default=False, help_text="New numbness, pins and needles or weakness")
    # Stopped for the session: pain stayed above 5/10 after easing off (domain.response.hold_action).
    stopped = models.BooleanField(default=False)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="exercise_log_position_once"),
            models.CheckConstraint(
                condition=Q(pain_during__isnull=True) | Q(pain_during__lte=10), name="exercise_pain_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id} ({self.position})"
