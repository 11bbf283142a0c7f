"""JSON as supple reads it from outside (request bodies, profile files): strict and bounded.

Python's json module accepts what JSON does not (NaN, Infinity), keeps the last of a key
given twice, turns a 10,000-digit number into an int, and recurses once per level of
nesting. `loads` refuses each of these with a plain reason, so that every reader of
outside JSON (the JSON endpoints in supple/api.py, `supple plan`) says the same thing.
"""

from __future__ import annotations

import json
import math
from typing import Any

# No field takes a whole number anywhere near this long; longer ones are refused unconverted.
MAX_INT_DIGITS = 30


class StrictJSONError(ValueError):
    """Why a text is not JSON supple takes: `reason`, where (`line`, `column`, `position`) when known,
    and `too_deep` for nesting past the limit."""

    def __init__(
        self,
        reason: str,
        *,
        line: int | None = None,
        column: int | None = None,
        position: int | None = None,
        too_deep: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line, self.column, self.position = line, column, position
        self.too_deep = too_deep


def loads(text: str, max_depth: int) -> Any:
    """The value of `text`: finite numbers only, each key once per object, at most `max_depth` deep."""
    try:
        value = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_short_int,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as problem:
        raise StrictJSONError(problem.msg, line=problem.lineno, column=problem.colno, position=problem.pos) from None
    except RecursionError:  # the decoder's own guard, for nesting far deeper than max_depth
        raise StrictJSONError("nested too deeply", too_deep=True) from None
    except ValueError as problem:  # from the hooks below
        raise StrictJSONError(str(problem)) from None
    if _deeper_than(value, max_depth):
        raise StrictJSONError("nested too deeply", too_deep=True)
    return value


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
