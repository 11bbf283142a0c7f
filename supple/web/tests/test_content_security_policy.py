"""The Content-Security-Policy: no inline script or style, and every page still works under it in Chromium."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from supple.domain.drawing import STYLE
from supple.plans.services import start_plan
from supple.reminders.services import settings_for
from supple.reminders.tests.conftest import SITTING, a_session, log_in_browser

# Record every violation the page reports, from its first script on.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
def test_every_page_sends_the_policy(client, alice):
    client.force_login(alice)
    for url in ["/", reverse("library:index"), reverse("accounts:settings")]:
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["default-src"] == policy["script-src"] == "'self'"
        assert policy["style-src"].startswith("'self' 'sha256-") and "unsafe" not in policy["style-src"]
        assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
        assert policy["base-uri"] == policy["object-src"] == "'none'"
        assert policy["worker-src"] == policy["connect-src"] == policy["img-src"] == "'self'"


def test_no_template_has_inline_script_event_handlers_or_style():
    """The browser test below visits the main pages; this covers every template, however rarely shown."""
    templates = [path for folder in settings.BASE_DIR.glob("**/templates") for path in folder.glob("**/*.html")]
    assert len(templates) > 40
    for path in templates:
        html = path.read_text()
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", html)
        assert not scripts, f"{path}: inline script {scripts}"
        assert not re.search(r"\son[a-z]+=", html), f"{path}: an event handler attribute"
        assert not re.search(r"\sstyle=|<style", html), f"{path}: inline style"


def test_the_figure_style_is_the_one_the_policy_allows():
    import base64
    import hashlib

    text = STYLE.removeprefix("<style>").removesuffix("</style>")
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]


@pytest.fixture
def watched(page):
    page.add_init_script(RECORD_VIOLATIONS)
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)

    def visit(url: str):
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    def violations() -> list[str]:
        return messages + page.evaluate("window.cspViolations || []")

    visit.violations = violations
    return visit


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pages_of_someone_logged_out_work_without_violations(watched):
    page = watched("/")
    expect(page.get_by_role("link", name="Sign up").first).to_be_visible()
    page = watched(reverse("accounts:signup"))
    # timezone.js ran: the select shows the browser's zone, not the form's UTC.
    expect(page.get_by_label("Your time zone")).not_to_have_value("")
    page = watched(reverse("accounts:login"))
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page = watched(reverse("library:index"))
    expect(page.locator(".card").first).to_be_visible()
    watched(reverse("library:detail", args=["cat-camel"]))
    figures = page.locator("img[src*='figure.svg']")
    expect(figures.first).to_be_visible()
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert watched.violations() == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_standalone_figure_keeps_its_reduced_motion_style(watched, browser, live_server):
    page = watched(reverse("library:figure", args=["cat-camel"]))
    assert page.evaluate("getComputedStyle(document.querySelector('.supple-still')).display") == "none"
    assert watched.violations() == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pages_of_someone_with_a_plan_work_without_violations(watched, page, client, live_server, alice):
    start_plan(alice, SITTING)
    for days_ago in range(1, 6):
        a_session(alice, timezone.localdate() - timedelta(days=days_ago))
    row = settings_for(alice)
    row.browser = True
    row.save()
    log_in_browser(page, client, live_server, alice)

    watched(reverse("web:today"))
    expect(page.get_by_role("link", name="Start your daily routine")).to_be_visible()
    watched(reverse("plans:current"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    watched(reverse("plans:start"))
    expect(page.get_by_text("Step 1 of 6")).to_be_visible()
    watched(reverse("progress:index"))
    expect(page.locator("canvas").first).to_be_visible()
    assert page.evaluate("Boolean(Chart.getChart(document.querySelector('canvas')))")  # progress.js drew it
    watched(reverse("reminders:settings"))
    expect(page.get_by_role("heading", name=re.compile("Reminders"))).to_be_visible()
    watched(reverse("accounts:settings"))
    expect(page.get_by_label("Your time zone")).to_be_visible()

    watched(reverse("sessions:player", args=["daily"]))
    expect(page.locator("#player-heading")).to_have_text("How is your pain right now?")
    page.get_by_role("button", name="4", exact=True).click()
    figure = page.locator("[data-el=figure] img")
    expect(figure).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert watched.violations() == []
