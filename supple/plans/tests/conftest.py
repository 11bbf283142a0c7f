"""Intake answers as a browser would post them, and a way to walk the whole intake."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from supple.domain.intake import RED_FLAGS
from supple.plans.views import STEP_NAMES

NO_FLAGS = {name: "no" for name in RED_FLAGS if name != "pregnancy_warning_signs"}


def proceed_answers() -> dict[str, dict[str, Any]]:
    """A 46-year-old who sits and drives a lot, runs and plays golf: nothing worrying."""
    return {
        "pain": {
            "age": "46",
            "intensity": "5",
            "duration": "9",
            "duration_unit": "weeks",
            "areas": ["low_back", "buttock_left"],
            "below_knee": "no",
            "worse_with": ["sitting", "bending_forward"],
        },
        "safety": {"pregnancy_trimester": "0", **NO_FLAGS},
        "conditions": {},
        "habits": {
            "sitting_hours": "9",
            "driving_hours": "1.5",
            "sports": ["running", "golf"],
            "height_cm": "178",
            "weight_kg": "92",
        },
        "preferences": {"minutes_per_day": "10", "can_get_on_floor": "yes", "has_chair": "yes"},
        "activities": {"activity_1": "Putting on socks", "rating_1": "4", "activity_2": "Gardening", "rating_2": "3"},
    }


def step_url(name: str) -> str:
    return reverse("plans:start") if name == STEP_NAMES[0] else reverse("plans:step", args=[name])


def walk(client, answers: dict[str, dict[str, Any]], until: str | None = None):
    """Post every step's answers in order (up to but not including `until`); the last response."""
    response = None
    for name in STEP_NAMES:
        if name == until:
            break
        response = client.post(step_url(name), answers[name])
        assert response.status_code == 302, (name, response.context["form"].errors if response.context else None)
    return response


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def answers():
    return proceed_answers()
