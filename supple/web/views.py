from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from supple.library.catalogue import get_library
from supple.plans.services import current_plan


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"count": len(get_library())})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For monitoring: answers once the library is loaded and the app can serve."""
    return JsonResponse({"status": "ok", "exercises": len(get_library())})


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    plan = current_plan(request.user)
    if plan is None:
        return redirect("plans:start")
    return render(request, "web/today.html", {"plan": plan})
