"""Plans for the named actors, well-formed session logs, and logging in a real browser."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings

from supple.domain.intake import RED_FLAGS
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.sessions.models import SessionLog


def profile(**sections: Any) -> dict[str, Any]:
    """A valid intake (no red flags, pain for 20 weeks), with `sections` merged in."""
    doc: dict[str, Any] = {
        "version": 1,
        "age": 46,
        "pain": {"intensity": 4, "weeks": 20},
        "red_flags": dict.fromkeys(RED_FLAGS, False),
    }
    return {**doc, **sections}


# Alice sits and drives a lot: three one-sided stretches a day (lunging hip-flexor,
# knee-to-chest, lying hamstring) and a desk break of three more.
ALICE_PROFILE = profile(lifestyle={"sitting_hours": 9, "driving_hours": 1.5})
# Bob cannot get down to the floor: two slow movements and a seated stretch.
BOB_PROFILE = profile(lifestyle={"sitting_hours": 2}, preferences={"can_get_on_floor": False, "minutes_per_day": 5})


@pytest.fixture
def alice_plan(alice) -> Plan:
    return start_plan(alice, ALICE_PROFILE)


@pytest.fixture
def bob_plan(bob) -> Plan:
    return start_plan(bob, BOB_PROFILE)


def a_log(**fields: Any) -> dict[str, Any]:
    """A complete, valid log of Alice's daily routine, as the player sends it."""
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=20)
    log = {
        "client_id": str(uuid.uuid4()),
        "routine": "daily",
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(minutes=9)).isoformat(),
        "pain_before": 4,
        "pain_after": 3,
        "outcome": "completed",
        "exercises": [
            {
                "position": 1,
                "exercise_id": "seated-hamstring-stretch",
                "sets_done": 2,
                "skipped": False,
                "response": "fine",
                "pain_during": None,
                "spread_down_leg": False,
            },
            {
                "position": 2,
                "exercise_id": "lunging-hip-flexor-stretch",
                "sets_done": 1,
                "skipped": True,
                "response": "",
                "pain_during": 6,
                "spread_down_leg": False,
                "stopped": True,
            },
        ],
    }
    return {**log, **fields}


def two_years_of_daily_logs(user, plan) -> None:
    start = datetime(2024, 1, 1, 8, tzinfo=UTC)
    SessionLog.objects.bulk_create(
        SessionLog(
            user=user,
            client_id=uuid.uuid4(),
            plan=plan,
            started_at=start + timedelta(days=day),
            ended_at=start + timedelta(days=day, minutes=9),
            local_date=(start + timedelta(days=day)).date(),
            pain_before=4,
            pain_after=3,
        )
        for day in range(730)
    )


def log_in(page, client, live_server, user) -> None:
    """Give the browser a logged-in session for `user` (no login form needed)."""
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
