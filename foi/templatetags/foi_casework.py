from django import template
from django.utils import timezone

from foi.casework import due_soon_or_overdue
from foi.models import FOIRequest
from foi.selectors import foi_request_deadline, organisations_user_manages_foi

register = template.Library()

PANEL_ROWS = 20


@register.inclusion_tag("foi/includes/deadlines_panel.html", takes_context=True)
def foi_deadlines_panel(context):
    """The dashboard's FOI panel, for FOI officers and administrators: their organisations' open requests due
    within five working days or overdue (by the extended deadline where extended), the most urgent first."""
    user = context["request"].user
    organisations = organisations_user_manages_foi(user=user)
    if not organisations.exists():
        return {"shown": False}
    today = timezone.localdate()
    requests = due_soon_or_overdue(
        FOIRequest.objects.filter(organisation__in=organisations).select_related("organisation", "assigned_to"),
        today=today,
    )
    rows = [
        (foi_request, foi_request_deadline(foi_request=foi_request, today=today))
        for foi_request in requests[:PANEL_ROWS]
    ]
    return {"shown": True, "rows": rows, "count": requests.count(), "user": user}
