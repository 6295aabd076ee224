"""Writes for FOI requests, their questions and their issued responses. Every save goes through here, so the
statutory due date is always the one the law gives."""

import copy
import datetime
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.changes import Saved, fields_changed, with_reason, written_fields
from core.logs import log_event
from foi.answers import check_question_query, withheld_entries
from foi.choices import QUESTION_FIELDS, DisclosableColumn, Exemption, FOIRequestStatus
from foi.deadlines import due_date
from foi.letters import letter_docx, letter_paragraphs
from foi.models import FOIRequest, Question, ResponseVersion
from foi.outcomes import Decision, check_decision, derived_outcome
from foi.responses import response_content, response_workbook
from foi.services.casework import CASEWORK_INPUT_FIELDS, check_assignee, extended_due_date_for
from registry.models import Organisation

REQUEST_INPUT_FIELDS = frozenset({"reference", "received_date", "subject", "request_text"}) | CASEWORK_INPUT_FIELDS
QUESTION_INPUT_FIELDS = frozenset(QUESTION_FIELDS)

logger = logging.getLogger("cctv.foi")


def _check_fields(fields, allowed: frozenset[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not {what} input field: {', '.join(sorted(unknown))}")


def _apply_due_date(foi_request: FOIRequest) -> None:
    """FOIA s.10 / FOISA s.10: 20 working days from receipt. Asking for clarification (FOIA s.1(3)) stops the
    request until it arrives, and the clarified request has a new 20-working-day period from that day."""
    start = foi_request.clarification_received_date or foi_request.received_date
    if foi_request.status == FOIRequestStatus.AWAITING_CLARIFICATION or not start:
        foi_request.due_date = None
    else:
        foi_request.due_date = due_date(start, foi_request.organisation.jurisdiction)
    foi_request.extended_due_date = extended_due_date_for(foi_request=foi_request)


def _save_request(foi_request: FOIRequest, reason: str = "") -> FOIRequest:
    _apply_due_date(foi_request)
    check_assignee(foi_request=foi_request)
    foi_request.full_clean()
    if reason:
        foi_request._change_reason = reason
    foi_request.save()
    return foi_request


@transaction.atomic
def foi_request_create(*, organisation: Organisation, reason: str = "", **fields) -> FOIRequest:
    """Record a request; its history says "Received", or ``reason`` when one is given."""
    _check_fields(fields, REQUEST_INPUT_FIELDS, "an FOI request")
    fields = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    return _save_request(FOIRequest(organisation=organisation, **fields), reason=reason.strip() or "Received")


@transaction.atomic
def foi_request_update(*, foi_request: FOIRequest, reason: str = "", **changes) -> Saved[FOIRequest]:
    """Change what the request says; the due date follows a new received date. Returns what changed, the due date
    included."""
    _check_fields(changes, REQUEST_INPUT_FIELDS, "an FOI request")
    before = copy.copy(foi_request)
    for name, value in _stripped(changes).items():
        setattr(foi_request, name, value)
    _save_request(foi_request, reason=reason.strip())
    return Saved(foi_request, fields_changed(before=before, after=foi_request, names=written_fields(FOIRequest)))


def _require_status(foi_request: FOIRequest, allowed: set[str], action: str) -> None:
    if foi_request.status not in allowed:
        raise ValidationError(
            {"status": f"A request that is {foi_request.get_status_display().lower()} cannot be {action}."}
        )


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: "This date cannot be in the future."})


@transaction.atomic
def foi_request_clarification_request(*, foi_request: FOIRequest, requested_on: datetime.date) -> FOIRequest:
    """The requester is asked to clarify: no deadline runs until they reply."""
    _require_status(foi_request, {FOIRequestStatus.OPEN}, "sent for clarification")
    _not_in_future(requested_on, "clarification_requested_date")
    foi_request.status = FOIRequestStatus.AWAITING_CLARIFICATION
    foi_request.clarification_requested_date = requested_on
    foi_request.clarification_received_date = None
    return _save_request(foi_request, reason="Clarification requested")


@transaction.atomic
def foi_request_clarification_receive(*, foi_request: FOIRequest, received_on: datetime.date) -> FOIRequest:
    """The clarification arrived: a new 20-working-day period starts from that day."""
    _require_status(foi_request, {FOIRequestStatus.AWAITING_CLARIFICATION}, "given a clarification")
    _not_in_future(received_on, "clarification_received_date")
    foi_request.status = FOIRequestStatus.OPEN
    foi_request.clarification_received_date = received_on
    return _save_request(foi_request, reason="Clarification received")


@transaction.atomic
def foi_request_withdraw(*, foi_request: FOIRequest) -> FOIRequest:
    _require_status(foi_request, {FOIRequestStatus.OPEN, FOIRequestStatus.AWAITING_CLARIFICATION}, "withdrawn")
    foi_request.status = FOIRequestStatus.WITHDRAWN
    return _save_request(foi_request, reason="Withdrawn")


def question_check(*, question: Question) -> Question:
    """Validate an unsaved question (a preview) exactly as saving it would."""
    _move_listing_exemption_to_withheld(question)
    return _clean_question(question)


def _move_listing_exemption_to_withheld(question: Question) -> None:
    """API v1 recorded one exemption for a question that lists cameras, meaning the columns it withholds: it
    becomes the exemption of each withheld column that cites none (or cites it). With no such column it stays, and
    ``Question.clean`` refuses it (an exemption cannot be cited for a disclosed column). A bad exemption or
    missing reasons also stay, to be refused under the fields the client sent."""
    if isinstance(question.withheld, list):
        question.withheld = [_stripped(entry) if isinstance(entry, dict) else entry for entry in question.withheld]
    if not (question.exemption and question.public_interest_reasoning and not question.neither_confirm_nor_deny):
        return
    if not (isinstance(question.disclosed_columns, list) and question.disclosed_columns):
        return
    if question.exemption not in [exemption.value for exemption in Exemption.for_law(question.request.law)]:
        return
    if not isinstance(question.withheld, list) or not all(
        isinstance(entry, dict) and entry.get("column") in DisclosableColumn.values for entry in question.withheld
    ):
        return
    entries = withheld_entries(question)
    # A v1 client sending its exemption again (PUT or PATCH) re-cites the columns it already covers.
    covered = {
        entry["column"]
        for entry in entries
        if entry["exemption"] == question.exemption or not (entry["exemption"] or entry["reasoning"])
    }
    if not covered:
        return
    cited = {"exemption": question.exemption, "reasoning": question.public_interest_reasoning}
    question.withheld = [entry | cited if entry["column"] in covered else entry for entry in entries]
    question.exemption = ""
    question.public_interest_reasoning = ""


def _clean_question(question: Question) -> Question:
    # Errors are kept as raised, not as strings: a form shows a withheld column's error at that column's boxes.
    errors: dict[str, list[ValidationError]] = {}
    try:
        question.full_clean()
    except ValidationError as error:
        errors.update(error.error_dict)
    if not question.neither_confirm_nor_deny:
        try:
            question.group_by = check_question_query(
                filters=question.filters, group_by=question.group_by, organisation_id=question.request.organisation_id
            )
        except ValidationError as error:
            for field, field_errors in error.error_dict.items():
                errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)
    return question


def _check_request_editable(foi_request: FOIRequest) -> None:
    if foi_request.status == FOIRequestStatus.WITHDRAWN:
        raise ValidationError({"status": "The request was withdrawn; its questions cannot change."})


@transaction.atomic
def question_create(*, foi_request: FOIRequest, reason: str = "", **fields) -> Question:
    _check_fields(fields, QUESTION_INPUT_FIELDS, "a question")
    _check_request_editable(foi_request)
    if fields.get("order") is None:
        fields["order"] = (foi_request.questions.aggregate(last=Max("order"))["last"] or 0) + 1
    question = Question(request=foi_request, **_stripped(fields))
    _move_listing_exemption_to_withheld(question)
    with_reason(question, reason)
    _clean_question(question).save()
    return question


@transaction.atomic
def question_update(*, question: Question, reason: str = "", **changes) -> Saved[Question]:
    """Change a question. Responses already issued keep the answer they froze; a new one must be issued."""
    _check_fields(changes, QUESTION_INPUT_FIELDS, "a question")
    _check_request_editable(question.request)
    before = copy.deepcopy(question)  # deep: filters, group_by and withheld are JSON a clean may rebuild
    for name, value in _stripped(changes).items():
        setattr(question, name, value)
    _move_listing_exemption_to_withheld(question)
    with_reason(question, reason)
    _clean_question(question).save()
    return Saved(question, fields_changed(before=before, after=question, names=written_fields(Question)))


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _check_request_editable(question.request)
    question.delete()


def _stripped(fields: dict) -> dict:
    return {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}


@transaction.atomic
def foi_request_issue(
    *,
    foi_request: FOIRequest,
    issued_by=None,
    reason: str = "",
    outcome: str = "",
    cost_estimate_hours: Decimal | None = None,
    advice_and_assistance: str = "",
) -> ResponseVersion:
    """Freeze the answers, their wording, the .xlsx and the letter as the next version of the response. Later
    downloads return these bytes whatever happens to the register; an internal review issues another version.
    With no ``outcome`` (an API v1 client) it is derived from the answers (``foi.outcomes.derived_outcome``)."""
    foi_request = FOIRequest.objects.select_for_update().select_related("organisation").get(pk=foi_request.pk)
    if foi_request.status == FOIRequestStatus.WITHDRAWN:
        raise ValidationError({"status": "A withdrawn request cannot be answered."})
    if foi_request.status == FOIRequestStatus.AWAITING_CLARIFICATION:
        raise ValidationError({"status": "Record the requester's clarification before answering."})
    questions = list(foi_request.questions.all())
    if not questions:
        raise ValidationError({"questions": "Add at least one question before issuing a response."})
    for question in questions:
        try:
            _clean_question(question)
        except ValidationError as error:
            raise ValidationError(
                {"questions": [f"Question {question.order}: {message}" for message in error.messages]}
            ) from error
    number = (foi_request.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    if number > 1 and not reason.strip():
        raise ValidationError({"reason": "Say why a new version is issued (for example, an internal review)."})
    issued_at = timezone.now()
    content = response_content(foi_request=foi_request, issued_at=issued_at, version=number)
    decision = Decision(
        outcome=outcome or derived_outcome(content["questions"]),
        cost_estimate_hours=cost_estimate_hours,
        advice_and_assistance=(advice_and_assistance or "").strip(),
    )
    check_decision(decision=decision, law=foi_request.law, questions=content["questions"])
    letter = letter_paragraphs(
        content=content,
        law=foi_request.law,
        decision=decision,
        due=foi_request.effective_due_date,
        issued_on=timezone.localdate(issued_at),
        reason=reason.strip(),
    )
    version = ResponseVersion(
        request=foi_request,
        number=number,
        issued_at=issued_at,
        issued_by=issued_by,
        reason=reason.strip(),
        content=content,
        workbook=response_workbook(content),
        outcome=decision.outcome,
        cost_estimate_hours=decision.cost_estimate_hours,
        advice_and_assistance=decision.advice_and_assistance,
        letter=letter_docx(letter, title=f"{foi_request.reference} response, version {number}"),
    )
    version.full_clean()
    version.save()
    if foi_request.status != FOIRequestStatus.ANSWERED or foi_request.outcome != decision.outcome:
        foi_request.outcome = decision.outcome
        if foi_request.status != FOIRequestStatus.ANSWERED:
            foi_request.status = FOIRequestStatus.ANSWERED
            foi_request.answered_date = timezone.localdate(issued_at)
        _save_request(foi_request, reason=f"Response v{number} issued")
    log_event(
        logger,
        "foi_request.issued",
        user=getattr(issued_by, "username", None),
        organisation=foi_request.organisation.slug,
        foi_request=foi_request.reference,
        version=number,
        questions=len(questions),
        outcome=decision.outcome,
    )
    return version


@transaction.atomic
def foi_request_delete(*, foi_request: FOIRequest) -> None:
    """Only a request never answered can be deleted: issued responses are the council's record."""
    if foi_request.versions.exists():
        raise ValidationError({"versions": "A request with an issued response cannot be deleted."})
    foi_request.delete()
