"""Server time of the person's busiest pages with two years of daily history.

    .venv/bin/python bench/pages_bench.py [--repeat 200] [--days 730]     (or: make bench)

Builds a fresh SQLite database in a temporary folder, gives one person two years of
daily sessions (with their exercises), morning check-ins and weekly activity ratings,
then times Today, the session player and Progress through Django's test client (the
whole request: middleware, queries, templates) beside two trivial views measured in the
same run: one that only needs a logged-in person (the session and user lookups every
page pays) and /health/ (no session at all). It prints each page's ratio to the first.
Target: each page within 2x the trivial logged-in view.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(data_dir: str) -> None:
    os.environ["SUPPLE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supple.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = __name__  # supple's URLs plus the trivial view below
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)


def fill_history(days: int):
    """One person, a plan, and `days` days of sessions, check-ins and weekly ratings."""
    from django.utils import timezone

    from supple.accounts.models import User
    from supple.domain.tests.helpers import profile
    from supple.plans.services import start_plan
    from supple.progress.models import Activity, ActivityRating, CheckIn
    from supple.sessions.models import ExerciseLog, SessionLog

    user = User.objects.create_user(email="bench@example.org", password=None, time_zone="Europe/Paris")
    plan = start_plan(user, profile(lifestyle={"sitting_hours": 9, "driving_hours": 1}))
    plan.intake.created = timezone.now() - timedelta(days=days + 1)
    plan.intake.save(update_fields=["created"])
    routine = plan.document["routine"]
    today = user.local_date()
    sessions, checkins = [], []
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=user.zone)
        sessions.append(
            SessionLog(
                user=user, client_id=uuid.uuid4(), plan=plan, started_at=start, ended_at=start + timedelta(minutes=9),
                local_date=day, pain_before=4, pain_after=3,
            )
        )  # fmt: skip
        checkins.append(CheckIn(user=user, date=day, pain=4 - (back % 3 == 0)))
    SessionLog.objects.bulk_create(sessions, batch_size=500)
    saved = SessionLog.objects.filter(user=user).values_list("id", flat=True)
    ExerciseLog.objects.bulk_create(
        [
            ExerciseLog(
                session_id=sid, position=i, exercise_id=item["exercise"], sets_done=item["sets"], response="fine"
            )
            for sid in saved
            for i, item in enumerate(routine)
        ],
        batch_size=1000,
    )
    CheckIn.objects.bulk_create(checkins, batch_size=500)
    activity = Activity.objects.create(user=user, name="Sitting through a film")
    ActivityRating.objects.bulk_create(
        [
            ActivityRating(activity=activity, date=today - timedelta(days=7 * w), score=min(10, 3 + w // 10))
            for w in range(days // 7)
        ]
    )
    return user


def trivial(request):
    """The least a logged-in page can do: authenticate the person and answer."""
    from django.http import HttpResponse

    return HttpResponse(f"ok {request.user.pk}")


def urls() -> list:
    from django.contrib.auth.decorators import login_required
    from django.urls import include, path

    return [path("bench/trivial/", login_required(trivial)), path("", include("supple.urls"))]


def __getattr__(name: str):
    if name == "urlpatterns":  # read by Django once settings point ROOT_URLCONF here
        return urls()
    raise AttributeError(name)


def timed(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm caches (templates, library figures)
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="supple-bench-") as data_dir:
        setup_django(data_dir)
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        user = fill_history(args.days)
        client = Client()
        client.force_login(user)
        pages = {
            "trivial, logged in": "/bench/trivial/",
            "trivial, /health/": "/health/",
            "Today": "/today/",
            "Session player": "/session/daily/",
            "Progress": "/progress/",
        }
        results = {name: timed(client, url, args.repeat) for name, url in pages.items()}
        base = statistics.median(results["trivial, logged in"])
        print(f"{args.days} days of history; {args.repeat} requests each; SQLite; server time per request")
        for name, times in results.items():
            median = statistics.median(times)
            p95 = sorted(times)[int(len(times) * 0.95) - 1]
            print(
                f"  {name:20s} median {median:6.2f} ms  p95 {p95:6.2f} ms  ({median / base:4.1f}x trivial, logged in)"
            )


if __name__ == "__main__":
    main()
