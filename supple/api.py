"""What supple's JSON endpoints share: reading a request's body, and reading a date and time.

Every endpoint that takes a JSON body reads it with `read_json_object`, which refuses,
before any field is looked at, a body that is not JSON, too big, nested too deeply, or
not an object, with an answer in the APIs' error shape ({"errors": {"body": [...]}}).
Every date and time a person sends goes through `parse_moment`, which also keeps it
inside a window the caller chooses, so no stored time is centuries away and no date at
the edge of the calendar overflows later, when it is converted to another time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.http.request import RawPostDataException

from supple import strict_json
from supple.accounts.access import json_error

# The biggest body any endpoint takes: a session log of 20 exercises is about 5 kB.
MAX_BODY_BYTES = 64 * 1024
# Objects and lists inside each other: the session log nests 3 deep (log, exercises, exercise).
MAX_DEPTH = 8
BODY = "body"  # the error key of problems with the body as a whole
TOO_DEEP = f"The body nests objects and lists more than {MAX_DEPTH} deep."
MOMENT_FORMAT = "Must be a date and time in ISO 8601 with its UTC offset, e.g. 2026-05-04T08:30:00Z."


class BodyError(Exception):
    """The request's body cannot be used; `response()` is the API's answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def response(self) -> JsonResponse:
        return json_error(self.status, str(self), BODY)


def read_json_object(request: HttpRequest) -> dict[str, Any]:
    """The body as a JSON object; raises BodyError (400, 413 or 415) naming the problem."""
    if request.content_type != "application/json":
        raise BodyError(415, "Send the body as JSON, with the header Content-Type: application/json.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    too_big = f"The body is too big: at most {MAX_BODY_BYTES // 1024} kB."
    if declared > MAX_BODY_BYTES:
        raise BodyError(413, too_big)  # refused before a byte of it is read
    try:
        body = request.body
    except RawPostDataException:  # already read as a form: it was not JSON
        raise BodyError(400, "Send the body as JSON.") from None
    if len(body) > MAX_BODY_BYTES:
        raise BodyError(413, too_big)
    data = parse_json(body)
    if not isinstance(data, dict):
        raise BodyError(400, "Send a JSON object ({...}) as the body.")
    return data


def parse_json(body: bytes) -> Any:
    """Strict JSON (supple.strict_json): UTF-8, finite numbers, each key once per object, at most MAX_DEPTH deep."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError(400, "The body is not UTF-8 text.") from None
    try:
        return strict_json.loads(text, MAX_DEPTH)
    except strict_json.StrictJSONError as problem:
        if problem.too_deep:
            raise BodyError(400, TOO_DEEP) from None
        where = f" at character {problem.position}" if problem.position is not None else ""
        raise BodyError(400, f"The body is not valid JSON: {problem.reason}{where}.") from None


def parse_moment(value: Any, earliest: datetime, latest: datetime) -> tuple[datetime | None, str]:
    """(the moment in UTC, "") for an ISO 8601 time with an offset from `earliest` to `latest`, else (None, why).

    The window is checked before the moment is converted to UTC: comparing aware times
    never overflows, converting year 1 at +05:00 or year 9999 at -05:00 does.
    """
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        return None, MOMENT_FORMAT
    if moment < earliest:
        since = earliest.astimezone(UTC)
        return None, f"Is too long ago: it must not be before {since:%Y-%m-%d %H:%M} UTC. Check the device's clock."
    if moment > latest:
        return None, "Is in the future: check the device's clock."
    return moment.astimezone(UTC), ""
