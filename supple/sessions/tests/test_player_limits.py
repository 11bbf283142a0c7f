"""The player applies the clinical limits the server sends it (supple.domain.response.session_limits)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from supple.domain.planning import SECONDS_PER_REP
from supple.domain.response import HOLD_PAIN_LIMIT
from supple.sessions import views
from supple.sessions.tests.conftest import log_in
from supple.sessions.tests.test_player_page import player_data

pytestmark = pytest.mark.django_db


def test_the_player_page_carries_the_domains_limits(client, alice, alice_plan):
    client.force_login(alice)
    response = client.get(reverse("sessions:player", args=["daily"]))
    assert player_data(response)["limits"] == {"hold_pain_limit": HOLD_PAIN_LIMIT, "seconds_per_rep": SECONDS_PER_REP}
    assert f"It hurts more than {HOLD_PAIN_LIMIT}/10" in response.content.decode()


def open_player(page, client, live_server, user) -> None:
    log_in(page, client, live_server, user)
    now = datetime.now(UTC)
    page.clock.install(time=now)
    page.goto("/session/daily/")
    page.clock.pause_at(now + timedelta(seconds=30))
    page.get_by_role("button", name="3", exact=True).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_player_uses_the_limits_it_is_sent(page, client, live_server, bob, bob_plan, monkeypatch):
    # Other numbers than the player could know by itself: the pain limit and the pace follow them.
    monkeypatch.setattr(views, "session_limits", lambda: {"hold_pain_limit": 7, "seconds_per_rep": 3})
    open_player(page, client, live_server, bob)
    expect(page.locator("#player-heading")).to_have_text("Standing back extension")
    page.clock.run_for(5000 + 7000)  # get ready, then into the third repetition (3 s each)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuetext", "Repetition 3 of 10")
    page.get_by_role("button", name="It hurts more than 7/10").click()
    dialog = page.get_by_role("dialog", name="How strong is the pain?")
    expect(dialog.locator(".scale button")).to_have_text(["8", "9", "10"])
    dialog.get_by_role("button", name="8", exact=True).click()
    expect(page.get_by_role("button", name="It is 7 or less now: carry on")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_with_the_domains_own_limits_the_player_works_as_before(page, client, live_server, bob, bob_plan):
    open_player(page, client, live_server, bob)
    page.clock.run_for(5000 + 9000)  # get ready, then into the third repetition (4 s each)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuetext", "Repetition 3 of 10")
    page.get_by_role("button", name=f"It hurts more than {HOLD_PAIN_LIMIT}/10").click()
    dialog = page.get_by_role("dialog", name="How strong is the pain?")
    expect(dialog.locator(".scale button")).to_have_text(["6", "7", "8", "9", "10"])
    dialog.get_by_role("button", name="6", exact=True).click()
    expect(page.get_by_role("button", name="It is 5 or less now: carry on")).to_be_visible()
