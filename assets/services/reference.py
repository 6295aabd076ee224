"""Writes to shared reference data (manufacturers) and to the restrictions an organisation follows;
each re-derives the cameras it affects."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from assets.models import Manufacturer, VendorRestriction
from assets.services.cameras import cameras_refresh_derived
from assets.vendors import (
    forget_followed_restrictions,
)

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


@transaction.atomic
def manufacturer_create(**fields) -> Manufacturer:
    unknown = set(fields) - MANUFACTURER_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a manufacturer input field: {', '.join(sorted(unknown))}")
    manufacturer = Manufacturer(**fields)
    manufacturer.full_clean()
    manufacturer.save()
    return manufacturer


@transaction.atomic
def manufacturer_update(*, manufacturer: Manufacturer, **changes) -> Manufacturer:
    """Change reference data; cameras of this brand (and the brands below it) are derived again."""
    unknown = set(changes) - MANUFACTURER_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a manufacturer input field: {', '.join(sorted(unknown))}")
    before = {name: getattr(manufacturer, name) for name in MANUFACTURER_DERIVATION_FIELDS}
    for name, value in changes.items():
        setattr(manufacturer, name, value)
    manufacturer.full_clean()
    manufacturer.save()
    if any(getattr(manufacturer, name) != value for name, value in before.items()):
        cameras_refresh_derived(manufacturers=[manufacturer])
    return manufacturer


@transaction.atomic
def organisation_follow_restrictions(*, organisation, keys: Iterable[str]) -> int:
    """Make ``organisation`` follow exactly the public restriction bases named by ``keys``, then mark its
    cameras again. Returns how many cameras changed."""
    keys = set(keys)
    public = VendorRestriction.objects.filter(organisation__isnull=True)
    unknown = keys - set(public.values_list("key", flat=True))
    if unknown:
        raise ValidationError({"restrictions": f"No public restriction has the key {', '.join(sorted(unknown))}."})
    organisation.adopted_restrictions.set(public.filter(key__in=keys))
    return _refresh_restrictions(organisation)


@transaction.atomic
def restriction_create(*, organisation, basis: str, key: str = "", **fields) -> VendorRestriction:
    """An organisation's own restriction (on a manufacturer and its brands, or on a country)."""
    restriction = VendorRestriction(organisation=organisation, basis=basis, key=key or organisation.slug, **fields)
    restriction.full_clean()
    restriction.save()
    _refresh_restrictions(organisation)
    return restriction


def _refresh_restrictions(organisation) -> int:
    forget_followed_restrictions(organisation)
    return cameras_refresh_derived(organisation=organisation)
