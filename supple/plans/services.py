"""Plans for the web app: starting one from an intake, finding the current one, adapting it.

Views of every app call these rather than the domain package directly, so that saving,
history and the pain response stay in one place.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from supple.accounts.models import User
from supple.domain.intake import Intake as IntakeProfile
from supple.domain.intake import IntakeError, parse_intake
from supple.domain.planning import build_plan
from supple.domain.response import (
    CheckIn,
    ExerciseResponse,
    PainHistory,
    Session,
    adapt_after_session,
)
from supple.domain.screening import STOPPING_DECISIONS, screen_intake
from supple.library.catalogue import get_library
from supple.plans.models import Intake, Plan
from supple.sessions.models import ExerciseLog, SessionLog

# apply_pain_response's "the caller has not read the current plan" (None means there is none).
NOT_READ: Any = object()


def current_plan(user: User, *, with_intake: bool = True) -> Plan | None:
    """The person's newest plan, or None before their first intake.

    Pages that show only the plan pass with_intake=False, which saves the join (reading
    plan.intake then costs a query).
    """
    plans = user.plans.select_related("intake") if with_intake else user.plans.all()
    return plans.first()


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


def stopped_by_screening(profile: dict) -> bool:
    """Whether these answers already rule out any routine: screening says emergency or urgent.

    Screening (clinical rules, section 2) reads only the age, pain and safety answers, so an
    intake can end as soon as they are in: no later answer could give a routine. A profile
    that is not valid is not judged here; start_plan reports it.
    """
    try:
        intake = parse_intake(profile)
    except IntakeError:
        return False
    return screen_intake(intake).decision in STOPPING_DECISIONS


def pain_history(plan: Plan) -> PainHistory:
    """The person's sessions and check-ins since this plan's intake, as the domain reads them.

    Three queries whatever the history's length (sessions, their exercises, check-ins). Rows
    are read as plain values rather than model instances: this runs after every session log
    and check-in, over the whole history since the intake.
    """
    user, since = plan.user, plan.intake.created
    under_this_intake = Q(plan__intake=plan.intake) | Q(started_at__gte=since)
    session_rows = SessionLog.objects.filter(under_this_intake, user=user)
    logs = list(
        session_rows.order_by("started_at").values_list("id", "local_date", "pain_before", "pain_after", "outcome")
    )
    exercises: dict[int, list[tuple]] = {}
    rows = (
        ExerciseLog.objects.filter(session__in=session_rows.values("id"))  # a subquery, however long the history
        .order_by("session_id", "position")
        .values_list("session_id", "exercise_id", "pain_during", "spread_down_leg", "stopped", "new_numbness")
    )
    for session_id, *row in rows:
        exercises.setdefault(session_id, []).append(row)
    sessions = tuple(_session(log, exercises.get(log[0], ())) for log in logs)
    checkins = tuple(
        CheckIn(day, pain, frozenset(_checkin_symptoms(red_flags, numb, spreading)))
        for day, pain, red_flags, numb, spreading in user.checkins.filter(date__gte=user.local_date(since))
        .order_by("date")
        .values_list("date", "pain", "red_flags", "new_numbness", "spreading")
    )
    return PainHistory(baseline=plan.intake.parsed.pain.intensity, sessions=sessions, checkins=checkins)


def _session(log: tuple, exercises) -> Session:
    _, day, pain_before, pain_after, outcome = log
    responses = tuple(
        ExerciseResponse(exercise=exercise, peak_pain=peak, spread=spread, stopped=stopped)
        for exercise, peak, spread, stopped, _numb in exercises
    )
    numb = outcome == SessionLog.Outcome.NEW_NUMBNESS or any(row[4] for row in exercises)
    symptoms = {"new_numbness"} if numb else set()
    return Session(day, pain_before, pain_after, responses, frozenset(symptoms))


def _checkin_symptoms(red_flags: list[str], new_numbness: bool, spreading: bool) -> set[str]:
    symptoms = set(red_flags)
    if new_numbness:
        symptoms.add("new_numbness")
    if spreading:
        symptoms.add("spreading_leg_symptoms")
    return symptoms


def apply_pain_response(user: User, plan: Plan | None = NOT_READ) -> Plan | None:
    """Adapt the current plan to the pain history (clinical rules, section 6); save and return it if it changed.

    Call after saving a session log or a check-in, with the current plan (read with its
    intake) if the caller has read it in the same transaction. The new plan's `changes` are the plain
    reasons to show the person. Returns None when the plan is unchanged or there is none.
    """
    if plan is NOT_READ:
        plan = current_plan(user)
    if plan is None or plan.stopped:
        return None
    adaptation = adapt_after_session(plan.content, pain_history(plan))
    adapted = adaptation.plan
    if adapted == plan.content:
        return None  # notes without a change (an improving morning) are shown by Progress, not saved
    return Plan.objects.create(
        user=user,
        intake=plan.intake,
        source=Plan.Source.PAIN_RESPONSE,
        decision=adapted.decision,
        document=adapted.to_document(),
        changes=[change.reason for change in adaptation.changes],
    )
