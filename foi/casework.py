"""Reads for FOI casework: who may be assigned a request, who may see its requester, which requests are closing
on their deadline, and when a closed request was closed."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, DateField, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce, TruncDate

from foi.choices import FOIRequestStatus
from foi.deadlines import DUE_SOON_WORKING_DAYS, working_days_after
from foi.models import FOIRequest
from registry.choices import Jurisdiction
from registry.models import Organisation
from registry.policy import Action, roles_allowed, user_may

# The extended deadline where the request was extended (FOIA s.10(3)), else the statutory one.
EFFECTIVE_DUE_DATE = Coalesce(F("extended_due_date"), F("due_date"), output_field=DateField())


def assignees(*, organisation: Organisation) -> QuerySet:
    """The organisation's active FOI officers and administrators: those a request may be assigned to."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__is_active=True,
            memberships__role__in=roles_allowed(action=Action.MANAGE_FOI),
        )
        .order_by("username")
    )


def user_sees_requester(*, user, foi_request: FOIRequest) -> bool:
    """The requester's name and contact details are personal data: only the organisation's FOI officers and
    administrators see them."""
    return user_may(user=user, action=Action.MANAGE_FOI, record=foi_request)


def closed_on() -> Coalesce:
    """The day a request was closed: answered, or withdrawn (the first history row recording the withdrawal, as the
    withdrawal has no date column)."""
    withdrawn_at = (
        FOIRequest.history.model.objects.filter(id=OuterRef("pk"), status=FOIRequestStatus.WITHDRAWN)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    return Coalesce(
        F("answered_date"),
        Case(When(status=FOIRequestStatus.WITHDRAWN, then=TruncDate(Subquery(withdrawn_at)))),
        output_field=DateField(),
    )


def due_soon_horizon(*, today: datetime.date, jurisdiction: str) -> datetime.date:
    """The last day a deadline may fall on to be "due soon": the fifth working day after today."""
    return working_days_after(today, DUE_SOON_WORKING_DAYS, jurisdiction)


def due_soon_or_overdue(requests: QuerySet[FOIRequest], *, today: datetime.date) -> QuerySet[FOIRequest]:
    """Open requests whose deadline (the extended one where extended) is within five working days, or past: the
    horizon is counted under each organisation's own law."""
    within = Q()
    for jurisdiction in Jurisdiction.values:
        horizon = due_soon_horizon(today=today, jurisdiction=jurisdiction)
        within |= Q(organisation__jurisdiction=jurisdiction, effective_due__lte=horizon)
    return (
        requests.filter(status=FOIRequestStatus.OPEN)
        .annotate(effective_due=EFFECTIVE_DUE_DATE)
        .filter(within)
        .order_by("effective_due", "reference", "pk")
    )
