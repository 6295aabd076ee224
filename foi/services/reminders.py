"""Deadline reminders: each FOI officer is emailed, once a day at most per request, the open requests they handle
that are due within five working days or overdue."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone

from foi.casework import due_soon_or_overdue
from foi.deadlines import working_days_left
from foi.models import FOIRequest
from registry.choices import Role


def _recipients(foi_request: FOIRequest, officers_by_organisation: dict) -> list:
    """The officer it is assigned to, or, while it is assigned to nobody, every active FOI officer of its
    organisation."""
    if foi_request.assigned_to_id is not None:
        officer = foi_request.assigned_to
        return [officer] if officer.is_active and officer.email else []
    organisation_id = foi_request.organisation_id
    if organisation_id not in officers_by_organisation:
        officers_by_organisation[organisation_id] = list(
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__organisation_id=organisation_id,
                memberships__role=Role.FOI,
                memberships__is_active=True,
            )
            .exclude(email="")
            .order_by("username")
        )
    return officers_by_organisation[organisation_id]


def _line(foi_request: FOIRequest, today: datetime.date) -> str:
    due = foi_request.effective_due_date
    days = working_days_left(today, due, foi_request.organisation.jurisdiction)
    if days < 0:
        when = f"overdue by {-days} working day{'s' if days != -1 else ''}"
    elif days == 0:
        when = "due today"
    else:
        when = f"{days} working day{'s' if days != 1 else ''} left"
    extended = " (extended)" if foi_request.extended_due_date else ""
    url = f"{settings.CCTV_SITE_URL.rstrip('/')}{foi_request.get_absolute_url()}"
    return f"- {foi_request.reference}: {foi_request.subject}\n  Due {due:%d %B %Y}{extended}, {when}.\n  {url}"


def foi_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email the reminders due today; the number of emails sent. A request reminded about today is left out, so
    running this twice a day sends nothing new. No requester's details are in an email."""
    today = today or timezone.localdate()
    requests = (
        due_soon_or_overdue(FOIRequest.objects.all(), today=today)
        .exclude(reminded_on=today)
        .select_related("organisation", "assigned_to")
    )
    officers_by_organisation: dict = {}
    by_officer: dict = defaultdict(list)
    for foi_request in requests:
        for officer in _recipients(foi_request, officers_by_organisation):
            by_officer[officer].append(foi_request)
    sent = 0
    for officer, officer_requests in sorted(by_officer.items(), key=lambda item: item[0].username):
        lines = "\n\n".join(_line(foi_request, today) for foi_request in officer_requests)
        count = len(officer_requests)
        send_mail(
            subject=f"FOI deadlines: {count} request{'s' if count != 1 else ''} due soon or overdue",
            message=f"Hello {officer.get_full_name() or officer.username},\n\n"
            f"These FOI requests you handle are due within five working days or overdue:\n\n{lines}\n",
            from_email=None,
            recipient_list=[officer.email],
        )
        sent += 1
    FOIRequest.objects.filter(pk__in=[request.pk for requests in by_officer.values() for request in requests]).update(
        reminded_on=today
    )
    return sent
