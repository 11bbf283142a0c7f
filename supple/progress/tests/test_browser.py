"""Check-in, activities and progress in a real browser: charts drawn, accessible, usable on a phone."""

from datetime import timedelta

import pytest
from django.conf import settings

from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.progress.tests.conftest import profile, session
from supple.sessions.models import SessionLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WEEKS = 10


def log_in(page, client, user, live_server) -> None:
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


@pytest.fixture
def alice_with_ten_weeks(alice):
    """Ten weeks of check-ins easing from 6 to about 3, sessions most days, weekly activity ratings."""
    plan = start_plan(alice, profile(intensity=6))
    today = alice.local_date()
    days = [today - timedelta(days=n) for n in range(WEEKS * 7)][::-1]
    CheckIn.objects.bulk_create(
        CheckIn(user=alice, date=d, pain=max(2, 6 - n // 18 - (n % 3 == 0))) for n, d in enumerate(days)
    )
    SessionLog.objects.bulk_create(
        session(alice, plan, d, n, pain_before=max(2, 6 - n // 20), pain_after=max(1, 5 - n // 20))
        for n, d in enumerate(days)
        if n % 7 not in (2, 5)
    )
    socks = Activity.objects.create(user=alice, name="Putting on socks", position=1)
    garden = Activity.objects.create(user=alice, name="Gardening", position=2)
    ActivityRating.objects.bulk_create(
        ActivityRating(activity=a, date=d, score=min(10, base + n // 14))
        for a, base in ((socks, 3), (garden, 2))
        for n, d in enumerate(days)
        if n % 7 == 0
    )
    Plan.objects.create(
        user=alice,
        intake=plan.intake,
        source=Plan.Source.PAIN_RESPONSE,
        decision=plan.decision,
        document=plan.document,
        changes=["Your pain has been stable or better for 2 weeks, so your holds are longer now."],
    )
    return alice


def test_the_progress_page_draws_three_charts_with_summaries(
    page, client, live_server, alice_with_ten_weeks, assert_accessible, screenshot
):
    log_in(page, client, alice_with_ten_weeks, live_server)
    page.goto("/progress/")
    page.wait_for_function("() => ['pain-chart', 'sessions-chart', 'psfs-chart'].every(id => Chart.getChart(id))")
    labels = page.evaluate("Chart.getChart('pain-chart').data.datasets.map(d => d.label)")
    assert labels[:3] == ["Usual ups and downs", "band-low", "Starting pain"]
    assert "a meaningful improvement" in page.locator("#pain-summary").inner_text()
    assert "Your plan suggests 7 a week" in page.locator("#sessions-summary").inner_text()
    assert "a meaningful improvement" in page.locator("#psfs-summary").inner_text()
    assert page.get_by_text("so your holds are longer now").is_visible()
    drawn = page.evaluate(
        "() => { const c = document.getElementById('pain-chart'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;"
        " return n; }"
    )
    assert drawn > 1000
    assert_accessible(page)
    screenshot(page, "progress", full_page=True)


def test_the_progress_page_fits_a_phone(
    phone, client, live_server, alice_with_ten_weeks, assert_accessible, screenshot
):
    log_in(phone, client, alice_with_ten_weeks, live_server)
    phone.goto("/progress/")
    phone.wait_for_function("() => Chart.getChart('psfs-chart')")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_text("Weekly numbers").first.click()
    assert phone.get_by_role("table").first.is_visible()
    assert_accessible(phone)
    screenshot(phone, "progress-phone", full_page=True)


def answer_every_question_no(page) -> None:
    for group in page.locator("fieldset.choice-yesno").all():
        group.get_by_label("No", exact=True).check()


def test_a_person_checks_in_with_the_keyboard_and_mouse(
    page, client, live_server, alice, assert_accessible, screenshot
):
    start_plan(alice, profile())
    log_in(page, client, alice, live_server)
    page.goto("/checkin/")
    page.get_by_role("button", name="Save check-in").click()
    assert page.get_by_role("heading", name="Please check your answers").is_visible()
    assert_accessible(page)
    pain = page.get_by_role("group", name="How strong is your back pain right now?")
    pain.get_by_label("0", exact=True).focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    answer_every_question_no(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "checkin")
    page.get_by_role("button", name="Save check-in").click()
    assert page.get_by_role("heading", name="Thank you: you have checked in today").is_visible()
    assert CheckIn.objects.get(user=alice).pain == 4
    assert_accessible(page)


def test_a_red_flag_in_the_browser_shows_what_to_do_now(
    page, client, live_server, alice, assert_accessible, screenshot
):
    start_plan(alice, profile())
    log_in(page, client, alice, live_server)
    page.goto("/checkin/")
    page.get_by_role("group", name="How strong is your back pain right now?").get_by_label("5", exact=True).check()
    answer_every_question_no(page)
    page.get_by_role("group", name="New trouble passing or holding urine").get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Get emergency care now"
    assert_accessible(page)
    screenshot(page, "checkin-emergency")


def test_a_person_adds_and_rates_activities(page, client, live_server, alice, assert_accessible, screenshot):
    log_in(page, client, alice, live_server)
    page.goto("/activities/")
    for name in ("Putting on socks", "Sitting through a film"):
        page.get_by_label("Activity", exact=True).fill(name)
        page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("group", name="Putting on socks").get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Sitting through a film").get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Save ratings").click()
    assert page.get_by_text("Your score: 5.5 out of 10").is_visible()
    page.get_by_text("Rename").first.click()
    assert_accessible(page)
    screenshot(page, "activities")
