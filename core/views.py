"""The few bases every register page is declared on: a list, a detail page and an edit form, each reading
only the user's organisations (another organisation's record is a 404) and letting only those whose role
allows it write: they ask Django's permission API, ``user.has_perm("<app>.<add|change>_<model>", record)``."""

import copy

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import dateformat, timezone
from django.views.generic import DetailView, ListView, TemplateView

from core.history import RecordHistory, history_entries, newest_first
from core.permissions import permission_name


class RegisterViewMixin(LoginRequiredMixin):
    def scoped_queryset(self):
        """The objects this page may show, already limited to the user's organisations."""
        raise NotImplementedError

    def get_queryset(self):
        return self.scoped_queryset()


def elided_page_range(page) -> list:
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


class RegisterListView(RegisterViewMixin, ListView):
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("page_obj") is not None:
            context["page_range"] = elided_page_range(context["page_obj"])
        params = self.request.GET.copy()
        params.pop("page", None)
        context.setdefault("query", params.urlencode())
        return context


class RegisterDetailView(RegisterViewMixin, DetailView):
    def get_context_data(self, **kwargs):
        can_edit = self.request.user.has_perm(permission_name(type(self.object), "change"), self.object)
        return super().get_context_data(can_edit=can_edit, **kwargs)


class HistorySectionMixin:
    """A detail page's "History" section: the record's changes in words, newest first, ``HISTORY_PAGE_SIZE`` to a
    page (``?history_page=``); a fixed number of queries whatever the page holds."""

    record_history: RecordHistory
    history_page_size = 10

    def get_context_data(self, **kwargs):
        record_history = self.record_history
        rows = newest_first(record_history.annotated(record_history.history_model.objects.filter(id=self.object.pk)))
        page = Paginator(rows, self.history_page_size).get_page(self.request.GET.get("history_page"))
        entries = history_entries(record_history=record_history, rows=page.object_list)
        params = self.request.GET.copy()
        params.pop("history_page", None)
        history = {"page": page, "entries": entries, "query": params.urlencode()}
        return super().get_context_data(history=history, **kwargs)


def change_reason_field() -> forms.CharField:
    """The "Reason for the change" box every edit form ends with; what is typed is kept in the record's history."""
    return forms.CharField(
        label="Reason for the change (optional)",
        max_length=200,
        required=False,
        help_text="Kept in the record's history, for example 'Moved after the library refit'",
    )


class ConcurrencyFormMixin(forms.Form):
    """Carries the ``updated_at`` the form was opened with, so a save over someone else's edit is refused."""

    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and instance.updated_at:
            self.initial["loaded_updated_at"] = instance.updated_at.isoformat()


def add_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, at the field it names when the form has that field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class RegisterEditView(RegisterViewMixin, TemplateView):
    """Create (no ``pk``) or edit an object through a service function, refusing stale edits.

    Subclasses set ``form_class`` and implement ``save(form, current)``, which calls the service and returns
    the saved object; ``current`` is the object locked afresh from the database, or None when creating."""

    form_class: type[forms.BaseForm]
    noun = "record"

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.scoped_queryset(), pk=self.kwargs["pk"])

    def check_permission(self, obj) -> None:
        """Adding needs the add permission in at least one organisation (the form offers only those); editing needs
        the change permission on the record."""
        if obj is None:
            allowed = self.request.user.has_perm(permission_name(self.scoped_queryset().model, "add"))
        else:
            allowed = self.request.user.has_perm(permission_name(type(obj), "change"), obj)
        if not allowed:
            raise PermissionDenied("Your role does not let you change the register.")

    def get_form_kwargs(self, obj) -> dict:
        # A copy: a model form writes what was typed onto its instance, and the page still shows the saved one.
        return {"instance": copy.copy(obj)} if obj is not None else {}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        self.check_permission(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form_class(**self.get_form_kwargs(self.object))))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, **self.get_form_kwargs(self.object))
        if form.is_valid():
            try:
                with transaction.atomic():
                    current = self.lock_current(form)
                    saved = self.save(form, current)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, self.success_message(saved, created=self.object is None))
                return redirect(self.success_url(saved))
        return self.render_to_response(self.get_context_data(form=form))

    def lock_current(self, form):
        """The object as it is now in the database, locked; a ValidationError if it changed since the form opened."""
        if self.object is None:
            return None
        current = self.scoped_queryset().select_for_update(of=("self",)).get(pk=self.object.pk)
        loaded = form.cleaned_data.get("loaded_updated_at")
        if "loaded_updated_at" in form.fields and loaded != current.updated_at.isoformat():
            changed_at = dateformat.format(timezone.localtime(current.updated_at), "j F Y \\a\\t g:i a")
            latest = current.history.select_related("history_user").first()
            by = f" by {latest.history_user}" if latest and latest.history_user else ""
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: f"Someone else changed this {self.noun}{by} on {changed_at}, after you "
                    "opened this page. Your changes have not been saved. Open it again to see their changes, "
                    "then make yours."
                }
            )
        return current

    def save(self, form, current):
        raise NotImplementedError

    def success_url(self, saved) -> str:
        return saved.get_absolute_url()

    def success_message(self, saved, *, created: bool) -> str:
        return f"{self.noun.capitalize()} {saved} {'added' if created else 'saved'}."

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)
