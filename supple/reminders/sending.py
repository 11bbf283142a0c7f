"""Reminder emails: claim each due one with an optimistic update, then send it (see `supple sendreminders`).

Two instances may run at once: each reads the people whose next email is due, and moves a
person's `next_email_at` on with `filter(id=..., next_email_at=old).update(...)` before
sending. Only one instance's update matches the old value, so only that one sends.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from supple.domain.plan_text import whole_minutes
from supple.domain.reminders import FOLLOW_UP, email_due_at, is_quiet, next_email
from supple.plans.models import Plan
from supple.reminders.models import Reminder, ReminderSettings
from supple.reminders.services import can_remind, skipped_on
from supple.sessions.models import SessionLog

log = logging.getLogger(__name__)

# People read from the database at a time; each is still claimed one by one.
BATCH = 500
# An email this late (the sender was stopped for a while) is dropped rather than sent at an odd hour.
STALE = timedelta(hours=2)
UNSUBSCRIBE_SALT = "supple.reminders.unsubscribe"
# An unsubscribe link works this long; every reminder email carries a fresh one.
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)
SUBJECTS = {
    Reminder.Kind.ROUTINE: "Your stretches for today",
    Reminder.Kind.FOLLOW_UP: "A gentle nudge: a few minutes of stretching?",
}


def unsubscribe_token(user) -> str:
    """A signed token naming the person, dated (signing.dumps adds the time): for UNSUBSCRIBE_MAX_AGE it
    turns their reminder emails off without logging in."""
    return signing.dumps(str(user.public_id), salt=UNSUBSCRIBE_SALT)


def unsubscribe_public_id(token: str) -> str:
    """The person's public id in a token; raises signing.SignatureExpired or signing.BadSignature."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)


def unsubscribe_url(user) -> str:
    return absolute(reverse("reminders:unsubscribe", args=[unsubscribe_token(user)]))


def absolute(path: str) -> str:
    return settings.SITE_ROOT.rstrip("/") + path


def due(now: datetime):
    """The people whose next reminder email is due, oldest first, each with the id of their current plan."""
    current = Plan.objects.filter(user=OuterRef("user")).order_by("-created", "-id").values("id")[:1]
    return (
        ReminderSettings.objects.filter(email=True, next_email_at__lte=now)
        .select_related("user")
        .annotate(plan_id=Subquery(current))
        .order_by("next_email_at", "id")
    )


def plans_of(batch: list[ReminderSettings]) -> dict[int, Plan]:
    """The current plans of a batch of people, in one query."""
    ids = [row.plan_id for row in batch if row.plan_id is not None]
    return {plan.id: plan for plan in Plan.objects.filter(id__in=ids).only("id", "decision", "document")}


def claim(row: ReminderSettings, now: datetime) -> bool:
    """Move the person's next email on past `now`; False if another instance (or a settings change) moved it first."""
    found = next_email(row.schedule(), max(now, row.next_email_at))
    new = found[1] if found else None
    return bool(ReminderSettings.objects.filter(id=row.id, next_email_at=row.next_email_at).update(next_email_at=new))


def send_due(now: datetime, connection: BaseEmailBackend, should_stop: Callable[[], bool] = lambda: False) -> int:
    """Send every reminder email due at `now`; the number sent. Stops early when should_stop() says so.

    An SMTP failure puts that person's reminder back (it is tried again on the next pass)
    and ends this pass, since the server is likely down for everyone.
    """
    sent = 0
    while not should_stop():
        batch = list(due(now)[:BATCH])
        if not batch:
            break
        plans = plans_of(batch)
        for row in batch:
            if should_stop():
                return sent
            try:
                sent += send_one(row, plans.get(row.plan_id), now, connection)
            except (smtplib.SMTPException, OSError):
                log.exception("Could not send a reminder email to %s; will try again", row.user.email)
                return sent
    return sent


def send_one(row: ReminderSettings, plan: Plan | None, now: datetime, connection: BaseEmailBackend) -> bool:
    """Claim one person's due email and send it if it is still worth sending; whether it was sent.

    The claim and the record of the reminder are committed together, before sending.
    """
    due_at = row.next_email_at
    kind = email_due_at(row.schedule(), due_at)
    worth = kind is not None and worth_sending(row, kind, due_at, now, plan)
    with transaction.atomic():
        if not claim(row, now) or not worth:
            return False
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    user=row.user,
                    kind=kind,
                    channel=Reminder.Channel.EMAIL,
                    due_at=due_at,
                    local_date=row.user.local_date(due_at),
                    sent_at=now,
                )
        except IntegrityError:  # one of this kind was already sent that day: the claim stands, nothing is sent
            return False
    try:
        connection.open()  # once per pass: later messages reuse the open connection
        connection.send_messages([message(reminder, plan)])
    except Exception:
        with transaction.atomic():
            reminder.delete()
            ReminderSettings.objects.filter(id=row.id, email=True).update(next_email_at=due_at)
        raise
    return True


def worth_sending(row: ReminderSettings, kind: str, due_at: datetime, now: datetime, plan: Plan | None) -> bool:
    """Not too late, not in quiet hours, only with a plan that allows exercise; the follow-up only on a quiet day."""
    schedule = row.schedule()
    if now - due_at > STALE or is_quiet(schedule, now.astimezone(schedule.zone).time()) or not can_remind(plan):
        return False
    if kind != FOLLOW_UP:
        return True
    day = row.user.local_date(due_at)
    return not SessionLog.objects.filter(user=row.user, local_date=day).exists() and not skipped_on(row.user, day)


def message(reminder: Reminder, plan: Plan) -> EmailMessage:
    """The reminder email, with every time in it on the person's clock."""
    user = reminder.user
    unsubscribe = unsubscribe_url(user)
    context = {
        "due_at": reminder.due_at,
        "minutes": whole_minutes(plan.content.minutes),
        "desk_minutes": whole_minutes(plan.content.desk_minutes),
        "start_url": absolute(reverse("reminders:open", args=[reminder.public_id])),
        "desk_url": absolute(reverse("sessions:player", args=["desk"])),
        "settings_url": absolute(reverse("reminders:settings")),
        "unsubscribe_url": unsubscribe,
    }
    with timezone.override(user.zone):
        body = render_to_string(f"reminders/email_{reminder.kind}.txt", context)
    return EmailMessage(
        subject=SUBJECTS[reminder.kind],
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058: mail apps POST to the link
            "Auto-Submitted": "auto-generated",
        },
    )
