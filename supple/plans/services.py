"""Plans for the web app: starting one from an intake, finding the current one, adapting it.

Views of every app call these rather than the domain package directly, so that saving,
history and the pain response stay in one place.
"""

from __future__ import annotations

from django.db import transaction

from supple.accounts.models import User
from supple.domain.intake import Intake as IntakeProfile
from supple.domain.intake import parse_intake
from supple.domain.planning import build_plan
from supple.library.catalogue import get_library
from supple.plans.models import Intake, Plan


def current_plan(user: User) -> Plan | None:
    """The person's newest plan, or None before their first intake."""
    return user.plans.select_related("intake").first()


def start_plan(user: User, profile: dict) -> Plan:
    """Screen and plan from an intake profile document, saving both.

    Raises supple.domain.intake.IntakeError (every problem with its JSON path) for an
    invalid profile; nothing is saved then.
    """
    intake: IntakeProfile = parse_intake(profile)
    plan = build_plan(intake, get_library())
    with transaction.atomic():
        saved_intake = Intake.objects.create(user=user, profile=profile)
        return Plan.objects.create(
            user=user,
            intake=saved_intake,
            source=Plan.Source.INTAKE,
            decision=plan.decision,
            document=plan.to_document(),
        )
