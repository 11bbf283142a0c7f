"""The radio groups of the check-in and activity forms, written in Python.

Rendering each radio button through Django's widget templates (and each group through an
included template) took most of the check-in page's time: it has some 40 buttons. The HTML is
the same those templates wrote: a fieldset with its legend, the field's first error (which
the buttons' aria-describedby points at), a label around each button, and for a scale its
two ends. Everything shown is escaped as the templates would.
"""

from __future__ import annotations

import html

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def escaped(value: object) -> str:
    """As autoescaping writes a value (django.utils.html.conditional_escape), without its lazy-string wrapper.

    The pages escape a few thousand values, and the wrapper cost more than the escaping.
    """
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


@register.simple_tag
def choice_group(field: BoundField, kind: str = "yesno", low: str = "", high: str = "") -> SafeString:
    """A radio group: kind "scale" (with low and high, its two ends, shown under it) or "yesno"."""
    auto_id = escaped(field.auto_id)
    errors = field.errors
    parts = [
        f'\n<fieldset class="choice choice-{escaped(kind or "yesno")}{" has-error" if errors else ""}"'
        f' id="{auto_id}-group">\n  <legend>{escaped(field.label)}</legend>\n  '
    ]
    if errors:
        parts.append(f'<p class="error" id="{auto_id}-error">{escaped(errors[0])}</p>')
    parts.append('\n  <div class="options">\n    ')
    for radio in field:
        data = radio.data
        parts.append(
            f'<label class="option" for="{escaped(radio.id_for_label)}">{radio_input(data)}'
            f"<span>{escaped(data['label'])}</span></label>"
        )
    parts.append("\n  </div>\n  ")
    if low:
        parts.append(f'<p class="scale-ends"><span>{escaped(low)}</span><span>{escaped(high)}</span></p>')
    parts.append("\n</fieldset>\n")
    return mark_safe("".join(parts))  # every value above is escaped


def radio_input(data: dict) -> str:
    """One button, as django/forms/widgets/input.html writes it: an attribute True is written bare, False left out."""
    value = "" if data["value"] is None else f' value="{escaped(data["value"])}"'
    attrs = "".join(
        f" {escaped(name)}" if given is True else f' {escaped(name)}="{escaped(given)}"'
        for name, given in data["attrs"].items()
        if given is not False
    )
    return f'<input type="{escaped(data["type"])}" name="{escaped(data["name"])}"{value}{attrs}>'
