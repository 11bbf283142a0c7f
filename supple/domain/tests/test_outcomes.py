"""Measuring outcomes (clinical rules, section 7): when pain and PSFS changes are meaningful."""

import pytest

from supple.domain.outcomes import (
    IMPROVED,
    PSFS_MAX_ACTIVITIES,
    UNCHANGED,
    WORSE,
    meaningful_band,
    pain_change,
    psfs_change,
)
from supple.domain.response import meaningful_improvement


@pytest.mark.parametrize(
    "baseline, band",
    [(5, (3, 7)), (2, (0, 4)), (0, (0, 2)), (6, (4, 8)), (8, (5.6, 10)), (10, (7, 10))],
)
def test_the_band_is_2_points_or_30_percent_whichever_is_larger(baseline, band):
    assert meaningful_band(baseline) == pytest.approx(band)


@pytest.mark.parametrize(
    "baseline, pain, change",
    [
        (5, 3, IMPROVED),  # exactly 2 points
        (5, 3.04, IMPROVED),  # 2 points at the one decimal shown
        (5, 3.06, UNCHANGED),
        (8, 5.6, IMPROVED),  # 30% of 8 is 2.4
        (8, 6, UNCHANGED),
        (5, 7, WORSE),
        (5, 6.9, UNCHANGED),
        (4, 4, UNCHANGED),
    ],
)
def test_pain_changes_by_2_points_or_30_percent_whichever_is_larger(baseline, pain, change):
    assert pain_change(baseline, pain) == change


@pytest.mark.parametrize("baseline", range(11))
def test_the_page_and_the_pain_response_agree_on_a_morning_rating(baseline):
    for pain in range(11):
        assert (pain_change(baseline, pain) == IMPROVED) == meaningful_improvement(baseline, pain)


@pytest.mark.parametrize(
    "first, latest, activities, change",
    [
        (4, 6, 3, IMPROVED),  # 2 points in the mean
        (4, 5.9, 3, UNCHANGED),
        (6, 4, 2, WORSE),
        (4, 6, 1, UNCHANGED),  # a single activity needs 3 points
        (4, 7, 1, IMPROVED),
        (7, 4, 1, WORSE),
    ],
)
def test_a_psfs_change_is_meaningful_at_2_points_or_3_for_one_activity(first, latest, activities, change):
    assert psfs_change(first, latest, activities) == change


def test_the_psfs_rates_up_to_five_activities():
    assert PSFS_MAX_ACTIVITIES == 5
