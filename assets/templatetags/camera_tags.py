from django import template

from assets.choices import CameraStatus

register = template.Library()


@register.inclusion_tag("assets/includes/status_tag.html")
def status_tag(camera):
    return {"colour": CameraStatus.tag_colour(camera.status), "label": camera.get_status_display()}
