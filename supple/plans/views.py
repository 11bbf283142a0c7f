from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from supple.accounts.access import person_required
from supple.accounts.models import User
from supple.domain.intake import IntakeError, Lifestyle
from supple.domain.library import Library
from supple.domain.plan_text import dose_text, exclusion_sentences, targets_text, why_sentences
from supple.domain.planning import PlanItem
from supple.domain.precautions import Exclusion
from supple.library.catalogue import figure_title, get_library
from supple.plans import forms as intake_forms
from supple.plans.models import Plan
from supple.plans.services import current_plan, start_plan, stopped_by_screening
from supple.progress.models import Activity, ActivityRating

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    name: str
    form: type[forms.Form]


STEPS = (
    Step("pain", intake_forms.PainForm),
    Step("safety", intake_forms.SafetyForm),
    Step("conditions", intake_forms.ConditionsForm),
    Step("habits", intake_forms.HabitsForm),
    Step("preferences", intake_forms.PreferencesForm),
    Step("activities", intake_forms.ActivitiesForm),
)
STEP_NAMES = [step.name for step in STEPS]
SESSION_KEY = "plans.intake"  # the answers so far, step name -> cleaned data
# Steps shown again with the answers of the person's last intake (see answers_from_intake).
REMEMBERED_STEPS = frozenset({"conditions", "habits", "preferences"})


def get_plan(user: User, public_id: UUID) -> Plan:
    """One of the person's own plans, or 404."""
    return get_object_or_404(Plan.objects.select_related("intake"), user=user, public_id=public_id)


# --- the intake --------------------------------------------------------------------


def step_url(name: str) -> str:
    return reverse("plans:start") if name == STEP_NAMES[0] else reverse("plans:step", args=[name])


@person_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    return step(request, STEP_NAMES[0])


@person_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, name: str) -> HttpResponse:
    """One step of the intake. Answers stay in the session; only the last step saves anything."""
    if name not in STEP_NAMES:
        raise Http404("No such step")
    index = STEP_NAMES.index(name)
    answers = request.session.get(SESSION_KEY, {})
    missing = next((n for n in STEP_NAMES[:index] if n not in answers), None)
    if missing:
        return redirect(step_url(missing))
    form_class = STEPS[index].form
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            answers[name] = form.cleaned_data
            request.session[SESSION_KEY] = answers
            if "safety" in answers and stopped_by_screening(intake_forms.screening_profile(answers)):
                # An emergency (or urgent) answer: no later step could give a routine, so say so now.
                return finish(request, answers, form, index, early=True)
            if index + 1 < len(STEPS):
                return redirect(step_url(STEP_NAMES[index + 1]))
            return finish(request, answers, form, index)
    else:
        form = form_class(initial=answers.get(name) or earlier_answers(request.user, name))
    return render_step(request, index, form)


def render_step(request: HttpRequest, index: int, form: forms.Form) -> HttpResponse:
    ctx = {
        "form": form,
        "number": index + 1,
        "total": len(STEPS),
        "back_url": step_url(STEP_NAMES[index - 1]) if index else None,
        "last": index + 1 == len(STEPS),
    }
    return render(request, f"plans/step_{STEP_NAMES[index]}.html", ctx)


def earlier_answers(user: User, name: str) -> dict[str, Any]:
    """What to fill a step with when the person has not answered it yet in this intake."""
    if name == "activities":
        active = user.activities.filter(archived=False)
        return {f"activity_{n}": activity.name for n, activity in enumerate(active, start=1)}
    if name in REMEMBERED_STEPS:
        # An intake that screening ended at the safety step holds no answers to the later
        # steps: fill them from the newest intake that went through them.
        last = user.intakes.filter(profile__has_key="preferences").only("user", "profile").first()
        if last is not None:
            return intake_forms.answers_from_intake(last.parsed)[name]
    return {}


def finish(
    request: HttpRequest, answers: dict[str, Any], form: forms.Form, index: int, early: bool = False
) -> HttpResponse:
    """Build the profile, screen and plan it, keep the activities; then show the plan.

    `early`: screening ended the intake after the safety step; what was answered is saved
    (the profile of the pain and safety steps) with its plan, which has no routine.
    """
    profile = intake_forms.screening_profile(answers) if early else intake_forms.build_profile(answers)
    try:
        with transaction.atomic():
            start_plan(request.user, profile)
            if not early:
                save_activities(request.user, intake_forms.named_activities(answers["activities"]))
    except IntakeError as e:
        # The forms check every range the profile has; this is for a gap between them.
        log.warning("Intake answers made an invalid profile: %s", e)
        form.add_error(None, "Some answers could not be used. Please check them and try again.")
        return render_step(request, index, form)
    del request.session[SESSION_KEY]
    return redirect("plans:current")


def save_activities(user: User, named: list[dict[str, Any]]) -> None:
    """Keep the activities named in the intake and today's rating of each (PSFS).

    Naming activities replaces the person's active ones; an activity named again keeps its
    history. Naming none keeps the ones the person already has.
    """
    if not named:
        return
    today = user.local_date()
    active = {a.name.casefold(): a for a in user.activities.filter(archived=False)}
    for position, item in enumerate(named):
        activity = active.pop(item["name"].casefold(), None)
        if activity is None:
            activity = Activity.objects.create(user=user, name=item["name"], position=position)
        elif activity.position != position or activity.name != item["name"]:
            activity.position, activity.name = position, item["name"]
            activity.save(update_fields=["position", "name"])
        ActivityRating.objects.update_or_create(activity=activity, date=today, defaults={"score": item["score"]})
    Activity.objects.filter(pk__in=[a.pk for a in active.values()]).update(archived=True)


# --- the plan ----------------------------------------------------------------------


@person_required
@require_GET
def current(request: HttpRequest) -> HttpResponse:
    plan = current_plan(request.user)
    if plan is None:
        return redirect("plans:start")
    return show_plan(request, plan, is_current=True)


@person_required
@require_GET
def detail(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan = get_plan(request.user, plan_id)
    newest = request.user.plans.only("user").first()
    return show_plan(request, plan, is_current=newest is not None and newest.pk == plan.pk)


@person_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    plans = request.user.plans.only("user", "public_id", "created", "source", "decision")
    return render(request, "plans/history.html", {"plans": plans})


def show_plan(request: HttpRequest, plan: Plan, is_current: bool) -> HttpResponse:
    content = plan.content
    ctx = {
        "plan": plan,
        "is_current": is_current,
        "changes": plan.change_texts,
    }
    if plan.stopped:
        # A plan paused by new symptoms keeps its old routine advice, which no longer applies.
        screened = plan.decision in (Plan.Decision.EMERGENCY, Plan.Decision.URGENT)
        ctx.update(what_now=content.advice[:1], why=content.advice[1:] if screened else [])
        return render(request, "plans/stopped.html", ctx)
    library = get_library()
    lifestyle = plan.intake.parsed.lifestyle
    advice = content.advice
    # For see_clinician the first advice is the recommendation itself: it leads the page.
    recommend = plan.decision == Plan.Decision.SEE_CLINICIAN and bool(advice)
    ctx.update(
        lead_advice=advice[0] if recommend else None,
        other_advice=advice[1:] if recommend else advice,
        routine=[describe_item(item, library, lifestyle) for item in content.routine],
        desk_routine=[describe_item(item, library, lifestyle) for item in content.desk_routine],
        excluded=excluded_groups((*content.excluded, *content.removed), library),
    )
    return render(request, "plans/plan.html", ctx)


@dataclass(frozen=True)
class ShownItem:
    """One exercise of a routine, as the plan page shows it."""

    exercise_id: str
    name: str
    figure: str
    in_library: bool
    dose: str
    why: list[str]
    targets: str
    cautions: list[str]


def describe_item(item: PlanItem, library: Library, lifestyle: Lifestyle) -> ShownItem:
    in_library = item.exercise in library
    return ShownItem(
        exercise_id=item.exercise,
        name=item.name,
        figure=figure_title(library.get(item.exercise), "right") if in_library else "",
        in_library=in_library,
        dose=dose_text(item),
        why=why_sentences(item.why, lifestyle),
        targets=targets_text(item),
        cautions=list(item.cautions),
    )


@dataclass(frozen=True)
class LeftOut:
    """Exercises left out for the same reasons, with those reasons in plain words."""

    because: list[str]
    exercises: list[tuple[str, str, bool]]  # id, name, in the library


def excluded_groups(exclusions: tuple[Exclusion, ...], library: Library) -> list[LeftOut]:
    """Every excluded exercise, grouped by its reasons (in the order they first appear)."""
    groups: dict[tuple[str, ...], LeftOut] = {}
    for exclusion in exclusions:
        codes = exclusion.because
        if codes not in groups:
            groups[codes] = LeftOut(exclusion_sentences(codes), [])
        exercise_id = exclusion.exercise
        in_library = exercise_id in library
        name = library.get(exercise_id).name if in_library else exercise_id.replace("-", " ").capitalize()
        groups[codes].exercises.append((exercise_id, name, in_library))
    return list(groups.values())
