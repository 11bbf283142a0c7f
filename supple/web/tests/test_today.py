"""The Today page: the day's routines, the streak, this week, and what to do next."""

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse

from supple.domain.tests.helpers import profile
from supple.plans.services import start_plan
from supple.progress.models import Activity, ActivityRating, CheckIn
from supple.sessions.models import SessionLog
from supple.web.today import streak_of

pytestmark = pytest.mark.django_db


def sessions_on(user, days: list[date]) -> None:
    SessionLog.objects.bulk_create(
        SessionLog(
            user=user,
            client_id=uuid.uuid4(),
            started_at=datetime(d.year, d.month, d.day, 8, tzinfo=user.zone),
            ended_at=datetime(d.year, d.month, d.day, 8, 10, tzinfo=user.zone),
            local_date=d,
        )
        for d in days
    )


@pytest.fixture
def alice_today(client, alice):
    start_plan(alice, profile(lifestyle={"sitting_hours": 9}))
    client.force_login(alice)
    return client


def test_without_a_plan_the_person_is_sent_to_the_intake(client, alice):
    client.force_login(alice)
    assert client.get(reverse("web:today")).url == reverse("plans:start")


def test_it_shows_both_routines_with_their_length_and_start_buttons(alice_today, alice):
    html = alice_today.get(reverse("web:today")).content.decode()
    assert "Your daily routine" in html and "Desk routine" in html
    assert reverse("sessions:player", args=["daily"]) in html
    assert reverse("sessions:player", args=["desk"]) in html
    assert "Stop if pain spreads down your leg" in html
    plan = alice.plans.first()
    assert f"About {round(plan.document['minutes'])} minute" in html


def test_a_see_clinician_plan_says_to_book_a_clinician(client, alice):
    start_plan(alice, profile(pain={"intensity": 8}))
    client.force_login(alice)
    assert "Please book an appointment with a clinician soon." in client.get(reverse("web:today")).content.decode()


def test_a_stopped_plan_sends_the_person_to_the_what_to_do_now_page(client, alice):
    start_plan(alice, profile(red_flags={"saddle_numbness": True}))
    client.force_login(alice)
    assert client.get(reverse("web:today")).url == reverse("plans:current")


def test_it_asks_for_the_morning_check_in_until_it_is_done(alice_today, alice):
    assert "Morning check-in" in alice_today.get(reverse("web:today")).content.decode()
    CheckIn.objects.create(user=alice, date=alice.local_date(), pain=3)
    assert "Morning check-in" not in alice_today.get(reverse("web:today")).content.decode()


def test_it_counts_this_weeks_session_days_and_the_streak(alice_today, alice):
    today = alice.local_date()
    sessions_on(alice, [today - timedelta(days=n) for n in range(4)] + [today])  # two today: one day
    response = alice_today.get(reverse("web:today"))
    day = response.context["day"]
    assert day.streak == 4
    assert day.week.sessions == min(4, today.weekday() + 1)
    assert "4 days in a row" in response.content.decode()


def test_it_names_each_day_of_the_week(alice_today, alice):
    today = alice.local_date()
    sessions_on(alice, [today])
    html = alice_today.get(reverse("web:today")).content.decode()
    assert '<span aria-hidden="true">Mo</span>' in html and '<span aria-hidden="true">Su</span>' in html
    assert f'<span class="visually-hidden">{today:%A}: done</span>' in html
    assert "Monday: " in html and "Sunday: " in html


def test_it_asks_to_rerate_activities_after_a_week(alice_today, alice):
    activity = Activity.objects.create(user=alice, name="Gardening")
    ActivityRating.objects.create(activity=activity, date=alice.local_date() - timedelta(days=8), score=4)
    assert "Rate your activities for this week" in alice_today.get(reverse("web:today")).content.decode()
    ActivityRating.objects.create(activity=activity, date=alice.local_date(), score=5)
    assert "Rate your activities for this week" not in alice_today.get(reverse("web:today")).content.decode()


def test_streak_counts_back_from_yesterday_when_today_is_not_done_yet():
    today = date(2026, 11, 24)
    assert streak_of([date(2026, 11, 23), date(2026, 11, 22)], today) == 2
    assert streak_of([date(2026, 11, 24), date(2026, 11, 23), date(2026, 11, 21)], today) == 2
    assert streak_of([date(2026, 11, 20)], today) == 0
    assert streak_of([], today) == 0


def test_clinicians_and_strangers_cannot_open_it(client, physio):
    assert client.get(reverse("web:today")).url.startswith(reverse("accounts:login"))
    client.force_login(physio)
    assert client.get(reverse("web:today")).status_code == 403


def test_two_years_of_history_cost_the_same_queries_as_none(client, alice, bob, django_assert_num_queries):
    for person in (alice, bob):
        start_plan(person, profile(lifestyle={"sitting_hours": 9}))
    today = alice.local_date()
    sessions_on(alice, [today - timedelta(days=n) for n in range(730)])
    CheckIn.objects.bulk_create(CheckIn(user=alice, date=today - timedelta(days=n), pain=3) for n in range(730))
    counts = []
    for person in (alice, bob):
        client.force_login(person)
        with django_assert_num_queries(6) as captured:  # the header reuses the view's plan
            assert client.get(reverse("web:today")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
