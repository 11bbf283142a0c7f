"""Too many wrong passwords, or too many password-reset requests, are refused for a while."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from supple.accounts.models import Attempt
from supple.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def log_in(client, email: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_a_kind_message(client, alice, clock):
    for _ in range(5):
        assert log_in(client, "alice@example.org", "wrong-guess").status_code == 200
    response = log_in(client, "alice@example.org", PASSWORD)
    assert response.status_code == 429 and not logged_in(client)
    page = response.content.decode()
    assert "logging in to it is paused for a while" in page and "try again in 15 minutes" in page
    assert 'name="username"' in page  # the login form itself, not an error page


def test_the_pause_ends_after_fifteen_minutes(client, alice, clock):
    for _ in range(5):
        log_in(client, "alice@example.org", "wrong-guess")
    clock.shift(timedelta(minutes=10))
    assert "try again in 5 minutes" in log_in(client, "alice@example.org", PASSWORD).content.decode()
    clock.shift(timedelta(minutes=5))
    assert log_in(client, "alice@example.org", PASSWORD).status_code == 302 and logged_in(client)


def test_guesses_during_the_pause_do_not_make_it_longer(client, alice, clock):
    for _ in range(5):
        log_in(client, "alice@example.org", "wrong-guess")
    for _ in range(30):
        clock.shift(timedelta(seconds=20))
        assert log_in(client, "alice@example.org", "another-guess").status_code == 429
    clock.shift(timedelta(minutes=5))  # 15 minutes after the fifth wrong password
    assert log_in(client, "alice@example.org", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_again(client, alice, clock):
    for _ in range(4):
        log_in(client, "alice@example.org", "wrong-guess")
    assert log_in(client, "alice@example.org", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "alice@example.org", "wrong-guess")
    assert log_in(client, "alice@example.org", PASSWORD).status_code == 302


def test_the_pause_is_per_account_whatever_the_case_of_the_address(client, alice, bob, clock):
    for n in range(5):
        log_in(client, "ALICE@example.org" if n % 2 else "alice@example.org", "wrong-guess", f"198.51.100.{n}")
    assert log_in(client, "Alice@Example.org", PASSWORD, "192.0.2.1").status_code == 429
    assert log_in(client, "bob@example.org", PASSWORD).status_code == 302


def test_one_client_guessing_across_many_accounts_is_paused(client, alice, clock):
    for n in range(20):
        assert log_in(client, f"someone{n}@example.org", "wrong-guess").status_code == 200
    response = log_in(client, "alice@example.org", PASSWORD)
    assert response.status_code == 429 and "tried from your network" in response.content.decode()
    assert log_in(client, "alice@example.org", PASSWORD, address="192.0.2.55").status_code == 302


def test_the_table_keeps_no_address_and_forgets_old_tries(client, alice, clock):
    log_in(client, "alice@example.org", "wrong-guess")
    keys = list(Attempt.objects.values_list("key", flat=True))
    assert len(keys) == 2 and not any("alice" in key or "203.0.113" in key for key in keys)
    clock.shift(timedelta(hours=2))
    log_in(client, "bob@example.org", "wrong-guess")
    assert Attempt.objects.count() == 2  # Alice's hour-old rows are gone


def ask_for_a_link(client, email: str, address: str = "203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_reset_links_are_limited_per_address_and_the_answer_tells_nothing_about_accounts(client, alice, smtp, clock):
    answers = {}
    for email in ("alice@example.org", "nobody@example.org"):
        for _ in range(3):
            assert ask_for_a_link(client, email).status_code == 302
        answers[email] = ask_for_a_link(client, email)
    assert len(smtp.messages) == 3  # the fourth ask for Alice sent nothing
    assert {response.status_code for response in answers.values()} == {429}
    alice_page, nobody_page = (r.context["form"].non_field_errors() for r in answers.values())
    assert alice_page == nobody_page and "asked for several times in the last hour" in alice_page[0]
    clock.shift(timedelta(hours=1))
    assert ask_for_a_link(client, "alice@example.org").status_code == 302
    assert len(smtp.messages) == 4


def test_reset_links_are_limited_per_client(client, alice, smtp, clock):
    for n in range(10):
        ask_for_a_link(client, f"someone{n}@example.org")
    response = ask_for_a_link(client, "alice@example.org")
    assert response.status_code == 429 and "from your network" in response.content.decode()
    assert smtp.messages == []
    assert ask_for_a_link(client, "alice@example.org", address="192.0.2.55").status_code == 302
    assert len(smtp.messages) == 1
