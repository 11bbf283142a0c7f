"""Moving to the labelled session table keeps everyone logged in."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as PlainSessionStore
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from supple.accounts.models import BrowserSession

BEFORE = [("accounts", "0003_attempt")]
AFTER = [("accounts", "0004_browser_session")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_sessions_move_over_with_their_person(alice):
    migrate(BEFORE)
    try:
        logged_in = PlainSessionStore()
        logged_in.update({SESSION_KEY: str(alice.id), "plans.intake": {"pain": {"age": 46}}})
        logged_in.create()
        anonymous = PlainSessionStore()
        anonymous["seen"] = True
        anonymous.create()
    finally:
        migrate(AFTER)
    moved = {row.session_key: row for row in BrowserSession.objects.all()}
    assert moved[logged_in.session_key].user_id == alice.id
    assert moved[logged_in.session_key].get_decoded()["plans.intake"] == {"pain": {"age": 46}}
    assert moved[anonymous.session_key].user_id is None
    assert not PlainSessionStore.get_model_class().objects.exists()
