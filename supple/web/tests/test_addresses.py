"""The fixed addresses pages link to: the same as {% url %} gives, reversed once per process."""

from django.template import engines
from django.urls import reverse, set_script_prefix

from supple.web import addresses
from supple.web.addresses import address


def test_an_address_is_reversed_once_and_is_what_reverse_gives():
    addresses._address.cache_clear()
    assert address("web:today") == reverse("web:today") == "/today/"
    assert address("sessions:player", "desk") == reverse("sessions:player", args=["desk"])
    assert address("web:today") == "/today/"
    info = addresses._address.cache_info()
    assert (info.misses, info.hits) == (2, 1)


def test_an_address_follows_the_script_prefix_of_a_site_served_below_the_root():
    try:
        set_script_prefix("/supple/")
        assert address("web:today") == "/supple/today/"
    finally:
        set_script_prefix("/")
    assert address("web:today") == "/today/"


def test_the_template_tag_writes_the_address():
    template = engines["django"].from_string("{% load site_url %}{% site_url 'library:detail' 'cat-camel' %}")
    assert template.render({}) == "/exercises/cat-camel/"
