"""Reminders in a real Chromium: the page, asking for notifications, a desk break on screen, its buttons."""

import re
import time
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.sending import unsubscribe_token
from supple.reminders.services import settings_for
from supple.reminders.tests.conftest import TUESDAY, at, log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SERVICE_WORKER = "/sw.js"
# Counts calls to Notification.requestPermission, to prove the page never asks on its own.
COUNT_PERMISSION_REQUESTS = """
window.__asked = 0;
const ask = Notification.requestPermission.bind(Notification);
Notification.requestPermission = (...args) => { window.__asked += 1; return ask(...args); };
"""


@pytest.fixture
def alice_page(page, client, live_server, alice, alice_plan):
    log_in_browser(page, client, live_server, alice)
    return page


def test_the_reminders_page_reads_well_on_desktop_and_phone(
    alice_page, phone, client, live_server, alice, screenshot, assert_accessible
):
    alice_page.goto("/reminders/")
    expect(alice_page.get_by_role("heading", name="Reminders", exact=True)).to_be_visible()
    assert alice_page.get_by_label("A desk break every (minutes)").input_value() == "50"
    assert alice_page.get_by_role("checkbox", name="Monday").is_checked()
    assert not alice_page.get_by_role("checkbox", name="Saturday").is_checked()
    assert_accessible(alice_page)
    screenshot(alice_page, "reminders", full_page=True)
    log_in_browser(phone, client, live_server, alice)
    phone.goto("/reminders/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)
    screenshot(phone, "reminders-phone", full_page=True)


def test_a_refused_setting_is_marked_and_announced(alice_page, alice, assert_accessible):
    alice_page.goto("/reminders/")
    alice_page.get_by_label("A desk break every (minutes)").fill("0")
    alice_page.get_by_label("Working day ends").fill("08:00")
    alice_page.get_by_role("button", name="Save reminder settings").click()
    expect(alice_page.get_by_role("alert")).to_contain_text("Nothing was saved")
    interval = alice_page.get_by_label("A desk break every (minutes)")
    assert interval.get_attribute("aria-invalid") == "true"
    assert "id_break_minutes_error" in interval.get_attribute("aria-describedby")
    expect(alice_page.locator("#id_work_end_error")).to_have_text("Your working day must end after it starts.")
    assert_accessible(alice_page)
    assert ReminderSettings.objects.get(user=alice).break_minutes == 50


def test_turning_on_reminders_asks_for_notifications_only_after_the_click(alice_page, alice, live_server):
    alice_page.add_init_script(COUNT_PERMISSION_REQUESTS)
    alice_page.context.grant_permissions(["notifications"], origin=live_server.url)
    alice_page.goto("/reminders/")
    assert alice_page.evaluate("window.__asked") == 0
    alice_page.get_by_role("button", name="Turn on reminders").click()
    expect(alice_page.get_by_text("Notifications are allowed in this browser.")).to_be_visible()
    assert ReminderSettings.objects.get(user=alice).browser
    expect(alice_page.get_by_role("button", name="Turn off browser reminders")).to_be_visible()


def test_when_the_browser_refuses_notifications_the_person_is_told_and_nothing_changes(alice_page, alice):
    alice_page.goto("/reminders/")
    alice_page.get_by_role("button", name="Turn on reminders").click()
    expect(alice_page.get_by_text("Notifications are blocked in this browser")).to_be_visible()
    assert not ReminderSettings.objects.get(user=alice).browser


def test_a_desk_break_appears_on_time_with_its_three_buttons(alice_page, alice, live_server, time_machine):
    row = settings_for(alice)
    row.browser = True
    row.save()
    start = at("Europe/London", TUESDAY, 9, 59)
    time_machine.move_to(start, tick=True)
    alice_page.context.grant_permissions(["notifications"], origin=live_server.url)
    alice_page.clock.install(time=start)
    alice_page.goto("/reminders/")
    alice_page.wait_for_load_state("networkidle")
    # The service worker shows the notification: have it running before the break is due,
    # so a slow first start on a busy machine cannot race the page's clock.
    alice_page.evaluate(
        f"navigator.serviceWorker.register('{SERVICE_WORKER}').then(() => navigator.serviceWorker.ready)"
    )
    assert notifications(alice_page) == []
    alice_page.clock.run_for(61_000)
    [shown] = wait_for_notifications(alice_page)
    assert shown["title"] == "Time for a desk break"
    buttons = [a["title"] for a in shown["actions"]]
    if alice_page.evaluate("Notification.maxActions") >= 3:
        assert buttons == ["Start desk routine", "In 10 minutes", "Skip today"]
    else:  # Chromium on Linux shows two: a click on the notification itself starts the routine
        assert buttons == ["In 10 minutes", "Skip today"]
        assert shown["body"].endswith("Click here to start your desk routine.")
    reminder = Reminder.objects.get(user=alice)
    assert reminder.status == "sent" and reminder.due_at == at("Europe/London", TUESDAY, 10)
    assert shown["data"]["id"] == str(reminder.public_id)


def test_the_notification_buttons_snooze_skip_and_start(alice_page, alice, live_server, time_machine):
    row = settings_for(alice)
    row.browser = True
    row.save()
    time_machine.move_to(at("Europe/London", TUESDAY, 10), tick=True)
    alice_page.goto("/reminders/")
    # The service worker's code, run in the page with the data a notification carries.
    alice_page.add_script_tag(url="/static/reminders/sw-reminders.js")
    data = alice_page.evaluate(SHOW, "2026-03-10T10:00:00+00:00")
    alice_page.evaluate("data => self.suppleReminderAction('snooze', data, () => null)", data)
    first = Reminder.objects.get(public_id=data["id"])
    assert first.status == "snoozed"
    later = Reminder.objects.get(snoozed_from=first)
    assert later.status == "due" and later.due_at - first.acted_at == timedelta(minutes=10)
    data = alice_page.evaluate(SHOW, "2026-03-10T11:00:00+00:00")
    alice_page.evaluate("data => self.suppleReminderAction('skip', data, () => null)", data)
    assert Reminder.objects.get(public_id=data["id"]).status == "skipped"
    assert not Reminder.objects.filter(status="due").exists()  # the snoozed one is cancelled too
    opened = alice_page.evaluate("data => new Promise(done => self.suppleReminderAction('start', data, done))", data)
    assert opened == f"/reminders/{data['id']}/open/"


def test_im_free_now_on_any_page_starts_the_desk_routine(alice_page, alice):
    alice_page.goto("/exercises/")
    alice_page.get_by_role("navigation", name="Main").get_by_role("button", name="I'm free now").click()
    alice_page.wait_for_url(re.compile(r"/session/desk/$"))
    assert Reminder.objects.get(user=alice).kind == "free_now"


def test_the_browsers_time_zone_is_offered_and_saved(browser, live_server, client, alice, alice_plan):
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Tokyo")
    page = context.new_page()
    log_in_browser(page, client, live_server, alice)
    page.goto("/reminders/")
    expect(page.get_by_text("Your browser's clock says Asia/Tokyo.")).to_be_visible()
    page.get_by_role("button", name="Use it").click()
    assert page.get_by_label("Your time zone").input_value() == "Asia/Tokyo"
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.get_by_text("Your reminder settings are saved.")).to_be_visible()
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Tokyo"
    expect(page.locator("[data-zone-hint]")).to_be_hidden()
    context.close()


def test_unsubscribing_takes_one_click_but_a_link_scanner_changes_nothing(browser, live_server, alice, alice_plan):
    row = settings_for(alice)
    row.email = True
    row.save()
    url = f"/reminders/unsubscribe/{unsubscribe_token(alice)}/"
    scanner = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    scanner.new_page().goto(url)
    scanner.close()
    assert ReminderSettings.objects.get(user=alice).email
    person = browser.new_context(base_url=live_server.url)
    page = person.new_page()
    page.goto(url)
    expect(page.get_by_role("heading", name="Reminder emails are off")).to_be_visible()
    assert not ReminderSettings.objects.get(user=alice).email
    person.close()


SHOW = """async (dueAt) => {
  const schedule = await (await fetch("/reminders/schedule.json")).json();
  const response = await fetch(schedule.shown_url, {
    method: "POST", headers: {"Content-Type": "application/json", "X-CSRFToken": schedule.csrf_token},
    body: JSON.stringify({due_at: dueAt}),
  });
  return response.json();
}"""


def wait_for_notifications(page, seconds: float = 30) -> list[dict]:
    until = time.monotonic() + seconds
    while not (shown := notifications(page)) and time.monotonic() < until:
        time.sleep(0.1)
    return shown


def notifications(page) -> list[dict]:
    return page.evaluate(
        """async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          if (!registration) return [];
          const shown = await registration.getNotifications();
          return shown.map(n => ({title: n.title, body: n.body, actions: n.actions, data: n.data}));
        }"""
    )
