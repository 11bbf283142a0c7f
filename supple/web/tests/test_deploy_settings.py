"""Settings for serving over HTTPS: `supple check --deploy` passes with nothing but an https SITE_ROOT."""

import http.cookiejar
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

SUPPLE = os.path.join(os.path.dirname(sys.executable), "supple")
SHOW = (
    "from django.conf import settings as s; import json;"
    " print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
    " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE]))"
)


@pytest.fixture
def deployment(tmp_path):
    """The environment of a real deployment: its own secret key, host and data folder, DEBUG off."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "DJANGO_"))}
    return env | {
        "SUPPLE_DATA_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "DEBUG": "false",
        "SITE_ROOT": "https://example.org",
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SUPPLE, *args], env=env, capture_output=True, text=True, timeout=60)


def test_check_deploy_finds_no_issues_with_an_https_site_root(deployment):
    result = run(deployment, "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_https_turns_on_hsts_and_the_redirect_and_a_proxy_can_be_trusted(deployment):
    shown = run(deployment, "shell", "-v", "0", "-c", SHOW)
    assert json.loads(shown.stdout) == [True, 365 * 24 * 3600, False, None, True]
    behind_proxy = deployment | {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1"}
    shown = run(behind_proxy, "shell", "-v", "0", "-c", SHOW)
    assert json.loads(shown.stdout) == [True, 365 * 24 * 3600, True, ["HTTP_X_FORWARDED_PROTO", "https"], True]
    proxy_redirects = deployment | {"SECURE_SSL_REDIRECT": "false", "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Ssl: on"}
    shown = run(proxy_redirects, "shell", "-v", "0", "-c", SHOW)
    assert json.loads(shown.stdout) == [False, 365 * 24 * 3600, False, ["HTTP_X_FORWARDED_SSL", "on"], True]


def test_plain_http_keeps_hsts_and_the_redirect_off(deployment):
    shown = run(deployment | {"SITE_ROOT": "http://127.0.0.1:8000"}, "shell", "-v", "0", "-c", SHOW)
    assert json.loads(shown.stdout) == [False, 0, False, None, False]


def test_a_malformed_proxy_header_stops_start_up_with_the_reason(deployment):
    result = run(deployment | {"SECURE_PROXY_SSL_HEADER": "X Forwarded Proto"}, "check")
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(deployment):
    """`supple serve` behind a proxy at 127.0.0.1 (this test plays the proxy), over plain HTTP."""
    env = deployment | {"SITE_ROOT": "http://127.0.0.1", "ALLOWED_HOSTS": "127.0.0.1", "TRUSTED_PROXY": "127.0.0.1"}
    assert run(env, "migrate", "-v", "0").returncode == 0
    port = free_port()
    process = subprocess.Popen([SUPPLE, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(root + "/health/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield root
    process.terminate()
    process.wait(timeout=10)


def ask_for_reset(root: str, client: str) -> int:
    """POST the reset form as the proxy would for `client`; the status code."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(urllib.request.Request(root + "/accounts/reset/", headers={"X-Forwarded-For": client}))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": f"{secrets.token_hex(4)}@example.org"})
    request = urllib.request.Request(root + "/accounts/reset/", data.encode(), {"X-Forwarded-For": client})
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as answer:
        return answer.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_behind_a_trusted_proxy_each_client_is_limited_by_its_own_address(server):
    assert [ask_for_reset(server, "198.51.100.1") for _ in range(11)] == [302] * 10 + [429]
    assert ask_for_reset(server, "198.51.100.2") == 302


@pytest.mark.django_db
def test_the_https_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/health/").status_code == 200
