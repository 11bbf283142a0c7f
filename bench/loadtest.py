"""Load test: many people using `supple serve` at once, on SQLite and then on PostgreSQL.

    .venv/bin/python bench/loadtest.py                (or: make loadtest) both databases
    .venv/bin/python bench/loadtest.py sqlite         SQLite only
    LOADTEST_USERS=10 LOADTEST_SECONDS=15 make loadtest     a quick run

For each database: a fresh data folder (PostgreSQL: a throwaway server from
scripts/with-postgres), `supple migrate`, then `supple serve` on a free port of 127.0.0.1
(waitress, its default 8 threads) with `supple sendreminders --loop` beside it, and
LOADTEST_USERS people (default 50), each with a finished intake, a plan, reminders and a
logged-in session. Locust (bench/locustfile.py) then runs two phases of LOADTEST_SECONDS
each (default 120): the mixed workload (Today, session player, sending a session log,
morning check-in, Progress, calendar feed), and the trivial logged-in view as the
baseline. Every user sends requests back to back, so the numbers are the server's
capacity on this machine, with Locust itself on the same cores.

Prints, per database: throughput and p50/p95/p99 for the mixed workload and for each kind
of request, the errors, the trivial view's throughput and the ratio of the two. Exits 1 if
any request failed or the server logged an error.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from supple.web.tests.served import Person, Served  # noqa: E402

USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "120"))
DATABASES = ("sqlite", "postgresql")
TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MIXED, TRIVIAL = "Person", "Baseline"  # the user classes of bench/locustfile.py


def locust(phase: str, server: Served, people: Path, folder: Path) -> list[dict[str, str]]:
    """Run one phase headless for SECONDS; its stats rows (one per request name, then "Aggregated")."""
    prefix = folder / phase
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), phase,
        "--headless", "--users", str(USERS), "--spawn-rate", str(USERS), "--run-time", f"{SECONDS}s",
        "--reset-stats", "--stop-timeout", "10", "--only-summary", "--loglevel", "WARNING",
        "--host", server.url, "--csv", str(prefix),
    ]  # fmt: skip
    env = {**os.environ, "LOADTEST_PEOPLE": str(people), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=SECONDS + 120)
    stats = Path(f"{prefix}_stats.csv")
    if done.returncode not in (0, 1) or not stats.exists():  # 1: some requests failed, which the stats show
        sys.exit(f"locust failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    rows = read_csv(stats)
    # An exception in a task (not a failed request) is counted apart by Locust: add it as an error.
    for problem in read_csv(Path(f"{prefix}_exceptions.csv")):
        print(f"  exception in {phase}, {problem['Count']} times: {problem['Message']}")
        rows[-1]["Failure Count"] = str(int(rows[-1]["Failure Count"]) + int(problem["Count"]))
    return rows


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def warm_up(person: Person) -> None:
    """Open each page once before measuring: the first request of a process fills its caches (figures, templates)."""
    for path in ("/today/", "/session/daily/", "/session/desk/", "/checkin/", "/progress/", person.calendar):
        answer = person.get(path)
        if answer.status != 200:
            sys.exit(f"loadtest: {path} answered {answer.status} before the test began")
    person.close()


def row_text(row: dict[str, str]) -> str:
    return (
        f"{float(row['Requests/s']):8.1f} requests/s   p50 {row['50%']:>5} ms   p95 {row['95%']:>5} ms   "
        f"p99 {row['99%']:>5} ms   {row['Failure Count']} errors of {row['Request Count']}"
    )


def run(database: str) -> int:
    """Both phases against one database; the number of errors."""
    url = os.environ.get("DATABASE_URL") if database == "postgresql" else None
    if database == "postgresql" and not url:
        sys.exit("loadtest: the PostgreSQL part needs DATABASE_URL (run it through scripts/with-postgres)")
    with tempfile.TemporaryDirectory(prefix="supple-loadtest-") as scratch:
        folder = Path(scratch)
        server = Served(folder / "data", url, DJANGO_SETTINGS_MODULE="loadtest_site", PYTHONPATH=str(ROOT / "bench"))
        with server:
            people = folder / "people.json"
            made = server.make_people(USERS)
            people.write_text(json.dumps(made))
            warm_up(Person(port=server.port, **made[0]))
            sender_log = folder / "sendreminders.log"
            with sender_log.open("w") as log:
                sender = subprocess.Popen(
                    [sys.executable, "-m", "supple.cli", "sendreminders", "--loop", "--sleep", "5"],
                    env=server.env,
                    stdout=subprocess.DEVNULL,  # the emails, printed by the console backend
                    stderr=log,
                )
                try:
                    mixed = locust(MIXED, server, people, folder)
                    trivial = locust(TRIVIAL, server, people, folder)
                finally:
                    sender.terminate()
                    sender.wait(timeout=30)
            sender_errors = sender_log.read_text()
        server_errors = server.output.count("Traceback")
    total, base = mixed[-1], trivial[-1]  # the "Aggregated" rows
    errors = int(total["Failure Count"]) + int(base["Failure Count"]) + server_errors + (sender.returncode != 0)
    print(f"\n{TITLES[database]}: {USERS} users, {SECONDS} s per phase, `supple serve` with its default threads")
    print(f"  mixed workload          {row_text(total)}")
    for row in mixed[:-1]:
        print(f"    {row['Name']:<21} {row_text(row)}")
    print(f"  trivial logged-in view  {row_text(base)}")
    ratio = float(total["Requests/s"]) / float(base["Requests/s"]) if float(base["Requests/s"]) else 0.0
    print(f"  mixed / trivial throughput: {ratio:.2f}")
    print(f"  server errors logged: {server_errors}; sendreminders exit code: {sender.returncode}")
    if server_errors:
        print(server.output[-3000:])
    if sender.returncode:
        print(sender_errors[-3000:])
    print(f"  errors: {errors}")
    return errors


def main(argv: list[str]) -> int:
    wanted = argv or list(DATABASES)
    if any(name not in DATABASES for name in wanted):
        sys.exit(f"usage: loadtest.py [{' | '.join(DATABASES)}] ...")
    started = time.monotonic()
    failed = False
    for database in wanted:
        if database == "postgresql" and "DATABASE_URL" not in os.environ:
            # A throwaway PostgreSQL server for this part only.
            command = [str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__, "postgresql"]
            env = {**os.environ, "LOADTEST_PART": "1"}
            failed |= subprocess.run(command, env=env, timeout=4 * SECONDS + 600).returncode != 0
        else:
            failed |= run(database) > 0
    if os.environ.get("LOADTEST_PART"):  # one part of a larger run, which prints the total
        return 1 if failed else 0
    print(
        f"\nloadtest took {time.monotonic() - started:.0f} s; {'FAILED: there were errors' if failed else 'no errors'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
