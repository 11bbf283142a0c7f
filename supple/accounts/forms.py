from functools import cache
from zoneinfo import available_timezones

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from supple.accounts import throttle
from supple.accounts.models import User

# Zone areas people pick from; the rest of the database (e.g. "Etc/GMT+5", "posixrules") is legacy.
ZONE_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
EMAIL_TAKEN = "Another account already uses this email address."
# The error code of a form refused by accounts/throttle.py; its view answers 429.
THROTTLED = "throttled"
# What the password validators in settings ask for, in plain words.
STRONG_ENOUGH = "At least 8 characters. Not a common password, not only numbers, not like your email address."
# Room for any passphrase or password manager's password; a longer one is refused as a field
# error before it reaches the password validators (which compare it with the email address)
# or the hasher.
MAX_PASSWORD_LENGTH = 256
PASSWORD_LENGTH = MaxLengthValidator(
    MAX_PASSWORD_LENGTH, f"Use at most {MAX_PASSWORD_LENGTH} characters (this has %(show_value)d)."
)


@cache
def time_zone_choices() -> list:
    """IANA zones grouped by area for a select, "UTC" first; values are the zone names."""
    groups: dict[str, list[tuple[str, str]]] = {area: [] for area in ZONE_AREAS}
    for name in sorted(available_timezones()):
        area, _, place = name.partition("/")
        if area in groups and place:
            groups[area].append((name, place.replace("_", " ").replace("/", " / ")))
    return [("UTC", "UTC (coordinated universal time)"), *((area, zones) for area, zones in groups.items() if zones)]


def clean_new_email(value: str, user: User | None = None) -> str:
    """A lower-cased email address no other account uses."""
    email = value.strip().lower()
    others = User.objects.filter(email__iexact=email)
    if user is not None:
        if email == user.email:
            raise forms.ValidationError("That is already your email address.")
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise forms.ValidationError(EMAIL_TAKEN)
    return email


class BoundedPasswords:
    """Every password field of the form (by its widget) refuses more than MAX_PASSWORD_LENGTH characters.

    Field validators run before the form's clean methods, so a refused password is never
    checked against an account, validated for strength or hashed.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.PasswordInput):
                field.validators.append(PASSWORD_LENGTH)


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your time zone")
        kwargs.setdefault("help_text", "Your days, streaks and check-ins follow this clock.")
        super().__init__(choices=time_zone_choices, **kwargs)


class SignupForm(BoundedPasswords, BaseUserCreationForm):
    """A new person: email, password twice and time zone. The role is always "person"."""

    time_zone = TimeZoneField(initial="UTC")

    class Meta:
        model = User
        fields = ("email", "time_zone")
        labels = {"email": "Email address"}
        error_messages = {"email": {"unique": EMAIL_TAKEN}}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = STRONG_ENOUGH
        self.fields["password2"].label = "Password again"
        self.fields["password2"].help_text = ""
        if not self.is_bound:
            # timezone.js sets the select from the browser's clock only on a fresh form.
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""

    def clean_email(self) -> str:
        return clean_new_email(self.cleaned_data["email"])


class LoginForm(BoundedPasswords, AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. Check both and try again.",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def clean(self) -> dict:
        """Check the password, unless this account or this client has had too many wrong ones lately."""
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (email and password):
            return super().clean()
        claim = throttle.claim(throttle.LOGIN, email, self.request, timezone.now())
        if claim.refusal:
            raise forms.ValidationError(claim.refusal, code=THROTTLED)
        cleaned = super().clean()  # a wrong password raises, and its rows stay counted
        throttle.login_succeeded(claim, email)
        return cleaned


class ResetForm(PasswordResetForm):
    """Asks for a reset link; refused after too many asks for one address or from one client.

    Whether an account has the address changes neither the counting nor the answer.
    """

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        email = self.cleaned_data.get("email")
        if email:
            claim = throttle.claim(throttle.RESET, email, self.request, timezone.now())
            if claim.refusal:
                raise forms.ValidationError(claim.refusal, code=THROTTLED)
        return self.cleaned_data


class NewPasswordForm(BoundedPasswords, SetPasswordForm):
    """A new password twice (the last step of a reset by email)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = STRONG_ENOUGH
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].help_text = ""


class PasswordForm(PasswordChangeForm, NewPasswordForm):
    """The current password, then a new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"


class CurrentPasswordMixin:
    """Asks for the account's password before a change that matters."""

    user: User

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


def password_field(label: str = "Your current password") -> forms.CharField:
    return forms.CharField(
        label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class EmailChangeForm(BoundedPasswords, CurrentPasswordMixin, forms.Form):
    email = forms.EmailField(
        label="New email address",
        max_length=User._meta.get_field("email").max_length,  # what the account can store (254)
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = password_field()

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        return clean_new_email(self.cleaned_data["email"], self.user)


class DeleteAccountForm(BoundedPasswords, CurrentPasswordMixin, forms.Form):
    password = password_field()

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class TimeZoneForm(forms.ModelForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ("time_zone",)
