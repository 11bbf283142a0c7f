"""`supple library ...` and `supple serve` from a shell: exit codes, stdout and stderr."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supple.domain.library import BUILTIN_DIR, load_library

EXAMPLE = (BUILTIN_DIR / "seated-figure-four-stretch.yaml").read_text()


def supple(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "supple.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_library_list_json_is_the_documented_listing():
    result = supple("library", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    assert len(listing) == len(load_library())
    for item in listing:
        assert set(item) == {"id", "name", "tags", "position", "sides", "kind", "targets"}
        assert item["kind"] in ("hold", "reps") and item["sides"] in ("each", "none")
        assert isinstance(item["tags"], list) and isinstance(item["targets"], list)
        assert item["position"] in item["tags"]


def test_library_list_text_is_for_people():
    result = supple("library", "list")
    assert result.returncode == 0
    assert "Seated figure-4 stretch: hold, each side, sitting" in result.stdout


def test_library_check_passes_on_the_built_in_library():
    result = supple("library", "check")
    assert result.returncode == 0
    assert result.stdout.startswith(f"ok: {len(load_library())} exercises")


def test_library_check_of_a_broken_folder_exits_2_naming_file_field_and_line(tmp_path: Path):
    path = tmp_path / "wobbly-stretch.yaml"
    path.write_text(
        EXAMPLE.replace("seated-figure-four-stretch", "wobbly-stretch").replace("hold_seconds: 30", "hold_seconds: -3")
    )
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "hold_seconds: -3" in text)
    result = supple("library", "check", str(tmp_path))
    assert result.returncode == 2
    assert f"{path}:{line}: dose.hold_seconds: -3 must be at least 5" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_library_check_of_a_clinic_file_that_drops_a_tag_its_figure_shows_exits_2(tmp_path: Path):
    """The figure's crossed hip bends past 90 degrees; the file no longer says so."""
    path = tmp_path / "clinic-figure-four.yaml"
    path.write_text(
        EXAMPLE.replace("seated-figure-four-stretch", "clinic-figure-four")
        .replace("hip_flexion_past_90, ", "")
        .replace("alternatives: [supine-figure-four-stretch, knee-to-chest-stretch]", "alternatives: []")
    )
    lines = path.read_text().splitlines()
    tags_line = next(i for i, text in enumerate(lines, 1) if text.startswith("tags:"))
    keyframe_line = next(i for i, text in enumerate(lines, 1) if "name: lift the right foot" in text)
    result = supple("library", "check", str(tmp_path))
    assert result.returncode == 2
    assert (
        f"{path}:{tags_line}: tags: lacks 'hip_flexion_past_90': the figure shows right hip flexion of 118° "
        f"at keyframe 'lift the right foot' (figure.keyframes[1], line {keyframe_line})"
    ) in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_an_extra_library_is_merged_into_the_listing(tmp_path: Path):
    (tmp_path / "clinic-stretch.yaml").write_text(EXAMPLE.replace("seated-figure-four-stretch", "clinic-stretch"))
    result = supple("library", "list", "--format", "json", SUPPLE_EXTRA_LIBRARY=str(tmp_path))
    ids = [item["id"] for item in json.loads(result.stdout)]
    assert "clinic-stretch" in ids and "seated-figure-four-stretch" in ids


def test_the_server_refuses_to_start_with_an_invalid_library_and_says_why(tmp_path: Path):
    (tmp_path / "clinic-stretch.yaml").write_text(
        EXAMPLE.replace("seated-figure-four-stretch", "clinic-stretch").replace("desk]", "dsk]")
    )
    result = supple("serve", "--port", "0", SUPPLE_EXTRA_LIBRARY=str(tmp_path))
    assert result.returncode == 2
    assert (
        "supple cannot start" in result.stderr and "clinic-stretch.yaml" in result.stderr and "'dsk'" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_runserver_refuses_too_through_the_system_check(tmp_path: Path):
    (tmp_path / "clinic-stretch.yaml").write_text("id: [")
    result = supple("check", SUPPLE_EXTRA_LIBRARY=str(tmp_path))
    assert result.returncode != 0
    assert "supple.E001" in result.stderr and "is not valid YAML" in result.stderr


def test_an_unknown_subcommand_exits_2():
    result = supple("library", "polish")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_library_pose_prints_the_target_keyframe_as_json():
    result = supple("library", "pose", "seated-figure-four-stretch", "--format", "json")
    assert result.returncode == 0, result.stderr
    pose = json.loads(result.stdout)
    assert pose["exercise"] == "seated-figure-four-stretch" and pose["side"] == "right"
    assert pose["keyframe"] == "lean forward" and len(pose["landmarks"]) == 33
    assert pose["angles"]["hip_right"]["rotation"] == 60


def test_library_pose_takes_the_left_side_and_a_keyframe_by_name():
    result = supple("library", "pose", "cat-camel", "--side", "left", "--keyframe", "back sagging, head up")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["keyframe"] == "back sagging, head up"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "supple library: unknown exercise 'nope' (see: supple library list)\n"),
        (["cat-camel", "--side", "up"], "supple library: unknown side 'up'; use right or left\n"),
        (
            ["cat-camel", "--keyframe", "flying"],
            "supple library: unknown keyframe 'flying'; use start, target or one of:",
        ),
    ],
)
def test_library_pose_refuses_an_unknown_exercise_side_or_keyframe_with_one_line(args, message):
    result = supple("library", "pose", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_library_sheet_writes_every_exercise_start_and_held_for_each_side(tmp_path: Path):
    out = tmp_path / "figures.html"
    result = supple("library", "sheet", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    library = load_library()
    stills = sum(4 if e.sides == "each" else 2 for e in library)
    assert html.count("<svg ") == stills
    assert all(e.name in html for e in library)


def test_library_sheet_to_an_unwritable_place_exits_2():
    result = supple("library", "sheet", "--out", "/nonexistent-folder/figures.html")
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr
