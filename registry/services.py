"""Writes for organisations and their members."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from registry.choices import Jurisdiction, Role
from registry.models import Membership, Organisation, Site, SiteCategory


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


def site_create(*, organisation: Organisation, name: str, category: SiteCategory, reason: str = "", **fields) -> Site:
    return site_save(site=site_build(organisation=organisation, name=name, category=category, **fields), reason=reason)


def site_build(*, organisation: Organisation, name: str, category: SiteCategory, **fields) -> Site:
    """An unsaved site; ``site_save`` validates and saves it."""
    return Site(organisation=organisation, name=name, category=category, **fields)


def site_save(*, site: Site, reason: str = "") -> Site:
    site.full_clean()
    if reason:
        site._change_reason = reason
    site.save()
    return site
