"""Fixtures shared by every app's tests.

Named actors (a person with back pain, another person, their physiotherapist, another
physiotherapist), a real local SMTP server, and a real headless Chromium.
"""

import os
import socket
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# Chromium flags for a root, offline, display-less machine (see README, "Tests").
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing passwords at full strength would dominate the suite's time; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database
    # calls are still synchronous, so Django's async guard does not apply to them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(tmp_path):
    """Save a screenshot; into SUPPLE_SCREENSHOTS (e.g. docs/screenshots) when that is set."""
    folder = Path(os.environ.get("SUPPLE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(target, name: str, **options) -> Path:
        path = folder / f"{name}.png"
        target.screenshot(path=str(path), **options)
        assert path.stat().st_size > 1000
        return path

    return take


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page: no serious or critical accessibility violations."""

    def check(page) -> None:
        # Run through the DevTools protocol: the pages' Content-Security-Policy refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, "\n".join(bad)

    return check


PASSWORD = "stretch-every-day-42"


def make_user(django_user_model, email: str, role: str = "person", **extra):
    return django_user_model.objects.create_user(email=email, password=PASSWORD, role=role, **extra)


@pytest.fixture
def alice(django_user_model):
    """A person with back pain."""
    return make_user(django_user_model, "alice@example.org", time_zone="Europe/London")


@pytest.fixture
def bob(django_user_model):
    """Another person with back pain, who must never see Alice's data."""
    return make_user(django_user_model, "bob@example.org", time_zone="America/New_York")


@pytest.fixture
def physio(django_user_model):
    """Alice's physiotherapist."""
    return make_user(django_user_model, "physio@clinic.example", role="clinician")


@pytest.fixture
def other_physio(django_user_model):
    """A physiotherapist who does not look after Alice."""
    return make_user(django_user_model, "other.physio@clinic.example", role="clinician")


class Mailbox:
    """Messages received by the local SMTP server, parsed."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost; Django sends its mail there. Yields the Mailbox."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield mailbox
    controller.stop()
