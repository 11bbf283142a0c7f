"""`supple library check|list|schema`: validate and inspect exercise libraries."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from supple.domain.library import BUILTIN_DIR, EXERCISE_SCHEMA, Library, LibraryError, load_library
from supple.library.catalogue import library_folders


class Command(BaseCommand):
    help = "Check or list the exercise library (built-in exercises plus SUPPLE_EXTRA_LIBRARY)."
    requires_system_checks = []  # this command reports library problems itself

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        check = sub.add_parser("check", help="Validate a library folder; exit 2 listing every problem.")
        check.add_argument("folder", nargs="?", help="A folder of exercise files (default: the library in use).")
        listing = sub.add_parser("list", help="List every exercise.")
        listing.add_argument("--format", choices=["json", "text"], default="text")
        sub.add_parser("schema", help="Print the JSON schema of an exercise file.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "schema":
            self.stdout.write(json.dumps(EXERCISE_SCHEMA, indent=2))
            return
        folders = library_folders()
        if action == "check" and options["folder"]:
            folder = Path(options["folder"]).resolve()
            # A clinic's folder may point at built-in exercises, so check it beside them.
            folders = [BUILTIN_DIR] if folder == BUILTIN_DIR else [BUILTIN_DIR, folder]
        try:
            library = load_library(*folders)
        except LibraryError as e:
            self.stderr.write(str(e))
            sys.exit(2)
        if action == "check":
            self.stdout.write(f"ok: {len(library)} exercises in {', '.join(map(str, folders))}")
        elif options["format"] == "json":
            self.stdout.write(json.dumps(library.as_list(), indent=2))
        else:
            self.stdout.write(_as_text(library))


def _as_text(library: Library) -> str:
    lines = []
    for e in library:
        sides = "each side" if e.sides == "each" else "both sides together"
        lines.append(f"{e.id}\n  {e.name}: {e.kind}, {sides}, {e.position.replace('_', ' ')}")
        lines.append(f"  targets: {', '.join(e.targets)}")
        lines.append(f"  tags: {', '.join(e.ordered_tags)}")
    lines.append(f"{len(library)} exercises")
    return "\n".join(lines)
