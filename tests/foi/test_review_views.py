"""The request page: the issue form's outcome fields, the review, decision and appeal forms, and their errors
shown at the fields."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from foi import services
from foi.models import ResponseVersion
from registry.choices import Role
from tests import factories


@pytest.fixture
def officer_client(council) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(council, Role.FOI))
    return client


@pytest.fixture
def open_request(council):
    foi_request = services.foi_request_create(
        organisation=council,
        reference="FOI-P",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many cameras?",
    )
    services.question_create(foi_request=foi_request, text="How many cameras?")
    return foi_request


def _issued_in_july(foi_request):
    version = services.foi_request_issue(foi_request=foi_request)
    issued_at = timezone.make_aware(datetime.datetime(2024, 7, 1, 10))
    ResponseVersion.objects.filter(pk=version.pk).update(issued_at=issued_at)


def _date(prefix: str, name: str, day: datetime.date) -> dict:
    return {f"{prefix}-{name}_day": day.day, f"{prefix}-{name}_month": day.month, f"{prefix}-{name}_year": day.year}


def test_a_cost_refusal_under_the_limit_is_shown_at_the_field(officer_client, open_request):
    url = f"/foi/{open_request.pk}/issue/"
    response = officer_client.post(
        url, {"outcome": "refused-cost", "cost_estimate_hours": "12", "advice_and_assistance": "Narrow it."}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert 'href="#id_cost_estimate_hours"' in page and "12 hours is not over the cost limit" in page
    assert 'value="12"' in page and not open_request.versions.exists()
    typo = officer_client.post(url, {"outcome": "refused-cost", "cost_estimate_hours": "twelve"})
    assert "Enter the estimated hours as a number" in typo.content.decode()
    issued = officer_client.post(
        url, {"outcome": "refused-cost", "cost_estimate_hours": "19", "advice_and_assistance": "Narrow it."}
    )
    assert issued.status_code == 302
    version = open_request.versions.get()
    assert version.outcome == "refused-cost" and version.letter
    page = officer_client.get(open_request.get_absolute_url()).content.decode()
    assert "Refused: cost limit" in page and "Estimate: 19.0 hours" in page
    # The cells follow the headings: Outcome, then Spreadsheet, then Letter.
    headings = page.split("Versions of the response issued", 1)[1].split("</thead>", 1)[0]
    assert headings.index(">Outcome<") < headings.index(">Spreadsheet<") < headings.index(">Letter<")
    row = page.split('<th scope="row" class="govuk-table__header">1</th>', 1)[1].split("</tr>", 1)[0]
    assert row.index("Refused: cost limit") < row.index("response.xlsx") < row.index("letter.docx")
    assert f'href="/foi/{open_request.pk}/versions/1/letter.docx"' in page


def test_recording_a_review_its_outcome_and_an_appeal(officer_client, open_request):
    _issued_in_july(open_request)
    page = officer_client.get(open_request.get_absolute_url()).content.decode()
    assert "Record a request for an internal review" in page and "Record an appeal" not in page
    url = f"/foi/{open_request.pk}/reviews/"
    missing = officer_client.post(url, {"review-grounds": ""}).content.decode()
    assert "Enter the date the review was asked for" in missing and "Enter the grounds" in missing
    assert 'href="#id_review-grounds"' in missing
    early = officer_client.post(
        url, {**_date("review", "requested_date", datetime.date(2024, 6, 30)), "review-grounds": "x"}
    )
    assert "before the response it reviews" in early.content.decode()
    late = officer_client.post(
        url,
        {**_date("review", "requested_date", datetime.date(2024, 9, 2)), "review-grounds": "<b>Incomplete</b>"},
        follow=True,
    )
    page = late.content.decode()
    assert "Internal review recorded; due 30 September 2024." in page
    assert "more than 40 working days after the response" in page and "Asked for late" in page
    assert "&lt;b&gt;Incomplete&lt;/b&gt;" in page
    review = open_request.reviews.get()
    decide = f"/foi/{open_request.pk}/reviews/{review.pk}/decide/"
    bad = officer_client.post(
        decide, {"decision-outcome": "", **_date("decision", "decided_date", datetime.date(2024, 9, 10))}
    )
    assert "Select outcome" in bad.content.decode()
    refused = officer_client.post(
        decide,
        {
            "decision-outcome": "overturned",
            "decision-response_outcome": "refused-exemption",
            **_date("decision", "decided_date", datetime.date(2024, 9, 10)),
        },
    )
    assert "needs at least one exemption" in refused.content.decode() and 'href="#id_decision-response_outcome"' in (
        refused.content.decode()
    )
    decided = officer_client.post(
        decide,
        {"decision-outcome": "overturned", **_date("decision", "decided_date", datetime.date(2024, 9, 10))},
        follow=True,
    )
    page = decided.content.decode()
    assert "Review decided: overturned. Version 2 of the response was issued." in page
    assert "Record an appeal to the Information Commissioner" in page
    appeal = officer_client.post(
        f"/foi/{open_request.pk}/appeals/",
        {
            **_date("appeal", "appealed_date", datetime.date(2024, 10, 1)),
            "appeal-decision_notice_reference": "IC-99",
            "appeal-decision": "upheld",
        },
    )
    assert "and the date of its decision notice together" in appeal.content.decode()
    recorded = officer_client.post(
        f"/foi/{open_request.pk}/appeals/",
        {**_date("appeal", "appealed_date", datetime.date(2024, 10, 1)), "appeal-decision_notice_reference": "IC-99"},
        follow=True,
    )
    assert "Appeal to the Information Commissioner&#x27;s Office recorded." in recorded.content.decode()
    page = recorded.content.decode()
    assert "IC-99" in page and "Record the decision of the Information Commissioner" in page
    appeal = open_request.appeals.get()
    decide = f"/foi/{open_request.pk}/appeals/{appeal.pk}/decide/"
    refused = officer_client.post(decide, {"regulator-decision": "upheld"}).content.decode()
    assert "Enter the date of the decision notice" in refused and 'href="#id_regulator-decision_date_0"' in refused
    decided = officer_client.post(
        decide,
        {"regulator-decision": "upheld", **_date("regulator", "decision_date", datetime.date(2024, 11, 1))},
        follow=True,
    )
    page = decided.content.decode()
    assert (
        "recorded." in page
        and "Decision of the Information Commissioner" in page
        and "Complaint upheld, 1 Nov 2024" in page
    )


def test_viewers_see_reviews_but_no_forms(council, open_request):
    _issued_in_july(open_request)
    services.review_request(foi_request=open_request, requested_date=datetime.date(2024, 7, 2), grounds="Why?")
    client = Client()
    client.force_login(factories.user_with_role(council, Role.VIEWER))
    page = client.get(open_request.get_absolute_url()).content.decode()
    assert "Internal reviews" in page and "Why?" in page and "Record the review" not in page
    assert client.post(f"/foi/{open_request.pk}/reviews/", {}).status_code == 403
