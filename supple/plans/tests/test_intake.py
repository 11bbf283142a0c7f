"""The intake: six steps kept in the session, nothing stored until the end, then a plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supple.domain.intake import parse_intake
from supple.plans import views
from supple.plans.forms import build_profile
from supple.plans.models import Intake, Plan
from supple.plans.tests.conftest import proceed_answers, step_url, walk
from supple.plans.views import SESSION_KEY, STEP_NAMES
from supple.progress.models import Activity, ActivityRating

pytestmark = pytest.mark.django_db

EXPECTED_PROFILE = {
    "version": 1,
    "age": 46,
    "height_cm": 178,
    "weight_kg": 92,
    "pain": {
        "intensity": 5,
        "weeks": 9,
        "areas": ["low_back", "buttock_left"],
        "below_knee": False,
        "worse_with": ["sitting", "bending_forward"],
    },
    "red_flags": {
        "saddle_numbness": False,
        "bladder_or_bowel_change": False,
        "sexual_function_loss": False,
        "both_legs": False,
        "worsening_weakness": False,
        "major_trauma": False,
        "chest_pain": False,
        "fever_or_unwell": False,
        "immunosuppressed": False,
        "cancer_history": False,
        "weight_loss": False,
        "constant_night_pain": False,
        "minor_trauma_with_fragile_bones": False,
        "pregnancy_warning_signs": None,
    },
    "inflammatory": {
        "morning_stiffness_30min": False,
        "wakes_second_half_night": False,
        "better_with_movement": False,
        "alternating_buttock_pain": False,
    },
    "conditions": {
        "pregnancy_trimester": 0,
        "hip_replacement": None,
        "knee_problem": False,
        "osteoporosis": False,
        "spinal_stenosis": False,
        "recent_surgery": None,
        "hypermobility": False,
    },
    "lifestyle": {"sitting_hours": 9, "driving_hours": 1.5, "sports": ["running", "golf"], "posture_concern": False},
    "preferences": {"minutes_per_day": 10, "can_get_on_floor": True, "has_chair": True},
}


def stored() -> tuple[int, int, int, int]:
    return Intake.objects.count(), Plan.objects.count(), Activity.objects.count(), ActivityRating.objects.count()


# --- the whole flow ------------------------------------------------------------------


def test_a_person_with_nothing_worrying_gets_a_full_routine(alice_client, alice, answers):
    response = walk(alice_client, answers)
    assert response.url == reverse("plans:current")
    plan = alice.plans.get()
    assert plan.decision == "proceed" and plan.source == "intake"
    assert plan.intake.profile == EXPECTED_PROFILE
    html = alice_client.get(response.url).content.decode()
    assert "You can start" in html and "Your daily routine" in html
    assert len(plan.document["routine"]) >= 3
    for item in plan.document["routine"]:
        assert item["name"] in html.replace("&#x27;", "'")


def test_the_profile_is_exactly_the_documented_intake(answers):
    clean = {name: views.STEPS[i].form(answers[name]) for i, name in enumerate(STEP_NAMES)}
    assert all(form.is_valid() for form in clean.values())
    profile = build_profile({name: form.cleaned_data for name, form in clean.items()})
    assert profile == EXPECTED_PROFILE
    assert parse_intake(profile).lifestyle.sports == ("running", "golf")


def test_pain_or_tingling_below_the_knee_recommends_a_clinician_with_a_gentle_routine(alice_client, alice, answers):
    answers["pain"]["below_knee"] = "yes"
    walk(alice_client, answers)
    plan = alice.plans.get()
    assert plan.decision == "see_clinician"
    assert "below_knee" in plan.document["reasons"]
    html = alice_client.get(reverse("plans:current")).content.decode()
    assert "Please book an appointment with a clinician soon" in html
    assert html.count("Book an appointment with a doctor or physiotherapist soon.") == 1
    assert "Pain or tingling below the knee can come from an irritated nerve" in html
    assert "Your daily routine" in html
    assert all("gentle" in item["tags"] for item in plan.document["routine"])


def test_saddle_numbness_is_an_emergency_with_no_routine(alice_client, alice, answers):
    answers["safety"]["saddle_numbness"] = "yes"
    walk(alice_client, answers)
    plan = alice.plans.get()
    assert plan.decision == "emergency"
    response = alice_client.get(reverse("plans:current"))
    html = response.content.decode()
    assert response.templates[0].name == "plans/stopped.html"
    assert "Get emergency care now" in html
    assert "call your emergency number or go to the nearest emergency department" in html
    assert "cauda equina" in html
    assert "Your daily routine" not in html and "<picture>" not in html and "/exercises/" not in html.split("<main")[1]


def test_a_fever_is_urgent_with_no_routine_until_a_clinician_clears_it(alice_client, alice, answers):
    answers["safety"]["fever_or_unwell"] = "yes"
    walk(alice_client, answers)
    assert alice.plans.get().decision == "urgent"
    html = alice_client.get(reverse("plans:current")).content.decode()
    assert "See a doctor before you start" in html
    assert "See a doctor today" in html
    assert "infection" in html
    assert "Your daily routine" not in html and "<picture>" not in html


def test_a_cancer_history_alone_can_wait_a_few_days(alice_client, alice, answers):
    answers["safety"]["cancer_history"] = "yes"
    walk(alice_client, answers)
    html = alice_client.get(reverse("plans:current")).content.decode()
    assert "within the next few days" in html


def test_not_sure_counts_as_unanswered_never_as_no(alice_client, alice, answers):
    answers["safety"]["chest_pain"] = "unsure"
    walk(alice_client, answers)
    plan = alice.plans.get()
    assert plan.intake.profile["red_flags"]["chest_pain"] is None
    assert plan.decision == "see_clinician" and "unanswered_red_flags" in plan.document["reasons"]


def test_the_answers_leave_the_session_once_the_plan_is_made(alice_client, answers):
    walk(alice_client, answers)
    assert SESSION_KEY not in alice_client.session


# --- nothing stored until the end ---------------------------------------------------


def test_nothing_is_stored_before_the_last_step(alice_client, answers):
    walk(alice_client, answers, until="activities")
    assert stored() == (0, 0, 0, 0)
    assert set(alice_client.session[SESSION_KEY]) == set(STEP_NAMES[:-1])


BAD_ANSWERS = [
    ("pain", {"age": "15"}, "age", "supple is for adults"),
    ("pain", {"age": "111"}, "age", "between 16 and 110"),
    ("pain", {"intensity": "11"}, "intensity", "Select a valid choice"),
    ("pain", {"duration": "60", "duration_unit": "years"}, "duration", "longer than 50 years"),
    ("pain", {"duration": "18201", "duration_unit": "days"}, "duration", "longer than 50 years"),
    ("pain", {"duration": "9" * 400, "duration_unit": "days"}, "duration", "longer than 50 years"),
    ("pain", {"age": "9" * 400}, "age", "between 16 and 110"),
    ("pain", {"areas": ["left_ear"]}, "areas", "Select a valid choice"),
    ("pain", {"below_knee": ""}, "below_knee", "This field is required"),
    ("safety", {"cancer_history": ""}, "cancer_history", "This field is required"),
    ("safety", {"pregnancy_trimester": "2"}, "pregnancy_warning_signs", "Choose Yes, No or Not sure"),
    ("conditions", {"hip_replacement": "on"}, "hip_weeks_ago", "Enter how many weeks ago"),
    ("conditions", {"recent_surgery": "on", "surgery_weeks_ago": "-2"}, "surgery_weeks_ago", "greater than or equal"),
    ("conditions", {"hip_replacement": "on", "hip_weeks_ago": "1e308"}, "hip_weeks_ago", "up to 5720"),
    ("conditions", {"recent_surgery": "on", "surgery_weeks_ago": "5720.5"}, "surgery_weeks_ago", "up to 5720"),
    ("conditions", {"hip_replacement": "on", "hip_weeks_ago": "inf"}, "hip_weeks_ago", "Enter a number"),
    ("habits", {"weight_kg": "1e308"}, "weight_kg", "less than or equal to 350"),
    ("activities", {"activity_1": "x" * 81}, "activity_1", "at most 80 characters"),
    ("habits", {"sitting_hours": "25"}, "sitting_hours", "less than or equal to 24"),
    ("habits", {"driving_hours": "a lot"}, "driving_hours", "Enter a number"),
    ("habits", {"height_cm": "30"}, "height_cm", "greater than or equal to 100"),
    ("preferences", {"minutes_per_day": "2"}, "minutes_per_day", "greater than or equal to 3"),
    ("preferences", {"has_chair": "maybe"}, "has_chair", "Select a valid choice"),
    ("activities", {"rating_1": ""}, "rating_1", "Rate how well you can do it today"),
    ("activities", {"activity_3": "", "rating_3": "5"}, "activity_3", "Name the activity you rated"),
    ("activities", {"activity_2": "putting on socks"}, "activity_2", "named this activity already"),
]


@pytest.mark.parametrize(("step", "change", "field", "message"), BAD_ANSWERS)
def test_a_bad_answer_shows_a_field_error_and_changes_nothing_stored(
    alice_client, answers, step, change, field, message
):
    walk(alice_client, answers, until=step)
    before = dict(alice_client.session.get(SESSION_KEY, {}))
    response = alice_client.post(step_url(step), {**answers[step], **change})
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert 'class="error-summary"' in html and f'id="id_{field}_error"' in html
    assert dict(alice_client.session.get(SESSION_KEY, {})) == before
    assert stored() == (0, 0, 0, 0)


def test_the_pregnancy_warning_question_is_ignored_outside_pregnancy(alice_client, alice, answers):
    answers["safety"]["pregnancy_warning_signs"] = "yes"
    walk(alice_client, answers)
    plan = alice.plans.get()
    assert plan.intake.profile["red_flags"]["pregnancy_warning_signs"] is None
    assert plan.decision == "proceed"


def test_warning_signs_in_pregnancy_are_urgent(alice_client, alice, answers):
    answers["safety"].update(pregnancy_trimester="2", pregnancy_warning_signs="yes")
    walk(alice_client, answers)
    plan = alice.plans.get()
    assert plan.intake.profile["conditions"]["pregnancy_trimester"] == 2
    assert plan.decision == "urgent" and plan.document["reasons"] == ["pregnancy_warning"]


def test_a_recent_hip_replacement_leaves_out_the_movements_to_avoid(alice_client, alice, answers):
    answers["conditions"] = {"hip_replacement": "on", "hip_approach": "posterior", "hip_weeks_ago": "8"}
    walk(alice_client, answers)
    plan = alice.plans.get()
    hip = {"approach": "posterior", "weeks_ago": 8, "cleared": False}
    assert plan.intake.profile["conditions"]["hip_replacement"] == hip
    excluded = {e["exercise"] for e in plan.document["excluded"] if "hip_replacement" in e["because"]}
    assert "seated-figure-four-stretch" in excluded
    html = alice_client.get(reverse("plans:current")).content.decode()
    assert "after your hip replacement (your surgeon&#x27;s advice comes first)" in html


def test_soon_after_spine_surgery_there_is_no_routine_and_the_pages_say_why(alice_client, alice, answers):
    answers["conditions"] = {"recent_surgery": "on", "surgery_site": "spine", "surgery_weeks_ago": "5"}
    walk(alice_client, answers)
    plan = alice.plans.get()
    assert plan.document["routine"] == [] and plan.document["desk_routine"] == []
    html = alice_client.get(reverse("plans:current")).content.decode()
    assert "No exercises for now" in html and "You can start" not in html
    assert "the program from your surgeon or physiotherapist comes first" in html
    today = alice_client.get(reverse("web:today")).content.decode()
    assert "Your plan has no exercises at the moment" in today
    assert reverse("sessions:player", args=["daily"]) not in today


def test_operation_details_are_ignored_when_the_box_is_not_ticked(alice_client, alice, answers):
    answers["conditions"] = {"hip_approach": "anterior", "hip_weeks_ago": "oops", "surgery_site": "knee"}
    walk(alice_client, answers)
    conditions = alice.plans.get().intake.profile["conditions"]
    assert conditions["hip_replacement"] is None and conditions["recent_surgery"] is None


def test_pain_duration_can_be_given_in_months_or_years(alice_client, alice, answers):
    answers["pain"].update(duration="2", duration_unit="years")
    walk(alice_client, answers)
    assert alice.plans.get().intake.profile["pain"]["weeks"] == 104


# --- moving between steps ---------------------------------------------------------------


def test_a_step_cannot_be_skipped(alice_client, answers):
    walk(alice_client, answers, until="conditions")
    response = alice_client.get(step_url("preferences"))
    assert response.status_code == 302 and response.url == step_url("conditions")


def test_going_back_shows_the_answers_already_given(alice_client, answers):
    walk(alice_client, answers, until="conditions")
    response = alice_client.get(step_url("pain"))
    assert response.context["form"].initial["age"] == 46
    html = response.content.decode()
    assert 'value="46"' in html and 'href="' not in html.split("step-actions")[1].split("</div>")[0]
    safety = alice_client.get(step_url("safety")).content.decode()
    assert f'href="{step_url("pain")}"' in safety  # its Back link


def test_an_unknown_step_is_not_found(alice_client):
    assert alice_client.get("/plan/start/nonsense/").status_code == 404


def test_every_red_flag_question_says_why_it_is_asked(alice_client, answers):
    walk(alice_client, answers, until="safety")
    response = alice_client.get(step_url("safety"))
    form = response.context["form"]
    for field in form.red_flag_fields:
        assert field.help_text and f'id="{field.auto_id}_helptext"' in response.content.decode()
    assert form["pregnancy_warning_signs"].help_text
    assert 'data-when="pregnancy_trimester!=0"' in response.content.decode()


def test_an_unexpected_invalid_profile_shows_an_error_not_a_traceback(alice_client, answers, monkeypatch):
    def broken(answers):
        return {**EXPECTED_PROFILE, "age": "old"}

    monkeypatch.setattr(views.intake_forms, "build_profile", broken)
    walk(alice_client, answers, until="activities")
    response = alice_client.post(step_url("activities"), answers["activities"])
    assert response.status_code == 200
    assert "Some answers could not be used" in response.content.decode()
    assert stored() == (0, 0, 0, 0)


# --- redoing the intake -----------------------------------------------------------------


def test_redoing_the_intake_keeps_the_plan_history(alice_client, alice, answers):
    walk(alice_client, answers)
    first = alice.plans.get()
    answers["habits"]["sitting_hours"] = "2"
    walk(alice_client, answers)
    assert alice.plans.count() == 2 and alice.intakes.count() == 2
    assert alice.plans.first().pk != first.pk
    assert alice_client.get(reverse("plans:detail", args=[first.public_id])).status_code == 200


def test_redoing_the_intake_offers_the_stable_answers_again_but_not_the_safety_ones(alice_client, answers):
    answers["conditions"] = {"knee_problem": "on"}
    walk(alice_client, answers)
    assert alice_client.get(step_url("pain")).context["form"].initial == {}
    walk(alice_client, answers, until="safety")
    assert alice_client.get(step_url("safety")).context["form"].initial == {}
    walk(alice_client, answers, until="conditions")
    assert alice_client.get(step_url("conditions")).context["form"].initial["knee_problem"] is True
    walk(alice_client, answers, until="habits")
    assert alice_client.get(step_url("habits")).context["form"].initial["sports"] == ["running", "golf"]


def test_the_activities_and_their_first_ratings_are_kept(alice_client, alice, answers):
    walk(alice_client, answers)
    activities = list(alice.activities.all())
    assert [a.name for a in activities] == ["Putting on socks", "Gardening"]
    assert [a.ratings.get().score for a in activities] == [4, 3]
    assert activities[0].ratings.get().date == alice.local_date()


def test_naming_new_activities_replaces_the_active_ones(alice_client, alice, answers):
    walk(alice_client, answers)
    answers["activities"] = {"activity_1": "Gardening", "rating_1": "5", "activity_2": "Driving to work"}
    answers["activities"]["rating_2"] = "6"
    walk(alice_client, answers)
    active = alice.activities.filter(archived=False)
    assert [(a.name, a.position) for a in active] == [("Gardening", 0), ("Driving to work", 1)]
    assert alice.activities.get(name="Putting on socks").archived
    assert alice.activities.get(name="Gardening").ratings.get().score == 5  # today's rating, updated


def test_naming_no_activities_keeps_the_ones_already_there(alice_client, alice, answers):
    walk(alice_client, answers)
    answers["activities"] = {}
    walk(alice_client, answers)
    assert alice.activities.filter(archived=False).count() == 2


def test_the_activities_step_shows_the_active_activities(alice_client, answers):
    walk(alice_client, answers)
    walk(alice_client, answers, until="activities")
    initial = alice_client.get(step_url("activities")).context["form"].initial
    assert initial == {"activity_1": "Putting on socks", "activity_2": "Gardening"}


# --- who may use it ------------------------------------------------------------------


@pytest.mark.parametrize("name", STEP_NAMES)
def test_clinicians_cannot_take_the_intake(client, physio, name):
    client.force_login(physio)
    assert client.get(step_url(name)).status_code == 403
    assert client.post(step_url(name), proceed_answers()[name]).status_code == 403
    assert stored() == (0, 0, 0, 0)


def test_the_intake_needs_a_login(client, settings):
    settings.LOGIN_URL = "/accounts/login/"
    response = client.get(reverse("plans:start"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=/plan/start/")


def test_one_persons_answers_do_not_reach_another(client, alice, bob, answers):
    client.force_login(alice)
    walk(client, answers, until="activities")
    client.force_login(bob)
    assert client.get(step_url("habits")).url == step_url("pain")
    assert bob.plans.count() == 0
