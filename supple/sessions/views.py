import json
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from supple.accounts.access import api_person_required, json_csrf_protect, person_required
from supple.accounts.models import User
from supple.api import BodyError, read_json_object
from supple.domain.library import Exercise
from supple.domain.plan_text import dose_phrase
from supple.domain.planning import PlanItem
from supple.domain.response import hold_stopped_words, session_limits
from supple.library.catalogue import figure_title, get_library
from supple.plans.current import current_plan_for
from supple.plans.models import Plan
from supple.plans.services import apply_pain_response, current_plan
from supple.reminders.models import Reminder
from supple.sessions.forms import CleanLog, clean_log
from supple.sessions.models import ExerciseLog, SessionLog
from supple.web.addresses import address

# The two routines a plan holds, by the name used in URLs and logs.
ROUTINES = ("daily", "desk")
ROUTINE_TITLES = {"daily": "Daily routine", "desk": "Desk break"}
SERVICE_WORKER = Path(__file__).resolve().parent / "static" / "sessions" / "sw.js"


def get_routine(request: HttpRequest, routine: str) -> tuple[Plan | None, list[PlanItem]]:
    """The person's current plan and the items of one of its routines; 404 for an unknown routine."""
    if routine not in ROUTINES:
        raise Http404("No such routine")
    plan = current_plan_for(request)
    if plan is None or plan.stopped:
        return plan, []
    library = get_library()
    items = plan.content.routine if routine == "daily" else plan.content.desk_routine
    return plan, [item for item in items if item.exercise in library]


def find_log(user: User, client_id: UUID) -> SessionLog | None:
    """The person's own log with this client id, if they sent it before."""
    return SessionLog.objects.filter(user=user, client_id=client_id).select_related("adapted_plan").first()


@person_required
@require_GET
def player(request: HttpRequest, routine: str) -> HttpResponse:
    plan, items = get_routine(request, routine)
    if plan is None:
        return redirect("plans:start")
    ctx = {"routine": routine, "title": ROUTINE_TITLES[routine], "plan": plan, "items": items}
    if not items:
        return render(request, "sessions/unavailable.html", {**ctx, "stopped": plan.stopped})
    ctx["minutes"] = plan.content.minutes if routine == "daily" else plan.content.desk_minutes
    ctx["data"] = player_data(request, routine, items)
    ctx["data_json"] = script_json(ctx["data"])
    return render(request, "sessions/player.html", ctx)


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element, escaped as Django's json_script does."""
    text = json.dumps(value, separators=(",", ":"))
    return mark_safe(text.replace("&", "\\u0026").replace("<", "\\u003C").replace(">", "\\u003E"))


def player_data(request: HttpRequest, routine: str, items: list[PlanItem]) -> dict[str, Any]:
    """Everything the player script needs, embedded in the page so it also runs offline.

    The figures are not in it: the player shows the library's figure files (cached by the
    browser, and kept by the service worker for offline use), named by address.
    """
    library_url = address("library:index")
    return {
        "routine": routine,
        "person": str(request.user.public_id),
        "csrf_token": get_token(request),
        "log_url": address("sessions:log"),
        "service_worker_url": address("sessions:service_worker"),
        "today_url": address("web:today"),
        "login_url": address("accounts:login"),
        "restart_url": address("plans:start"),
        "limits": session_limits(),
        "hold_stopped_words": hold_stopped_words(),
        "exercises": [player_exercise(item, library_url) for item in items],
    }


def player_exercise(item: PlanItem, library_url: str) -> dict[str, Any]:
    """One routine item with its dose as prescribed, the library's steps and cues, and its figures."""
    exercise = get_library().get(item.exercise)
    return {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "sides": exercise.sides,
        "sets": item.sets,
        "hold_seconds": item.hold_seconds,
        "reps": item.reps,
        "rest_seconds": item.rest_seconds,
        "dose": dose_phrase(item),
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
        "figures": player_figures(exercise, f"{library_url}{exercise.id}/"),
    }


def player_figures(exercise: Exercise, exercise_url: str) -> dict[str, dict[str, str]]:
    """The exercise's figures by side ("right" and "left", or "none" for both sides together).

    Each is the address of the animation, of the held still shown instead under reduced
    motion (the library's stable addresses, as on the exercise's own page), and the words
    that name it.
    """
    sides = {"right": "right", "left": "left"} if exercise.sides == "each" else {"none": "right"}
    return {
        side: {
            "src": f"{exercise_url}figure.svg?side={drawn}",
            "still": f"{exercise_url}{drawn}-held.svg",
            "alt": figure_title(exercise, drawn),
        }
        for side, drawn in sides.items()
    }


@csrf_exempt  # checked below, after the login check, so that every failure is JSON
@require_POST
@api_person_required
@json_csrf_protect
def log(request: HttpRequest) -> JsonResponse:
    """Store a session log once per client id (201, or 200 with the same answer when sent again)."""
    try:
        data = read_json_object(request)
    except BodyError as problem:
        return problem.response()
    if made_for_someone_else(data, request.user):
        # Made on this device for someone else, who is not logged in now: it waits for them.
        # Checked first: the rest (its times, bounded by the account's life) is theirs to judge.
        return JsonResponse({"errors": {"person": [NOT_YOURS]}}, status=403)
    clean, errors = clean_log(data, get_library(), timezone.now(), request.user.date_joined)
    if clean is None:
        return JsonResponse({"errors": errors}, status=400)
    saved = find_log(request.user, clean.client_id)
    if saved is not None:
        return JsonResponse(log_result(saved), status=200)
    # The reminder the session was started from may be gone by now (skipping a day deletes the
    # day's pending ones) or may not be this person's: the session is still theirs and is kept,
    # recorded as started by themselves.
    reminder = None
    if clean.reminder is not None:
        reminder = Reminder.objects.filter(user=request.user, public_id=clean.reminder).first()
    try:
        saved = save_log(request.user, clean, reminder)
    except IntegrityError:  # the same log arrived twice at the same moment
        return JsonResponse(log_result(find_log(request.user, clean.client_id)), status=200)
    return JsonResponse(log_result(saved), status=201)


NOT_YOURS = "This log belongs to someone else."


def made_for_someone_else(data: dict[str, Any], user: User) -> bool:
    """Whether the log names, as a well-formed id, a person other than the one logged in."""
    person = data.get("person")
    if not isinstance(person, str):
        return False
    try:
        return UUID(person) != user.public_id
    except ValueError:
        return False  # clean_log names the problem


def save_log(user: User, clean: CleanLog, reminder: Reminder | None = None) -> SessionLog:
    """Save the log and its exercises, then let the pain-response rules adapt the plan."""
    with transaction.atomic():
        plan = current_plan(user)
        saved = SessionLog.objects.create(
            user=user,
            client_id=clean.client_id,
            plan=plan,
            routine=clean.routine,
            started_at=clean.started_at,
            ended_at=clean.ended_at,
            local_date=user.local_date(clean.started_at),
            pain_before=clean.pain_before,
            pain_after=clean.pain_after,
            outcome=clean.outcome,
            prompted_by=reminder,
        )
        ExerciseLog.objects.bulk_create(ExerciseLog(session=saved, **values) for values in clean.exercises)
        saved.adapted_plan = apply_pain_response(user, plan)
        if saved.adapted_plan is not None:
            saved.save(update_fields=["adapted_plan"])
    return saved


def log_result(saved: SessionLog) -> dict[str, Any]:
    plan = saved.adapted_plan
    return {
        "client_id": str(saved.client_id),
        "local_date": saved.local_date.isoformat(),
        "outcome": saved.outcome,
        "changes": plan.change_texts if plan is not None else [],
        "program_stopped": plan is not None and plan.stopped,
    }


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the root so that its scope covers the session pages."""
    return HttpResponse(_service_worker_source(), content_type="application/javascript")


@cache
def _service_worker_source() -> str:
    return SERVICE_WORKER.read_text(encoding="utf-8")
