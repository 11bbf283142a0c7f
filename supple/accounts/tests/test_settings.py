"""The account page, changing the time zone, the password and the email address."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from supple.accounts import forms
from supple.accounts.models import User
from supple.conftest import PASSWORD
from supple.reminders.services import refresh_next_email, settings_for

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "longer-walks-in-spring-7"
LOGGED_IN = 3  # the session, the user, the current plan (the header's "I'm free now")
PAGES = ["accounts:settings", "accounts:password_change", "accounts:email_change", "accounts:delete"]


def test_the_account_page_links_to_every_control(client, alice):
    client.force_login(alice)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "alice@example.org" in html
    for name in ("email_change", "password_change", "export_json", "export_csv", "delete", "logout"):
        assert reverse(f"accounts:{name}") in html
    assert '<option value="Europe/London" selected>' in html


@pytest.mark.parametrize("name", [*PAGES, "accounts:export_json", "accounts:export_csv"])
def test_account_pages_send_strangers_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={reverse(name)}"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("accounts:settings", {"time_zone": "Asia/Tokyo"}),
        ("accounts:password_change", {"old_password": PASSWORD, "new_password1": "x", "new_password2": "x"}),
        ("accounts:email_change", {"email": "mallory@example.org", "password": PASSWORD}),
        ("accounts:delete", {"password": PASSWORD}),
    ],
)
def test_strangers_change_nothing(client, alice, name, data):
    response = client.post(reverse(name), data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.get().email == "alice@example.org"
    assert User.objects.get().time_zone == "Europe/London"


@pytest.mark.parametrize("name", PAGES)
def test_account_pages_show_only_the_logged_in_persons_account(client, alice, bob, name):
    client.force_login(bob)
    response = client.get(reverse(name))
    assert response.context["user"] == bob
    assert "alice@example.org" not in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_clinicians_have_an_account_page_too(client, physio, name):
    client.force_login(physio)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_account_pages_take_the_same_queries_however_long_the_history(
    client, alice, bob, history, django_assert_num_queries, name
):
    history(alice, days=730)
    for person in (alice, bob):
        client.force_login(person)
        with django_assert_num_queries(LOGGED_IN):
            assert client.get(reverse(name)).status_code == 200


def test_alice_changes_her_time_zone(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:settings"), {"time_zone": "Australia/Perth"}, follow=True)
    assert "Your time zone is saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "Australia/Perth"


def test_an_unknown_time_zone_is_refused_and_changes_nothing(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:settings"), {"time_zone": "Europe/Atlantis"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"


def test_alice_changes_her_password_and_stays_logged_in(client, alice):
    client.force_login(alice)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("accounts:password_change"), data, follow=True)
    assert response.redirect_chain == [(reverse("accounts:settings"), 302)]
    assert "Your password is changed." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_changing_the_password_logs_out_other_devices(client, alice):
    other_device = type(client)()
    other_device.force_login(alice)
    client.force_login(alice)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    client.post(reverse("accounts:password_change"), data)
    assert other_device.get(reverse("accounts:settings")).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"old_password": "wrong"}, "old_password", "Your old password was entered incorrectly."),
        ({"new_password2": "not-the-same-one"}, "new_password2", "match"),
        ({"new_password1": "password", "new_password2": "password"}, "new_password2", "too common"),
    ],
)
def test_a_bad_password_change_shows_a_field_error_and_changes_nothing(client, alice, changes, field, message):
    client.force_login(alice)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD} | changes
    response = client.post(reverse("accounts:password_change"), data)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_alice_changes_her_email_with_her_password_and_logs_in_with_the_new_one(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:email_change"), {"email": "Alice.Smith@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")
    alice.refresh_from_db()
    assert alice.email == "alice.smith@example.org"
    client.logout()
    assert client.login(username="alice.smith@example.org", password=PASSWORD)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password": "wrong"}, "password", "That is not your current password."),
        ({"password": ""}, "password", "This field is required."),
        ({"email": "BOB@example.org"}, "email", "Another account already uses this email address."),
        ({"email": "alice@example.org"}, "email", "That is already your email address."),
        ({"email": "alice at home"}, "email", "Enter a valid email address."),
        (
            {"email": "a" * 60 + "@" + "b" * 60 + ".example" * 20},
            "email",
            "Ensure this value has at most 254 characters (it has 281).",
        ),
    ],
)
def test_a_bad_email_change_shows_a_field_error_and_changes_nothing(client, alice, bob, changes, field, message):
    client.force_login(alice)
    data = {"email": "alice.smith@example.org", "password": PASSWORD} | changes
    response = client.post(reverse("accounts:email_change"), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert set(User.objects.values_list("email", flat=True)) == {"alice@example.org", "bob@example.org"}


def test_an_email_taken_a_moment_before_saving_is_a_field_error_not_a_crash(client, alice, bob, monkeypatch):
    monkeypatch.setattr(forms, "clean_new_email", lambda value, user=None: value.strip().lower())
    client.force_login(alice)
    response = client.post(reverse("accounts:email_change"), {"email": "bob@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Another account already uses this email address."]
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"


def test_a_new_time_zone_moves_the_next_reminder_email_to_the_new_clock(client, alice, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 20, 0, tzinfo=UTC), tick=False)  # 20:00 in London, 04:00 in Perth
    reminders = settings_for(alice)
    reminders.email = True
    refresh_next_email(reminders, timezone.now())
    reminders.save()
    london = reminders.next_email_at.astimezone(alice.zone)
    client.force_login(alice)
    client.post(reverse("accounts:settings"), {"time_zone": "Australia/Perth"})
    reminders.refresh_from_db()
    perth = reminders.next_email_at.astimezone(ZoneInfo("Australia/Perth"))
    assert (london.hour, london.minute) == (perth.hour, perth.minute) == (8, 0)  # the routine email, on each clock
    assert reminders.next_email_at == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)  # 08:00 in Perth
