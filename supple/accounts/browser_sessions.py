"""The session engine (SESSION_ENGINE): Django's database sessions, each row labelled with its person.

Every save writes the id of the person logged in (None before login), so the label
follows logins, logouts and the key changes of login and password change by itself.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


def user_id_in(data: dict) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from supple.accounts.models import BrowserSession

        return BrowserSession

    def create_model_instance(self, data: dict):
        row = super().create_model_instance(data)
        row.user_id = user_id_in(data)
        return row


def end_sessions_of(user_id: int) -> int:
    """Log the person out on every device; the number of sessions ended."""
    return SessionStore.get_model_class().objects.filter(user_id=user_id).delete()[0]
