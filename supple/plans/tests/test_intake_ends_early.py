"""An emergency or urgent answer ends the intake at once: no later step could give a routine."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from supple.plans.models import Intake, Plan
from supple.plans.tests.conftest import step_url, walk
from supple.plans.tests.test_browser import log_in
from supple.plans.views import SESSION_KEY

pytestmark = pytest.mark.django_db


def answer_safety(client, answers, **flags: str):
    walk(client, answers, until="safety")
    return client.post(step_url("safety"), {**answers["safety"], **flags})


def test_numbness_in_the_saddle_area_ends_the_intake_with_the_emergency_page(alice_client, alice, answers):
    response = answer_safety(alice_client, answers, saddle_numbness="yes")
    assert response.status_code == 302 and response.url == reverse("plans:current")
    intake = Intake.objects.get(user=alice)
    # What was answered is kept; the steps not reached are left out, never filled in.
    assert intake.profile["red_flags"]["saddle_numbness"] is True
    assert intake.profile["pain"]["intensity"] == 5 and intake.profile["age"] == 46
    assert not {"lifestyle", "preferences"} & set(intake.profile)
    assert intake.profile["conditions"] == {"pregnancy_trimester": 0}
    plan = Plan.objects.get(user=alice)
    assert (plan.intake, plan.decision, plan.stopped) == (intake, "emergency", True)
    assert plan.document["routine"] == [] and "cauda_equina" in plan.document["reasons"]
    assert SESSION_KEY not in alice_client.session
    assert not alice.activities.exists()
    html = alice_client.get(response.url).content.decode()
    assert "Get emergency care now" in html and "cauda equina" in html


def test_an_intake_ended_early_leaves_the_earlier_conditions_and_habits_to_offer_again(alice_client, answers):
    """The next intake offers the conditions of the last full one, not the empty ones of the early end."""
    answers["conditions"] = {"knee_problem": "on", "osteoporosis": "on"}
    walk(alice_client, answers)
    answer_safety(alice_client, answers, fever_or_unwell="yes")  # ends at the safety step
    walk(alice_client, answers, until="conditions")
    offered = alice_client.get(step_url("conditions")).context["form"].initial
    assert offered["knee_problem"] is True and offered["osteoporosis"] is True
    walk(alice_client, answers, until="habits")
    assert alice_client.get(step_url("habits")).context["form"].initial["sports"] == ["running", "golf"]


def test_an_urgent_answer_ends_the_intake_too(alice_client, alice, answers):
    # Urgent: no routine until a clinician has seen the person, the same day (clinical rules, section 2).
    response = answer_safety(alice_client, answers, fever_or_unwell="yes")
    assert response.url == reverse("plans:current")
    assert Plan.objects.get(user=alice).decision == "urgent"
    assert "See a doctor today" in alice_client.get(response.url).content.decode()


def test_a_pregnancy_warning_sign_ends_the_intake(alice_client, alice, answers):
    response = answer_safety(alice_client, answers, pregnancy_trimester="2", pregnancy_warning_signs="yes")
    assert response.url == reverse("plans:current")
    plan = Plan.objects.get(user=alice)
    assert plan.decision == "urgent" and plan.intake.profile["conditions"] == {"pregnancy_trimester": 2}


@pytest.mark.parametrize("flags", [{}, {"chest_pain": "unsure"}], ids=["no red flag", "not sure"])
def test_other_answers_go_on_to_the_next_step(alice_client, alice, answers, flags):
    response = answer_safety(alice_client, answers, **flags)
    assert response.url == step_url("conditions")
    assert not Intake.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_emergency_page_follows_the_safety_step(page, client, alice, live_server):
    log_in(page, client, alice, live_server)
    page.goto("/plan/start/")
    page.get_by_label("How old are you?").fill("52")
    page.get_by_role("group", name="How bad is your back pain right now?").get_by_label("6", exact=True).check()
    page.get_by_label("How long has this bout of pain lasted?").fill("2")
    page.get_by_label("Lower back").check()
    page.get_by_role("group", name="Do you have pain or tingling below the knee?").get_by_label("No").check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Safety questions")).to_be_visible()
    page.get_by_role("group", name="Are you pregnant?").get_by_label("No", exact=True).check()
    for question in page.locator("fieldset.q:visible").all():
        question.get_by_label("No", exact=True).check()
    saddle = page.get_by_role("group", name="Is there numbness or tingling around your genitals, bottom")
    saddle.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Next").click()

    page.wait_for_url("**/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get emergency care now")
    expect(page.get_by_text("call your emergency number")).to_be_visible()
    assert Plan.objects.get(user=alice).decision == "emergency"
