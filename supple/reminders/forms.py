from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.db import transaction

from supple.accounts.forms import TimeZoneField
from supple.domain import reminders as schedule
from supple.domain.reminders import Schedule, problems
from supple.reminders.models import ReminderSettings

WEEKDAYS = list(enumerate(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")))
TIME_FORMAT = "%H:%M"
SCHEDULE_FIELDS = (
    "time_zone",
    "working_days",
    "work_start",
    "work_end",
    "break_minutes",
    "quiet_start",
    "quiet_end",
    "max_breaks",
    "routine_at",
)
# Settings that can be checked against each other alone, by the key of their problem.
PAIRS = {"work_end": ("work_start", "work_end"), "quiet_end": ("quiet_start", "quiet_end")}


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format=TIME_FORMAT)


def in_range(low: int, high: int, unit: str) -> dict[str, str]:
    message = f"Choose from {low} to {high} {unit}."
    return {"min_value": message, "max_value": message, "invalid": message, "required": message}


class ReminderSettingsForm(forms.ModelForm):
    """The person's schedule: working days and hours, time zone, desk-break interval, quiet hours, limits.

    Checked as a whole by the domain (supple.domain.reminders.problems): a setting that
    would make reminders impossible is a field error, and nothing is saved.
    """

    field_order = ("working_days", "work_start", "work_end", "time_zone")
    working_days = forms.TypedMultipleChoiceField(
        label="Working days",
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one working day."},
    )
    break_minutes = forms.IntegerField(
        label="A desk break every (minutes)",
        min_value=schedule.MIN_BREAK_MINUTES,
        max_value=schedule.MAX_BREAK_MINUTES,
        help_text=(
            f"From {schedule.MIN_BREAK_MINUTES} to {schedule.MAX_BREAK_MINUTES}. "
            "About every 45 to 60 minutes of sitting suits most people."
        ),
        error_messages=in_range(schedule.MIN_BREAK_MINUTES, schedule.MAX_BREAK_MINUTES, "minutes"),
    )
    max_breaks = forms.IntegerField(
        label="The most desk breaks in a day",
        min_value=1,
        max_value=schedule.MAX_BREAKS_LIMIT,
        help_text="If your working day holds more, the breaks are spread out instead.",
        error_messages=in_range(1, schedule.MAX_BREAKS_LIMIT, "breaks"),
    )
    time_zone = TimeZoneField(
        help_text="Reminders follow this clock, including daylight saving.",
        error_messages={"invalid_choice": "Pick your time zone from the list."},
    )

    class Meta:
        model = ReminderSettings
        fields = (
            "work_start",
            "work_end",
            "time_zone",
            "break_minutes",
            "max_breaks",
            "quiet_start",
            "quiet_end",
            "routine_at",
        )
        labels = {
            "work_start": "Working day starts",
            "work_end": "Working day ends",
            "quiet_start": "Quiet from",
            "quiet_end": "Quiet until",
            "routine_at": "Daily routine reminder at",
        }
        help_texts = {
            "quiet_end": "No reminders at all in your quiet hours. They may run past midnight.",
            "routine_at": "By email, and in your calendar feed, every day.",
        }
        widgets = {
            "work_start": time_input(),
            "work_end": time_input(),
            "quiet_start": time_input(),
            "quiet_end": time_input(),
            "routine_at": time_input(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["working_days"] = sorted(self.instance.weekdays)
        self.initial["time_zone"] = self.instance.user.time_zone
        self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"]
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError("Pick your time zone from the list.") from None
        return name

    def clean(self):
        data = super().clean()
        if all(name in data for name in SCHEDULE_FIELDS):
            found = problems(
                Schedule(
                    zone=ZoneInfo(data["time_zone"]),
                    working_days=frozenset(data["working_days"]),
                    **{name: data[name] for name in SCHEDULE_FIELDS if name not in ("time_zone", "working_days")},
                )
            )
        else:  # some settings were refused already: check the pairs that can be checked without them
            found = {}
            for key, pair in PAIRS.items():
                if all(name in data for name in pair):
                    alone = replace(Schedule(zone=ZoneInfo("UTC")), **{name: data[name] for name in pair})
                    message = problems(alone).get(key)
                    if message:
                        found[key] = message
        for name, message in found.items():
            self.add_error(name, message)
        if not self.errors:
            self.instance.working_days = sum(1 << day for day in data["working_days"])
        return data

    def save(self, commit: bool = True) -> ReminderSettings:
        """Saves the settings and the person's time zone together."""
        user = self.instance.user
        user.time_zone = self.cleaned_data["time_zone"]
        with transaction.atomic():
            user.save(update_fields=["time_zone"])
            return super().save(commit)


class ChannelForm(forms.Form):
    """Turn one reminder channel on or off."""

    channel = forms.ChoiceField(choices=[(c, c) for c in ("browser", "email", "calendar")])
    on = forms.TypedChoiceField(choices=[("1", "on"), ("0", "off")], coerce=lambda value: value == "1")


CHANNEL_NAMES = {
    "browser": "Reminders in this browser",
    "email": "Email reminders",
    "calendar": "The calendar feed",
}
