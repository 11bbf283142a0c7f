"""Many requests writing at once through `supple serve`, beside `supple sendreminders`: every one succeeds.

The server runs in a child process on a file database (SQLite in a fresh data folder, or
the test PostgreSQL database), so requests really overlap and two processes write to the
same database, as in production. What was stored is read back through each person's own
data export.
"""

import threading
from collections import Counter

import pytest
from django.db import connection

from supple.web.tests.served import Person, Served, session_log, supple

pytestmark = pytest.mark.timeout(90)
PEOPLE = 10
LOGS_EACH = 10
DUPLICATES = 20


def database_url() -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request, tmp_path):
    """supple serve on SQLite in a new data folder, or (marked postgres) on the test PostgreSQL database."""
    url = None
    if request.param == "postgresql":
        request.getfixturevalue("transactional_db")
        if connection.vendor != "postgresql":
            pytest.fail("Needs PostgreSQL: scripts/with-postgres .venv/bin/pytest -m postgres supple/web")
        url = database_url()
    with Served(tmp_path / "data", url) as served:
        yield served


def at_once(jobs: list) -> list:
    """Run each job in its own thread, all released together; their results in order (an exception fails)."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = jobs[n]()
        except Exception as e:  # reported in the main thread
            results[n] = e

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = [r for r in results if isinstance(r, Exception)]
    assert not failed, failed
    return results


def stored_logs(person: Person) -> Counter:
    """How many times each client_id is stored for the person, from their data export."""
    answer = person.get("/accounts/export.json")
    assert answer.status == 200
    return Counter(log["client_id"] for log in answer.json()["session_logs"])


def test_people_posting_logs_at_once_beside_sendreminders_all_get_a_success(server):
    people = server.people(PEOPLE)
    for person in people:
        assert person.get("/session/daily/").status == 200  # the player page, with its CSRF token

    def post_logs(person: Person):
        logs = [session_log() for _ in range(LOGS_EACH)]
        return [(log["client_id"], person.post_log(log)) for log in logs]

    def send_reminders():
        return supple("sendreminders", env=server.env).stdout

    *sent, sender_output = at_once([lambda person=person: post_logs(person) for person in people] + [send_reminders])

    failures = [(a.status, a.body[:300]) for person_sent in sent for _, a in person_sent if a.status != 201]
    assert not failures, f"{len(failures)} of {PEOPLE * LOGS_EACH} failed, first: {failures[0]}"
    assert f"sent {PEOPLE} reminder emails" in sender_output
    for person, person_sent in zip(people, sent, strict=True):
        assert stored_logs(person) == Counter(client_id for client_id, _ in person_sent)
    assert "Traceback" not in server.stop()


def test_the_same_log_sent_from_two_tabs_at_the_same_moment_is_stored_once(server):
    """Two open tabs coming back online replay the same queued log: one stores it, the other is told it is stored."""
    [first_tab] = server.people(1)
    second_tab = Person(port=server.port, email=first_tab.email, session=first_tab.session)
    logs = [session_log(pain_before=4, pain_after=4 + n % 2) for n in range(DUPLICATES)]
    for log in logs:
        answers = at_once([lambda tab=tab, log=log: tab.post_log(log) for tab in (first_tab, second_tab)])
        assert sorted(a.status for a in answers) == [200, 201], [(a.status, a.body[:300]) for a in answers]
        assert answers[0].json() == answers[1].json()
        assert answers[0].json()["client_id"] == log["client_id"]
    assert stored_logs(first_tab) == Counter(log["client_id"] for log in logs)
    assert "Traceback" not in server.stop()
