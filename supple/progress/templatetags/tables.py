"""Table bodies written in Python: the Progress page's tables have hundreds of cells with a long history,
and a template loop over them took much of the page's time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django import template
from django.utils.safestring import SafeString, mark_safe

from supple.progress.templatetags.choices import escaped

register = template.Library()


@register.filter
def table_rows(rows: Iterable[Sequence[object]]) -> SafeString:
    """One <tr> a row: the first value is the row's header (<th scope="row">), the others its cells; all escaped."""
    written = []
    for header, *cells in rows:
        tds = "".join(f"<td>{escaped(cell)}</td>" for cell in cells)
        written.append(f'<tr><th scope="row">{escaped(header)}</th>{tds}</tr>')
    return mark_safe("".join(written))  # every value is escaped above
