"""Every page and answer in the logged-in person's own time zone.

Times are stored in UTC. While a request is handled, the person's zone (User.time_zone) is
Django's current time zone, so templates show every time on the person's clock without
converting it themselves. Anyone not logged in sees UTC.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


class PersonTimeZoneMiddleware:
    """Activate the person's time zone for the request, and always deactivate it afterwards.

    A thread handles many requests one after another: without the deactivation, the next
    request on the same thread (perhaps someone else's, or nobody's) would inherit this
    person's zone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
