"""What the signed-in user may see and change in the register, for every template (the header's organisation
names, the add and edit buttons): the policy's answers, gathered once per request."""

from dataclasses import dataclass, field

from registry.models import Organisation
from registry.policy import Action, user_may, user_memberships


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
    """The user's organisations and those where they may change sites and cameras."""
    cached = getattr(request, "_register_access", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_superuser:
        organisations = list(Organisation.objects.all())
    else:
        organisations = sorted((m.organisation for m in user_memberships(user=user)), key=lambda o: o.name)
    editable = frozenset(o.pk for o in organisations if user_may(user=user, action=Action.CHANGE, record=o))
    access = RegisterAccess(organisations, editable)
    request._register_access = access
    return access
