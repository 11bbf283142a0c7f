"""`supple plan --profile FILE --format json|text`: output, exit codes and error messages."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from supple.domain.intake import RED_FLAGS, parse_intake
from supple.domain.library import load_library
from supple.domain.plan_text import render_plan_text
from supple.domain.planning import build_plan, plan_json

PROFILE = {
    "version": 1,
    "age": 46,
    "height_cm": 178,
    "weight_kg": 92,
    "pain": {"intensity": 5, "weeks": 9, "areas": ["low_back"], "worse_with": ["sitting", "bending_forward"]},
    "red_flags": dict.fromkeys(RED_FLAGS, False),
    "lifestyle": {"sitting_hours": 9, "driving_hours": 1.5, "sports": ["running", "golf"]},
    "preferences": {"minutes_per_day": 10},
}


def supple(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "supple.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=os.environ.copy(),
        timeout=60,
    )


def run_plan(path, fmt="json"):
    """The command in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("plan", "--profile", str(path), "--format", fmt, stdout=out, stderr=err)
    except SystemExit as stop:
        return stop.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def profile_file(tmp_path):
    def write(content):
        path = tmp_path / "profile.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content))
        return path

    return write


def test_json_prints_the_plan_document(profile_file):
    status, out, err = run_plan(profile_file(PROFILE))
    assert status == 0 and err == ""
    assert out == plan_json(build_plan(parse_intake(PROFILE), load_library()))
    document = json.loads(out)
    assert document["version"] == 1 and document["decision"] == "proceed"


def test_the_same_profile_prints_the_same_bytes(profile_file):
    path = profile_file(PROFILE)
    assert run_plan(path)[1] == run_plan(path)[1]


def test_text_prints_the_plan_for_a_person(profile_file):
    status, out, _ = run_plan(profile_file(PROFILE), "text")
    assert status == 0
    library = load_library()
    intake = parse_intake(PROFILE)
    assert out == render_plan_text(build_plan(intake, library), intake, library)
    assert out.startswith("You can start.")


def test_an_emergency_profile_prints_an_empty_routine(profile_file):
    emergency = PROFILE | {"red_flags": dict.fromkeys(RED_FLAGS, False) | {"chest_pain": True}}
    status, out, _ = run_plan(profile_file(emergency))
    document = json.loads(out)
    assert status == 0
    assert document["decision"] == "emergency" and document["routine"] == [] and document["schedule"] is None


def test_schema_problems_exit_2_listing_every_problem_with_its_path(profile_file):
    bad = PROFILE | {"age": 12, "pain": {"intensity": 11, "weeks": 9, "colour": "red"}}
    status, out, err = run_plan(profile_file(bad))
    assert status == 2 and out == ""
    lines = err.strip().splitlines()
    assert "pain.intensity: must be between 0 and 10" in lines
    assert any(line.startswith("age: must be at least 16") for line in lines)
    assert any(line.startswith("pain.colour: is not a known field") for line in lines)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "(profile): is not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ("", "(profile): is not valid JSON: Expecting value at line 1 column 1"),
        ('{"version": 1, "age": NaN}', "(profile): is not valid JSON: NaN is not a number JSON allows"),
        ('{"version": 1, "version": 1}', "(profile): is not valid JSON: the key 'version' appears twice"),
        ('{"version": 1, "age": 1e999}', "(profile): is not valid JSON: the number 1e999 is too big"),
        ('{"version": 1, "age": ' + "9" * 40 + "}", "(profile): is not valid JSON: the number 9999"),
        ('{"version": 1, "pain": ' + "[" * 9 + "]" * 9 + "}", "(profile): is not valid JSON: nested too deeply"),
        ("[]", "(profile): must be an object"),
    ],
)
def test_invalid_json_exits_2_with_a_message(profile_file, content, message):
    status, _, err = run_plan(profile_file(content))
    assert status == 2
    assert err.startswith(message)


def test_a_file_that_is_not_utf8_exits_2(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"version": 1, "age": 40, "pain": {"intensity": 3, "weeks": 2}, "x": "\xe9"}')
    status, _, err = run_plan(path)
    assert status == 2 and "is not UTF-8 text" in err


def test_an_unreadable_file_exits_2(tmp_path):
    status, _, err = run_plan(tmp_path / "missing.json")
    assert status == 2
    assert err.startswith("(profile): cannot read") and "No such file or directory" in err


def test_from_a_shell_bad_input_exits_2_with_no_traceback(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"version": 1, "age": 40, "pain": {"intensity": "high", "weeks": 2}}')
    result = supple("plan", "--profile", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "pain.intensity: must be a whole number"
    assert "Traceback" not in result.stderr


def test_from_a_shell_a_missing_file_and_a_directory_exit_2_with_no_traceback(tmp_path):
    for target in (tmp_path / "nope.json", tmp_path):
        result = supple("plan", "--profile", str(target))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith("(profile): cannot read")


def test_from_a_shell_json_and_text_exit_0(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE))
    result = supple("plan", "--profile", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["routine"]
    text = supple("plan", "--profile", str(path), "--format", "text")
    assert text.returncode == 0 and "Your daily routine" in text.stdout


def test_the_profile_can_come_from_stdin():
    result = supple("plan", "--profile", "-", stdin=json.dumps(PROFILE))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["decision"] == "proceed"


def test_an_unknown_format_is_a_usage_error():
    result = supple("plan", "--profile", "x.json", "--format", "yaml")
    assert result.returncode == 2 and "invalid choice" in result.stderr
