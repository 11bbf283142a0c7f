"""The exercise library: one YAML file per exercise, validated when it is loaded.

`load_library` reads the built-in folder (and optionally a clinic's extra folder),
checks every file against `EXERCISE_SCHEMA` and the cross-file rules, and either returns
a `Library` or raises `LibraryError` listing every problem with its file, field and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from supple.domain import drawing, movement
from supple.domain import figure as fig
from supple.domain.vocabulary import CAUSES, END_RANGE_TAGS, FLOOR_POSITIONS, POSITIONS, TAGS, TARGETS

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "exercises"

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CONTACT_PATTERN = r"^[a-z_]+ on [a-z_]+$"  # "wrist_right on knee_left"

_text_list = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 3, "maxLength": 240}}
_ids = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "uniqueItems": True}
_angles = {"type": "object", "additionalProperties": {"type": "number"}}
_joint = {"oneOf": [{"type": "number"}, _angles]}

EXERCISE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "supple exercise",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "id", "name", "summary", "kind", "sides", "position", "tags", "targets", "causes",
        "steps", "cues", "mistakes", "cautions", "stop_if", "dose", "figure",
    ],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "name": {"type": "string", "minLength": 3, "maxLength": 60},
        "summary": {"type": "string", "minLength": 10, "maxLength": 160},
        "kind": {"enum": ["hold", "reps"]},
        "sides": {"enum": ["each", "none"]},
        "position": {"enum": list(POSITIONS)},
        "tags": {"type": "array", "items": {"enum": list(TAGS)}, "uniqueItems": True, "minItems": 1},
        "targets": {"type": "array", "items": {"enum": list(TARGETS)}, "uniqueItems": True, "minItems": 1},
        "causes": {"type": "array", "items": {"enum": list(CAUSES)}, "uniqueItems": True, "minItems": 1},
        "steps": {**_text_list, "maxItems": 8},
        "cues": _text_list,
        "mistakes": _text_list,
        "cautions": _text_list,
        "stop_if": _text_list,
        "dose": {
            "type": "object",
            "additionalProperties": False,
            "required": ["sets", "rest_seconds"],
            "properties": {
                "sets": {"type": "integer", "minimum": 1, "maximum": 6},
                "hold_seconds": {"type": "integer", "minimum": 5, "maximum": 120},
                "reps": {"type": "integer", "minimum": 1, "maximum": 30},
                "rest_seconds": {"type": "integer", "minimum": 0, "maximum": 120},
            },
        },
        "easier": _ids,
        "harder": _ids,
        "alternatives": _ids,
        "videos": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "url", "credit"],
                "properties": {
                    "title": {"type": "string", "minLength": 3},
                    "url": {"type": "string", "pattern": r"^https://"},
                    "credit": {"type": "string", "minLength": 2},
                },
            },
        },
        "figure": {
            "type": "object",
            "additionalProperties": False,
            "required": ["keyframes"],
            "properties": {
                "view": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "azimuth": {"type": "number", "minimum": -180, "maximum": 180},
                        "elevation": {"type": "number", "minimum": 0, "maximum": 80},
                    },
                },
                "support": {"enum": ["floor", "chair"]},
                "anchor": {"enum": list(fig.POINTS)},
                "highlight": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                "props": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "mat": {"type": ["object", "null"], "additionalProperties": False},
                        "chair": {
                            "type": ["object", "null"],
                            "additionalProperties": False,
                            "properties": {"front": {"type": "number", "minimum": 5, "maximum": 40}},
                        },
                        "wall": {
                            "type": ["object", "null"],
                            "additionalProperties": False,
                            "properties": {"x": {"type": "number", "minimum": -150, "maximum": 150}},
                        },
                        "strap": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["from", "to"],
                            "properties": {"from": {"enum": list(fig.POINTS)}, "to": {"enum": list(fig.POINTS)}},
                        },
                    },
                },
                "keyframes": {
                    "type": "array",
                    "minItems": 2,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name", "pose"],
                        "properties": {
                            "name": {"type": "string", "minLength": 1},
                            "target": {"type": "boolean"},
                            "move": {"type": "number", "exclusiveMinimum": 0, "maximum": 10},
                            "hold": {"type": "number", "minimum": 0, "maximum": 10},
                            "contacts": {
                                "type": "array",
                                "items": {"type": "string", "pattern": CONTACT_PATTERN},
                                "uniqueItems": True,
                            },
                            "pose": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {joint: _joint for joint in fig.JOINTS},
                            },
                        },
                    },
                },
            },
        },
    },
}  # fmt: skip

_VALIDATOR = jsonschema.Draft202012Validator(EXERCISE_SCHEMA)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a library file."""

    file: str
    field: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.message}"


class LibraryError(Exception):
    """The library could not be loaded; `problems` lists everything wrong, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the exercise library has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Dose:
    sets: int
    hold_seconds: int | None
    reps: int | None
    rest_seconds: int


@dataclass(frozen=True)
class Video:
    title: str
    url: str
    credit: str


@dataclass(frozen=True)
class Exercise:
    """One exercise as the rest of supple sees it (read-only)."""

    id: str
    name: str
    summary: str
    kind: str
    sides: str
    position: str
    tags: frozenset[str]
    targets: tuple[str, ...]
    causes: tuple[str, ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    cautions: tuple[str, ...]
    stop_if: tuple[str, ...]
    dose: Dose
    easier: tuple[str, ...]
    harder: tuple[str, ...]
    alternatives: tuple[str, ...]
    videos: tuple[Video, ...]
    figure: fig.Figure = field(repr=False)
    source: str = field(default="", compare=False)

    @property
    def ordered_tags(self) -> list[str]:
        """Tags in vocabulary order, so output is stable."""
        return [t for t in TAGS if t in self.tags]

    @property
    def desk(self) -> bool:
        return "desk" in self.tags

    @property
    def gentle(self) -> bool:
        return "gentle" in self.tags


@dataclass(frozen=True)
class Library:
    """Every exercise, by id, in a stable order (file name order, built-in first)."""

    exercises: Mapping[str, Exercise]

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def get(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def as_list(self) -> list[dict[str, Any]]:
        """The public listing of `supple library list --format json` (docs/exercise-format.md, "Listing")."""
        return [
            {
                "id": e.id,
                "name": e.name,
                "tags": e.ordered_tags,
                "position": e.position,
                "sides": e.sides,
                "kind": e.kind,
                "targets": list(e.targets),
            }
            for e in self
        ]


# --- reading YAML with line numbers ----------------------------------------------------


def _line_map(node: yaml.Node, path: tuple[Any, ...] = (), out: dict | None = None) -> dict[tuple, int]:
    """Map every JSON path in a composed YAML document to its 1-based line."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            out[child] = key.start_mark.line + 1
            _line_map(value, child, out)
            out[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), out)
    return out


def _line_of(lines: dict[tuple, int], path: Iterable[Any]) -> int:
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _schema_message(error: jsonschema.ValidationError) -> str:
    """Plain-words wording for the common schema failures."""
    v, schema = error.validator, error.schema
    if v == "enum":
        return f"{error.instance!r} is not allowed; use one of: {', '.join(map(str, schema['enum']))}"
    if v == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field(s)")
    if v in ("minimum", "maximum"):
        return f"{error.instance!r} must be {'at least' if v == 'minimum' else 'at most'} {schema[v]}"
    if v == "pattern" and schema.get("pattern") == ID_PATTERN:
        return f"{error.instance!r} must be lower-case words joined by hyphens"
    if v == "pattern" and schema.get("pattern") == CONTACT_PATTERN:
        return f"{error.instance!r} must read 'POINT on POINT, PART or SURFACE', e.g. 'wrist_right on knee_left'"
    return error.message


def _schema_problem(name: str, lines: dict[tuple, int], error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    line = _line_of(lines, path)
    if error.validator == "required":
        # Name the missing field itself; its line is that of the mapping it belongs in.
        missing = re.search(r"'([^']+)' is a required property", error.message)
        path = (*path, missing.group(1)) if missing else path
        return Problem(name, _dotted(path), line, "is missing")
    return Problem(name, _dotted(path), line, _schema_message(error))


def read_exercise_file(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse and schema-check one file; returns its data (if usable) and its problems."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        return None, [Problem(name, "", 0, "is not UTF-8 text")]
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else 0
        return None, [Problem(name, "", line, f"is not valid YAML: {e.problem}")]
    if not isinstance(data, dict) or node is None:
        return None, [Problem(name, "", 1, "must be a mapping of fields (id, name, ...)")]
    lines = _line_map(node)
    problems = [_schema_problem(name, lines, e) for e in _VALIDATOR.iter_errors(data)]
    problems.sort(key=lambda p: (p.line, p.field))
    if problems:
        return None, problems
    problems = [Problem(name, f, _line_of(lines, p), m) for f, p, m in _content_problems(data, path, lines)]
    return (None if problems else data), problems


def _content_problems(data: dict[str, Any], path: Path, lines: dict[tuple, int]) -> list[tuple[str, tuple, str]]:
    """Rules the schema cannot express: (field, JSON path, message) for each."""
    out = []
    tags = set(data["tags"])
    if path.stem != data["id"]:
        out.append(("id", ("id",), f"must match the file name ({path.stem!r})"))
    if data["position"] not in tags:
        out.append(("tags", ("tags",), f"must include the position tag {data['position']!r}"))
    if tags & FLOOR_POSITIONS and "floor" not in tags:
        out.append(("tags", ("tags",), "an exercise done on the floor must carry the 'floor' tag"))
    if "desk" in tags and "floor" in tags:
        out.append(("tags", ("tags",), "a desk exercise cannot carry the 'floor' tag"))
    if tags & END_RANGE_TAGS and "end_range" not in tags:
        out.append(("tags", ("tags",), "an exercise with an *_end_range tag must also carry 'end_range'"))
    dose = data["dose"]
    if data["kind"] == "hold" and ("hold_seconds" not in dose or "reps" in dose):
        out.append(("dose", ("dose",), "a hold exercise needs hold_seconds and no reps"))
    if data["kind"] == "reps" and ("reps" not in dose or "hold_seconds" in dose):
        out.append(("dose", ("dose",), "a reps exercise needs reps and no hold_seconds"))
    figure_problems, figure, frames = fig.check_figure(data["figure"])
    if figure is not None:
        figure_problems += drawing.drawing_problems(figure, frames)
        out += _movement_problems(data, figure, frames, lines)
    for problem in figure_problems:
        out.append((problem.path, fig.dotted_path(problem.path), problem.message))
    parts = set(drawing.PART_NAMES)
    for i, part in enumerate(data["figure"].get("highlight", [])):
        if part not in parts:
            out.append(
                (
                    f"figure.highlight[{i}]",
                    ("figure", "highlight", i),
                    f"unknown part (known: {', '.join(sorted(parts))})",
                )
            )
    if "needs_chair" in tags and "chair" not in data["figure"].get("props", {}):
        out.append(("figure.props", ("figure",), "an exercise that needs a chair must show one (props: chair)"))
    return out


def _movement_problems(
    data: dict[str, Any], figure: fig.Figure, frames: list[fig.Frame], lines: dict[tuple, int]
) -> list[tuple[str, tuple, str]]:
    """Tags the figure requires but the file lacks, and a `gentle` figure that leaves the mid range."""
    tags, keyframes = set(data["tags"]), data["figure"]["keyframes"]

    def where(requirement: movement.Requirement) -> str:
        if requirement.keyframe is None:
            return "the figure uses " + requirement.evidence
        field = f"figure.keyframes[{requirement.keyframe}]"
        line = _line_of(lines, ("figure", "keyframes", requirement.keyframe))
        moving = "moving to" if requirement.moving else "at"
        name = keyframes[requirement.keyframe]["name"]
        return f"the figure shows {requirement.evidence} {moving} keyframe {name!r} ({field}, line {line})"

    out = []
    required = movement.required_tags(figure, frames)
    for requirement in required:
        if requirement.tag not in tags:
            out.append(("tags", ("tags",), f"lacks {requirement.tag!r}: {where(requirement)}"))
    if "gentle" in tags:
        for requirement in required:
            if requirement.tag in movement.GENTLE_EXCLUDED_TAGS:
                out.append(("tags", ("tags",), f"a 'gentle' exercise stays in the mid range, but {where(requirement)}"))
        side_bend = movement.largest_side_bend(frames)
        if side_bend > movement.GENTLE_SIDE_BEND:
            message = (
                f"a 'gentle' exercise stays in the mid range, but the figure bends the spine "
                f"{side_bend:.0f}° to the side (at most {movement.GENTLE_SIDE_BEND:.0f}°)"
            )
            out.append(("tags", ("tags",), message))
    return out


def _reference_problems(records: list[tuple[Path, dict[str, Any]]], known: set[str]) -> list[Problem]:
    out = []
    for path, data in records:
        lines = _line_map(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))
        for key in ("easier", "harder", "alternatives"):
            for i, ref in enumerate(data.get(key, [])):
                if ref == data["id"]:
                    out.append(Problem(str(path), f"{key}[{i}]", _line_of(lines, (key, i)), "refers to itself"))
                elif ref not in known:
                    message = f"refers to unknown exercise {ref!r}"
                    out.append(Problem(str(path), f"{key}[{i}]", _line_of(lines, (key, i)), message))
    return out


def library_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_library(*folders: Path | str) -> Library:
    """Load and check every exercise file in `folders` (built-in folder when none given).

    Raises LibraryError with every problem found: schema, content rules, figure
    reachability, duplicate ids across folders and references to unknown exercises.
    """
    paths = [Path(f) for f in (folders or (BUILTIN_DIR,))]
    problems: list[Problem] = []
    records: list[tuple[Path, dict[str, Any]]] = []
    seen: dict[str, Path] = {}
    broken: set[str] = set()  # ids of files with problems: named by others, they are not "unknown"
    for folder in paths:
        if not folder.is_dir():
            problems.append(Problem(str(folder), "", 0, "is not a folder"))
            continue
        for path in library_files(folder):
            data, found = read_exercise_file(path)
            problems += found
            if data is None:
                broken.add(path.stem)
                continue
            if data["id"] in seen:
                problems.append(Problem(str(path), "id", 1, f"duplicates the exercise in {seen[data['id']]}"))
                continue
            seen[data["id"]] = path
            records.append((path, data))
    if not problems and not records:
        problems.append(Problem(", ".join(map(str, paths)), "", 0, "holds no exercise files (*.yaml)"))
    problems += _reference_problems(records, set(seen) | broken)
    if problems:
        raise LibraryError(problems)
    return Library({data["id"]: _exercise(data, path) for path, data in records})


def _exercise(data: dict[str, Any], path: Path) -> Exercise:
    dose = data["dose"]
    return Exercise(
        id=data["id"],
        name=data["name"],
        summary=data["summary"],
        kind=data["kind"],
        sides=data["sides"],
        position=data["position"],
        tags=frozenset(data["tags"]),
        targets=tuple(data["targets"]),
        causes=tuple(data["causes"]),
        steps=tuple(data["steps"]),
        cues=tuple(data["cues"]),
        mistakes=tuple(data["mistakes"]),
        cautions=tuple(data["cautions"]),
        stop_if=tuple(data["stop_if"]),
        dose=Dose(dose["sets"], dose.get("hold_seconds"), dose.get("reps"), dose["rest_seconds"]),
        easier=tuple(data.get("easier", ())),
        harder=tuple(data.get("harder", ())),
        alternatives=tuple(data.get("alternatives", ())),
        videos=tuple(Video(**v) for v in data.get("videos", ())),
        figure=fig.parse_figure(data["figure"]),
        source=str(path),
    )
