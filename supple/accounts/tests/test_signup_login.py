"""Signing up, logging in and out."""

import pytest
from django.urls import reverse

from supple.accounts import forms
from supple.accounts.models import User
from supple.conftest import PASSWORD

pytestmark = pytest.mark.django_db
TODAY = "/today/"  # LOGIN_REDIRECT_URL, web:today


def signup(client, **changes):
    data = {"email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD, "time_zone": "Asia/Tokyo"}
    return client.post(reverse("accounts:signup"), data | changes)


def logged_in_email(client) -> str | None:
    user = client.get(reverse("accounts:settings")).wsgi_request.user
    return user.email if user.is_authenticated else None


def test_a_new_person_signs_up_and_is_logged_in(client):
    response = signup(client, email=" Carol@Example.org ")
    assert response.status_code == 302 and response["Location"] == TODAY
    carol = User.objects.get()
    assert carol.email == "carol@example.org"
    assert carol.role == "person" and not carol.is_clinician and not carol.is_staff
    assert carol.time_zone == "Asia/Tokyo"
    assert carol.check_password(PASSWORD)
    assert logged_in_email(client) == "carol@example.org"


def test_signing_up_cannot_choose_a_clinician_role_or_staff_rights(client):
    signup(client, role="clinician", is_staff="on", is_superuser="on")
    carol = User.objects.get()
    assert carol.role == "person" and not carol.is_staff and not carol.is_superuser


def test_the_sign_up_page_offers_every_time_zone_and_detects_the_browsers(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert '<option value="Europe/London">London</option>' in html
    assert '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires</option>' in html
    assert '<option value="UTC" selected>' in html
    assert "data-detect-time-zone" in html and "accounts/timezone.js" in html
    assert "modest" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "alice@example.org"}, "email", "Another account already uses this email address."),
        ({"email": "ALICE@example.org"}, "email", "Another account already uses this email address."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"password2": "something-else-entirely"}, "password2", "password fields didn"),
        ({"password1": "12345678", "password2": "12345678"}, "password2", "This password is too common."),
        ({"password1": "carolexample", "password2": "carolexample"}, "password2", "too similar to the email"),
        ({"password1": "short", "password2": "short"}, "password2", "too short"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Select a valid choice."),
        ({"time_zone": ""}, "time_zone", "This field is required."),
    ],
)
def test_bad_sign_up_answers_show_field_errors_and_create_nothing(client, alice, changes, field, message):
    response = signup(client, **changes)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert list(User.objects.values_list("email", flat=True)) == ["alice@example.org"]
    assert logged_in_email(client) is None


def test_a_bad_sign_up_keeps_the_chosen_time_zone_rather_than_detecting_again(client):
    response = signup(client, password2="nope-not-the-same")
    html = response.content.decode()
    assert '<option value="Asia/Tokyo" selected>' in html and "data-detect-time-zone" not in html


def test_a_logged_in_person_visiting_sign_up_goes_to_today(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 302 and response["Location"] == TODAY


def test_alice_logs_in_with_her_email_in_any_case_and_lands_on_today(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "Alice@Example.ORG", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == TODAY
    assert logged_in_email(client) == "alice@example.org"


def test_logging_in_returns_to_the_page_asked_for_but_never_to_another_site(client, alice):
    data = {"username": "alice@example.org", "password": PASSWORD}
    response = client.post(reverse("accounts:login") + "?next=/accounts/email/", data)
    assert response["Location"] == "/accounts/email/"
    client.logout()
    response = client.post(reverse("accounts:login") + "?next=https://evil.example/", data)
    assert response["Location"] == TODAY


def test_a_wrong_password_shows_a_kind_error_and_logs_nobody_in(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "That email address and password do not match an account." in response.content.decode()
    assert logged_in_email(client) is None


def test_the_login_page_links_to_sign_up_and_password_reset(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:signup") in html and reverse("accounts:password_reset") in html


def test_logging_out_takes_a_post(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert logged_in_email(client) == "alice@example.org"
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_email(client) is None
    assert response["Clear-Site-Data"] == '"cache"'  # the offline copy of the player goes too


@pytest.mark.parametrize(
    "name",
    [
        "accounts:signup",
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_complete",
        "accounts:deleted",
    ],
)
def test_public_account_pages_need_no_query(client, django_assert_num_queries, name):
    with django_assert_num_queries(0):
        assert client.get(reverse(name)).status_code == 200


def test_an_address_taken_a_moment_before_saving_is_a_field_error_not_a_crash(client, alice, monkeypatch):
    # Two sign-ups racing: the check passed for both, the database's unique email stops the second.
    monkeypatch.setattr(forms, "clean_new_email", lambda value, user=None: value.strip().lower())
    monkeypatch.setattr(forms.SignupForm, "validate_unique", lambda form: None)
    response = signup(client, email="alice@example.org")
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Another account already uses this email address."]
    assert User.objects.count() == 1
