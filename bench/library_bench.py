"""Time loading and checking the built-in exercise library, as `supple serve` does once at start-up.

    .venv/bin/python bench/library_bench.py [--repeat 15]     (or: make bench)

Prints the median and slowest of several cold loads of the whole library (YAML, schema,
content rules, figure geometry on every sampled frame, the tags each figure requires,
references), beside a baseline measured in the same run: reading and schema-checking the
same files with no figure work. The last line splits the full load into its figure parts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import jsonschema
import yaml

from supple.domain import figure as fig
from supple.domain import movement
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
    geometry = timed(lambda: [fig.geometry_problems(fig.build_scene(f)) for f in figures], args.repeat)
    scenes = [fig.build_scene(f) for f in figures]
    tags = timed(lambda: [movement.required_tags(s.figure, s.frames) for s in scenes], args.repeat)
    print(f"library: {len(library)} exercises, {args.repeat} cold loads each")
    for name, times in (("schema only (baseline)", baseline), ("full load and check", full)):
        print(f"  {name:24s} median {statistics.median(times):7.1f} ms   slowest {max(times):7.1f} ms")
    print(
        f"  of the full load: scenes and geometry {statistics.median(geometry):.1f} ms, "
        f"tags from the figures {statistics.median(tags):.1f} ms"
    )


if __name__ == "__main__":
    main()
