"""FOI records in the admin are read-only: requests are changed on the FOI pages or the API, whose services
compute the statutory due date, and issued responses never change."""

from django.contrib import admin

from foi.choices import REQUESTER_FIELDS
from foi.models import FOIRequest, Question, ResponseVersion
from registry.admin_scoping import ORGANISATION_FILTER, OrganisationScopedAdmin
from registry.policy import Action, user_may


class ReadOnlyScopedAdmin(OrganisationScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["order", "text", "filters", "group_by", "as_at", "exemption", "neither_confirm_nor_deny"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FOIRequest)
class FOIRequestAdmin(ReadOnlyScopedAdmin):
    list_display = ["reference", "organisation", "subject", "received_date", "due_date", "status"]
    list_filter = ["status", ORGANISATION_FILTER]
    search_fields = ["reference", "subject"]
    inlines = [QuestionInline]

    def get_exclude(self, request, obj=None):
        # The requester is personal data: shown only where the user may manage the organisation's FOI requests.
        if obj is not None and user_may(user=request.user, action=Action.MANAGE_FOI, record=obj):
            return super().get_exclude(request, obj)
        return [*(super().get_exclude(request, obj) or []), *REQUESTER_FIELDS]


@admin.register(ResponseVersion)
class ResponseVersionAdmin(ReadOnlyScopedAdmin):
    organisation_path = "request__organisation"
    list_display = ["request", "number", "issued_at", "issued_by", "reason"]
    exclude = ["workbook"]
