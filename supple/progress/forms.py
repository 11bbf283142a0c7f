from django import forms

from supple.domain.outcomes import PSFS_MAX_ACTIVITIES
from supple.domain.screening import PREGNANCY_FLAG, RED_FLAG_TABLE
from supple.progress.models import Activity, CheckIn

PAIN_CHOICES = [(n, str(n)) for n in range(11)]
YES_NO = [("yes", "Yes"), ("no", "No")]
MAX_ACTIVITIES = PSFS_MAX_ACTIVITIES

# Red flags a person can newly notice from one day to the next, asked in plain words
# (clinical rules, section 2). A cancer history or a weakened immune system is a fact of the
# intake, not a new symptom, so it is not asked each day.
CHECKIN_FLAGS = {name: flag.checkin for name, flag in RED_FLAG_TABLE.items() if flag.checkin}
PREGNANCY_ONLY = PREGNANCY_FLAG


def yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )


def scale(label: str, required_message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": "Choose a number from 0 to 10."},
    )


class DescribedErrors:
    """After validation, point each invalid field's inputs at their error message."""

    def describe_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                described = {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                self.fields[name].widget.attrs.update(described)


class CheckInForm(DescribedErrors, forms.Form):
    pain = scale("How strong is your back pain right now?", "Choose how strong your pain is now, from 0 to 10.")
    new_numbness = yes_no("New numbness, pins and needles or weakness anywhere in your legs or feet?")
    spreading = yes_no("Pain, tingling or numbness spreading further down a leg than before?")

    def __init__(self, *args, pregnant: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.flag_names = [name for name in CHECKIN_FLAGS if pregnant or name != PREGNANCY_ONLY]
        for name in self.flag_names:
            self.fields[f"flag_{name}"] = yes_no(CHECKIN_FLAGS[name])

    @classmethod
    def initial_from(cls, checkin: CheckIn | None) -> dict:
        if checkin is None:
            return {}
        answer = {True: "yes", False: "no"}
        initial = {
            "pain": checkin.pain,
            "new_numbness": answer[checkin.new_numbness],
            "spreading": answer[checkin.spreading],
        }
        initial.update({f"flag_{name}": answer[name in checkin.red_flags] for name in CHECKIN_FLAGS})
        return initial

    def symptom_fields(self) -> list[forms.BoundField]:
        return [self["new_numbness"], self["spreading"]]

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[f"flag_{name}"] for name in self.flag_names]

    def red_flags(self) -> list[str]:
        """The red-flag codes answered yes."""
        return [name for name in self.flag_names if self.cleaned_data[f"flag_{name}"]]


class RatingForm(DescribedErrors, forms.Form):
    """A 0 to 10 rating for each of the person's active activities."""

    def __init__(self, *args, activities: list[Activity], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.activities = activities
        for activity in activities:
            self.fields[self.field_name(activity)] = scale(activity.name, f"Rate “{activity.name}” from 0 to 10.")

    @staticmethod
    def field_name(activity: Activity) -> str:
        return f"a{activity.public_id.hex}"

    def scores(self) -> list[tuple[Activity, int]]:
        return [(a, self.cleaned_data[self.field_name(a)]) for a in self.activities]


class ActivityNameForm(DescribedErrors, forms.Form):
    name = forms.CharField(
        label="Activity",
        max_length=80,
        error_messages={
            "required": "Name the activity, for example “tying my shoes” or “sitting through a film”.",
            "max_length": "Keep it short: 80 characters at most.",
        },
    )
