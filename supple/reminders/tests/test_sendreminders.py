"""`supple sendreminders`: the routine email, the evening follow-up, unsubscribing, claiming, stopping."""

import os
import re
import signal
from datetime import date, timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from supple.reminders import sending
from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.services import refresh_next_email, settings_for
from supple.reminders.tests.conftest import TUESDAY, a_session, at

pytestmark = pytest.mark.django_db


def email_on(user, now) -> ReminderSettings:
    """Turn the person's email reminders on at `now`, as the reminders page does."""
    found = settings_for(user)
    found.email = True
    refresh_next_email(found, now)
    found.save()
    return found


def run() -> str:
    out = StringIO()
    call_command("sendreminders", stdout=out)
    return out.getvalue()


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def header(message, name: str) -> str:
    """A header's value, unfolded."""
    return " ".join(message[name].split())


@pytest.fixture
def alice_emails(alice, alice_plan, clock):
    clock.to(at("Europe/London", TUESDAY, 7))
    return email_on(alice, at("Europe/London", TUESDAY, 7))


@pytest.fixture
def bob_emails(bob, bob_plan, clock):
    clock.to(at("Europe/London", TUESDAY, 7))
    return email_on(bob, at("Europe/London", TUESDAY, 7))


def test_the_routine_email_arrives_once_at_the_persons_routine_time(alice, alice_emails, smtp, clock):
    assert alice_emails.next_email_at == at("Europe/London", TUESDAY, 8)
    clock.to(at("Europe/London", TUESDAY, 7, 59))
    assert "sent 0 " in run() and smtp.messages == []
    clock.to(at("Europe/London", TUESDAY, 8, 0))
    assert "sent 1 reminder email" in run()
    [message] = smtp.messages
    assert message["To"] == "alice@example.org" and message["Subject"] == "Your stretches for today"
    text = body(message)
    reminder = Reminder.objects.get(user=alice)
    assert (reminder.kind, reminder.channel, reminder.status) == ("routine", "email", "sent")
    assert f"/reminders/{reminder.public_id}/open/" in text
    assert "Stop if pain spreads down your leg" in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http://\S+/reminders/unsubscribe/\S+/>", header(message, "List-Unsubscribe"))
    clock.to(at("Europe/London", TUESDAY, 8, 1))
    run()
    assert len(smtp.messages) == 1
    assert ReminderSettings.objects.get(user=alice).next_email_at == at("Europe/London", TUESDAY, 19)


def test_each_person_gets_it_on_their_own_clock(alice_emails, bob_emails, smtp, clock):
    clock.to(at("Europe/London", TUESDAY, 8))
    run()
    assert [m["To"] for m in smtp.messages] == ["alice@example.org"]
    clock.to(at("America/New_York", TUESDAY, 8))  # noon in London
    run()
    assert [m["To"] for m in smtp.messages] == ["alice@example.org", "bob@example.org"]


def test_the_evening_follow_up_comes_only_when_nothing_was_logged(alice, bob, alice_emails, bob_emails, smtp, clock):
    clock.to(at("Europe/London", TUESDAY, 8))
    run()
    clock.to(at("America/New_York", TUESDAY, 8))
    run()
    a_session(alice, TUESDAY)
    clock.to(at("Europe/London", TUESDAY, 19))
    run()
    clock.to(at("America/New_York", TUESDAY, 19))
    run()
    assert [(m["To"], m["Subject"]) for m in smtp.messages] == [
        ("alice@example.org", "Your stretches for today"),
        ("bob@example.org", "Your stretches for today"),
        ("bob@example.org", "A gentle nudge: a few minutes of stretching?"),
    ]
    assert "if today is not the day, that is fine too" in body(smtp.messages[2])


def test_never_more_than_two_emails_a_day(alice, alice_emails, smtp, clock):
    for hour in (8, 9, 12, 19, 20, 20, 23):
        clock.to(at("Europe/London", TUESDAY, hour))
        run()
    assert len(smtp.messages) == 2
    # Even if the schedule is moved back to before the emails it already sent, a kind goes once a day.
    row = ReminderSettings.objects.get(user=alice)
    row.next_email_at = at("Europe/London", TUESDAY, 19)
    row.save()
    run()
    assert len(smtp.messages) == 2


def test_skip_today_in_the_browser_also_cancels_the_evening_email(alice, alice_emails, smtp, clock):
    Reminder.objects.create(
        user=alice, kind="desk_break", channel="browser", status="skipped", due_at=at("Europe/London", TUESDAY, 11),
        local_date=TUESDAY,
    )  # fmt: skip
    for hour in (8, 19):
        clock.to(at("Europe/London", TUESDAY, hour))
        run()
    assert [m["Subject"] for m in smtp.messages] == ["Your stretches for today"]


def test_a_reminder_hours_late_is_dropped_not_sent_at_an_odd_time(alice, alice_emails, smtp, clock):
    clock.to(at("Europe/London", TUESDAY, 10, 30))  # the sender was stopped since before 08:00
    run()
    assert smtp.messages == []
    assert ReminderSettings.objects.get(user=alice).next_email_at == at("Europe/London", TUESDAY, 19)


def test_no_exercise_reminders_while_the_program_is_stopped(alice, alice_emails, smtp, clock):
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan

    alice.plans.all().delete()
    start_plan(alice, profile(red_flags={"worsening_weakness": True}))
    clock.to(at("Europe/London", TUESDAY, 8))
    run()
    assert smtp.messages == [] and not Reminder.objects.exists()


def test_the_routine_email_follows_the_clock_change(alice, alice_plan, smtp, clock):
    saturday = date(2026, 3, 28)
    clock.to(at("Europe/London", saturday, 20))
    row = email_on(alice, at("Europe/London", saturday, 20))
    assert row.next_email_at == at("Europe/London", saturday + timedelta(days=1), 8)
    clock.to(at("Europe/London", saturday + timedelta(days=1), 8))  # 07:00 UTC, now BST
    run()
    assert len(smtp.messages) == 1
    assert Reminder.objects.get().due_at.isoformat() == "2026-03-29T07:00:00+00:00"


def test_an_instance_that_loses_the_claim_sends_nothing(alice, alice_emails, smtp, clock):
    clock.to(at("Europe/London", TUESDAY, 8))
    mine = ReminderSettings.objects.select_related("user").get(user=alice)
    theirs = ReminderSettings.objects.select_related("user").get(user=alice)
    assert sending.claim(theirs, at("Europe/London", TUESDAY, 8)) is True
    from django.core.mail import get_connection

    plan = alice.plans.first()
    assert sending.send_one(mine, plan, at("Europe/London", TUESDAY, 8), get_connection()) is False
    assert smtp.messages == [] and not Reminder.objects.exists()


def test_sigterm_stops_the_command_after_the_current_email(alice_emails, bob_emails, monkeypatch, smtp, clock, bob):
    bob.time_zone = "Europe/London"
    bob.save()
    refresh_next_email(bob_emails, at("Europe/London", TUESDAY, 7))
    bob_emails.save()
    compose = sending.message

    def message_then_sigterm(reminder, plan):
        os.kill(os.getpid(), signal.SIGTERM)  # as if the service manager stopped it mid-pass
        return compose(reminder, plan)

    monkeypatch.setattr(sending, "message", message_then_sigterm)
    clock.to(at("Europe/London", TUESDAY, 8))
    assert "sent 1 reminder email" in run()
    assert len(smtp.messages) == 1
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # restored
    monkeypatch.setattr(sending, "message", compose)
    assert "sent 1 reminder email" in run()  # the other one, next time
    assert len(smtp.messages) == 2


def test_when_the_mail_server_is_down_the_reminder_waits_for_the_next_pass(alice, alice_emails, settings, smtp, clock):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there
    clock.to(at("Europe/London", TUESDAY, 8))
    assert "sent 0 " in run()
    assert not Reminder.objects.exists()
    assert ReminderSettings.objects.get(user=alice).next_email_at == at("Europe/London", TUESDAY, 8)
    settings.EMAIL_PORT = port
    clock.to(at("Europe/London", TUESDAY, 8, 5))
    run()
    assert len(smtp.messages) == 1


def test_the_unsubscribe_link_turns_email_off_in_one_click_without_logging_in(client, alice, alice_emails, smtp, clock):
    clock.to(at("Europe/London", TUESDAY, 8))
    run()
    [link] = re.findall(r"http://\S+/reminders/unsubscribe/\S+/", body(smtp.messages[0]))
    path = urlsplit(link).path
    page = client.get(path)
    assert page.status_code == 200 and b"data-submit-at-once" in page.content
    assert ReminderSettings.objects.get(user=alice).email  # fetching the link alone changes nothing
    done = client.post(path)
    assert "supple will send no more reminder emails for this account" in done.content.decode()
    row = ReminderSettings.objects.get(user=alice)
    assert not row.email and row.next_email_at is None
    clock.to(at("Europe/London", TUESDAY, 19))
    run()
    assert len(smtp.messages) == 1


def test_mail_apps_can_unsubscribe_with_the_header_alone(client, alice, alice_emails, smtp, clock):
    clock.to(at("Europe/London", TUESDAY, 8))
    run()
    url = header(smtp.messages[0], "List-Unsubscribe").strip("<>")
    response = client.post(
        urlsplit(url).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not ReminderSettings.objects.get(user=alice).email


def test_the_unsubscribe_pages_show_nothing_of_the_account(client, alice, alice_emails):
    url = reverse("reminders:unsubscribe", args=[sending.unsubscribe_token(alice)])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        assert "alice" not in response.content.decode().lower()


def test_an_unsubscribe_link_works_for_sixty_days_then_explains_what_to_do(client, alice, alice_emails, clock):
    clock.to(at("Europe/London", TUESDAY, 8))
    url = reverse("reminders:unsubscribe", args=[sending.unsubscribe_token(alice)])
    clock.forward(timedelta(days=60, seconds=1))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        page = response.content.decode()
        assert "This link has expired" in page and reverse("reminders:settings") in page
    assert ReminderSettings.objects.get(user=alice).email
    clock.to(at("Europe/London", TUESDAY, 8))
    url = reverse("reminders:unsubscribe", args=[sending.unsubscribe_token(alice)])
    clock.forward(timedelta(days=59))
    assert (
        client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 200
    )
    assert not ReminderSettings.objects.get(user=alice).email


def test_a_tampered_unsubscribe_link_changes_nothing(client, alice, bob, alice_emails, bob_emails):
    token = sending.unsubscribe_token(alice)
    # Bob's name with Alice's signature.
    forged = sending.unsubscribe_token(bob).split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in ("nonsense", forged, token[:-2]):
        response = client.post(reverse("reminders:unsubscribe", args=[bad]))
        assert response.status_code == 400 and b"not recognised" in response.content
    assert ReminderSettings.objects.filter(email=True).count() == 2
