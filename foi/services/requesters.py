"""Anonymising FOI requesters: their names and contact details are kept only while the council may need them, the
organisation's retention period after the request was closed (UK GDPR Article 5(1)(e), storage limitation)."""

import datetime
from collections import Counter

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from foi.casework import closed_on
from foi.choices import REQUESTER_FIELDS, FOIRequestStatus
from foi.models import FOIRequest
from registry.models import Organisation

ANONYMISED = "Requester anonymised"


def requesters_due_for_anonymising(*, today: datetime.date):
    """Closed requests, not yet anonymised, whose organisation's retention period since closing has passed."""
    closed = (
        FOIRequest.objects.filter(
            status__in=(FOIRequestStatus.ANSWERED, FOIRequestStatus.WITHDRAWN), requester_anonymised_at__isnull=True
        )
        .select_related("organisation")
        # A withdrawal recorded before history was kept counts from the request's last change.
        .annotate(closed_on=Coalesce(closed_on(), TruncDate("updated_at"), output_field=DateField()))
        .order_by("organisation__name", "pk")
    )
    for organisation in Organisation.objects.filter(pk__in=closed.values("organisation")):
        cutoff = today - relativedelta(months=organisation.foi_requester_retention_months)
        yield from closed.filter(organisation=organisation, closed_on__lt=cutoff)


@transaction.atomic
def foi_request_anonymise_requester(*, foi_request: FOIRequest) -> FOIRequest:
    """Blank the requester's details, here and in every earlier history row of the request, and say so in its
    history: personal data must not survive in the history either."""
    for name in REQUESTER_FIELDS:
        setattr(foi_request, name, "")
    foi_request.requester_anonymised_at = timezone.now()
    foi_request.full_clean()
    foi_request._change_reason = ANONYMISED
    foi_request.save()
    FOIRequest.history.filter(id=foi_request.pk).update(**dict.fromkeys(REQUESTER_FIELDS, ""))
    return foi_request


def foi_requesters_anonymise(*, today: datetime.date | None = None, dry_run: bool = False) -> Counter:
    """Anonymise every requester whose retention period has passed; the number anonymised (or, with ``dry_run``,
    that would be) by organisation name."""
    counts: Counter = Counter()
    for foi_request in requesters_due_for_anonymising(today=today or timezone.localdate()):
        if not dry_run:
            foi_request_anonymise_requester(foi_request=foi_request)
        counts[foi_request.organisation.name] += 1
    return counts
