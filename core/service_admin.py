"""Django's admin as a client of the services, like the web pages and the API."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Model
from django.http import HttpResponseRedirect

from core.views import add_validation_error


class ServiceRefused(Exception):
    """A service refused the admin's save; carries its ValidationError back to ``changeform_view``."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose saves and deletes call the services (``save_record``, ``delete_record``), never ``obj.save()``.

    A service's ValidationError comes back as errors on the form, at the field it names, rather than a server
    error: the refused save is rolled back and the same post is shown again with the service's reasons."""

    def save_record(self, request, form, current: Model | None) -> Model:
        """Call the service with the form's cleaned data; ``current`` is the record as stored, None when adding."""
        raise NotImplementedError

    def delete_record(self, request, record: Model) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        current = type(obj)._default_manager.get(pk=obj.pk) if change else None
        try:
            saved = self.save_record(request, form, current)
        except ValidationError as error:
            raise ServiceRefused(error) from error
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        # The service wrote the record's many-to-many fields itself; only inlines are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        self.delete_record(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for record in queryset:
            self.delete_record(request, record)

    def delete_view(self, request, object_id, extra_context=None):
        """A delete the service refuses comes back as an error message on the delete page, not a server error."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def response_action(self, request, queryset):
        """The same for "Delete selected": nothing is deleted if the service refuses any of them."""
        try:
            # Django logs the deletions before it deletes, outside any transaction: undone with a refused delete.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().response_action(request, queryset)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            request.service_refusal = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form_class

        class RefusedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                add_validation_error(self, refusal)

        return RefusedForm
