"""{% site_url name arg... %}: {% url %} for fixed addresses, reversed once per process (see supple.web.addresses)."""

from django import template

from supple.web.addresses import address

register = template.Library()


@register.simple_tag
def site_url(name: str, *args: str) -> str:
    """The address {% url name arg %} gives, for a URL name and arguments that do not depend on the person."""
    return address(name, *args)
