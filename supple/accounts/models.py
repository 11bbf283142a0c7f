import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone


class EmailUserManager(UserManager):
    """Users sign in with their email address; there is no separate user name."""

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """Someone who uses supple: a person with back pain, or a clinician who supports them."""

    class Role(models.TextChoices):
        PERSON = "person", "Person with back pain"
        CLINICIAN = "clinician", "Clinician"

    username = None
    email = models.EmailField("email address", unique=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PERSON)
    # IANA name (e.g. "Europe/Berlin"); days, streaks and reminders follow the person's clock.
    time_zone = models.CharField(max_length=64, default="UTC")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    def __str__(self) -> str:
        return self.email

    @property
    def is_clinician(self) -> bool:
        return self.role == self.Role.CLINICIAN

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    def local_date(self, moment: datetime | None = None) -> date:
        """The person's calendar day at `moment` (now by default)."""
        return (moment or timezone.now()).astimezone(self.zone).date()


class Attempt(models.Model):
    """One counted try at something supple limits: a login, a password-reset request (see accounts/throttle.py).

    Rows live at most an hour. `key` is an HMAC of the email address or of the client's IP
    address, so the table never holds either.
    """

    class Action(models.TextChoices):
        LOGIN = "login", "Login with a wrong password"
        RESET = "reset", "Password-reset request"

    action = models.CharField(max_length=8, choices=Action.choices)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["action", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"


class BrowserSession(AbstractBaseSession):
    """Django's database session with the logged-in person's id beside it (see accounts/browser_sessions.py).

    The id lets an account's deletion end its sessions on every device with one indexed
    delete, instead of decoding every session in the table.
    """

    user_id = models.BigIntegerField(null=True, db_index=True)

    @classmethod
    def get_session_store_class(cls):
        from supple.accounts.browser_sessions import SessionStore

        return SessionStore
