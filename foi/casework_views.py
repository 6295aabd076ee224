"""The FOI casework pages: a request's requester, channel and assignee; extending its deadline for the public
interest test; and what the request page shows of them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from core.views import RegisterEditView, add_validation_error
from foi import services
from foi.casework import user_sees_requester
from foi.casework_forms import CaseworkForm, ExtensionForm
from foi.choices import FOIRequestStatus, Law
from foi.filtersets import FOIRequestFilterSet
from foi.models import FOIRequest
from foi.selectors import (
    foi_request_detail_for_user,
    foi_requests_for_user,
    user_manages_foi,
)
from foi.services.casework import EXTENSION_MAX_WORKING_DAYS


def casework_context(*, user, foi_request: FOIRequest) -> dict:
    """What the request page shows of the casework: the requester (or that it is withheld), the extensions and,
    for those who may extend it, the extension form."""
    extended_by = sum(extension.working_days for extension in foi_request.extensions.all())
    extendable = (
        foi_request.law == Law.FOIA
        and foi_request.status == FOIRequestStatus.OPEN
        and extended_by < EXTENSION_MAX_WORKING_DAYS
        and user_manages_foi(user=user, foi_request=foi_request)
    )
    return {
        "sees_requester": user_sees_requester(user=user, foi_request=foi_request),
        "extensions": foi_request.extensions.all(),
        "extension_days_left": EXTENSION_MAX_WORKING_DAYS - extended_by,
        "extension_form": ExtensionForm() if extendable else None,
    }


def list_filterset(request, requests) -> FOIRequestFilterSet:
    """The list page's search and "assigned to me", through the API's own filters."""
    return FOIRequestFilterSet(request.GET, queryset=requests, request=request, other_parameters=["page"])


def list_filter_context(request, filterset: FOIRequestFilterSet) -> dict:
    valid = filterset.is_valid()
    return {
        "filterset": filterset,
        "filter_errors": [] if valid else filterset.error_summary(),
        "search": request.GET.get("q", ""),
        "assigned_to_me": request.GET.get("assigned_to") == "me",
        "filtered": any(request.GET.get(name, "").strip() for name in ("q", "assigned_to", "deadline", "status")),
    }


class CaseworkEditView(RegisterEditView):
    """``/foi/<pk>/casework/``: the requester, how the request arrived and who handles it."""

    template_name = "foi/casework_form.html"
    form_class = CaseworkForm
    noun = "FOI request"

    def scoped_queryset(self):
        return foi_requests_for_user(user=self.request.user)

    def check_permission(self, obj) -> None:
        if not user_manages_foi(user=self.request.user, foi_request=obj):
            raise PermissionDenied("Only the organisation's FOI officers and administrators can do this.")

    def get_form_kwargs(self, obj) -> dict:
        return {"foi_request": obj}

    def save(self, form, current):
        return services.foi_request_update(foi_request=current, **form.cleaned_data).record

    def success_message(self, saved, *, created: bool) -> str:
        return f"Request {saved.reference}: requester and assignment saved."

    def get_context_data(self, **kwargs):
        return super().get_context_data(foi_request=self.object, **kwargs)


@login_required
@require_POST
def request_extend(request, pk: int):
    """Extend the deadline (FOIA s.10(3)); a refused extension shows the request page again with the errors."""
    from foi.views import RequestDetailView  # the page this form is on, which shows this module's context

    foi_request = get_object_or_404(foi_request_detail_for_user(user=request.user), pk=pk)
    if not user_manages_foi(user=request.user, foi_request=foi_request):
        raise PermissionDenied("Only the organisation's FOI officers and administrators can do this.")
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.foi_request_extend(foi_request=foi_request, extended_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if not set(error.message_dict) & set(form.fields):
                for message in error.messages:
                    messages.error(request, message)
                return redirect(foi_request)
            add_validation_error(form, error)
        else:
            foi_request.refresh_from_db()
            due = date_format(foi_request.effective_due_date, "l j F Y")
            messages.success(request, f"Deadline extended. The request is now due on {due}.")
            return redirect(foi_request)
    detail = RequestDetailView(request=request, kwargs={"pk": pk})
    detail.object = get_object_or_404(foi_request_detail_for_user(user=request.user), pk=pk)
    return render(request, detail.template_name, detail.get_context_data(extension_form=form))
