"""The library in a real browser: filtering, the moving figure, reduced motion, phone layout."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_filters_the_library_and_opens_an_exercise(page, screenshot):
    page.goto("/exercises/")
    total = page.locator(".card").count()
    assert total >= 19
    # The cards' stills load lazily: wait for those on screen, and check they really are drawings.
    # A function, not an expression: Playwright polls an expression with eval, which the
    # page's Content-Security-Policy refuses once the first check has failed.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.card img')).slice(0, 3)"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "library", full_page=False)
    page.get_by_label("Desk-friendly only").check()
    page.get_by_label("Position").select_option("sitting")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/exercises/?*desk=on*")
    cards = page.locator(".card")
    assert 0 < cards.count() < total
    page.get_by_role("link", name="Seated figure-4 stretch").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Seated figure-4 stretch"
    assert page.get_by_text("Stop if pain spreads down your leg").is_visible()


def test_the_figure_moves_into_the_stretch(page):
    page.goto("/exercises/seated-figure-four-stretch/")
    figure = page.locator("figure.demo img").first
    figure.scroll_into_view_if_needed()
    before = figure.screenshot()
    page.wait_for_timeout(1200)
    assert figure.screenshot() != before


@pytest.mark.parametrize(
    "exercise_id", ["seated-figure-four-stretch", "lunging-hip-flexor-stretch", "leg-crossover-stretch"]
)
def test_reduced_motion_shows_the_held_position_still(browser, live_server, screenshot, exercise_id):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{live_server.url}/exercises/{exercise_id}/")
    image = page.locator("figure.demo img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.currentSrc").endswith("/right-held.svg")
    figure = page.locator("figure.demo").first
    first = figure.screenshot()
    page.wait_for_timeout(700)
    assert figure.screenshot() == first
    screenshot(page.locator(".figures"), f"demo-{exercise_id}")
    context.close()


def test_the_library_fits_a_phone_screen(phone, screenshot):
    phone.goto("/exercises/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "library-phone")


@pytest.mark.parametrize("path", ["/", "/exercises/", "/exercises/?position=sitting&desk=on", "/exercises/cat-camel/"])
def test_pages_have_no_serious_accessibility_problems(page, assert_accessible, path):
    page.goto(path)
    assert_accessible(page)


def test_the_accessibility_check_catches_a_real_problem(page, assert_accessible):
    page.goto("/exercises/")
    page.evaluate("document.querySelector('#id_position').removeAttribute('id')")  # label no longer tied to it
    with pytest.raises(AssertionError, match="select-name"):
        assert_accessible(page)


def test_the_contact_sheet_shows_every_figure_start_and_held(page, screenshot):
    """`supple library sheet` in a real browser; `make screenshots` saves it as docs/figures.png."""
    from supple.library.catalogue import get_library
    from supple.library.management.commands.library import _sheet

    library = get_library()
    page.set_viewport_size({"width": 1100, "height": 800})
    page.set_content(_sheet(library))
    figures = page.locator("figure svg")
    assert figures.count() == sum(4 if e.sides == "each" else 2 for e in library)
    for i in range(figures.count()):
        box = figures.nth(i).bounding_box()
        assert box["width"] > 150 and box["height"] > 100
    assert page.locator("section h2").all_inner_texts() == [e.name for e in library]
    screenshot(page, "../figures", full_page=True)
