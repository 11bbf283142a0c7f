"""The links in reminder emails, notifications and calendar events: a GET changes nothing, a POST records."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.tests.conftest import TUESDAY, at, log_in_browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_reminder(alice, alice_settings) -> Reminder:
    return Reminder.objects.create(
        user=alice,
        kind=Reminder.Kind.ROUTINE,
        channel=Reminder.Channel.EMAIL,
        due_at=at("Europe/London", TUESDAY, 8),
        local_date=TUESDAY,
        sent_at=at("Europe/London", TUESDAY, 8),
    )


def snapshot() -> list[tuple]:
    return list(Reminder.objects.order_by("id").values_list("id", "status", "acted_at"))


def calendar_link(kind: str, moment: datetime) -> str:
    return reverse("reminders:from_calendar", args=[kind, int(moment.timestamp())])


def test_opening_a_reminder_link_changes_nothing_until_the_start_button_is_pressed(
    logged_in, alice, email_reminder, clock
):
    clock.to(at("Europe/London", TUESDAY, 8, 5))
    client = logged_in(alice)
    url = reverse("reminders:open", args=[email_reminder.public_id])
    before = snapshot()
    page = client.get(url)
    assert page.status_code == 200 and snapshot() == before
    html = page.content.decode()
    assert 'method="post"' in html and "data-submit-at-once" in html and "reminders/submit-at-once.js" in html

    response = client.post(url)
    assert response.url == reverse("sessions:player", args=["daily"]) + f"?reminder={email_reminder.public_id}"
    email_reminder.refresh_from_db()
    assert email_reminder.status == "started" and email_reminder.acted_at == at("Europe/London", TUESDAY, 8, 5)


def test_a_calendar_link_records_nothing_on_get_and_the_started_reminder_on_post(logged_in, alice, alice_plan, clock):
    clock.to(at("Europe/London", TUESDAY, 10, 1))
    client = logged_in(alice)
    url = calendar_link("desk_break", at("Europe/London", TUESDAY, 10))
    page = client.get(url)
    assert page.status_code == 200 and "Your desk break" in page.content.decode()
    assert not Reminder.objects.exists() and not ReminderSettings.objects.exists()

    response = client.post(url)
    reminder = Reminder.objects.get(user=alice)
    assert (reminder.channel, reminder.status) == ("calendar", "started")
    assert response.url == reverse("sessions:player", args=["desk"]) + f"?reminder={reminder.public_id}"


@pytest.mark.parametrize(
    ("sent_from", "at_once"), [(None, True), ("none", True), ("same-origin", True), ("cross-site", False)]
)
def test_a_link_from_another_site_waits_for_the_button(logged_in, alice, alice_plan, clock, sent_from, at_once):
    """Another site's link cannot make the browser record a calendar reminder as started by itself."""
    clock.to(at("Europe/London", TUESDAY, 10, 1))
    headers = {"Sec-Fetch-Site": sent_from} if sent_from else {}
    page = logged_in(alice).get(calendar_link("desk_break", at("Europe/London", TUESDAY, 10)), headers=headers)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert ("data-submit-at-once" in page.content.decode()) is at_once
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, tzinfo=UTC),  # past the calendar's last day anywhere east of London
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2026, 3, 10, tzinfo=UTC) + timedelta(days=400),
    ],
)
@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"])
def test_a_calendar_link_far_from_now_answers_a_kind_400_and_records_nothing(logged_in, alice, moment, zone, clock):
    clock.to(at("Europe/London", TUESDAY, 10))
    alice.time_zone = zone
    alice.save()
    client = logged_in(alice)
    url = calendar_link("routine", moment)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This calendar link is not recognised" in response.content.decode()
    assert not Reminder.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_following_the_link_reaches_the_player_and_a_scanner_records_nothing(
    browser, live_server, page, client, alice, email_reminder
):
    url = reverse("reminders:open", args=[email_reminder.public_id])
    scanner = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    scanner_page = scanner.new_page()
    log_in_browser(scanner_page, client, live_server, alice)
    scanner_page.goto(url)
    scanner.close()
    email_reminder.refresh_from_db()
    assert email_reminder.status == "sent"

    log_in_browser(page, client, live_server, alice)
    page.goto(url)
    page.wait_for_url(f"**/session/daily/?reminder={email_reminder.public_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Daily routine")
    email_reminder.refresh_from_db()
    assert email_reminder.status == "started"
