"""An exercise stopped for pain above the limit during a hold is told to the person: end screen and Progress."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from supple.domain.response import HOLD_STOPPED_NEXT
from supple.plans.services import start_plan
from supple.sessions.tests.conftest import ALICE_PROFILE, a_log, log_in

pytestmark = pytest.mark.django_db
NEXT = HOLD_STOPPED_NEXT.format(limit=5)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_end_screen_says_which_exercise_was_stopped_and_what_next(page, client, live_server, alice, alice_plan):
    log_in(page, client, live_server, alice)
    now = datetime.now(UTC)
    page.clock.install(time=now)
    page.goto("/session/daily/")
    page.clock.pause_at(now + timedelta(seconds=30))
    page.get_by_role("button", name="3", exact=True).click()
    page.clock.run_for(10_000)
    page.get_by_role("button", name="It hurts more than 5/10").click()
    page.get_by_role("button", name="7", exact=True).click()
    page.get_by_role("button", name="It still hurts more than 5: stop this exercise").click()
    expect(page.locator("#player-heading")).to_have_text("Knee-to-chest stretch")
    page.get_by_role("button", name="Finish now").click()
    page.get_by_role("button", name="4", exact=True).click()

    stopped = page.locator("[data-el=done-stopped]")
    expect(stopped).to_contain_text("You stopped the lunging hip-flexor stretch because the pain went above 5/10.")
    expect(stopped).to_contain_text(NEXT)
    expect(page.locator("[data-el=done-status]")).to_have_text("Your session is saved.")


def test_a_finished_session_without_a_stop_says_nothing_of_it(client, alice, alice_plan):
    client.force_login(alice)
    html = client.get(reverse("progress:index")).content.decode()
    assert "Exercises you stopped because of pain" not in html


def test_progress_lists_the_exercise_stopped_for_pain(client, alice, time_machine):
    time_machine.move_to(datetime(2026, 3, 10, 12, tzinfo=UTC), tick=False)
    alice.date_joined = datetime(2026, 3, 1, tzinfo=UTC)  # logs must fall within the account's life
    alice.save(update_fields=["date_joined"])
    start_plan(alice, ALICE_PROFILE)
    client.force_login(alice)
    log = a_log(
        started_at="2026-03-10T09:00:00+00:00", ended_at="2026-03-10T09:09:00+00:00", outcome="ended_early"
    )  # its lunging hip-flexor stretch was stopped at 6/10
    response = client.post(reverse("sessions:log"), json.dumps(log), content_type="application/json")
    assert response.status_code == 201
    html = client.get(reverse("progress:index")).content.decode()
    assert "Exercises you stopped because of pain" in html
    assert (
        '<time datetime="2026-03-10">10 March 2026</time>: You stopped the lunging hip-flexor stretch because the '
        "pain went above 5/10. It reached 6/10." in html
    )
    assert NEXT in html
