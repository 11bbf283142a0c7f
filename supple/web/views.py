from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from supple.accounts.access import person_required
from supple.library.catalogue import get_library
from supple.plans.current import current_plan_for
from supple.web.today import day_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"count": len(get_library())})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For monitoring: answers once the library is loaded and the app can serve."""
    return JsonResponse({"status": "ok", "exercises": len(get_library())})


@person_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    plan = current_plan_for(request)
    if plan is None:
        return redirect("plans:start")
    if plan.stopped:
        return redirect("plans:current")  # the full-page "what to do now" message
    library = get_library()
    content = plan.content
    routines = [
        {
            "key": key,
            "title": title,
            "note": note,
            "minutes": minutes,
            "names": [library.get(item.exercise).name for item in items if item.exercise in library],
        }
        for key, title, note, items, minutes in (
            ("routine", "Your daily routine", "Once or twice a day.", content.routine, content.minutes),
            (
                "desk_routine",
                "Desk routine",
                "Whenever you are free: a short break from sitting.",
                content.desk_routine,
                content.desk_minutes,
            ),
        )
        if items
    ]
    ctx = {"plan": plan, "routines": routines, "day": day_for(request.user)}
    return render(request, "web/today.html", ctx)
