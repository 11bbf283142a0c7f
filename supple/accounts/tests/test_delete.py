"""Deleting an account removes the person and everything they own, and nothing of anyone else's."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from supple.accounts.models import BrowserSession, User
from supple.conftest import PASSWORD
from supple.plans.models import Intake, Plan
from supple.plans.tests.conftest import proceed_answers
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.reminders.models import Reminder, ReminderSettings
from supple.sessions.models import ExerciseLog, SessionLog

pytestmark = pytest.mark.django_db


def rows_of(user_id: int) -> dict[str, int]:
    """How many rows of each table belong to the user with this id."""
    return {
        "users": User.objects.filter(id=user_id).count(),
        "intakes": Intake.objects.filter(user_id=user_id).count(),
        "plans": Plan.objects.filter(user_id=user_id).count(),
        "session_logs": SessionLog.objects.filter(user_id=user_id).count(),
        "exercise_logs": ExerciseLog.objects.filter(session__user_id=user_id).count(),
        "checkins": CheckIn.objects.filter(user_id=user_id).count(),
        "activities": Activity.objects.filter(user_id=user_id).count(),
        "activity_ratings": ActivityRating.objects.filter(activity__user_id=user_id).count(),
        "reminder_settings": ReminderSettings.objects.filter(user_id=user_id).count(),
        "reminders": Reminder.objects.filter(user_id=user_id).count(),
    }


def test_alice_deletes_her_account_and_nothing_of_hers_remains(client, alice, bob, history):
    history(alice, days=20)
    history(bob, days=10)
    bobs_before = rows_of(bob.id)
    alices = rows_of(alice.id)
    client.force_login(alice)
    total_before = {model: model.objects.count() for model in apps.get_models()}

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == reverse("accounts:deleted")
    assert set(rows_of(alice.id).values()) == {0}
    assert rows_of(bob.id) == bobs_before
    removed = {m._meta.label: total_before[m] - m.objects.count() for m in apps.get_models()}
    assert {label: n for label, n in removed.items() if n} == {
        "accounts.User": 1,
        "plans.Intake": alices["intakes"],
        "plans.Plan": alices["plans"],
        "sessions_log.SessionLog": alices["session_logs"],
        "sessions_log.ExerciseLog": alices["exercise_logs"],
        "progress.CheckIn": alices["checkins"],
        "progress.Activity": alices["activities"],
        "progress.ActivityRating": alices["activity_ratings"],
        "reminders.ReminderSettings": alices["reminder_settings"],
        "reminders.Reminder": alices["reminders"],
        "accounts.BrowserSession": 1,
    }
    assert not any(s.get_decoded().get("_auth_user_id") == str(alice.id) for s in BrowserSession.objects.all())
    assert client.get(reverse("accounts:settings")).status_code == 302
    assert "Your account is deleted" in client.get(response["Location"]).content.decode()
    assert not client.login(username="alice@example.org", password=PASSWORD)


def test_deleting_the_account_logs_it_out_on_every_device_and_forgets_their_sessions(alice, bob):
    laptop, phone, bobs = Client(), Client(), Client()
    laptop.force_login(alice)
    phone.force_login(alice)
    bobs.force_login(bob)
    answers = proceed_answers()["pain"]
    assert phone.post(reverse("plans:start"), answers).status_code == 302  # an intake begun on the phone
    phones_session = phone.session.session_key
    assert BrowserSession.objects.get(session_key=phones_session).get_decoded()["plans.intake"]["pain"]

    laptop.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert not BrowserSession.objects.filter(session_key=phones_session).exists()
    assert set(BrowserSession.objects.values_list("user_id", flat=True)) == {bob.id}
    assert phone.get(reverse("accounts:settings")).status_code == 302  # to the login page
    assert bobs.get(reverse("accounts:settings")).status_code == 200


def test_each_session_row_names_its_person_through_login_password_change_and_logout(client, alice):
    client.post(reverse("accounts:login"), {"username": "alice@example.org", "password": PASSWORD})
    assert BrowserSession.objects.get(session_key=client.session.session_key).user_id == alice.id
    new = "a-brand-new-long-password-7"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    client.post(reverse("accounts:password_change"), data)
    assert BrowserSession.objects.get(session_key=client.session.session_key).user_id == alice.id
    client.post(reverse("accounts:logout"))
    assert not BrowserSession.objects.filter(user_id=alice.id).exists()


@pytest.mark.parametrize("password", ["wrong", ""])
def test_a_wrong_password_shows_a_field_error_and_deletes_nothing(client, alice, history, password):
    history(alice, days=5)
    before = rows_of(alice.id)
    client.force_login(alice)
    response = client.post(reverse("accounts:delete"), {"password": password})
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    assert 'id="id_password_error"' in response.content.decode()
    assert rows_of(alice.id) == before
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_the_confirmation_page_deletes_nothing_and_offers_the_download(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:delete"))
    html = response.content.decode()
    assert "It cannot be undone" in html and reverse("accounts:export_json") in html
    assert 'type="password"' in html
    assert User.objects.filter(id=alice.id).exists()


def test_bobs_password_cannot_delete_alices_account(client, alice, bob, django_user_model):
    bob.set_password("bobs-own-secret-words")
    bob.save()
    client.force_login(alice)
    response = client.post(reverse("accounts:delete"), {"password": "bobs-own-secret-words"})
    assert response.status_code == 400
    assert set(django_user_model.objects.values_list("email", flat=True)) == {"alice@example.org", "bob@example.org"}


def test_a_clinician_can_delete_their_own_account(client, physio, alice):
    client.force_login(physio)
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert list(User.objects.values_list("email", flat=True)) == ["alice@example.org"]
