import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


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

    @property
    def stopped(self) -> bool:
        """No exercise until screening is redone: emergency, urgent, or new neurological symptoms."""
        stopping = (self.Decision.EMERGENCY, self.Decision.URGENT)
        return self.decision in stopping or self.document.get("status") == "stopped"
