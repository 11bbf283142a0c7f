"""The radio groups of the check-in and activity forms and the Progress tables, written without template loops."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from supple.progress.forms import CheckInForm, RatingForm
from supple.progress.models import Activity
from supple.progress.templatetags.choices import choice_group
from supple.progress.templatetags.tables import table_rows

# The group as Django's own templates write it (radio.tag is django/forms/widgets/input.html):
# the tag must write the same HTML.
WITH_DJANGOS_TEMPLATES = Template(
    "\n<fieldset class=\"choice choice-{{ kind|default:'yesno' }}{% if field.errors %} has-error{% endif %}\""
    ' id="{{ field.auto_id }}-group">\n'
    "  <legend>{{ field.label }}</legend>\n"
    '  {% if field.errors %}<p class="error" id="{{ field.auto_id }}-error">{{ field.errors|first }}</p>{% endif %}\n'
    '  <div class="options">\n'
    '    {% for radio in field %}<label class="option" for="{{ radio.id_for_label }}">{{ radio.tag }}'
    "<span>{{ radio.choice_label }}</span></label>{% endfor %}\n"
    "  </div>\n"
    '  {% if low %}<p class="scale-ends"><span>{{ low }}</span><span>{{ high }}</span></p>{% endif %}\n'
    "</fieldset>\n"
)


def djangos(field, **options) -> str:
    return WITH_DJANGOS_TEMPLATES.render(Context({"field": field, **options}))


def test_each_state_of_a_check_in_group_is_written_as_djangos_templates_write_it():
    fresh = CheckInForm()
    answered = CheckInForm(initial={"pain": 4, "new_numbness": "no", "spreading": "yes"})
    refused = CheckInForm({"pain": "11", "new_numbness": "maybe"})
    assert not refused.is_valid()
    refused.describe_errors()  # aria-invalid and aria-describedby on the buttons
    for form in (fresh, answered, refused):
        ends = {"kind": "scale", "low": "0: no pain", "high": "10: the worst pain you can imagine"}
        assert choice_group(form["pain"], **ends) == djangos(form["pain"], **ends)
        for field in [*form.symptom_fields(), *form.flag_fields()]:
            assert choice_group(field) == djangos(field)
    assert 'aria-invalid="true"' in choice_group(refused["pain"]) and " checked" in choice_group(answered["pain"])


@pytest.mark.django_db
def test_names_a_person_typed_are_escaped_as_djangos_templates_escape_them(alice):
    odd = Activity(user=alice, name='<b>"Socks" & shoes</b>', position=1)
    form = RatingForm({}, activities=[odd])
    assert not form.is_valid()
    [field] = form
    written = choice_group(field, kind="scale", low="<0>", high="10 & more")
    assert written == djangos(field, kind="scale", low="<0>", high="10 & more")
    assert "<b>" not in written and "&lt;b&gt;&quot;Socks&quot; &amp; shoes&lt;/b&gt;" in written


@pytest.mark.django_db
def test_the_check_in_page_renders_no_template_per_radio_button(alice_client, alice_plan, clock):
    response = alice_client.get(reverse("progress:checkin"))
    assert response.status_code == 200 and response.content.decode().count('type="radio"') > 30
    assert not [t.name for t in response.templates if t.name.startswith("django/forms/")]


def test_table_rows_write_a_header_cell_then_the_values_all_escaped():
    rows = [("3 Jun 2026", "4.5", 2), ("<b>&</b>", "\N{EN DASH}", 0)]
    assert table_rows(rows) == (
        '<tr><th scope="row">3 Jun 2026</th><td>4.5</td><td>2</td></tr>'
        '<tr><th scope="row">&lt;b&gt;&amp;&lt;/b&gt;</th><td>\N{EN DASH}</td><td>0</td></tr>'
    )
    assert table_rows([]) == ""
