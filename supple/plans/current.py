"""The logged-in person's current plan, read once per request.

A page's view and the header (whose "I'm free now" button depends on the plan) both need
the plan: they share one query through current_plan_for.
"""

from django.http import HttpRequest

from supple.plans.models import Plan
from supple.plans.services import current_plan

# Where the request keeps the plan it read: (plan, whether its intake was read with it).
_KEPT = "_supple_current_plan"


def current_plan_for(request: HttpRequest, *, with_intake: bool = False) -> Plan | None:
    """current_plan(request.user), read at most once per request (twice if the intake is asked for later).

    The plan is the one read first: a view that changes the person's plan and then shows a
    page (with its header) passes the new plan on itself rather than calling this first.
    """
    kept = getattr(request, _KEPT, None)
    if kept is not None and (kept[1] or not with_intake):
        return kept[0]
    plan = current_plan(request.user, with_intake=with_intake)
    setattr(request, _KEPT, (plan, with_intake))
    return plan


def keep_current_plan(request: HttpRequest, plan: Plan | None) -> None:
    """Make `plan` the request's current plan: a view that has just changed it shows the new one."""
    setattr(request, _KEPT, (plan, True))
