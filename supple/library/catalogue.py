"""The loaded exercise library for the web app: built-in exercises plus SUPPLE_EXTRA_LIBRARY.

Loading happens once per process; the result is immutable, so it is shared freely. Each
exercise's drawings (the animation and its stills, for each side) are rendered once per
process too, on first use.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core import checks

from supple.domain import drawing
from supple.domain import figure as fig
from supple.domain.library import BUILTIN_DIR, Exercise, Library, LibraryError, load_library

STILLS = ("start", "held")


def library_folders(extra: str | None = None) -> list[Path]:
    extra = settings.SUPPLE_EXTRA_LIBRARY if extra is None else extra
    return [BUILTIN_DIR, Path(extra)] if extra else [BUILTIN_DIR]


def get_library() -> Library:
    """The library in use; raises LibraryError (every problem listed) if it is invalid."""
    return _load(tuple(library_folders()))


@cache
def _load(folders: tuple[Path, ...]) -> Library:
    return load_library(*folders)


def check_library(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: the server refuses to start while the library has problems."""
    try:
        get_library()
    except LibraryError as e:
        return [
            checks.Error(str(p), hint="Fix the exercise file and start again.", id="supple.E001") for p in e.problems
        ]
    return []


def sides_of(exercise: Exercise) -> list[str]:
    """The sides an exercise is drawn for: both for a one-sided stretch, else the right (both together)."""
    return ["right", "left"] if exercise.sides == "each" else ["right"]


def figure_svg(exercise: Exercise, side: str = "right") -> str:
    """The animated demonstration of one exercise; `side` "left" mirrors a one-sided stretch."""
    return _figure_svg(tuple(library_folders()), exercise.id, side)


def still_svg(exercise: Exercise, side: str = "right", still: str = "held") -> str:
    """A still of the start or the held position ("start" or "held"); the held one shows the way there."""
    return _still_svg(tuple(library_folders()), exercise.id, side, still)


def figure_title(exercise: Exercise, side: str) -> str:
    """What the animated figure shows, in words (its title, and the alt text where it is an image)."""
    return _title(exercise, side, "")


def _title(exercise: Exercise, side: str, what: str) -> str:
    side_text = f", {side} side" if exercise.sides == "each" else ""
    return f"Figure showing the {exercise.name.lower()}{side_text}{what}"


@cache
def _view(folders: tuple[Path, ...], exercise_id: str) -> drawing.View:
    figure = _load(folders).get(exercise_id).figure
    return drawing.view_of(figure, fig.timeline(figure))


@cache
def _figure_svg(folders: tuple[Path, ...], exercise_id: str, side: str) -> str:
    exercise = _load(folders).get(exercise_id)
    view = _view(folders, exercise_id)
    return drawing.render_svg(view, _title(exercise, side, ""), mirrored=side == "left", uid=f"{exercise_id}-{side}")


@cache
def _still_svg(folders: tuple[Path, ...], exercise_id: str, side: str, still: str) -> str:
    exercise = _load(folders).get(exercise_id)
    what = ": the held position, with the start position faint behind it" if still == "held" else ": the start position"
    view = _view(folders, exercise_id)
    return drawing.render_still(view, _title(exercise, side, what), mirrored=side == "left", held=still == "held")
