import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone

from supple.domain.intake import Intake as IntakeProfile
from supple.domain.intake import parse_intake
from supple.domain.plan_text import change_texts
from supple.domain.planning import STATUS_STOPPED, plan_from_document
from supple.domain.planning import Plan as PlanContent
from supple.domain.screening import STOPPING_DECISIONS


class Intake(models.Model):
    """One answered intake: the profile document (version 1 of the public intake format)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="intakes")
    created = models.DateTimeField(default=timezone.now)
    profile = models.JSONField()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["user", "-created"])]

    def __str__(self) -> str:
        return f"intake of {self.created:%Y-%m-%d}"

    @cached_property
    def parsed(self) -> IntakeProfile:
        """The profile as the domain reads it, defaults filled in; read it rather than `profile`.

        Profiles are checked before they are saved (plans.services.start_plan), so this does
        not raise for a stored one. Parsed once per instance.
        """
        return parse_intake(self.profile)


class Plan(models.Model):
    """A plan document (version 1 of the public plan format) and why it differs from the last.

    Plans are never edited: every change (a new intake, the pain response, a clinician)
    adds a row, so the history is kept. The newest row is the person's current plan.
    """

    class Source(models.TextChoices):
        INTAKE = "intake", "Intake"
        PAIN_RESPONSE = "pain_response", "Your pain response"
        CLINICIAN = "clinician", "Your clinician"

    class Decision(models.TextChoices):
        EMERGENCY = "emergency", "Emergency"
        URGENT = "urgent", "Urgent"
        SEE_CLINICIAN = "see_clinician", "See a clinician"
        PROCEED = "proceed", "Proceed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="plans")
    intake = models.ForeignKey(Intake, models.CASCADE, related_name="plans")
    created = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.INTAKE)
    # Repeats document["decision"], so lists and filters need not read the JSON.
    decision = models.CharField(max_length=16, choices=Decision.choices)
    document = models.JSONField()
    # Plain-language reasons for every change from the previous plan, shown to the person.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "-created"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} plan of {self.created:%Y-%m-%d}"

    @cached_property
    def content(self) -> PlanContent:
        """The plan as the domain reads it; code outside the domain reads this, never `document`.

        Parsed once per instance (plans are never edited, so it cannot go stale).
        """
        return plan_from_document(self.document)

    @property
    def stopped(self) -> bool:
        """No exercise until screening is redone: emergency, urgent, or new neurological symptoms."""
        return self.decision in STOPPING_DECISIONS or self.content.status == STATUS_STOPPED

    @property
    def change_texts(self) -> list[str]:
        """What changed from the previous plan, in plain words, to show the person."""
        return change_texts(self.changes)
