"""FOI records in the admin are read-only: requests are changed on the FOI pages or the API, whose services
compute the statutory due date, and issued responses never change."""

from django.contrib import admin

from foi.models import FOIRequest, Question, ResponseVersion
from registry.admin_scoping import ORGANISATION_FILTER, OrganisationScopedAdmin


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


@admin.register(ResponseVersion)
class ResponseVersionAdmin(ReadOnlyScopedAdmin):
    organisation_path = "request__organisation"
    list_display = ["request", "number", "issued_at", "issued_by", "reason"]
    exclude = ["workbook"]
