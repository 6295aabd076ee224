"""Reads of FOI requests, always through the user's organisations."""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from foi.casework import EFFECTIVE_DUE_DATE
from foi.choices import FOIRequestStatus
from foi.deadlines import DeadlineStatus, deadline_status
from foi.models import Extension, FOIRequest, Question, ResponseVersion, Review
from registry.models import Organisation
from registry.policy import Action, organisations_where_user_may, user_may
from registry.selectors import organisations_for_user


def _count_per_request(model) -> Coalesce:
    # A subquery rather than Count() over joins: no GROUP BY, so a page of the list counts only its own rows.
    counts = model.objects.filter(request=OuterRef("pk")).order_by().values("request").annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n")), 0)


def foi_requests_for_user(*, user) -> QuerySet[FOIRequest]:
    return (
        FOIRequest.objects.filter(organisation__in=organisations_for_user(user=user))
        .select_related("organisation", "assigned_to")
        .annotate(question_count=_count_per_request(Question), version_count=_count_per_request(ResponseVersion))
    )


STILL_OPEN = (FOIRequestStatus.OPEN, FOIRequestStatus.AWAITING_CLARIFICATION)


def foi_requests_in_list_order(*, user) -> QuerySet[FOIRequest]:
    """The FOI list's one order, on the page and the API's default: requests still open first, the most overdue
    (the earliest deadline, extended where extended) at the top and those awaiting clarification (no deadline
    running) after them; then answered and withdrawn requests, the latest answered or withdrawn first, then by date
    received."""
    # The withdrawal has no date column: its first history row with that status is when it was recorded.
    withdrawn_at = (
        FOIRequest.history.model.objects.filter(id=OuterRef("pk"), status=FOIRequestStatus.WITHDRAWN)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    still_open = Q(status__in=STILL_OPEN)
    closed_on = Coalesce(
        F("answered_date"),
        Case(When(status=FOIRequestStatus.WITHDRAWN, then=TruncDate(Subquery(withdrawn_at)))),
        output_field=DateField(),
    )
    return foi_requests_for_user(user=user).order_by(
        Case(When(still_open, then=Value(0)), default=Value(1)),
        Case(When(still_open, then=EFFECTIVE_DUE_DATE), output_field=DateField()).asc(nulls_last=True),
        Case(When(still_open, then=F("received_date")), output_field=DateField()).asc(nulls_last=True),
        closed_on.desc(nulls_last=True),
        F("received_date").desc(),
        F("pk").desc(),
    )


def foi_request_detail_for_user(*, user) -> QuerySet[FOIRequest]:
    """Requests with their questions and (without their workbooks) their issued versions."""
    return foi_requests_for_user(user=user).prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "id")),
        Prefetch("extensions", queryset=Extension.objects.select_related("extended_by")),
        Prefetch("versions", queryset=response_versions().select_related("issued_by")),
        Prefetch("reviews", queryset=Review.objects.select_related("version")),
        "appeals",
    )


def response_versions() -> QuerySet[ResponseVersion]:
    """Versions without their .xlsx and letter bytes, which only a download needs; ``has_letter`` says whether a
    letter was frozen (versions issued before letters have none)."""
    return (
        ResponseVersion.objects.defer("workbook", "letter")
        .annotate(has_letter=ExpressionWrapper(~Q(letter=b""), output_field=BooleanField()))
        .order_by("number")
    )


def organisations_user_manages_foi(*, user) -> QuerySet[Organisation]:
    return organisations_where_user_may(user=user, action=Action.MANAGE_FOI)


def user_manages_foi(*, user, foi_request: FOIRequest) -> bool:
    return user_may(user=user, action=Action.MANAGE_FOI, record=foi_request)


def foi_request_deadline(*, foi_request: FOIRequest, today: datetime.date | None = None) -> DeadlineStatus:
    return deadline_status(
        due=foi_request.effective_due_date,
        still_running=foi_request.deadline_running,
        today=today or timezone.localdate(),
        jurisdiction=foi_request.organisation.jurisdiction,
    )
