"""The library pages: everyone may read them, filters validate, each exercise page is complete."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from supple.domain.intake import RED_FLAGS, parse_intake
from supple.domain.library import Library, load_library
from supple.domain.planning import build_plan
from supple.library.catalogue import get_library

pytestmark = pytest.mark.django_db
SAFETY = "Stop if pain spreads down your leg"
# An adult under 65 with no condition: the person whose dose the library pages show.
ADULT = {"version": 1, "age": 40, "pain": {"intensity": 3, "weeks": 8}, "red_flags": dict.fromkeys(RED_FLAGS, False)}


def test_the_library_lists_every_exercise_with_a_figure(client):
    response = client.get(reverse("library:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for exercise in get_library():
        assert escape(exercise.name) in html
        assert f"/exercises/{exercise.id}/right-held.svg" in html
    assert SAFETY in html


def test_it_filters_by_position_desk_and_target(client):
    response = client.get(reverse("library:index"), {"position": "sitting", "desk": "on", "target": "piriformis"})
    shown = [e for e, _, _ in response.context["cards"]]
    assert shown and all(e.position == "sitting" and e.desk and "piriformis" in e.targets for e in shown)
    expected = [e for e in get_library() if e.position == "sitting" and e.desk and "piriformis" in e.targets]
    assert shown == expected


def test_an_unknown_filter_value_shows_a_field_error(client):
    response = client.get(reverse("library:index"), {"position": "upside_down"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_an_exercise_page_has_the_animation_steps_dose_cautions_and_stop_signs(client):
    exercise = get_library().get("seated-figure-four-stretch")
    html = client.get(reverse("library:detail", args=[exercise.id])).content.decode()
    assert html.count("<picture>") == 2  # right and left sides
    assert "Right side" in html and "Left side" in html
    for side in ("right", "left"):
        assert f'src="/exercises/{exercise.id}/figure.svg?side={side}"' in html  # the animation
        assert f'media="(prefers-reduced-motion: reduce)" srcset="/exercises/{exercise.id}/{side}-held.svg"' in html
    assert 'alt="Figure showing the seated figure-4 stretch, right side"' in html
    for line in (*exercise.steps, *exercise.cautions, *exercise.stop_if):
        assert escape(line) in html
    assert (
        "Hold for 30 seconds (45 from age 65), 2 times on each side, switching sides each time. "
        "Rest 10 seconds in between."
    ) in html
    assert SAFETY in html


def test_a_two_sided_exercise_shows_one_figure(client):
    exercise = next(e for e in get_library() if e.sides == "none")
    html = client.get(reverse("library:detail", args=[exercise.id])).content.decode()
    assert html.count("<picture>") == 1 and "Both sides together" in html


def test_an_unknown_exercise_is_a_friendly_404(client):
    response = client.get("/exercises/no-such-stretch/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_figure_is_served_as_svg_and_mirrored_for_the_left_side(client):
    url = reverse("library:figure", args=["seated-figure-four-stretch"])
    right = client.get(url)
    left = client.get(url, {"side": "left"})
    assert right["Content-Type"] == "image/svg+xml"
    assert b"scale(-1 1)" in left.content and b"scale(-1 1)" not in right.content
    assert client.get(url, {"side": "middle"}).status_code == 400
    assert b"<animate" not in client.get(url, {"still": "1"}).content


def test_the_home_page_is_honest_about_modest_benefit(client):
    html = client.get("/").content.decode()
    assert "modest" in html and SAFETY in html


def test_health_reports_the_library(client):
    assert client.get("/health/").json() == {"status": "ok", "exercises": len(get_library())}


def test_an_exercise_page_says_which_habits_it_answers_in_plain_words(client):
    html = client.get(reverse("library:detail", args=["seated-figure-four-stretch"])).content.decode()
    assert "It answers stiffness from long hours sitting, time spent driving, sports such as running" in html
    assert "and sports that twist to one side, such as golf or tennis." in html


@pytest.mark.parametrize("exercise", list(load_library()), ids=lambda e: e.id)
def test_each_page_shows_the_dose_a_plan_starts_with_not_the_files_numbers(client, exercise):
    item = build_plan(parse_intake(ADULT), Library({exercise.id: exercise})).routine[0]
    html = client.get(reverse("library:detail", args=[exercise.id])).content.decode()
    if item.kind == "hold":
        assert f"Hold for {item.hold_seconds} seconds (45 from age 65), {item.sets} times" in html
    else:
        assert f"{item.sets} sets of {item.reps} slow repetitions" in html


def test_stills_are_served_at_stable_addresses_with_long_caching(client):
    for side in ("right", "left"):
        for still in ("start", "held"):
            response = client.get(f"/exercises/seated-figure-four-stretch/{side}-{still}.svg")
            assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
            assert "max-age=86400" in response["Cache-Control"] and "public" in response["Cache-Control"]
            assert ('class="ghost"' in response.content.decode()) == (still == "held")
            assert "<animate " not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/exercises/seated-figure-four-stretch/middle-held.svg",
        "/exercises/seated-figure-four-stretch/right-halfway.svg",
        "/exercises/cat-camel/left-held.svg",  # a two-sided exercise has one drawing
        "/exercises/no-such-stretch/right-held.svg",
    ],
)
def test_an_unknown_still_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_stills_are_drawn_once_per_process(client):
    from supple.library import catalogue

    catalogue._still_svg.cache_clear()
    client.get("/exercises/cat-camel/right-held.svg")
    client.get("/exercises/cat-camel/right-held.svg")
    assert catalogue._still_svg.cache_info().misses == 1 and catalogue._still_svg.cache_info().hits == 1
