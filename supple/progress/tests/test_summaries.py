"""The plain-words summaries beside each chart: improvement, no change and worse."""

from datetime import date

from supple.progress.charts import (
    PsfsPoint,
    band_explanation,
    pain_summary,
    psfs_summary,
    sessions_summary,
)


def test_it_says_a_lower_average_beyond_the_band_is_a_meaningful_improvement():
    assert pain_summary(5, 2.9) == (
        "In the last 7 days your pain averaged 2.9 out of 10, 2.1 points below where you started (5 out of 10): "
        "a meaningful improvement."
    )


def test_exactly_2_points_lower_is_meaningful():
    assert pain_summary(5, 3.0).endswith("2 points below where you started (5 out of 10): a meaningful improvement.")


def test_a_small_drop_is_no_meaningful_change_yet():
    text = pain_summary(5, 4.5)
    assert "0.5 points below where you started (5 out of 10)" in text
    assert "no meaningful change yet" in text and "meaningful improvement" not in text


def test_for_high_starting_pain_a_drop_needs_to_be_30_percent():
    assert "no meaningful change yet" in pain_summary(8, 6.0)
    assert "a meaningful improvement" in pain_summary(8, 5.6)


def test_the_words_follow_the_figures_shown():
    assert "2 points below where you started (5 out of 10): a meaningful improvement." in pain_summary(5, 3.04)
    assert "1.9 points below" in pain_summary(5, 3.06) and "no meaningful change yet" in pain_summary(5, 3.06)


def test_no_change_says_so():
    assert "the same as where you started (4 out of 10): within the usual ups and downs" in pain_summary(4, 4.0)


def test_a_rise_beyond_the_band_is_worse_and_suggests_a_clinician():
    text = pain_summary(5, 7.4)
    assert "2.4 points above where you started (5 out of 10): meaningfully worse." in text
    assert "please see a doctor or physiotherapist" in text


def test_a_small_rise_is_not_called_worse():
    text = pain_summary(5, 6.0)
    assert "1 point above" in text and "worse" not in text


def test_without_recent_ratings_it_asks_for_a_check_in():
    assert pain_summary(5, None).startswith("You have not rated your pain in the last 7 days.")


def test_without_a_baseline_it_gives_the_average_only():
    assert pain_summary(None, 3.25) == "In the last 7 days your pain averaged 3.2 out of 10."


def test_the_band_is_explained_in_words():
    assert band_explanation(5) == (
        "The shaded band, from 3 to 7, marks changes too small to mean much: 2 points either side of your starting "
        "pain (5 out of 10), or 30% of it if that is more. Below the band is a meaningful improvement; above it, "
        "meaningfully worse."
    )


def points(*means, count=3):
    return [PsfsPoint(date(2026, 5, 1 + 7 * n), mean, count) for n, mean in enumerate(means)]


def test_a_psfs_rise_of_2_points_is_a_meaningful_improvement():
    assert psfs_summary(points(4.0, 5.0, 6.0)) == (
        "Your activities score is 6 out of 10, up 2 from 4 when you first rated them: a meaningful improvement."
    )


def test_a_smaller_psfs_rise_is_not_meaningful_yet():
    assert psfs_summary(points(4.0, 5.7)).endswith(
        "up 1.7 from 4 when you first rated them: not a meaningful change yet."
    )


def test_a_psfs_drop_of_2_points_is_worse():
    text = psfs_summary(points(6.0, 3.7))
    assert "down 2.3 from 6 when you first rated them: meaningfully worse." in text


def test_a_single_activity_needs_3_points():
    assert "not a meaningful change yet" in psfs_summary(points(4, 6, count=1))
    assert "a meaningful improvement" in psfs_summary(points(4, 7, count=1))


def test_one_psfs_rating_asks_for_another_next_week():
    assert psfs_summary(points(4.3, count=2)) == (
        "Your activities score is 4.3 out of 10 (2 activities). Rate them again next week to see the change."
    )


def test_no_psfs_ratings_asks_for_the_first():
    assert psfs_summary([]).startswith("You have not rated your activities yet.")


def test_the_sessions_summary_compares_the_week_with_the_plan():
    assert sessions_summary(3, 4, 7, 5.5) == [
        "This week so far: 3 sessions in 4 days.",
        "Your plan suggests 7 a week (once a day).",
        "Over the last 4 full weeks you did 5.5 a week on average.",
        "Short sessions done often help most: every one counts.",
    ]


def test_the_sessions_summary_for_a_new_person():
    assert sessions_summary(0, 1, 14, None)[:2] == [
        "No sessions yet. When you do your routine, it shows here.",
        "Your plan suggests 14 a week (twice a day).",
    ]
