"""The Progress page: charts' data, their summaries, plan changes and clinician advice, per person."""

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supple.domain.response import FLARE_CLINICIAN_ADVICE
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.progress.tests.conftest import TODAY, add_history, profile, session
from supple.reminders.models import Reminder
from supple.sessions.models import SessionLog

pytestmark = pytest.mark.django_db
URL = reverse("progress:index")


@pytest.fixture(autouse=True)
def frozen(clock):
    return clock


def chart_data(response) -> dict:
    return response.context["chart_data"]


def checkins(user, *pains, until=TODAY):
    """Daily check-ins ending `until`, oldest first."""
    days = [until - timedelta(days=n) for n in range(len(pains))][::-1]
    CheckIn.objects.bulk_create(CheckIn(user=user, date=d, pain=p) for d, p in zip(days, pains, strict=True))


def pain_response(user, plan, *changes, advice=None, day=None):
    """A plan row from the pain response, made on `day` (by default now, so it is the current plan)."""
    when = {"created": datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)} if day else {}
    return Plan.objects.create(
        user=user,
        intake=plan.intake,
        source=Plan.Source.PAIN_RESPONSE,
        decision=plan.decision,
        document={**plan.document, "advice": advice or plan.document["advice"]},
        changes=list(changes),
        **when,
    )


def test_a_meaningful_improvement_is_said_in_words(alice_client, alice, alice_plan):
    checkins(alice, 3, 3, 3, 3, 3, 2, 3)
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert response.context["pain_summary"] == (
        "In the last 7 days your pain averaged 2.9 out of 10, 2.1 points below where you started (5 out of 10): "
        "a meaningful improvement."
    )
    assert "The shaded band, from 3 to 7" in response.content.decode()


def test_no_meaningful_change_is_said_in_words(alice_client, alice, alice_plan):
    checkins(alice, 5, 4, 5, 4)
    assert "no meaningful change yet" in alice_client.get(URL).context["pain_summary"]


def test_a_meaningful_worsening_is_said_in_words(alice_client, alice, alice_plan):
    checkins(alice, 8, 7, 7)
    assert "meaningfully worse" in alice_client.get(URL).context["pain_summary"]


def test_the_weekly_average_counts_check_ins_and_pain_before_sessions_only(alice_client, alice, alice_plan):
    checkins(alice, 4)
    SessionLog.objects.bulk_create(
        [
            session(alice, alice_plan, TODAY, pain_before=2, pain_after=0),
            session(alice, alice_plan, TODAY, pain_before=3),
        ]
    )
    checkins(alice, 9, until=TODAY - timedelta(days=7))  # 8 days ago: outside the week
    assert "averaged 3 out of 10" in alice_client.get(URL).context["pain_summary"]


def test_the_pain_chart_has_the_baseline_and_the_band(alice_client, alice, alice_plan):
    checkins(alice, 6, 4)
    SessionLog.objects.bulk_create([session(alice, alice_plan, TODAY, pain_before=4, pain_after=2)])
    pain = chart_data(alice_client.get(URL))["pain"]
    assert len(pain["labels"]) == 84 and pain["labels"][-1] == "10 Jun"
    assert pain["checkin"][-2:] == [6, 4] and pain["checkin"][0] is None
    assert (pain["before"][-1], pain["after"][-1]) == (4, 2)
    assert pain["baseline"] == 5 and list(pain["band"]) == [3, 7]


def test_the_baseline_is_the_pain_of_the_current_plans_intake(alice_client, alice, alice_plan):
    start_plan(alice, profile(intensity=8))
    data = chart_data(alice_client.get(URL))
    assert data["pain"]["baseline"] == 8 and list(data["pain"]["band"]) == pytest.approx([5.6, 10])


def test_sessions_per_week_count_daily_routines_against_the_plan(alice_client, alice, alice_plan):
    monday = date(2026, 6, 8)
    SessionLog.objects.bulk_create(
        [
            session(alice, alice_plan, monday),
            session(alice, alice_plan, monday + timedelta(days=1)),
            session(alice, alice_plan, monday + timedelta(days=1), routine="desk"),
            session(alice, alice_plan, monday - timedelta(days=3)),
        ]
    )
    response = alice_client.get(URL)
    sessions = chart_data(response)["sessions"]
    assert sessions["labels"][-2:] == ["Week of 1 Jun", "Week of 8 Jun"]
    assert sessions["counts"][-2:] == [1, 2] and sessions["target"] == 7
    lines = response.context["sessions_lines"]
    assert lines[:2] == ["This week so far: 2 sessions in 3 days.", "Your plan suggests 7 a week (once a day)."]


def test_the_psfs_chart_shows_the_mean_of_each_rating_day(alice_client, alice, alice_plan):
    socks = Activity.objects.create(user=alice, name="Socks")
    garden = Activity.objects.create(user=alice, name="Garden", archived=True)
    first, later = date(2026, 5, 1), date(2026, 6, 1)
    ActivityRating.objects.bulk_create(
        [
            ActivityRating(activity=socks, date=first, score=3),
            ActivityRating(activity=garden, date=first, score=4),
            ActivityRating(activity=socks, date=later, score=6),
            ActivityRating(activity=garden, date=later, score=5),
        ]
    )
    response = alice_client.get(URL)
    assert chart_data(response)["psfs"] == {"labels": ["1 May 2026", "1 Jun 2026"], "means": [3.5, 5.5]}
    assert response.context["psfs_summary"].endswith(
        "up 2 from 3.5 when you first rated them: a meaningful improvement."
    )


def test_plan_changes_from_the_pain_response_are_listed_in_plain_words(alice_client, alice, alice_plan):
    pain_response(alice, alice_plan, "Holds shortened because your pain rose the next morning.", day=TODAY)
    pain_response(alice, alice_plan, {"code": "exercise_removed", "reason": "Cat-camel is taken out."}, day=TODAY)
    pain_response(alice, alice_plan, day=TODAY)  # no changes: nothing to list
    page = alice_client.get(URL).content.decode()
    assert "Holds shortened because your pain rose the next morning." in page
    assert "Cat-camel is taken out." in page
    assert "10 June 2026" in page


def test_a_recommendation_to_see_a_clinician_is_shown(alice_client, alice, alice_plan):
    pain_response(alice, alice_plan, FLARE_CLINICIAN_ADVICE, advice=[FLARE_CLINICIAN_ADVICE, "Keep moving."])
    response = alice_client.get(URL)
    assert response.context["recommendations"] == [FLARE_CLINICIAN_ADVICE]
    assert "Seeing a clinician" in response.content.decode()


def test_a_see_clinician_plan_recommends_it(alice_client, alice):
    start_plan(alice, profile(intensity=9))
    recommendations = alice_client.get(URL).context["recommendations"]
    assert any("Book an appointment with a doctor or physiotherapist soon" in line for line in recommendations)


def test_a_stopped_program_is_said_first(alice_client, alice, alice_plan):
    Plan.objects.create(
        user=alice,
        intake=alice_plan.intake,
        source=Plan.Source.PAIN_RESPONSE,
        decision=Plan.Decision.URGENT,
        document={**alice_plan.document, "status": "stopped", "advice": ["See a doctor today."]},
    )
    page = alice_client.get(URL).content.decode()
    assert "Your program is stopped" in page and "See a doctor today." in page


@pytest.mark.parametrize("period, days", [("4w", 28), ("12w", 84), ("1y", 365)])
def test_a_person_chooses_the_time_span(alice_client, alice_plan, period, days):
    assert len(chart_data(alice_client.get(URL, {"period": period}))["pain"]["labels"]) == days


def test_all_time_starts_at_the_first_entry(alice_client, alice, alice_plan):
    checkins(alice, 4, until=date(2024, 6, 11))
    labels = chart_data(alice_client.get(URL, {"period": "all"}))["pain"]["labels"]
    assert labels[0] == "11 Jun 2024" and labels[-1] == "10 Jun 2026" and len(labels) == 730


def test_an_unknown_time_span_is_an_error_shown_beside_the_field(alice_client, alice_plan):
    response = alice_client.get(URL, {"period": "forever"})
    assert response.status_code == 400
    assert "Choose one of the time spans in the list." in response.content.decode()


def test_the_page_works_before_any_intake(alice_client, alice):
    checkins(alice, 3)
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert response.context["pain_summary"] == "In the last 7 days your pain averaged 3 out of 10."
    assert chart_data(response)["pain"]["band"] is None


def test_the_weekly_table_rounds_half_up_and_marks_missing_numbers(alice_client, alice, alice_plan):
    checkins(alice, 2, 2, 2, 3, until=date(2026, 6, 7))  # Thursday to Sunday: a mean of 2.25
    html = alice_client.get(URL).content.decode()
    dash = "\N{EN DASH}"
    assert f'<tr><th scope="row">1 Jun 2026</th><td>2.3</td><td>{dash}</td><td>{dash}</td></tr>' in html


def test_the_chart_data_is_embedded_as_json(alice_client, alice, alice_plan):
    checkins(alice, 4)
    page = alice_client.get(URL).content.decode()
    start = page.index('<script id="progress-data" type="application/json">') + len(
        '<script id="progress-data" type="application/json">'
    )
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["pain"]["checkin"][-1] == 4


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_clinicians_get_403(client, physio, other_physio):
    for clinician in (physio, other_physio):
        client.force_login(clinician)
        assert client.get(URL).status_code == 403


def test_bob_never_sees_alices_data(client, alice, bob, alice_plan):
    add_history(alice, alice_plan, TODAY, days=60)
    client.force_login(bob)
    response = client.get(URL, {"period": "all"})
    data = chart_data(response)
    assert set(data["pain"]["checkin"]) == {None} and set(data["pain"]["before"]) == {None}
    assert set(data["sessions"]["counts"]) == {0} and data["psfs"] == {"labels": [], "means": []}
    assert data["pain"]["baseline"] is None
    page = response.content.decode()
    assert "Holds shortened" not in page and "pain rose" not in page


@pytest.mark.parametrize("period", ["12w", "all"])
@pytest.mark.parametrize("history", [False, True])
def test_the_page_takes_the_same_queries_whatever_the_history(
    client, alice, alice_plan, django_assert_num_queries, history, period
):
    if history:
        add_history(alice, alice_plan, TODAY)
    client.force_login(alice)
    # session, user, current plan (the header reuses it), check-ins, sessions by day, PSFS means by day, plan changes,
    # reminders by week, sessions with and without a reminder by week, exercises stopped for pain
    with django_assert_num_queries(10):
        response = client.get(URL, {"period": period})
    assert response.status_code == 200
    if history:
        assert "meaningful" in response.context["pain_summary"]
        assert len(response.context["pain_table"]) > 0


def test_progress_shows_reminders_and_prompted_sessions_week_by_week(client, alice, alice_plan):
    now = timezone.now()
    reminder = Reminder.objects.create(
        user=alice, kind="desk_break", channel="browser", status="started", due_at=now, local_date=alice.local_date()
    )
    for prompted_by in (reminder, None, None):
        SessionLog.objects.create(
            user=alice, client_id=uuid.uuid4(), started_at=now - timedelta(minutes=5), ended_at=now,
            local_date=alice.local_date(), prompted_by=prompted_by,
        )  # fmt: skip
    client.force_login(alice)
    response = client.get(URL)
    [this_week, *_] = response.context["reminder_weeks"]
    assert (this_week.reminded, this_week.started, this_week.prompted, this_week.self_started) == (1, 1, 1, 2)
    assert "Sessions after a reminder" in response.content.decode()
