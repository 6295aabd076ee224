"""Writes for organisations, their members, their sites and unit costs, and the site categories."""

import datetime
import logging
import uuid
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from core.changes import Saved, record_update, with_reason
from core.logs import log_event
from registry import member_mail
from registry.choices import Jurisdiction, Role
from registry.models import Membership, Organisation, RegisterVersion, ReplacementUnitCost, Site, SiteCategory

logger = logging.getLogger("cctv.members")


def register_changed(*, organisation_ids: Iterable[int | None] = (), reference: bool = False) -> None:
    """Give the organisations' part of the register (and with ``reference``, what they all share) a new version.
    Called by every write a camera count reads, after the write and in its transaction: a count that reads the
    new version reads the new data too."""
    keys = sorted({RegisterVersion.organisation_key(pk) for pk in organisation_ids if pk is not None})
    if reference:
        keys.insert(0, RegisterVersion.REFERENCE)
    if keys:
        # Rows always locked in the same order (sorted), so two writers never wait on each other in a circle.
        RegisterVersion.objects.bulk_create(
            [RegisterVersion(key=key, version=uuid.uuid4().hex) for key in keys],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["version"],
        )


def _log_membership(event: str, membership: Membership, **fields) -> None:
    log_event(
        logger,
        event,
        member=membership.user.get_username(),
        organisation=membership.organisation.slug,
        role=membership.role,
        **fields,
    )


def organisation_create(
    *,
    slug: str,
    name: str,
    jurisdiction: str = Jurisdiction.ENGLAND_WALES,
    default_camera_lifespan_years: int | None = None,
    no_restricted_cameras_after: datetime.date | None = None,
    foi_requester_retention_months: int | None = None,
    public_register: bool = False,
) -> Organisation:
    """A new organisation; its settings change through ``assets.services.organisation_settings_update``, which
    derives its cameras again when the lifespan or the restrictions it follows change."""
    organisation = Organisation(
        slug=slug,
        name=name,
        jurisdiction=jurisdiction,
        no_restricted_cameras_after=no_restricted_cameras_after,
        public_register=public_register,
    )
    if default_camera_lifespan_years is not None:
        organisation.default_camera_lifespan_years = default_camera_lifespan_years
    if foi_requester_retention_months is not None:
        organisation.foi_requester_retention_months = foi_requester_retention_months
    organisation.full_clean()
    organisation.save()
    register_changed(organisation_ids=[organisation.pk])
    return organisation


def organisation_delete(*, organisation: Organisation) -> None:
    """Remove an organisation with no sites or FOI requests (the database refuses otherwise), and what is only
    its own: memberships, unit costs, its own restrictions."""
    organisation_id = organisation.pk
    organisation.delete()
    register_changed(organisation_ids=[organisation_id], reference=True)


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
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        return membership_create(user=user, organisation=organisation, role=role)
    # Through the update service, so the command cannot demote an organisation's last administrator either.
    return membership_update(membership=membership, role=role, is_active=True).record


MEMBERSHIP_INPUT_FIELDS = frozenset({"user", "organisation", "role", "is_active"})


@transaction.atomic
def membership_create(*, user, organisation: Organisation, role: str, is_active: bool = True) -> Membership:
    """Give an existing user ``role`` in ``organisation``; ``membership_set`` does it by username for the commands,
    ``membership_add`` by username and email for an organisation's admins."""
    membership = Membership(user=user, organisation=organisation, role=role, is_active=is_active)
    membership.full_clean()
    membership.save()
    _log_membership("membership.created", membership)
    return membership


@transaction.atomic
def membership_add(
    *,
    organisation: Organisation,
    username: str,
    email: str,
    role: str,
    site_url: str,
    is_active: bool = True,
    reason: str = "",
) -> Membership:
    """An organisation admin adds a member. A new username becomes a new user with ``email`` and no password, who
    is sent a link to set one (under ``site_url``, the register's address); an existing user of the register
    keeps their password and email (a different ``email`` is refused) and is told by email they were added."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        if not email:
            raise ValidationError({"email": "Enter the new member's email address: they are sent a link there."})
        user = user_model(username=username, email=email, is_staff=True)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        send = member_mail.send_invitation
    else:
        if organisation.memberships.filter(user=user).exists():
            raise ValidationError({"username": f"{username} is already a member of {organisation}."})
        if email and email.casefold() != user.email.casefold():
            raise ValidationError(
                {"email": f"{username} already uses the register with another email address: leave it blank."}
            )
        send = member_mail.send_added_notice
    membership = Membership(user=user, organisation=organisation, role=role, is_active=is_active)
    membership.full_clean()
    with_reason(membership, reason)
    membership.save()
    _log_membership("membership.created", membership)
    transaction.on_commit(lambda: send(membership=membership, site_url=site_url), robust=True)
    return membership


def _is_active_admin(role: str, is_active: bool) -> bool:
    return role == Role.ADMIN and is_active


def _check_an_admin_remains(*, membership: Membership, field: str) -> None:
    """Refuse a change that leaves ``membership``'s organisation with no active administrator. The organisation's
    row is locked first, so two admins demoting each other at once cannot both succeed."""
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    others = Membership.objects.filter(organisation=organisation, role=Role.ADMIN, is_active=True)
    if not others.exclude(pk=membership.pk).exists():
        raise ValidationError(
            {
                field: f"{membership.user} is the last administrator of {organisation}: make another member an "
                "administrator first."
            }
        )


@transaction.atomic
def membership_update(
    *, membership: Membership, email: str | None = None, reason: str = "", **changes
) -> Saved[Membership]:
    """Change a member's role, whether they are active, and with ``email`` the user's address (only for a user of
    this organisation alone: another organisation's member is not this admin's to redirect). The last active
    administrator of an organisation cannot be demoted, deactivated or moved away."""
    _check_fields(changes, allowed=MEMBERSHIP_INPUT_FIELDS, noun="membership")
    role, is_active = changes.get("role", membership.role), changes.get("is_active", membership.is_active)
    organisation = changes.get("organisation", membership.organisation)
    if _is_active_admin(membership.role, membership.is_active) and not (
        _is_active_admin(role, is_active) and organisation.pk == membership.organisation_id
    ):
        field = "role" if role != Role.ADMIN else "is_active" if not is_active else "organisation"
        _check_an_admin_remains(membership=membership, field=field)
    email_changed = email is not None and _user_email_update(membership=membership, email=email)
    saved = record_update(record=membership, changes=changes, reason=reason)
    changed = saved.changed + (("email",) if email_changed else ())
    if changed:
        _log_membership("membership.changed", membership, changed=list(changed))
    return Saved(saved.record, changed)


def _user_email_update(*, membership: Membership, email: str) -> bool:
    user = membership.user
    if email == user.email:
        return False
    if user.is_superuser or user.memberships.exclude(organisation_id=membership.organisation_id).exists():
        raise ValidationError(
            {"email": f"{user} also belongs to another organisation: only a superuser can change their email."}
        )
    user.email = email
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email"])
    return True


@transaction.atomic
def membership_delete(*, membership: Membership, reason: str = "") -> None:
    """Remove a member from an organisation (their user stays, with any other memberships); never its last
    active administrator."""
    if _is_active_admin(membership.role, membership.is_active):
        _check_an_admin_remains(membership=membership, field="role")
    with_reason(membership, reason)
    _log_membership("membership.deleted", membership)
    membership.delete()


UNIT_COST_INPUT_FIELDS = frozenset({"organisation", "category", "unit_cost"})


def replacement_unit_cost_create(
    *, organisation: Organisation, category: SiteCategory, unit_cost
) -> ReplacementUnitCost:
    """What ``organisation`` expects replacing one camera at a site of ``category`` to cost (one per category)."""
    cost = ReplacementUnitCost(organisation=organisation, category=category, unit_cost=unit_cost)
    cost.full_clean()
    cost.save()
    return cost


def replacement_unit_cost_update(*, cost: ReplacementUnitCost, **changes) -> Saved[ReplacementUnitCost]:
    _check_fields(changes, allowed=UNIT_COST_INPUT_FIELDS, noun="unit cost")
    return record_update(record=cost, changes=changes)


def replacement_unit_cost_delete(*, cost: ReplacementUnitCost) -> None:
    cost.delete()


def site_category_create(*, slug: str, name: str) -> SiteCategory:
    category = SiteCategory(slug=slug, name=name)
    category.full_clean()
    category.save()
    register_changed(reference=True)
    return category


def site_category_update(*, category: SiteCategory, **changes) -> Saved[SiteCategory]:
    _check_fields(changes, allowed={"slug", "name"}, noun="site category")
    saved = record_update(record=category, changes=changes)
    register_changed(reference=True)
    return saved


def site_category_delete(*, category: SiteCategory) -> None:
    """Remove a category no site is in (the database refuses otherwise), with the unit costs given for it."""
    category.delete()
    register_changed(reference=True)


def _check_fields(fields, *, allowed, noun: str) -> None:
    unknown = set(fields).difference(allowed)
    if unknown:
        raise TypeError(f"Not a {noun} input field: {', '.join(sorted(unknown))}")


SITE_INPUT_FIELDS = frozenset(
    {"name", "category", "address", "postcode", "ward", "sensitive", "notes", "default_system"}
)


def _check_site_fields(fields) -> None:
    _check_fields(fields, allowed=SITE_INPUT_FIELDS, noun="site")


def site_create(*, organisation: Organisation, reason: str = "", **fields) -> Site:
    """Create a site in ``organisation``; the postcode is normalised and checked by ``full_clean``; ``reason`` goes
    into its history."""
    _check_site_fields(fields)
    site = Site(organisation=organisation, **fields)
    site.full_clean()
    with_reason(site, reason)
    site.save()
    register_changed(organisation_ids=[site.organisation_id])
    return site


def site_update(*, site: Site, organisation: Organisation | None = None, reason: str = "", **changes) -> Saved[Site]:
    """Change some input fields of ``site``. A site stays in its organisation: its cameras' asset tags are
    unique there, and its history belongs to it. Returns the site and the fields whose stored value changed."""
    _check_site_fields(changes)
    if organisation is not None and organisation.pk != site.organisation_id:
        raise ValidationError({"organisation": "A site cannot move to another organisation."})
    saved = record_update(record=site, changes=changes, reason=reason)
    register_changed(organisation_ids=[site.organisation_id])
    return saved


def site_delete(*, site: Site) -> None:
    """Delete an empty site. Cameras keep their site, so a site with cameras is refused rather than orphaning them."""
    camera_count = site.cameras.count()
    if camera_count:
        raise ValidationError(
            {"site": f"{site} still has {camera_count} camera(s); move or delete them before deleting the site."}
        )
    site.delete()
    register_changed(organisation_ids=[site.organisation_id])


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
    register_changed(organisation_ids=[site.organisation_id])
    return site
