"""List the CSS classes that supple's stylesheets define but no template, script or Python file uses.

    .venv/bin/python scripts/unused_css.py        (exit status 1 when a class is unused)

Reads every stylesheet under supple/**/static (vendored files left out) and collects the
class names the rest of the code can put on an element:

- templates: `class="..."` attributes; a class completed by a template tag
  (`stop-{{ stop.decision }}`) counts for every class with that prefix;
- JavaScript: `class="..."` in markup strings, `className`, `classList.add(...)` and the
  like, selectors (`querySelector(".x")`) and string arguments (`buttonRow(items, "scale")`);
- Python: `class="..."` in generated SVG (supple/domain/drawing.py) and widget attributes
  (`attrs={"class": "scale"}`);
- the classes Django's own form rendering writes (`errorlist`).

A class reported here may still be built in a way the script does not see: grep for it
before removing it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "supple"
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
DECLARATIONS = re.compile(r"{[^{}]*}")  # innermost blocks first, so an @media block's rules stay
# Django renders form errors as <ul class="errorlist">, and non-field errors with "nonfield" too.
DJANGO_CLASSES = frozenset({"errorlist", "nonfield"})

CLASS_ATTRIBUTE = re.compile(r"""class(?:Name)?\s*[=:]\s*\\?(["'`])(.*?)\\?\1""", re.S)
CLASS_LIST = re.compile(r"classList\.\w+\(([^)]*)\)")
SELECTOR_CALL = re.compile(r"""(?:querySelector(?:All)?|closest|matches)\(\s*(["'`])(.*?)\1""")
STRING_ARGUMENT = re.compile(r"""[,(]\s*["'`]([\w-]+)["'`]\s*\)""")
WIDGET_CLASS = re.compile(r"""["']class["']\s*:\s*["']([^"']*)["']""")
TEMPLATE_TAG = re.compile(r"{[{%].*?[}%]}")


def stylesheets() -> list[Path]:
    return sorted(p for p in ROOT.rglob("static/**/*.css") if "vendor" not in p.parts)


def defined_classes(css: str) -> set[str]:
    """Class names in a stylesheet's selectors (not in values such as `url(a.svg)`)."""
    text = COMMENT.sub("", css)
    while DECLARATIONS.search(text):
        text = DECLARATIONS.sub(";", text)
    return set(SELECTOR_CLASS.findall(text))


def used_classes(text: str) -> tuple[set[str], set[str]]:
    """(class names, prefixes of class names completed at run time) that `text` can put on an element."""
    names: set[str] = set()
    prefixes: set[str] = set()
    for value in [m.group(2) for m in CLASS_ATTRIBUTE.finditer(text)]:
        for word in TEMPLATE_TAG.sub(" \0 ", value).split():
            names.add(word)
        # "stop-{{ x }}" or "stop-${x}": the class starts with "stop-"
        prefixes |= set(re.findall(r"([\w-]+-)(?:{[{%]|\$\{)", value))
    for m in CLASS_LIST.finditer(text):
        names |= set(re.findall(r"""["'`]([\w-]+)["'`]""", m.group(1)))
    for m in SELECTOR_CALL.finditer(text):
        names |= set(SELECTOR_CLASS.findall(m.group(2)))
    names |= set(STRING_ARGUMENT.findall(text))
    for m in WIDGET_CLASS.finditer(text):
        names |= set(m.group(1).split())
    return names, prefixes


def sources() -> list[Path]:
    patterns = ("templates/**/*.html", "templates/**/*.txt", "static/**/*.js", "**/*.py")
    found = {p for pattern in patterns for p in ROOT.rglob(pattern)}
    return sorted(p for p in found if "vendor" not in p.parts and "tests" not in p.parts)


def unused() -> dict[Path, list[str]]:
    names, prefixes = set(DJANGO_CLASSES), set()
    for path in sources():
        more_names, more_prefixes = used_classes(path.read_text(encoding="utf-8"))
        names |= more_names
        prefixes |= more_prefixes
    found = {}
    for sheet in stylesheets():
        defined = defined_classes(sheet.read_text(encoding="utf-8"))
        left = sorted(n for n in defined if n not in names and not any(n.startswith(p) for p in prefixes))
        if left:
            found[sheet] = left
    return found


def main() -> int:
    found = unused()
    for sheet, names in found.items():
        print(f"{sheet.relative_to(ROOT.parent)}: {', '.join(names)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
