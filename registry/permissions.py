"""What the signed-in user may see and change in the register, worked out once per request."""

from dataclasses import dataclass, field

from registry.choices import Role
from registry.models import Membership, Organisation


@dataclass(frozen=True)
class RegisterAccess:
    organisations: list[Organisation] = field(default_factory=list)
    editable_organisation_ids: frozenset[int] = frozenset()

    @property
    def organisation_names(self) -> str:
        return ", ".join(organisation.name for organisation in self.organisations)

    @property
    def can_edit_any(self) -> bool:
        return bool(self.editable_organisation_ids)

    def can_edit(self, organisation_id: int | None) -> bool:
        return organisation_id in self.editable_organisation_ids

    @property
    def editable_organisations(self) -> list[Organisation]:
        return [o for o in self.organisations if o.pk in self.editable_organisation_ids]


def register_access(request) -> RegisterAccess:
    """The user's organisations and where they may edit sites and cameras (officers and administrators)."""
    cached = getattr(request, "_register_access", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_active:
        access = RegisterAccess()
    elif user.is_superuser:
        organisations = list(Organisation.objects.all())
        access = RegisterAccess(organisations, frozenset(o.pk for o in organisations))
    else:
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        access = RegisterAccess(
            sorted((m.organisation for m in memberships), key=lambda o: o.name),
            frozenset(m.organisation_id for m in memberships if m.role in Role.register_editors()),
        )
    request._register_access = access
    return access
