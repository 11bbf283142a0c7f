"""The session player in a real Chromium: keyboard only, the stop control, pain during a hold, offline."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from supple.plans.models import Plan
from supple.sessions.models import SessionLog
from supple.sessions.tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STOP = "Stop: pain is spreading down my leg / new numbness"


def open_player(page, client, live_server, user, routine: str = "daily") -> None:
    log_in(page, client, live_server, user)
    now = datetime.now(UTC)
    page.clock.install(time=now)
    page.goto(f"/session/{routine}/")
    page.clock.pause_at(now + timedelta(seconds=30))  # from here on, time moves only when a test says so
    expect(heading(page)).to_have_text("How is your pain right now?")


def check_accessible(page, assert_accessible) -> None:
    """axe-core waits on timers: the clock runs during the check, then holds still again."""
    page.clock.resume()
    assert_accessible(page)
    now = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, UTC)
    page.clock.pause_at(now + timedelta(seconds=1))


def heading(page):
    return page.locator("#player-heading")


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused control is `name`: it must be reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


def seconds_shown(page) -> int:
    return int(page.locator("[data-el=number]").inner_text())


def wait_for_log(page, count: int = 1) -> SessionLog:
    expect(page.locator("[data-el=done-status]")).to_have_text("Your session is saved.")
    assert SessionLog.objects.count() == count
    return SessionLog.objects.first()


def test_a_whole_session_can_be_done_with_the_keyboard_alone(page, client, live_server, alice, alice_plan):
    open_player(page, client, live_server, alice)
    tab_to(page, "4")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Lunging hip-flexor stretch")
    status = page.locator("[data-el=status]")
    expect(status).to_have_text("Get ready: Lunging hip-flexor stretch. Start with the right side.")
    page.clock.run_for(6000)
    expect(page.locator("[data-el=status]")).to_have_text("Hold for 30 seconds.")
    expect(page.locator("[data-el=where]")).to_have_text("Exercise 1 of 3 · right side · set 1 of 2")

    page.keyboard.press("Space")  # pause
    expect(page.locator("[data-el=pause]")).to_have_text("Resume")
    shown = seconds_shown(page)
    page.clock.run_for(10_000)
    assert seconds_shown(page) == shown
    page.keyboard.press("Space")  # resume
    expect(page.locator("[data-el=pause]")).to_have_text("Pause")
    tab_to(page, "Pause")  # every control is a real button on the Tab path
    page.keyboard.press("Enter")
    expect(page.locator("[data-el=pause]")).to_have_text("Resume")
    page.keyboard.press("Space")  # on the focused button: its own action
    expect(page.locator("[data-el=pause]")).to_have_text("Pause")
    tab_to(page, STOP)
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="What is happening?")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-el=pause]")).to_have_text("Pause")
    page.clock.run_for(40_000)  # the rest of the hold, then the rest
    expect(page.locator("[data-el=status]")).to_have_text("Now the left side. Hold for 30 seconds.")
    page.clock.run_for(120_000)
    expect(heading(page)).to_have_text("Lunging hip-flexor stretch")
    expect(page.locator("[data-el=dose]")).to_have_text("All sets done.")
    tab_to(page, "Fine")
    page.keyboard.press("Enter")

    expect(heading(page)).to_have_text("Knee-to-chest stretch")
    page.keyboard.press("ArrowRight")  # skip
    expect(heading(page)).to_have_text("Lying hamstring stretch with a strap")
    page.keyboard.press("ArrowLeft")  # back
    expect(heading(page)).to_have_text("Knee-to-chest stretch")
    page.keyboard.press("ArrowRight")
    expect(heading(page)).to_have_text("Lying hamstring stretch with a strap")
    page.clock.run_for(160_000)
    expect(page.locator("[data-el=dose]")).to_have_text("All sets done.")
    tab_to(page, "Easy")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("How is your pain now?")
    tab_to(page, "2")
    page.keyboard.press("Enter")

    log = wait_for_log(page)
    assert (log.user, log.routine, log.outcome, log.pain_before, log.pain_after) == (alice, "daily", "completed", 4, 2)
    assert log.ended_at > log.started_at
    rows = [(e.position, e.exercise_id, e.sets_done, e.skipped, e.response) for e in log.exercises.all()]
    assert rows == [
        (1, "lunging-hip-flexor-stretch", 2, False, "fine"),
        (2, "knee-to-chest-stretch", 0, True, ""),
        (3, "supine-hamstring-stretch", 2, False, "easy"),
    ]


def answer(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def run_exercise(page) -> None:
    """Let the timers run until the exercise asks how it felt, and answer it."""
    page.clock.run_for(200_000)
    expect(page.locator("[data-el=dose]")).to_have_text("All sets done.")
    answer(page, "Fine")


def test_the_player_mid_hold_on_a_desktop_and_a_phone(
    page, phone, client, live_server, alice, alice_plan, screenshot, assert_accessible
):
    for target, name in ((page, "player"), (phone, "player-phone")):
        open_player(target, client, live_server, alice)
        check_accessible(target, assert_accessible)
        answer(target, "3")
        target.clock.run_for(17_000)  # get ready, then 12 seconds into the first hold
        expect(target.locator("[data-el=number]")).to_have_text("18")
        ring = target.get_by_role("progressbar")
        expect(ring).to_have_attribute("aria-valuetext", "18 seconds left")
        assert 35 <= int(ring.get_attribute("aria-valuenow")) <= 45
        expect(target.get_by_role("button", name=STOP)).to_be_in_viewport()
        assert target.evaluate("document.documentElement.scrollWidth") <= target.viewport_size["width"]
        screenshot(target, name)
        target.get_by_role("button", name="Pause").click()
        check_accessible(target, assert_accessible)


def test_movements_count_slow_repetitions(page, client, live_server, bob, bob_plan):
    open_player(page, client, live_server, bob)
    answer(page, "5")
    expect(heading(page)).to_have_text("Standing back extension")
    page.clock.run_for(5000 + 9000)  # get ready, then into the third repetition (4 s each)
    expect(page.locator("[data-el=status]")).to_have_text("10 slow repetitions.")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuetext", "Repetition 3 of 10")
    expect(page.locator("[data-el=number]")).to_have_text("3")


def test_leg_symptoms_stop_the_session_and_take_the_exercise_out(
    page, client, live_server, alice, alice_plan, assert_accessible
):
    open_player(page, client, live_server, alice)
    answer(page, "4")
    run_exercise(page)
    expect(heading(page)).to_have_text("Knee-to-chest stretch")
    page.clock.run_for(8000)
    page.get_by_role("button", name=STOP).click()
    dialog = page.get_by_role("dialog", name="What is happening?")
    expect(dialog).to_be_visible()
    expect(page.locator("[data-el=pause]")).to_have_text("Resume")  # the hold waits
    check_accessible(page, assert_accessible)
    dialog.get_by_role("button", name="Pain, tingling or numbness is spreading down my leg").click()

    expect(page.get_by_role("heading", name="Session stopped")).to_be_focused()
    expect(page.get_by_text("spread down your leg during the knee-to-chest stretch")).to_be_visible()
    log = wait_for_log(page)
    change = page.locator("[data-el=done-list] li").first
    expect(change).to_contain_text("Knee-to-chest stretch is taken out of your routine because")
    assert log.outcome == "leg_symptoms" and log.pain_after is None
    rows = [(e.exercise_id, e.sets_done, e.spread_down_leg) for e in log.exercises.all()]
    assert rows == [("lunging-hip-flexor-stretch", 2, False), ("knee-to-chest-stretch", 0, True)]
    assert "knee-to-chest-stretch" not in [i["exercise"] for i in alice.plans.first().document["routine"]]
    check_accessible(page, assert_accessible)


def test_new_numbness_stops_the_program_and_asks_the_safety_questions_again(
    page, client, live_server, alice, alice_plan
):
    open_player(page, client, live_server, alice)
    page.get_by_role("button", name=STOP).click()
    page.get_by_role("button", name="New numbness, pins and needles or weakness").click()
    wait_for_log(page)
    expect(page.get_by_text("Stop the exercises for now").first).to_be_visible()
    page.get_by_role("link", name="Answer the safety questions again").click()
    page.wait_for_url("**/plan/start/")
    log = SessionLog.objects.get()
    assert log.outcome == "new_numbness" and log.pain_before is None and not log.exercises.exists()
    assert alice.plans.first().stopped


def test_the_stop_dialog_can_be_left_to_carry_on(page, client, live_server, alice, alice_plan):
    open_player(page, client, live_server, alice)
    answer(page, "4")
    page.clock.run_for(8000)
    page.get_by_role("button", name=STOP).click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("[data-el=pause]")).to_have_text("Pause")
    shown = seconds_shown(page)
    page.clock.run_for(2000)
    assert seconds_shown(page) == shown - 2
    assert not SessionLog.objects.exists()


def test_pain_above_5_during_a_hold_eases_off_then_stops_the_exercise(
    page, client, live_server, alice, alice_plan, assert_accessible
):
    open_player(page, client, live_server, alice)
    answer(page, "3")
    page.clock.run_for(10_000)
    page.get_by_role("button", name="It hurts more than 5/10").click()
    answer(page, "7")
    dialog = page.get_by_role("dialog", name="Ease off")
    expect(dialog).to_contain_text("Come out of the stretch a little, until it feels mild")
    check_accessible(page, assert_accessible)
    answer(page, "It is 5 or less now: carry on")
    expect(page.locator("[data-el=pause]")).to_have_text("Pause")
    shown = seconds_shown(page)
    page.clock.run_for(3000)
    assert seconds_shown(page) == shown - 3  # the hold goes on
    page.get_by_role("button", name="It hurts more than 5/10").click()
    answer(page, "8")
    expect(page.get_by_role("dialog", name="Stop this exercise for today")).to_be_visible()
    answer(page, "Go to the next exercise")
    expect(heading(page)).to_have_text("Knee-to-chest stretch")
    page.clock.run_for(1000)
    answer(page, "Finish now")
    expect(heading(page)).to_have_text("How is your pain now?")
    answer(page, "4")
    log = wait_for_log(page)
    assert log.outcome == "ended_early"
    first, second = log.exercises.all()
    assert (first.pain_during, first.stopped, first.skipped, first.sets_done) == (8, True, True, 0)
    assert (second.skipped, second.stopped) == (True, False)


SPY = """
window.__spoken = [];
window.__wake = 0;
window.speechSynthesis.speak = (u) => window.__spoken.push(u.text);
window.speechSynthesis.cancel = () => {};
class Sentinel extends EventTarget { release() { this.dispatchEvent(new Event("release")); return Promise.resolve(); } }
async function request() { window.__wake += 1; return (window.__sentinel = new Sentinel()); }
Object.defineProperty(navigator, "wakeLock", { value: { request } });
"""


def test_cues_are_spoken_the_switch_remembered_and_the_screen_kept_awake(page, client, live_server, alice, alice_plan):
    page.add_init_script(SPY)
    open_player(page, client, live_server, alice)
    answer(page, "3")
    page.clock.run_for(6000)
    assert page.evaluate("window.__wake") == 1
    page.clock.run_for(40_000)
    spoken = page.evaluate("window.__spoken")
    assert spoken[:1] == ["Get ready: Lunging hip-flexor stretch. Start with the right side."]
    assert spoken[1].startswith("Hold for 30 seconds. ")  # and the exercise's first cue
    assert spoken[3:] == ["Rest for 10 seconds. Then the left side.", spoken[4]]
    assert spoken[4].startswith("Now the left side. Hold for 30 seconds. ")

    # The browser drops the lock when the page is hidden; it is taken again on return.
    page.evaluate("window.__sentinel.release(); document.dispatchEvent(new Event('visibilitychange'))")
    assert page.evaluate("window.__wake") == 2

    switch = page.get_by_role("button", name="Spoken cues: on")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.click()
    expect(page.get_by_role("button", name="Spoken cues: off")).to_have_attribute("aria-pressed", "false")
    before = len(page.evaluate("window.__spoken"))
    page.clock.run_for(60_000)
    assert len(page.evaluate("window.__spoken")) == before
    page.reload()
    expect(page.get_by_role("button", name="Spoken cues: off")).to_be_visible()


def figure_shown(page, name: str):
    """The player's figure, once its image has loaded and is drawn, named for people who cannot see it."""
    image = page.get_by_role("img", name=name)
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    box = image.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    return image


def test_the_page_is_small_and_shows_the_librarys_figures_animated_or_still(
    page, client, live_server, alice, alice_plan
):
    open_player(page, client, live_server, alice)
    assert len(page.request.get("/session/daily/").body()) < 40_000  # the figures are files of their own
    answer(page, "3")
    image = figure_shown(page, "Figure showing the lunging hip-flexor stretch, right side")
    assert image.evaluate("img => img.currentSrc").endswith("/lunging-hip-flexor-stretch/figure.svg?side=right")
    # It moves (its animation runs under the figure file's own Content-Security-Policy): at most
    # one loop of the animation, 9.2 s, passes before it shows something else.
    first, moved = image.screenshot(), False
    for _ in range(40):
        page.wait_for_timeout(250)
        if image.screenshot() != first:
            moved = True
            break
    assert moved, "the figure does not move"

    page.emulate_media(reduced_motion="reduce")  # the held still instead, at once
    expect(image).to_have_js_property(
        "currentSrc", f"{live_server.url}/exercises/lunging-hip-flexor-stretch/right-held.svg"
    )
    figure_shown(page, "Figure showing the lunging hip-flexor stretch, right side")
    page.emulate_media(reduced_motion="no-preference")
    page.clock.run_for(6000 + 40_000)  # get ready, the hold and the rest: then the left side
    expect(page.locator("[data-el=status]")).to_have_text("Now the left side. Hold for 30 seconds.")
    image = figure_shown(page, "Figure showing the lunging hip-flexor stretch, left side")
    assert image.evaluate("img => img.currentSrc").endswith("/lunging-hip-flexor-stretch/figure.svg?side=left")
    expect(page.locator("[data-el=caption]")).to_have_text("Lunging hip-flexor stretch, left side")


def test_a_session_done_offline_is_stored_once_when_the_connection_returns(
    page, client, live_server, alice, alice_plan
):
    open_player(page, client, live_server, alice)
    page.wait_for_selector("html[data-offline-ready=true]")
    # Nothing from the browser's own cache: what shows offline comes from the service worker's copies.
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.clearBrowserCache")
    devtools.detach()
    page.context.set_offline(True)
    page.reload()  # a player page loaded before opens again without a connection
    expect(heading(page)).to_have_text("How is your pain right now?")
    assert page.evaluate("navigator.onLine") is False

    answer(page, "5")
    # The routine's figures were kept with the page, though none was shown before.
    figure_shown(page, "Figure showing the lunging hip-flexor stretch, right side")
    run_exercise(page)
    figure_shown(page, "Figure showing the knee-to-chest stretch")
    page.emulate_media(reduced_motion="reduce")
    figure_shown(page, "Figure showing the knee-to-chest stretch")
    page.emulate_media(reduced_motion="no-preference")
    for _ in range(2):
        run_exercise(page)
    answer(page, "3")
    offline = "You are offline. Your session is saved on this device"
    expect(page.locator("[data-el=done-status]")).to_contain_text(offline)
    assert not SessionLog.objects.exists()

    page.context.set_offline(False)
    log = wait_for_log(page)
    assert (log.pain_before, log.pain_after, log.exercises.count()) == (5, 3, 3)
    page.reload()  # the outbox is sent again on every load: nothing is left to send
    expect(heading(page)).to_have_text("How is your pain right now?")
    assert page.evaluate("localStorage.getItem('supple.outbox')") == "[]"
    assert SessionLog.objects.count() == 1


def test_the_stop_control_is_in_reach_from_the_pain_dialog(page, client, live_server, alice, alice_plan):
    open_player(page, client, live_server, alice)
    answer(page, "3")
    page.clock.run_for(10_000)
    page.get_by_role("button", name="It hurts more than 5/10").click()
    page.get_by_role("dialog").get_by_role("button", name=STOP).click()
    page.get_by_role("button", name="Neither: back to the session").click()
    expect(page.locator("[data-el=pause]")).to_have_text("Pause")  # the hold goes on
    page.get_by_role("button", name="It hurts more than 5/10").click()
    page.get_by_role("dialog").get_by_role("button", name=STOP).click()
    page.get_by_role("button", name="Pain, tingling or numbness is spreading down my leg").click()
    log = wait_for_log(page)
    assert log.outcome == "leg_symptoms"
    assert [(e.exercise_id, e.spread_down_leg) for e in log.exercises.all()] == [("lunging-hip-flexor-stretch", True)]


def test_the_page_of_a_stopped_program_is_accessible(page, client, live_server, alice, alice_plan, assert_accessible):
    document = {**alice_plan.document, "status": "stopped", "routine": [], "desk_routine": []}
    Plan.objects.create(user=alice, intake=alice_plan.intake, decision="proceed", document=document)
    log_in(page, client, live_server, alice)
    page.goto("/session/daily/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your exercises are paused")
    assert_accessible(page)
