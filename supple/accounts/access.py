"""Who may open a person's own pages: that person, logged in; never a clinician account."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware


def person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (else to the login page) and not a clinician (else 403).

    Clinicians have accounts to support their patients; the tracking pages are for the
    person doing the exercises.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_clinician:
            raise PermissionDenied("These pages are for people using supple for their own back.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def json_error(status: int, message: str, field: str = "__all__") -> JsonResponse:
    """The JSON error shape of supple's APIs: {"errors": {field: [message]}}."""
    return JsonResponse({"errors": {field: [message]}}, status=status)


def api_person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """person_required for JSON endpoints: 401 and 403 answer JSON instead of a page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return json_error(401, "Log in first: you are not logged in any more.")
        if request.user.is_clinician:
            return json_error(403, "This is for people using supple for their own back.")
        return view(request, *args, **kwargs)

    return wrapper


class _JsonCsrfViewMiddleware(CsrfViewMiddleware):
    """Django's CSRF check, failing with JSON like every other answer of an API."""

    def _reject(self, request: HttpRequest, reason: str) -> JsonResponse:
        return json_error(403, f"CSRF check failed: {reason}")


# Use after @csrf_exempt and @api_person_required, so that every failure is JSON.
json_csrf_protect = decorator_from_middleware(_JsonCsrfViewMiddleware)
