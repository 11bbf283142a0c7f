import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CheckIn(models.Model):
    """The morning check-in: pain now and any new symptoms. One per person per day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="checkins")
    client_id = models.UUIDField(default=uuid.uuid4)
    date = models.DateField()
    pain = models.PositiveSmallIntegerField()
    new_numbness = models.BooleanField(default=False, help_text="New numbness, pins and needles or weakness")
    spreading = models.BooleanField(default=False, help_text="Pain, tingling or numbness spreading down the leg")
    # Red-flag symptoms reported (codes of the intake's red_flags), which re-run screening.
    red_flags = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_checkin_a_day"),
            models.UniqueConstraint(fields=["user", "client_id"], name="checkin_once_per_client_id"),
            models.CheckConstraint(condition=Q(pain__lte=10), name="checkin_pain_0_10"),
        ]

    def __str__(self) -> str:
        return f"check-in of {self.date:%Y-%m-%d}"


class Activity(models.Model):
    """An activity the pain makes hard (Patient-Specific Functional Scale), up to five a person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="activities")
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ActivityRating(models.Model):
    """How able the person is to do the activity: 0 cannot do it, 10 as before the pain."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="ratings")
    date = models.DateField()
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "date"], name="one_rating_a_day"),
            models.CheckConstraint(condition=Q(score__lte=10), name="psfs_score_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.score}/10 on {self.date:%Y-%m-%d}"
