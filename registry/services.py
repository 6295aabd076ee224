"""Writes for organisations, their members and their sites."""

import copy
import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from core.changes import Saved, fields_changed, written_fields
from registry.choices import Jurisdiction, Role
from registry.models import Membership, Organisation, Site, SiteCategory


def organisation_create(
    *,
    slug: str,
    name: str,
    jurisdiction: str = Jurisdiction.ENGLAND_WALES,
    default_camera_lifespan_years: int | None = None,
    no_restricted_cameras_after: datetime.date | None = None,
) -> Organisation:
    """A new organisation; its settings change through ``assets.services.organisation_settings_update``, which
    derives its cameras again when the lifespan or the restrictions it follows change."""
    organisation = Organisation(
        slug=slug, name=name, jurisdiction=jurisdiction, no_restricted_cameras_after=no_restricted_cameras_after
    )
    if default_camera_lifespan_years is not None:
        organisation.default_camera_lifespan_years = default_camera_lifespan_years
    organisation.full_clean()
    organisation.save()
    return organisation


def organisation_delete(*, organisation: Organisation) -> None:
    """Remove an organisation with no sites or FOI requests (the database refuses otherwise), and what is only
    its own: memberships, unit costs, its own restrictions."""
    organisation.delete()


@transaction.atomic
def membership_set(*, username: str, organisation: Organisation, role: str, password: str | None) -> Membership:
    """Give ``username`` the ``role`` in ``organisation``, creating the user if needed. Idempotent.

    A new user gets ``password``, or an unusable one when it is None; an existing user's password is
    changed only when one is given. Members are staff so the admin site can show them their organisation."""
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}: choose one of {', '.join(Role.values)}."})
    user_model = get_user_model()
    user_model.username_validator(username)
    user, created = user_model.objects.get_or_create(username=username)
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.is_staff = True
    user.save()
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    return membership


SITE_INPUT_FIELDS = frozenset({"name", "category", "address", "postcode", "ward", "sensitive", "notes"})


def _check_site_fields(fields) -> None:
    unknown = set(fields) - SITE_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a site input field: {', '.join(sorted(unknown))}")


def site_create(*, organisation: Organisation, **fields) -> Site:
    """Create a site in ``organisation``; the postcode is normalised and checked by ``full_clean``."""
    _check_site_fields(fields)
    site = Site(organisation=organisation, **fields)
    site.full_clean()
    site.save()
    return site


def site_update(*, site: Site, organisation: Organisation | None = None, **changes) -> Saved[Site]:
    """Change some input fields of ``site``. A site stays in its organisation: its cameras' asset tags are
    unique there, and its history belongs to it. Returns the site and the fields whose stored value changed."""
    _check_site_fields(changes)
    if organisation is not None and organisation.pk != site.organisation_id:
        raise ValidationError({"organisation": "A site cannot move to another organisation."})
    before = copy.copy(site)
    for name, value in changes.items():
        setattr(site, name, value)
    site.full_clean()
    site.save()
    return Saved(site, fields_changed(before=before, after=site, names=written_fields(Site)))


def site_delete(*, site: Site) -> None:
    """Delete an empty site. Cameras keep their site, so a site with cameras is refused rather than orphaning them."""
    camera_count = site.cameras.count()
    if camera_count:
        raise ValidationError(
            {"site": f"{site} still has {camera_count} camera(s); move or delete them before deleting the site."}
        )
    site.delete()


def site_build(*, organisation: Organisation, name: str, category: SiteCategory, **fields) -> Site:
    """An unsaved site, for checking many before saving any (the camera import); ``site_save`` saves it."""
    _check_site_fields(fields)
    return Site(organisation=organisation, name=name, category=category, **fields)


def site_save(*, site: Site, reason: str = "") -> Site:
    """Validate and save a site made by ``site_build``; ``reason`` goes into its history."""
    site.full_clean()
    if reason:
        site._change_reason = reason
    site.save()
    return site
