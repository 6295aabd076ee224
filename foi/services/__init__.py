"""Writes for FOI requests: the request and its questions, and the responses issued (``requests``); casework:
extensions and assignment (``casework``), anonymising requesters (``requesters``), deadline reminders
(``reminders``); internal reviews and appeals (``reviews``)."""

from foi.services.casework import CASEWORK_INPUT_FIELDS, EXTENSION_MAX_WORKING_DAYS, foi_request_extend
from foi.services.disclosure import response_version_publish, response_version_unpublish
from foi.services.reminders import foi_reminders_send
from foi.services.requesters import foi_request_anonymise_requester, foi_requesters_anonymise
from foi.services.requests import (
    QUESTION_INPUT_FIELDS,
    REQUEST_INPUT_FIELDS,
    foi_request_clarification_receive,
    foi_request_clarification_request,
    foi_request_create,
    foi_request_delete,
    foi_request_issue,
    foi_request_update,
    foi_request_withdraw,
    question_check,
    question_create,
    question_delete,
    question_update,
)
from foi.services.reviews import appeal_decide, appeal_record, review_decide, review_request

__all__ = [
    "CASEWORK_INPUT_FIELDS",
    "EXTENSION_MAX_WORKING_DAYS",
    "foi_reminders_send",
    "foi_request_anonymise_requester",
    "foi_request_extend",
    "foi_requesters_anonymise",
    "appeal_decide",
    "appeal_record",
    "review_decide",
    "review_request",
    "QUESTION_INPUT_FIELDS",
    "REQUEST_INPUT_FIELDS",
    "foi_request_clarification_receive",
    "foi_request_clarification_request",
    "foi_request_create",
    "foi_request_delete",
    "foi_request_issue",
    "foi_request_update",
    "foi_request_withdraw",
    "question_check",
    "question_create",
    "question_delete",
    "question_update",
    "response_version_publish",
    "response_version_unpublish",
]
