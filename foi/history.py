"""Where the history of FOI requests and questions is read (``core/history.py`` turns it into words), and every
kind of record the change log lists: it is here, on the top floor, because only foi sees them all."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat

from assets.history import CAMERA_HISTORY, MANUFACTURER_HISTORY
from core.history import RecordHistory
from foi.choices import REQUESTER_FIELDS
from foi.models import FOIRequest, Question
from registry.history import MEMBERSHIP_HISTORY, ORGANISATION_HISTORY, SITE_HISTORY, SYSTEM_HISTORY

FOI_REQUEST_HISTORY = RecordHistory(
    key="foi_request",
    noun="FOI request",
    model=FOIRequest,
    organisation="organisation",
    personal_fields=frozenset(REQUESTER_FIELDS),
)
QUESTION_HISTORY = RecordHistory(
    key="question",
    noun="FOI question",
    model=Question,
    organisation="request__organisation",
    # Not the question's str, which reads its request one row at a time.
    label=lambda: Concat(F("request__reference"), Value(" Q"), Cast("order", CharField())),
)

# The API's object_type of each, in the order the change log offers them.
RECORD_HISTORIES: dict[str, RecordHistory] = {
    record_history.key: record_history
    for record_history in (
        CAMERA_HISTORY,
        SITE_HISTORY,
        SYSTEM_HISTORY,
        FOI_REQUEST_HISTORY,
        QUESTION_HISTORY,
        MANUFACTURER_HISTORY,
        ORGANISATION_HISTORY,
        MEMBERSHIP_HISTORY,
    )
}
CHANGE_OBJECT_TYPES = [(key, record_history.noun) for key, record_history in RECORD_HISTORIES.items()]
