"""Writes to the register: cameras one at a time (``cameras``), many at once (``bulk``), the reference data
(``reference``) and restrictions (``restrictions``) that cameras are derived from, and the organisation settings
that decide them (``organisations``). Every update returns a ``core.changes.Saved``: the record and what changed."""

from assets.services.bulk import CAMERA_WRITTEN_FIELDS, camera_validate, cameras_bulk_write
from assets.services.cameras import (
    CAMERA_COMPARED_FIELDS,
    CAMERA_INPUT_FIELDS,
    POLICY_FIELDS,
    camera_build,
    camera_changes,
    camera_create,
    camera_decommission,
    camera_delete,
    camera_update,
    cameras_refresh_derived,
    estimate_end_of_life,
)
from assets.services.organisations import (
    ORGANISATION_SETTINGS,
    organisation_settings_create,
    organisation_settings_update,
)
from assets.services.reference import (
    MANUFACTURER_INPUT_FIELDS,
    manufacturer_create,
    manufacturer_delete,
    manufacturer_update,
)
from assets.services.restrictions import (
    RESTRICTION_INPUT_FIELDS,
    organisation_follow_restrictions,
    organisation_followed_keys,
    restriction_create,
    restriction_delete,
    restriction_update,
)

__all__ = [
    "CAMERA_COMPARED_FIELDS",
    "CAMERA_INPUT_FIELDS",
    "CAMERA_WRITTEN_FIELDS",
    "MANUFACTURER_INPUT_FIELDS",
    "ORGANISATION_SETTINGS",
    "POLICY_FIELDS",
    "RESTRICTION_INPUT_FIELDS",
    "camera_build",
    "camera_changes",
    "camera_create",
    "camera_decommission",
    "camera_delete",
    "camera_update",
    "camera_validate",
    "cameras_bulk_write",
    "cameras_refresh_derived",
    "estimate_end_of_life",
    "manufacturer_create",
    "manufacturer_delete",
    "manufacturer_update",
    "organisation_follow_restrictions",
    "organisation_followed_keys",
    "organisation_settings_create",
    "organisation_settings_update",
    "restriction_create",
    "restriction_delete",
    "restriction_update",
]
