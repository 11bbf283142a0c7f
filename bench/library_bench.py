"""Time loading and checking the built-in exercise library, as `supple serve` does once at start-up.

    .venv/bin/python bench/library_bench.py [--repeat 15]     (or: make bench)

Prints the median and slowest of several cold loads of the whole library (YAML, schema,
content rules, figure geometry on every sampled frame, the tags each figure requires,
references), beside a baseline measured in the same run: reading and schema-checking the
same files with no figure work. Then the figure parts of the full load, and the time to
draw every exercise cold (both sides' animations and all four stills).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import jsonschema
import yaml

from supple.domain import drawing, movement
from supple.domain import figure as fig
from supple.domain.library import _VALIDATOR, BUILTIN_DIR, library_files, load_library


def schema_only() -> None:
    """The baseline: parse every file and check it against the schema, nothing more."""
    for path in library_files(BUILTIN_DIR):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if any(True for _ in _VALIDATOR.iter_errors(data)):
            raise jsonschema.ValidationError(str(path))


def timed(work: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    library = load_library()
    baseline = timed(schema_only, args.repeat)
    full = timed(load_library, args.repeat)
    figures = [e.figure for e in library]
    frames = [fig.timeline(f) for f in figures]
    geometry = timed(lambda: [fig.figure_problems(f, fr) for f, fr in zip(figures, frames, strict=True)], args.repeat)
    tags = timed(lambda: [movement.required_tags(f, fr) for f, fr in zip(figures, frames, strict=True)], args.repeat)
    render = timed(lambda: [_render_all(f, fr) for f, fr in zip(figures, frames, strict=True)], 3)
    print(f"library: {len(library)} exercises, {args.repeat} cold loads each")
    for name, times in (("schema only (baseline)", baseline), ("full load and check", full)):
        print(f"  {name:24s} median {statistics.median(times):7.1f} ms   slowest {max(times):7.1f} ms")
    print(
        f"  of the full load: geometry, contacts and overlaps {statistics.median(geometry):.1f} ms, "
        f"tags from the figures {statistics.median(tags):.1f} ms"
    )
    print(f"  drawing every exercise cold (animation both sides, 4 stills): median {statistics.median(render):.0f} ms")


def _render_all(figure: fig.Figure, frames: list[fig.Frame]) -> None:
    view = drawing.view_of(figure, frames)
    for mirrored in (False, True):
        drawing.render_svg(view, "x", mirrored=mirrored)
        for held in (False, True):
            drawing.render_still(view, "x", mirrored=mirrored, held=held)


if __name__ == "__main__":
    main()
