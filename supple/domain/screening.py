"""Screening (clinical rules, section 2): is self-management safe, and how urgently must a clinician see the person?

`screen_intake` returns the decision, every reason code found (not only the first, in
the contract's table order) and advice: first what to do now, then one plain sentence
per reason. `emergency` outranks `urgent`, which outranks `see_clinician`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from supple.domain.intake import RED_FLAGS, Intake

EMERGENCY = "emergency"
URGENT = "urgent"
SEE_CLINICIAN = "see_clinician"
PROCEED = "proceed"
DECISIONS = (PROCEED, SEE_CLINICIAN, URGENT, EMERGENCY)  # lowest to highest rank
STOPPING_DECISIONS = frozenset({EMERGENCY, URGENT})  # no routine at all

# Cauda equina, trauma and chest pain: emergency (clinical rules, section 2; Downie 2013 BMJ, Finucane 2020 IFOMPT).
# Serious pathology (infection, cancer, fracture, pregnancy complications): urgent (same sources; ACOG).
RED_FLAG_REASON = {
    "saddle_numbness": "cauda_equina",
    "bladder_or_bowel_change": "cauda_equina",
    "sexual_function_loss": "cauda_equina",
    "both_legs": "cauda_equina",
    "major_trauma": "major_trauma",
    "chest_pain": "chest_pain",
    "worsening_weakness": "progressive_neuro",
    "fever_or_unwell": "infection_risk",
    "immunosuppressed": "infection_risk",
    "cancer_history": "cancer_history",
    "weight_loss": "weight_loss",
    "constant_night_pain": "night_pain",
    "minor_trauma_with_fragile_bones": "fragility_fracture",
    "pregnancy_warning_signs": "pregnancy_warning",
}

# Every reason code with its decision, in the contract's table order (output order).
REASON_DECISION = {
    "cauda_equina": EMERGENCY,
    "major_trauma": EMERGENCY,
    "chest_pain": EMERGENCY,
    "progressive_neuro": URGENT,
    "infection_risk": URGENT,
    "cancer_history": URGENT,
    "weight_loss": URGENT,
    "night_pain": URGENT,
    "fragility_fracture": URGENT,
    "pregnancy_warning": URGENT,
    "age_onset": SEE_CLINICIAN,
    "inflammatory_pattern": SEE_CLINICIAN,
    "severe_pain": SEE_CLINICIAN,
    "below_knee": SEE_CLINICIAN,
    "unanswered_red_flags": SEE_CLINICIAN,
}

# New pain under 20 or over 50 needs a check (clinical rules, section 2; Downie 2013, NICE NG59).
AGE_ONSET_UNDER = 20
AGE_ONSET_OVER = 50
NEW_PAIN_WEEKS = 6  # "pain less than 6 weeks old"
# Inflammatory back pain (clinical rules, section 2; NICE NG65 spondyloarthritis referral criteria).
INFLAMMATORY_ONSET_BEFORE_AGE = 45
INFLAMMATORY_MIN_WEEKS = 12  # lasting more than 12 weeks
INFLAMMATORY_MIN_SIGNS = 2
WEEKS_PER_YEAR = 52
SEVERE_PAIN = 8  # current pain 8/10 or more (clinical rules, section 2)
# Long-lasting pain is advice, not a decision (clinical rules, section 2): consider a physiotherapist.
LONG_PAIN_WEEKS = 6
# Urgent reasons that allow "within days" instead of "the same day", when no other reason is found.
WITHIN_DAYS_REASONS = frozenset({"cancer_history", "weight_loss"})
PREGNANCY_TRIMESTERS = (1, 2, 3)  # the pregnancy warning-sign question counts only then

FLAG_QUESTIONS = {
    "saddle_numbness": "numbness around the genitals, bottom or inner thighs",
    "bladder_or_bowel_change": "new trouble passing or holding urine or stool",
    "sexual_function_loss": "new loss of sexual function or genital feeling",
    "both_legs": "pain, numbness or weakness in both legs",
    "worsening_weakness": "leg weakness or numbness that is getting worse",
    "major_trauma": "pain that began with a major injury",
    "chest_pain": "chest pain",
    "fever_or_unwell": "fever, chills or feeling unwell",
    "immunosuppressed": "a weakened immune system or injected drug use",
    "cancer_history": "any history of cancer",
    "weight_loss": "unexplained weight loss",
    "constant_night_pain": "constant pain that is worse at night",
    "minor_trauma_with_fragile_bones": "sudden pain after a minor fall with fragile bones",
    "pregnancy_warning_signs": "warning signs in pregnancy",
}

REASON_ADVICE = {
    "cauda_equina": "Numbness in the saddle area, new bladder, bowel or sexual problems, or symptoms in both legs "
    "can mean the nerves at the base of the spine are squeezed (cauda equina syndrome). This needs "
    "emergency care to protect those nerves.",
    "major_trauma": "Pain that began with a major injury, such as a car crash or a fall from a height, must be "
    "checked for a fracture before any exercise.",
    "chest_pain": "Back pain together with chest pain can come from the heart or a large blood vessel and must be "
    "checked at once.",
    "progressive_neuro": "Leg weakness or numbness that is getting worse means a nerve may be under increasing "
    "pressure; a clinician needs to examine you.",
    "infection_risk": "Fever or feeling unwell with back pain, or a weakened immune system, can mean an "
    "infection that needs checking.",
    "cancer_history": "With any history of cancer, new back pain should be checked by a clinician.",
    "weight_loss": "Weight loss you cannot explain, together with back pain, should be checked by a clinician.",
    "night_pain": "Constant pain that does not ease with rest or a change of position, and is worse at night, "
    "should be checked by a clinician.",
    "fragility_fracture": "Sudden pain after a minor fall or strain, with fragile bones or long-term steroids, can "
    "be a small fracture of the spine.",
    "pregnancy_warning": "Bleeding, fluid leaking, contractions, dizziness, chest pain or calf swelling in "
    "pregnancy need your midwife, doctor or maternity unit today.",
    "age_onset": "New back pain that starts under the age of 20 or over 50 is worth a check by a clinician.",
    "inflammatory_pattern": "Your answers fit an inflammatory pattern of back pain (long morning stiffness, "
    "night waking, easing with movement); a doctor can check for an inflammatory condition.",
    "severe_pain": "Your pain is severe (8 out of 10 or more); a clinician can help you manage it.",
    "below_knee": "Pain or tingling below the knee can come from an irritated nerve; a clinician should examine you.",
    "unanswered_red_flags": "Some safety questions were not answered ({questions}). Until you answer them, "
    "supple offers only gentle exercises and recommends seeing a clinician.",
}

EMERGENCY_ADVICE = (
    "Get emergency care now: call your emergency number or go to the nearest emergency department. "
    "Do not start the exercises."
)
URGENT_SAME_DAY_ADVICE = (
    "See a doctor today (your GP, an urgent care centre or out-of-hours service). Do not start the exercises "
    "until a clinician has checked you and says you can."
)
URGENT_WITHIN_DAYS_ADVICE = (
    "Book an appointment with your doctor within the next few days. Do not start the exercises until a "
    "clinician has checked you and says you can."
)
SEE_CLINICIAN_ADVICE = (
    "Book an appointment with a doctor or physiotherapist soon. Until then, supple gives you a gentle routine only."
)
KEEP_MOVING_ADVICE = "Keep moving: normal activity helps most back pain recover."
LONG_PAIN_ADVICE = (
    "Your pain has lasted more than 6 weeks: if a clinician has not assessed it yet, consider seeing a "
    "physiotherapist, who can tailor this program to you."
)


@dataclass(frozen=True)
class Screening:
    decision: str
    reasons: tuple[str, ...]
    advice: tuple[str, ...]


def screen_intake(intake: Intake) -> Screening:
    """Screen a valid intake: decision, every reason in contract order, and advice."""
    pregnant = intake.conditions.pregnancy_trimester in PREGNANCY_TRIMESTERS
    found = set(red_flag_reasons(intake.red_flags.answers(), pregnant)) | set(clinical_reasons(intake))
    reasons = tuple(code for code in REASON_DECISION if code in found)
    decision = decide(reasons)
    advice = [*decision_advice(decision, reasons), *_reason_advice(reasons, intake)]
    if decision not in STOPPING_DECISIONS:
        if intake.pain.weeks > LONG_PAIN_WEEKS:
            advice.append(LONG_PAIN_ADVICE)
        advice.append(KEEP_MOVING_ADVICE)
    return Screening(decision, reasons, tuple(advice))


def red_flag_reasons(answers: Mapping[str, bool | None], pregnant: bool) -> list[str]:
    """Reason codes from red-flag answers; an unanswered flag gives `unanswered_red_flags`.

    The pregnancy warning-sign question counts only during pregnancy.
    """
    reasons = []
    for name in RED_FLAGS:
        if name == "pregnancy_warning_signs" and not pregnant:
            continue
        answer = answers.get(name)
        if answer is None:
            reasons.append("unanswered_red_flags")
        elif answer:
            reasons.append(RED_FLAG_REASON[name])
    return reasons


def unanswered_flags(intake: Intake) -> list[str]:
    pregnant = intake.conditions.pregnancy_trimester in PREGNANCY_TRIMESTERS
    return [
        name
        for name, answer in intake.red_flags.answers().items()
        if answer is None and (pregnant or name != "pregnancy_warning_signs")
    ]


def clinical_reasons(intake: Intake) -> list[str]:
    """The see_clinician findings that come from age, pain and the inflammatory questions."""
    pain = intake.pain
    reasons = []
    if (intake.age < AGE_ONSET_UNDER or intake.age > AGE_ONSET_OVER) and pain.weeks < NEW_PAIN_WEEKS:
        reasons.append("age_onset")
    if inflammatory_pattern(intake):
        reasons.append("inflammatory_pattern")
    if pain.intensity >= SEVERE_PAIN:
        reasons.append("severe_pain")
    if pain.below_knee or any(area.startswith("below_knee") for area in pain.areas):
        reasons.append("below_knee")
    return reasons


def inflammatory_pattern(intake: Intake) -> bool:
    """Onset before 45 (age minus weeks/52), lasting more than 12 weeks, 2 or more signs."""
    onset_age = intake.age - intake.pain.weeks / WEEKS_PER_YEAR
    return (
        onset_age < INFLAMMATORY_ONSET_BEFORE_AGE
        and intake.pain.weeks > INFLAMMATORY_MIN_WEEKS
        and intake.inflammatory.count >= INFLAMMATORY_MIN_SIGNS
    )


def decide(reasons: tuple[str, ...] | list[str]) -> str:
    """The highest-ranking decision among the reasons; `proceed` when there are none."""
    return max((REASON_DECISION[r] for r in reasons), key=DECISIONS.index, default=PROCEED)


def decision_advice(decision: str, reasons: tuple[str, ...]) -> list[str]:
    """What to do now, first in the advice list."""
    if decision == EMERGENCY:
        return [EMERGENCY_ADVICE]
    if decision == URGENT:
        within_days = set(reasons) <= WITHIN_DAYS_REASONS
        return [URGENT_WITHIN_DAYS_ADVICE if within_days else URGENT_SAME_DAY_ADVICE]
    if decision == SEE_CLINICIAN:
        return [SEE_CLINICIAN_ADVICE]
    return []


def _reason_advice(reasons: tuple[str, ...], intake: Intake) -> list[str]:
    advice = []
    for code in reasons:
        text = REASON_ADVICE[code]
        if code == "unanswered_red_flags":
            text = text.format(questions="; ".join(FLAG_QUESTIONS[name] for name in unanswered_flags(intake)))
        advice.append(text)
    return advice
