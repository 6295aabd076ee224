"""The API for outcomes, reviews and appeals: who may, isolation between councils, and a 400 naming the field."""

import datetime

import pytest
from django.utils import timezone

from foi import services
from foi.models import ResponseVersion, Review
from registry.choices import Role
from tests import factories
from tests.foi.conftest import client_for


@pytest.fixture
def answered(council):
    foi_request = services.foi_request_create(
        organisation=council,
        reference="FOI-API",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many cameras?",
    )
    services.question_create(foi_request=foi_request, text="How many cameras?")
    version = services.foi_request_issue(foi_request=foi_request)
    issued_at = timezone.make_aware(datetime.datetime(2024, 7, 1, 10))
    ResponseVersion.objects.filter(pk=version.pk).update(issued_at=issued_at)
    return foi_request


def _issue_url(foi_request) -> str:
    return f"/api/v1/foi/requests/{foi_request.pk}/issue/"


def test_issuing_takes_the_outcome_and_answers_it(council, foi_client):
    foi_request = services.foi_request_create(
        organisation=council,
        reference="FOI-O",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many cameras?",
    )
    services.question_create(foi_request=foi_request, text="How many cameras?")
    under = foi_client.post(
        _issue_url(foi_request),
        {"outcome": "refused-cost", "cost_estimate_hours": "18", "advice_and_assistance": "Narrow it."},
        format="json",
    )
    assert under.status_code == 400 and "not over the cost limit" in under.data["cost_estimate_hours"][0]
    for body, field in (
        ({"outcome": "granted-ish"}, "outcome"),
        ({"outcome": "refused-cost", "cost_estimate_hours": "123456789"}, "cost_estimate_hours"),
        ({"outcome": "refused-cost", "cost_estimate_hours": "-1"}, "cost_estimate_hours"),
        (
            {"outcome": "refused-cost", "cost_estimate_hours": "19", "advice_and_assistance": "a\x00b"},
            "advice_and_assistance",
        ),
        ({"outcome": "partly-granted"}, "outcome"),
    ):
        response = foi_client.post(_issue_url(foi_request), body, format="json")
        assert response.status_code == 400 and field in response.data, (body, response.data)
    issued = foi_client.post(
        _issue_url(foi_request),
        {"outcome": "refused-cost", "cost_estimate_hours": "18.5", "advice_and_assistance": "Narrow it."},
        format="json",
    )
    assert issued.status_code == 201, issued.data
    assert issued.data["outcome"] == "refused-cost" and issued.data["cost_estimate_hours"] == "18.5"
    assert issued.data["letter"].endswith("/versions/1/letter.docx")
    # A v1 client sending nothing still issues, with the outcome worked out.
    second = foi_client.post(_issue_url(foi_request), {"reason": "Corrected"}, format="json")
    assert second.status_code == 201 and second.data["outcome"] == "granted"


def test_reviews_through_the_api(answered, foi_client, viewer_client):
    url = f"/api/v1/foi/requests/{answered.pk}/reviews/"
    assert viewer_client.post(url, {"requested_date": "2024-07-02", "grounds": "x"}, format="json").status_code == 403
    for body, field in (
        ({"grounds": "x"}, "requested_date"),
        ({"requested_date": "2024-13-45", "grounds": "x"}, "requested_date"),
        ({"requested_date": "2024-06-01", "grounds": "x"}, "requested_date"),
        ({"requested_date": "2024-07-02", "grounds": "\x00"}, "grounds"),
    ):
        response = foi_client.post(url, body, format="json")
        assert response.status_code == 400 and field in response.data, (body, response.data)
    late = foi_client.post(url, {"requested_date": "2024-09-02", "grounds": "Incomplete."}, format="json")
    assert late.status_code == 201, late.data
    assert late.data["requested_late"] is True and "more than 40 working days" in late.data["warning"]
    assert late.data["due_date"] == "2024-09-30" and late.data["outcome"] == "" and late.data["version"] is None
    assert [review["id"] for review in viewer_client.get(url).data] == [late.data["id"]]

    decide = f"{url}{late.data['id']}/decide/"
    assert (
        viewer_client.post(decide, {"outcome": "upheld", "decided_date": "2024-09-10"}, format="json").status_code
        == 403
    )
    bad = foi_client.post(decide, {"outcome": "dismissed", "decided_date": "2024-09-10"}, format="json")
    assert bad.status_code == 400 and "outcome" in bad.data
    wrong = foi_client.post(
        decide,
        {"outcome": "overturned", "decided_date": "2024-09-10", "response_outcome": "partly-granted"},
        format="json",
    )
    assert wrong.status_code == 400 and "needs at least one exemption" in wrong.data["response_outcome"][0]
    decided = foi_client.post(decide, {"outcome": "overturned", "decided_date": "2024-09-10"}, format="json")
    assert decided.status_code == 200, decided.data
    assert decided.data["outcome"] == "overturned" and decided.data["version"] == 2
    again = foi_client.post(decide, {"outcome": "upheld", "decided_date": "2024-09-11"}, format="json")
    assert again.status_code == 400 and "already decided" in again.data["outcome"][0]
    detail = foi_client.get(f"/api/v1/foi/requests/{answered.pk}/").data
    assert detail["reviews"][0]["outcome_label"] == "Overturned"
    assert detail["versions"][1]["reason"] == "Internal review"


def test_appeals_through_the_api(answered, foi_client, viewer_client):
    url = f"/api/v1/foi/requests/{answered.pk}/appeals/"
    early = foi_client.post(url, {"appealed_date": "2024-08-01"}, format="json")
    assert early.status_code == 400 and "appealed_date" in early.data
    review = services.review_request(foi_request=answered, requested_date=datetime.date(2024, 7, 2), grounds="x")
    services.review_decide(review=review, outcome="upheld", decided_date=datetime.date(2024, 7, 10))
    assert viewer_client.post(url, {"appealed_date": "2024-08-01"}, format="json").status_code == 403
    for body, field in (
        ({"appealed_date": "2024-08-01", "regulator": "sic", "decision": "won"}, "decision"),
        ({"appealed_date": "2024-08-01", "decision_notice_reference": "x" * 51}, "decision_notice_reference"),
        ({"appealed_date": "2024-08-01", "decision_date": "2024-09-01"}, "decision"),
    ):
        response = foi_client.post(url, body, format="json")
        assert response.status_code == 400 and field in response.data, (body, response.data)
    created = foi_client.post(
        url, {"appealed_date": "2024-08-01", "decision_notice_reference": "IC-1", "regulator": "sic"}, format="json"
    )
    assert created.status_code == 201, created.data
    assert created.data["regulator"] == "ico" and created.data["regulator_label"] == "Information Commissioner's Office"
    assert viewer_client.get(url).data[0]["decision_notice_reference"] == "IC-1"
    decide = f"{url}{created.data['id']}/decide/"
    body = {"decision": "not-upheld", "decision_date": "2024-11-01", "decision_notice_reference": "IC-1-DN"}
    assert viewer_client.post(decide, body, format="json").status_code == 403
    missing = foi_client.post(decide, {"decision": "not-upheld"}, format="json")
    assert missing.status_code == 400 and "decision_date" in missing.data
    decided = foi_client.post(decide, body, format="json")
    assert decided.status_code == 200, decided.data
    assert (
        decided.data["decision_label"] == "Complaint not upheld"
        and decided.data["decision_notice_reference"] == "IC-1-DN"
    )
    assert foi_client.post(decide, body, format="json").status_code == 400
    assert foi_client.post(f"{url}999999/decide/", body, format="json").status_code == 404


def test_another_council_never_reaches_the_reviews(answered, other_council):
    outsider = client_for(factories.user_with_role(other_council, Role.ADMIN))
    base = f"/api/v1/foi/requests/{answered.pk}"
    review = services.review_request(foi_request=answered, requested_date=datetime.date(2024, 7, 2), grounds="x")
    assert outsider.get(f"{base}/reviews/").status_code == 404
    assert outsider.post(f"{base}/reviews/", {}, format="json").status_code == 404
    assert outsider.post(f"{base}/reviews/{review.pk}/decide/", {}, format="json").status_code == 404
    assert outsider.get(f"{base}/appeals/").status_code == 404
    assert Review.objects.get().outcome == ""


def test_a_review_of_another_request_is_not_found(answered, council, foi_client):
    other = services.foi_request_create(
        organisation=council,
        reference="FOI-OTHER",
        received_date=datetime.date(2024, 6, 3),
        subject="Other",
        request_text="Other?",
    )
    review = services.review_request(foi_request=answered, requested_date=datetime.date(2024, 7, 2), grounds="x")
    response = foi_client.post(
        f"/api/v1/foi/requests/{other.pk}/reviews/{review.pk}/decide/",
        {"outcome": "upheld", "decided_date": "2024-07-03"},
        format="json",
    )
    assert response.status_code == 404
