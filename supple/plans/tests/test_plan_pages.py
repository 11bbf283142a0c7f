"""The plan pages: the current plan, an old one, the history; who may see them; query counts."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from supple.domain.plan_text import dose_text
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.plans.tests.test_intake import EXPECTED_PROFILE

pytestmark = pytest.mark.django_db
SAFETY = "Stop if pain spreads down your leg"


def profile(**changes) -> dict:
    doc = copy.deepcopy(EXPECTED_PROFILE)
    for path, value in changes.items():
        section, _, key = path.rpartition("__")
        (doc[section] if section else doc)[key] = value
    return doc


def adapted(plan: Plan, changes: list, days: int = 1, **document) -> Plan:
    """A later plan from the pain response, as the lead's apply_pain_response saves it."""
    return Plan.objects.create(
        user=plan.user,
        intake=plan.intake,
        created=plan.created + timedelta(days=days),
        source=Plan.Source.PAIN_RESPONSE,
        decision=plan.decision,
        document={**plan.document, **document},
        changes=changes,
    )


@pytest.fixture
def alice_plan(alice):
    return start_plan(alice, profile())


def page(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


# --- the current plan -----------------------------------------------------------------


def test_a_person_without_a_plan_is_sent_to_the_intake(alice_client):
    response = alice_client.get(reverse("plans:current"))
    assert response.status_code == 302 and response.url == reverse("plans:start")


def test_the_plan_shows_each_exercise_with_its_figure_dose_and_why(alice_client, alice_plan):
    html = page(alice_client, "plans:current")
    doc = alice_plan.document
    items = alice_plan.content.routine + alice_plan.content.desk_routine
    assert html.count("<picture>") == len(items)
    for item in items:
        assert f'src="/exercises/{item.exercise}/figure.svg"' in html
        assert escape(item.name) in html
        assert f'href="/exercises/{item.exercise}/"' in html
        assert escape(dose_text(item)) in html
    assert "It answers your sitting (about 9 hours a day)" in html
    assert "your sport that twists to one side (golf)" in html
    assert f"about <strong>{doc['minutes']:g} minutes</strong>" in html
    assert SAFETY in html


def test_the_decision_and_advice_come_before_the_routine(alice_client, alice_plan):
    html = page(alice_client, "plans:current")
    assert html.index("You can start") < html.index("Keep moving") < html.index("Your daily routine")
    assert html.index("Your daily routine") < html.index("Not for you right now") < html.index("How long it takes")


def test_every_excluded_exercise_says_why_in_plain_words(alice_client, alice):
    plan = start_plan(alice, profile(conditions__knee_problem=True, preferences__has_chair=False))
    html = page(alice_client, "plans:current")
    assert plan.document["excluded"]
    for exclusion in plan.document["excluded"]:
        assert f'href="/exercises/{exclusion["exercise"]}/"' in html
    assert "It needs kneeling or deep knee bending, which could strain your knee." in html
    assert "It needs a chair." in html


def test_exercises_left_out_for_the_same_reasons_are_listed_together(alice_client, alice):
    plan = start_plan(alice, profile(pain__intensity=8))  # severe pain: gentle exercises only
    html = page(alice_client, "plans:current")
    combinations = {tuple(e["because"]) for e in plan.document["excluded"]}
    assert len(combinations) < len(plan.document["excluded"])
    sentence = "Only gentle exercises for now, because of how strong your pain is or until a clinician has seen you."
    assert html.count(sentence) == sum("gentle_only" in codes for codes in combinations)


def test_an_adapted_plan_shows_what_changed_and_why(alice_client, alice_plan):
    reason = "Holds shortened because your pain rose the next morning."
    adapted(alice_plan, [reason, {"code": "improvement", "reason": "Your morning pain is down: a real improvement."}])
    html = page(alice_client, "plans:current")
    assert "What changed, and why" in html
    assert reason in html and "a real improvement" in html
    assert "Adjusted to how your back responded" in html


def test_an_exercise_taken_out_after_symptoms_spread_says_so(alice_client, alice_plan):
    first, *rest = alice_plan.document["routine"]
    adapted(alice_plan, [], routine=rest, removed=[{"exercise": first["exercise"], "because": ["symptoms_spread"]}])
    html = page(alice_client, "plans:current")
    assert "Pain, tingling or numbness spread down your leg during or after it." in html


def test_a_plan_paused_by_new_numbness_is_a_full_page_message(alice_client, alice_plan):
    stop = "Stop the exercises for now: you reported new numbness."
    doc = {"routine": [], "desk_routine": [], "schedule": None, "minutes": 0, "status": "stopped"}
    adapted(alice_plan, [stop], advice=[stop, *alice_plan.document["advice"]], **doc)
    html = page(alice_client, "plans:current")
    assert "Your exercises are paused" in html and stop in html and "stopped-now" in html
    assert "Keep moving" not in html  # the old routine's advice no longer applies
    assert "Your daily routine" not in html and "<picture>" not in html


def test_an_emergency_page_hides_the_navigation(alice_client, alice):
    start_plan(alice, profile(red_flags__chest_pain=True))
    html = page(alice_client, "plans:current")
    assert "stopped-now" in html and "Get emergency care now" in html
    assert "heart or a large blood vessel" in html


# --- an older plan, and the history ----------------------------------------------------


def test_an_older_plan_is_shown_as_such(alice_client, alice_plan):
    newer = adapted(alice_plan, ["Holds shortened."])
    html = page(alice_client, "plans:detail", alice_plan.public_id)
    assert "This is an earlier plan" in html and "What changed" not in html
    assert "This is an earlier plan" not in page(alice_client, "plans:detail", newer.public_id)


def test_an_older_emergency_plan_keeps_the_navigation(alice_client, alice):
    old = start_plan(alice, profile(red_flags__chest_pain=True))
    start_plan(alice, profile())
    html = page(alice_client, "plans:detail", old.public_id)
    assert "This is an earlier plan" in html and "stopped-now" not in html


def test_the_history_lists_every_plan_newest_first(alice_client, alice, alice_plan):
    later = adapted(alice_plan, ["Holds shortened."])
    urgent = start_plan(alice, profile(red_flags__fever_or_unwell=True))
    html = page(alice_client, "plans:history")
    links = [reverse("plans:detail", args=[p.public_id]) for p in (later, urgent, alice_plan)]
    positions = [html.index(link) for link in links]
    assert positions == sorted(positions)
    assert "Made from your answers" in html and "Adjusted to how your back responded" in html
    assert "Urgent" in html and "Proceed" in html
    local = timezone.localtime(alice_plan.created, alice.zone)
    assert local.strftime("%-d %b %Y, %H:%M") in html


def test_the_history_of_a_person_without_plans_points_to_the_intake(alice_client):
    assert "You have no plan yet" in page(alice_client, "plans:history")


# --- who may see what -------------------------------------------------------------------


def test_another_person_cannot_open_a_plan_by_its_address(client, bob, alice_plan):
    client.force_login(bob)
    assert client.get(reverse("plans:detail", args=[alice_plan.public_id])).status_code == 404
    assert reverse("plans:detail", args=[alice_plan.public_id]) not in page(client, "plans:history")
    assert client.get(reverse("plans:current")).url == reverse("plans:start")


def test_an_unknown_plan_is_not_found(alice_client, alice_plan):
    assert alice_client.get("/plan/7d5c7a2e-0000-4000-8000-000000000000/").status_code == 404


@pytest.mark.parametrize("name", ["plans:current", "plans:history", "plans:detail"])
def test_clinicians_are_not_people_here(client, physio, alice_plan, name):
    client.force_login(physio)
    args = [alice_plan.public_id] if name == "plans:detail" else []
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("name", ["plans:current", "plans:history", "plans:detail"])
def test_the_plan_pages_need_a_login(client, settings, alice_plan, name):
    settings.LOGIN_URL = "/accounts/login/"
    args = [alice_plan.public_id] if name == "plans:detail" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_plan_pages_only_read(alice_client, alice_plan):
    for name, args in (("plans:current", []), ("plans:history", []), ("plans:detail", [alice_plan.public_id])):
        assert alice_client.post(reverse(name, args=args)).status_code == 405


# --- query counts -------------------------------------------------------------------------


def many_plans(plan: Plan, count: int = 60) -> None:
    Plan.objects.bulk_create(
        Plan(
            user=plan.user,
            intake=plan.intake,
            created=plan.created - timedelta(days=day),
            source=Plan.Source.PAIN_RESPONSE,
            decision=plan.decision,
            document=plan.document,
            changes=["Holds shortened."],
        )
        for day in range(1, count + 1)
    )


@pytest.mark.parametrize("history", [False, True])
def test_the_query_counts_do_not_grow_with_history(alice_client, alice_plan, django_assert_num_queries, history):
    if history:
        many_plans(alice_plan)
    with django_assert_num_queries(4):  # session, user, current plan with its intake, the header's plan
        alice_client.get(reverse("plans:current"))
    with django_assert_num_queries(4):  # session, user, plans, the header's plan
        alice_client.get(reverse("plans:history"))
    with django_assert_num_queries(5):  # session, user, the plan, the newest plan's id, the header's plan
        alice_client.get(reverse("plans:detail", args=[alice_plan.public_id]))


@pytest.mark.parametrize("history", [False, True])
def test_the_intake_query_counts_do_not_grow_with_history(alice_client, alice_plan, django_assert_num_queries, history):
    from supple.plans.tests.conftest import proceed_answers, step_url, walk

    if history:
        many_plans(alice_plan)
    answers = proceed_answers()
    walk(alice_client, answers, until="conditions")
    with django_assert_num_queries(4):  # session, user, the last intake (remembered answers), the header's plan
        alice_client.get(step_url("conditions"))
    walk(alice_client, answers, until="activities")
    with django_assert_num_queries(4):  # session, user, the active activities, the header's plan
        alice_client.get(step_url("activities"))
