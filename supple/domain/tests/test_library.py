"""Loading the exercise library: every problem is reported with its file, field and line."""

import re
from pathlib import Path

import pytest
import yaml

from supple.domain.library import BUILTIN_DIR, LibraryError, load_library, read_exercise_file

# A built-in file that stands alone: its references to other exercises are dropped.
EXAMPLE = re.sub(
    r"^alternatives: .*$", "alternatives: []", (BUILTIN_DIR / "seated-figure-four-stretch.yaml").read_text(), flags=re.M
)


def write(folder: Path, text: str, name: str = "seated-figure-four-stretch") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text)
    return path


def edited(**changes) -> str:
    data = yaml.safe_load(EXAMPLE)
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return yaml.safe_dump(data, sort_keys=False)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(LibraryError) as caught:
        load_library(folder)
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_valid_file_loads_with_every_field(tmp_path):
    write(tmp_path, EXAMPLE)
    exercise = load_library(tmp_path).get("seated-figure-four-stretch")
    assert exercise.kind == "hold" and exercise.sides == "each"
    assert exercise.dose.hold_seconds == 30 and exercise.dose.reps is None
    assert "desk" in exercise.tags and exercise.desk
    assert exercise.figure.support == "chair"


def test_an_unknown_tag_names_the_file_field_and_line(tmp_path):
    path = write(tmp_path, EXAMPLE.replace("hip_external_rotation, desk", "hip_external_rotation, dessk"))
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{path}:{line_of(path, 'dessk')}: tags[4]: 'dessk' is not allowed; use one of:")


def test_a_missing_field_and_a_wrong_type_are_both_reported(tmp_path):
    path = write(tmp_path, edited(steps=None).replace("hold_seconds: 30", "hold_seconds: thirty"))
    problems = problems_of(tmp_path)
    assert f"{path}:1: steps: is missing" in problems
    assert any(p.startswith(f"{path}:{line_of(path, 'thirty')}: dose.hold_seconds:") for p in problems)


def test_an_out_of_range_dose_says_the_limit(tmp_path):
    path = write(tmp_path, EXAMPLE.replace("sets: 2", "sets: 9"))
    assert problems_of(tmp_path) == [f"{path}:{line_of(path, 'sets: 9')}: dose.sets: 9 must be at most 6"]


def test_invalid_yaml_gives_the_line(tmp_path):
    path = write(tmp_path, EXAMPLE.replace("kind: hold", "kind: [hold"))
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{path}:") and "is not valid YAML" in problem


def test_the_id_must_match_the_file_name(tmp_path):
    path = write(tmp_path, EXAMPLE, name="figure-four")
    assert f"{path}:1: id: must match the file name ('figure-four')" in problems_of(tmp_path)


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("[sitting, floor, needs_chair, desk]", "a desk exercise cannot carry the 'floor' tag"),
        ("[supine, needs_chair]", "an exercise done on the floor must carry the 'floor' tag"),
        ("[sitting, needs_chair, spinal_rotation_end_range]", "must also carry 'end_range'"),
        ("[needs_chair, desk]", "must include the position tag 'sitting'"),
    ],
)
def test_the_documented_tag_rules_are_enforced(tmp_path, tags, message):
    write(tmp_path, EXAMPLE.replace("[sitting, needs_chair, hip_flexion_past_90, hip_external_rotation, desk]", tags))
    assert any(message in p for p in problems_of(tmp_path))


def test_a_hold_exercise_needs_a_hold_time(tmp_path):
    write(tmp_path, EXAMPLE.replace("hold_seconds: 30", "reps: 10"))
    assert any("a hold exercise needs hold_seconds and no reps" in p for p in problems_of(tmp_path))


def test_a_chair_exercise_must_show_the_chair(tmp_path):
    write(tmp_path, EXAMPLE.replace("props: {chair: {}}", "props: {}"))
    assert any("must show one (props: chair)" in p for p in problems_of(tmp_path))


def test_an_unreachable_keyframe_points_at_the_joint(tmp_path):
    path = write(tmp_path, EXAMPLE.replace("knee_right: 100", "knee_right: 175", 1))
    [problem] = problems_of(tmp_path)
    expected = f"{path}:{line_of(path, 'knee_right: 175')}: figure.keyframes[1].pose.knee_right.flexion:"
    assert problem.startswith(expected) and "out of reach" in problem


def test_a_figure_that_puts_feet_through_the_floor_is_rejected(tmp_path):
    # The left thigh points down from the seat, so the leg goes through the floor.
    write(tmp_path, EXAMPLE.replace("hip_left: {flexion: 90}", "hip_left: {flexion: 10}", 1))
    assert any("below the floor" in p for p in problems_of(tmp_path))


def test_references_to_unknown_exercises_and_to_itself_are_errors(tmp_path):
    path = write(tmp_path, edited(alternatives=["no-such-stretch"], easier=["seated-figure-four-stretch"]))
    problems = problems_of(tmp_path)
    assert (
        f"{path}:{line_of(path, '- no-such-stretch')}: alternatives[0]: refers to unknown exercise 'no-such-stretch'"
        in problems
    )
    assert any("easier[0]: refers to itself" in p for p in problems)


def test_a_clinic_folder_may_refer_to_built_in_exercises(tmp_path):
    clinic = edited(id="clinic-chair-stretch", alternatives=["seated-figure-four-stretch"])
    write(tmp_path, clinic, name="clinic-chair-stretch")
    merged = load_library(BUILTIN_DIR, tmp_path)
    assert "clinic-chair-stretch" in merged and "seated-figure-four-stretch" in merged
    assert len(merged) == len(load_library()) + 1


def test_duplicate_ids_across_folders_are_errors(tmp_path):
    path = write(tmp_path, EXAMPLE)
    problems = problems_of_pair(tmp_path)
    assert any(p.startswith(f"{path}:1: id: duplicates the exercise in") for p in problems)


def problems_of_pair(folder: Path) -> list[str]:
    with pytest.raises(LibraryError) as caught:
        load_library(BUILTIN_DIR, folder)
    return [str(p) for p in caught.value.problems]


def test_every_problem_in_every_file_is_reported_not_only_the_first(tmp_path):
    write(tmp_path, EXAMPLE.replace("kind: hold", "kind: held").replace("sides: each", "sides: both"))
    write(tmp_path, "just a sentence", name="broken")
    problems = problems_of(tmp_path)
    assert len(problems) == 3
    assert any("broken.yaml:1: (file): must be a mapping" in p for p in problems)


def test_an_empty_or_missing_folder_is_an_error(tmp_path):
    assert any("holds no exercise files" in p for p in problems_of(tmp_path))
    assert any("is not a folder" in p for p in problems_of(tmp_path / "nowhere"))


def test_read_exercise_file_returns_no_data_for_a_bad_file(tmp_path):
    data, problems = read_exercise_file(write(tmp_path, edited(name=None)))
    assert data is None and [p.field for p in problems] == ["name"]


def test_a_reference_to_a_file_with_problems_is_not_reported_as_unknown(tmp_path):
    write(tmp_path, edited(id="clinic-a", alternatives=["clinic-b"]), name="clinic-a")
    write(tmp_path, edited(id="clinic-b", kind="held"), name="clinic-b")
    problems = problems_of(tmp_path)
    assert any("clinic-b.yaml" in p and "kind" in p for p in problems)
    assert not any("unknown exercise" in p for p in problems)


def test_a_contact_not_written_as_point_on_target_names_its_line(tmp_path):
    path = write(tmp_path, EXAMPLE.replace("- wrist_right on knee_right", "- wrist_right touches knee_right", 1))
    problems = problems_of(tmp_path)
    line = line_of(path, "wrist_right touches knee_right")
    assert any(
        p.startswith(f"{path}:{line}: figure.keyframes[") and "must read 'POINT on POINT, PART or SURFACE'" in p
        for p in problems
    ), problems
