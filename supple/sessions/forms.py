"""Validation of the session log the player sends (POST /api/sessions/, a JSON object).

`clean_log` checks every field and returns either a `CleanLog` or every problem at once,
keyed by field (`exercises[2].pain_during`), so nothing half-valid is ever stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from supple.api import parse_moment
from supple.sessions.models import ExerciseLog, SessionLog

# A session lasts at most a day; longer means a broken clock or a forged log.
MAX_SESSION = timedelta(days=1)
# Every time in a log lies within the account's life: from a day before the account was
# made (a device clock running behind, or set to another time zone's wall clock) to an hour
# from now (a device clock running a little fast). Anything else is a broken clock or a
# forged log, and would stretch the progress charts over years that never happened.
MAX_CLOCK_BEHIND = timedelta(days=1)
MAX_CLOCK_AHEAD = timedelta(hours=1)
# Routines have at most 8 exercises (clinical rules, section 4) and at most 4 sets (section 5);
# room to spare.
MAX_EXERCISES = 20
MAX_SETS = 20

LOG_FIELDS = frozenset(
    {
        "client_id",
        "person",
        "reminder",
        "routine",
        "started_at",
        "ended_at",
        "pain_before",
        "pain_after",
        "outcome",
        "exercises",
    }
)
EXERCISE_FIELDS = frozenset(
    {
        "position",
        "exercise_id",
        "sets_done",
        "skipped",
        "response",
        "pain_during",
        "spread_down_leg",
        "new_numbness",
        "stopped",
    }
)
REQUIRED = "This field is required."
EXAMPLE_UUID = "3f2a8c1e-5b7d-4e9a-8c6f-1d2e3b4a5c6d"


@dataclass(frozen=True)
class CleanLog:
    client_id: uuid.UUID
    person: uuid.UUID | None  # the person the browser made the log for, if it says
    reminder: uuid.UUID | None  # the reminder the session was started from, if any
    routine: str
    started_at: datetime
    ended_at: datetime
    pain_before: int | None
    pain_after: int | None
    outcome: str
    exercises: tuple[dict[str, Any], ...]  # ExerciseLog field values


class _Fields:
    """Reads typed values from one JSON object, collecting a message per bad field."""

    def __init__(self, data: dict, prefix: str, errors: dict[str, list[str]]) -> None:
        self.data, self.prefix, self.errors = data, prefix, errors

    def error(self, key: str, message: str) -> None:
        self.errors.setdefault(f"{self.prefix}{key}", []).append(message)

    def unknown(self, allowed: frozenset[str]) -> None:
        for key in sorted(set(self.data) - allowed):
            self.error(key, "Unknown field.")

    def missing(self, key: str, required: bool) -> bool:
        """True when the value is absent or null; an error too if it is required."""
        if self.data.get(key) is None:
            if required:
                self.error(key, REQUIRED)
            return True
        return False

    def integer(self, key: str, low: int, high: int, required: bool = True) -> int | None:
        if self.missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, f"Must be a whole number from {low} to {high}.")
            return None
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.error(key, "Must be true or false.")
            return False
        return value

    def choice(self, key: str, choices: list[str], blank: bool = False) -> str:
        if self.missing(key, not blank):
            return ""
        value = self.data[key]
        if not isinstance(value, str) or (value not in choices and not (blank and value == "")):
            self.error(key, f"Must be one of: {', '.join(choices)}.")
            return ""
        return value

    def moment(self, key: str, earliest: datetime, latest: datetime) -> datetime | None:
        if self.missing(key, True):
            return None
        moment, problem = parse_moment(self.data[key], earliest, latest)
        if moment is None:
            self.error(key, problem)
        return moment

    def uuid(self, key: str, required: bool = True) -> uuid.UUID | None:
        if self.missing(key, required):
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.error(key, f'Must be a UUID written as a string, e.g. "{EXAMPLE_UUID}".')
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.error(key, f'Must be a UUID, e.g. "{EXAMPLE_UUID}".')
            return None


def clean_log(
    data: Any, exercise_ids: Container[str], now: datetime, joined: datetime
) -> tuple[CleanLog | None, dict[str, list[str]]]:
    """The log as field values, or None and every problem.

    `exercise_ids` are the library's; `joined` is when the person's account was made, which
    with `now` bounds the log's times (MAX_CLOCK_BEHIND, MAX_CLOCK_AHEAD).
    """
    errors: dict[str, list[str]] = {}
    if not isinstance(data, dict):
        return None, {"body": ["Send the log as a JSON object."]}
    fields = _Fields(data, "", errors)
    fields.unknown(LOG_FIELDS)
    client_id = fields.uuid("client_id")
    person = fields.uuid("person", required=False)
    reminder = fields.uuid("reminder", required=False)
    routine = fields.choice("routine", SessionLog.Routine.values)
    earliest, latest = joined - MAX_CLOCK_BEHIND, now + MAX_CLOCK_AHEAD
    started_at = fields.moment("started_at", earliest, latest)
    ended_at = fields.moment("ended_at", earliest, latest)
    pain_before = fields.integer("pain_before", 0, 10, required=False)
    pain_after = fields.integer("pain_after", 0, 10, required=False)
    outcome = fields.choice("outcome", SessionLog.Outcome.values)
    if started_at and ended_at:
        _check_times(fields, started_at, ended_at)
    exercises = _clean_exercises(data.get("exercises", []), exercise_ids, errors)
    if errors or client_id is None or started_at is None or ended_at is None:
        return None, errors
    log = CleanLog(
        client_id, person, reminder, routine, started_at, ended_at, pain_before, pain_after, outcome, exercises
    )
    return log, {}


def _check_times(fields: _Fields, started_at: datetime, ended_at: datetime) -> None:
    if ended_at < started_at:
        fields.error("ended_at", "Must not be before started_at.")
    elif ended_at - started_at > MAX_SESSION:
        fields.error("ended_at", "A session lasts at most a day.")


def _clean_exercises(items: Any, exercise_ids: Container[str], errors: dict) -> tuple[dict[str, Any], ...]:
    if not isinstance(items, list) or len(items) > MAX_EXERCISES:
        errors["exercises"] = [f"Must be a list of at most {MAX_EXERCISES} exercises."]
        return ()
    cleaned, positions = [], set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors[f"exercises[{index}]"] = ["Must be an object."]
            continue
        fields = _Fields(item, f"exercises[{index}].", errors)
        fields.unknown(EXERCISE_FIELDS)
        position = fields.integer("position", 1, MAX_EXERCISES)
        if position in positions:
            fields.error("position", "Each exercise needs its own position.")
        positions.add(position)
        exercise_id = item.get("exercise_id")
        if not isinstance(exercise_id, str) or exercise_id not in exercise_ids:
            fields.error("exercise_id", "Must be the id of an exercise in the library.")
        cleaned.append(
            {
                "position": position,
                "exercise_id": exercise_id,
                "sets_done": fields.integer("sets_done", 0, MAX_SETS),
                "skipped": fields.boolean("skipped"),
                "response": fields.choice("response", ExerciseLog.Response.values, blank=True),
                "pain_during": fields.integer("pain_during", 0, 10, required=False),
                "spread_down_leg": fields.boolean("spread_down_leg"),
                "new_numbness": fields.boolean("new_numbness"),
                "stopped": fields.boolean("stopped"),
            }
        )
    return tuple(cleaned)
