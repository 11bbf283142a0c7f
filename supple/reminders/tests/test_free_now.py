"""The header's "I'm free now" button is offered only when there is a desk routine to start."""

import re

import pytest
from django.urls import reverse

from supple.domain.tests.helpers import profile
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.reminders.models import Reminder
from supple.reminders.tests.conftest import SITTING

pytestmark = pytest.mark.django_db
BUTTON = f'action="{reverse("reminders:free_now")}"'
PAGES = ("web:today", "progress:index", "progress:checkin", "library:index", "reminders:settings")
STOPPED_PAGES = PAGES[1:]  # Today sends a person with a stopped program to their plan
SPINE_SURGERY = profile(
    lifestyle={"sitting_hours": 9}, conditions={"recent_surgery": {"site": "spine", "weeks_ago": 4, "cleared": False}}
)


def offered(client, name: str) -> bool:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return BUTTON in response.content.decode()


def test_a_person_with_a_desk_routine_gets_the_button_on_every_page(logged_in, alice):
    start_plan(alice, SITTING)
    client = logged_in(alice)
    assert all(offered(client, name) for name in PAGES)


def test_a_stopped_program_offers_no_button(logged_in, alice):
    plan = start_plan(alice, SITTING)
    document = {**plan.document, "status": "stopped", "routine": [], "desk_routine": []}
    Plan.objects.create(user=alice, intake=plan.intake, source="pain_response", decision="proceed", document=document)
    client = logged_in(alice)
    assert not any(offered(client, name) for name in STOPPED_PAGES)


def test_an_emergency_screening_offers_no_button(logged_in, alice):
    start_plan(alice, profile(lifestyle={"sitting_hours": 9}, red_flags={"saddle_numbness": True}))
    client = logged_in(alice)
    assert not any(offered(client, name) for name in STOPPED_PAGES)


def test_no_routine_after_recent_spine_surgery_offers_no_button(logged_in, alice):
    plan = start_plan(alice, SPINE_SURGERY)
    assert plan.document["routine"] == [] and plan.document["desk_routine"] == []
    client = logged_in(alice)
    assert not any(offered(client, name) for name in PAGES)


def test_no_plan_yet_offers_no_button(logged_in, alice):
    client = logged_in(alice)
    assert not any(offered(client, name) for name in ("library:index", "progress:index", "progress:checkin"))


def test_pressing_it_without_a_desk_routine_records_nothing(logged_in, alice):
    start_plan(alice, SPINE_SURGERY)
    response = logged_in(alice).post(reverse("reminders:free_now"))
    assert response.url == reverse("sessions:player", args=["desk"])
    assert not Reminder.objects.filter(user=alice).exists()


def test_a_check_in_that_stops_the_program_shows_its_page_without_the_button(logged_in, alice):
    """The stop page comes from the request that stopped the program: its header reads the new plan."""
    start_plan(alice, SITTING)
    client = logged_in(alice)
    assert offered(client, "progress:checkin")
    answers = {"pain": "4", "new_numbness": "no", "spreading": "no"}
    page = client.get(reverse("progress:checkin")).content.decode()
    answers |= {name: "no" for name in re.findall(r'name="(flag_[a-z_]+)"', page)}
    answers["flag_saddle_numbness"] = "yes"
    response = client.post(reverse("progress:checkin"), answers)
    assert "emergency" in response.content.decode().lower()
    assert BUTTON not in response.content.decode()
