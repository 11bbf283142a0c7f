"""A new person's first day, end to end in a real Chromium: sign up, intake, plan, a whole
guided session (timers run fast on Playwright's clock), the morning check-in and Progress."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from supple.accounts.models import User
from supple.conftest import PASSWORD
from supple.progress.models import CheckIn
from supple.sessions.models import SessionLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose(page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def sign_up(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email address").fill("erin@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


def answer_the_intake(page) -> None:
    expect(page.get_by_text("Step 1 of 6")).to_be_visible()
    page.get_by_label("How old are you?").fill("38")
    choose(page, "How bad is your back pain right now?", "4")
    page.get_by_label("How long has this bout of pain lasted?").fill("10")
    page.get_by_label("Lower back").check()
    choose(page, "Do you have pain or tingling below the knee?", "No")
    page.get_by_role("button", name="Next").click()
    choose(page, "Are you pregnant?", "No")
    for question in page.locator("fieldset.q:visible").all():
        question.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Health conditions")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("About how many hours a day do you sit?").fill("8")
    page.get_by_label("About how many hours a day do you drive?").fill("0")
    page.get_by_role("button", name="Next").click()
    choose(page, "Can you get down to the floor and back up comfortably?", "Yes")
    choose(page, "Do you have a sturdy chair without wheels to use?", "Yes")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Activity 1", exact=True).fill("Sitting through a meeting")
    page.get_by_label("How well can you do activity 1 today?").select_option("5")
    page.get_by_role("button", name="See my plan").click()


def do_the_daily_routine(page) -> int:
    """Start it from Today and go through every exercise; returns how many there were."""
    page.get_by_role("link", name="Start your daily routine").click()
    now = datetime.now(UTC)
    page.clock.pause_at(now + timedelta(seconds=30))
    heading = page.locator("#player-heading")
    expect(heading).to_have_text("How is your pain right now?")
    page.get_by_role("button", name="4", exact=True).click()
    exercises = 0
    while heading.inner_text() != "How is your pain now?":
        exercises += 1
        assert exercises <= 8, "the routine did not end"
        page.clock.run_for(400_000)  # every hold, rest and side of this exercise
        expect(page.locator("[data-el=dose]")).to_have_text("All sets done.")
        page.get_by_role("button", name="Fine", exact=True).click()
    page.get_by_role("button", name="3", exact=True).click()
    expect(page.locator("[data-el=done-status]")).to_have_text("Your session is saved.")
    return exercises


def test_a_new_person_signs_up_plans_exercises_checks_in_and_sees_progress(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.clock.install(time=datetime.now(UTC))

    sign_up(page)
    page.wait_for_url("**/plan/start/")  # Today sends a person without a plan to the intake
    answer_the_intake(page)
    page.wait_for_url("**/plan/")
    expect(page.get_by_role("heading", name="Your daily routine")).to_be_visible()
    erin = User.objects.get(email="erin@example.org")
    plan = erin.plans.get()
    assert plan.decision == "proceed" and plan.document["routine"]

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_text("Morning check-in")).to_be_visible()
    exercises = do_the_daily_routine(page)
    log = SessionLog.objects.get(user=erin)
    assert (log.outcome, log.pain_before, log.pain_after) == ("completed", 4, 3)
    assert log.exercises.count() == exercises == len(plan.document["routine"])
    assert all(e.response == "fine" and not e.skipped for e in log.exercises.all())

    page.clock.resume()
    page.goto("/checkin/")
    choose(page, "How strong is your back pain right now?", "3")
    for group in page.locator("fieldset.choice-yesno").all():
        group.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", name="Thank you: you have checked in today")).to_be_visible()
    assert CheckIn.objects.get(user=erin).pain == 3

    page.get_by_role("link", name="Progress", exact=True).first.click()
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()
    expect(page.get_by_text("This week so far: 1 session")).to_be_visible()
    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_text("1 session day so far")).to_be_visible()
    expect(page.get_by_text("Morning check-in")).to_have_count(0)
    context.close()


def test_today_and_the_home_page_have_no_serious_accessibility_problems(
    page, client, alice, live_server, assert_accessible
):
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan

    page.goto("/")
    assert_accessible(page)
    start_plan(alice, profile(lifestyle={"sitting_hours": 9}))
    client.force_login(alice)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/today/")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    assert_accessible(page)
