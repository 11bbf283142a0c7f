"""`supple library check|list|schema|pose|sheet`: validate and inspect exercise libraries."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from supple.domain import drawing
from supple.domain import figure as fig
from supple.domain.landmarks import PoseError, keyframe_pose
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
        pose = sub.add_parser("pose", help="Print a keyframe's joint angles and its 33 MediaPipe Pose landmarks.")
        pose.add_argument("exercise", help="The exercise id.")
        pose.add_argument("--side", default="right", help="right (default) or left, the mirror image.")
        pose.add_argument("--keyframe", default="target", help="start, target (default) or a keyframe's name.")
        pose.add_argument("--format", choices=["json"], default="json")
        sheet = sub.add_parser("sheet", help="Write a page of every exercise's stills, start and held, each side.")
        sheet.add_argument("--out", default="-", help="The HTML file to write (default: standard output).")

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
        if action == "pose":
            self.stdout.write(json.dumps(_pose(library, options), indent=2))
        elif action == "sheet":
            _write(options["out"], _sheet(library), self.stdout)
        elif action == "check":
            self.stdout.write(f"ok: {len(library)} exercises in {', '.join(map(str, folders))}")
        elif options["format"] == "json":
            self.stdout.write(json.dumps(library.as_list(), indent=2))
        else:
            self.stdout.write(_as_text(library))


def _pose(library: Library, options: dict) -> dict:
    exercise_id = options["exercise"]
    if exercise_id not in library:
        _fail(f"unknown exercise {exercise_id!r} (see: supple library list)")
    try:
        pose = keyframe_pose(exercise_id, library.get(exercise_id).figure, options["side"], options["keyframe"])
        return pose.to_document()
    except PoseError as e:
        _fail(str(e))


def _sheet(library: Library) -> str:
    entries = []
    for exercise in library:
        view = drawing.view_of(exercise.figure, fig.timeline(exercise.figure))
        entries.append((exercise.name, exercise.sides == "each", view))
    return drawing.contact_sheet(entries)


def _write(out: str, text: str, stdout) -> None:
    if out == "-":
        stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as e:
        _fail(f"cannot write {out!r}: {e.strerror}")


def _fail(message: str) -> None:
    sys.stderr.write(f"supple library: {message}\n")
    sys.exit(2)


def _as_text(library: Library) -> str:
    lines = []
    for e in library:
        sides = "each side" if e.sides == "each" else "both sides together"
        lines.append(f"{e.id}\n  {e.name}: {e.kind}, {sides}, {e.position.replace('_', ' ')}")
        lines.append(f"  targets: {', '.join(e.targets)}")
        lines.append(f"  tags: {', '.join(e.ordered_tags)}")
    lines.append(f"{len(library)} exercises")
    return "\n".join(lines)
