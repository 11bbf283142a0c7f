"""The fixed addresses pages link to, reversed once per process.

Reversing a URL name takes about 15 microseconds, and the header alone links to a dozen
addresses on every page. Given only a URL name and constant arguments (never anything
that depends on who is asking), an address is the same on every request of a process
with the same script prefix and URL configuration, so it is looked up once. Templates use
it as {% site_url %} (supple/web/templatetags/site_url.py).
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def address(name: str, *args: str) -> str:
    """reverse(name, args=args), remembered."""
    return _address(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, name, args)


@lru_cache(maxsize=1024)  # bounded all the same: a few dozen names, with exercise ids at most
def _address(prefix: str, urlconf: object, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=args)
