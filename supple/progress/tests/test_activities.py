"""The weekly Patient-Specific Functional Scale: rating, adding, renaming and archiving activities."""

import pytest
from django.urls import reverse

from supple.progress.forms import RatingForm
from supple.progress.models import Activity, ActivityRating
from supple.progress.tests.conftest import TODAY, add_history

pytestmark = pytest.mark.django_db
URL = reverse("progress:activities")
ADD = reverse("progress:add_activity")


@pytest.fixture(autouse=True)
def frozen(clock):
    return clock


@pytest.fixture
def socks(alice):
    return Activity.objects.create(user=alice, name="Putting on socks", position=1)


@pytest.fixture
def gardening(alice):
    return Activity.objects.create(user=alice, name="Gardening", position=2)


def rename_url(activity):
    return reverse("progress:rename_activity", args=[activity.public_id])


def archive_url(activity):
    return reverse("progress:archive_activity", args=[activity.public_id])


def rate(client, *pairs):
    return client.post(URL, {RatingForm.field_name(a): str(score) for a, score in pairs})


def test_a_person_rates_each_activity_and_sees_the_mean(alice_client, socks, gardening):
    response = rate(alice_client, (socks, 4), (gardening, 7))
    assert response.status_code == 302
    assert sorted(ActivityRating.objects.values_list("activity__name", "date", "score")) == [
        ("Gardening", TODAY, 7),
        ("Putting on socks", TODAY, 4),
    ]
    page = alice_client.get(URL).content.decode()
    assert "Your score: <strong>5.5 out of 10</strong>" in page


def test_rating_again_the_same_day_replaces_that_days_ratings(alice_client, socks, gardening):
    rate(alice_client, (socks, 4), (gardening, 7))
    rate(alice_client, (socks, 5), (gardening, 6))
    assert sorted(ActivityRating.objects.values_list("score", flat=True)) == [5, 6]


def test_a_rating_next_week_is_kept_beside_the_first(alice_client, socks, clock):
    rate(alice_client, (socks, 3))
    clock.advance(days=7)
    rate(alice_client, (socks, 6))
    assert list(socks.ratings.values_list("score", flat=True)) == [3, 6]


@pytest.mark.parametrize("score", ["", "11", "-1", "six"])
def test_bad_ratings_show_field_errors_and_store_nothing(alice_client, socks, gardening, score):
    response = alice_client.post(URL, {RatingForm.field_name(socks): "5", RatingForm.field_name(gardening): score})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please check your answers" in page
    assert f'aria-describedby="id_{RatingForm.field_name(gardening)}-error"' in page
    assert not ActivityRating.objects.exists()


def test_rating_with_no_activities_is_an_error(alice_client):
    response = alice_client.post(URL, {})
    assert response.status_code == 400
    assert "Add an activity first" in response.content.decode()


def test_a_person_adds_an_activity(alice_client, alice, socks):
    assert alice_client.post(ADD, {"name": "  Lifting my daughter  "}).status_code == 302
    assert list(alice.activities.values_list("name", "position")) == [
        ("Putting on socks", 1),
        ("Lifting my daughter", 2),
    ]


def test_an_empty_name_is_an_error(alice_client, alice):
    response = alice_client.post(ADD, {"name": "   "})
    assert response.status_code == 400
    assert "Name the activity" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_name_over_80_characters_is_an_error(alice_client):
    response = alice_client.post(ADD, {"name": "x" * 81})
    assert response.status_code == 400 and not Activity.objects.exists()


def test_five_activities_is_the_most(alice_client, alice):
    for n in range(5):
        alice_client.post(ADD, {"name": f"Activity {n}"})
    response = alice_client.post(ADD, {"name": "A sixth"})
    assert response.status_code == 400
    assert "up to 5 activities" in response.content.decode()
    assert alice.activities.count() == 5


def test_an_archived_activity_frees_a_place(alice_client, alice):
    for n in range(5):
        alice_client.post(ADD, {"name": f"Activity {n}"})
    alice_client.post(archive_url(alice.activities.first()))
    assert alice_client.post(ADD, {"name": "Cycling to work"}).status_code == 302


def test_renaming_keeps_the_ratings(alice_client, socks):
    rate(alice_client, (socks, 4))
    assert alice_client.post(rename_url(socks), {"name": "Putting on socks and shoes"}).status_code == 302
    socks.refresh_from_db()
    assert socks.name == "Putting on socks and shoes" and socks.ratings.count() == 1


def test_a_bad_new_name_shows_an_error_and_changes_nothing(alice_client, socks):
    response = alice_client.post(rename_url(socks), {"name": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Name the activity" in page and f'aria-describedby="id_name_{socks.public_id.hex}-error"' in page
    socks.refresh_from_db()
    assert socks.name == "Putting on socks"


def test_archiving_stops_the_rating_and_keeps_the_history(alice_client, socks, gardening):
    rate(alice_client, (socks, 4), (gardening, 6))
    alice_client.post(archive_url(gardening))
    form = alice_client.get(URL).context["rating_form"]
    assert list(form.fields) == [RatingForm.field_name(socks)]
    assert gardening.ratings.count() == 1
    assert alice_client.post(rename_url(gardening), {"name": "Digging"}).status_code == 404


def test_the_form_shows_todays_ratings(alice_client, socks):
    rate(alice_client, (socks, 8))
    form = alice_client.get(URL).context["rating_form"]
    assert form.initial == {RatingForm.field_name(socks): 8}


def test_it_needs_a_login(client, socks):
    assert client.get(URL).status_code == 302
    assert client.post(rename_url(socks), {"name": "x"}).status_code == 302


def test_clinicians_get_403_on_every_activity_page(client, physio, socks):
    client.force_login(physio)
    assert client.get(URL).status_code == 403
    assert client.post(ADD, {"name": "Running"}).status_code == 403
    assert client.post(rename_url(socks), {"name": "Running"}).status_code == 403
    assert client.post(archive_url(socks)).status_code == 403
    assert Activity.objects.count() == 1 and not Activity.objects.get().archived


def test_bob_never_sees_or_changes_alices_activities(client, bob, socks):
    client.force_login(bob)
    page = client.get(URL).content.decode()
    assert "Putting on socks" not in page
    assert client.post(rename_url(socks), {"name": "Hacked"}).status_code == 404
    assert client.post(archive_url(socks)).status_code == 404
    # A rating for Alice's activity in Bob's form is not his to give: nothing is stored.
    assert rate(client, (socks, 0)).status_code == 400
    socks.refresh_from_db()
    assert (socks.name, socks.archived, socks.ratings.count()) == ("Putting on socks", False, 0)


@pytest.mark.parametrize("history", [False, True])
def test_the_page_takes_the_same_queries_whatever_the_history(client, alice, socks, django_assert_num_queries, history):
    if history:
        add_history(alice, None, TODAY)
    client.force_login(alice)
    # session, user, activities with their latest ratings, the header's plan
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("history", [False, True])
def test_saving_ratings_takes_the_same_queries_whatever_the_history(client, alice, django_assert_num_queries, history):
    if history:
        add_history(alice, None, TODAY)
        ActivityRating.objects.filter(date=TODAY).delete()
    else:
        Activity.objects.bulk_create(Activity(user=alice, name=f"Activity {n}", position=n) for n in range(3))
    activities = list(alice.activities.all())
    client.force_login(alice)
    # session, user, activities, one insert for every rating
    with django_assert_num_queries(4):
        assert rate(client, *((a, 5) for a in activities)).status_code == 302
