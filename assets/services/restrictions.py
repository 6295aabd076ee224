"""Writes to vendor restrictions, public and an organisation's own, and to who follows them; each re-derives
``restricted`` for the cameras of every organisation that follows the restriction, before or after."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from assets.models import VendorRestriction
from assets.services.cameras import cameras_refresh_derived
from assets.vendors import forget_followed_restrictions
from core.changes import Saved, record_update
from registry.models import Organisation
from registry.services import register_changed

RESTRICTION_INPUT_FIELDS = frozenset(
    {"key", "basis", "manufacturer", "country", "date", "source", "note", "organisation"}
)


def _check_input_fields(fields) -> None:
    unknown = set(fields) - RESTRICTION_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a restriction input field: {', '.join(sorted(unknown))}")


@transaction.atomic
def restriction_create(
    *,
    organisation: Organisation | None,
    basis: str,
    key: str = "",
    adopted_by: Iterable[Organisation] | None = None,
    **fields,
) -> VendorRestriction:
    """An organisation's own restriction (on a manufacturer and its brands, or on a country), keyed by the
    organisation's slug unless ``key`` is given; with no organisation, a public basis others may adopt."""
    _check_input_fields(fields)
    key = key or (organisation.slug if organisation is not None else "")
    restriction = VendorRestriction(organisation=organisation, basis=basis, key=key, **fields)
    restriction.full_clean()
    restriction.save()
    if adopted_by is not None:
        restriction.adopted_by.set(adopted_by)
    _refresh_restrictions(_followers(restriction))
    return restriction


@transaction.atomic
def restriction_update(
    *, restriction: VendorRestriction, adopted_by: Iterable[Organisation] | None = None, **changes
) -> Saved[VendorRestriction]:
    """Change a restriction, and with ``adopted_by`` who adopts it. Returns the restriction and what changed
    (``adopted_by`` among them when the adopters changed)."""
    _check_input_fields(changes)
    followers = _followers(restriction)
    changed = record_update(record=restriction, changes=changes).changed
    if adopted_by is not None:
        adopters = {organisation.pk for organisation in adopted_by}
        if adopters != set(restriction.adopted_by.values_list("pk", flat=True)):
            restriction.adopted_by.set(adopters)
            changed += ("adopted_by",)
    if changed:
        _refresh_restrictions(followers | _followers(restriction))
    return Saved(restriction, changed)


@transaction.atomic
def restriction_delete(*, restriction: VendorRestriction) -> None:
    followers = _followers(restriction)
    restriction.delete()
    _refresh_restrictions(followers)


@transaction.atomic
def organisation_follow_restrictions(*, organisation: Organisation, keys: Iterable[str]) -> int:
    """Make ``organisation`` follow exactly the public restriction bases named by ``keys``, then mark its
    cameras again. Returns how many cameras changed."""
    keys = set(keys)
    public = VendorRestriction.objects.filter(organisation__isnull=True)
    unknown = keys - set(public.values_list("key", flat=True))
    if unknown:
        raise ValidationError({"restrictions": f"No public restriction has the key {', '.join(sorted(unknown))}."})
    organisation.adopted_restrictions.set(public.filter(key__in=keys))
    return _refresh_restrictions({organisation})


def organisation_followed_keys(*, organisation: Organisation) -> set[str]:
    """The keys of the public restriction bases the organisation follows."""
    return set(organisation.adopted_restrictions.values_list("key", flat=True))


def _followers(restriction: VendorRestriction) -> set[Organisation]:
    """The organisations whose cameras the restriction covers: its owner (the caller's instance, whose cached
    restrictions must be forgotten) and its adopters."""
    owner = {restriction.organisation} if restriction.organisation_id else set()
    return owner | set(Organisation.objects.filter(adopted_restrictions=restriction))


def _refresh_restrictions(organisations: Iterable[Organisation]) -> int:
    changed, organisations = 0, list(organisations)
    for organisation in organisations:
        forget_followed_restrictions(organisation)
        changed += cameras_refresh_derived(organisation=organisation)
    # Every restriction change passes here; the cameras it re-marked have bumped their organisations already.
    register_changed(organisation_ids=[organisation.pk for organisation in organisations], reference=True)
    return changed
