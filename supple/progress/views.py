from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Max, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supple.accounts.access import person_required
from supple.accounts.models import User
from supple.domain.plan_text import change_texts
from supple.domain.response import (
    FLARE_CLINICIAN_ADVICE,
    NEURO_STOP_ADVICE,
    NO_PROGRESS_CLINICIAN_ADVICE,
    SPREAD_CLINICIAN_ADVICE,
)
from supple.domain.screening import (
    EMERGENCY,
    FLAG_QUESTIONS,
    KEEP_MOVING_ADVICE,
    LONG_PAIN_ADVICE,
    SEE_CLINICIAN,
    STOPPING_DECISIONS,
    URGENT,
    rescreen,
)
from supple.plans.current import current_plan_for, keep_current_plan
from supple.plans.models import Plan
from supple.plans.services import apply_pain_response
from supple.progress import charts
from supple.progress.forms import MAX_ACTIVITIES, ActivityNameForm, CheckInForm, RatingForm
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.reminders.services import weekly_history

# Advice in a plan that recommends seeing a clinician (screening and the pain response).
CLINICIAN_ADVICE = (SPREAD_CLINICIAN_ADVICE, FLARE_CLINICIAN_ADVICE, NO_PROGRESS_CLINICIAN_ADVICE, LONG_PAIN_ADVICE)
STOPPED = "stopped"


def todays_checkin(user: User, today: date) -> CheckIn | None:
    """The person's own check-in for their local day, if they made one."""
    return CheckIn.objects.filter(user=user, date=today).first()


def get_activity(user: User, public_id: uuid.UUID) -> Activity:
    """One of the person's own active activities, or 404."""
    return get_object_or_404(Activity, user=user, public_id=public_id, archived=False)


@dataclass(frozen=True)
class Stop:
    """The program is stopped: what to do now, for the full-page message."""

    decision: str  # emergency, urgent, or "stopped" (a symptom paused it until screening is redone)
    advice: list[str]


def stop_for(plan: Plan | None) -> Stop | None:
    """The message for a stopped plan: emergency or urgent by its decision, else paused by a symptom."""
    if plan is None or not plan.stopped:
        return None
    decision = plan.decision if plan.decision in STOPPING_DECISIONS else STOPPED
    return Stop(decision, list(plan.content.advice))


def stop_for_symptoms(red_flags: list[str], new_numbness: bool) -> Stop | None:
    """Screening of the symptoms reported now (clinical rules, sections 2 and 6): every red flag is urgent or worse."""
    if red_flags:
        screening = rescreen(red_flags)
        if screening.decision in STOPPING_DECISIONS:
            return Stop(screening.decision, list(screening.advice))
    if new_numbness:
        return Stop(STOPPED, [NEURO_STOP_ADVICE])
    return None


def is_pregnant(plan: Plan | None) -> bool:
    if plan is None:
        return False
    return plan.intake.parsed.conditions.pregnancy_trimester > 0


def changes_since(user: User, moment: datetime) -> list[str]:
    """Every plain-words change the pain response made to the plan since `moment`, oldest first."""
    rows = Plan.objects.filter(user=user, source=Plan.Source.PAIN_RESPONSE, created__gte=moment)
    texts: list[str] = []
    for changes in rows.order_by("created", "id").values_list("changes", flat=True):
        texts += change_texts(changes)
    return texts


def start_of(user: User, day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=user.zone)


def render_stop(
    request: HttpRequest, stop: Stop, changes: list[str], reported: list[str] | None = None
) -> HttpResponse:
    """The full-page message; changes that only repeat its advice are left out."""
    changes = [c for c in changes if not any(c.startswith(advice) for advice in stop.advice)]
    return render(request, "progress/stop.html", {"stop": stop, "changes": changes, "reported": reported or []})


@person_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = user.local_date()
    plan = current_plan_for(request, with_intake=True)
    stop = stop_for(plan)
    if stop is not None:
        return render_stop(request, stop, changes_since(user, start_of(user, today)))
    existing = todays_checkin(user, today)
    form = CheckInForm(request.POST or None, initial=CheckInForm.initial_from(existing), pregnant=is_pregnant(plan))
    if request.method == "POST":
        if form.is_valid():
            return save_checkin(request, form, today)
        form.describe_errors()
    ctx = {
        "form": form,
        "existing": existing,
        "changes": changes_since(user, start_of(user, today)) if existing else [],
    }
    return render(request, "progress/checkin.html", ctx, status=400 if form.errors else 200)


def save_checkin(request: HttpRequest, form: CheckInForm, today: date) -> HttpResponse:
    """Store today's check-in (a redo updates it), run the pain response, then show where things stand."""
    user = request.user
    data = form.cleaned_data
    answers = {
        "pain": data["pain"],
        "new_numbness": data["new_numbness"],
        "spreading": data["spreading"],
        "red_flags": form.red_flags(),
    }
    CheckIn.objects.update_or_create(user=user, date=today, defaults=answers)
    updated = apply_pain_response(user)
    if updated is not None:
        keep_current_plan(request, updated)  # the page's header shows the plan as it is now
    stop = stop_for(updated) or stop_for_symptoms(answers["red_flags"], answers["new_numbness"])
    if stop is not None:
        changes = updated.change_texts if updated else []
        reported = [FLAG_QUESTIONS[name] for name in answers["red_flags"]]
        if answers["new_numbness"]:
            reported.append("new numbness, pins and needles or weakness")
        return render_stop(request, stop, changes, reported)
    return redirect("progress:checkin")


def activity_rows(user: User) -> list[Activity]:
    """Active activities, each with its latest rating, in one query."""
    latest = ActivityRating.objects.filter(activity=OuterRef("pk")).order_by("-date")
    return list(
        Activity.objects.filter(user=user, archived=False)
        .annotate(last_date=Subquery(latest.values("date")[:1]), last_score=Subquery(latest.values("score")[:1]))
        .order_by("position", "id")
    )


def rename_form(activity: Activity, data: dict | None = None) -> ActivityNameForm:
    form = ActivityNameForm(data, initial={"name": activity.name}, auto_id=f"id_%s_{activity.public_id.hex}")
    form.fields["name"].label = "New name"
    return form


def activities_page(
    request: HttpRequest,
    activities: list[Activity],
    rating_form: RatingForm | None = None,
    add_form: ActivityNameForm | None = None,
    renaming: tuple[Activity, ActivityNameForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = request.user.local_date()
    if rating_form is None:
        initial = {RatingForm.field_name(a): a.last_score for a in activities if a.last_date == today}
        rating_form = RatingForm(initial=initial, activities=activities)
    rated_today = [a.last_score for a in activities if a.last_date == today]
    last_rated = max((a.last_date for a in activities if a.last_date), default=None)
    rows = []
    for activity in activities:
        if renaming and renaming[0].pk == activity.pk:
            rows.append(renaming)
        else:
            rows.append((activity, rename_form(activity)))
    ctx = {
        "activities": activities,
        "rows": rows,
        "rating_form": rating_form,
        "add_form": add_form or ActivityNameForm(auto_id="id_new_%s"),
        "can_add": len(activities) < MAX_ACTIVITIES,
        "max_activities": MAX_ACTIVITIES,
        "today_mean": charts.number(sum(rated_today) / len(rated_today)) if rated_today else None,
        "complete_today": bool(activities) and len(rated_today) == len(activities),
        "last_rated": last_rated,
    }
    return render(request, "progress/activities.html", ctx, status=status)


@person_required
@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest) -> HttpResponse:
    """The weekly PSFS re-rating: each active activity 0 (cannot do) to 10 (as before the pain)."""
    user = request.user
    today = user.local_date()
    rows = activity_rows(user)
    if request.method == "GET":
        return activities_page(request, rows)
    form = RatingForm(request.POST, activities=rows)
    if not rows:
        form.add_error(None, "Add an activity first, then rate it.")
    if not form.is_valid():
        form.describe_errors()
        return activities_page(request, rows, rating_form=form, status=400)
    ratings = [ActivityRating(activity=a, date=today, score=score) for a, score in form.scores()]
    ActivityRating.objects.bulk_create(
        ratings, update_conflicts=True, unique_fields=["activity", "date"], update_fields=["score"]
    )
    return redirect("progress:activities")


@person_required
@require_POST
def add_activity(request: HttpRequest) -> HttpResponse:
    user = request.user
    rows = activity_rows(user)
    form = ActivityNameForm(request.POST, auto_id="id_new_%s")
    if len(rows) >= MAX_ACTIVITIES:
        form.add_error(None, f"You can track up to {MAX_ACTIVITIES} activities. Stop tracking one to add another.")
    if not form.is_valid():
        form.describe_errors()
        return activities_page(request, rows, add_form=form, status=400)
    position = (Activity.objects.filter(user=user).aggregate(last=Max("position"))["last"] or 0) + 1
    Activity.objects.create(user=user, name=form.cleaned_data["name"], position=position)
    return redirect("progress:activities")


@person_required
@require_POST
def rename_activity(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = request.user
    activity = get_activity(user, public_id)
    form = rename_form(activity, request.POST)
    if not form.is_valid():
        form.describe_errors()
        rows = activity_rows(user)
        return activities_page(request, rows, renaming=(activity, form), status=400)
    activity.name = form.cleaned_data["name"]
    activity.save(update_fields=["name"])
    return redirect("progress:activities")


@person_required
@require_POST
def archive_activity(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Stop tracking an activity; its past ratings stay in the history."""
    activity = get_activity(request.user, public_id)
    activity.archived = True
    activity.save(update_fields=["archived"])
    return redirect("progress:activities")


def clinician_advice(plan: Plan | None) -> list[str]:
    """The plan's recommendations to see a clinician, in its own words."""
    if plan is None:
        return []
    advice = plan.content.advice
    if plan.decision in (SEE_CLINICIAN, URGENT, EMERGENCY):
        return [a for a in advice if a != KEEP_MOVING_ADVICE]
    return [a for a in advice if a in CLINICIAN_ADVICE]


@person_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period", charts.DEFAULT_PERIOD)
    status = 200
    if period not in charts.PERIODS:
        period, status = charts.DEFAULT_PERIOD, 400
    plan = current_plan_for(request, with_intake=True)
    progress = charts.gather(request.user, plan, period)
    data = progress.chart_data()
    sessions = data["sessions"]
    ctx = {
        "plan": plan,
        "stop": stop_for(plan),
        "progress": progress,
        "period": period,
        "periods": [("4w", "4 weeks"), ("12w", "12 weeks"), ("1y", "1 year"), ("all", "All")],
        "pain_summary": charts.pain_summary(progress.baseline, progress.recent_average()),
        "band_explanation": charts.band_explanation(progress.baseline) if progress.baseline is not None else "",
        "sessions_lines": progress.sessions_lines(),
        "psfs_summary": charts.psfs_summary(progress.psfs),
        "chart_data": data,
        "sessions_table": [(week, str(n)) for week, n in zip(sessions["labels"], sessions["counts"], strict=True)],
        "pain_table": progress.pain_table(),
        "psfs_table": progress.psfs_table(),
        "recommendations": clinician_advice(plan),
        "reminder_weeks": weekly_history(request.user, request.user.local_date()),
        "bad_period": status == 400,
    }
    return render(request, "progress/index.html", ctx, status=status)
