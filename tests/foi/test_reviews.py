"""Internal reviews and appeals: due dates worked by hand across Scottish holidays, the late-request warning,
the outcome issuing a new version with its letter, and the appeal to the right regulator."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document

from foi import services
from foi.choices import Outcome, Regulator, ReviewOutcome
from foi.models import Appeal, ResponseVersion, Review
from foi.review_selectors import review_late_warning
from registry.choices import Jurisdiction
from tests import factories


def _answered(organisation, *, issued_on: datetime.date | None = None, reference="FOI-R1"):
    """A request answered (version 1); ``issued_on`` dates that response in the past."""
    foi_request = services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many cameras?",
    )
    services.question_create(foi_request=foi_request, text="How many cameras?")
    version = services.foi_request_issue(foi_request=foi_request)
    if issued_on:
        issued_at = timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10)))
        ResponseVersion.objects.filter(pk=version.pk).update(issued_at=issued_at)
    return foi_request


@pytest.fixture
def scottish_council(db):
    return factories.organisation(name="Fife Council", slug="fife", jurisdiction=Jurisdiction.SCOTLAND)


def _refused(service, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        service(**kwargs)
    return error.value.message_dict


def test_a_scottish_review_due_date_skips_christmas_and_2_january(scottish_council):
    """Asked for on Friday 20 December 2024 (FOISA s.21: 20 working days; s.73: Scottish bank holidays).
    Working days: Mon 23 (1), Tue 24 (2); Wed 25 Christmas Day and Thu 26 Boxing Day are holidays; Fri 27 (3),
    Mon 30 (4), Tue 31 (5); Wed 1 and Thu 2 January are Scottish bank holidays; Fri 3 (6), 6-10 January (7-11),
    13-17 January (12-16), Mon 20 to Thu 23 January (17-20). Due Thursday 23 January 2025."""
    foi_request = _answered(scottish_council, issued_on=datetime.date(2024, 12, 2))
    review = services.review_request(
        foi_request=foi_request, requested_date=datetime.date(2024, 12, 20), grounds="Incomplete."
    )
    assert review.due_date == datetime.date(2025, 1, 23)
    assert not review.requested_late


def test_a_review_due_date_skips_st_andrews_day_substitute(scottish_council):
    """Asked for on Friday 29 November 2024. St Andrew's Day (Saturday 30 November) is kept in Scotland on
    Monday 2 December: Tue 3 December is day 1, ..., Tue 24 December day 16; 25 and 26 December are holidays;
    Fri 27 (17), Mon 30 (18), Tue 31 (19); 1 and 2 January are holidays; Friday 3 January 2025 is day 20."""
    foi_request = _answered(scottish_council, issued_on=datetime.date(2024, 11, 1))
    review = services.review_request(
        foi_request=foi_request, requested_date=datetime.date(2024, 11, 29), grounds="Incomplete."
    )
    assert review.due_date == datetime.date(2025, 1, 3)


def test_a_review_asked_for_after_40_working_days_is_recorded_with_a_warning(council):
    """Response issued Monday 3 June 2024 (England; FOIA counts every UK nation's bank holidays). Working days
    after it: 4-7 June (1-4), 10-14 (5-9), 17-21 (10-14), 24-28 (15-19); 1-5 July (20-24), 8-11 July (25-28), Friday
    12 July is Northern Ireland's holiday, 15-19 (29-33), 22-26 (34-38), Mon 29 (39), Tue 30 July (40). Asked for
    on the 40th working day: in time; the day after: late, still recorded."""
    in_time = _answered(council, issued_on=datetime.date(2024, 6, 3), reference="FOI-IN")
    review = services.review_request(foi_request=in_time, requested_date=datetime.date(2024, 7, 30), grounds="x")
    assert not review.requested_late and review_late_warning(review) == ""
    late = _answered(council, issued_on=datetime.date(2024, 6, 3), reference="FOI-LATE")
    review = services.review_request(foi_request=late, requested_date=datetime.date(2024, 7, 31), grounds="x")
    assert review.requested_late
    assert "more than 40 working days after the response" in review_late_warning(review)
    assert Review.objects.filter(request=late).exists()


def test_a_review_needs_a_response_and_a_date_in_range(council):
    foi_request = services.foi_request_create(
        organisation=council,
        reference="FOI-N",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many cameras?",
    )
    errors = _refused(
        services.review_request, foi_request=foi_request, requested_date=timezone.localdate(), grounds="x"
    )
    assert "Only a request with an issued response can be reviewed" in errors["versions"][0]
    answered = _answered(council, issued_on=datetime.date(2024, 7, 1), reference="FOI-D")
    before = _refused(
        services.review_request, foi_request=answered, requested_date=datetime.date(2024, 6, 28), grounds="x"
    )
    assert "before the response it reviews (01 July 2024)" in before["requested_date"][0]
    future = timezone.localdate() + datetime.timedelta(days=1)
    assert (
        "future"
        in _refused(services.review_request, foi_request=answered, requested_date=future, grounds="x")[
            "requested_date"
        ][0]
    )
    assert "grounds" in _refused(
        services.review_request, foi_request=answered, requested_date=datetime.date(2024, 7, 2), grounds="  "
    )
    assert not Review.objects.exists()


def test_one_review_at_a_time(council):
    foi_request = _answered(council, issued_on=datetime.date(2024, 7, 1))
    services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 2), grounds="x")
    errors = _refused(
        services.review_request, foi_request=foi_request, requested_date=datetime.date(2024, 7, 3), grounds="y"
    )
    assert "already has a review in progress" in errors["requested_date"][0]


def test_overturning_issues_a_new_version_with_its_letter(council):
    foi_request = _answered(council, issued_on=datetime.date(2024, 7, 1))
    review = services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 2), grounds="x")
    services.question_update(question=foi_request.questions.get(), answer_wording="We hold no such record.")
    review = services.review_decide(
        review=review,
        outcome=ReviewOutcome.OVERTURNED,
        decided_date=datetime.date(2024, 7, 20),
        decision_notes="The first answer counted the wrong cameras.",
        response_outcome=Outcome.NOT_HELD,
    )
    assert review.version.number == 2 and review.version.reason == "Internal review"
    assert review.version.outcome == Outcome.NOT_HELD
    text = [paragraph.text for paragraph in Document(io.BytesIO(bytes(review.version.letter))).paragraphs]
    assert "Version 2 of our response. Reason: Internal review." in text
    foi_request.refresh_from_db()
    assert foi_request.outcome == Outcome.NOT_HELD
    assert review.history.first().history_change_reason == "Internal review decided: overturned"
    again = _refused(
        services.review_decide, review=review, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 21)
    )
    assert "already decided (Overturned)" in again["outcome"][0]


def test_upholding_issues_no_version_unless_asked(council):
    foi_request = _answered(council, issued_on=datetime.date(2024, 7, 1))
    review = services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 2), grounds="x")
    refused = _refused(
        services.review_decide,
        review=review,
        outcome=ReviewOutcome.UPHELD,
        decided_date=datetime.date(2024, 7, 3),
        response_outcome=Outcome.GRANTED,
    )
    assert "response_outcome" in refused
    review = services.review_decide(review=review, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 3))
    assert review.version is None and foi_request.versions.count() == 1
    second = services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 4), grounds="y")
    second = services.review_decide(
        review=second, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 5), issue_version=True
    )
    assert second.version.number == 2


def test_a_refused_new_version_leaves_the_review_undecided(council):
    foi_request = _answered(council, issued_on=datetime.date(2024, 7, 1))
    review = services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 2), grounds="x")
    errors = _refused(
        services.review_decide,
        review=review,
        outcome=ReviewOutcome.PARTLY_OVERTURNED,
        decided_date=datetime.date(2024, 7, 3),
        response_outcome=Outcome.REFUSED_EXEMPTION,
    )
    assert "needs at least one exemption" in errors["response_outcome"][0]
    review.refresh_from_db()
    assert review.outcome == "" and review.version is None and foi_request.versions.count() == 1
    dates = _refused(
        services.review_decide, review=review, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 1)
    )
    assert "before it was asked for" in dates["decided_date"][0]


def test_an_appeal_follows_a_decided_review_to_the_laws_regulator(council, scottish_council):
    foi_request = _answered(council, issued_on=datetime.date(2024, 7, 1))
    errors = _refused(services.appeal_record, foi_request=foi_request, appealed_date=datetime.date(2024, 8, 1))
    assert "record the review and its outcome first" in errors["appealed_date"][0]
    review = services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 2), grounds="x")
    services.review_decide(review=review, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 10))
    assert (
        "before the review's outcome"
        in _refused(services.appeal_record, foi_request=foi_request, appealed_date=datetime.date(2024, 7, 9))[
            "appealed_date"
        ][0]
    )
    assert "decision_date" in _refused(
        services.appeal_record, foi_request=foi_request, appealed_date=datetime.date(2024, 8, 1), decision="upheld"
    )
    appeal = services.appeal_record(
        foi_request=foi_request,
        appealed_date=datetime.date(2024, 8, 1),
        decision_notice_reference=" IC-123456-A1B2 ",
        decision="not-upheld",
        decision_date=datetime.date(2024, 11, 1),
    )
    assert appeal.regulator == Regulator.ICO and appeal.decision_notice_reference == "IC-123456-A1B2"
    scottish = _answered(scottish_council, issued_on=datetime.date(2024, 7, 1), reference="FOI-S")
    review = services.review_request(foi_request=scottish, requested_date=datetime.date(2024, 7, 2), grounds="x")
    services.review_decide(review=review, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 10))
    assert services.appeal_record(foi_request=scottish, appealed_date=datetime.date(2024, 8, 1)).regulator == (
        Regulator.SIC
    )
    assert Appeal.objects.count() == 2


def test_the_regulators_decision_is_recorded_once(council):
    foi_request = _answered(council, issued_on=datetime.date(2024, 7, 1))
    review = services.review_request(foi_request=foi_request, requested_date=datetime.date(2024, 7, 2), grounds="x")
    services.review_decide(review=review, outcome=ReviewOutcome.UPHELD, decided_date=datetime.date(2024, 7, 10))
    appeal = services.appeal_record(
        foi_request=foi_request, appealed_date=datetime.date(2024, 8, 1), decision_notice_reference="IC-1"
    )
    assert "decision" in _refused(services.appeal_decide, appeal=appeal, decision="", decision_date=None)
    early = _refused(services.appeal_decide, appeal=appeal, decision="upheld", decision_date=datetime.date(2024, 7, 31))
    assert "cannot come before the appeal" in early["decision_date"][0]
    appeal = services.appeal_decide(appeal=appeal, decision="partly-upheld", decision_date=datetime.date(2024, 11, 4))
    assert appeal.decision_notice_reference == "IC-1" and appeal.get_decision_display() == "Complaint partly upheld"
    assert appeal.history.first().history_change_reason == "Appeal decided: complaint partly upheld"
    again = _refused(services.appeal_decide, appeal=appeal, decision="upheld", decision_date=datetime.date(2024, 11, 5))
    assert "already decided" in again["decision"][0]
