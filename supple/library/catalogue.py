"""The loaded exercise library for the web app: built-in exercises plus SUPPLE_EXTRA_LIBRARY.

Loading happens once per process; the result is immutable, so it is shared freely.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core import checks

from supple.domain import figure
from supple.domain.library import BUILTIN_DIR, Exercise, Library, LibraryError, load_library


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


def figure_svg(exercise: Exercise, side: str = "right", still: bool = False) -> str:
    """The demonstration SVG of one exercise; `side` "left" mirrors a one-sided stretch."""
    return _figure_svg(tuple(library_folders()), exercise.id, side, still)


@cache
def _figure_svg(folders: tuple[Path, ...], exercise_id: str, side: str, still: bool) -> str:
    exercise = _load(folders).get(exercise_id)
    side_text = f", {side} side" if exercise.sides == "each" else ""
    title = f"Figure showing the {exercise.name.lower()}{side_text}"
    return figure.render_svg(exercise.figure, title, mirrored=side == "left", still=still)
