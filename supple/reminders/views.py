from datetime import UTC, datetime, timedelta
from uuid import UUID

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supple.accounts.access import api_person_required, json_csrf_protect, person_required
from supple.accounts.models import User
from supple.api import BodyError, parse_moment, read_json_object
from supple.domain.reminders import desk_breaks
from supple.plans.services import current_plan
from supple.reminders import services
from supple.reminders.feed import cached_calendar_feed
from supple.reminders.forms import CHANNEL_NAMES, ChannelForm, ReminderSettingsForm
from supple.reminders.models import Reminder, ReminderSettings, new_calendar_token
from supple.reminders.sending import absolute, unsubscribe_public_id

# Event links further from now than this are not the feed's; at the calendar's ends (year 1, year
# 9999) the person's time zone would take them past what a date can hold.
CALENDAR_LINK_RANGE = timedelta(days=366)
# The page title of each routine a reminder starts, by the name the session player's URL uses.
ROUTINE_TITLES = {"daily": "Your daily routine", "desk": "Your desk break"}
# How soon the browser asks for the schedule again, at the latest (a new day, changed settings).
REFRESH_SECONDS = 30 * 60
# How far from now a break reported shown may be: it is one of today's, in the person's zone.
SHOWN_WINDOW = timedelta(days=1)
NOTIFICATION = {
    "title": "Time for a desk break",
    "body": "A few minutes of gentle stretches at your desk. Stop if pain spreads down your leg.",
    "click_to_start": "Click here to start your desk routine.",
}


def get_reminder(user: User, public_id: UUID) -> Reminder:
    """The person's own reminder, or 404: nobody acts on another person's reminders."""
    return get_object_or_404(Reminder.objects.select_related("user"), user=user, public_id=public_id)


def get_feed_settings(token: str) -> ReminderSettings:
    """The settings behind a calendar feed URL, or 404 for a revoked token or a feed turned off."""
    return get_object_or_404(ReminderSettings.objects.select_related("user"), calendar_token=token, calendar=True)


def error(status: int, message: str, field: str = "__all__") -> JsonResponse:
    return JsonResponse({"errors": {field: [message]}}, status=status)


@person_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """The reminders page: the schedule form, each channel's switch, what is coming, and the history."""
    settings = services.settings_for(request.user)
    form = ReminderSettingsForm(request.POST if request.method == "POST" else None, instance=settings)
    if form.is_valid():
        with transaction.atomic():
            form.save()
            services.refresh_next_email(settings, timezone.now())  # in the new time zone, on the new schedule
            settings.save(update_fields=["next_email_at"])
        messages.success(request, "Your reminder settings are saved.")
        return redirect("reminders:settings")
    if form.is_bound:
        settings.refresh_from_db()  # the rest of the page shows what is stored, not the refused values
    status = 400 if form.errors else 200
    return render(request, "reminders/settings.html", page_context(request, form, settings), status=status)


def page_context(request: HttpRequest, form: ReminderSettingsForm, settings: ReminderSettings) -> dict:
    now = timezone.now()
    plan = current_plan(request.user)
    schedule = settings.schedule()
    today = request.user.local_date(now)
    history = services.weekly_history(request.user, today)
    return {
        "form": form,
        "settings": settings,
        "plan": plan,
        "can_remind": services.can_remind(plan),
        "has_desk_routine": services.has_desk_routine(plan),
        "breaks_today": [t for t in desk_breaks(schedule, today) if t > now],
        "feed_url": absolute(reverse("reminders:feed", args=[settings.calendar_token])),
        "history": history,
        "any_history": any(week.reminded or week.free_now or week.prompted for week in history),
    }


@person_required
@require_POST
def channel(request: HttpRequest) -> HttpResponse:
    """Turn one channel on or off; turning the calendar feed off makes its URL answer 404."""
    form = ChannelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That channel does not exist. Nothing was changed.")
        return redirect("reminders:settings")
    name, on = form.cleaned_data["channel"], form.cleaned_data["on"]
    settings = services.settings_for(request.user)
    setattr(settings, name, on)
    services.refresh_next_email(settings, timezone.now())
    settings.save(update_fields=[name, "next_email_at"])
    messages.success(request, f"{CHANNEL_NAMES[name]}: {'on' if on else 'off'}.")
    return redirect(reverse("reminders:settings") + f"#{name}")


@person_required
@require_POST
def new_calendar_link(request: HttpRequest) -> HttpResponse:
    """Revoke the calendar feed URL: a new one replaces it, and the old one answers 404."""
    settings = services.settings_for(request.user)
    settings.calendar_token = new_calendar_token()
    settings.save(update_fields=["calendar_token"])
    messages.success(
        request, "Your calendar link is new; the old one no longer works. Add the new one to your calendar."
    )
    return redirect(reverse("reminders:settings") + "#calendar")


@never_cache
@require_GET
@api_person_required
def schedule(request: HttpRequest) -> JsonResponse:
    """Today's desk breaks still to come, for reminders.js in the person's browser."""
    settings = services.settings_for(request.user)
    plan = current_plan(request.user)
    now = timezone.now()
    breaks = services.browser_breaks(settings, plan, now)
    return JsonResponse(
        {
            "enabled": settings.browser and services.has_desk_routine(plan),
            "time_zone": request.user.time_zone,
            "now": now.isoformat(),
            "breaks": [{"kind": Reminder.Kind.DESK_BREAK, "at": moment.isoformat()} for moment in breaks],
            "refresh_seconds": REFRESH_SECONDS,
            "shown_url": reverse("reminders:shown"),
            "csrf_token": get_token(request),
        }
    )


@csrf_exempt  # checked below, after the login check, so that every failure is JSON
@require_POST
@api_person_required
@json_csrf_protect
def shown(request: HttpRequest) -> JsonResponse:
    """A browser is about to show a desk-break notification: record it; only the first browser shows it."""
    try:
        data = read_json_object(request)
    except BodyError as problem:
        return problem.response()
    now = timezone.now()
    due_at, errors = parse_due_at(data, now)
    if due_at is None:
        return JsonResponse({"errors": errors}, status=400)
    settings = services.settings_for(request.user)
    try:
        reminder, show = services.record_shown(settings, current_plan(request.user), due_at, now)
    except services.Conflict as problem:
        return error(409, str(problem), "due_at")
    return JsonResponse(notification(request, reminder, show), status=201 if show else 200)


def parse_due_at(data: dict, now: datetime) -> tuple[datetime | None, dict[str, list[str]]]:
    """The break's time in UTC, or None and every problem by field; "due_at" is the only field.

    A break is one of today's in the person's zone, so it lies within a day of now on
    either side; anything further is refused before the schedule is worked out.
    """
    errors = {name: ["Unknown field."] for name in sorted(set(data) - {"due_at"})}
    due_at, problem = None, 'Send the break\'s time as {"due_at": ISO 8601 time with its offset}.'
    if data.get("due_at") is not None:
        due_at, problem = parse_moment(data["due_at"], now - SHOWN_WINDOW, now + SHOWN_WINDOW)
    if due_at is None:
        errors["due_at"] = [problem]
    return (None, errors) if errors else (due_at, {})


def notification(request: HttpRequest, reminder: Reminder, show: bool) -> dict:
    """What the service worker needs: the text, and where each of the notification's buttons goes."""
    return {
        "id": str(reminder.public_id),
        "show": show,
        "status": reminder.status,
        "due_at": reminder.due_at.isoformat(),
        **NOTIFICATION,
        "supple": "reminder",
        "csrf_token": get_token(request),
        "urls": {
            "start": reverse("reminders:open", args=[reminder.public_id]),
            "snooze": reverse("reminders:act", args=[reminder.public_id, "snooze"]),
            "skip": reverse("reminders:act", args=[reminder.public_id, "skip"]),
        },
    }


@csrf_exempt
@require_POST
@api_person_required
@json_csrf_protect
def act(request: HttpRequest, public_id: UUID, action: str) -> JsonResponse:
    """A notification's "In 10 minutes" (snooze) or "Skip today" (skip)."""
    try:
        reminder = get_reminder(request.user, public_id)
    except Http404:
        return error(404, "No such reminder.")
    now = timezone.now()
    try:
        if action == "snooze":
            later = services.snooze(reminder, now)
            return JsonResponse({"status": Reminder.Status.SNOOZED, "due_at": later.due_at.isoformat()})
        if action == "skip":
            services.skip_today(reminder, now)
            return JsonResponse({"status": Reminder.Status.SKIPPED})
    except services.Conflict as problem:
        return error(409, str(problem))
    return error(404, "No such action: use snooze or skip.")


@person_required
@require_http_methods(["GET", "POST"])
def open_reminder(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Start the routine from a reminder (the email's link, the notification's "Start desk routine").

    The GET changes nothing: it shows a start button that a small script presses at once,
    so that a mail scanner merely fetching the link records nothing. The POST records the
    reminder started and opens the player.
    """
    reminder = get_reminder(request.user, public_id)
    if request.method == "GET":
        return start_page(request, reminder.routine)
    services.start(reminder, timezone.now())
    return redirect(player_url(reminder.routine, reminder))


def start_page(request: HttpRequest, routine: str) -> HttpResponse:
    """The start button; pressed at once by script unless another site sent the person here.

    A link on another site is a navigation too: without this, any page could make a
    logged-in person's browser record a calendar reminder as started. From an email, a
    notification or a calendar app the browser says "none" or "same-origin"; a web
    calendar's link costs one click.
    """
    at_once = request.headers.get("Sec-Fetch-Site") != "cross-site"
    return render(request, "reminders/start.html", {"title": ROUTINE_TITLES[routine], "at_once": at_once})


def player_url(routine: str, reminder: Reminder | None) -> str:
    """The session player; a prompted session carries its reminder, for the player to send on in its log."""
    url = reverse("sessions:player", args=[routine])
    return f"{url}?reminder={reminder.public_id}" if reminder is not None else url


@person_required
@require_POST
def free_now(request: HttpRequest) -> HttpResponse:
    """The "I'm free now" button: record a self-started desk routine and go to it.

    Without a desk routine (a page left open while the plan changed) nothing is recorded:
    the player page says why there is no session.
    """
    if services.has_desk_routine(current_plan(request.user, with_intake=False)):
        services.free_now(request.user, timezone.now())
    return redirect(player_url("desk", None))


@person_required
@require_http_methods(["GET", "POST"])
def from_calendar(request: HttpRequest, kind: str, timestamp: int) -> HttpResponse:
    """The link of a calendar event: the GET shows the start button (as open_reminder does), the POST
    records the reminder started and opens its routine. A time far from now is no event of the feed: 400.
    """
    now = timezone.now()
    due_at = calendar_time(timestamp, now)
    routine = "desk" if kind == Reminder.Kind.DESK_BREAK else "daily"
    if due_at is None:
        return render(request, "reminders/calendar_link_invalid.html", {"routine": routine}, status=400)
    if request.method == "GET":
        return start_page(request, routine)
    reminder = services.from_calendar(services.settings_for(request.user), kind, due_at, now)
    if reminder is not None:
        services.start(reminder, now)
    return redirect(player_url(routine, reminder))


def calendar_time(timestamp: int, now: datetime) -> datetime | None:
    """The time of an event link, or None if it cannot be one of the feed's (which covers the coming days)."""
    try:
        due_at = datetime.fromtimestamp(timestamp, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return due_at if abs(due_at - now) <= CALENDAR_LINK_RANGE else None


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar feed: no login, the long random token in the URL is the key.

    The ETag changes whenever the events do; a calendar app that sends it back in
    If-None-Match gets 304 Not Modified for an unchanged feed. It is weak: a feed made again
    for the same events differs in its DTSTAMPs only.
    """
    settings = get_feed_settings(token)
    body, version = cached_calendar_feed(settings, current_plan(settings.user, with_intake=False), timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="supple.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    response["ETag"] = f'W/"{version}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


@csrf_exempt  # the signed token is the proof; mail apps POST here for one-click unsubscribe (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Turn reminder emails off from the email's link, without logging in.

    A GET shows a button that a small script presses at once, so that a person needs one
    click but a mail scanner that merely fetches the link changes nothing. Links expire
    (sending.UNSUBSCRIBE_MAX_AGE); an expired one says how to turn emails off after logging in.
    """
    try:
        public_id = unsubscribe_public_id(token)
    except signing.SignatureExpired:
        return render(request, "reminders/unsubscribe_expired.html", status=400)
    except signing.BadSignature:
        return render(request, "reminders/unsubscribe_invalid.html", status=400)
    user = User.objects.filter(public_id=public_id).first()
    if user is None:
        return render(request, "reminders/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "reminders/unsubscribe.html", {"token": token})
    ReminderSettings.objects.filter(user=user).update(email=False, next_email_at=None)
    # Whoever holds the link sees nothing about the account, not even its address.
    return render(request, "reminders/unsubscribed.html")
