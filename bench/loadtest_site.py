"""supple's settings and URLs plus one trivial logged-in view, for the load test's baseline.

bench/loadtest.py runs `supple serve` with DJANGO_SETTINGS_MODULE=loadtest_site (this
folder on PYTHONPATH); this module is both the settings and the URLconf.
"""

from supple.settings import *  # noqa: F403

ROOT_URLCONF = "loadtest_site"
TRIVIAL_URL = "/bench/trivial/"


def trivial(request):
    """The least a logged-in page can do: authenticate the person and answer."""
    from django.http import HttpResponse

    return HttpResponse(f"ok {request.user.pk}")


def urls() -> list:
    from django.contrib.auth.decorators import login_required
    from django.urls import include, path

    return [path(TRIVIAL_URL.strip("/") + "/", login_required(trivial)), path("", include("supple.urls"))]


def __getattr__(name: str):
    if name == "urlpatterns":  # read by Django once settings point ROOT_URLCONF here
        return urls()
    raise AttributeError(name)
