from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from supple.accounts import export
from supple.accounts.browser_sessions import end_sessions_of
from supple.accounts.forms import (
    EMAIL_TAKEN,
    THROTTLED,
    DeleteAccountForm,
    EmailChangeForm,
    PasswordForm,
    SignupForm,
    TimeZoneForm,
)
from supple.accounts.models import User
from supple.reminders.services import time_zone_changed


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST) if request.method == "POST" else SignupForm()
    if form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # the same address signed up a moment ago
            form.add_error("email", EMAIL_TAKEN)
        else:
            login(request, user)
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    """The account page: time zone, links to change email and password, the person's data."""
    user: User = request.user
    form = TimeZoneForm(request.POST if request.method == "POST" else None, instance=user)
    if form.is_valid():
        form.save()
        time_zone_changed(user, timezone.now())
        messages.success(request, "Your time zone is saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)  # stay logged in here, log out elsewhere
        messages.success(request, "Your password is changed.")
        return redirect("accounts:settings")
    return render(request, "accounts/password_change.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    form = EmailChangeForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        user.email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                user.save(update_fields=["email"])
        except IntegrityError:
            form.add_error("email", EMAIL_TAKEN)
        else:
            messages.success(request, f"Your email address is now {user.email}.")
            return redirect("accounts:settings")
    return render(request, "accounts/email_change.html", {"form": form}, status=400 if form.errors else 200)


def download(content: bytes | str, content_type: str, user: User, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"supple-data-{user.local_date().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    return download(export.as_json(request.user), "application/json; charset=utf-8", request.user, "json")


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return download(export.as_zip(request.user), "application/zip", request.user, "zip")


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """Deletes the account and, by cascade, everything the person owns; asks for the password first.

    Every session of the person ends too, on every device, with whatever it held (such as
    an intake in progress).
    """
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        with transaction.atomic():
            end_sessions_of(request.user.id)
            request.user.delete()
        logout(request)
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")


def throttled(form: Form, response: HttpResponse) -> HttpResponse:
    """A form refused by accounts/throttle.py answers 429 Too Many Requests, with its message on the form."""
    if form.has_error("__all__", THROTTLED):
        response.status_code = 429
    return response


class LoginView(auth_views.LoginView):
    def form_invalid(self, form: Form) -> HttpResponse:
        return throttled(form, super().form_invalid(form))


class PasswordResetView(auth_views.PasswordResetView):
    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form: Form) -> HttpResponse:
        return throttled(form, super().form_invalid(form))


logout_and_forget = auth_views.LogoutView.as_view()


def logout_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Log out (POST), and tell the browser to drop its cached pages.

    The session player is cached for offline use with the person's routine in it; on a
    shared device it must not outlive the login. Browser storage is kept: unsent session
    logs name their owner, so nobody else can save them.
    """
    response = logout_and_forget(request, *args, **kwargs)
    if request.method == "POST":
        response["Clear-Site-Data"] = '"cache"'
    return response
