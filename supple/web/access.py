"""Moved to supple.accounts.access; kept until every app imports it from there."""

from supple.accounts.access import person_required

__all__ = ["person_required"]
