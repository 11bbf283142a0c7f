"""Whether the header offers "I'm free now": only to a person with a desk routine to start."""

from django import template

from supple.plans.current import current_plan_for
from supple.reminders.services import has_desk_routine

register = template.Library()


@register.simple_tag(takes_context=True)
def free_now_offered(context: template.Context) -> bool:
    """True when the logged-in person's current plan has a desk routine (one query, none if the view read the plan).

    The button starts the desk routine: a person with no plan yet, a stopped program, or a
    plan without a desk routine (e.g. after recent spine surgery) has nothing to start.
    The plan is the one the view read (supple.plans.current), so the header costs no query
    on pages that read it anyway.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_clinician:
        return False
    return has_desk_routine(current_plan_for(request))
