"""Limits on guessing passwords and on asking for password-reset emails.

Each try is a row of Attempt, written before the try is judged and counted after: requests
running at the same time (waitress threads, several processes) each see the others' rows,
so a burst of parallel guesses cannot slip past a limit. A refused try removes its rows
(hammering a paused account does not keep it paused), a successful login removes the
account's failures, and rows older than the longest window are deleted as new ones come.

Why a table rather than django-axes or Django's cache: axes limits logins only (the reset
form needs the same mechanism anyway), needs its own authentication backend, middleware
and three tables, and keeps the POST data of failed logins; the cache framework's default
LocMemCache counts per process, and its database cache increments with a read then a
write, which concurrent requests race past. Rows in the database are shared by every
thread and process and need no extra set-up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from supple.accounts.models import Attempt

LOGIN, RESET = Attempt.Action.LOGIN, Attempt.Action.RESET


@dataclass(frozen=True)
class Limit:
    """At most `most` tries by one key (an email address or a client address) within `window`."""

    most: int
    window: timedelta
    refusal: str  # shown on the form; {wait} is replaced by e.g. "12 minutes"


LIMITS: dict[str, dict[str, Limit]] = {
    LOGIN: {
        # Five wrong passwords for one account in 15 minutes pause logging in to it.
        "email": Limit(
            5,
            timedelta(minutes=15),
            "This account has had too many wrong passwords, so logging in to it is paused for a while "
            "to keep it safe. Please try again in {wait}. If you have forgotten your password, you can reset it.",
        ),
        # An office or a household may share one address: more room, still a stop to guessing across accounts.
        "ip": Limit(
            20,
            timedelta(minutes=15),
            "Too many wrong passwords were tried from your network, so logging in from it is paused for a while. "
            "Please try again in {wait}.",
        ),
    },
    RESET: {
        # Counted whether or not an account has this address, so the answer tells nothing about accounts.
        "email": Limit(
            3,
            timedelta(hours=1),
            "A reset link for this email address was asked for several times in the last hour. Please use the "
            "newest email (look in your spam folder too), or ask again in {wait}.",
        ),
        "ip": Limit(
            10,
            timedelta(hours=1),
            "Reset links were asked for many times from your network in the last hour. Please try again in {wait}.",
        ),
    },
}
# Rows older than this count for nothing.
LONGEST = max(limit.window for limits in LIMITS.values() for limit in limits.values())


@dataclass(frozen=True)
class Claim:
    """The rows recording one try, and why it is refused (None: it may go ahead)."""

    rows: list[int]
    refusal: str | None


def key(kind: str, value: str) -> str:
    """An HMAC of the email address or client address: the table holds neither."""
    return salted_hmac("supple.accounts.throttle", f"{kind}:{value}", algorithm="sha256").hexdigest()


def email_key(email: str) -> str:
    return key("email", email.strip().lower())


def client_address(request: HttpRequest) -> str:
    """The client's IP address as the WSGI server gives it (behind a proxy, see TRUSTED_PROXY in the README)."""
    return request.META.get("REMOTE_ADDR", "")


def claim(action: str, email: str, request: HttpRequest, now: datetime) -> Claim:
    """Record a try by this email address from this client; refused if either is over its limit.

    A refused try leaves nothing behind. Relies on autocommit (no ATOMIC_REQUESTS): each
    row must be visible to other requests before this one counts.
    """
    Attempt.objects.filter(at__lte=now - LONGEST).delete()
    keys = {"email": email_key(email), "ip": key("ip", client_address(request))}
    rows = Attempt.objects.bulk_create(Attempt(action=action, key=value, at=now) for value in keys.values())
    ids = [row.id for row in rows]
    for kind, value in keys.items():
        limit = LIMITS[action][kind]
        recent = Attempt.objects.filter(action=action, key=value, at__gt=now - limit.window).exclude(id__in=ids)
        # Newest first: the try that must age out before one more fits.
        times = list(recent.order_by("-at").values_list("at", flat=True)[: limit.most])
        if len(times) >= limit.most:
            Attempt.objects.filter(id__in=ids).delete()
            return Claim([], limit.refusal.format(wait=wait(times[-1] + limit.window - now)))
    return Claim(ids, None)


def login_succeeded(claim: Claim, email: str) -> None:
    """The password was right: forget the account's failures, and this try from the client's address."""
    Attempt.objects.filter(action=LOGIN, key=email_key(email)).delete()
    Attempt.objects.filter(id__in=claim.rows).delete()


def wait(delta: timedelta) -> str:
    minutes = max(1, math.ceil(delta.total_seconds() / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"
