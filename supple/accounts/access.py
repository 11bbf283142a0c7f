"""Who may open a person's own pages: that person, logged in; never a clinician account."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


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
