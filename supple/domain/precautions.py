"""Precautions (clinical rules, section 3): which exercises a person's conditions rule out, and why.

A condition excludes every exercise carrying any of its tags; gentle-only situations
exclude every exercise not tagged `gentle`. Exclusion is always of the whole exercise.
`excluded_by_conditions` lists each excluded exercise with every code that ruled it out,
in the order docs/plan-format.md lists the codes (`excluded`), so a person and their clinician can see why.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.domain.intake import Intake
from supple.domain.library import Exercise, Library
from supple.domain.screening import SEE_CLINICIAN

# Hip replacement precautions last 26 weeks unless the surgeon clears earlier (clinical rules, section 3).
HIP_PRECAUTION_WEEKS = 26
# Posterior, lateral or unknown approach: no flexion past 90, adduction past midline, internal rotation.
POSTERIOR_HIP_TAGS = frozenset({"hip_flexion_past_90", "hip_adduction_past_midline", "hip_internal_rotation"})
POSTERIOR_HIP_APPROACHES = frozenset({"posterior", "lateral", "unknown"})
ANTERIOR_HIP_TAGS = frozenset({"hip_extension_with_external_rotation", "kneeling"})
# Pregnancy from the second trimester: no lying flat, no pressure on the bump
# (clinical rules, section 3; SOGC/CSEP 2019, ACOG).
PREGNANCY_TAGS = frozenset({"supine", "prone", "abdominal_compression"})
PREGNANCY_EXCLUDING_TRIMESTERS = frozenset({2, 3})
# Osteoporosis or past vertebral fracture: no end-range or loaded flexion, no end-range twist (Brooke-Wavell 2022).
OSTEOPOROSIS_TAGS = frozenset({"spinal_flexion_end_range", "spinal_rotation_end_range", "loaded_spinal_flexion"})
# Spinal stenosis: bending far backward narrows the canal (clinical rules, section 3).
STENOSIS_TAGS = frozenset({"spinal_extension_end_range"})
KNEE_TAGS = frozenset({"kneeling", "deep_knee_flexion"})
HYPERMOBILITY_TAGS = frozenset(
    {"end_range", "spinal_flexion_end_range", "spinal_extension_end_range", "spinal_rotation_end_range"}
)
# Any other operation: gentle exercises only for 12 weeks unless cleared (clinical rules, section 3).
SURGERY_PRECAUTION_WEEKS = 12
# An operation on the spine: no exercises at all for 12 weeks unless cleared; the surgeon's or
# physiotherapist's program governs (clinical rules, section 3).
SPINE_SURGERY_SITE = "spine"
NO_FLOOR_TAGS = frozenset({"floor"})
NO_CHAIR_TAGS = frozenset({"needs_chair"})
# Direction of pain (clinical rules, section 3; Long 2004, May 2012 directional preference).
FLEXION_WORSE = frozenset({"sitting", "bending_forward"})
EXTENSION_WORSE = frozenset({"standing", "walking", "bending_backward"})
FLEXION_INTOLERANT_TAGS = frozenset({"spinal_flexion_end_range"})
EXTENSION_INTOLERANT_TAGS = frozenset({"spinal_extension_end_range"})
# Gentle-only: current pain 7/10 or more, or decision see_clinician (clinical rules, section 5).
GENTLE_ONLY_PAIN = 7

# Every exclusion code, in the order docs/plan-format.md lists them (the order of `because`).
EXCLUSION_CODES = (
    "hip_replacement",
    "pregnancy",
    "osteoporosis",
    "spinal_stenosis",
    "knee_problem",
    "hypermobility",
    "recent_surgery",
    "no_floor",
    "no_chair",
    "flexion_intolerant",
    "extension_intolerant",
    "gentle_only",
)

FLEXION_INTOLERANT = "flexion_intolerant"
EXTENSION_INTOLERANT = "extension_intolerant"
BOTH_DIRECTIONS = "both"


@dataclass(frozen=True)
class Rule:
    """One reason to exclude exercises: those carrying any of `tags`, every non-gentle one, or all."""

    code: str
    tags: frozenset[str] = frozenset()
    gentle_only: bool = False
    everything: bool = False

    def excludes(self, exercise: Exercise) -> bool:
        if self.everything:
            return True
        if self.gentle_only:
            return not exercise.gentle
        return not self.tags.isdisjoint(exercise.tags)


@dataclass(frozen=True)
class Exclusion:
    exercise: str
    because: tuple[str, ...]


def precaution_rules(intake: Intake, decision: str) -> tuple[Rule, ...]:
    """Every exclusion rule that applies to this person, in exclusion code order."""
    cond, prefs = intake.conditions, intake.preferences
    rules = []
    hip = cond.hip_replacement
    if hip is not None and hip.weeks_ago < HIP_PRECAUTION_WEEKS and not hip.cleared:
        tags = POSTERIOR_HIP_TAGS if hip.approach in POSTERIOR_HIP_APPROACHES else ANTERIOR_HIP_TAGS
        rules.append(Rule("hip_replacement", tags))
    if cond.pregnancy_trimester in PREGNANCY_EXCLUDING_TRIMESTERS:
        rules.append(Rule("pregnancy", PREGNANCY_TAGS))
    if cond.osteoporosis:
        rules.append(Rule("osteoporosis", OSTEOPOROSIS_TAGS))
    if cond.spinal_stenosis:
        rules.append(Rule("spinal_stenosis", STENOSIS_TAGS))
    if cond.knee_problem:
        rules.append(Rule("knee_problem", KNEE_TAGS))
    if cond.hypermobility:
        rules.append(Rule("hypermobility", HYPERMOBILITY_TAGS))
    if spine_surgery_precautions(intake):
        rules.append(Rule("recent_surgery", everything=True))
    elif surgery_precautions(intake):
        rules.append(Rule("recent_surgery", gentle_only=True))
    if not prefs.can_get_on_floor:
        rules.append(Rule("no_floor", NO_FLOOR_TAGS))
    if not prefs.has_chair:
        rules.append(Rule("no_chair", NO_CHAIR_TAGS))
    direction = pain_direction(intake)
    if direction in (FLEXION_INTOLERANT, BOTH_DIRECTIONS):
        rules.append(Rule(FLEXION_INTOLERANT, FLEXION_INTOLERANT_TAGS))
    if direction in (EXTENSION_INTOLERANT, BOTH_DIRECTIONS):
        rules.append(Rule(EXTENSION_INTOLERANT, EXTENSION_INTOLERANT_TAGS))
    if intake.pain.intensity >= GENTLE_ONLY_PAIN or decision == SEE_CLINICIAN:
        rules.append(Rule("gentle_only", gentle_only=True))
    return tuple(rules)


def surgery_precautions(intake: Intake) -> bool:
    """An operation (other than a hip replacement) less than 12 weeks ago, not cleared."""
    surgery = intake.conditions.recent_surgery
    return surgery is not None and surgery.weeks_ago < SURGERY_PRECAUTION_WEEKS and not surgery.cleared


def spine_surgery_precautions(intake: Intake) -> bool:
    """An operation on the spine less than 12 weeks ago, not cleared: no routine at all."""
    surgery = intake.conditions.recent_surgery
    return surgery is not None and surgery.site == SPINE_SURGERY_SITE and surgery_precautions(intake)


def excludes_everything(rules: tuple[Rule, ...]) -> bool:
    """Whether no exercise can be prescribed whatever the library holds (after spine surgery)."""
    return any(rule.everything for rule in rules)


def is_gentle_only(rules: tuple[Rule, ...]) -> bool:
    """Gentle-only situations: pain 7/10 or more, see_clinician, or recent surgery not cleared."""
    return any(rule.gentle_only for rule in rules)


def pain_direction(intake: Intake) -> str | None:
    """`flexion_intolerant`, `extension_intolerant`, `both`, or None; `lying` changes nothing."""
    worse = set(intake.pain.worse_with)
    flexion, extension = bool(worse & FLEXION_WORSE), bool(worse & EXTENSION_WORSE)
    if flexion and extension:
        return BOTH_DIRECTIONS
    if flexion:
        return FLEXION_INTOLERANT
    if extension:
        return EXTENSION_INTOLERANT
    return None


def exclusion_codes(exercise: Exercise, rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """Every code that rules this exercise out (empty when it is allowed)."""
    return tuple(rule.code for rule in rules if rule.excludes(exercise))


def excluded_exercises(library: Library, rules: tuple[Rule, ...]) -> tuple[Exclusion, ...]:
    """Every library exercise the rules rule out, in library order, each with all its codes."""
    out = []
    for exercise in library:
        codes = exclusion_codes(exercise, rules)
        if codes:
            out.append(Exclusion(exercise.id, codes))
    return tuple(out)


def excluded_by_conditions(intake: Intake, decision: str, library: Library) -> tuple[Exclusion, ...]:
    """The `excluded` list of a plan for this person and screening decision."""
    return excluded_exercises(library, precaution_rules(intake, decision))


# --- advice ------------------------------------------------------------------------

HIP_ADVICE = "After a hip replacement your surgeon's instructions come first; follow them over anything here."
POSTERIOR_HIP_ADVICE = (
    "Until your surgeon clears you (usually 6 months), supple leaves out stretches that bend the hip past a "
    "right angle, cross the leg over the middle or turn the knee in."
)
ANTERIOR_HIP_ADVICE = (
    "Until your surgeon clears you (usually 6 months), supple leaves out kneeling and stretches that take the "
    "leg back while turning it out."
)
PREGNANCY_ADVICE = (
    "From the second trimester supple leaves out lying on your back or front and anything that presses on the "
    "bump; side-lying, seated and standing versions are offered instead."
)
EARLY_PREGNANCY_ADVICE = (
    "In the first trimester every exercise is allowed; supple offers side-lying, seated and standing versions "
    "where it can."
)
OSTEOPOROSIS_ADVICE = (
    "With osteoporosis supple leaves out forceful bending and twisting at the end of the range; gentle "
    "backward-bending (extension) work is encouraged."
)
STENOSIS_ADVICE = (
    "With spinal stenosis, bending far backwards can bring on leg symptoms, so supple leaves it out; "
    "bending forward usually eases them."
)
KNEE_ADVICE = "Kneeling and deep knee bends are left out; standing and chair versions are offered instead."
HYPERMOBILITY_ADVICE = (
    "With hypermobile joints, hold every stretch at mild tension only, never at the end of your range."
)
SURGERY_ADVICE = (
    "Your operation was less than 12 weeks ago: only gentle exercises until your surgeon says you can do more."
)
SPINE_SURGERY_ADVICE = (
    "Your back operation was less than 12 weeks ago, so supple gives you no exercises for now: the program "
    "from your surgeon or physiotherapist comes first. Once they have cleared you, answer the questions again, "
    "or ask a physiotherapist who uses supple to set your program."
)
GENTLE_PAIN_ADVICE = (
    "Because your pain is 7 out of 10 or more, supple gives gentle exercises only, with short holds. "
    "Move within comfort."
)
FLEXION_ADVICE = (
    "Your pain is worse bending forward or sitting, so deep forward bends are left out and a gentle "
    "backward-bending exercise is included."
)
EXTENSION_ADVICE = (
    "Your pain is worse standing, walking or bending backward, so deep backward bends are left out and a "
    "gentle forward-bending exercise is included."
)
BOTH_DIRECTIONS_ADVICE = (
    "Your pain is worse both bending forward and bending backward, so deep bends either way are left out."
)


def precaution_advice(intake: Intake, rules: tuple[Rule, ...]) -> list[str]:
    """Plain-language notes for the precautions that apply, in exclusion code order."""
    codes = {rule.code for rule in rules}
    cond = intake.conditions
    advice = []
    if cond.hip_replacement is not None:
        advice.append(HIP_ADVICE)
        if "hip_replacement" in codes:
            posterior = cond.hip_replacement.approach in POSTERIOR_HIP_APPROACHES
            advice.append(POSTERIOR_HIP_ADVICE if posterior else ANTERIOR_HIP_ADVICE)
    if cond.pregnancy_trimester:
        advice.append(PREGNANCY_ADVICE if "pregnancy" in codes else EARLY_PREGNANCY_ADVICE)
    flags = (
        ("osteoporosis", OSTEOPOROSIS_ADVICE),
        ("spinal_stenosis", STENOSIS_ADVICE),
        ("knee_problem", KNEE_ADVICE),
        ("hypermobility", HYPERMOBILITY_ADVICE),
    )
    advice += [text for code, text in flags if code in codes]
    if "recent_surgery" in codes:
        advice.append(SPINE_SURGERY_ADVICE if spine_surgery_precautions(intake) else SURGERY_ADVICE)
    direction = pain_direction(intake)
    if direction == BOTH_DIRECTIONS:
        advice.append(BOTH_DIRECTIONS_ADVICE)
    if intake.pain.intensity >= GENTLE_ONLY_PAIN:
        advice.append(GENTLE_PAIN_ADVICE)
    return advice
