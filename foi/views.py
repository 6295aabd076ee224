"""The FOI officers' pages: the list with its deadlines, a request with live answers, and issuing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from foi import services
from foi.answers import question_answer
from foi.forms import DateForm, FOIRequestForm, IssueForm, QuestionForm, apply_errors
from foi.models import FOIRequest, Question
from foi.selectors import (
    foi_request_deadline,
    foi_request_detail_for_user,
    foi_requests_for_user,
    organisations_user_manages_foi,
    user_manages_foi,
)
from foi.spreadsheets import XLSX_CONTENT_TYPE


def _request_for(user, pk: int, *, manage: bool = False) -> FOIRequest:
    foi_request = get_object_or_404(foi_request_detail_for_user(user=user), pk=pk)
    if manage and not user_manages_foi(user=user, foi_request=foi_request):
        raise PermissionDenied("Only the organisation's FOI officers and administrators can do this.")
    return foi_request


@login_required
@require_GET
def request_list(request):
    foi_requests = list(foi_requests_for_user(user=request.user).order_by("status", "due_date", "-received_date"))
    rows = [(foi_request, foi_request_deadline(foi_request=foi_request)) for foi_request in foi_requests]
    can_create = organisations_user_manages_foi(user=request.user).exists()
    return render(request, "foi/request_list.html", {"rows": rows, "can_create": can_create})


@login_required
def request_create(request):
    organisations = organisations_user_manages_foi(user=request.user)
    if not organisations.exists():
        raise PermissionDenied("Only FOI officers and administrators can record requests.")
    form = FOIRequestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            foi_request = services.foi_request_create(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Request {foi_request.reference} recorded; due {foi_request.due_date:%d %B %Y}.")
            return redirect("foi:request-detail", pk=foi_request.pk)
    return render(request, "foi/request_form.html", {"form": form})


@login_required
@require_GET
def request_detail(request, pk: int):
    foi_request = _request_for(request.user, pk)
    questions = []
    for question in foi_request.questions.all():
        try:
            questions.append((question, question_answer(question), None))
        except ValidationError as error:
            questions.append((question, None, error.messages))
    return render(
        request,
        "foi/request_detail.html",
        {
            "foi_request": foi_request,
            "deadline": foi_request_deadline(foi_request=foi_request),
            "questions": questions,
            "versions": foi_request.versions.all(),
            "can_manage": user_manages_foi(user=request.user, foi_request=foi_request),
            "date_form": DateForm(),
            "issue_form": IssueForm(),
        },
    )


@login_required
def question_edit(request, pk: int, question_pk: int | None = None):
    foi_request = _request_for(request.user, pk, manage=True)
    question = get_object_or_404(Question, pk=question_pk, request=foi_request) if question_pk else None
    initial = QuestionForm.initial_for(question) if question else {}
    form = QuestionForm(request.POST or None, foi_request=foi_request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if question:
                services.question_update(question=question, **form.service_fields())
            else:
                services.question_create(foi_request=foi_request, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("foi:request-detail", pk=foi_request.pk)
    return render(request, "foi/question_form.html", {"form": form, "foi_request": foi_request, "question": question})


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
    if form.is_valid() and _run(
        request,
        services.foi_request_issue,
        foi_request=foi_request,
        issued_by=request.user,
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, "Response issued. Its figures, wording and spreadsheet are now frozen.")
    return redirect("foi:request-detail", pk=foi_request.pk)


@login_required
@require_POST
def request_transition(request, pk: int, action: str):
    foi_request = _request_for(request.user, pk, manage=True)
    if action == "withdraw":
        _run(request, services.foi_request_withdraw, foi_request=foi_request)
    else:
        form = DateForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Enter a valid date.")
        elif action == "clarification-requested":
            _run(
                request,
                services.foi_request_clarification_request,
                foi_request=foi_request,
                requested_on=form.cleaned_data["date"],
            )
        elif action == "clarification-received":
            _run(
                request,
                services.foi_request_clarification_receive,
                foi_request=foi_request,
                received_on=form.cleaned_data["date"],
            )
        else:
            raise Http404("No such action.")
    return redirect("foi:request-detail", pk=foi_request.pk)


@login_required
@require_GET
def version_download(request, pk: int, number: int):
    foi_request = _request_for(request.user, pk)
    version = get_object_or_404(foi_request.versions.model.objects.filter(request=foi_request), number=number)
    response = HttpResponse(bytes(version.workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{version.filename}"'
    return response
