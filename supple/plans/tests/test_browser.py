"""The intake and the plan in a real browser: a new person walks the steps and reads the plan."""

import pytest
from playwright.sync_api import expect

from supple.plans.services import start_plan
from supple.plans.tests.test_intake import EXPECTED_PROFILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, client, user, live_server) -> None:
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
    page.context.add_cookies([cookie])


def choose(page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_a_new_person_answers_the_intake_and_reads_their_plan(
    page, client, alice, live_server, screenshot, assert_accessible
):
    log_in(page, client, alice, live_server)
    page.goto("/plan/start/")
    expect(page.get_by_text("Step 1 of 6")).to_be_visible()
    page.get_by_label("How old are you?").fill("46")
    choose(page, "How bad is your back pain right now?", "5")
    page.get_by_label("How long has this bout of pain lasted?").fill("9")
    page.get_by_label("Lower back").check()
    page.get_by_label("Left buttock").check()
    page.get_by_label("Sitting for a long time").check()
    assert_accessible(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "onboarding", full_page=False)

    page.get_by_role("button", name="Next").click()  # the knee question is not answered yet
    expect(page.locator("#errors")).to_be_focused()
    expect(page.locator("#errors")).to_contain_text("Do you have pain or tingling below the knee?")
    expect(page.get_by_label("How old are you?")).to_have_value("46")
    assert_accessible(page)
    choose(page, "Do you have pain or tingling below the knee?", "No")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Safety questions")).to_be_visible()
    warning = page.locator("#id_pregnancy_warning_signs").locator("xpath=ancestor::fieldset")
    expect(warning).to_be_hidden()  # asked only during pregnancy
    choose(page, "Are you pregnant?", "Yes, 13 to 27 weeks (second trimester)")
    expect(warning).to_be_visible()
    choose(page, "Are you pregnant?", "No")
    expect(warning).to_be_hidden()
    for question in page.locator("fieldset.q:visible").all():
        question.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Health conditions")).to_be_visible()
    hip_details = page.get_by_label("How was the operation done?")
    expect(hip_details).to_be_hidden()
    page.get_by_label("I have had a hip replacement").check()
    expect(hip_details).to_be_visible()
    page.get_by_label("I have had a hip replacement").uncheck()
    page.get_by_role("button", name="Next").click()

    page.get_by_label("About how many hours a day do you sit?").fill("9")
    page.get_by_label("About how many hours a day do you drive?").fill("1.5")
    page.get_by_label("Running").check()
    page.get_by_label("Golf").check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_label("How many minutes a day can you give to stretching?")).to_have_value("10")
    choose(page, "Can you get down to the floor and back up comfortably?", "Yes")
    choose(page, "Do you have a sturdy chair without wheels to use?", "Yes")
    page.get_by_role("button", name="Next").click()

    page.get_by_label("Activity 1", exact=True).fill("Putting on socks")
    page.get_by_label("How well can you do activity 1 today?").select_option("4")
    page.get_by_role("button", name="See my plan").click()

    page.wait_for_url("**/plan/")
    expect(page.get_by_role("heading", name="Your plan", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="You can start")).to_be_visible()
    expect(page.get_by_text("Stop if pain spreads down your leg")).to_be_visible()
    expect(page.locator(".items .item img").first).to_be_visible()
    assert "It answers your sitting (about 9 hours a day)" in page.locator(".items").first.inner_text()
    assert_accessible(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "plan", full_page=False)
    assert alice.activities.get().name == "Putting on socks"


def test_the_intake_and_the_plan_fit_a_phone(phone, client, alice, live_server, assert_accessible):
    log_in(phone, client, alice, live_server)
    phone.goto("/plan/start/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    start_plan(alice, EXPECTED_PROFILE)
    phone.goto("/plan/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
