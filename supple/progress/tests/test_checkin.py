"""The morning check-in: pain now, new symptoms and the red-flag questions, once a day."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from supple.domain.response import NEURO_STOP_ADVICE
from supple.domain.screening import EMERGENCY_ADVICE, URGENT_SAME_DAY_ADVICE
from supple.plans.models import Plan
from supple.plans.services import start_plan
from supple.progress import views
from supple.progress.models import CheckIn
from supple.progress.tests.conftest import TODAY, add_history, checkin_answers, profile

pytestmark = pytest.mark.django_db
URL = reverse("progress:checkin")


@pytest.fixture(autouse=True)
def frozen(clock):
    return clock


def test_the_page_asks_pain_new_symptoms_and_each_safety_question(alice_client, alice_plan):
    response = alice_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "How strong is your back pain right now?",
        "New numbness, pins and needles or weakness",
        "spreading further down a leg",
        "Numbness around your genitals, bottom or inner thighs",
        "New trouble passing or holding urine or stool",
        "Pain, numbness or weakness in both legs at once?",
        "Stop if pain spreads down your leg",
    ):
        assert text in page
    assert "Bleeding, fluid leaking" not in page  # the pregnancy question is only for pregnancy


def test_the_pregnancy_warning_question_is_asked_during_pregnancy(alice_client, alice):
    start_plan(alice, profile(pregnancy_trimester=2))
    assert "Bleeding, fluid leaking" in alice_client.get(URL).content.decode()


def test_a_person_checks_in_and_sees_it_recorded(alice_client, alice, alice_plan):
    response = alice_client.post(URL, checkin_answers(pain=3))
    assert response.status_code == 302 and response.url == URL
    [checkin] = CheckIn.objects.filter(user=alice)
    assert (checkin.date, checkin.pain, checkin.new_numbness, checkin.spreading, checkin.red_flags) == (
        TODAY,
        3,
        False,
        False,
        [],
    )
    page = alice_client.get(URL).content.decode()
    assert "you have checked in today" in page and "3 out of 10" in page


@pytest.mark.parametrize(
    "answers, field, message",
    [
        ({"pain": ""}, "pain", "Choose how strong your pain is now"),
        ({"pain": "11"}, "pain", "Choose a number from 0 to 10."),
        ({"pain": "-1"}, "pain", "Choose a number from 0 to 10."),
        ({"pain": "lots"}, "pain", "Choose a number from 0 to 10."),
        ({"new_numbness": ""}, "new_numbness", "Please answer yes or no."),
        ({"flag_bladder_or_bowel_change": ""}, "flag_bladder_or_bowel_change", "Please answer yes or no."),
        ({"flag_chest_pain": "maybe"}, "flag_chest_pain", "Select a valid choice."),
    ],
)
def test_bad_answers_show_field_errors_and_store_nothing(alice_client, alice, alice_plan, answers, field, message):
    response = alice_client.post(URL, checkin_answers() | answers)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    page = response.content.decode()
    assert "Please check your answers" in page and f'aria-describedby="id_{field}-error"' in page
    assert not CheckIn.objects.exists()


def test_an_unanswered_safety_question_is_not_taken_as_no(alice_client, alice_plan):
    data = checkin_answers()
    del data["flag_saddle_numbness"]
    response = alice_client.post(URL, data)
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_a_bad_redo_leaves_the_first_check_in_as_it_was(alice_client, alice, alice_plan):
    alice_client.post(URL, checkin_answers(pain=4))
    alice_client.post(URL, checkin_answers(pain=4) | {"pain": "12"})
    assert CheckIn.objects.get(user=alice).pain == 4


def test_redoing_it_the_same_day_updates_it(alice_client, alice, alice_plan, clock):
    alice_client.post(URL, checkin_answers(pain=6))
    clock.advance(hours=3)
    alice_client.post(URL, checkin_answers(pain=4, spreading="yes"))
    [checkin] = CheckIn.objects.filter(user=alice)
    assert (checkin.pain, checkin.spreading) == (4, True)


def test_the_form_shows_todays_answers_for_a_redo(alice_client, alice_plan):
    alice_client.post(URL, checkin_answers(pain=7))
    form = alice_client.get(URL).context["form"]
    assert form.initial["pain"] == 7 and form.initial["flag_chest_pain"] == "no"


def test_the_next_day_is_a_new_check_in(alice_client, alice, alice_plan, clock):
    alice_client.post(URL, checkin_answers(pain=6))
    clock.advance(days=1)
    alice_client.post(URL, checkin_answers(pain=5))
    assert list(CheckIn.objects.filter(user=alice).values_list("date", "pain")) == [
        (date(2026, 6, 11), 5),
        (TODAY, 6),
    ]


def test_the_day_is_the_persons_own_calendar_day(client, alice, bob, clock):
    clock.set(datetime(2026, 6, 10, 23, 30, tzinfo=UTC))  # 00:30 on 11 June in London, 19:30 on 10 June in New York
    for person in (alice, bob):
        client.force_login(person)
        client.post(URL, checkin_answers())
    assert CheckIn.objects.get(user=alice).date == date(2026, 6, 11)
    assert CheckIn.objects.get(user=bob).date == date(2026, 6, 10)


def test_a_cauda_equina_sign_shows_emergency_advice_and_is_stored_by_its_intake_code(alice_client, alice, alice_plan):
    response = alice_client.post(URL, checkin_answers(flag_saddle_numbness="yes", flag_both_legs="yes"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Get emergency care now" in page and EMERGENCY_ADVICE in page
    assert "Call your emergency number" in page
    assert CheckIn.objects.get(user=alice).red_flags == ["saddle_numbness", "both_legs"]


def test_an_urgent_red_flag_says_to_see_a_doctor_today(alice_client, alice_plan):
    page = alice_client.post(URL, checkin_answers(flag_fever_or_unwell="yes")).content.decode()
    assert "See a doctor before any more exercises" in page and URGENT_SAME_DAY_ADVICE in page
    assert "Get emergency care now" not in page


def test_new_numbness_stops_the_program_until_screening_is_redone(alice_client, alice, alice_plan):
    page = alice_client.post(URL, checkin_answers(new_numbness="yes")).content.decode()
    assert "Stop the exercises for now" in page and NEURO_STOP_ADVICE in page
    assert CheckIn.objects.get(user=alice).new_numbness


def test_a_program_paused_by_new_numbness_is_stopped_whatever_its_decision(alice_client, alice_plan):
    response = alice_client.post(URL, checkin_answers(new_numbness="yes"))
    assert alice_plan.decision == "proceed" and response.context["stop"].decision == "stopped"
    assert 'class="stop stop-stopped"' in response.content.decode()


def test_a_stopped_program_shows_what_to_do_now_instead_of_the_form(alice_client, alice, alice_plan):
    Plan.objects.create(
        user=alice,
        intake=alice_plan.intake,
        source=Plan.Source.PAIN_RESPONSE,
        decision=Plan.Decision.EMERGENCY,
        document={**alice_plan.document, "decision": "emergency", "status": "stopped", "advice": [EMERGENCY_ADVICE]},
        changes=["Screening ran again after your check-in."],
    )
    response = alice_client.get(URL)
    page = response.content.decode()
    assert "Get emergency care now" in page and EMERGENCY_ADVICE in page
    assert "Screening ran again after your check-in." in page
    assert "Save check-in" not in page
    alice_client.post(URL, checkin_answers())
    assert not CheckIn.objects.exists()


def test_the_pain_response_runs_after_saving_and_every_change_is_shown(alice_client, alice, alice_plan, monkeypatch):
    calls = []

    def respond(user):
        calls.append(user)
        return Plan.objects.create(
            user=user,
            intake=alice_plan.intake,
            source=Plan.Source.PAIN_RESPONSE,
            decision=alice_plan.decision,
            document=alice_plan.document,
            changes=[
                "Holds shortened because your pain rose the next morning.",
                {"code": "clinician_flares", "reason": "Please see a doctor or physiotherapist."},
            ],
        )

    monkeypatch.setattr(views, "apply_pain_response", respond)
    alice_client.post(URL, checkin_answers(pain=8))
    assert calls == [alice]
    page = alice_client.get(URL).content.decode()
    assert "What changed in your plan today" in page
    assert "Holds shortened because your pain rose the next morning." in page
    assert "Please see a doctor or physiotherapist." in page


def test_the_changes_of_a_stopping_pain_response_are_on_the_stop_page(alice_client, alice, alice_plan, monkeypatch):
    def respond(user):
        return Plan.objects.create(
            user=user,
            intake=alice_plan.intake,
            source=Plan.Source.PAIN_RESPONSE,
            decision=Plan.Decision.URGENT,
            document={**alice_plan.document, "status": "stopped", "advice": [URGENT_SAME_DAY_ADVICE]},
            changes=["Your answers were screened again: see a doctor today."],
        )

    monkeypatch.setattr(views, "apply_pain_response", respond)
    page = alice_client.post(URL, checkin_answers(flag_worsening_weakness="yes")).content.decode()
    assert URGENT_SAME_DAY_ADVICE in page and "Your answers were screened again: see a doctor today." in page


def test_it_works_before_any_intake(alice_client, alice):
    assert alice_client.post(URL, checkin_answers(pain=2)).status_code == 302
    assert CheckIn.objects.get(user=alice).pain == 2


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_clinicians_cannot_check_in_for_anyone(client, physio, alice, alice_plan):
    client.force_login(physio)
    assert client.get(URL).status_code == 403
    assert client.post(URL, checkin_answers()).status_code == 403
    assert not CheckIn.objects.exists()


def test_bob_sees_and_changes_only_his_own_check_in(client, alice, bob, alice_plan):
    client.force_login(alice)
    client.post(URL, checkin_answers(pain=7))
    client.force_login(bob)
    page = client.get(URL).content.decode()
    assert "you have checked in today" not in page and "7 out of 10" not in page
    client.post(URL, checkin_answers(pain=1))
    assert CheckIn.objects.get(user=alice).pain == 7
    assert CheckIn.objects.get(user=bob).pain == 1


@pytest.mark.parametrize("history", [False, True])
def test_the_page_takes_the_same_queries_whatever_the_history(
    client, alice, alice_plan, django_assert_num_queries, history
):
    if history:
        add_history(alice, alice_plan, TODAY)
        CheckIn.objects.filter(user=alice, date=TODAY).delete()
    client.force_login(alice)
    # session, user, current plan (the header reuses it), today's check-in
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("history", [False, True])
def test_a_done_check_in_page_takes_the_same_queries_whatever_the_history(
    client, alice, alice_plan, django_assert_num_queries, history
):
    if history:
        add_history(alice, alice_plan, TODAY)
    else:
        CheckIn.objects.create(user=alice, date=TODAY, pain=3)
    client.force_login(alice)
    # session, user, current plan (the header reuses it), today's check-in, today's plan changes
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("history", [False, True])
def test_saving_takes_the_same_queries_whatever_the_history(
    client, alice, alice_plan, django_assert_num_queries, history, no_pain_response
):
    if history:
        add_history(alice, alice_plan, TODAY)
        CheckIn.objects.filter(user=alice, date=TODAY).delete()
    client.force_login(alice)
    # session, user, current plan, today's check-in, then update_or_create (two savepoints, a select
    # for update, the insert, two releases); the pain response is the plans app's own, counted there.
    with django_assert_num_queries(10):
        assert client.post(URL, checkin_answers()).status_code == 302


def test_with_the_real_pain_response_a_red_flag_stops_the_program(alice_client, alice, alice_plan):
    alice_client.post(URL, checkin_answers(flag_chest_pain="yes"))
    plan = Plan.objects.filter(user=alice).first()
    assert plan.source == Plan.Source.PAIN_RESPONSE and plan.decision == Plan.Decision.EMERGENCY
    page = alice_client.get(URL).content.decode()
    assert "Get emergency care now" in page and "Save check-in" not in page
    assert "Your program is stopped" in alice_client.get(reverse("progress:index")).content.decode()


def test_with_the_real_pain_response_a_bad_morning_lightens_the_next_sessions(alice_client, alice, alice_plan):
    alice_client.post(URL, checkin_answers(pain=8))
    page = alice_client.get(URL).content.decode()
    assert "What changed in your plan today" in page
    assert "This morning your pain was 8/10, 2 or more points above your usual 5/10" in page


def test_the_stop_page_names_what_was_reported_in_plain_words(alice_client, alice_plan):
    page = alice_client.post(URL, checkin_answers(flag_bladder_or_bowel_change="yes")).content.decode()
    assert "You told supple about: new trouble passing or holding urine or stool." in page
    assert "bladder_or_bowel_change" not in page
