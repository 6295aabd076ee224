from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated

from core.api.base import OrganisationRecordViewSet
from core.api.filters import FILTER_ERRORS, RegisterFilterBackend
from core.api.history import history_schema, record_history_response
from registry.api.permissions import RegisterRolePermission
from registry.api.serializers import OrganisationSerializer, SiteCategorySerializer, SiteSerializer
from registry.filtersets import SiteFilterSet
from registry.history import SITE_HISTORY
from registry.models import Organisation, Site, SiteCategory
from registry.selectors import organisations_for_user, organisations_with_role, sites_for_user
from registry.services import site_create, site_delete, site_update


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisations you belong to, with your role in each."""

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
