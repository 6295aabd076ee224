from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from registry.permissions import register_access
from registry.policy import Action, user_may

NAVIGATION = [
    ("Dashboard", "assets:dashboard"),
    ("Sites", "assets:site-list"),
    ("Systems", "assets:system-list"),
    ("Cameras", "assets:camera-list"),
    ("Replacement plan", "assets:replacement-plan"),
    ("Manufacturers", "assets:manufacturer-list"),
    ("FOI requests", "foi:request-list"),
]
# Shown only to those whose role allows the action in at least one of their organisations. Asked of the policy
# directly: it reads the memberships already loaded for the header, where has_perm would also ask Django's
# permission tables.
PERMITTED_NAVIGATION = [
    ("Change log", "changes:list", Action.VIEW_CHANGES),
    ("Members", "registry:member-list", Action.MANAGE_MEMBERS),
]


def _navigation(request) -> list[dict]:
    path = request.path
    permitted = [
        (label, name) for label, name, action in PERMITTED_NAVIGATION if user_may(user=request.user, action=action)
    ]
    items = []
    for label, name in NAVIGATION + permitted:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return items


def register(request) -> dict:
    """For every template: ``register_access`` (the header's organisation name, edit buttons) and the menu."""
    return {
        "register_access": SimpleLazyObject(lambda: register_access(request)),
        "service_navigation": SimpleLazyObject(lambda: _navigation(request)),
    }
