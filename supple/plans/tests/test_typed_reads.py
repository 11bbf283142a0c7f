"""Plans and intakes are read through the domain's types everywhere but the models and the domain.

`Plan.content` and `Intake.parsed` give the domain's frozen plan and intake profile; the
stored JSON (`Plan.document`, `Intake.profile`) is read only by supple/plans/models.py and
written by supple/plans/services.py (as keyword arguments, which these checks allow).
Tests may read the JSON: they check the stored format.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import supple

ROOT = Path(supple.__file__).resolve().parent
RAW_FIELDS = frozenset({"document", "profile"})
# `{{ plan.document.advice }}`, `{% for x in doc.routine %}`: any template expression reaching the JSON.
TEMPLATE_READ = re.compile(r"{[{%][^}]*\b(?:document|profile|doc)\.[^}]*[}%]}")


def allowed(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return parts[0] == "domain" or "tests" in parts or "migrations" in parts or path.name == "models.py"


def raw_reads(source: str) -> list[tuple[int, str]]:
    """(line, text) of every `.document` or `.profile` attribute in Python source, read or aliased.

    Keyword arguments (`Plan.objects.create(document=...)`) and strings (`.only("document")`)
    are not attribute accesses, so they pass.
    """
    return [(node.lineno, ast.unparse(node)) for node in ast.walk(ast.parse(source)) if _is_raw_read(node)]


def _is_raw_read(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in RAW_FIELDS
    return (  # getattr(plan, "document")
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value in RAW_FIELDS
    )


@pytest.mark.parametrize(
    "source",
    [
        'minutes = plan.document.get("minutes")',
        'items = plan.document["routine"]',
        "doc = plan.document",
        'baseline = plan.intake.profile["pain"]["intensity"]',
        'life = user.intakes.first().profile.get("lifestyle", {})',
        'doc = getattr(plan, "document")',
    ],
)
def test_the_check_finds_a_raw_read(source):
    assert raw_reads(source)


@pytest.mark.parametrize(
    "source",
    [
        "Plan.objects.create(user=user, document=plan.to_document())",
        'Plan.objects.only("id", "document")',
        "minutes = plan.content.minutes",
        "baseline = plan.intake.parsed.pain.intensity",
    ],
)
def test_the_check_lets_typed_reads_and_writes_pass(source):
    assert raw_reads(source) == []


def test_no_python_outside_the_models_and_the_domain_reads_the_stored_json():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in sorted(ROOT.rglob("*.py"))
        if not allowed(path)
        for line, text in raw_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "read Plan.content or Intake.parsed instead:\n" + "\n".join(found)


def test_no_template_reads_the_stored_json():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted(ROOT.rglob("templates/**/*"))
        if path.is_file()
        for match in TEMPLATE_READ.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "pass the domain's plan (plan.content) to the template instead:\n" + "\n".join(found)
