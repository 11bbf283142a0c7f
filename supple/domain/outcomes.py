"""Measuring outcomes (clinical rules, section 7): when a change in pain or in function means something.

Pain is rated 0 to 10; function is the Patient-Specific Functional Scale (PSFS): up to 5
activities the person finds hard, each rated 0 (cannot do) to 10 (as before the pain),
scored as their mean. The Progress page words its charts with these rules; the pain
response (domain.response) acts on the same pain rule.
"""

from __future__ import annotations

from supple.domain.response import MEANINGFUL_FRACTION, MEANINGFUL_POINTS

PAIN_MAX = 10
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
    margin = round(pain_margin(baseline), 1)
    drop = round(baseline - pain, 1)
    if drop >= margin:
        return IMPROVED
    if -drop >= margin:
        return WORSE
    return UNCHANGED


def psfs_change(first: float, latest: float, activities: int) -> str:
    """IMPROVED, UNCHANGED or WORSE between two PSFS means (higher is better), compared at one decimal.

    `activities` is how many activities the latest mean is made of.
    """
    needed = PSFS_SINGLE_ACTIVITY_POINTS if activities == 1 else PSFS_MEANINGFUL_POINTS
    rise = round(latest - first, 1)
    if rise >= needed:
        return IMPROVED
    if -rise >= needed:
        return WORSE
    return UNCHANGED
