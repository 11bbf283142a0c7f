from django import forms

from supple.domain.vocabulary import POSITION_NAMES, TARGET_NAMES


class LibraryFilter(forms.Form):
    """Filters of the library page; every field is optional and an empty form shows everything."""

    position = forms.ChoiceField(
        required=False, choices=[("", "Any position"), *POSITION_NAMES.items()], label="Position"
    )
    target = forms.ChoiceField(required=False, choices=[("", "Any area"), *TARGET_NAMES.items()], label="Stretches")
    desk = forms.BooleanField(required=False, label="Desk-friendly only")
