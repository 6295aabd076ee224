"""Reads scoped to what a user may see: every query of the register starts from these."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

from registry.choices import DueState, Role
from registry.models import Membership, Organisation, RegisterVersion, Site, SurveillanceSystem
from registry.policy import Action, organisations_where_user_may


def organisations_for_user(*, user) -> QuerySet[Organisation]:
    """The organisations ``user`` belongs to; a superuser sees them all."""
    return organisations_where_user_may(user=user, action=Action.VIEW)


def organisation_names_for_user(*, user) -> str:
    """The councils ``user`` belongs to, as a download's footer names them."""
    return ", ".join(organisations_for_user(user=user).order_by("name").values_list("name", flat=True))


def sites_for_user(*, user) -> QuerySet[Site]:
    return Site.objects.filter(organisation__in=organisations_for_user(user=user)).select_related(
        "organisation", "category"
    )


def organisations_with_role(*, user) -> QuerySet[Organisation]:
    """The user's organisations, each annotated with ``user_role`` (a superuser is everywhere an administrator)."""
    organisations = organisations_for_user(user=user)
    if not user or not user.is_authenticated:
        return organisations
    if user.is_superuser:
        return organisations.annotate(user_role=Value(Role.ADMIN))
    role = Membership.objects.filter(user=user, organisation=OuterRef("pk"), is_active=True).values("role")[:1]
    return organisations.annotate(user_role=Subquery(role))


class OrganisationChoiceError(Exception):
    """Why no organisation could be chosen; ``forbidden`` when the user's role is the reason."""

    def __init__(self, message: str, *, forbidden: bool = False):
        super().__init__(message)
        self.forbidden = forbidden


def organisation_to_edit(*, user, slug: str | None) -> Organisation:
    """The organisation whose register ``user`` is changing: the one named by ``slug``, or their only one.

    An organisation the user does not belong to reads as unknown, so the answer reveals nothing about it."""
    editable = organisations_where_user_may(user=user, action=Action.CHANGE)
    if slug:
        organisation = editable.filter(slug=slug).first()
        if organisation is not None:
            return organisation
        if organisations_for_user(user=user).filter(slug=slug).exists():
            raise OrganisationChoiceError("Your role in this organisation cannot change its register.", forbidden=True)
        raise OrganisationChoiceError(f'You are not a member of an organisation "{slug}".')
    choices = list(editable[:2])
    if len(choices) == 1:
        return choices[0]
    if not choices:
        raise OrganisationChoiceError("Your role cannot change any organisation's register.", forbidden=True)
    raise OrganisationChoiceError("You edit more than one organisation's register: say which (its slug).")


def memberships_for_user(*, user) -> QuerySet[Membership]:
    """Memberships of the organisations ``user`` belongs to (whether they may manage them is the policy's
    question): another organisation's members are not found at all."""
    return Membership.objects.filter(organisation__in=organisations_for_user(user=user)).select_related(
        "user", "organisation"
    )


def memberships_managed_by(*, user) -> QuerySet[Membership]:
    """Memberships of the organisations where ``user`` manages the members, in name order."""
    managed = organisations_where_user_may(user=user, action=Action.MANAGE_MEMBERS)
    return (
        Membership.objects.filter(organisation__in=managed)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__username")
    )


def register_versions(*, organisations: QuerySet[Organisation] | None) -> tuple:
    """The versions of what a count over these organisations' cameras reads (None: every organisation), with the
    organisations' ids, to key a cached answer with: any write to them gives a new value
    (``registry.services.register_changed``). One query."""
    if organisations is None:
        return ("every organisation", *RegisterVersion.objects.order_by("key").values_list("key", "version"))
    own_key = Concat(Value("organisation:"), Cast(OuterRef("pk"), output_field=CharField()))
    return tuple(
        organisations.order_by("pk")
        .annotate(
            version=Subquery(RegisterVersion.objects.filter(key=own_key).values("version")[:1]),
            reference=Subquery(RegisterVersion.objects.filter(key=RegisterVersion.REFERENCE).values("version")[:1]),
        )
        .values_list("pk", "version", "reference")
    )


# A review or DPIA due within this many days is shown as due soon (yellow); one already past, as overdue (red).
DUE_SOON_DAYS = 30


def systems_for_user(*, user) -> QuerySet[SurveillanceSystem]:
    """The surveillance camera systems of the user's organisations, with their organisation and responsible officer."""
    return SurveillanceSystem.objects.filter(organisation__in=organisations_for_user(user=user)).select_related(
        "organisation", "responsible_officer"
    )


def systems_with_camera_count(*, user) -> QuerySet[SurveillanceSystem]:
    """The user's systems, each with ``camera_count``: a subquery, not a join and GROUP BY, so that a write can
    lock the row (PostgreSQL refuses FOR UPDATE with GROUP BY)."""
    cameras = SurveillanceSystem._meta.get_field("cameras").related_model.objects  # assets' Camera, not imported
    count = cameras.filter(system=OuterRef("pk")).order_by().values("system").annotate(count=Count("*"))
    return systems_for_user(user=user).annotate(camera_count=Coalesce(Subquery(count.values("count")), 0))


def due_state(*, due: datetime.date | None, today: datetime.date) -> DueState:
    """Where a review or DPIA due on ``due`` stands ``today``: due today is due soon, not yet overdue."""
    if due is None:
        return DueState.NOT_SET
    if due < today:
        return DueState.OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DueState.DUE_SOON
    return DueState.IN_DATE


def review_overdue(*, today: datetime.date) -> Q:
    """Systems whose next review was due before ``today``."""
    return Q(next_review_due__lt=today)


def dpia_overdue(*, today: datetime.date) -> Q:
    """Systems whose DPIA review was due before ``today``."""
    return Q(dpia_review_due__lt=today)


def systems_due(*, systems: QuerySet[SurveillanceSystem], today: datetime.date) -> list[dict]:
    """The systems whose review or DPIA review is overdue or due within ``DUE_SOON_DAYS``, soonest first, each as
    ``{"system", "what", "due", "state"}`` (one entry per date: a system may be due for both)."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    due = []
    for system in systems.filter(Q(next_review_due__lte=soon) | Q(dpia_review_due__lte=soon)):
        for what, day in (("Review", system.next_review_due), ("DPIA review", system.dpia_review_due)):
            if day is not None and day <= soon:
                due.append({"system": system, "what": what, "due": day, "state": due_state(due=day, today=today)})
    due.sort(key=lambda entry: (entry["due"], entry["system"].name, entry["what"]))
    return due


def responsible_officer_choices(*, organisation_ids) -> QuerySet:
    """The users who may answer for a system of these organisations: their active members."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation_id__in=organisation_ids, memberships__is_active=True)
        .distinct()
        .order_by("username")
    )
