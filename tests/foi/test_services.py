"""The FOI services and models: due dates kept true, constraints named by field, issued versions final."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from foi import services
from foi.choices import FOIRequestStatus
from foi.models import FOIRequest, Question, ResponseVersion
from registry.choices import Jurisdiction
from tests import factories


@pytest.fixture
def foi_request(council):
    return services.foi_request_create(
        organisation=council,
        reference="FOI-1",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many?",
    )


def test_due_date_follows_the_received_date(foi_request):
    assert foi_request.due_date == datetime.date(2024, 7, 1)
    services.foi_request_update(foi_request=foi_request, received_date=datetime.date(2024, 6, 8))
    assert foi_request.due_date == datetime.date(2024, 7, 5)  # see test_deadlines: Saturday receipt


def test_clarification_dates_are_both_kept(foi_request):
    services.foi_request_clarification_request(foi_request=foi_request, requested_on=datetime.date(2024, 6, 5))
    assert (foi_request.status, foi_request.due_date) == (FOIRequestStatus.AWAITING_CLARIFICATION, None)
    with pytest.raises(ValidationError) as error:
        services.foi_request_clarification_request(foi_request=foi_request, requested_on=datetime.date(2024, 6, 6))
    assert "status" in error.value.message_dict
    services.foi_request_clarification_receive(foi_request=foi_request, received_on=datetime.date(2024, 6, 10))
    foi_request.refresh_from_db()
    assert foi_request.clarification_requested_date == datetime.date(2024, 6, 5)
    assert foi_request.clarification_received_date == datetime.date(2024, 6, 10)
    assert foi_request.due_date == datetime.date(2024, 7, 8)  # see test_api: a new period from 10 June
    assert foi_request.history.count() == 3


def test_clarification_cannot_come_before_it_was_asked(foi_request):
    services.foi_request_clarification_request(foi_request=foi_request, requested_on=datetime.date(2024, 6, 5))
    with pytest.raises(ValidationError) as error:
        services.foi_request_clarification_receive(foi_request=foi_request, received_on=datetime.date(2024, 6, 4))
    assert "clarification_received_date" in error.value.message_dict


def test_withdrawn_request_cannot_be_issued_or_changed(foi_request):
    services.question_create(foi_request=foi_request, text="How many?")
    services.foi_request_withdraw(foi_request=foi_request)
    with pytest.raises(ValidationError) as error:
        services.foi_request_issue(foi_request=foi_request)
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.question_create(foi_request=foi_request, text="Another")


def test_question_numbers_follow_on_and_are_unique(foi_request):
    first = services.question_create(foi_request=foi_request, text="One")
    second = services.question_create(foi_request=foi_request, text="Two")
    assert (first.order, second.order) == (1, 2)
    with pytest.raises(ValidationError) as error:
        services.question_create(foi_request=foi_request, text="Three", order=1)
    assert "order" in error.value.message_dict


def test_scottish_exemptions_for_a_scottish_council(db):
    council = factories.organisation(jurisdiction=Jurisdiction.SCOTLAND)
    foi_request = services.foi_request_create(
        organisation=council, reference="R", received_date=datetime.date(2024, 6, 3), subject="S", request_text="T"
    )
    question = services.question_create(
        foi_request=foi_request, text="Where?", exemption="foisa-s35", public_interest_reasoning="Crime prevention."
    )
    assert question.exemption == "foisa-s35"
    with pytest.raises(ValidationError) as error:
        services.question_create(
            foi_request=foi_request, text="Where?", exemption="foia-s31", public_interest_reasoning="x"
        )
    assert "Freedom of Information (Scotland) Act 2002" in error.value.message_dict["exemption"][0]


def test_issued_version_is_final(foi_request, library):
    factories.camera(library)
    services.question_create(foi_request=foi_request, text="How many?", filters={"site_category": "library"})
    version = services.foi_request_issue(foi_request=foi_request)
    version.reason = "tampered"
    with pytest.raises(ValidationError) as error:
        version.save()
    assert "version" in error.value.message_dict
    assert ResponseVersion.objects.get().reason == ""


def test_database_refuses_what_validation_refuses(foi_request):
    """The check constraints hold even for code that skips the services."""
    with pytest.raises(IntegrityError), transaction.atomic():
        FOIRequest.objects.filter(pk=foi_request.pk).update(status=FOIRequestStatus.ANSWERED)
    with pytest.raises(IntegrityError), transaction.atomic():
        FOIRequest.objects.filter(pk=foi_request.pk).update(clarification_requested_date=datetime.date(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(request=foi_request, order=1, text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(request=foi_request, order=2, text="Q", neither_confirm_nor_deny=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(request=foi_request, order=3, text="Q", exemption="foia-s31")


def test_an_update_returns_what_it_changed_and_nothing_when_nothing_did(foi_request):
    moved = services.foi_request_update(foi_request=foi_request, received_date=datetime.date(2024, 6, 8))
    assert moved.record is foi_request
    assert moved.changed == ("received_date", "due_date")
    same = services.foi_request_update(foi_request=foi_request, subject=" Cameras ")
    assert same.changed == ()


def test_a_question_update_returns_what_it_changed(foi_request):
    question = services.question_create(foi_request=foi_request, text="How many?", group_by=["site_category"])
    saved = services.question_update(question=question, group_by=["site_category", "networked"], text="How many?")
    assert saved.changed == ("group_by",)
    assert services.question_update(question=question, group_by=["site_category", "networked"]).changed == ()
