"""Writes for organisations and their members."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from registry.choices import Jurisdiction, Role
from registry.models import Membership, Organisation, Site


def organisation_create(*, slug: str, name: str, jurisdiction: str = Jurisdiction.ENGLAND_WALES) -> Organisation:
    organisation = Organisation(slug=slug, name=name, jurisdiction=jurisdiction)
    organisation.full_clean()
    organisation.save()
    return organisation


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


SITE_INPUT_FIELDS = frozenset({"organisation", "name", "category", "address", "postcode", "ward", "notes"})


def site_create(*, organisation: Organisation, **fields) -> Site:
    unknown = set(fields) - SITE_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a site input field: {', '.join(sorted(unknown))}")
    site = Site(organisation=organisation, **fields)
    site.full_clean()
    site.save()
    return site


def site_update(*, site: Site, **changes) -> Site:
    """Change a site's details; a site stays in its organisation, as its cameras' asset tags are unique there."""
    unknown = set(changes) - (SITE_INPUT_FIELDS - {"organisation"})
    if unknown:
        raise TypeError(f"Not a changeable site field: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(site, name, value)
    site.full_clean()
    site.save()
    return site
