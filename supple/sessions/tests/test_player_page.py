"""The player page: each person's own routine, with what the player needs to run offline."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from supple.library.catalogue import figure_svg, figure_title, get_library
from supple.plans.models import Plan
from supple.sessions.tests.conftest import two_years_of_daily_logs

pytestmark = pytest.mark.django_db
SAFETY = "Stop if pain spreads down your leg"
STOP = "Stop: pain is spreading down my leg / new numbness"


def player_data(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="player-data" type="application/json">') + len(
        '<script id="player-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_alices_daily_player_embeds_her_routine_with_steps_cues_dose_and_figures(client, alice, alice_plan):
    client.force_login(alice)
    response = client.get(reverse("sessions:player", args=["daily"]))
    assert response.status_code == 200
    data = player_data(response)
    routine = alice_plan.document["routine"]
    assert [e["id"] for e in data["exercises"]] == [item["exercise"] for item in routine]
    library = get_library()
    for exercise, item in zip(data["exercises"], routine, strict=True):
        assert exercise["steps"] == list(library.get(item["exercise"]).steps)
        assert exercise["cues"] and exercise["name"] == item["name"]
        assert (exercise["sets"], exercise["hold_seconds"], exercise["rest_seconds"]) == (2, 30, 10)
        assert exercise["dose"] == "Hold for 30 seconds, 2 times on each side, switching sides each time"
    assert data["routine"] == "daily" and data["person"] == str(alice.public_id)
    assert data["log_url"] == "/api/sessions/" and data["service_worker_url"] == "/sw.js"
    html = response.content.decode()
    assert SAFETY in html and STOP in html
    assert "sessions/player.js" in html and "sessions/outbox.js" in html


def test_one_sided_stretches_bring_the_figure_for_each_side(client, alice, alice_plan):
    client.force_login(alice)
    lunge = next(
        e for e in player_data(client.get("/session/daily/"))["exercises"] if e["id"] == "lunging-hip-flexor-stretch"
    )
    url = "/exercises/lunging-hip-flexor-stretch/"
    assert lunge["figures"] == {
        side: {
            "src": f"{url}figure.svg?side={side}",
            "still": f"{url}{side}-held.svg",
            "alt": f"Figure showing the lunging hip-flexor stretch, {side} side",
        }
        for side in ("right", "left")
    }


def test_a_two_sided_movement_brings_one_figure_and_counts_repetitions(client, bob, bob_plan):
    client.force_login(bob)
    exercises = player_data(client.get("/session/daily/"))["exercises"]
    movement = next(e for e in exercises if e["kind"] == "reps")
    assert list(movement["figures"]) == ["none"]
    assert movement["figures"]["none"]["src"].endswith(f"/{movement['id']}/figure.svg?side=right")
    assert movement["reps"] == 10 and movement["dose"] == "2 sets of 10 slow repetitions"


def test_the_figures_are_the_librarys_files_which_the_page_names_but_does_not_carry(client, bob, bob_plan):
    client.force_login(bob)
    response = client.get("/session/daily/")
    assert len(response.content) < 40_000
    html = response.content.decode()
    start = html.index('<script id="player-data" type="application/json">')
    text = html[html.index(">", start) + 1 : html.index("</script>", start)]
    assert "<" not in text and ">" not in text and "&" not in text
    library = get_library()
    for exercise in json.loads(text)["exercises"]:
        for side, figure in exercise["figures"].items():
            drawn = "right" if side == "none" else side
            animation = client.get(figure["src"])
            assert animation.content.decode() == figure_svg(library.get(exercise["id"]), drawn)
            assert animation["Content-Type"] == "image/svg+xml" and "public" in animation["Cache-Control"]
            assert "<animate" not in client.get(figure["still"]).content.decode()
            assert figure["alt"] == figure_title(library.get(exercise["id"]), drawn)


def test_alices_desk_player_embeds_her_desk_routine(client, alice, alice_plan):
    client.force_login(alice)
    response = client.get(reverse("sessions:player", args=["desk"]))
    data = player_data(response)
    assert [e["id"] for e in data["exercises"]] == [i["exercise"] for i in alice_plan.document["desk_routine"]]
    assert data["routine"] == "desk"
    assert all(e["sets"] == 1 for e in data["exercises"])
    assert "<h1>Desk break</h1>" in response.content.decode()


def test_each_person_gets_their_own_routine(client, alice, alice_plan, bob, bob_plan):
    client.force_login(bob)
    html = client.get("/session/daily/").content.decode()
    for item in bob_plan.document["routine"]:
        assert escape(item["name"]) in html
    assert "Lunging hip-flexor stretch" not in html  # Alice's, and Bob cannot get down to the floor
    assert str(alice.public_id) not in html


def test_an_unknown_routine_is_not_found(client, alice, alice_plan):
    client.force_login(alice)
    assert client.get("/session/weekly/").status_code == 404


def test_logged_out_visitors_are_asked_to_log_in(client):
    response = client.get("/session/daily/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_clinicians_have_no_session_player(client, physio):
    client.force_login(physio)
    assert client.get("/session/daily/").status_code == 403


def test_a_person_without_a_plan_is_sent_to_the_intake(client, alice):
    client.force_login(alice)
    response = client.get("/session/daily/")
    assert response.status_code == 302 and response.url == reverse("plans:start")


def test_a_stopped_plan_offers_no_session_and_asks_for_the_safety_questions_again(client, alice, alice_plan):
    document = {**alice_plan.document, "status": "stopped", "routine": [], "desk_routine": []}
    Plan.objects.create(user=alice, intake=alice_plan.intake, decision="proceed", document=document)
    client.force_login(alice)
    html = client.get("/session/daily/").content.decode()
    assert "Your exercises are paused" in html and reverse("plans:start") in html
    assert "player-data" not in html


def test_an_empty_desk_routine_says_so_kindly(client, alice, alice_plan):
    Plan.objects.create(
        user=alice, intake=alice_plan.intake, decision="proceed", document={**alice_plan.document, "desk_routine": []}
    )
    client.force_login(alice)
    html = client.get("/session/desk/").content.decode()
    assert "No desk break in your plan" in html and "player-data" not in html


def test_the_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get(reverse("sessions:service_worker"))
    assert reverse("sessions:service_worker") == "/sw.js"
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert "no-cache" in response["Cache-Control"]
    assert b'addEventListener("fetch"' in response.content


@pytest.mark.parametrize("history", [False, True], ids=["new person", "two years of daily logs"])
def test_the_player_page_makes_a_fixed_number_of_queries(client, alice, alice_plan, django_assert_num_queries, history):
    if history:
        two_years_of_daily_logs(alice, alice_plan)
    client.force_login(alice)
    # The session, the user, the current plan (which the header's "I'm free now" reuses).
    with django_assert_num_queries(3):
        assert client.get("/session/daily/").status_code == 200


def test_the_embedded_json_cannot_end_its_script_element():
    from supple.sessions.views import script_json

    text = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}
