"""Download my data: every table of the person's, nothing of anyone else's, in one query a table."""

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from supple.accounts.export import ACCOUNT_FIELDS, FORMULA_STARTS, TABLES, cell, columns
from supple.accounts.models import User
from supple.plans.models import Intake, Plan
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.sessions.models import ExerciseLog, SessionLog

pytestmark = pytest.mark.django_db
# Columns deliberately left out of the export (the password hash, the row ids, admin flags).
NOT_EXPORTED = {"id", "user", "password", "is_superuser", "is_staff", "is_active"}
EXERCISE_FIELDS = ("position", "exercise_id", "sets_done", "skipped", "response", "pain_during", "spread_down_leg")
TABLE_QUERIES = len(TABLES)
LOGGED_IN = 2  # the session and the user


def download_json(client) -> dict:
    response = client.get(reverse("accounts:export_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="supple-data-')
    return json.loads(response.content)


def download_tables(client) -> dict[str, list[dict]]:
    response = client.get(reverse("accounts:export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {
            name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(archive.read(name).decode())))
            for name in archive.namelist()
        }


def as_cell(value) -> str:
    """How a value of the JSON document reads in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def flatten(document: dict) -> dict[str, list[dict]]:
    """The JSON document as the CSV tables, every value as its cell text."""
    sessions, activities = document["session_logs"], document["activities"]
    tables = {
        "account": [document["account"]],
        "intakes": document["intakes"],
        "plans": document["plans"],
        "session_logs": [{k: v for k, v in s.items() if k != "exercises"} for s in sessions],
        "exercise_logs": [{"session": s["client_id"], **e} for s in sessions for e in s["exercises"]],
        "checkins": document["checkins"],
        "activities": [{k: v for k, v in a.items() if k != "ratings"} for a in activities],
        "activity_ratings": [{"activity": a["public_id"], **r} for a in activities for r in a["ratings"]],
        "reminder_settings": document["reminder_settings"],
        "reminders": document["reminders"],
    }
    return {name: [{k: as_cell(v) for k, v in row.items()} for row in rows] for name, rows in tables.items()}


def test_the_json_export_holds_every_table_of_alices_and_nothing_of_bobs(client, alice, bob, history):
    mine = history(alice, days=9)
    history(bob, days=4)
    client.force_login(alice)
    document = download_json(client)

    assert document["format"] == "supple-export" and document["version"] == 1
    assert document["account"]["email"] == "alice@example.org"
    assert document["account"]["time_zone"] == "Europe/London"
    assert document["account"]["public_id"] == str(alice.public_id)
    assert "password" not in document["account"]

    [intake] = document["intakes"]
    assert intake == {
        "public_id": str(mine["intake"].public_id),
        "created": intake["created"],
        "profile": mine["intake"].profile,
    }
    first, second = document["plans"]
    assert first["public_id"] == str(mine["plans"][0].public_id) and first["intake"] == intake["public_id"]
    assert second["source"] == "pain_response" and second["document"] == mine["plans"][1].document
    assert second["changes"] == ["Holds shortened because your pain rose the next morning."]

    sessions = document["session_logs"]
    assert [s["client_id"] for s in sessions] == [str(s.client_id) for s in mine["sessions"]]
    assert sessions[0]["plan"] is None and sessions[1]["plan"] == second["public_id"]
    assert sessions[1]["outcome"] == "leg_symptoms" and sessions[1]["local_date"] == "2025-01-07"
    assert sessions[3]["pain_before"] == 5 and sessions[3]["pain_after"] == 3
    [reminder] = document["reminders"]
    assert reminder["public_id"] == str(mine["reminder"].public_id) and reminder["status"] == "started"
    assert sessions[0]["prompted_by"] == reminder["public_id"] and sessions[1]["prompted_by"] is None
    [reminder_settings] = document["reminder_settings"]
    assert reminder_settings["email"] is True and "calendar_token" not in reminder_settings
    assert sessions[0]["started_at"] == "2025-01-06T07:30:00Z" and sessions[0]["ended_at"] == "2025-01-06T07:41:00Z"
    assert [{k: e[k] for k in EXERCISE_FIELDS} for e in sessions[0]["exercises"]] == [
        {
            "position": 0,
            "exercise_id": "seated-figure-four-stretch",
            "sets_done": 2,
            "skipped": False,
            "response": "too_much",
            "pain_during": 3,
            "spread_down_leg": False,
        },
        {
            "position": 1,
            "exercise_id": "standing-hip-flexor-stretch",
            "sets_done": 2,
            "skipped": False,
            "response": "fine",
            "pain_during": None,
            "spread_down_leg": True,
        },
        {
            "position": 2,
            "exercise_id": "cat-camel",
            "sets_done": 2,
            "skipped": True,
            "response": "fine",
            "pain_during": None,
            "spread_down_leg": False,
        },
    ]
    assert all(len(s["exercises"]) == 3 for s in sessions)

    checkins = document["checkins"]
    assert [c["date"] for c in checkins] == [f"2025-01-{day:02}" for day in range(6, 15)]
    assert checkins[2]["new_numbness"] is True and checkins[2]["red_flags"] == ["saddle_numbness"]
    assert [c["pain"] for c in checkins] == list(range(9))

    shoes, film = document["activities"]
    assert shoes["name"] == "Tying my shoes (alice@example.org)" and not shoes["archived"]
    assert film["archived"] and film["position"] == 1
    assert shoes["ratings"] == [{"date": "2025-01-06", "score": 0}]
    assert film["ratings"] == [{"date": "2025-01-06", "score": 1}]


def test_nothing_of_bobs_is_in_alices_downloads(client, alice, bob, history):
    history(alice, days=5)
    theirs = history(bob, days=5)
    client.force_login(alice)
    json_text = client.get(reverse("accounts:export_json")).content.decode()
    tables = download_tables(client)
    csv_text = json.dumps(tables)
    bobs = [
        "bob@example.org",
        str(bob.public_id),
        str(theirs["intake"].public_id),
        *(str(p.public_id) for p in theirs["plans"]),
        *(str(s.client_id) for s in theirs["sessions"]),
        *(str(c.client_id) for c in CheckIn.objects.filter(user=bob)),
        *(str(a.public_id) for a in theirs["activities"]),
    ]
    for text in (json_text, csv_text):
        assert all(value not in text for value in bobs)
    assert {row["public_id"] for row in tables["activities"]} == {
        str(a.public_id) for a in Activity.objects.filter(user=alice)
    }


def test_the_csv_zip_has_one_table_each_with_the_same_content_as_the_json(client, alice, history):
    history(alice, days=15)
    client.force_login(alice)
    document = download_json(client)
    tables = download_tables(client)
    assert set(tables) == {"account", *TABLES}
    expected = flatten(document)
    for name, rows in tables.items():
        assert rows == expected[name], name
    assert len(tables["exercise_logs"]) == 45 and len(tables["activity_ratings"]) == 4


def test_a_new_person_downloads_empty_tables_with_headers(client, bob):
    client.force_login(bob)
    with zipfile.ZipFile(io.BytesIO(client.get(reverse("accounts:export_csv")).content)) as archive:
        header = archive.read("session_logs.csv").decode().splitlines()
    assert header == [",".join(name for name, _ in columns(SessionLog))]
    document = download_json(client)
    assert document["session_logs"] == [] and document["intakes"] == [] and document["activities"] == []


@pytest.mark.parametrize(
    ("model", "table"),
    [
        (User, "account"),
        (Intake, "intakes"),
        (Plan, "plans"),
        (SessionLog, "session_logs"),
        (ExerciseLog, "exercise_logs"),
        (CheckIn, "checkins"),
        (Activity, "activities"),
        (ActivityRating, "activity_ratings"),
    ],
)
def test_every_field_supple_keeps_is_exported(model, table):
    exported = set(ACCOUNT_FIELDS) if table == "account" else {name for name, _ in columns(TABLES[table])}
    kept = {field.name for field in model._meta.concrete_fields} - NOT_EXPORTED
    assert kept <= exported, f"add {kept - exported} to the export of {table}"


@pytest.mark.parametrize("url", ["accounts:export_json", "accounts:export_csv"])
def test_downloads_take_one_query_a_table_however_long_the_history(
    client, alice, bob, history, django_assert_num_queries, url
):
    history(alice, days=730)
    client.force_login(alice)
    with django_assert_num_queries(LOGGED_IN + TABLE_QUERIES):
        assert client.get(reverse(url)).status_code == 200
    client.force_login(bob)
    with django_assert_num_queries(LOGGED_IN + TABLE_QUERIES):
        assert client.get(reverse(url)).status_code == 200


@pytest.mark.parametrize("url", ["accounts:export_json", "accounts:export_csv"])
def test_downloads_need_a_login_and_are_read_only(client, alice, url):
    response = client.get(reverse(url))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(alice)
    assert client.post(reverse(url)).status_code == 405


# Text a spreadsheet would run as a formula, by each character OWASP lists as a formula start.
FORMULAS = ['=HYPERLINK("https://evil.example/","Open")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def test_text_a_spreadsheet_would_run_is_quoted_in_the_csv_and_exact_in_the_json(client, alice):
    alice.first_name = "=cmd|' /C calc'!A0"
    alice.save()
    for position, name in enumerate(FORMULAS):
        activity = Activity.objects.create(user=alice, name=name, position=position)
        ActivityRating.objects.create(activity=activity, date=date(2026, 1, 5), score=position)
    client.force_login(alice)
    tables = download_tables(client)
    assert [row["name"] for row in tables["activities"]] == ["'" + name for name in FORMULAS]
    assert tables["account"][0]["first_name"] == "'=cmd|' /C calc'!A0"
    assert [row["score"] for row in tables["activity_ratings"]] == ["0", "1", "2", "3", "4", "5"]
    document = download_json(client)
    assert [activity["name"] for activity in document["activities"]] == FORMULAS
    assert document["account"]["first_name"] == "=cmd|' /C calc'!A0"


def test_numbers_are_never_quoted_only_text_is():
    assert [cell(-2), cell(0), cell(7)] == ["-2", "0", "7"]
    assert [cell("-2"), cell("a-2"), cell(""), cell(" =1")] == ["'-2", "a-2", "", " =1"]
