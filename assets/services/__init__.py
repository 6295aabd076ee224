"""Writes to the register: cameras one at a time (``cameras``), many at once (``bulk``), and the reference
data and restrictions that cameras are derived from (``reference``)."""

from assets.services.bulk import CAMERA_WRITTEN_FIELDS, camera_validate, cameras_bulk_write
from assets.services.cameras import (
    CAMERA_INPUT_FIELDS,
    POLICY_FIELDS,
    camera_build,
    camera_create,
    camera_decommission,
    camera_delete,
    camera_update,
    cameras_refresh_derived,
    estimate_end_of_life,
)
from assets.services.reference import (
    manufacturer_create,
    manufacturer_update,
    organisation_follow_restrictions,
    restriction_create,
)

__all__ = [
    "CAMERA_INPUT_FIELDS",
    "CAMERA_WRITTEN_FIELDS",
    "POLICY_FIELDS",
    "camera_build",
    "camera_create",
    "camera_decommission",
    "camera_delete",
    "camera_update",
    "camera_validate",
    "cameras_bulk_write",
    "cameras_refresh_derived",
    "estimate_end_of_life",
    "manufacturer_create",
    "manufacturer_update",
    "organisation_follow_restrictions",
    "restriction_create",
]
