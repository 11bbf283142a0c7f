"""What people do with supple, for Locust; run by bench/loadtest.py (see there).

Each simulated user is one of the people that loadtest.py made (a plan, reminders, a
logged-in session), read from the JSON file named by LOADTEST_PEOPLE. Users send their
requests back to back (no think time), so the numbers measure what the server can do.

    Person    the mixed workload: Today, the session player, sending a session log, the
              morning check-in, Progress, the private calendar feed
    Baseline  the trivial logged-in view only (loadtest_site.TRIVIAL_URL)
"""

from __future__ import annotations

import itertools
import json
import os
import re
from pathlib import Path

from locust import HttpUser, constant, task

from supple.web.tests.served import session_log

PEOPLE = json.loads(Path(os.environ["LOADTEST_PEOPLE"]).read_text())
NEXT_PERSON = itertools.count()
FLAG_FIELD = re.compile(r'name="(flag_[a-z_]+)"')


class LoggedIn(HttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self) -> None:
        self.person = PEOPLE[next(NEXT_PERSON) % len(PEOPLE)]
        self.client.cookies.set("sessionid", self.person["session"])


class Person(LoggedIn):
    def on_start(self) -> None:
        super().on_start()
        self.open_player()  # also gives the CSRF token that the log and the check-in send

    @task(4)
    def today(self) -> None:
        self.client.get("/today/", name="Today")

    @task(2)
    def open_player(self) -> None:
        self.client.get("/session/daily/", name="Session player")

    @task(2)
    def send_log(self) -> None:
        with self.client.post(
            "/api/sessions/",
            json=session_log(),
            headers={"X-CSRFToken": self.client.cookies["csrftoken"]},
            name="Session log (POST)",
            catch_response=True,
        ) as answer:
            if answer.status_code != 201:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(1)
    def check_in(self) -> None:
        page = self.client.get("/checkin/", name="Check-in")
        if page.status_code != 200:
            return
        form = {"pain": "3", "new_numbness": "no", "spreading": "no"}
        form.update(dict.fromkeys(FLAG_FIELD.findall(page.text), "no"))
        form["csrfmiddlewaretoken"] = self.client.cookies["csrftoken"]
        with self.client.post(
            "/checkin/",
            data=form,
            headers={"Referer": page.url},
            allow_redirects=False,
            name="Check-in (POST)",
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(2)
    def progress(self) -> None:
        self.client.get("/progress/", name="Progress")

    @task(1)
    def calendar(self) -> None:
        self.client.get(self.person["calendar"], name="Calendar feed")


class Baseline(LoggedIn):
    @task
    def trivial(self) -> None:
        with self.client.get("/bench/trivial/", name="Trivial logged-in view", catch_response=True) as answer:
            if not answer.text.startswith("ok "):
                answer.failure(f"{answer.status_code}: not logged in")
