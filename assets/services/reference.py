"""Writes to shared reference data (manufacturers); a change to an owner or maker link or a country re-derives
the cameras it affects."""

from django.db import transaction

from assets.models import Manufacturer
from assets.services.cameras import cameras_refresh_derived
from core.changes import Saved, record_update, with_reason
from registry.services import register_changed

MANUFACTURER_INPUT_FIELDS = frozenset(
    {
        "name",
        "slug",
        "country",
        "parent",
        "parent_relation",
        "parent_from",
        "parent_until",
        "aliases",
        "website",
        "confidence",
        "note",
    }
)


# A change to any of these can change the vendor, origin country or restriction derived for cameras of the brand.
MANUFACTURER_DERIVATION_FIELDS = frozenset({"parent", "parent_relation", "parent_from", "parent_until", "country"})


def _check_input_fields(fields) -> None:
    unknown = set(fields) - MANUFACTURER_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a manufacturer input field: {', '.join(sorted(unknown))}")


@transaction.atomic
def manufacturer_create(*, reason: str = "", **fields) -> Manufacturer:
    _check_input_fields(fields)
    manufacturer = Manufacturer(**fields)
    manufacturer.full_clean()
    with_reason(manufacturer, reason)
    manufacturer.save()
    register_changed(reference=True)
    return manufacturer


@transaction.atomic
def manufacturer_update(*, manufacturer: Manufacturer, reason: str = "", **changes) -> Saved[Manufacturer]:
    """Change reference data; when a link or country changed, cameras of this brand (and the brands below it)
    are derived again. Returns the manufacturer and the fields whose stored value changed."""
    _check_input_fields(changes)
    saved = record_update(record=manufacturer, changes=changes, reason=reason)
    if MANUFACTURER_DERIVATION_FIELDS.intersection(saved.changed):
        cameras_refresh_derived(manufacturers=[manufacturer])
    register_changed(reference=True)
    return saved


def manufacturer_delete(*, manufacturer: Manufacturer) -> None:
    """Remove a manufacturer no camera or brand names (the database refuses otherwise), and its restrictions:
    no camera's chain passes through it, so none is derived differently."""
    manufacturer.delete()
    register_changed(reference=True)
