"""Every password field refuses more than 256 characters with a field error, and changes nothing."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from supple.accounts.forms import MAX_PASSWORD_LENGTH
from supple.accounts.models import User
from supple.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LONGEST = "stretch " * (MAX_PASSWORD_LENGTH // 8)  # exactly the limit, and strong enough
TOO_LONG = LONGEST + "!"
MEGABYTE = "x" * 1_000_000
TOO_LONG_MESSAGE = f"Use at most {MAX_PASSWORD_LENGTH} characters"


def errors_of(response) -> dict[str, list[str]]:
    return response.context["form"].errors


def stored_passwords() -> list[str]:
    return list(User.objects.order_by("id").values_list("password", flat=True))


def sign_up(client, password: str, again: str | None = None):
    data = {"email": "carol@example.org", "password1": password, "password2": again or password, "time_zone": "UTC"}
    return client.post(reverse("accounts:signup"), data)


@pytest.mark.parametrize("password", [TOO_LONG, MEGABYTE], ids=["257 characters", "a megabyte"])
def test_sign_up_refuses_a_password_too_long_before_judging_its_strength(client, password):
    response = sign_up(client, password)
    assert response.status_code == 400
    errors = errors_of(response)
    assert set(errors) == {"password1", "password2"}  # no strength or similarity message: those never ran
    assert all(TOO_LONG_MESSAGE in message for field in errors.values() for message in field)
    assert not User.objects.exists()


def test_sign_up_takes_a_password_of_exactly_the_limit(client):
    assert sign_up(client, LONGEST).status_code == 302
    assert User.objects.get().check_password(LONGEST)


def test_a_password_too_long_cannot_log_in_and_says_why(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice@example.org", "password": MEGABYTE})
    assert response.status_code == 200 and TOO_LONG_MESSAGE in errors_of(response)["password"][0]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"old_password": MEGABYTE}, {"old_password"}),
        ({"new_password1": MEGABYTE, "new_password2": MEGABYTE}, {"new_password1", "new_password2"}),
    ],
)
def test_a_password_change_refuses_a_password_too_long(client, alice, changes, fields):
    client.force_login(alice)
    before = stored_passwords()
    data = {"old_password": PASSWORD, "new_password1": LONGEST, "new_password2": LONGEST} | changes
    response = client.post(reverse("accounts:password_change"), data)
    assert response.status_code == 400 and set(errors_of(response)) == fields
    assert TOO_LONG_MESSAGE in errors_of(response)[min(fields)][0]
    assert stored_passwords() == before


def test_a_reset_refuses_a_new_password_too_long(client, alice):
    link = reverse(
        "accounts:password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(alice.pk)), default_token_generator.make_token(alice)],
    )
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    before = stored_passwords()
    response = client.post(set_password_url, {"new_password1": MEGABYTE, "new_password2": MEGABYTE})
    assert response.status_code == 200
    assert set(errors_of(response)) == {"new_password1", "new_password2"}
    assert TOO_LONG_MESSAGE in errors_of(response)["new_password1"][0]
    assert stored_passwords() == before


@pytest.mark.parametrize(
    ("url", "data"),
    [("accounts:email_change", {"email": "alice.smith@example.org"}), ("accounts:delete", {})],
    ids=["email change", "delete account"],
)
def test_asking_for_the_current_password_refuses_one_too_long(client, alice, url, data):
    client.force_login(alice)
    response = client.post(reverse(url), {**data, "password": MEGABYTE})
    assert response.status_code == 400 and TOO_LONG_MESSAGE in errors_of(response)["password"][0]
    assert list(User.objects.values_list("email", flat=True)) == ["alice@example.org"]
