"""Writes for FOI requests: the request and its questions, and the responses issued (``requests``)."""

from foi.services.disclosure import response_version_publish, response_version_unpublish
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

__all__ = [
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
