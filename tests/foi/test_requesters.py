"""Requesters are anonymised once their request has been closed for longer than the organisation's retention
period: the request, and every earlier row of its history, keep no name or contact details."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from foi import services
from foi.choices import REQUESTER_FIELDS, FOIRequestStatus
from foi.models import FOIRequest
from tests import factories

REQUESTER = {
    "requester_name": "Alex Requester",
    "requester_email": "alex@example.org",
    "requester_address": "1 High St",
}


def _request(organisation, reference, **fields):
    return services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=datetime.date(2023, 1, 9),
        subject="Cameras",
        request_text="How many?",
        **REQUESTER,
        **fields,
    )


def _answered_on(organisation, reference, day: datetime.date) -> FOIRequest:
    foi_request = _request(organisation, reference)
    services.question_create(foi_request=foi_request, text="How many?", group_by=[])
    services.foi_request_issue(foi_request=foi_request)
    FOIRequest.objects.filter(pk=foi_request.pk).update(answered_date=day)
    return FOIRequest.objects.get(pk=foi_request.pk)


def _withdrawn_on(organisation, reference, day: datetime.date) -> FOIRequest:
    foi_request = services.foi_request_withdraw(foi_request=_request(organisation, reference))
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    FOIRequest.history.filter(id=foi_request.pk, status=FOIRequestStatus.WITHDRAWN).update(history_date=moment)
    return foi_request


def _details(foi_request: FOIRequest) -> tuple:
    foi_request.refresh_from_db()
    return tuple(getattr(foi_request, name) for name in REQUESTER_FIELDS)


def test_after_the_retention_period_and_not_before(council, library):
    """36 months by default: answered on 1 March 2023, the details are kept on 1 March 2026 (exactly 36 months) and
    anonymised on 2 March 2026."""
    answered = _answered_on(council, "FOI-A", datetime.date(2023, 3, 1))
    assert services.foi_requesters_anonymise(today=datetime.date(2026, 3, 1)) == {}
    assert _details(answered) == tuple(REQUESTER.values())
    assert services.foi_requesters_anonymise(today=datetime.date(2026, 3, 2)) == {"Demo Council": 1}
    assert _details(answered) == ("", "", "")
    assert answered.requester_anonymised_at is not None
    latest = answered.history.first()
    assert latest.history_change_reason == "Requester anonymised"
    # Personal data does not survive in the history either.
    for row in answered.history.all():
        assert (row.requester_name, row.requester_email, row.requester_address) == ("", "", "")
    assert services.foi_requesters_anonymise(today=datetime.date(2027, 1, 1)) == {}  # once only


def test_each_organisation_keeps_them_for_its_own_period_and_open_requests_are_kept(council, other_council):
    other_council.foi_requester_retention_months = 12
    other_council.save()
    ours = _withdrawn_on(council, "OURS", datetime.date(2024, 6, 3))
    theirs = _withdrawn_on(other_council, "THEIRS", datetime.date(2024, 6, 3))
    still_open = _request(council, "OPEN")
    counts = services.foi_requesters_anonymise(today=datetime.date(2025, 6, 4))
    assert counts == {"Other Council": 1}
    assert _details(theirs) == ("", "", "")
    assert _details(ours) == tuple(REQUESTER.values())
    assert _details(still_open) == tuple(REQUESTER.values())


def test_the_command_counts_per_organisation_and_a_dry_run_changes_nothing(council, library):
    answered = _answered_on(council, "FOI-OLD", datetime.date(2023, 2, 6))
    _answered_on(council, "FOI-NEW", timezone.localdate())
    out = io.StringIO()
    call_command("anonymise_foi_requesters", "--dry-run", stdout=out)
    assert "Demo Council: 1 requester would be anonymised" in out.getvalue()
    assert _details(answered) == tuple(REQUESTER.values())
    out = io.StringIO()
    call_command("anonymise_foi_requesters", stdout=out)
    assert "Demo Council: 1 requester anonymised" in out.getvalue()
    assert "In all: 1 requester anonymised." in out.getvalue()
    assert _details(answered) == ("", "", "")


@pytest.mark.parametrize("role", ["foi", "viewer"])
def test_the_page_says_the_requester_was_anonymised_or_withheld(client, council, library, role):
    answered = _answered_on(council, "FOI-A", datetime.date(2023, 2, 6))
    services.foi_requesters_anonymise()
    client.force_login(factories.user_with_role(council, role))
    page = client.get(answered.get_absolute_url()).text
    expected = "Anonymised on" if role == "foi" else "Withheld: personal data"
    assert expected in page


@pytest.mark.parametrize(("role", "shown"), [("viewer", False), ("officer", False), ("foi", True), ("admin", True)])
def test_the_django_admin_shows_the_requester_only_to_foi_officers_and_admins(client, council, role, shown):
    foi_request = _request(council, "FOI-ADMIN")
    client.force_login(factories.user_with_role(council, role))
    page = client.get(f"/admin/foi/foirequest/{foi_request.pk}/change/")
    assert page.status_code == 200
    assert ("alex@example.org" in page.text) is shown
