"""Screening (clinical rules, section 2): is self-management safe, and how urgently must a clinician see the person?

`screen_intake` returns the decision, every reason code found (not only the first, in
the order docs/plan-format.md gives for `reasons`) and advice: first what to do now, then one plain sentence
per reason. `emergency` outranks `urgent`, which outranks `see_clinician`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from supple.domain.intake import RED_FLAGS, Intake

EMERGENCY = "emergency"
URGENT = "urgent"
SEE_CLINICIAN = "see_clinician"
PROCEED = "proceed"
DECISIONS = (PROCEED, SEE_CLINICIAN, URGENT, EMERGENCY)  # lowest to highest rank
STOPPING_DECISIONS = frozenset({EMERGENCY, URGENT})  # no routine at all


@dataclass(frozen=True)
class RedFlag:
    """One red-flag question of the intake (an intake.RED_FLAGS code) and everything supple says about it."""

    reason: str  # the screening reason a yes gives
    summary: str  # what the person reported, as a list of reports names it
    question: str  # as the intake asks it
    why: str  # why the intake asks it
    checkin: str | None  # as the morning check-in asks it; None for a fact of the intake, not a new symptom


# Every red flag, in the intake's order. Cauda equina, trauma and chest pain are emergencies;
# progressive neurological signs and serious pathology (infection, cancer, fracture, pregnancy
# complications) are urgent (clinical rules, section 2; Downie 2013 BMJ, Finucane 2020 IFOMPT, ACOG).
RED_FLAG_TABLE = {
    "saddle_numbness": RedFlag(
        reason="cauda_equina",
        summary="numbness around the genitals, bottom or inner thighs",
        question="Is there numbness or tingling around your genitals, bottom or inner thighs (where you would sit "
        "on a saddle)?",
        why="It can mean the nerves at the base of the spine are squeezed, which needs emergency care.",
        checkin="Numbness around your genitals, bottom or inner thighs (where you would sit on a saddle)?",
    ),
    "bladder_or_bowel_change": RedFlag(
        reason="cauda_equina",
        summary="new trouble passing or holding urine or stool",
        question="Since the pain began, have you had new trouble passing or holding urine or stool, or not felt "
        "that your bladder is full?",
        why="A change in bladder or bowel control can be a sign of pressure on nerves that needs emergency care.",
        checkin="New trouble passing or holding urine or stool, or not feeling when your bladder is full?",
    ),
    "sexual_function_loss": RedFlag(
        reason="cauda_equina",
        summary="new loss of sexual function or genital feeling",
        question="Have you had any new loss of sexual function or of feeling in your genitals?",
        why="The same nerves control these; a change needs emergency care.",
        checkin="New loss of sexual function or of feeling in your genitals?",
    ),
    "both_legs": RedFlag(
        reason="cauda_equina",
        summary="pain, numbness or weakness in both legs",
        question="Do you have pain, numbness or weakness in both legs at the same time?",
        why="Symptoms in both legs can mean several nerves are pressed at once.",
        checkin="Pain, numbness or weakness in both legs at once?",
    ),
    "worsening_weakness": RedFlag(
        reason="progressive_neuro",
        summary="leg weakness or numbness that is getting worse",
        question="Is weakness or numbness in a leg getting worse (your foot catches or drops, numbness spreads, "
        "or walking gets harder)?",
        why="A nerve under growing pressure should be examined by a clinician soon.",
        checkin="Leg weakness or numbness that is getting worse, such as tripping over your foot or trouble walking?",
    ),
    "major_trauma": RedFlag(
        reason="major_trauma",
        summary="pain that began with a major injury",
        question="Did the pain start with a major injury, such as a car crash or a fall from a height?",
        why="A big injury can break a bone, which must be checked before any exercise.",
        checkin="A major injury, such as a car crash or a fall from a height?",
    ),
    "chest_pain": RedFlag(
        reason="chest_pain",
        summary="chest pain",
        question="Do you have chest pain as well as the back pain?",
        why="Chest and back pain together can come from the heart or a large blood vessel.",
        checkin="Chest pain?",
    ),
    "fever_or_unwell": RedFlag(
        reason="infection_risk",
        summary="fever, chills or feeling unwell",
        question="Do you have a fever, chills, or feel generally unwell along with the pain?",
        why="These can be signs of an infection that needs checking.",
        checkin="Fever, chills or feeling generally unwell?",
    ),
    "immunosuppressed": RedFlag(
        reason="infection_risk",
        summary="a weakened immune system or injected drug use",
        question="Is your immune system weakened (for example by long-term steroid tablets, medicines that damp "
        "down the immune system, or HIV), or have you ever injected drugs?",
        why="This makes an infection in the spine more likely.",
        checkin=None,
    ),
    "cancer_history": RedFlag(
        reason="cancer_history",
        summary="any history of cancer",
        question="Have you ever had cancer?",
        why="After cancer, new back pain should be checked by a clinician.",
        checkin=None,
    ),
    "weight_loss": RedFlag(
        reason="weight_loss",
        summary="unexplained weight loss",
        question="Have you lost weight recently without trying?",
        why="Unexplained weight loss with back pain should be checked by a clinician.",
        checkin="Weight loss you cannot explain?",
    ),
    "constant_night_pain": RedFlag(
        reason="night_pain",
        summary="constant pain that is worse at night",
        question="Is the pain there all the time, not eased by rest or changing position, and worse at night?",
        why="Most back pain changes with position; pain that never eases should be checked.",
        checkin="Constant pain that does not ease with rest or a change of position, and is worse at night?",
    ),
    "minor_trauma_with_fragile_bones": RedFlag(
        reason="fragility_fracture",
        summary="sudden pain after a minor fall with fragile bones",
        question="Did the pain start suddenly after a small fall or strain, and do you have thin bones "
        "(osteoporosis) or take steroid tablets long-term?",
        why="With fragile bones, a small fall can crack a bone in the spine.",
        checkin="Sudden pain after a minor fall or strain, if you have fragile bones or take steroids long term?",
    ),
    "pregnancy_warning_signs": RedFlag(
        reason="pregnancy_warning",
        summary="warning signs in pregnancy",
        question="Do you have any bleeding, fluid leaking, contractions, dizziness, chest pain or a swollen calf?",
        why="In pregnancy these need your midwife, doctor or maternity unit today.",
        checkin="Bleeding, fluid leaking, contractions, dizziness, chest pain or calf swelling?",
    ),
}
PREGNANCY_FLAG = "pregnancy_warning_signs"  # asked, and counted, only during pregnancy
RED_FLAG_REASON = {name: flag.reason for name, flag in RED_FLAG_TABLE.items()}
FLAG_QUESTIONS = {name: flag.summary for name, flag in RED_FLAG_TABLE.items()}

# Every reason code with its decision, in the order of `reasons` (docs/plan-format.md; output order).
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
    """Screen a valid intake: decision, every reason in output order, and advice."""
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


def rescreen(reported: Iterable[str], earlier: Iterable[str] = ()) -> Screening:
    """Screening again after red flags reported since the intake (clinical rules, sections 2 and 6).

    `reported` are intake.RED_FLAGS names; `earlier` the reasons the plan already has, which
    still count. Every red flag is urgent or worse, so the decision stops the program whenever
    a flag is reported. The advice is what to do now, then one sentence per reason (not for
    `unanswered_red_flags`, whose sentence names the intake's unanswered questions).
    """
    found = {RED_FLAG_REASON[name] for name in reported} | set(earlier)
    reasons = tuple(code for code in REASON_DECISION if code in found)
    decision = decide(reasons)
    advice = [*decision_advice(decision, reasons)]
    advice += [REASON_ADVICE[code] for code in reasons if code != "unanswered_red_flags"]
    return Screening(decision, reasons, tuple(advice))


def red_flag_reasons(answers: Mapping[str, bool | None], pregnant: bool) -> list[str]:
    """Reason codes from red-flag answers; an unanswered flag gives `unanswered_red_flags`.

    The pregnancy warning-sign question counts only during pregnancy.
    """
    reasons = []
    for name in RED_FLAGS:
        if name == PREGNANCY_FLAG and not pregnant:
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
        if answer is None and (pregnant or name != PREGNANCY_FLAG)
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
