"""The person's time zone is active while their request is handled, and only then."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from supple.accounts.middleware import PersonTimeZoneMiddleware

pytestmark = pytest.mark.django_db


def seen_zone(user, *, fail: bool = False) -> str:
    """The zone a view sees for `user`'s request (raising afterwards when `fail`)."""
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        if fail:
            raise RuntimeError("the view failed")
        return "response"

    request = RequestFactory().get("/")
    request.user = user
    if fail:
        with pytest.raises(RuntimeError):
            PersonTimeZoneMiddleware(view)(request)
    else:
        assert PersonTimeZoneMiddleware(view)(request) == "response"
    return seen[0]


def test_a_request_runs_in_the_persons_zone_and_the_next_one_does_not(bob):
    assert seen_zone(bob) == "America/New_York"
    assert timezone.get_current_timezone_name() == "UTC"  # nothing left behind for the next request
    assert seen_zone(AnonymousUser()) == "UTC"


def test_the_zone_is_dropped_even_when_the_view_fails(bob):
    assert seen_zone(bob, fail=True) == "America/New_York"
    assert timezone.get_current_timezone_name() == "UTC"


def test_a_zone_left_active_on_the_thread_does_not_reach_someone_not_logged_in():
    timezone.activate("Asia/Tokyo")
    try:
        assert seen_zone(AnonymousUser()) == "UTC"
    finally:
        timezone.deactivate()


def test_it_runs_after_the_person_is_known(settings):
    order = settings.MIDDLEWARE
    name = "supple.accounts.middleware.PersonTimeZoneMiddleware"
    assert order.index(name) > order.index("django.contrib.auth.middleware.AuthenticationMiddleware")
