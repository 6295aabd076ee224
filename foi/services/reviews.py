"""Writes for what follows a response: the requester's internal review, its outcome and the new version it leads
to, and an appeal to the regulator (FOIA s.50 to the Information Commissioner, FOISA s.47 to the Scottish one)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.changes import with_reason
from foi.choices import AppealDecision, Regulator, ReviewOutcome
from foi.deadlines import working_days_after
from foi.letters import REVIEW_REQUEST_WORKING_DAYS
from foi.models import Appeal, FOIRequest, ResponseVersion, Review
from foi.services.requests import foi_request_issue

# FOIA Code of Practice part 5 and FOISA s.21: the review is answered within 20 working days.
REVIEW_WORKING_DAYS = 20
INTERNAL_REVIEW = "Internal review"
# Outcomes that change the answer, so a new version must be issued.
CHANGES_THE_ANSWER = frozenset({ReviewOutcome.PARTLY_OVERTURNED, ReviewOutcome.OVERTURNED})


def latest_version(foi_request: FOIRequest) -> ResponseVersion | None:
    return foi_request.versions.order_by("number").last()


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: "This date cannot be in the future."})


@transaction.atomic
def review_request(*, foi_request: FOIRequest, requested_date: datetime.date, grounds: str) -> Review:
    """Record the requester's request for an internal review of the response as it stands (the latest version):
    due 20 working days later by the organisation's law; flagged late (still recorded) when asked for more than
    40 working days after that response."""
    foi_request = FOIRequest.objects.select_for_update().select_related("organisation").get(pk=foi_request.pk)
    version = latest_version(foi_request)
    if version is None:
        raise ValidationError({"versions": "Only a request with an issued response can be reviewed; issue it first."})
    if foi_request.reviews.filter(outcome="").exists():
        raise ValidationError(
            {"requested_date": "This request already has a review in progress; record its outcome first."}
        )
    _not_in_future(requested_date, "requested_date")
    responded_on = timezone.localdate(version.issued_at)
    if requested_date < responded_on:
        raise ValidationError(
            {
                "requested_date": "A review cannot be asked for before the response it reviews "
                f"({responded_on:%d %B %Y})."
            }
        )
    jurisdiction = foi_request.organisation.jurisdiction
    review = Review(
        request=foi_request,
        requested_date=requested_date,
        grounds=(grounds or "").strip(),
        due_date=working_days_after(requested_date, REVIEW_WORKING_DAYS, jurisdiction),
        requested_late=requested_date > working_days_after(responded_on, REVIEW_REQUEST_WORKING_DAYS, jurisdiction),
    )
    review.full_clean()
    with_reason(review, "Internal review requested")
    review.save()
    return review


@transaction.atomic
def review_decide(
    *,
    review: Review,
    outcome: str,
    decided_date: datetime.date,
    decision_notes: str = "",
    decided_by=None,
    issue_version: bool = False,
    response_outcome: str = "",
    cost_estimate_hours: Decimal | None = None,
    advice_and_assistance: str = "",
) -> Review:
    """Record the review's outcome. Partly or wholly overturning it issues a new version of the response (reason
    "Internal review", with its letter and outcome), linked to the review; upholding it issues one only when
    ``issue_version`` asks. Answers, outcome and letter come from the questions as they now stand."""
    review = Review.objects.select_for_update().select_related("request__organisation").get(pk=review.pk)
    if review.outcome:
        raise ValidationError({"outcome": f"This review was already decided ({review.get_outcome_display()})."})
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": f"Choose the review's outcome: one of {', '.join(ReviewOutcome.values)}."})
    _not_in_future(decided_date, "decided_date")
    if decided_date < review.requested_date:
        raise ValidationError({"decided_date": "A review cannot be decided before it was asked for."})
    if outcome in CHANGES_THE_ANSWER or issue_version:
        try:
            review.version = foi_request_issue(
                foi_request=review.request,
                issued_by=decided_by,
                reason=INTERNAL_REVIEW,
                outcome=response_outcome,
                cost_estimate_hours=cost_estimate_hours,
                advice_and_assistance=advice_and_assistance,
            )
        except ValidationError as error:
            raise _for_review(error) from error
    elif response_outcome or cost_estimate_hours is not None or (advice_and_assistance or "").strip():
        raise ValidationError(
            {
                "response_outcome": "An upheld review issues no new version unless asked to; leave the new response's "
                "outcome empty, or ask for a new version."
            }
        )
    review.outcome = outcome
    review.decided_date = decided_date
    review.decision_notes = (decision_notes or "").strip()
    review.full_clean()
    with_reason(review, f"Internal review decided: {review.get_outcome_display().lower()}")
    review.save()
    return review


def _for_review(error: ValidationError) -> ValidationError:
    """The issue service's errors, with its ``outcome`` named as the new response's, not the review's."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            ("response_outcome" if field == "outcome" else field): messages
            for field, messages in error.error_dict.items()
        }
    )


@transaction.atomic
def appeal_record(
    *,
    foi_request: FOIRequest,
    appealed_date: datetime.date,
    decision_notice_reference: str = "",
    decision: str = "",
    decision_date: datetime.date | None = None,
) -> Appeal:
    """Record a complaint to the regulator the request's law gives, once an internal review has been decided."""
    foi_request = FOIRequest.objects.select_for_update().select_related("organisation").get(pk=foi_request.pk)
    review = foi_request.reviews.exclude(outcome="").order_by("decided_date", "id").last()
    if review is None:
        raise ValidationError(
            {"appealed_date": "An appeal follows an internal review: record the review and its outcome first."}
        )
    _not_in_future(appealed_date, "appealed_date")
    if appealed_date < review.decided_date:
        raise ValidationError(
            {"appealed_date": f"An appeal cannot come before the review's outcome ({review.decided_date:%d %B %Y})."}
        )
    _check_appeal_decision(decision=decision, decision_date=decision_date, appealed_date=appealed_date)
    appeal = Appeal(
        request=foi_request,
        regulator=Regulator.for_law(foi_request.law),
        appealed_date=appealed_date,
        decision_notice_reference=(decision_notice_reference or "").strip(),
        decision=decision,
        decision_date=decision_date,
    )
    appeal.full_clean()
    with_reason(appeal, f"Appeal to the {appeal.get_regulator_display()} recorded")
    appeal.save()
    return appeal


def _check_appeal_decision(*, decision: str, decision_date: datetime.date | None, appealed_date: datetime.date) -> None:
    if decision and decision not in AppealDecision.values:
        raise ValidationError({"decision": f"Choose the decision: one of {', '.join(AppealDecision.values)}."})
    if bool(decision) != bool(decision_date):
        field = "decision_date" if decision else "decision"
        raise ValidationError({field: "Give the regulator's decision and the date of its decision notice together."})
    if decision_date:
        _not_in_future(decision_date, "decision_date")
        if decision_date < appealed_date:
            raise ValidationError({"decision_date": "A decision cannot come before the appeal."})


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, decision: str, decision_date: datetime.date | None, decision_notice_reference: str = ""
) -> Appeal:
    """Record the regulator's decision on an appeal, once; the decision notice's reference may come with it."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.decision:
        raise ValidationError({"decision": f"This appeal was already decided ({appeal.get_decision_display()})."})
    if not decision:
        raise ValidationError({"decision": f"Choose the decision: one of {', '.join(AppealDecision.values)}."})
    _check_appeal_decision(decision=decision, decision_date=decision_date, appealed_date=appeal.appealed_date)
    appeal.decision = decision
    appeal.decision_date = decision_date
    if (decision_notice_reference or "").strip():
        appeal.decision_notice_reference = decision_notice_reference.strip()
    appeal.full_clean()
    with_reason(appeal, f"Appeal decided: {appeal.get_decision_display().lower()}")
    appeal.save()
    return appeal
