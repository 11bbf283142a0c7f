"""What supple's JSON endpoints share: reading a request's body, and reading a date and time.

Every endpoint that takes a JSON body reads it with `read_json_object`, which refuses,
before any field is looked at, a body that is not JSON, too big, nested too deeply, or
not an object, with an answer in the APIs' error shape ({"errors": {"body": [...]}}).
Every date and time a person sends goes through `parse_moment`, which also keeps it
inside a window the caller chooses, so no stored time is centuries away and no date at
the edge of the calendar overflows later, when it is converted to another time zone.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.http.request import RawPostDataException

from supple.accounts.access import json_error

# The biggest body any endpoint takes: a session log of 20 exercises is about 5 kB.
MAX_BODY_BYTES = 64 * 1024
# Objects and lists inside each other: the session log nests 3 deep (log, exercises, exercise).
MAX_DEPTH = 8
# No field takes a whole number anywhere near this long; longer ones are refused unconverted.
MAX_INT_DIGITS = 30
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
    """Strict JSON: UTF-8, finite numbers only, each key once per object, at most MAX_DEPTH deep."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError(400, "The body is not UTF-8 text.") from None
    try:
        data = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_short_int,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as problem:
        raise BodyError(400, f"The body is not valid JSON: {problem.msg} at character {problem.pos}.") from None
    except ValueError as problem:  # from the hooks
        raise BodyError(400, f"The body is not valid JSON: {problem}.") from None
    except RecursionError:  # the decoder's own guard, for nesting far deeper than MAX_DEPTH
        raise BodyError(400, TOO_DEEP) from None
    if _deeper_than(data, MAX_DEPTH):
        raise BodyError(400, TOO_DEEP)
    return data


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the number {text[:20]} is too big")
    return number


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"the number {text[:20]}... has more than {MAX_INT_DIGITS} digits")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key {key[:40]!r} appears twice in one object")
        found[key] = value
    return found


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and lists nest more than `limit` deep (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > limit:
                return True
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


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
