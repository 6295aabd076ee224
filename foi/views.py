"""The FOI officers' pages: the list with its deadlines, a request with live answers, and issuing; and the change
log, here on the top floor because it lists every kind of record (``foi/changelog.py``)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from assets.views.exports import download_or_export_job
from core.filtersets import filter_errors
from core.spreadsheets import xlsx_content_response
from core.views import HistorySectionMixin, RegisterDetailView, RegisterEditView, RegisterListView
from foi import services
from foi.answers import question_answer
from foi.casework_views import casework_context, list_filter_context, list_filterset
from foi.changelog import change_entries, changes_for_user
from foi.exports import CHANGE_LOG_DOWNLOAD, change_log_filterset
from foi.filtersets import ChangeFilterSet
from foi.forms import TRANSITION_DATES, DateForm, FOIRequestForm, IssueForm, QuestionForm
from foi.history import FOI_REQUEST_HISTORY
from foi.models import FOIRequest, Question
from foi.review_forms import add_service_errors, review_page_forms
from foi.review_selectors import request_casework
from foi.selectors import (
    foi_request_deadline,
    foi_request_detail_for_user,
    foi_requests_for_user,
    foi_requests_in_list_order,
    organisations_user_manages_foi,
    user_manages_foi,
)

# The fields a clarification service names when the date given is refused, such as one in the future.
TRANSITION_DATE_FIELDS = {"clarification_requested_date", "clarification_received_date"}


def _request_for(user, pk: int, *, manage: bool = False) -> FOIRequest:
    foi_request = get_object_or_404(foi_request_detail_for_user(user=user), pk=pk)
    if manage and not user_manages_foi(user=user, foi_request=foi_request):
        raise PermissionDenied("Only the organisation's FOI officers and administrators can do this.")
    return foi_request


class RequestListView(RegisterListView):
    template_name = "foi/request_list.html"

    def scoped_queryset(self):
        self.filterset = list_filterset(self.request, foi_requests_in_list_order(user=self.request.user))
        return self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= list_filter_context(self.request, self.filterset)
        context["rows"] = [
            (foi_request, foi_request_deadline(foi_request=foi_request)) for foi_request in context["object_list"]
        ]
        context["can_create"] = organisations_user_manages_foi(user=self.request.user).exists()
        return context


class RequestDetailView(HistorySectionMixin, RegisterDetailView):
    template_name = "foi/request_detail.html"
    record_history = FOI_REQUEST_HISTORY

    def scoped_queryset(self):
        return foi_request_detail_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        foi_request = self.object
        can_manage = user_manages_foi(user=self.request.user, foi_request=foi_request)
        casework = request_casework(foi_request=foi_request, can_manage=can_manage)
        questions = []
        for question in foi_request.questions.all():
            try:
                questions.append((question, question_answer(question), None))
            except ValidationError as error:
                questions.append((question, None, error.messages))
        return super().get_context_data(
            foi_request=foi_request,
            deadline=foi_request_deadline(foi_request=foi_request),
            questions=questions,
            versions=foi_request.versions.all(),
            can_manage=can_manage,
            **{
                "date_form": _date_form(foi_request),
                "issue_form": IssueForm(),
                **review_page_forms(casework),
                **casework,
                **casework_context(user=self.request.user, foi_request=foi_request),
                **kwargs,
            },
        )


def _date_form(foi_request: FOIRequest) -> DateForm | None:
    """The form for the request's next dated step, if it has one."""
    if foi_request.status == "open":
        return DateForm(action="clarification-requested")
    if foi_request.status == "awaiting-clarification":
        return DateForm(action="clarification-received")
    return None


class RequestCreateView(RegisterEditView):
    template_name = "foi/request_form.html"
    form_class = FOIRequestForm

    def scoped_queryset(self):
        return foi_requests_for_user(user=self.request.user)

    def check_permission(self, obj) -> None:
        if not organisations_user_manages_foi(user=self.request.user).exists():
            raise PermissionDenied("Only FOI officers and administrators can record requests.")

    def get_form_kwargs(self, obj) -> dict:
        return {"organisations": organisations_user_manages_foi(user=self.request.user)}

    def save(self, form, current):
        fields = dict(form.cleaned_data)
        return services.foi_request_create(reason=fields.pop("change_reason", ""), **fields)

    def success_message(self, saved, *, created: bool) -> str:
        return f"Request {saved.reference} recorded; due {saved.due_date:%d %B %Y}."


class QuestionEditView(RegisterEditView):
    """Add a question to a request (no ``question_pk``) or change one."""

    template_name = "foi/question_form.html"
    form_class = QuestionForm
    noun = "question"

    def scoped_queryset(self):
        return Question.objects.filter(request=self.foi_request)

    def get_object(self):
        self.foi_request = _request_for(self.request.user, self.kwargs["pk"], manage=True)
        if "question_pk" not in self.kwargs:
            return None
        return get_object_or_404(self.scoped_queryset(), pk=self.kwargs["question_pk"])

    def check_permission(self, obj) -> None:
        pass  # get_object has checked the user manages the request's FOI work

    def get_form_kwargs(self, obj) -> dict:
        initial = QuestionForm.initial_for(obj) if obj is not None else {}
        return {"foi_request": self.foi_request, "initial": initial}

    def save(self, form, current):
        reason = form.cleaned_data.get("change_reason", "")
        if current is None:
            return services.question_create(foi_request=self.foi_request, reason=reason, **form.service_fields())
        return services.question_update(question=current, reason=reason, **form.service_fields()).record

    def success_url(self, saved) -> str:
        return self.foi_request.get_absolute_url()

    def success_message(self, saved, *, created: bool) -> str:
        return f"Question {saved.order} {'added' if created else 'saved'}."

    def get_context_data(self, **kwargs):
        return super().get_context_data(foi_request=self.foi_request, question=self.object, **kwargs)


@login_required
@require_GET
def question_preview(request, pk: int):
    """The answer to the question as the form stands, for the page's live preview."""
    foi_request = _request_for(request.user, pk)
    data = request.GET.copy()
    data["text"] = data.get("text") or "Preview"  # the wording can wait; the figures cannot
    form = QuestionForm(data, foi_request=foi_request)
    answer, errors = None, []
    if form.is_valid():
        question = Question(request=foi_request, order=0, **form.service_fields())
        try:
            services.question_check(question=question)
            answer = question_answer(question)
        except ValidationError as error:
            errors = error.messages
    else:
        errors = [f"{field}: {' '.join(messages)}" for field, messages in form.errors.items()]
    return render(request, "foi/_answer.html", {"answer": answer, "errors": errors})


@login_required
@require_POST
def question_delete(request, pk: int, question_pk: int):
    foi_request = _request_for(request.user, pk, manage=True)
    question = get_object_or_404(Question, pk=question_pk, request=foi_request)
    _run(request, services.question_delete, question=question)
    return redirect("foi:request-detail", pk=foi_request.pk)


def _run(request, service, **kwargs) -> bool:
    try:
        service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


@login_required
@require_POST
def request_issue(request, pk: int):
    foi_request = _request_for(request.user, pk, manage=True)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.foi_request_issue(
                foi_request=foi_request,
                issued_by=request.user,
                reason=form.cleaned_data["reason"],
                **form.outcome_fields(),
            )
        except ValidationError as error:
            if not set(getattr(error, "error_dict", {})) & set(form.fields):
                for message in error.messages:
                    messages.error(request, message)
                return redirect("foi:request-detail", pk=foi_request.pk)
            add_service_errors(form, error)
        else:
            messages.success(request, "Response issued. Its figures, wording, spreadsheet and letter are now frozen.")
            return redirect("foi:request-detail", pk=foi_request.pk)
    detail = RequestDetailView(request=request, kwargs={"pk": foi_request.pk})
    detail.object = _request_for(request.user, pk)
    return render(request, detail.template_name, detail.get_context_data(issue_form=form, error_form=form))


_TRANSITION_SERVICES = {
    "clarification-requested": lambda *, foi_request, day: services.foi_request_clarification_request(
        foi_request=foi_request, requested_on=day
    ),
    "clarification-received": lambda *, foi_request, day: services.foi_request_clarification_receive(
        foi_request=foi_request, received_on=day
    ),
}


@login_required
@require_POST
def request_transition(request, pk: int, action: str):
    foi_request = _request_for(request.user, pk, manage=True)
    if action == "withdraw":
        _run(request, services.foi_request_withdraw, foi_request=foi_request)
        return redirect("foi:request-detail", pk=foi_request.pk)
    if action not in TRANSITION_DATES:
        raise Http404("No such action.")
    form = DateForm(request.POST, action=action)
    next_step = _date_form(foi_request)
    if next_step is None or next_step.action != action:
        # Not this request's next step (another tab moved it on): say why on the request's page.
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["date"]))
        else:
            _run(request, _TRANSITION_SERVICES[action], foi_request=foi_request, day=form.cleaned_data["date"])
        return redirect("foi:request-detail", pk=foi_request.pk)
    if form.is_valid():
        try:
            _TRANSITION_SERVICES[action](foi_request=foi_request, day=form.cleaned_data["date"])
        except ValidationError as error:
            if not set(getattr(error, "error_dict", {})) & TRANSITION_DATE_FIELDS:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("foi:request-detail", pk=foi_request.pk)
            for message in error.messages:
                form.add_error("date", message)
        else:
            return redirect("foi:request-detail", pk=foi_request.pk)
    # Show the request page again with the date as it was typed and the Design System's error messages.
    detail = RequestDetailView(request=request, kwargs={"pk": foi_request.pk})
    detail.object = _request_for(request.user, pk)  # afresh: a refused service may have changed it in memory
    return render(request, detail.template_name, detail.get_context_data(date_form=form, form=form))


@login_required
@require_POST
def version_publication(request, pk: int, number: int, publish: bool):
    """Put an issued response on the disclosure log, or take it off."""
    foi_request = _request_for(request.user, pk, manage=True)
    version = get_object_or_404(foi_request.versions.model.objects.filter(request=foi_request), number=number)
    if publish:
        services.response_version_publish(version=version, user=request.user)
        messages.success(request, f"Version {number} is on the disclosure log.")
    else:
        services.response_version_unpublish(version=version, user=request.user)
        messages.success(request, f"Version {number} is no longer on the disclosure log.")
    return redirect("foi:request-detail", pk=foi_request.pk)


@login_required
@require_GET
def version_download(request, pk: int, number: int):
    foi_request = _request_for(request.user, pk)
    version = get_object_or_404(foi_request.versions.model.objects.filter(request=foi_request), number=number)
    return xlsx_content_response(content=bytes(version.workbook), filename=version.filename)


def change_filterset(request, *, other_parameters=()) -> ChangeFilterSet:
    return change_log_filterset(query=request.GET, request=request, other_parameters=other_parameters)


class ChangeLogAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("registry.view_changes"):
            raise PermissionDenied("Only organisation administrators and FOI officers can read the change log.")
        return super().dispatch(request, *args, **kwargs)


class ChangeLogView(ChangeLogAccessMixin, RegisterListView):
    """``/changes/``: who changed what, when and why in the user's organisations, filtered, newest first."""

    template_name = "foi/change_list.html"

    def get_queryset(self):
        self.filterset = change_filterset(self.request, other_parameters=["page"])
        fields = self.filterset.form.fields
        fields["object_type"].choices = [("", "Any"), *fields["object_type"].choices[1:]]
        for name in ("since", "until"):
            fields[name].widget = forms.DateInput(attrs={"type": "date"})
        self.filter_errors = filter_errors(self.filterset)
        if self.filter_errors:
            return []
        return changes_for_user(user=self.request.user, filterset=self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context |= {
            "filterset": self.filterset,
            "filter_errors": self.filterset.error_summary() if self.filter_errors else [],
            "active_filters": self.filterset.active_filters(),
            "filtered": any(params.values()),
            "entries": change_entries(context["object_list"]),
            "download_query": params.urlencode(),
        }
        return context


class ChangeLogDownloadView(ChangeLogAccessMixin, LoginRequiredMixin, TemplateView):
    """The change log with the page's filters, every page, as .csv or .xlsx; a large one in the background."""

    def get(self, request, *args, **kwargs):
        return download_or_export_job(request, builder=CHANGE_LOG_DOWNLOAD, format=kwargs["format"])
