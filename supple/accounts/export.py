"""Everything supple holds on a person, as one JSON document or a zip of CSV tables.

Both formats carry the same tables, with every field of the models (so a field added to
a model is exported without a change here). Each table is read with one query whatever
the history's length; links between tables use public ids (an intake's or plan's or
activity's public_id, a session's client_id), never database ids. The password hash is
never exported.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone

from supple.accounts.models import User
from supple.plans.models import Intake, Plan
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.reminders.models import Reminder, ReminderSettings
from supple.sessions.models import ExerciseLog, SessionLog

FORMAT_VERSION = 1
# The password hash and admin flags stay out; everything else a person's account holds goes in.
ACCOUNT_FIELDS = ("public_id", "email", "first_name", "last_name", "role", "time_zone", "date_joined", "last_login")
TABLES = {
    "intakes": Intake,
    "plans": Plan,
    "session_logs": SessionLog,
    "exercise_logs": ExerciseLog,
    "checkins": CheckIn,
    "activities": Activity,
    "activity_ratings": ActivityRating,
    "reminder_settings": ReminderSettings,
    "reminders": Reminder,
}
# How a row is named from another table: its public id rather than its database id.
LINKS = {Intake: "public_id", Plan: "public_id", SessionLog: "client_id", Activity: "public_id", Reminder: "public_id"}
# The calendar token is a password for the feed: a download must not leak it.
NOT_EXPORTED = {"id", "user", "calendar_token"}
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection"): text starting
# with one of these gets a leading single quote in the CSV tables, so it opens as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(model: type) -> list[tuple[str, str]]:
    """(column, lookup) for every field but the row id and owner; a foreign key gives the linked row's public id."""
    return [
        (field.name, f"{field.name}__{LINKS[field.related_model]}" if field.is_relation else field.name)
        for field in model._meta.concrete_fields
        if field.name not in NOT_EXPORTED
    ]


def owned(model: type, user: User) -> QuerySet:
    """The rows of `model` that belong to `user`, oldest first."""
    if model is ExerciseLog:
        return model.objects.filter(session__user=user).order_by("session__started_at", "session_id", "position")
    if model is ActivityRating:
        return model.objects.filter(activity__user=user).order_by("activity__position", "activity_id", "date")
    order = {
        SessionLog: "started_at",
        CheckIn: "date",
        Activity: "position",
        ReminderSettings: "id",
        Reminder: "due_at",
    }.get(model, "created")
    return model.objects.filter(user=user).order_by(order, "id")


def collect(user: User) -> dict[str, list[dict[str, Any]]]:
    """Every table of the person's data as lists of rows, one query a table."""
    data = {"account": [{name: getattr(user, name) for name in ACCOUNT_FIELDS}]}
    for table, model in TABLES.items():
        names, lookups = zip(*columns(model), strict=True)
        rows = owned(model, user).values_list(*lookups)
        data[table] = [dict(zip(names, row, strict=True)) for row in rows]
    return data


def as_document(user: User) -> dict[str, Any]:
    """The JSON export: exercise logs inside their session, ratings inside their activity."""
    data = collect(user)
    exercises, ratings = defaultdict(list), defaultdict(list)
    for row in data.pop("exercise_logs"):
        exercises[row.pop("session")].append(row)
    for row in data.pop("activity_ratings"):
        ratings[row.pop("activity")].append(row)
    for session in data["session_logs"]:
        session["exercises"] = exercises[session["client_id"]]
    for activity in data["activities"]:
        activity["ratings"] = ratings[activity["public_id"]]
    return {
        "format": "supple-export",
        "version": FORMAT_VERSION,
        "exported_at": timezone.now(),
        "account": data.pop("account")[0],
        **data,
    }


def as_json(user: User) -> str:
    return json.dumps(as_document(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


_encoder = DjangoJSONEncoder()


def cell(value: Any) -> str:
    """One CSV cell: JSON values as JSON text, dates in ISO format, nothing as empty.

    Text a spreadsheet would run as a formula is quoted (see FORMULA_STARTS); numbers are
    not, so -2 stays a number. The JSON export keeps every text exactly as stored.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return _encoder.default(value)


def as_zip(user: User) -> bytes:
    """The CSV export: a zip with one CSV file a table, a header row in each."""
    data = collect(user)
    headers = {"account": ACCOUNT_FIELDS} | {table: [name for name, _ in columns(m)] for table, m in TABLES.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, rows in data.items():
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(headers[table])
            writer.writerows([cell(row[name]) for name in headers[table]] for row in rows)
            archive.writestr(f"{table}.csv", text.getvalue())
    return buffer.getvalue()
