"""The current plan read once per request, shared by the view and the page's header."""

import pytest
from django.test import RequestFactory

from supple.domain.tests.helpers import profile
from supple.plans.current import current_plan_for
from supple.plans.services import start_plan

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_plan_is_read_once_per_request(alice, django_assert_num_queries):
    plan = start_plan(alice, profile())
    request = request_of(alice)
    with django_assert_num_queries(1):
        assert current_plan_for(request) == plan
        assert current_plan_for(request) == plan
    assert current_plan_for(request_of(alice)) == plan  # each request reads its own


def test_asking_for_the_intake_after_the_plan_alone_reads_it_again_once(alice, django_assert_num_queries):
    plan = start_plan(alice, profile())
    request = request_of(alice)
    with django_assert_num_queries(2):
        current_plan_for(request)
        assert current_plan_for(request, with_intake=True).intake == plan.intake
        assert current_plan_for(request).intake == plan.intake
        assert current_plan_for(request, with_intake=True) == plan


def test_a_person_without_a_plan_is_asked_once_too(alice, django_assert_num_queries):
    request = request_of(alice)
    with django_assert_num_queries(1):
        assert current_plan_for(request) is None
        assert current_plan_for(request) is None
