"""Writes for FOI casework: the requester and how the request arrived, who handles it, and extensions for the
public interest test (FOIA s.10(3))."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from foi.casework import assignees
from foi.choices import REQUESTER_FIELDS, FOIRequestStatus, Law
from foi.deadlines import working_days_after
from foi.models import Extension, FOIRequest

CASEWORK_INPUT_FIELDS = frozenset({*REQUESTER_FIELDS, "channel", "assigned_to"})
# The ICO's guidance: no more than 20 further working days in all (FOIA s.10(3) says "such time as is reasonable").
EXTENSION_MAX_WORKING_DAYS = 20


def extension_working_days(*, foi_request: FOIRequest) -> int:
    if foi_request.pk is None:
        return 0
    return foi_request.extensions.aggregate(total=Sum("working_days"))["total"] or 0


def extended_due_date_for(*, foi_request: FOIRequest) -> datetime.date | None:
    """The statutory due date moved on by every extension's working days, counted by the deadline's own rules;
    empty when there is no deadline running or no extension."""
    total = extension_working_days(foi_request=foi_request)
    if not total or foi_request.due_date is None:
        return None
    return working_days_after(foi_request.due_date, total, foi_request.organisation.jurisdiction)


def check_assignee(*, foi_request: FOIRequest) -> None:
    """A request is handled by an active FOI officer or administrator of its own organisation. Checked when the
    assignee changes: an officer who has since left does not stop the request being answered."""
    if foi_request.assigned_to_id is None:
        return
    if foi_request.pk is not None:
        stored = FOIRequest.objects.filter(pk=foi_request.pk).values_list("assigned_to_id", flat=True).first()
        if stored == foi_request.assigned_to_id:
            return
    if not assignees(organisation=foi_request.organisation).filter(pk=foi_request.assigned_to_id).exists():
        raise ValidationError(
            {
                "assigned_to": f"Choose an active FOI officer or administrator of {foi_request.organisation.name}: "
                "only they can handle its FOI requests."
            }
        )


def _check_extension(foi_request: FOIRequest, working_days, reason: str) -> None:
    if foi_request.law == Law.FOISA:
        raise ValidationError(
            {
                "working_days": "The Freedom of Information (Scotland) Act 2002 has no extension for the public "
                "interest test: a Scottish authority must respond within 20 working days."
            }
        )
    if foi_request.status != FOIRequestStatus.OPEN:
        what = foi_request.get_status_display().lower()
        raise ValidationError({"status": f"A request that is {what} cannot be extended: only an open one can."})
    errors = {}
    if isinstance(working_days, bool) or not isinstance(working_days, int) or not 1 <= working_days <= 20:
        errors["working_days"] = "Enter a whole number of working days from 1 to 20."
    else:
        used = extension_working_days(foi_request=foi_request)
        left = EXTENSION_MAX_WORKING_DAYS - used
        if working_days > left:
            errors["working_days"] = (
                f"This request has already been extended by {used} working days; it can be extended by "
                f"{left} more at most ({EXTENSION_MAX_WORKING_DAYS} in all)."
                if left
                else f"This request has already been extended by the most allowed, {EXTENSION_MAX_WORKING_DAYS} "
                "working days in all."
            )
    if not reason:
        errors["reason"] = "Say why more time is needed, such as the public interest test for an exemption."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def foi_request_extend(*, foi_request: FOIRequest, working_days: int, reason: str, extended_by=None) -> Extension:
    """More time to weigh the public interest (FOIA s.10(3)): the deadline moves on by ``working_days`` from the
    original due date, cumulatively, to 20 further working days at most."""
    foi_request = FOIRequest.objects.select_for_update().select_related("organisation").get(pk=foi_request.pk)
    reason = reason.strip() if isinstance(reason, str) else ""
    _check_extension(foi_request, working_days, reason)
    extension = Extension(request=foi_request, working_days=working_days, reason=reason, extended_by=extended_by)
    extension.full_clean()
    extension._change_reason = "Extended"
    extension.save()
    foi_request.extended_due_date = extended_due_date_for(foi_request=foi_request)
    foi_request.full_clean()
    foi_request._change_reason = f"Extended by {working_days} working day{'s' if working_days != 1 else ''}"
    foi_request.save()
    return extension
