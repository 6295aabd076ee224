"""The FOI list's order, on the page and as the API's default: open work first, most overdue at the top; answered
and withdrawn requests after, the latest first. Django's clock is fixed so the deadlines do not drift."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from foi import services
from registry.choices import Role
from tests import factories
from tests.foi.conftest import client_for

TODAY = datetime.date(2025, 3, 12)  # a Wednesday


@pytest.fixture
def clock(monkeypatch):
    """Django's clock, at noon on ``TODAY``; ``clock.set(day)`` moves it (history rows take its time too)."""

    class Clock:
        def set(self, day: datetime.date) -> None:
            moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
            monkeypatch.setattr(timezone, "now", lambda: moment)

    clock = Clock()
    clock.set(TODAY)
    return clock


def _request(council, reference: str, received: datetime.date):
    return services.foi_request_create(
        organisation=council, reference=reference, received_date=received, subject=reference, request_text="?"
    )


def _answer(clock, foi_request, on: datetime.date):
    clock.set(on)
    services.question_create(foi_request=foi_request, text="How many cameras?")
    services.foi_request_issue(foi_request=foi_request)
    clock.set(TODAY)


@pytest.fixture
def requests(clock, council, other_council):
    """One of each kind, created in an order that is none of the orders the list could be mistaken for."""
    late_answered = _request(council, "ANSWERED-LATE", datetime.date(2025, 1, 6))
    _answer(clock, late_answered, datetime.date(2025, 3, 5))
    due_tomorrow = _request(council, "DUE-TOMORROW", datetime.date(2025, 2, 13))
    awaiting = _request(council, "AWAITING", datetime.date(2025, 3, 3))
    services.foi_request_clarification_request(foi_request=awaiting, requested_on=datetime.date(2025, 3, 5))
    withdrawn = _request(council, "WITHDRAWN", datetime.date(2025, 2, 10))
    clock.set(datetime.date(2025, 2, 20))
    services.foi_request_withdraw(foi_request=withdrawn)
    clock.set(TODAY)
    early_answered = _request(council, "ANSWERED-EARLY", datetime.date(2025, 1, 13))
    _answer(clock, early_answered, datetime.date(2025, 2, 7))
    overdue = _request(council, "OVERDUE", datetime.date(2025, 1, 20))
    _request(other_council, "OTHER-COUNCIL", datetime.date(2025, 1, 2))
    assert overdue.due_date == datetime.date(2025, 2, 17)
    assert due_tomorrow.due_date == TODAY + datetime.timedelta(days=1)
    return council


EXPECTED = ["OVERDUE", "DUE-TOMORROW", "AWAITING", "ANSWERED-LATE", "WITHDRAWN", "ANSWERED-EARLY"]


def test_the_page_lists_open_work_first_and_closed_requests_latest_first(requests):
    client = Client()
    client.force_login(factories.user_with_role(requests, Role.VIEWER))
    response = client.get("/foi/")
    assert [foi_request.reference for foi_request, _ in response.context["rows"]] == EXPECTED
    html = response.content.decode()
    positions = [html.index(f">{reference}</a>") for reference in EXPECTED]
    assert positions == sorted(positions)
    assert "Overdue by 17 working days" in html  # 18 Feb to 12 Mar 2025
    assert "OTHER-COUNCIL" not in html


def test_the_api_lists_in_the_same_order_by_default(requests):
    rows = client_for(factories.user_with_role(requests, Role.VIEWER)).get("/api/v1/foi/requests/").json()["results"]
    assert [row["reference"] for row in rows] == EXPECTED
    assert rows[0]["deadline"]["overdue"] is True and rows[1]["deadline"]["days_left"] == 1
    counts = {row["reference"]: (row["question_count"], row["version_count"]) for row in rows}
    assert counts == {reference: (1, 1) if "ANSWERED" in reference else (0, 0) for reference in EXPECTED}


@pytest.mark.parametrize("extra", [0, 10])
def test_the_page_costs_the_same_queries_however_many_requests(clock, requests, extra, django_assert_max_num_queries):
    for number in range(extra):
        services.question_create(foi_request=_request(requests, f"MORE-{number}", TODAY), text="How many?")
    client = Client()
    client.force_login(factories.user_with_role(requests, Role.VIEWER))
    with django_assert_max_num_queries(6):  # session, user, count, page, "may record requests", memberships
        assert client.get("/foi/").status_code == 200


def test_the_api_order_holds_across_pages(requests):
    client = client_for(factories.user_with_role(requests, Role.VIEWER))
    pages = [client.get(f"/api/v1/foi/requests/?limit=2&offset={offset}").json() for offset in (0, 2, 4)]
    assert [row["reference"] for page in pages for row in page["results"]] == EXPECTED


def test_the_status_filter_keeps_the_order(requests):
    client = client_for(factories.user_with_role(requests, Role.VIEWER))
    rows = client.get("/api/v1/foi/requests/?status=answered").json()["results"]
    assert [row["reference"] for row in rows] == ["ANSWERED-LATE", "ANSWERED-EARLY"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("received_date", ["ANSWERED-LATE", "ANSWERED-EARLY", "OVERDUE", "WITHDRAWN", "DUE-TOMORROW", "AWAITING"]),
        ("-received_date", ["AWAITING", "DUE-TOMORROW", "WITHDRAWN", "OVERDUE", "ANSWERED-EARLY", "ANSWERED-LATE"]),
        ("reference", sorted(EXPECTED)),
        ("-answered_date,reference", ["ANSWERED-LATE", "ANSWERED-EARLY", "AWAITING", "DUE-TOMORROW", "OVERDUE"]),
    ],
)
def test_ordering_still_chooses_another_order(requests, ordering, expected):
    client = client_for(factories.user_with_role(requests, Role.VIEWER))
    rows = client.get(f"/api/v1/foi/requests/?ordering={ordering}").json()["results"]
    assert [row["reference"] for row in rows][: len(expected)] == expected


def test_a_received_date_tie_has_a_stable_order(clock, council):
    for number in range(5):
        _request(council, f"SAME-DAY-{number}", datetime.date(2025, 3, 3))
    client = client_for(factories.user_with_role(council, Role.VIEWER))
    pages = [client.get(f"/api/v1/foi/requests/?ordering=received_date&limit=2&offset={n}").json() for n in (0, 2, 4)]
    references = [row["reference"] for page in pages for row in page["results"]]
    assert sorted(references) == [f"SAME-DAY-{number}" for number in range(5)]


@pytest.mark.parametrize("ordering", ["password", "organisation__name", "-100%"])
def test_an_unknown_ordering_is_a_400_naming_it(clock, council, ordering):
    response = client_for(factories.user_with_role(council, Role.VIEWER)).get(
        "/api/v1/foi/requests/", {"ordering": ordering}
    )
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_an_unknown_status_is_still_a_400(clock, council):
    response = client_for(factories.user_with_role(council, Role.VIEWER)).get("/api/v1/foi/requests/?status=lost")
    assert response.status_code == 400
    assert "status" in response.json()


def test_a_misspelt_filter_is_a_400_naming_it_not_every_request(clock, council):
    response = client_for(factories.user_with_role(council, Role.VIEWER)).get(
        "/api/v1/foi/requests/", {"statsu": "open", "limit": 10}
    )
    assert response.status_code == 400
    message = response.json()["statsu"][0]
    assert message.startswith("Unknown filter. Choose from: ")
    assert "status" in message and "ordering" in message and "limit" in message
