"""Reads for the request page's letter preview, internal reviews and appeals."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from foi.choices import FOIRequestStatus
from foi.letters import REVIEW_REQUEST_WORKING_DAYS, Paragraph, letter_paragraphs
from foi.models import FOIRequest, Review
from foi.outcomes import Decision, check_decision, derived_outcome
from foi.responses import response_content


@dataclass(frozen=True)
class LetterPreview:
    paragraphs: list[Paragraph]
    outcome_label: str
    problems: list[str]
    # Whether the officer chose the outcome (the issue form's "Preview the letter"), or it was worked out.
    chosen: bool = False


def letter_preview(
    *,
    foi_request: FOIRequest,
    outcome: str = "",
    cost_estimate_hours: Decimal | None = None,
    advice_and_assistance: str = "",
    reason: str = "",
) -> LetterPreview | None:
    """The letter the next version would send, built now by the function that freezes it; None when nothing can
    be issued. Without an ``outcome`` it is worked out from the answers; a chosen one is checked as issuing would
    check it (a ValidationError naming the field)."""
    if foi_request.status in (FOIRequestStatus.WITHDRAWN, FOIRequestStatus.AWAITING_CLARIFICATION):
        return None
    if not foi_request.questions.exists():
        return None
    number = (foi_request.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    issued_at = timezone.now()
    try:
        content = response_content(foi_request=foi_request, issued_at=issued_at, version=number)
    except ValidationError as error:
        return LetterPreview(paragraphs=[], outcome_label="", problems=error.messages)
    decision = Decision(
        outcome=outcome or derived_outcome(content["questions"]),
        cost_estimate_hours=cost_estimate_hours,
        advice_and_assistance=(advice_and_assistance or "").strip(),
    )
    if outcome or cost_estimate_hours is not None or decision.advice_and_assistance:
        check_decision(decision=decision, law=foi_request.law, questions=content["questions"])
    paragraphs = letter_paragraphs(
        content=content,
        law=foi_request.law,
        decision=decision,
        due=foi_request.effective_due_date,
        issued_on=timezone.localdate(issued_at),
        reason=reason.strip() or ("as given when issuing" if number > 1 else ""),
    )
    return LetterPreview(paragraphs=paragraphs, outcome_label=decision.label, problems=[], chosen=bool(outcome))


def review_late_warning(review: Review) -> str:
    if not review.requested_late:
        return ""
    return (
        f"The review was asked for more than {REVIEW_REQUEST_WORKING_DAYS} working days after the response; the "
        "council need not review it, but it has been recorded."
    )


def request_casework(*, foi_request: FOIRequest, can_manage: bool) -> dict:
    """What the request page shows after its responses: the letter preview, reviews (each with any warning) and
    appeals, and which next steps are open."""
    reviews = list(foi_request.reviews.all())
    open_review = next((review for review in reviews if not review.outcome), None)
    appeals = list(foi_request.appeals.all())
    open_appeal = next((appeal for appeal in appeals if not appeal.decision), None)
    return {
        "letter_preview": letter_preview(foi_request=foi_request) if can_manage else None,
        "reviews": [(review, review_late_warning(review)) for review in reviews],
        "open_review": open_review,
        "appeals": appeals,
        "open_appeal": open_appeal,
        "may_decide_appeal": can_manage and open_appeal is not None,
        "may_request_review": can_manage and bool(foi_request.versions.all()) and open_review is None,
        "may_decide_review": can_manage and open_review is not None,
        "may_appeal": can_manage and any(review.outcome for review in reviews),
    }
