"""Where the history of FOI requests and questions is read (``core/history.py`` turns it into words)."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat

from core.history import RecordHistory
from foi.models import FOIRequest, Question

FOI_REQUEST_HISTORY = RecordHistory(
    key="foi_request", noun="FOI request", model=FOIRequest, organisation="organisation"
)
QUESTION_HISTORY = RecordHistory(
    key="question",
    noun="FOI question",
    model=Question,
    organisation="request__organisation",
    # Not the question's str, which reads its request one row at a time.
    label=lambda: Concat(F("request__reference"), Value(" Q"), Cast("order", CharField())),
)
