"""Who may open a person's pages: the person themselves, never a clinician account."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """403 for clinician accounts; use after @login_required."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_clinician:
            raise PermissionDenied("This page is for people using supple for their own back.")
        return view(request, *args, **kwargs)

    return wrapper
