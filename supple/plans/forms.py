"""The intake as six short forms, and the profile document built from their answers.

Each form's `cleaned_data` is kept in the session between steps as it is (plain JSON
values), so it can be shown again as the form's `initial` when the person goes back.
`build_profile` turns all six into the intake profile (version 1, docs/plan-format.md).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from supple.domain import intake as spec
from supple.domain.outcomes import PSFS_MAX_ACTIVITIES
from supple.domain.screening import PREGNANCY_FLAG, RED_FLAG_TABLE
from supple.domain.vocabulary import SPORT_NAMES

YES, NO, UNSURE = "yes", "no", "unsure"
YES_NO = [(YES, "Yes"), (NO, "No")]
YES_NO_UNSURE = [(YES, "Yes"), (NO, "No"), (UNSURE, "Not sure")]
# "Not sure" is null in the profile: screening treats it as unanswered, never as "no".
ANSWER_VALUES = {YES: True, NO: False, UNSURE: None}

PAIN_AREA_LABELS = {
    "low_back": "Lower back",
    "buttock_left": "Left buttock",
    "buttock_right": "Right buttock",
    "thigh_left": "Left thigh",
    "thigh_right": "Right thigh",
    "below_knee_left": "Left leg, below the knee",
    "below_knee_right": "Right leg, below the knee",
}
WORSE_WITH_LABELS = {
    "sitting": "Sitting for a long time",
    "bending_forward": "Bending forward",
    "standing": "Standing for a long time",
    "walking": "Walking",
    "bending_backward": "Bending backward",
    "lying": "Lying down",
}
SPORT_LABELS = {code: name[0].upper() + name[1:] for code, name in SPORT_NAMES.items()}
# How long the pain has lasted, in the unit the person chose, converted to weeks.
WEEKS_PER_UNIT = {"days": 1 / 7, "weeks": 1, "months": 52 / 12, "years": 52}
TRIMESTERS = [
    (0, "No"),
    (1, "Yes, up to 12 weeks (first trimester)"),
    (2, "Yes, 13 to 27 weeks (second trimester)"),
    (3, "Yes, 28 weeks or more (third trimester)"),
]
HIP_APPROACH_LABELS = {
    "unknown": "I don't know",
    "posterior": "From the back of the hip (posterior)",
    "lateral": "From the side of the hip (lateral)",
    "anterior": "From the front of the hip (anterior)",
}
SURGERY_SITE_LABELS = {"spine": "My back (spine)", "hip": "My hip", "knee": "My knee", "other": "Somewhere else"}
RATINGS = [(i, f"{i}") for i in range(11)]
MAX_ACTIVITIES = PSFS_MAX_ACTIVITIES
# The longest pain, counted in the smallest unit: PAIN_WEEKS_MAX (50 years) in days. Each unit
# is checked against PAIN_WEEKS_MAX in PainForm.clean; this keeps the number itself small.
DURATION_MAX = spec.PAIN_WEEKS_MAX * 7
PAIN_TOO_LONG = "That is longer than 50 years; please check the number and the unit."
# An operation's age in weeks: its precautions last 12 or 26 weeks (clinical rules, section 3),
# so past that a rough number is enough; none is older than the oldest person supple takes.
WEEKS_AGO_MAX = spec.AGE_MAX * 52

# The red-flag questions (clinical rules, section 2), each with why it is asked, in the intake's order;
# the pregnancy warning signs are asked with the pregnancy question.
RED_FLAG_QUESTIONS = {name: flag for name, flag in RED_FLAG_TABLE.items() if name != PREGNANCY_FLAG}
PREGNANCY_WARNING = RED_FLAG_TABLE[PREGNANCY_FLAG]
INFLAMMATORY_QUESTIONS = {
    "morning_stiffness_30min": "My back is stiff for more than 30 minutes after I get up",
    "wakes_second_half_night": "Back pain wakes me in the second half of the night",
    "better_with_movement": "The pain eases when I move about, but not when I rest",
    "alternating_buttock_pain": "I have pain in my buttocks that switches from one side to the other",
}
CONDITION_LABELS = {
    "knee_problem": "A problem with either knee that makes kneeling or deep bending hard",
    "osteoporosis": "Osteoporosis (thin bones), or a past fracture of the spine",
    "spinal_stenosis": "Spinal stenosis (narrowing of the spinal canal) diagnosed by a doctor",
    "hypermobility": "Very flexible joints (hypermobility)",
}


def _choices(labels: dict[str, str], order: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, labels[value]) for value in order]


def _radio(label: str, choices: list, help_text: str = "", required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text, required=required
    )


def _checkboxes(label: str, choices: list, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False, help_text=help_text
    )


def _hours(label: str, help_text: str) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=spec.HOURS_MAX,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )


def _weeks_ago(label: str) -> forms.FloatField:
    too_long = f"Enter a number of weeks up to {WEEKS_AGO_MAX}; for an operation long ago, a rough number is fine."
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=WEEKS_AGO_MAX,
        required=False,
        error_messages={"max_value": too_long},
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )


class PainForm(forms.Form):
    title = "About you and your pain"

    age = forms.IntegerField(label="How old are you?", widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    intensity = forms.TypedChoiceField(
        label="How bad is your back pain right now?",
        help_text="0 means no pain, 10 the worst pain you can imagine.",
        choices=[(i, str(i)) for i in range(spec.PAIN_MIN, spec.PAIN_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )
    duration = forms.IntegerField(
        label="How long has this bout of pain lasted?",
        min_value=0,
        max_value=DURATION_MAX,
        error_messages={"max_value": PAIN_TOO_LONG},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    duration_unit = forms.ChoiceField(
        label="Days, weeks, months or years",
        choices=[(unit, unit.capitalize()) for unit in WEEKS_PER_UNIT],
        initial="weeks",
    )
    areas = _checkboxes("Where is the pain?", _choices(PAIN_AREA_LABELS, spec.PAIN_AREAS), "Tick all that apply.")
    below_knee = _radio(
        "Do you have pain or tingling below the knee?",
        YES_NO,
        "Pain or tingling that reaches below the knee can come from an irritated nerve.",
    )
    worse_with = _checkboxes(
        "What makes the pain worse?",
        _choices(WORSE_WITH_LABELS, spec.WORSE_WITH),
        "Tick all that apply. This tells supple which way to move your back, and which way to avoid.",
    )

    def clean_age(self) -> int:
        age = self.cleaned_data["age"]
        if age < spec.AGE_MIN:
            raise forms.ValidationError(
                f"supple is for adults ({spec.AGE_MIN} and over). A young person with back pain should see a "
                "doctor or physiotherapist instead."
            )
        if age > spec.AGE_MAX:
            raise forms.ValidationError(f"Enter an age between {spec.AGE_MIN} and {spec.AGE_MAX}.")
        return age

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        known = data.get("duration") is not None and data.get("duration_unit") in WEEKS_PER_UNIT
        if known and pain_weeks(data) > spec.PAIN_WEEKS_MAX:
            self.add_error("duration", PAIN_TOO_LONG)
        return data


def pain_weeks(answers: dict[str, Any]) -> float:
    """The pain's duration in weeks, to one decimal."""
    return plain_number(round(answers["duration"] * WEEKS_PER_UNIT[answers["duration_unit"]], 1))


def plain_number(value: float | None) -> float | None:
    """Whole numbers as int (178, not 178.0), so the profile reads as a person would write it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class SafetyForm(forms.Form):
    title = "Safety questions"

    pregnancy_trimester = forms.TypedChoiceField(
        label="Are you pregnant?",
        help_text="Some positions are not advised later in pregnancy, and some warning signs need care at once.",
        choices=TRIMESTERS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    pregnancy_warning_signs = _radio(PREGNANCY_WARNING.question, YES_NO_UNSURE, PREGNANCY_WARNING.why, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, flag in RED_FLAG_QUESTIONS.items():
            self.fields[name] = _radio(flag.question, YES_NO_UNSURE, flag.why)
        for name, statement in INFLAMMATORY_QUESTIONS.items():
            self.fields[name] = forms.BooleanField(label=statement, required=False)

    @property
    def red_flag_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in RED_FLAG_QUESTIONS]

    @property
    def inflammatory_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in INFLAMMATORY_QUESTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("pregnancy_trimester"):
            data["pregnancy_warning_signs"] = None  # asked only during pregnancy
        elif not data.get("pregnancy_warning_signs"):
            self.add_error("pregnancy_warning_signs", "Choose Yes, No or Not sure.")
        return data


class ConditionsForm(forms.Form):
    title = "Health conditions"

    hip_replacement = forms.BooleanField(label="I have had a hip replacement", required=False)
    hip_approach = forms.ChoiceField(
        label="How was the operation done?",
        choices=list(HIP_APPROACH_LABELS.items()),
        initial="unknown",
        help_text="Your discharge letter or surgeon can tell you. If you are not sure, supple takes the most "
        "careful approach.",
    )
    hip_weeks_ago = _weeks_ago("How many weeks ago was it?")
    hip_cleared = forms.BooleanField(
        label="My surgeon has said I no longer need to avoid any hip movements", required=False
    )
    recent_surgery = forms.BooleanField(label="I have had another operation in the past year", required=False)
    surgery_site = forms.ChoiceField(label="Where was the operation?", choices=list(SURGERY_SITE_LABELS.items()))
    surgery_weeks_ago = _weeks_ago("How many weeks ago was that operation?")
    surgery_cleared = forms.BooleanField(label="My surgeon or doctor has said I can exercise normally", required=False)
    knee_problem = forms.BooleanField(label=CONDITION_LABELS["knee_problem"], required=False)
    osteoporosis = forms.BooleanField(label=CONDITION_LABELS["osteoporosis"], required=False)
    spinal_stenosis = forms.BooleanField(label=CONDITION_LABELS["spinal_stenosis"], required=False)
    hypermobility = forms.BooleanField(label=CONDITION_LABELS["hypermobility"], required=False)

    # The details asked only when the box above them is ticked, with their values when it is not.
    DETAILS = {
        "hip_replacement": {"hip_approach": "unknown", "hip_weeks_ago": None, "hip_cleared": False},
        "recent_surgery": {"surgery_site": "other", "surgery_weeks_ago": None, "surgery_cleared": False},
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for flag, details in self.DETAILS.items():
            weeks = next(name for name in details if name.endswith("_weeks_ago"))
            if not data.get(flag):
                for name, unused in details.items():
                    self.errors.pop(name, None)
                    data[name] = unused
            elif data.get(weeks) is None and weeks not in self.errors:
                self.add_error(weeks, "Enter how many weeks ago, roughly (0 if it was this week).")
        return data


class HabitsForm(forms.Form):
    title = "Your daily habits"

    sitting_hours = _hours(
        "About how many hours a day do you sit?", "At work, travelling, at a screen, in the evening: all of it."
    )
    driving_hours = _hours("About how many hours a day do you drive?", "Enter 0 if you do not drive.")
    sports = _checkboxes(
        "Which sports do you play?",
        _choices(SPORT_LABELS, spec.SPORTS + spec.ROTATIONAL_SPORTS),
        "Tick all that you do regularly, or none.",
    )
    posture_concern = forms.BooleanField(
        label="I am concerned about my posture (for example slouching or a stoop)", required=False
    )
    height_cm = forms.FloatField(
        label="Height in centimetres (optional)",
        required=False,
        validators=[MinValueValidator(spec.HEIGHT_CM_MIN), MaxValueValidator(spec.HEIGHT_CM_MAX)],
        help_text="Height and weight are used only together, to see whether weight may add strain to your back.",
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )
    weight_kg = forms.FloatField(
        label="Weight in kilograms (optional)",
        required=False,
        validators=[MinValueValidator(spec.WEIGHT_KG_MIN), MaxValueValidator(spec.WEIGHT_KG_MAX)],
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )


class PreferencesForm(forms.Form):
    title = "Your time and space"

    minutes_per_day = forms.IntegerField(
        label="How many minutes a day can you give to stretching?",
        min_value=spec.MINUTES_MIN,
        max_value=spec.MINUTES_MAX,
        initial=spec.DEFAULT_MINUTES,
        help_text=f"From {spec.MINUTES_MIN} to {spec.MINUTES_MAX}. A short routine you do every day helps more "
        "than a long one you skip.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    can_get_on_floor = _radio("Can you get down to the floor and back up comfortably?", YES_NO)
    has_chair = _radio("Do you have a sturdy chair without wheels to use?", YES_NO)


class ActivitiesForm(forms.Form):
    title = "Activities the pain makes hard"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_ACTIVITIES + 1):
            self.fields[f"activity_{n}"] = forms.CharField(label=f"Activity {n}", max_length=80, required=False)
            self.fields[f"rating_{n}"] = forms.TypedChoiceField(
                label=f"How well can you do activity {n} today?",
                choices=[("", "Choose 0 to 10"), *RATINGS],
                coerce=int,
                empty_value=None,
                required=False,
            )

    @property
    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"activity_{n}"], self[f"rating_{n}"]) for n in range(1, MAX_ACTIVITIES + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        seen = set()
        for n in range(1, MAX_ACTIVITIES + 1):
            name, rating = data.get(f"activity_{n}"), data.get(f"rating_{n}")
            if name and rating is None and f"rating_{n}" not in self.errors:
                self.add_error(f"rating_{n}", "Rate how well you can do it today, from 0 to 10.")
            if not name and rating is not None:
                self.add_error(f"activity_{n}", "Name the activity you rated, or clear its rating.")
            if name and name.casefold() in seen:
                self.add_error(f"activity_{n}", "You have named this activity already.")
            seen.add((name or "").casefold())
        return data


def named_activities(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The activities step's answers as [{"name", "score"}], in the order given."""
    return [
        {"name": answers[f"activity_{n}"], "score": answers[f"rating_{n}"]}
        for n in range(1, MAX_ACTIVITIES + 1)
        if answers.get(f"activity_{n}")
    ]


def _operation(answers: dict[str, Any], flag: str, kind_key: str, kind: str, prefix: str) -> dict[str, Any] | None:
    if not answers.get(flag):
        return None
    weeks_ago = plain_number(answers[f"{prefix}_weeks_ago"])
    return {kind_key: answers[kind], "weeks_ago": weeks_ago, "cleared": answers[f"{prefix}_cleared"]}


def screening_profile(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The profile from the first two steps (pain and safety): everything screening reads.

    Saved as the intake when screening ends it after them (an emergency or urgent answer):
    the later steps' sections are left out, so nothing reads as an answer not given.
    """
    pain, safety = answers["pain"], answers["safety"]
    return {
        "version": spec.VERSION,
        "age": pain["age"],
        "pain": {
            "intensity": pain["intensity"],
            "weeks": pain_weeks(pain),
            "areas": pain["areas"],
            "below_knee": pain["below_knee"] == YES,
            "worse_with": pain["worse_with"],
        },
        "red_flags": {name: ANSWER_VALUES.get(safety[name]) for name in spec.RED_FLAGS},
        "inflammatory": {name: safety[name] for name in spec.INFLAMMATORY_SIGNS},
        "conditions": {"pregnancy_trimester": safety["pregnancy_trimester"]},
    }


def build_profile(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The intake profile (version 1, docs/plan-format.md) from the answers of every step."""
    cond, habits, prefs = answers["conditions"], answers["habits"], answers["preferences"]
    profile = screening_profile(answers)
    for key in ("height_cm", "weight_kg"):
        if habits.get(key) is not None:
            profile[key] = plain_number(habits[key])
    profile["conditions"] |= {
        "hip_replacement": _operation(cond, "hip_replacement", "approach", "hip_approach", "hip"),
        "knee_problem": cond["knee_problem"],
        "osteoporosis": cond["osteoporosis"],
        "spinal_stenosis": cond["spinal_stenosis"],
        "recent_surgery": _operation(cond, "recent_surgery", "site", "surgery_site", "surgery"),
        "hypermobility": cond["hypermobility"],
    }
    profile["lifestyle"] = {
        "sitting_hours": plain_number(habits["sitting_hours"]),
        "driving_hours": plain_number(habits["driving_hours"]),
        "sports": habits["sports"],
        "posture_concern": habits["posture_concern"],
    }
    profile["preferences"] = {
        "minutes_per_day": prefs["minutes_per_day"],
        "can_get_on_floor": prefs["can_get_on_floor"] == YES,
        "has_chair": prefs["has_chair"] == YES,
    }
    return profile


def answers_from_intake(intake: spec.Intake) -> dict[str, dict[str, Any]]:
    """Earlier answers to show again when the intake is redone.

    Only the steps that rarely change (conditions, habits, preferences): pain and the
    safety questions are always answered afresh.
    """
    cond, life, prefs = intake.conditions, intake.lifestyle, intake.preferences
    hip, surgery = cond.hip_replacement, cond.recent_surgery
    return {
        "conditions": {
            "hip_replacement": hip is not None,
            "hip_approach": hip.approach if hip else "unknown",
            "hip_weeks_ago": hip.weeks_ago if hip else None,
            "hip_cleared": hip.cleared if hip else False,
            "recent_surgery": surgery is not None,
            "surgery_site": surgery.site if surgery else "other",
            "surgery_weeks_ago": surgery.weeks_ago if surgery else None,
            "surgery_cleared": surgery.cleared if surgery else False,
            **{name: getattr(cond, name) for name in CONDITION_LABELS},
        },
        "habits": {
            "sitting_hours": life.sitting_hours,
            "driving_hours": life.driving_hours,
            "sports": list(life.sports),
            "posture_concern": life.posture_concern,
            "height_cm": intake.height_cm,
            "weight_kg": intake.weight_kg,
        },
        "preferences": {
            "minutes_per_day": prefs.minutes_per_day,
            "can_get_on_floor": YES if prefs.can_get_on_floor else NO,
            "has_chair": YES if prefs.has_chair else NO,
        },
    }
