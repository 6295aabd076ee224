from django import template

from foi.choices import DisclosableColumn, FOIRequestStatus
from foi.deadlines import DeadlineStatus

register = template.Library()


@register.inclusion_tag("assets/includes/status_tag.html")
def foi_status_tag(foi_request):
    return {"colour": FOIRequestStatus.tag_colour(foi_request.status), "label": foi_request.get_status_display()}


@register.inclusion_tag("foi/includes/deadline_tag.html")
def deadline_tag(deadline: DeadlineStatus):
    """Red when the statutory deadline has passed, yellow in its last working days; plain text otherwise."""
    if deadline.overdue:
        days = deadline.days_overdue
        return {"colour": "red", "label": f"Overdue by {days} working day{'s' if days != 1 else ''}"}
    if deadline.days_left is None:
        return {"label": ""}
    days = deadline.days_left
    label = f"{days} working day{'s' if days != 1 else ''} left"
    return {"colour": "yellow" if deadline.due_soon else "", "label": label}


@register.filter
def column_labels(columns) -> str:
    """``["location_description", "serial_number"]`` -> ``"location description, serial number"``."""
    return ", ".join(
        DisclosableColumn(column).label.lower() if column in DisclosableColumn.values else column for column in columns
    )
