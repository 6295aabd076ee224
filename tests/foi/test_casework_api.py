"""The API's FOI casework: the requester (personal data, withheld from all but the organisation's FOI officers and
administrators and never exported), channel and assignment, the extension endpoint and the list's new filters."""

import datetime

import pytest
from django.utils import timezone

from foi import services
from registry.choices import Jurisdiction, Role
from tests import factories
from tests.foi.conftest import client_for

LIST = "/api/v1/foi/requests/"
RECEIVED = datetime.date(2025, 11, 17)
REQUESTER = {
    "requester_name": "Alex Requester",
    "requester_email": "alex@example.org",
    "requester_address": "1 High Street\nTown",
}


def _request(organisation, reference="FOI-1", received_date=RECEIVED, **fields):
    return services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=received_date,
        subject="Library cameras",
        request_text="How many cameras are in your libraries?",
        **fields,
    )


@pytest.fixture
def with_requester(council):
    return _request(council, channel="email", **REQUESTER)


def test_an_foi_officer_records_and_reads_the_requester_channel_and_assignee(council, foi_officer):
    client = client_for(foi_officer)
    body = {
        "reference": "FOI-9",
        "received_date": "2025-11-17",
        "subject": "Cameras",
        "request_text": "How many?",
        "channel": "whatdotheyknow",
        "assigned_to": foi_officer.pk,
        **REQUESTER,
    }
    response = client.post(LIST, body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert {name: created[name] for name in REQUESTER} == REQUESTER
    assert created["requester_withheld"] is False
    assert (created["channel"], created["channel_label"]) == ("whatdotheyknow", "WhatDoTheyKnow")
    assert (created["assigned_to"], created["assigned_to_name"]) == (foi_officer.pk, "foi")
    assert (created["due_date"], created["extended_due_date"]) == ("2025-12-16", None)
    assert created["extensions"] == []


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER])
def test_the_requester_is_withheld_from_other_members(council, with_requester, role):
    client = client_for(factories.user_with_role(council, role))
    for url in (LIST, f"{LIST}{with_requester.pk}/"):
        body = client.get(url).json()
        row = body["results"][0] if "results" in body else body
        assert row["requester_withheld"] is True
        assert {name: row[name] for name in REQUESTER} == dict.fromkeys(REQUESTER)
        assert row["channel"] == "email"  # not personal data
    history = client.get(f"{LIST}{with_requester.pk}/history/").json()
    assert "Alex" not in str(history) and "alex@example.org" not in str(history)


def test_no_history_shows_the_requester_even_to_an_foi_officer(council, with_requester, foi_officer):
    """Every history (the request's, the change log and its downloads) says the requester changed, never what to."""
    services.foi_request_update(foi_request=with_requester, requester_name="Sam Requester")
    client = client_for(foi_officer)
    history = client.get(f"{LIST}{with_requester.pk}/history/").json()["results"]
    assert {"field": "Requester name", "old": "Withheld: personal data", "new": "Withheld: personal data"} in history[
        0
    ]["changes"]
    changes = client.get("/api/v1/changes/", {"object_type": "foi_request"}).json()
    for text in ("Alex", "Sam", "alex@example.org", "High Street"):
        assert text not in str(history) and text not in str(changes)
    client.force_login(foi_officer)
    for download in ("/changes/download.csv", "/changes/download.xlsx"):
        content = b"".join(client.get(download).streaming_content)
        assert b"Alex" not in content and b"High Street" not in content


def test_the_requester_is_searched_only_by_those_who_may_see_it(council, with_requester, viewer, foi_officer):
    _request(council, "FOI-2")
    assert [row["reference"] for row in client_for(foi_officer).get(LIST, {"q": "alex@"}).json()["results"]] == [
        "FOI-1"
    ]
    assert client_for(viewer).get(LIST, {"q": "alex@"}).json()["results"] == []
    assert client_for(viewer).get(LIST, {"q": "library CAMERAS"}).json()["count"] == 2
    assert client_for(viewer).get(LIST, {"q": "FOI-2"}).json()["count"] == 1


def test_assigned_to_me_and_to_an_officer(council, foi_officer):
    colleague = factories.user_with_role(council, Role.FOI)
    _request(council, "MINE", assigned_to=foi_officer)
    _request(council, "THEIRS", assigned_to=colleague)
    _request(council, "NOBODYS")
    client = client_for(foi_officer)
    assert [row["reference"] for row in client.get(LIST, {"assigned_to": "me"}).json()["results"]] == ["MINE"]
    theirs = client.get(LIST, {"assigned_to": colleague.pk}).json()["results"]
    assert [row["reference"] for row in theirs] == ["THEIRS"]
    for bad in ("you", "-1", "0", "99999999999", "1\x00"):
        response = client.get(LIST, {"assigned_to": bad})
        assert response.status_code == 400, bad
        assert "assigned_to" in response.json()


@pytest.mark.parametrize("who", [Role.VIEWER, Role.OFFICER, "other"])
def test_assigning_anyone_but_an_foi_officer_or_admin_is_a_400(council, other_council, with_requester, who):
    user = factories.user_with_role(other_council if who == "other" else council, Role.FOI if who == "other" else who)
    client = client_for(factories.user_with_role(council, Role.FOI))
    response = client.patch(f"{LIST}{with_requester.pk}/", {"assigned_to": user.pk}, format="json")
    assert response.status_code == 400
    assert "active FOI officer or administrator of Demo Council" in response.json()["assigned_to"][0]
    unknown = client.patch(f"{LIST}{with_requester.pk}/", {"assigned_to": 987654}, format="json")
    assert unknown.status_code == 400 and "assigned_to" in unknown.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"requester_email": "not an address"}, "requester_email"),
        ({"requester_name": 7}, "requester_name"),
        ({"channel": "pigeon"}, "channel"),
        ({"assigned_to": "me"}, "assigned_to"),
    ],
)
def test_bad_casework_values_are_400s_naming_the_field(council, with_requester, foi_client, body, field):
    response = foi_client.patch(f"{LIST}{with_requester.pk}/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_null_clears_the_requester(council, with_requester, foi_client):
    response = foi_client.patch(
        f"{LIST}{with_requester.pk}/", {"requester_email": None, "requester_name": None}, format="json"
    )
    assert response.status_code == 200, response.json()
    with_requester.refresh_from_db()
    assert (with_requester.requester_name, with_requester.requester_email) == ("", "")


class TestExtend:
    def test_an_foi_officer_extends_and_every_deadline_follows(self, council, with_requester, foi_client):
        response = foi_client.post(
            f"{LIST}{with_requester.pk}/extend/", {"working_days": 10, "reason": "Public interest test"}, format="json"
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert (body["due_date"], body["extended_due_date"], body["deadline"]["due_date"]) == (
            "2025-12-16",
            "2026-01-05",
            "2026-01-05",
        )
        extension = body["extensions"][0]
        assert (extension["working_days"], extension["reason"]) == (10, "Public interest test")
        assert extension["extended_by"].startswith("foi-") and extension["extended_at"]
        listed = foi_client.get(LIST).json()["results"][0]
        assert (listed["extended_due_date"], listed["deadline"]["due_date"]) == ("2026-01-05", "2026-01-05")

    def test_a_scottish_request_cannot_be_extended(self, db):
        highland = factories.organisation(name="Highland", slug="highland", jurisdiction=Jurisdiction.SCOTLAND)
        foi_request = _request(highland)
        client = client_for(factories.user_with_role(highland, Role.FOI))
        response = client.post(
            f"{LIST}{foi_request.pk}/extend/", {"working_days": 5, "reason": "Public interest"}, format="json"
        )
        assert response.status_code == 400
        assert "(Scotland) Act 2002 has no extension" in response.json()["working_days"][0]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"working_days": 0, "reason": "x"}, "working_days"),
            ({"working_days": 21, "reason": "x"}, "working_days"),
            ({"working_days": "ten", "reason": "x"}, "working_days"),
            ({"working_days": 5, "reason": ""}, "reason"),
            ({"working_days": 5}, "reason"),
            ({"working_days": 5, "reason": 5}, "reason"),
        ],
    )
    def test_bad_bodies_are_400s_naming_the_field(self, with_requester, foi_client, body, field):
        response = foi_client.post(f"{LIST}{with_requester.pk}/extend/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_past_the_cap_says_how_many_remain(self, with_requester, foi_client):
        url = f"{LIST}{with_requester.pk}/extend/"
        assert foi_client.post(url, {"working_days": 18, "reason": "PIT"}, format="json").status_code == 200
        response = foi_client.post(url, {"working_days": 3, "reason": "More"}, format="json")
        assert response.status_code == 400
        assert "2 more at most" in response.json()["working_days"][0]

    def test_an_answered_request_cannot_be_extended(self, council, library_request, foi_client):
        services.question_create(foi_request=library_request, text="How many?", group_by=[])
        services.foi_request_issue(foi_request=library_request)
        response = foi_client.post(
            f"{LIST}{library_request.pk}/extend/", {"working_days": 5, "reason": "PIT"}, format="json"
        )
        assert response.status_code == 400
        assert "answered cannot be extended" in response.json()["status"][0]

    def test_a_viewer_is_refused_and_another_organisation_is_not_found(
        self, council, other_council, with_requester, viewer_client
    ):
        url = f"{LIST}{with_requester.pk}/extend/"
        assert viewer_client.post(url, {"working_days": 5, "reason": "x"}, format="json").status_code == 403
        other = client_for(factories.user_with_role(other_council, Role.ADMIN))
        assert other.post(url, {"working_days": 5, "reason": "x"}, format="json").status_code == 404


def test_the_deadline_filter_counts_the_extended_deadline(council, foi_client):
    """Received 40 days ago: the statutory deadline has passed (about 8 working days ago). Extended by 20 working
    days, the same request is due about 12 working days from now: neither overdue nor due soon."""
    received = timezone.localdate() - datetime.timedelta(days=40)
    _request(council, "OVERDUE", received_date=received)
    extended = _request(council, "EXTENDED", received_date=received)
    services.foi_request_extend(foi_request=extended, working_days=20, reason="Public interest test")
    _request(council, "FRESH", received_date=timezone.localdate())

    def listed(deadline: str) -> list[str]:
        return [row["reference"] for row in foi_client.get(LIST, {"deadline": deadline}).json()["results"]]

    assert listed("overdue") == ["OVERDUE"]
    assert listed("due-soon") == ["OVERDUE"]
    assert foi_client.get(LIST, {"deadline": "someday"}).status_code == 400


@pytest.mark.parametrize(
    "value", ["me", "1", "7", "999999999", "1000000000", "2147483647", "2147483648", "0", "-1", "you", "01", "1.0"]
)
def test_the_schema_states_exactly_the_assignees_the_filter_takes(value):
    """Found by the fuzz: the schema said any text, the filter refused most of it."""
    import re

    from django import forms

    from foi.filtersets import ASSIGNEE_PATTERN, AssigneeField

    try:
        AssigneeField().clean(value)
        taken = True
    except forms.ValidationError:
        taken = False
    assert bool(re.fullmatch(ASSIGNEE_PATTERN, value)) is taken, value
