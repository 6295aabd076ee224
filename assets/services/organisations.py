"""An organisation's settings, some of which decide its cameras' derived fields (the camera lifespan estimates
end of life; the restrictions it follows mark cameras restricted). Here rather than in registry, which knows
nothing of cameras."""

from collections.abc import Iterable

from django.db import transaction

from assets.services.cameras import cameras_refresh_derived
from assets.services.restrictions import organisation_follow_restrictions, organisation_followed_keys
from core.changes import Saved, record_update
from registry.models import Organisation
from registry.services import organisation_create, register_changed

ORGANISATION_SETTINGS = (
    "name",
    "slug",
    "jurisdiction",
    "default_camera_lifespan_years",
    "no_restricted_cameras_after",
    "foi_requester_retention_months",
    "public_register",
)


@transaction.atomic
def organisation_settings_create(*, followed_restrictions: Iterable[str] = (), **settings) -> Organisation:
    """A new organisation following the public restriction bases named by ``followed_restrictions``."""
    organisation = organisation_create(**settings)
    if set(followed_restrictions):
        organisation_follow_restrictions(organisation=organisation, keys=followed_restrictions)
    return organisation


@transaction.atomic
def organisation_settings_update(
    *, organisation: Organisation, followed_restrictions: Iterable[str] | None = None, **changes
) -> Saved[Organisation]:
    """Change an organisation's settings and, with ``followed_restrictions``, the public restriction bases it
    follows; its cameras are derived again when the lifespan or the restrictions changed. Returns the
    organisation and what changed (``followed_restrictions`` among them when it did)."""
    unknown = set(changes).difference(ORGANISATION_SETTINGS)
    if unknown:
        raise TypeError(f"Not an organisation setting: {', '.join(sorted(unknown))}")
    changed = record_update(record=organisation, changes=changes).changed
    followed = None if followed_restrictions is None else set(followed_restrictions)
    if followed is not None and followed != organisation_followed_keys(organisation=organisation):
        organisation_follow_restrictions(organisation=organisation, keys=followed)  # derives every camera again
        changed += ("followed_restrictions",)
    elif "default_camera_lifespan_years" in changed:
        cameras_refresh_derived(organisation=organisation)
    register_changed(organisation_ids=[organisation.pk])  # its name and slug are the counts' labels
    return Saved(organisation, changed)
