#!/usr/bin/env python3
"""Render exercise figures to PNG for checking poses by eye.

    .venv/bin/python scripts/preview_figure.py ID [ID ...] [--out DIR] [--frames] [--library DIR]

Writes DIR/ID.png (the held position, right side, with the start faint behind it) and with
--frames a strip of every keyframe. Needs Debian's chromium (make test installs it). To
adjust a keyframe until its contacts hold, see scripts/fit_keyframe.py.
"""

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from supple.domain import drawing
from supple.domain import figure as fig
from supple.domain.library import BUILTIN_DIR, library_files, read_exercise_file

CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def keyframe_svgs(figure: fig.Figure) -> list[str]:
    """Every keyframe as a still; after the first, each with a ghost of the start and the worked part's path."""
    frames = fig.timeline(figure)
    out = []
    for i in range(len(figure.keyframes)):
        view = drawing.view_of(dataclasses.replace(figure, target=i), frames)
        out.append(drawing.render_still(view, f"keyframe {i}", held=i > 0))
    return out


def drawable_figure(path: Path, problems: list) -> fig.Figure:
    """The figure of a file with problems, if the figure itself can be drawn (its problems are already printed)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        figure = fig.parse_figure(data["figure"])
    except (yaml.YAMLError, KeyError, TypeError, ValueError):
        sys.exit(1)
    if fig.check_figure(data["figure"])[1] is None:  # not even drawable: unreachable angles or no target
        sys.exit(1)
    return figure


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "supple-figures"))
    parser.add_argument("--frames", action="store_true")
    parser.add_argument("--library", action="append", default=[])
    args = parser.parse_args()
    # Read files one by one, so a figure can be previewed while other files are unfinished,
    # and while its own file still has problems (a missing tag, say) that do not stop drawing.
    figures = {}
    for folder in (BUILTIN_DIR, *map(Path, args.library)):
        for path in library_files(folder):
            data, problems = read_exercise_file(path)
            if data is not None:
                figures[data["id"]] = fig.parse_figure(data["figure"])
            elif path.stem in args.ids:
                print("\n".join(map(str, problems)), file=sys.stderr)
                figures[path.stem] = drawable_figure(path, problems)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM)
        page = browser.new_page(viewport={"width": 1040, "height": 400})
        for exercise_id in args.ids or list(figures):
            figure = figures[exercise_id]
            view = drawing.view_of(figure, fig.timeline(figure))
            svgs = keyframe_svgs(figure) if args.frames else [drawing.render_still(view, exercise_id)]
            width = min(1040 // len(svgs), 460)
            cells = "".join(f"<div style='width:{width}px;height:380px'>{s}</div>" for s in svgs)
            page.set_content(f"<body style='margin:0;display:flex'>{cells}</body>")
            page.screenshot(path=str(out / f"{exercise_id}.png"))
            print(out / f"{exercise_id}.png")
        browser.close()


if __name__ == "__main__":
    main()
