from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from supple.library.catalogue import get_library


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"count": len(get_library())})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For monitoring: answers once the library is loaded and the app can serve."""
    return JsonResponse({"status": "ok", "exercises": len(get_library())})
