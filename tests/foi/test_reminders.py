"""Deadline reminders (``send_foi_reminders``): each FOI officer is emailed the open requests they handle that are
due within five working days or overdue, by the extended deadline where extended, at most once a day."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from foi import services
from foi.models import FOIRequest
from registry.choices import Role
from tests import factories

TODAY = datetime.date(2025, 12, 10)  # a Wednesday


def _user(organisation, role, username):
    user = factories.user_with_role(organisation, role, username=username)
    user.email = f"{username}@council.example"
    user.save()
    return user


def _request(organisation, reference, received, **fields):
    return services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=received,
        subject=f"Subject of {reference}",
        request_text="How many?",
        requester_name="Alex Requester",
        requester_email="alex@example.org",
        **fields,
    )


@pytest.fixture
def officers(council):
    return {
        "ann": _user(council, Role.FOI, "ann"),
        "bob": _user(council, Role.FOI, "bob"),
        "admin": _user(council, Role.ADMIN, "boss"),
    }


@pytest.fixture
def caseload(council, officers):
    """Due 16 December 2025 (4 working days after 10 December), one overdue, one due in January, one extended into
    January, one awaiting clarification."""
    soon = _request(council, "SOON", datetime.date(2025, 11, 17), assigned_to=officers["ann"])
    late = _request(council, "LATE", datetime.date(2025, 11, 3))
    _request(council, "LATER", datetime.date(2025, 12, 1), assigned_to=officers["ann"])
    extended = _request(council, "EXTENDED", datetime.date(2025, 11, 17), assigned_to=officers["ann"])
    services.foi_request_extend(foi_request=extended, working_days=10, reason="Public interest test")
    waiting = _request(council, "WAITING", datetime.date(2025, 11, 3))
    services.foi_request_clarification_request(foi_request=waiting, requested_on=datetime.date(2025, 11, 4))
    return {"soon": soon, "late": late}


def _sent_to() -> dict[str, str]:
    return {message.to[0]: message.body for message in mail.outbox}


def test_each_officer_gets_one_email_listing_their_requests(caseload):
    assert services.foi_reminders_send(today=TODAY) == 2
    emails = _sent_to()
    assert set(emails) == {"ann@council.example", "bob@council.example"}  # the admin is no FOI officer
    ann, bob = emails["ann@council.example"], emails["bob@council.example"]
    assert "SOON: Subject of SOON" in ann and "Due 16 December 2025, 4 working days left." in ann
    assert "LATE" in ann and "LATE" in bob and "overdue by" in bob  # unassigned: every FOI officer
    assert "SOON" not in bob
    for body in emails.values():
        assert "LATER" not in body and "EXTENDED" not in body and "WAITING" not in body
        assert "Alex" not in body and "alex@example.org" not in body
        assert f"/foi/{caseload['soon'].pk}/" in body or f"/foi/{caseload['late'].pk}/" in body
    assert mail.outbox[0].subject.startswith("FOI deadlines: ")


def test_at_most_once_a_day(caseload):
    services.foi_reminders_send(today=TODAY)
    assert FOIRequest.objects.get(reference="SOON").reminded_on == TODAY
    mail.outbox.clear()
    assert services.foi_reminders_send(today=TODAY) == 0
    assert mail.outbox == []
    assert services.foi_reminders_send(today=TODAY + datetime.timedelta(days=1)) == 2


def test_the_command_sends_them(caseload):
    out = io.StringIO()
    call_command("send_foi_reminders", stdout=out)  # today: every open one of these is long overdue
    assert "reminder email" in out.getvalue()
    assert {"ann@council.example", "bob@council.example"} <= set(_sent_to())


def test_another_organisations_officers_are_never_told(caseload, other_council):
    _user(other_council, Role.FOI, "carol")
    services.foi_reminders_send(today=TODAY)
    assert "carol@council.example" not in _sent_to()


def test_celery_beat_sends_them_every_morning(settings, caseload):
    from foi.tasks import reminders_send

    schedule = settings.CELERY_BEAT_SCHEDULE["foi-reminders-send"]
    assert schedule["task"] == "foi.reminders_send"
    assert (schedule["schedule"].hour, schedule["schedule"].minute) == ({7}, {30})
    assert reminders_send.delay().get() == 2  # eager without a broker, as in tests
