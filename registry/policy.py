"""The one permission policy: what a member of an organisation may do there, by their role.

    viewer   view
    foi      view, manage FOI requests, read the change log
    officer  view, add, change (sites and cameras)
    admin    everything: also delete, manage FOI requests, override the procurement policy, manage members
             and change the organisation's settings (camera lifespan, policy date, its restrictions, unit costs);
             read the change log

A superuser may do everything everywhere; an inactive or anonymous user nothing, and an inactive membership
(a member an admin deactivated) nothing in its organisation. Another organisation's
record is never the user's to act on, whatever their role at home.

Code above registry, and core, ask through Django's permission API, ``user.has_perm(name, record)``: the names
are listed in ``registry/rules.py``. Inside the apps the same answers come from ``user_may`` (one record or
organisation) and ``organisations_where_user_may`` (a queryset, for scoping lists and form choices).
"""

from enum import StrEnum

from django.db.models import Model, QuerySet

from registry.choices import Role
from registry.models import Membership, Organisation


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    MANAGE_FOI = "manage_foi"
    OVERRIDE_PROCUREMENT_POLICY = "override_procurement_policy"
    MANAGE_MEMBERS = "manage_members"
    CHANGE_SETTINGS = "change_settings"
    VIEW_CHANGES = "view_changes"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.FOI: frozenset({Action.VIEW, Action.MANAGE_FOI, Action.VIEW_CHANGES}),
    Role.OFFICER: frozenset({Action.VIEW, Action.ADD, Action.CHANGE}),
    Role.ADMIN: frozenset(Action),
}

# Set on the user object, which lives as long as one request: has_perm on every row of a page reads it once.
MEMBERSHIPS_CACHE = "_register_memberships"


def roles_allowed(*, action: Action) -> frozenset[str]:
    """The roles whose members may do ``action`` in their organisation."""
    return frozenset(role for role, actions in ROLE_ACTIONS.items() if action in actions)


def _may_act_at_all(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def user_memberships(*, user) -> list[Membership]:
    """The user's memberships, each with its organisation; read from the database once per user object."""
    if not _may_act_at_all(user):
        return []
    memberships = getattr(user, MEMBERSHIPS_CACHE, None)
    if memberships is None:
        memberships = list(Membership.objects.filter(user=user, is_active=True).select_related("organisation"))
        setattr(user, MEMBERSHIPS_CACHE, memberships)
    return memberships


def organisation_id_of(record: Model) -> int | None:
    """The organisation ``record`` belongs to: itself if it is one, else its ``organisation_id``."""
    if isinstance(record, Organisation):
        return record.pk
    return record.organisation_id


def user_may(*, user, action: Action, record: Model | None = None) -> bool:
    """May ``user`` do ``action`` on ``record`` (an organisation or a record that belongs to one)?
    Without a record: may they do it in at least one of their organisations?"""
    if not _may_act_at_all(user):
        return False
    if user.is_superuser:
        return True
    allowed = roles_allowed(action=action)
    memberships = [membership for membership in user_memberships(user=user) if membership.role in allowed]
    if record is None:
        return bool(memberships)
    organisation_id = organisation_id_of(record)
    return any(membership.organisation_id == organisation_id for membership in memberships)


def organisations_where_user_may(*, user, action: Action) -> QuerySet[Organisation]:
    """The organisations where ``user`` may do ``action``: every one for a superuser, none for an inactive user."""
    if not _may_act_at_all(user):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    if action == Action.VIEW:  # every role views: the plain membership join is the cheaper query
        return Organisation.objects.filter(memberships__user=user, memberships__is_active=True)
    return Organisation.objects.filter(
        memberships__user=user, memberships__is_active=True, memberships__role__in=roles_allowed(action=action)
    )
