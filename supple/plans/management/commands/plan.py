"""`supple plan --profile FILE [--format json|text]`: screen an intake profile and print the plan.

Bad input (unreadable file, invalid JSON, a profile that breaks the schema) exits 2 with
every problem on stderr, each with its JSON path; never a traceback.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from supple import strict_json
from supple.domain.intake import ROOT, IntakeError, parse_intake
from supple.domain.library import LibraryError
from supple.domain.plan_text import render_plan_text
from supple.domain.planning import build_plan, plan_json
from supple.library.catalogue import get_library

# An intake profile nests 3 deep (conditions, hip_replacement, its fields); far more is not a profile.
PROFILE_MAX_DEPTH = 8

BAD_INPUT = 2  # the exit status for a profile that cannot be used (docs/plan-format.md)
BROKEN_LIBRARY = 1


class ProfileError(Exception):
    """The profile file could not be read or decoded; the message names the problem."""


class Command(BaseCommand):
    help = "Screen an intake profile (version 1) and print the personal plan as JSON or text."
    requires_system_checks = []  # library problems are reported by this command itself

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", required=True, help="The intake profile, a JSON file ('-' for stdin).")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, profile: str, format: str, **options) -> None:
        try:
            intake = parse_intake(read_profile(profile))
        except ProfileError as e:
            self._fail(BAD_INPUT, f"{ROOT}: {e}")
        except IntakeError as e:
            self._fail(BAD_INPUT, "\n".join(map(str, e.problems)))
        try:
            library = get_library()
        except LibraryError as e:
            self._fail(BROKEN_LIBRARY, str(e))
        plan = build_plan(intake, library)
        text = plan_json(plan) if format == "json" else render_plan_text(plan, intake, library)
        self.stdout.write(text, ending="")

    def _fail(self, status: int, message: str) -> None:
        self.stderr.write(message)
        sys.exit(status)


def read_profile(name: str) -> Any:
    """The decoded JSON of a profile file; raises ProfileError for anything unreadable."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as e:
        raise ProfileError(f"cannot read {name!r}: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{name!r} is not UTF-8 text") from None
    try:
        return strict_json.loads(text, PROFILE_MAX_DEPTH)
    except strict_json.StrictJSONError as e:
        where = f" at line {e.line} column {e.column}" if e.line is not None else ""
        raise ProfileError(f"is not valid JSON: {e.reason}{where}") from None
