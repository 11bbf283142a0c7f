"""Time one `supple sendreminders` pass with 10,000 people due at once.

    .venv/bin/python bench/reminders_bench.py [--people 10000]
    scripts/with-postgres .venv/bin/python bench/reminders_bench.py     (the same on PostgreSQL)

Builds a fresh database (SQLite in a temporary folder, or the one DATABASE_URL names),
creates the people with bulk_create (each with a plan, email reminders on, and their
routine time, in one of four time zones, a minute ago), then times one pass of the
command sending through a real SMTP server (aiosmtpd) running in its own process on
localhost, so the figure includes building, sending and recording every message. Prints
the total time, the messages per second and the SQL queries per message.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ZONES = ["Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]


def smtp_server(port: int, received, ready) -> None:
    """A local SMTP server that counts and discards what it receives (runs in its own process)."""
    from aiosmtpd.controller import Controller

    class Count:
        async def handle_DATA(self, server, session, envelope):
            with received.get_lock():
                received.value += 1
            return "250 OK"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_django(data_dir: str, port: int) -> str:
    os.environ["SUPPLE_DATA_DIR"] = data_dir
    os.environ["EMAIL_HOST"] = "127.0.0.1"
    os.environ["EMAIL_PORT"] = str(port)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supple.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, skip_checks=True)
    return connection.vendor


def people_due(count: int) -> None:
    """`count` people whose routine email fell due a minute ago, on their own clocks."""
    from supple.accounts.models import User
    from supple.domain.tests.helpers import profile
    from supple.plans.models import Intake, Plan
    from supple.plans.services import start_plan
    from supple.reminders.models import ReminderSettings

    due = (datetime.now(UTC) - timedelta(minutes=1)).replace(second=0, microsecond=0)
    users = User.objects.bulk_create(
        [User(email=f"person{n}@example.org", time_zone=ZONES[n % len(ZONES)]) for n in range(count)],
        batch_size=1000,
    )
    users = list(User.objects.order_by("id"))  # with primary keys on every database
    first = start_plan(users[0], profile(lifestyle={"sitting_hours": 9}))
    Intake.objects.bulk_create([Intake(user=u, profile=first.intake.profile) for u in users[1:]], batch_size=1000)
    Plan.objects.bulk_create(
        [
            Plan(user_id=i.user_id, intake=i, decision=first.decision, document=first.document)
            for i in Intake.objects.exclude(user=users[0])
        ],
        batch_size=1000,
    )
    rows = []
    for user in users:
        local = due.astimezone(ZoneInfo(user.time_zone))
        rows.append(
            ReminderSettings(
                user=user,
                email=True,
                routine_at=local.time(),
                quiet_start=(local + timedelta(hours=3)).time(),
                quiet_end=(local + timedelta(hours=4)).time(),
                next_email_at=due,
            )
        )
    ReminderSettings.objects.bulk_create(rows, batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    port = free_port()
    received, ready = multiprocessing.Value("i", 0), multiprocessing.Event()
    server = multiprocessing.Process(target=smtp_server, args=(port, received, ready), daemon=True)
    server.start()
    ready.wait(10)
    try:
        with tempfile.TemporaryDirectory(prefix="supple-bench-") as data_dir:
            vendor = setup_django(data_dir, port)
            from django.core.management import call_command
            from django.db import connection

            t0 = time.perf_counter()
            people_due(args.people)
            setup = time.perf_counter() - t0
            out, queries = StringIO(), []

            def count(execute, sql, params, many, context):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                t0 = time.perf_counter()
                call_command("sendreminders", stdout=out)
                elapsed = time.perf_counter() - t0
            time.sleep(0.5)  # the last message's "250 OK" may still be on its way to the counter
            sent = received.value
            print(f"{args.people} people due at once; {vendor}; SMTP: aiosmtpd on localhost (own process)")
            print(f"  set-up (bulk_create): {setup:.1f} s")
            print(
                f"  one sendreminders pass: {elapsed:.1f} s, {sent} messages received, {sent / elapsed:.0f} messages/s"
            )
            print(f"  {len(queries) / max(sent, 1):.1f} SQL queries per message; {out.getvalue().strip()}")
            assert sent == args.people, f"expected {args.people} messages, the server received {sent}"
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
