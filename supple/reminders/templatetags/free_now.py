"""Whether the header offers "I'm free now": only to a person with a desk routine to start."""

from django import template

from supple.plans.services import current_plan
from supple.reminders.services import has_desk_routine

register = template.Library()
# The context key under which a view passes the logged-in person's current plan, when it has read it.
PERSON_PLAN = "person_plan"
NOT_READ = object()


@register.simple_tag(takes_context=True)
def free_now_offered(context: template.Context) -> bool:
    """True when the logged-in person's current plan has a desk routine.

    The button starts the desk routine: a person with no plan yet, a stopped program, or a
    plan without a desk routine (e.g. after recent spine surgery) has nothing to start.
    A view that has read the person's current plan already passes it as `person_plan`
    (None for no plan), which saves the query.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_clinician:
        return False
    plan = context.get(PERSON_PLAN, NOT_READ)
    return has_desk_routine(current_plan(user, with_intake=False) if plan is NOT_READ else plan)
