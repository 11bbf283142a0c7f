"""Resetting a forgotten password by email, through a real SMTP server."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from supple.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "morning-stretch-by-the-window-3"


def ask_for_a_link(client, email: str):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def link_in(message) -> str:
    [url] = re.findall(r"https?://\S+", message.get_payload(decode=True).decode())
    return urlsplit(url).path


def test_alice_resets_her_password_from_the_link_in_the_email(client, alice, smtp):
    response = ask_for_a_link(client, "Alice@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")

    [message] = smtp.messages
    assert message["Subject"] == "Reset your supple password"
    assert message["X-Envelope-To"] == "alice@example.org"
    assert message.get_content_type() == "text/plain" and not message.is_multipart()
    body = message.get_payload(decode=True).decode()
    assert f"{settings.SITE_ROOT.rstrip('/')}/accounts/reset/" in body and "ignore this email" in body

    form_page = client.get(link_in(message), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_complete")

    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.login(username="alice@example.org", password=NEW_PASSWORD)


def test_a_reset_link_works_only_once(client, alice, smtp):
    ask_for_a_link(client, "alice@example.org")
    link = link_in(smtp.messages[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert "This link does not work any more" in again.content.decode()


def test_a_weak_new_password_shows_a_field_error_and_keeps_the_old_one(client, alice, smtp):
    ask_for_a_link(client, "alice@example.org")
    set_password_url = client.get(link_in(smtp.messages[0]), follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": "alice", "new_password2": "alice"})
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_an_unknown_address_sends_nothing_and_looks_the_same(client, alice, smtp):
    response = ask_for_a_link(client, "nobody@example.org")
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert smtp.messages == []
    assert "If an account uses that address" in client.get(response["Location"]).content.decode()


def test_a_made_up_link_is_refused_kindly(client, alice):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "made-up-token"]))
    assert response.status_code == 200
    assert "This link does not work any more" in response.content.decode()


def test_a_malformed_address_shows_a_field_error(client, smtp):
    response = ask_for_a_link(client, "not an address")
    assert response.status_code == 200 and "Enter a valid email address." in response.content.decode()
    assert smtp.messages == []
