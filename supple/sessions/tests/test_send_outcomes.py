"""What the player says after sending its log: saved, kept on this device (and why, and until when), or refused.

The log API's answers are changed with Playwright's route interception (fault injection on
supple's own endpoint); everything else is the real server.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from supple.sessions.models import SessionLog
from supple.sessions.tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
API = "**/api/sessions/"


def finish_a_session(page, client, live_server, user, before_sending=lambda: None) -> None:
    """Open the player, rate the pain, finish at once and rate it again: the log is sent."""
    log_in(page, client, live_server, user)
    now = datetime.now(UTC)
    page.clock.install(time=now)
    page.goto("/session/daily/")
    page.clock.pause_at(now + timedelta(seconds=30))
    page.get_by_role("button", name="4", exact=True).click()
    page.clock.run_for(2000)
    page.get_by_role("button", name="Finish now").click()
    before_sending()
    page.get_by_role("button", name="3", exact=True).click()


def status(page):
    return page.locator("[data-el=done-status]")


def outbox(page) -> list:
    return json.loads(page.evaluate("localStorage.getItem('supple.outbox')") or "[]")


def test_a_server_error_is_said_and_the_log_is_sent_again_later(page, client, live_server, alice, alice_plan):
    answers = []

    def fail_once(route):
        if not answers:
            answers.append(500)
            route.fulfill(status=500, content_type="text/html", body="<h1>Server error</h1>")
        else:
            answers.append("server")
            route.continue_()

    page.route(API, fail_once)
    finish_a_session(page, client, live_server, alice)
    expect(status(page)).to_have_text(
        "supple's server could not save your session just now (error 500). It is kept on this device, and supple "
        "will try again in 30 seconds and whenever you open supple."
    )
    assert len(outbox(page)) == 1 and not SessionLog.objects.exists()
    page.clock.run_for(31_000)
    expect(status(page)).to_have_text("Your session is saved.")
    assert answers == [500, "server"] and SessionLog.objects.count() == 1 and outbox(page) == []


def test_a_log_the_server_already_has_is_saved_and_said_so(page, client, live_server, alice, alice_plan):
    def sent_twice(route):
        route.fetch()  # stored now, as if another tab had sent it first
        route.fulfill(response=route.fetch())  # the real answer to the second copy: 200, stored before

    page.route(API, sent_twice)
    finish_a_session(page, client, live_server, alice)
    expect(status(page)).to_have_text("Your session is saved. It had already arrived.")
    assert SessionLog.objects.count() == 1 and outbox(page) == []


def test_logged_out_the_log_waits_for_the_next_login(page, client, live_server, alice, alice_plan):
    # The session ended meanwhile (logged out in another tab, or it expired): the browser has no cookies left.
    finish_a_session(page, client, live_server, alice, before_sending=page.context.clear_cookies)
    expect(status(page)).to_contain_text("You are not logged in any more, so your session could not be sent.")
    link = status(page).get_by_role("link", name="log in")
    expect(link).to_have_attribute("href", "/accounts/login/?next=%2Ftoday%2F")
    assert len(outbox(page)) == 1 and not SessionLog.objects.exists()


def test_a_refused_log_says_why_and_is_not_sent_again(page, client, live_server, alice, alice_plan):
    def refuse(route):
        log = json.loads(route.request.post_data)
        log["pain_before"] = 11
        route.continue_(post_data=json.dumps(log))

    page.route(API, refuse)
    finish_a_session(page, client, live_server, alice)
    expect(status(page)).to_contain_text("Sorry: supple could not save this session (")
    expect(status(page)).to_contain_text("Sending it again would not help, so it is not kept. Your plan is unchanged.")
    assert outbox(page) == [] and not SessionLog.objects.exists()


def test_another_tab_that_sends_the_log_first_is_heard(page, client, live_server, alice, alice_plan):
    # Two tabs come back online at once: this one's copy meets a server error, the other tab's is stored.
    page.route(API, lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>Server error</h1>"))
    finish_a_session(page, client, live_server, alice)
    expect(status(page)).to_contain_text("supple's server could not save your session just now (error 500).")
    other = page.context.new_page()
    other.goto("/progress/")  # every page sends the outbox when it opens
    expect(status(page)).to_have_text("Your session is saved. It was sent from another supple tab.")
    assert SessionLog.objects.count() == 1
    page.unroute(API)
    page.clock.run_for(31_000)  # the retry finds nothing left to send
    assert SessionLog.objects.count() == 1
    expect(status(page)).to_have_text("Your session is saved. It was sent from another supple tab.")


def test_the_servers_answer_does_not_stay_in_the_browser(page, client, live_server, alice, alice_plan):
    """The answer (plan changes, in words) is shared with other tabs for two minutes, then removed."""
    results = "localStorage.getItem('supple.outbox.results')"
    finish_a_session(page, client, live_server, alice)
    expect(status(page)).to_contain_text("Your session is saved.")
    assert page.evaluate(results) is not None
    page.clock.run_for(3 * 60 * 1000)
    page.goto("/progress/")  # every page's outbox looks at what is kept
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()
    assert page.evaluate(results) is None
