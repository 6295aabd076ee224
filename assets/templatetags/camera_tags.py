from django import template

from assets.choices import CameraStatus
from assets.replacement import PRIORITIES

register = template.Library()

PRIORITY_COLOURS = {1: "red", 2: "orange", 3: "yellow", 4: "grey"}


@register.inclusion_tag("assets/includes/status_tag.html")
def status_tag(camera):
    return {"colour": CameraStatus.tag_colour(camera.status), "label": camera.get_status_display()}


@register.inclusion_tag("assets/includes/status_tag.html")
def priority_tag(camera):
    """The replacement plan's priority of a camera from ``replacement_plan_cameras``, most urgent in red."""
    label = f"{camera.priority}. {PRIORITIES[camera.priority]}"
    return {"colour": PRIORITY_COLOURS[camera.priority], "label": label, "wrap": True}
