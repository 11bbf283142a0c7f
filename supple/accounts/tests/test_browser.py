"""Account pages in a real browser: sign-up with the time zone detected, reset by email, accessibility."""

import re
from urllib.parse import urlsplit

import pytest

from supple.accounts.models import User
from supple.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "slow-breaths-and-long-holds-9"


def log_in(page, email: str = "alice@example.org", password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_new_person_signs_up_with_the_time_zone_of_their_browser(browser, live_server, screenshot):
    context = browser.new_context(
        base_url=live_server.url, timezone_id="Asia/Tokyo", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/accounts/signup/")
    assert page.get_by_label("Your time zone").input_value() == "Asia/Tokyo"
    screenshot(page, "signup-phone", full_page=True)
    page.get_by_label("Email address").fill("carol@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)
    carol = User.objects.get(email="carol@example.org")
    assert carol.time_zone == "Asia/Tokyo" and carol.role == "person"
    context.close()


def test_without_javascript_the_time_zone_is_picked_by_hand(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto("/accounts/signup/")
    select = page.get_by_label("Your time zone")
    assert select.input_value() == "UTC"
    select.select_option("America/Chicago")
    page.get_by_label("Email address").fill("dan@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)
    assert User.objects.get(email="dan@example.org").time_zone == "America/Chicago"
    context.close()


def test_sign_up_errors_are_announced_next_to_their_fields(page, alice, assert_accessible):
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").fill("alice@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill("something else")
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("alert").is_visible()
    email = page.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_email_error").inner_text() == "Another account already uses this email address."
    assert "id_password2_error" in page.get_by_label("Password again").get_attribute("aria-describedby")
    assert_accessible(page)


def test_alice_resets_her_password_from_the_email_in_the_browser(page, alice, smtp, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_role("button", name="Send me a link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert_accessible(page)
    [message] = smtp.messages
    [link] = re.findall(r"https?://\S+", message.get_payload(decode=True).decode())
    page.goto(urlsplit(link).path)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    assert_accessible(page)
    page.get_by_role("button", name="Save new password").click()
    assert page.get_by_role("heading", name="Your new password is saved").is_visible()
    page.get_by_role("link", name="Log in").last.click()
    log_in(page, password=NEW_PASSWORD)
    page.goto("/accounts/")
    assert page.get_by_role("heading", name="Your account").is_visible()


def test_alice_deletes_her_account_from_the_settings_page(page, alice, bob, assert_accessible, screenshot):
    log_in(page)
    page.goto("/accounts/")
    screenshot(page, "account-settings", full_page=True)
    page.get_by_role("link", name="Delete my account").click()
    assert_accessible(page)
    page.get_by_label("Your current password").fill("not my password")
    page.get_by_role("button", name="Delete my account and all my data").click()
    assert page.locator("#id_password_error").is_visible()
    assert User.objects.filter(email="alice@example.org").exists()
    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    assert page.get_by_role("heading", name="Your account is deleted").is_visible()
    assert_accessible(page)
    assert list(User.objects.values_list("email", flat=True)) == ["bob@example.org"]


def test_the_downloads_arrive_as_files(page, alice):
    log_in(page)
    page.goto("/accounts/")
    with page.expect_download() as json_download:
        page.get_by_role("link", name="Download my data as JSON").click()
    assert json_download.value.suggested_filename.endswith(".json")
    with page.expect_download() as zip_download:
        page.get_by_role("link", name="Download my data as CSV").click()
    assert zip_download.value.suggested_filename.endswith(".zip")


@pytest.mark.parametrize("path", ["/accounts/", "/accounts/password/", "/accounts/email/", "/accounts/delete/"])
def test_account_pages_are_accessible_and_fit_a_phone(phone, alice, assert_accessible, path):
    log_in(phone)
    phone.goto(path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)


@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/login/", "/accounts/reset/", "/accounts/deleted/"])
def test_public_account_pages_are_accessible(page, assert_accessible, path):
    page.goto(path)
    assert_accessible(page)


def test_changing_the_password_keeps_alice_logged_in(page, alice, assert_accessible):
    log_in(page)
    page.goto("/accounts/password/")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    assert page.get_by_role("status").inner_text() == "Your password is changed."
    assert_accessible(page)
