"""The request page's letter, internal reviews and appeals: thin views over ``foi.services``; a refused form shows
the request page again with the Design System's error messages at the fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from foi import services
from foi.forms import IssueForm
from foi.letters import NO_LETTER, letter_response
from foi.models import FOIRequest, ResponseVersion
from foi.review_forms import (
    AppealDecisionForm,
    AppealForm,
    ReviewDecisionForm,
    ReviewRequestForm,
    add_service_errors,
)
from foi.review_selectors import letter_preview, review_late_warning
from foi.views import RequestDetailView, _request_for


def show_request_again(request, pk: int, **forms_with_errors):
    """The request page with the refused form as it was typed, its errors summarised at the top."""
    detail = RequestDetailView(request=request, kwargs={"pk": pk})
    detail.object = _request_for(request.user, pk)
    error_form = next(iter(forms_with_errors.values()))
    context = detail.get_context_data(error_form=error_form, **forms_with_errors)
    return render(request, detail.template_name, context)


def _managed_request(request, pk: int) -> FOIRequest:
    return _request_for(request.user, pk, manage=True)


@login_required
@require_POST
def letter_preview_with_outcome(request, pk: int):
    """The request page with the letter previewed for the outcome typed in the issue form; nothing is written."""
    foi_request = _managed_request(request, pk)
    form = IssueForm(request.POST)
    preview = None
    if form.is_valid():
        try:
            preview = letter_preview(
                foi_request=foi_request, reason=form.cleaned_data["reason"], **form.outcome_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return show_request_again(request, pk, issue_form=form)
    detail = RequestDetailView(request=request, kwargs={"pk": pk})
    detail.object = _request_for(request.user, pk)
    return render(request, detail.template_name, detail.get_context_data(issue_form=form, letter_preview=preview))


@login_required
@require_POST
def review_create(request, pk: int):
    foi_request = _managed_request(request, pk)
    form = ReviewRequestForm(request.POST)
    if form.is_valid():
        try:
            review = services.review_request(foi_request=foi_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Internal review recorded; due {review.due_date:%d %B %Y}.")
            if review.requested_late:
                messages.warning(request, review_late_warning(review))
            return redirect(foi_request)
    return show_request_again(request, pk, review_form=form)


@login_required
@require_POST
def review_decide(request, pk: int, review_pk: int):
    foi_request = _managed_request(request, pk)
    review = get_object_or_404(foi_request.reviews.all(), pk=review_pk)
    form = ReviewDecisionForm(request.POST)
    if form.is_valid():
        try:
            review = services.review_decide(review=review, decided_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, renamed={"cost_estimate_hours": "response_outcome"})
        else:
            issued = f" Version {review.version.number} of the response was issued." if review.version else ""
            messages.success(request, f"Review decided: {review.get_outcome_display().lower()}.{issued}")
            return redirect(foi_request)
    return show_request_again(request, pk, decision_form=form)


@login_required
@require_POST
def appeal_create(request, pk: int):
    foi_request = _managed_request(request, pk)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            appeal = services.appeal_record(foi_request=foi_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Appeal to the {appeal.get_regulator_display()} recorded.")
            return redirect(foi_request)
    return show_request_again(request, pk, appeal_form=form)


@login_required
@require_POST
def appeal_decide(request, pk: int, appeal_pk: int):
    foi_request = _managed_request(request, pk)
    appeal = get_object_or_404(foi_request.appeals.all(), pk=appeal_pk)
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            appeal = services.appeal_decide(appeal=appeal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Decision of the {appeal.get_regulator_display()} recorded.")
            return redirect(foi_request)
    return show_request_again(request, pk, appeal_decision_form=form)


@login_required
@require_GET
def letter_download(request, pk: int, number: int):
    foi_request = _request_for(request.user, pk)
    version = get_object_or_404(ResponseVersion.objects.filter(request=foi_request), number=number)
    if not version.letter:
        return render(request, "foi/no_letter.html", {"foi_request": foi_request, "message": NO_LETTER}, status=404)
    return letter_response(content=bytes(version.letter), reference=foi_request.reference, number=number)
