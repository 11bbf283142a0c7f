"""`supple serve` in a child process on its own data folder, with people who can use it.

For the tests and the load test (bench/loadtest.py) that need what the test client cannot
give: a file database (SQLite in the data folder, or DATABASE_URL) shared by several
processes, and requests that really arrive at the same time.

    with Served(tmp_path / "data") as server:
        people = server.people(10)
        people[0].get("/today/")

Run as a module it makes the people in the database that the environment names:
    python -m supple.web.tests.served people 10
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import IO, Any

STARTUP = 60  # seconds, at most, for the server to answer /health/


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def supple_env(data_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a supple process on this data folder (and database, if not its SQLite)."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SECRET_KEY")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(SUPPLE_DATA_DIR=str(data_dir), **extra)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def supple(*args: str, env: dict[str, str], timeout: float = 120, **options: Any) -> subprocess.CompletedProcess:
    """Run the `supple` command (options go to subprocess.run); a failure raises with its output."""
    command = [sys.executable, "-m", "supple.cli", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, **options)
    if done.returncode:
        raise AssertionError(f"supple {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done


class Served:
    """`supple migrate`, then `supple serve` on a free port of 127.0.0.1, stopped on leaving."""

    def __init__(self, data_dir: Path, database_url: str | None = None, **env: str) -> None:
        self.env = supple_env(data_dir, database_url, **env)
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log: IO[str] | None = None  # a file, not a pipe: a full pipe would stop the server mid-request
        self.output = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        supple("migrate", "--noinput", "-v", "0", env=self.env)
        self.log = tempfile.TemporaryFile("w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "supple.cli", "serve", "--port", str(self.port)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        until = time.monotonic() + STARTUP
        while time.monotonic() < until and self.process.poll() is None:
            probe = Client(self.port)
            try:
                if probe.get("/health/").status == 200:
                    return self
            except OSError:
                pass  # not listening yet
            finally:
                probe.close()
            time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError(f"supple serve did not start:\n{self.output}")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> str:
        """Stop the server (if it runs); everything it printed."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
            self.log.seek(0)
            self.output = self.log.read()
            self.log.close()
        return self.output

    def people(self, count: int) -> list[Person]:
        """`count` new people with a plan, reminders and a logged-in session (see make_people)."""
        return [Person(port=self.port, **row) for row in self.make_people(count)]

    def make_people(self, count: int) -> list[dict[str, str]]:
        """make_people, run in a child process on the server's database."""
        made = subprocess.run(
            [sys.executable, "-m", "supple.web.tests.served", "people", str(count)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return json.loads(made.stdout)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Client:
    """A small HTTP/1.1 client keeping its cookies, one connection per instance (not shared by threads)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = field(default=None, repr=False)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed an idle keep-alive connection: once more on a new one.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        answer = Answer(response.status, response.headers, response.read())
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@dataclass
class Person(Client):
    """A person with a plan and a logged-in session; `calendar` is their private feed's path."""

    email: str = ""
    session: str = ""
    calendar: str = ""

    def __post_init__(self) -> None:
        self.cookies.setdefault("sessionid", self.session)

    def post_log(self, log: dict[str, Any]) -> Answer:
        """POST a session log as the player does: JSON, with the CSRF token of the player page."""
        if "csrftoken" not in self.cookies:
            assert self.get("/session/daily/").status == 200
        headers = {"Content-Type": "application/json", "X-CSRFToken": self.cookies["csrftoken"]}
        return self.request("POST", "/api/sessions/", json.dumps(log).encode(), headers)


def session_log(pain_before: int = 4, pain_after: int = 3) -> dict[str, Any]:
    """A new, valid log of a daily routine finished a minute ago, as the player sends it."""
    from datetime import UTC, datetime, timedelta

    ended = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    return {
        "client_id": str(uuid.uuid4()),
        "routine": "daily",
        "started_at": (ended - timedelta(minutes=9)).isoformat(),
        "ended_at": ended.isoformat(),
        "pain_before": pain_before,
        "pain_after": pain_after,
        "outcome": "completed",
        "exercises": [
            {"position": 1, "exercise_id": "seated-hamstring-stretch", "sets_done": 2, "response": "fine"},
            {"position": 2, "exercise_id": "lunging-hip-flexor-stretch", "sets_done": 2, "response": "easy"},
        ],
    }


def make_people(count: int) -> list[dict[str, str]]:
    """`count` people, each with a plan, a logged-in session, a calendar feed, and a reminder email due now.

    Each has the intake of supple.domain.tests.helpers.profile (sitting 9 hours a day), and
    email reminders whose routine time was a minute ago, so that `supple sendreminders`
    has a write to make for every one of them.
    """
    from datetime import UTC, datetime, timedelta

    from django.conf import settings
    from django.test import Client as DjangoClient

    from supple.accounts.models import User
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan
    from supple.reminders.models import ReminderSettings

    due = (datetime.now(UTC) - timedelta(minutes=1)).replace(second=0, microsecond=0)
    stamp = f"{time.time_ns():x}"
    made = []
    for n in range(count):
        user = User.objects.create_user(email=f"person{n}.{stamp}@example.org", time_zone="UTC")
        start_plan(user, profile(lifestyle={"sitting_hours": 9}))
        reminders = ReminderSettings.objects.create(
            user=user,
            email=True,
            calendar=True,
            routine_at=due.time(),
            quiet_start=(due + timedelta(hours=3)).time(),
            quiet_end=(due + timedelta(hours=4)).time(),
            next_email_at=due,
        )
        login = DjangoClient()
        login.force_login(user)
        made.append(
            {
                "email": user.email,
                "session": login.cookies[settings.SESSION_COOKIE_NAME].value,
                "calendar": f"/calendar/{reminders.calendar_token}.ics",
            }
        )
    return made


def main(argv: list[str]) -> None:
    if argv[:1] != ["people"] or len(argv) != 2 or not argv[1].isdigit():
        sys.exit("usage: python -m supple.web.tests.served people COUNT")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supple.settings")
    import django

    django.setup()
    print(json.dumps(make_people(int(argv[1]))))


if __name__ == "__main__":
    main(sys.argv[1:])
