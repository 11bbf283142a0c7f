"""Measuring outcomes (clinical rules, section 7): when a change in pain or in function means something.

Pain is rated 0 to 10; function is the Patient-Specific Functional Scale (PSFS): up to 5
activities the person finds hard, each rated 0 (cannot do) to 10 (as before the pain),
scored as their mean. The Progress page words its charts with these rules; the pain
response (domain.response) acts on the same pain rule.
"""

from __future__ import annotations

PAIN_MAX = 10
# A change of 2 points or 30% is meaningful (Ostelo 2008 minimal important change; clinical rules, section 7).
MEANINGFUL_POINTS = 2
MEANINGFUL_FRACTION = 0.30
# PSFS (Stratford 1995; clinical rules, section 7): up to 5 activities; a change of 2 points in
# the mean is meaningful, 3 when a single activity is rated.
PSFS_MAX_ACTIVITIES = 5
PSFS_MEANINGFUL_POINTS = 2
PSFS_SINGLE_ACTIVITY_POINTS = 3
# The activities are rated again once a week (clinical rules, section 7; a product rule).
PSFS_RERATE_DAYS = 7

IMPROVED, UNCHANGED, WORSE = "improved", "unchanged", "worse"


def pain_margin(baseline: float) -> float:
    """How far pain must move from the baseline to count: 2 points or 30%, whichever is larger.

    The stricter reading of "2 points or 30%" (clinical rules, sections 6 and 7), the same as
    domain.response.meaningful_improvement: a change is never called meaningful too early.
    """
    return max(MEANINGFUL_POINTS, MEANINGFUL_FRACTION * baseline)


def meaningful_band(baseline: float) -> tuple[float, float]:
    """Pain within this band around the baseline is no meaningful change (clipped to 0 to 10)."""
    margin = pain_margin(baseline)
    return max(0.0, baseline - margin), min(float(PAIN_MAX), baseline + margin)


def pain_change(baseline: float, pain: float) -> str:
    """IMPROVED, UNCHANGED or WORSE, compared at one decimal so the words agree with the figures shown."""
    return _direction(round(baseline - pain, 1), round(pain_margin(baseline), 1))


def psfs_change(first: float, latest: float, activities: int) -> str:
    """IMPROVED, UNCHANGED or WORSE between two PSFS means (higher is better), compared at one decimal.

    `activities` is how many activities the latest mean is made of.
    """
    needed = PSFS_SINGLE_ACTIVITY_POINTS if activities == 1 else PSFS_MEANINGFUL_POINTS
    return _direction(round(latest - first, 1), needed)


def _direction(gain: float, needed: float) -> str:
    """IMPROVED for a gain of at least `needed`, WORSE for a loss of at least `needed`, else UNCHANGED."""
    if gain >= needed:
        return IMPROVED
    if -gain >= needed:
        return WORSE
    return UNCHANGED
