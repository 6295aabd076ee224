from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.base import OrganisationRecordViewSet
from core.api.exceptions import ErrorSerializer
from core.api.filters import FILTER_ERRORS, RegisterFilterBackend
from core.api.history import history_schema, record_history_response
from registry.api.permissions import ManagesMembersPermission, RegisterRolePermission
from registry.api.serializers import (
    ComplianceSerializer,
    MemberSerializer,
    MemberUpdateSerializer,
    OrganisationSerializer,
    SiteCategorySerializer,
    SiteSerializer,
    SystemSerializer,
)
from registry.compliance import systems_compliance
from registry.filtersets import SiteFilterSet, SystemFilterSet
from registry.history import SITE_HISTORY, SYSTEM_HISTORY
from registry.models import Membership, Organisation, Site, SiteCategory, SurveillanceSystem
from registry.selectors import (
    organisations_for_user,
    organisations_with_role,
    sites_for_user,
    systems_with_camera_count,
)
from registry.services import (
    membership_add,
    membership_delete,
    membership_update,
    site_create,
    site_delete,
    site_update,
)
from registry.system_services import system_create, system_delete, system_update

NOT_AN_ADMIN = OpenApiResponse(ErrorSerializer, description="You are not an administrator of this organisation.")


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisations you belong to, with your role in each. Served by ``assets.api.views``'s subclass, which
    adds the settings (changing them derives the cameras again, which registry cannot reach)."""

    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()  # for the schema; requests use get_queryset
    lookup_field = "slug"

    def get_queryset(self):
        return organisations_with_role(user=self.request.user)


class SiteCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SiteCategorySerializer
    queryset = SiteCategory.objects.all()
    lookup_field = "slug"


@extend_schema_view(list=extend_schema(responses={200: SiteSerializer(many=True), 400: FILTER_ERRORS}))
class SiteViewSet(OrganisationRecordViewSet):
    """Sites of your organisations. Officers and administrators edit; only administrators delete."""

    serializer_class = SiteSerializer
    permission_classes = [IsAuthenticated, RegisterRolePermission]
    filter_backends = [RegisterFilterBackend]
    filterset_class = SiteFilterSet
    record_name = "site"
    queryset = Site.objects.none()  # for the schema; requests use scoped_queryset

    def scoped_queryset(self):
        return sites_for_user(user=self.request.user).order_by("name", "pk")

    def default_organisation(self) -> Organisation:
        organisations = list(organisations_for_user(user=self.request.user)[:2])
        if len(organisations) != 1:
            raise ValidationError({"organisation": "You belong to several organisations: name one by its slug."})
        return organisations[0]

    def create_record(self, data: dict) -> Site:
        organisation = data.pop("organisation", None) or self.default_organisation()
        self.require_editor(organisation)
        return site_create(organisation=organisation, reason=data.pop("change_reason", ""), **data)

    def update_record(self, instance: Site, data: dict) -> Site:
        return site_update(site=instance, reason=data.pop("change_reason", ""), **data).record

    def delete_record(self, instance: Site) -> None:
        site_delete(site=instance)

    @history_schema("site")
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, pk=None):
        return record_history_response(request, self, record_history=SITE_HISTORY, record=self.get_object())


def only_organisation_of(user) -> Organisation:
    """The user's organisation when they belong to just one; otherwise a 400 asking which."""
    organisations = list(organisations_for_user(user=user)[:2])
    if len(organisations) != 1:
        raise ValidationError({"organisation": "You belong to several organisations: name one by its slug."})
    return organisations[0]


@extend_schema_view(list=extend_schema(responses={200: SystemSerializer(many=True), 400: FILTER_ERRORS}))
class SystemViewSet(OrganisationRecordViewSet):
    """Surveillance camera systems of your organisations, each with its reviews, DPIA and self-assessment against
    the Surveillance Camera Code's 12 principles. Officers and administrators edit; only administrators delete, and
    only a system with no cameras that no site names as its default (400 otherwise)."""

    serializer_class = SystemSerializer
    permission_classes = [IsAuthenticated, RegisterRolePermission]
    filter_backends = [RegisterFilterBackend]
    filterset_class = SystemFilterSet
    record_name = "system"
    queryset = SurveillanceSystem.objects.none()  # for the schema; requests use scoped_queryset

    def scoped_queryset(self):
        return systems_with_camera_count(user=self.request.user).order_by("name", "pk")

    def create_record(self, data: dict) -> SurveillanceSystem:
        organisation = data.pop("organisation", None) or only_organisation_of(self.request.user)
        self.require_editor(organisation)
        return system_create(organisation=organisation, reason=data.pop("change_reason", ""), **data)

    def update_record(self, instance: SurveillanceSystem, data: dict) -> SurveillanceSystem:
        return system_update(system=instance, reason=data.pop("change_reason", ""), **data).record

    def delete_record(self, instance: SurveillanceSystem) -> None:
        system_delete(system=instance)

    @history_schema("system")
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, pk=None):
        return record_history_response(request, self, record_history=SYSTEM_HISTORY, record=self.get_object())

    @extend_schema(
        filters=True,
        responses={200: ComplianceSerializer, 400: FILTER_ERRORS},
        description="Every system (the list's filters apply) with each of the 12 principles' status and evidence, "
        "where its review and DPIA review stand today, and what is overdue.",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def compliance(self, request):
        systems = self.filter_queryset(self.get_queryset())
        return Response(ComplianceSerializer(systems_compliance(systems=systems, today=timezone.localdate())).data)


@extend_schema_view(
    list=extend_schema(responses={200: MemberSerializer(many=True), 403: NOT_AN_ADMIN}),
    retrieve=extend_schema(responses={200: MemberSerializer, 403: NOT_AN_ADMIN}),
)
class MemberViewSet(OrganisationRecordViewSet):
    """The members of one of your organisations, for its administrators (anyone else: 403). A new username is a
    new user, emailed a link to set their password; the last active administrator cannot be removed, demoted or
    deactivated (400)."""

    permission_classes = [IsAuthenticated, ManagesMembersPermission]
    serializer_class = MemberSerializer
    filter_backends: list = []
    record_name = "member"
    lookup_field = "user__username"
    lookup_url_kwarg = "username"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = Membership.objects.none()  # for the schema; requests use scoped_queryset

    def get_serializer_class(self):
        return MemberUpdateSerializer if self.action == "partial_update" else MemberSerializer

    def parent_organisation(self) -> Organisation:
        """The organisation in the address, among the user's own: another's is a 404 whatever the role."""
        if not hasattr(self, "_organisation"):
            self._organisation = get_object_or_404(
                organisations_for_user(user=self.request.user), slug=self.kwargs["slug"]
            )
        return self._organisation

    def scoped_queryset(self):
        return (
            Membership.objects.filter(organisation=self.parent_organisation())
            .select_related("user", "organisation")
            .order_by("user__username")
        )

    def create_record(self, data: dict) -> Membership:
        user = data.pop("user")
        return membership_add(
            organisation=self.parent_organisation(),
            username=user["username"],
            email=user.get("email", ""),
            site_url=self.request.build_absolute_uri("/"),
            **data,
        )

    def update_record(self, instance: Membership, data: dict) -> Membership:
        email = data.pop("user", {}).get("email")
        return membership_update(membership=instance, email=email, **data).record

    def delete_record(self, instance: Membership) -> None:
        membership_delete(membership=instance)
